"""Every page is readable with JavaScript off (issue 8): the title and the article's text are visible.

Readers behind script blockers, text browsers and failed script loads still get the content.
The checker also runs on tests/fixtures/bench-budgets/js-only-page/, whose text only JavaScript writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bench-budgets" / "js-only-page" / "index.html"
MIN_WORDS = 20


def unreadable(page, url: str) -> str | None:
    """None if the page's title and at least MIN_WORDS words of its article are visible; else why not."""
    page.goto(url)
    article = page.locator("article").first
    if not article.count() or not article.is_visible():
        return "no visible <article>"
    if not page.locator("article h1").first.is_visible():
        return "title not visible"
    words = len(article.inner_text().split())
    return None if words >= MIN_WORDS else f"only {words} words visible"


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_every_page_is_readable_without_javascript(site, base_url, no_js_page):
    pages = sorted(p.parent.relative_to(site.site).as_posix() for p in site.site.rglob("index.html"))
    assert len(pages) > 20
    problems = {}
    for rel in pages:
        path = "" if rel == "." else rel + "/"
        problem = unreadable(no_js_page, base_url + path)
        if problem:
            problems[path or "/"] = problem
    assert problems == {}


def test_page_written_by_javascript_is_rejected(no_js_page):
    assert unreadable(no_js_page, FIXTURE.as_uri()) == "only 3 words visible"
