"""Drop the blank lines and indentation that templates leave between tags.

Why: Material's Jinja templates indent every block and leave blank lines where a block
renders nothing; in a page's first view (issue 14) that is about 0.7 KiB gzip of nothing.
Whitespace between two tags that spans a line is replaced by a single newline, which the
browser renders exactly as before (it collapses white space to one space). Text, attribute
values, and everything inside <pre>, <textarea>, <code>, <script> and <style> stay as written.

Speed (issue 14): every pattern starts with a literal, which the regex engine finds fast. The
first version, one pattern whose second branch began with a look-behind `(?<=>)`, was tried at
every character of every page: 1.4 ms a page, now about 0.45 ms.
tests/unit/test_hook_cost_pages.py checks that the output is the first version's, byte for byte.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

KEPT = re.compile(r"<(pre|textarea|code|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
# White space spanning a line between two tags, where compacting changes it (a bare "\n" stays as it is).
CHANGED = re.compile(r">(?:[ \t\r\f]+\n\s*|\n\s+)(?=<)")
# Around kept blocks, when one holds such white space: the page is then compacted stretch by stretch.
BETWEEN = re.compile(r">[ \t\r\f]*\n\s*(?=<)")
BEFORE_KEPT = re.compile(r">[ \t\r\f]*\n\s*\Z")  # at the end of a stretch that a kept block follows
# At the start of a stretch that follows a kept block (up to the next kept block, if one follows).
AFTER_KEPT = {False: re.compile(r"\A[ \t\r\f]*\n\s*(?=<)"), True: re.compile(r"\A[ \t\r\f]*\n\s*(?=<|\Z)")}


def compact(html: str) -> str:
    kept = [m.span() for m in KEPT.finditer(html)]
    # A change starts and ends inside one kept block or outside all of them; it never crosses an edge.
    # So when no kept block holds one, a single pass over the whole page is enough (the usual case).
    if not any(CHANGED.search(html, start, end) for start, end in kept):
        return CHANGED.sub(">\n", html)
    out, position = [], 0
    for start, end in kept:
        out += (_stretch(html[position:start], position > 0, True), html[start:end])  # position > 0: after a block
        position = end
    out.append(_stretch(html[position:], bool(kept), False))
    return "".join(out)


def _stretch(text: str, after_kept: bool, before_kept: bool) -> str:
    text = BETWEEN.sub(">\n", text)
    if before_kept:
        text = BEFORE_KEPT.sub(">\n", text)
    if after_kept:
        text = AFTER_KEPT[before_kept].sub("\n", text)
    return text


@event_priority(-200)  # last: after every hook that edits the page's output
def on_post_page(output, page, config):
    return compact(output)
