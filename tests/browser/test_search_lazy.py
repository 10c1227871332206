"""search-fuzzy.js loads on first use of search, not with every page (issue 14, weight).

overrides/partials/search.html fetches it when the search box first gets focus or input,
and at once when a page opens on a search (?q=); instant navigation never fetches it twice,
and a search begun before it arrived still gets its message.

Instant navigation comes from the `instant` fixture (tests/browser/conftest.py), which also
checks that each followed link swapped the page rather than reloading it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.search_suite.driver import NOTICE, SearchBox

SCRIPT = "/assets/javascripts/search-fuzzy.js"  # the page's script, not the worker under workers/


def fetches(page) -> list[str]:
    """Record every request the page makes for the script."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if urlsplit(r.url).path.endswith(SCRIPT) else None)
    return seen


def test_fetched_on_first_focus_not_on_a_plain_view(page, base_url, instant):
    seen = fetches(page)
    page.goto(base_url + "mechanisms/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert seen == [], "a plain page view fetched search-fuzzy.js"
    instant(page.locator("a.md-tabs__link", has_text="Fundamentals"), "fundamentals/")
    assert seen == [], "instant navigation fetched search-fuzzy.js"

    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.wait_for_load_state("networkidle")
    assert len(seen) == 1, seen

    page.keyboard.press("Escape")
    instant(page.locator("a.md-tabs__link", has_text="Clinical"), "clinical/")
    page.locator("input.md-search__input").focus()
    page.wait_for_load_state("networkidle")
    assert len(seen) == 1, "fetched twice"


def test_correction_shown_after_instant_navigation(page, base_url, instant):
    """Loaded on another page than the one that rendered the header: its links still point right."""
    seen = fetches(page)
    box = SearchBox(page, base_url)
    instant(page.locator("a.md-tabs__link", has_text="Mechanisms"), "mechanisms/")
    assert seen == []
    outcome = box.search("anastrazole")
    assert outcome.notice == "Showing results for anastrozole. Search instead for anastrazole."
    outcome = box.search("xqzvw")
    assert outcome.links[0]["href"] == base_url + "glossary/"
    assert len(seen) == 1


def test_page_opened_on_a_search_shows_the_correction(page, base_url):
    seen = fetches(page)
    page.goto(base_url + "mechanisms/?q=anastrazole")
    page.locator("li.md-search-result__item").first.wait_for(timeout=10_000)
    region = page.locator(NOTICE)
    page.wait_for_function(
        "s => { const r = document.querySelector(s); return r.textContent && !r.ariaBusy; }", arg=NOTICE
    )
    assert " ".join(region.inner_text().split()) == "Showing results for anastrozole. Search instead for anastrazole."
    assert region.get_by_role("link", name="anastrazole").get_attribute("href") == "?q=anastrazole"
    assert len(seen) == 1


def test_a_result_that_came_before_the_script_is_shown(browser, base_url):
    """The script arrives late (held back by the test): the result already shown gets its message."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        held = []
        page.route("**" + SCRIPT, lambda route: held.append(route))
        box = SearchBox(page, base_url)
        box.input.click()
        box.input.press_sequentially("anastrazole")
        page.wait_for_function(
            "() => window.__search.results === window.__search.queries && window.__search.results > 1"
        )
        page.locator("li.md-search-result__item").first.wait_for(timeout=10_000)
        assert page.locator(NOTICE).get_attribute("aria-busy") == "true", "the region says a message may follow"
        assert len(held) == 1
        held[0].continue_()
        notice = box.read_notice()
        assert notice["text"] == "Showing results for anastrozole. Search instead for anastrazole."
    finally:
        context.close()
