"""Stop the build when a cited sentence and the claims ledger disagree.

Why: a citation must support its sentence, and the ledger (data/claims/) records, for
each cited sentence, the passage of each source it rests on and when that was checked.
A sentence with no entry, an entry whose sentence is gone, or keys that differ, each
give one line naming the file and line; editing a cited sentence therefore asks for its
check again (`scripts/claims.py stub` writes the entry to fill in).
The ledger reads the page as written, from its file, so placeholders and line numbers are the editor's.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from editorial import claims
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

MAX_SHOWN = 20


@event_priority(95)  # after the unknown-key check (a worse problem), before mkdocs-bibtex
def on_page_markdown(markdown, page, config, files):
    root = Path(config.config_file_path).parent
    if not (root / "data" / "claims").is_dir():  # a site without a ledger (test fixtures); the real site has one
        return markdown
    ledger = claims.ledger_path(root, page.file.src_uri)
    shown = ledger.relative_to(root).as_posix() if ledger.is_relative_to(root) else str(ledger)
    source = page.file.content_string  # with front matter, so that line numbers match the file
    problems = claims.check_page(source, f"docs/{page.file.src_uri}", ledger, shown, datetime.date.today())
    if problems:
        if len(problems) > MAX_SHOWN:
            problems = [*problems[:MAX_SHOWN], f"… and {len(problems) - MAX_SHOWN} more"]
        raise PluginError("\n".join(problems))
    return markdown
