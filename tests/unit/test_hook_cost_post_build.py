"""The faster steps of issue 14 (third session) give exactly what the slower ones gave.

Each test keeps the slow version as the reference: the stylesheet's page scan, the right-to-left search,
the third-party guard, LaTeX escaping and citeproc-py's cached look-ups.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

from citeproc.model import Locale, Parent
from citing import latex, records, styles
from pybtex.database import parse_file
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[2]

# Pieces of pages, with line breaks inside class attributes and around dir=rtl, where a match crosses lines.
PAGE_PIECES = [
    '<div class="md-nav">',
    "</div>",
    "\n",
    '<a class="md-nav__link\nmd-ellipsis" href="x">',
    "<span class='a b'>",
    '<p class=\n"c">',
    '<i class = "d"',
    ">",
    "class=",
    '"e f"',
    " x ",
    "<KBD>",
    "<h5>",
    "style='--md-x: 1'",
    "--md-icon",
    '<html dir="rtl">',
    "dir\n=rtl",
    "DiR= 'RtL'",
    "dir=",
    "rtl",
    "\u2003",
    "<svg>",
    "\r\n",
]


def reference_usage(prune, pages: list[str]) -> tuple:
    """hooks/prune_css.py before: every page scanned whole."""
    classes, elements, properties, rtl = set(), set(), set(), False
    for html in pages:
        classes |= prune.html_classes(html)
        elements |= prune.html_elements(html)
        properties |= set(prune.CUSTOM_PROPERTY.findall(html))
        rtl = rtl or bool(prune.RTL_ATTRIBUTE.search(html))
    return classes, elements, properties, rtl


def scanned_usage(prune, pages: list[str]) -> tuple:
    scan = prune.PageScan()
    for html in pages:
        scan.add(html)
    return scan.classes, scan.elements, scan.properties, scan.right_to_left


def test_page_scan_gives_what_scanning_each_page_whole_gave(hook):
    prune = hook("prune_css")
    rng = random.Random(14)
    for _ in range(3000):
        shared = ["".join(rng.choice(PAGE_PIECES) for _ in range(rng.randint(1, 6))) for _ in range(4)]
        pages = []
        for _ in range(rng.randint(1, 5)):  # pages that repeat one another's lines, as a site's do
            parts = [rng.choice(shared) if rng.random() < 0.6 else rng.choice(PAGE_PIECES) for _ in range(8)]
            pages.append("\n".join(parts))
        assert scanned_usage(prune, pages) == reference_usage(prune, pages), pages


def test_page_scan_on_built_pages(hook):
    """The real site's built pages, if a build is at hand (./scripts/build leaves one in site/)."""
    prune = hook("prune_css")
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "site").rglob("*.html"))][:200]
    assert scanned_usage(prune, pages) == reference_usage(prune, pages)


def test_a_line_left_inside_a_class_attribute_is_read_with_its_page(hook):
    prune = hook("prune_css")
    first = '<p class="a">\n<b class="b'
    second = 'c">\n<p class="a">'  # "b" and "c" are one class only on the first page
    assert scanned_usage(prune, [first, second]) == reference_usage(prune, [first, second])
    assert scanned_usage(prune, ['<i class="b\nc">'])[0] == {"b", "c"}
    # likewise "dir" at the end of a line: the "=rtl" line below it was read before, on another page
    assert scanned_usage(prune, ["=rtl", "dir\n=rtl"])[3] is True
    assert scanned_usage(prune, ["=rtl", "<p class=\n='a'>"])[0] == reference_usage(prune, ["<p class=\n='a'>"])[0]


def test_right_to_left_gives_what_the_pattern_gave(hook):
    prune = hook("prune_css")
    alphabet = ["d", "D", "i", "r", "R", "t", "T", "l", "L", "=", " ", "\n", '"', "'", "x", "\u2003", "\x1c"]
    for length in range(7):
        for pieces in itertools.product(alphabet, repeat=length) if length < 6 else []:
            html = "".join(pieces)
            assert prune.is_right_to_left(html) == bool(prune.RTL_ATTRIBUTE.search(html)), repr(html)
    rng = random.Random(14)
    words = ["dir", "DIR", "=", "rtl", "RTL", " ", "\n", "'", '"', "x", "dirt", "=rtl"]
    for _ in range(20000):
        html = "".join(rng.choice(words) for _ in range(rng.randint(1, 9)))
        assert prune.is_right_to_left(html) == bool(prune.RTL_ATTRIBUTE.search(html)), repr(html)


def slow_third_party_resources(guard, html: str, own_host: str | None = None) -> list[str]:
    """hooks/third_party_guard.py before: its rules on every page, without the one-query pre-check."""
    return guard.fetched_off_site(LexborHTMLParser(html), own_host)


GUARD_URLS = ["https://cdn.example/a.js", "//cdn.example/b", "../assets/c.js", "https://site.example/d", "", "data:x"]
GUARD_URLS += ["http://127.0.0.1:8000/e", "/\t/tab.example/f", "HTTPS://UP.example/g", "http://[::1", "mailto:a@b"]


def guard_piece(rng: random.Random) -> str:
    url = rng.choice(GUARD_URLS)
    return rng.choice(
        [
            f'<script src="{url}"></script>',
            f"<IMG SRC='{url}'>",
            f'<img/src="{url}">',
            f'<iframe src="{url}"></iframe>',
            f'<video><source src="{url}"></video>',
            f'<object data="{url}"></object>',
            f'<input type="image" src="{url}">',
            f'<svg><image href="{url}"/></svg>',
            f'<svg><image xlink:href="{url}"/></svg>',
            f'<link rel="{rng.choice(["stylesheet", "canonical", "icon preload", "next"])}" href="{url}">',
            f'<a href="{url}">link</a>',
            f'<span style="background:url({url})">s</span>',
            f'<p style="color:red" data="{url}" href="{url}">p</p>',
            f"<!-- <img src='{url}'> -->",
            f"<script>var a = '<img src=\"{url}\">';</script>",
            f'<textarea><img src="{url}"></textarea>',
            f'<img alt=">" src="{url}">',
        ]
    )


def test_guard_finds_what_a_query_per_rule_found(hook):
    guard = hook("third_party_guard")
    rng = random.Random(14)
    for _ in range(4000):
        html = "<!doctype html><html><head>" + "".join(guard_piece(rng) for _ in range(rng.randint(0, 5)))
        html += "</head><body>" + "".join(guard_piece(rng) for _ in range(rng.randint(0, 5))) + "</body></html>"
        for host in (None, "site.example"):
            try:
                expected = slow_third_party_resources(guard, html, host)
            except ValueError:  # an address urlsplit refuses stops both alike
                continue
            assert guard.third_party_resources(html, host) == expected, html


def test_guard_asks_no_rule_on_a_page_that_fetches_nothing_off_site(hook, monkeypatch):
    guard = hook("third_party_guard")
    page = '<html><head><link rel="canonical" href="https://site.example/"><script src="a.js"></script></head>'
    page += '<body><a href="https://doi.org/10.1/x">x</a><img src="i.png"></body></html>'
    queries = []

    class Recorded:
        def __init__(self, html):
            self.tree = LexborHTMLParser(html)

        def css(self, query):
            queries.append(query)
            return self.tree.css(query)

    monkeypatch.setattr(guard, "LexborHTMLParser", Recorded)
    assert guard.third_party_resources(page, "site.example") == []
    assert queries == [guard.CANDIDATES]
    assert guard.third_party_resources(page.replace("i.png", "//cdn.example/i.png"), "site.example")
    assert len(queries) == 1 + 1 + len(guard.FETCHED) + 2  # a page that does: every rule asks, as before


def slow_escape(text: str) -> str:
    """hooks/citing/latex.py before: a look-up per character."""
    return "".join(latex.SPECIALS.get(ch) or latex.greek(ch) or ch for ch in text)


def test_escape_gives_what_the_per_character_escape_gave():
    for code in itertools.chain(range(0xD800), range(0xE000, 0x10000)):
        assert latex.escape(chr(code)) == slow_escape(chr(code)), hex(code)
    rng = random.Random(14)
    alphabet = [*"ab Z\\{}&%$#_~^\t", "α", "Ω", "Λ", "λ", "é", "ϑ", "–", "ſ"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert latex.escape(text) == slow_escape(text), repr(text)


def test_cached_citeproc_lookups_format_every_source_as_before(monkeypatch):
    """Every entry of bib/ in the three styles, with citeproc-py's own look-ups and with the cached ones."""
    data = parse_file(str(ROOT / "bib" / "references.bib"), "bibtex")
    items = [records.csl_item(key, entry) for key, entry in data.entries.items()]
    cut = {key: roles for key, entry in data.entries.items() if (roles := records.truncated(entry))}
    with monkeypatch.context() as m:
        m.setattr(Locale, "get_term", styles._original_get_term)
        m.setattr(Parent, "calls_variable", styles._original_calls_variable)
        m.setattr(styles, "CachedItem", styles.CitationItem)
        m.setattr(styles, "_cache", {})
        expected = styles.format_all(items, cut)
    monkeypatch.setattr(styles, "_cache", {})
    assert styles.format_all(items, cut) == expected
    assert len(expected) == len(items) > 50
