"""In a strict build a warning stops the build, so `mkdocs build -q` must not hide it.

Why: MkDocs reports its own validation (a page left out of the nav, a broken link or
anchor) as warnings, and strict mode counts the warnings it *sees*. `-q` raises the
"mkdocs" logger to ERROR, so those warnings were never emitted, never counted, and
`mkdocs build -q` exited 0 on a site that `mkdocs build` rejects (issue 17). Under
strict mode this hook lowers that logger back to WARNING: `-q` still hides progress
messages, but a problem that stops the build is printed and stops it. Our own hooks
raise a PluginError instead of warning, which no log level can hide.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

MKDOCS_LOGGER = "mkdocs"


@event_priority(100)  # before any other hook or plugin can warn
def on_config(config):
    if config.strict:
        logger = logging.getLogger(MKDOCS_LOGGER)
        if not logger.isEnabledFor(logging.WARNING):
            logger.setLevel(logging.WARNING)
    return config
