"""Accessibility: axe-core finds no WCAG 2.1 A/AA violation on any page, in the light and the dark palette;
search and navigation work from the keyboard (citations from the keyboard: test_citations.py)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import serve
from tests.conftest import FIXTURES, ROOT

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Only colours change with the palette, so the dark palette re-runs only the colour rules (half the time).
COLOUR_RULES = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}
# The palette Material picks follows the reader's system setting (mkdocs.yml theme.palette).
PALETTES = {"light": "default", "dark": "slate"}


def site_pages() -> list[str]:
    """URL path of every page, from docs/ (known before the site is built, for parametrize)."""
    paths = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
        rel = rel.removesuffix("index").removesuffix("/")
        paths.append(rel + "/" if rel else "")
    return [*paths, "404.html"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture(scope="module", params=sorted(PALETTES))
def palette_page(request, browser):
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 900})
    yield request.param, context.new_page()
    context.close()


def violations(axe, page, options=WCAG_AA) -> list[str]:
    result = axe.run(page, options=options).response
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '').splitlines()[-1].strip()}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("path", site_pages())
def test_no_wcag_aa_violation(axe, palette_page, base_url, path):
    palette, page = palette_page
    page.goto(base_url + path)
    assert page.evaluate("document.body.dataset.mdColorScheme") == PALETTES[palette]
    assert violations(axe, page, WCAG_AA if palette == "light" else COLOUR_RULES) == []


def test_citation_tooltip_has_enough_contrast(axe, palette_page, base_url):
    """The tooltip with the reference and its evidence badge exists only while shown, so open it first."""
    _, page = palette_page
    page.goto(base_url + "mechanisms/estradiol/")
    page.locator("article a.footnote-ref").first.hover()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=3000)
    page.wait_for_timeout(300)  # the tooltip fades in: measure it at full opacity
    assert page.locator(".md-tooltip2--active .evidence-badge").count() == 1
    result = axe.run(page, context=".md-tooltip2--active", options=COLOUR_RULES).response
    assert result["violations"] == []


def test_axe_rejects_an_inaccessible_page(axe, page):
    server, url = serve(FIXTURES / "a11y-violation")
    try:
        page.goto(url)
        found = {line.split(" ")[0] for line in violations(axe, page)}
    finally:
        server.shutdown()
        server.server_close()
    assert {"color-contrast", "image-alt", "link-name"} <= found


def tab_until(page, condition: str, limit: int = 150) -> list[str]:
    """Press Tab until the JavaScript `condition` holds for document.activeElement; return what had focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("(e => e.className + ' ' + (e.getAttribute('href') || ''))(document.activeElement)"))
        if page.evaluate(f"(e => {condition})(document.activeElement)"):
            return seen
    pytest.fail(f"not reached with Tab: {condition}; focus went through {seen[:20]} ...")


def settled(page, selector: str, quiet_ms: int = 300, limit: int = 20) -> None:
    """Wait until the element's HTML stops changing for quiet_ms."""
    before = None
    for _ in range(limit):
        now = page.inner_html(selector)
        if now == before:
            return
        before = now
        page.wait_for_timeout(quiet_ms)


def test_search_is_reachable_and_usable_from_the_keyboard(page, base_url):
    page.goto(base_url + "mechanisms/")
    start = page.url
    assert page.get_by_role("dialog", name="Search").count() == 1  # the search dialog has a name
    tab_until(page, "e.classList.contains('md-search__input')")
    page.keyboard.type("oxytocin")
    page.locator(".md-search-result__item a").first.wait_for(state="visible", timeout=5000)
    settled(page, ".md-search-result__list")  # results re-render as each letter arrives
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__list a:focus")).to_have_count(1)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != start, timeout=5000)  # Enter opens the result


def test_skip_link_tabs_and_navigation_links_take_focus(page, base_url):
    page.goto(base_url + "mechanisms/estradiol/")
    seen = tab_until(page, "e.closest('.md-sidebar--primary .md-nav__list') !== null && e.tagName === 'A'")
    assert "md-skip" in seen[0], f"the first Tab reaches {seen[0]!r}, not the skip link"
    assert any("md-tabs__link" in s for s in seen), "no navigation tab took focus"
    start = page.url
    page.keyboard.press("Enter")  # a focused navigation link opens its page
    page.wait_for_url(lambda url: url != start, timeout=5000)
