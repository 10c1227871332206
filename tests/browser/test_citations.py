"""Citations in a real browser: the full reference on hover, keyboard focus and tap; clean print."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PAGE = "mechanisms/testosterone/"


def first_citation(page, base_url):
    page.goto(base_url + PAGE)
    ref = page.locator("article a.footnote-ref").first
    ref.scroll_into_view_if_needed()
    return ref


def tooltip_text(page) -> str:
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=3000)
    return tooltip.inner_text()


def test_hover_shows_reference_and_evidence_type(page, base_url):
    ref = first_citation(page, base_url)
    ref.hover()
    text = tooltip_text(page)
    assert "doi:" in text or "PMID" in text
    assert any(kind in text for kind in ("review", "trial", "study", "Guideline", "document"))
    assert "↩" not in text


def test_keyboard_focus_shows_reference(page, base_url):
    first_citation(page, base_url)
    page.locator("article").first.click(position={"x": 5, "y": 5})
    for _ in range(200):  # Tab through the page until a citation has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('footnote-ref')"):
            break
    else:
        pytest.fail("no citation is reachable with the Tab key")
    assert tooltip_text(page)


def test_first_tap_shows_reference_without_leaving_the_sentence(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    ref = first_citation(page, base_url)
    ref.tap()
    assert tooltip_text(page)
    assert "#fn:" not in page.url
    context.close()


def test_print_hides_navigation_and_keeps_references(page, base_url):
    page.goto(base_url + PAGE)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-banner", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("div.footnote").is_visible()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('div.footnote a[href^=\"https://doi.org\"]'), '::after').content"
    )
    assert "https://doi.org" in after


def test_abbreviation_expands_on_keyboard_focus(page, base_url):
    page.goto(base_url + "fundamentals/feedback-loops-and-axes/")
    abbr = page.locator("article abbr[title][tabindex='0']").first
    title = abbr.get_attribute("title")
    abbr.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    assert title in tooltip_text(page)


def test_only_the_first_use_of_an_abbreviation_is_a_tab_stop(page, base_url):
    page.goto(base_url + "fundamentals/feedback-loops-and-axes/")
    focusable = page.eval_on_selector_all("article abbr[tabindex='0']", "els => els.map(e => e.textContent)")
    assert focusable and len(focusable) == len(set(focusable))


def passages(page) -> dict:
    """The page's passages as the site serves them (the file its reference list names)."""
    return page.evaluate(
        "fetch(new URL(document.querySelector('[data-passages]').dataset.passages, location.href)).then(r => r.json())"
    )


def marker_with_passage(page):
    """The first citation marker of the page that has a passage in the claims ledger."""
    found = passages(page)
    ids = page.eval_on_selector_all("article a.footnote-ref", "els => els.map(e => e.parentNode.id)")
    marker = next(i for i in ids if i in found)
    return page.locator(f'article sup[id="{marker}"] > a.footnote-ref'), found[marker]


def test_preview_shows_the_passage_the_sentence_rests_on(page, base_url):
    """The claims ledger reaches the reader: "Supports: …" under the reference in the preview."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + PAGE, wait_until="networkidle")
    assert not [u for u in requested if u.endswith("passages.json")], (
        "passages belong to the first preview, not the load"
    )
    ref, expected = marker_with_passage(page)
    ref.scroll_into_view_if_needed()
    ref.hover()
    page.locator(".md-tooltip2--active .claim-support").wait_for(state="visible", timeout=3000)
    assert tooltip_text(page).count("Supports:") == 1
    assert page.locator(".md-tooltip2--active .claim-support").inner_text() == expected


def test_passage_on_keyboard_focus_and_tap(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + PAGE)
    ref, expected = marker_with_passage(page)
    ref.scroll_into_view_if_needed()
    ref.tap()
    page.locator(".md-tooltip2--active .claim-support").wait_for(state="visible", timeout=3000)
    assert page.locator(".md-tooltip2--active .claim-support").inner_text() == expected
    assert "#fn:" not in page.url
    page.locator("article h1").first.click()
    ref.focus()
    page.locator(".md-tooltip2--active .claim-support").wait_for(state="visible", timeout=3000)
    context.close()


def test_passage_after_instant_navigation(page, base_url, instant):
    """Material swaps the page without reloading it: the new page's own passages are shown."""
    page.goto(base_url + "mechanisms/")
    page.wait_for_function("typeof document$ !== 'undefined'")
    ref = page.locator("article a.footnote-ref").first  # a preview here first: this page's passages are fetched
    ref.scroll_into_view_if_needed()
    ref.hover()
    instant(page.locator('article a[href$="/mechanisms/testosterone/"]').first, PAGE)  # links made absolute
    ref, expected = marker_with_passage(page)
    ref.scroll_into_view_if_needed()
    ref.hover()
    page.locator(".md-tooltip2--active .claim-support").wait_for(state="visible", timeout=3000)
    assert page.locator(".md-tooltip2--active .claim-support").inner_text() == expected


def test_preview_keeps_the_locator(page, tmp_path):
    """[@key, p. 3] shows "(p. 3)" after the marker; its preview names the page too, the others none."""
    import shutil

    from tests.browser.conftest import serve
    from tests.conftest import FIXTURES, ROOT, fixture_config, run_mkdocs

    case = tmp_path / "case"  # the fixture, with the site's own preview script and styles
    shutil.copytree(FIXTURES / "claims-supports", case)
    shutil.copytree(ROOT / "docs" / "assets", case / "docs" / "assets")
    (case / "overrides.yml").write_text(
        "extra_javascript: [assets/javascripts/tooltips.js]\nextra_css: [assets/stylesheets/extra.css]\n",
        encoding="utf-8",
    )
    fixture = run_mkdocs(fixture_config(case, tmp_path), tmp_path / "site")
    assert fixture.returncode == 0, fixture.log
    server, url = serve(fixture.site)
    try:
        page.goto(url)
        located = page.locator("article sup.cite-locator").first
        located.locator("xpath=preceding-sibling::sup[1]//a").hover()
        note = page.locator(".md-tooltip2--active .cite-locator-note")
        note.wait_for(state="visible", timeout=3000)
        assert note.inner_text() == "Cited at: p. 3"
        page.locator("article h1").first.hover()
        expect(page.locator(".md-tooltip2--active")).to_have_count(0)  # that tooltip has closed
        page.locator("article a.footnote-ref").first.hover()  # no locator on this one
        page.locator(".md-tooltip2--active .md-tooltip2__inner").wait_for(state="visible", timeout=3000)
        page.wait_for_timeout(200)  # a note would be added within a frame or two
        assert page.locator(".md-tooltip2--active .cite-locator-note").count() == 0
    finally:
        server.shutdown()
        server.server_close()
