"""Ship the site's own scripts and stylesheets minified.

Why: tooltips.js, cite.js, search-fuzzy.js, extra.css and the rest load on every page
(issue 14's first-view budget), and about half of each is comments that explain them to
editors. rjsmin and rcssmin (well-kept, pure-Python rules of Douglas Crockford's jsmin and
YUI's cssmin) drop comments and spaces in the built copy only; the files in docs/ stay as
written, and `mkdocs serve` ships them as written, for readable previews and quick builds.
Files already minified (`*.min.js`, vendored) are left alone; `/*! … */` comments are kept.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

state: dict[str, bool] = {}


def minify(src_uri: str, text: str) -> str:
    if src_uri.endswith(".js"):
        return rjsmin.jsmin(text, keep_bang_comments=True)
    return rcssmin.cssmin(text, keep_bang_comments=True)


def is_own_source(file, docs_dir: str) -> bool:
    """A script or stylesheet of the site's own (under docs/), not one already minified."""
    if not file.src_uri.endswith((".js", ".css")) or ".min." in file.src_uri or not file.abs_src_path:
        return False
    return Path(file.abs_src_path).resolve().is_relative_to(Path(docs_dir).resolve())


def on_startup(command, dirty):
    state["serve"] = command == "serve"


@event_priority(-90)  # after hooks/prune_assets.py, which may replace a file with a generated one
def on_files(files, config):
    if state.get("serve"):
        return files
    for file in list(files):
        if is_own_source(file, config.docs_dir):
            text = Path(file.abs_src_path).read_text(encoding="utf-8")
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=minify(file.src_uri, text)))
    return files
