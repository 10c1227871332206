"""search-fuzzy.js loads on first use of search, not with every page (issue 14, weight).

overrides/partials/search.html fetches it when the search box first gets focus or input,
and at once when a page opens on a search (?q=); instant navigation never fetches it twice,
and a search begun before it arrived still gets its message.

Material navigates instantly only to the URLs of sitemap.xml, with their port: the site is
served here from a copy whose sitemap names the port it is served on, so that the tab links
below really navigate instantly (each test checks that the page was not reloaded).
"""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from scripts.search_suite.driver import NOTICE, SearchBox
from tests.browser.conftest import serve

SCRIPT = "/assets/javascripts/search-fuzzy.js"  # the page's script, not the worker under workers/


@pytest.fixture(scope="module")
def instant_url(site, tmp_path_factory):
    """The built site, served from a copy whose sitemap.xml names the port it is served on."""
    copy = tmp_path_factory.mktemp("instant") / "site"
    server, url = serve(copy)
    shutil.copytree(site.site, copy)
    sitemap = copy / "sitemap.xml"
    site_url = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url without SITE_URL
    text = sitemap.read_text(encoding="utf-8")
    assert site_url in text
    sitemap.write_text(text.replace(site_url, url), encoding="utf-8")
    yield url
    server.shutdown()
    server.server_close()


def navigate(page, tab: str, path: str) -> None:
    """Follow a navigation tab; the page must not reload (Material's instant navigation)."""
    page.evaluate("() => { window.__kept = true; }")
    page.locator("a.md-tabs__link", has_text=tab).click()
    page.wait_for_url("**/" + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.__kept === true"), "the page reloaded: no instant navigation"


def fetches(page) -> list[str]:
    """Record every request the page makes for the script."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if urlsplit(r.url).path.endswith(SCRIPT) else None)
    return seen


def test_fetched_on_first_focus_not_on_a_plain_view(page, instant_url):
    seen = fetches(page)
    page.goto(instant_url + "mechanisms/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert seen == [], "a plain page view fetched search-fuzzy.js"
    navigate(page, "Fundamentals", "fundamentals/")
    assert seen == [], "instant navigation fetched search-fuzzy.js"

    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.wait_for_load_state("networkidle")
    assert len(seen) == 1, seen

    page.keyboard.press("Escape")
    navigate(page, "Clinical", "clinical/")
    page.locator("input.md-search__input").focus()
    page.wait_for_load_state("networkidle")
    assert len(seen) == 1, "fetched twice"


def test_correction_shown_after_instant_navigation(page, instant_url):
    """Loaded on another page than the one that rendered the header: its links still point right."""
    seen = fetches(page)
    box = SearchBox(page, instant_url)
    navigate(page, "Mechanisms", "mechanisms/")
    assert seen == []
    outcome = box.search("anastrazole")
    assert outcome.notice == "Showing results for anastrozole. Search instead for anastrazole."
    outcome = box.search("xqzvw")
    assert outcome.links[0]["href"] == instant_url + "glossary/"
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
