"""Sortable and filterable tables in Chromium, on a first view and after instant navigation.

The table script and styles load only on pages with such a table (hooks/table_assets.py);
with navigation.instant a reader who lands elsewhere reaches the table by a click that
swaps the page in place, and the table must work all the same.
"""

from __future__ import annotations

import time

TABLE_PAGE = "clinical/agents-at-a-glance/"
PLAIN_PAGE = "clinical/"  # the section index: links to the table page, has no table itself
FILTER = ".filterable-table__controls input"


def assert_tables_work(page) -> None:
    page.wait_for_selector(FILTER, timeout=5000)
    assert page.locator(FILTER).count() == 1, "the filter box is set up once, not once per visit"
    # tables.css is applied: the controls are laid out as a flex row.
    assert page.locator(".filterable-table__controls").evaluate("e => getComputedStyle(e).display") == "flex"
    heading = page.locator("article .filterable-table table thead th").first
    heading.click()
    assert heading.get_attribute("aria-sort") in ("ascending", "descending")
    rows = page.locator("article .filterable-table table tbody tr")
    total = rows.count()
    page.locator(FILTER).fill("testosterone")
    visible = page.locator("article .filterable-table table tbody tr:not([hidden])").count()
    assert 0 < visible < total


def test_table_works_on_a_first_view(page, base_url):
    page.goto(base_url + TABLE_PAGE)
    assert_tables_work(page)


def arrive_late(route) -> None:
    """Hold Tablesort back so that tables.js runs first, as it may after instant navigation,
    where Material re-inserts a page's scripts all at once and they run in any order."""
    time.sleep(0.3)
    route.continue_()


def test_table_works_after_instant_navigation(page, base_url, instant):
    page.route("**/tablesort.min.js", arrive_late)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + PLAIN_PAGE)
    page.wait_for_function("typeof document$ !== 'undefined'")
    assert not any("tables.js" in url or "tables.css" in url for url in requests), "no table assets on a plain page"
    instant(page.locator(f"article a[href$='{TABLE_PAGE.split('/')[1]}/']").first, TABLE_PAGE)
    assert_tables_work(page)
    # Away and back again: still one filter box, still sortable.
    page.go_back()
    page.wait_for_url("**/" + PLAIN_PAGE)
    page.go_forward()
    page.wait_for_url("**/" + TABLE_PAGE)
    assert page.evaluate("window.__kept") is True, "history navigation reloaded the page"
    assert_tables_work(page)


def test_table_works_again_after_leaving_a_first_view(page, base_url, instant):
    """Landed on the table page (scripts run before instant navigation exists), left, came back."""
    page.goto(base_url + TABLE_PAGE)
    assert_tables_work(page)
    instant(page.locator("a.md-tabs__link", has_text="Clinical context"), PLAIN_PAGE)
    instant(page.locator(f"article a[href$='{TABLE_PAGE.split('/')[1]}/']").first, TABLE_PAGE)
    assert_tables_work(page)
