"""The faster per-page steps of issue 14 (second half) give exactly what the slower ones gave.

Each test keeps the slow version as the reference and compares outputs on every short input.
"""

from __future__ import annotations

import itertools
import random
import re

from editorial import masking

# hooks/compact_html.py before: one pattern whose second branch starts with a look-behind.
SLOW_COMPACT = re.compile(
    r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>)|(?<=>)[ \t\r\f]*\n\s*(?=<)", re.DOTALL | re.IGNORECASE
)
PIECES = ["<pre>", "</pre>", "<code>", "</CODE>", "<b>", "</b>", ">", "<", " ", "\n", "\t", "x", "\n  ", "<presto>"]
PIECES += ["<script>", "</script >", "<pre"]


def slow_compact(html: str) -> str:
    return SLOW_COMPACT.sub(lambda m: m[1] or "\n", html)


def test_compact_html_gives_what_the_single_pattern_gave(hook):
    compact = hook("compact_html").compact
    for length in range(4):
        for pieces in itertools.product(PIECES, repeat=length):
            html = "".join(pieces)
            assert compact(html) == slow_compact(html), repr(html)
    rng = random.Random(14)
    for _ in range(20000):
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(4, 16)))
        assert compact(html) == slow_compact(html), repr(html)


def test_compact_html_gives_what_the_single_pattern_gave_on_a_page(hook):
    """A page as Material renders it: kept blocks next to each other, at the start and at the end."""
    page = (
        "<!doctype html>\n<html>\n  <head>\n    <script>var a = 1;\n\n  </script>\n    <style>\n p{}\n</style>"
        "\n\n  </head>\n  <body>\n    <pre><code>x\n\n  <b>y</b>\n</code></pre>\n  \n  <code>a</code>\n"
        "<p>text\n   more</p>\n  <textarea>\n  </textarea>\n</body>\n</html>\n  "
    )
    compact = hook("compact_html").compact
    assert compact(page) == slow_compact(page)  # one pass over the whole page
    assert "\n\n" not in compact(page).replace("var a = 1;\n\n", "").replace("x\n\n", "")
    # a kept block with white space between tags inside: compacted stretch by stretch, the block as written
    held = page.replace("<code>a</code>", "<code>a>\n   <b>c</b></code>")
    assert compact(held) == slow_compact(held)
    assert "<code>a>\n   <b>c</b></code>" in compact(held)


def slow_bracket_depths(line: str) -> list[int]:
    """hooks/citations.py before: one step per character."""
    depths, depth, escaped = [], 0, False
    for char in line:
        depths.append(depth)
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
    return depths


def test_bracket_depths_give_what_the_character_scan_gave(hook):
    depths = hook("citations").bracket_depths
    for length in range(8):
        for chars in itertools.product("[]\\a@", repeat=length):
            line = "".join(chars)
            assert depths(line) == slow_bracket_depths(line), repr(line)


def test_lines_without_an_at_sign_still_report_what_needs_no_at_sign(hook):
    """problems() skips lines with no "@"; a split group, a bibliography command, an open comment still count."""
    citations = hook("citations")
    text = "Text [see\n@a2020x] here.\n\\bibliography\n<!-- open\nmore"
    found = citations.problems(masking.mask(text).text, {"a2020x"})
    assert [f.split(":")[0] for f in found] == ["3", "1", "4"]
    assert "split over two lines" in found[1] and "never closed" in found[2]
    # lines with brackets but no "@" report nothing, as before
    assert citations.problems("[link](x) and [x][y] and \\[ a ] [b [c]]\n", {"a2020x"}) == []
