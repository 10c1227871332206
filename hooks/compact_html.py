"""Drop the blank lines and indentation that templates leave between tags.

Why: Material's Jinja templates indent every block and leave blank lines where a block
renders nothing; in a page's first view (issue 14) that is about 0.7 KiB gzip of nothing.
Whitespace between two tags that spans a line is replaced by a single newline, which the
browser renders exactly as before (it collapses white space to one space). Text, attribute
values, and everything inside <pre>, <textarea>, <code>, <script> and <style> stay as written.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

# A block kept as written, or white space spanning a line between two tags (`<` only looked at).
TOKEN = re.compile(
    r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>)|(?<=>)[ \t\r\f]*\n\s*(?=<)", re.DOTALL | re.IGNORECASE
)


def compact(html: str) -> str:
    return TOKEN.sub(lambda m: m[1] or "\n", html)


@event_priority(-200)  # last: after every hook that edits the page's output
def on_post_page(output, page, config):
    return compact(output)
