"""Citing in a real browser: the reader's access date, the style tabs, copying a reference in a chosen style."""

from __future__ import annotations

import datetime

PAGE = "mechanisms/testosterone/"


def test_access_date_is_the_readers_date(page, base_url):
    page.clock.set_fixed_time(datetime.datetime(2031, 5, 7, 12, 0))
    page.goto(base_url + PAGE)
    page.locator(".cite-this-page summary").click()
    dates = page.eval_on_selector_all(
        ".cite-this-page time.cite-accessed", "els => els.map(e => [e.dataset.format, e.textContent, e.dateTime])"
    )
    assert {fmt: text for fmt, text, _ in dates} == {
        "long": "May 7, 2031",
        "nlm": "2031 May 7",
        "iso": "2031-05-07",
        "ris": "2031/05/07",
    }
    assert {iso for _, _, iso in dates} == {"2031-05-07"}
    assert "Accessed May 7, 2031." in page.locator(".cite-this-page pre.cite-ama").inner_text()


def test_style_tabs_switch_the_visible_citation(page, base_url):
    page.goto(base_url + PAGE)
    page.locator(".cite-this-page summary").click()
    assert page.locator("pre.cite-ama").is_visible()
    page.locator(".cite-this-page label[for=cite-bibtex]").click()
    assert page.locator("pre.cite-bibtex").is_visible() and not page.locator("pre.cite-ama").is_visible()
    assert page.locator("pre.cite-bibtex").inner_text().startswith("@misc{hormonesandoxytocin:mechanisms:testosterone,")


def test_copy_a_reference_in_the_chosen_style(browser, base_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + PAGE)
    page.locator(".reference-downloads select").select_option("apa")
    first = page.locator("div.footnote li[id^='fn:']").first
    first.locator("button.ref-copy").click()
    page.locator(".ref-copy-status").filter(has_text="copied").wait_for(timeout=5000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "(" in copied and ")." in copied, copied  # APA: "Author, A. (Year)."
    page.locator(".reference-downloads select").select_option("vancouver")
    first.locator("button.ref-copy").click()
    page.locator(".ref-copy-status").filter(has_text="Vancouver").wait_for(timeout=5000)
    assert page.evaluate("navigator.clipboard.readText()") != copied
    page.reload()
    assert page.locator(".reference-downloads select").input_value() == "vancouver", "the choice is remembered"
    context.close()


def test_copy_buttons_stay_out_of_the_citation_preview(page, base_url):
    page.goto(base_url + PAGE)
    ref = page.locator("article a.footnote-ref").first
    ref.scroll_into_view_if_needed()
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=3000)
    assert not tooltip.locator(".ref-copy").first.is_visible() if tooltip.locator(".ref-copy").count() else True
