"""Search in a real browser: the relevance suite typed into the real search box, and what a result offers.

The suite (search_queries.yml) runs in one page, query after query. It reports
precision at 1 and the top-3 hit rate (printed in the terminal summary and written
as JSON under pytest's tmp dir) and fails unless every expected page is in the top
three and the negative control finds nothing. Timings are measured by
scripts/bench_search.py, never asserted here.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import search_relevance as rel
from search_driver import SearchBox


@pytest.fixture(scope="module")
def search_box(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    box = SearchBox(context.new_page(), base_url)
    yield box
    context.close()


def test_relevance_suite(search_box, record_property, tmp_path_factory):
    verdicts, latencies = [], []
    for case in rel.load_cases():
        outcome = search_box.search(case.query)
        verdicts.append(rel.judge(case, [r.path for r in outcome.results]))
        latencies.append(outcome.latency_ms)
    result = rel.summary(verdicts, latencies)
    path = tmp_path_factory.mktemp("search") / "search-relevance.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    lines = [*rel.report_lines(result), f"  written to {path}"]
    print("\n".join(lines))
    record_property("summary", lines)  # shown in the terminal summary by tests/browser/conftest.py
    assert result["top3_hit_rate"] == 1.0, "\n".join(lines)
    assert result["negative_controls_passed"].split("/")[0] == result["negative_controls_passed"].split("/")[1]


def test_each_result_shows_its_page_and_section(search_box):
    outcome = search_box.search("Arimidex")
    first = outcome.results[0]
    assert first.path == "clinical/testosterone-therapy-in-men/"
    assert first.title == "Testosterone therapy in men"
    section = first.sections[0]
    assert section["title"] == "Anastrozole (Arimidex)"
    assert urlsplit(section["href"]).fragment == "anastrozole-arimidex"
    assert "matching document" in outcome.meta


def test_glossary_terms_are_results_of_their_own(search_box):
    outcome = search_box.search("SHBG")
    glossary = next(r for r in outcome.results if r.path == "glossary/")
    assert any(urlsplit(s["href"]).fragment == "shbg" and s["title"] == "SHBG" for s in glossary.sections)
    assert outcome.results[0].path == "fundamentals/hormones-and-receptors/", "the definition ranks below the page"


def test_suggestion_completes_the_word_being_typed(search_box):
    search_box.search("anastroz")
    suggest = search_box.page.locator(".md-search__suggest")
    assert suggest.inner_text().strip() == "anastrozole"


def test_share_link_reopens_the_same_search(search_box, browser, base_url):
    search_box.search("oestradiol")
    share = search_box.page.locator('[data-md-component="search-share"]')
    href = share.get_attribute("href")
    assert parse_qs(urlsplit(href).query)["q"] == ["oestradiol"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(href)
        first = page.locator("li.md-search-result__item a.md-search-result__link").first
        first.wait_for(timeout=10_000)
        assert page.locator("input.md-search__input").input_value() == "oestradiol"
        assert "/mechanisms/estradiol/" in first.get_attribute("href")
    finally:
        context.close()


def test_result_link_highlights_the_match_on_the_page(page, base_url):
    box = SearchBox(page, base_url)  # a page of its own: following the link leaves the search
    outcome = box.search("aromatisation")
    link = page.locator("li.md-search-result__item a.md-search-result__link").first
    assert parse_qs(urlsplit(link.get_attribute("href")).query)["h"] == ["aromatisation"]
    link.click()
    page.wait_for_url(f"**/{outcome.results[0].path}*")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=10_000)
    assert marks.first.inner_text().lower() == "aromatisation"
