"""Search in a real browser: the relevance suites typed into the real search box, and what a result offers.

The suites run in one page, query after query, and report precision at 1 and the
top-3 hit rate, then every query with the rank of its page, marked MISS when it is not
in the top three and NEW when the query was added since the last commit, so an editor
sees where a new page ranks (printed in the terminal summary, and written as JSON
under pytest's tmp dir):
* search_queries.yml, queries spelt right: every expected page in the top three,
  precision at 1 at least 92%, and the negative control finds nothing;
* search_misspellings.yml, glossary terms and page titles with one typing error
  (search_misspellings.py): the expected page in the top three for at least 90%.
Then what search says about a query: a correction it made and how to undo it, the
glossary and sections when nothing matches, and the queries it must never correct.
Timings are measured by scripts/bench_search.py, never asserted here.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.search_suite import relevance as rel
from scripts.search_suite.driver import NOTICE, SearchBox
from tests.conftest import ROOT

MISSPELLINGS = Path(__file__).with_name("search_misspellings.yml")
MISSPELLING_TOP3 = 0.9
PRECISION_AT_1 = 0.92
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def search_box(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    box = SearchBox(context.new_page(), base_url)
    yield box
    context.close()


def run_suite(search_box, path: Path, name: str, record_property, tmp_path_factory) -> tuple[dict, list[str]]:
    """Type every query of a suite; report the figures and each miss with its rank."""
    verdicts, latencies, corrected = [], [], 0
    for case in rel.load_cases(path):
        outcome = search_box.search(case.query)
        verdicts.append(rel.judge(case, [r.path for r in outcome.results]))
        latencies.append(outcome.latency_ms)
        corrected += outcome.corrected is not None
    result = rel.summary(verdicts, latencies)
    result["corrected"] = corrected
    committed = rel.committed_queries(path)
    result["ranks"] = [
        {
            "query": v.case.query,
            "expected": v.case.page,
            "rank": v.rank,
            "passed": v.passed,
            "new": committed is not None and v.case.query.casefold() not in committed,
        }
        for v in verdicts
    ]
    out = tmp_path_factory.mktemp("search") / f"{name}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    lines = [
        *rel.report_lines(result),
        f"  queries search corrected: {corrected} of {len(verdicts)}",
        *rel.rank_lines(verdicts, committed),
        f"  written to {out}",
    ]
    print("\n".join(lines))
    record_property("summary", lines)  # shown in the terminal summary by tests/browser/conftest.py
    return result, lines


def test_relevance_suite(search_box, record_property, tmp_path_factory):
    result, lines = run_suite(search_box, rel.QUERIES, "search-relevance", record_property, tmp_path_factory)
    assert result["top3_hit_rate"] == 1.0, "\n".join(lines)
    assert result["precision_at_1"] >= PRECISION_AT_1, "\n".join(lines)
    assert result["negative_controls_passed"].split("/")[0] == result["negative_controls_passed"].split("/")[1]
    assert result["corrected"] == 0, "a query spelt right was corrected:\n" + "\n".join(lines)


def test_misspelling_suite(search_box, record_property, tmp_path_factory):
    result, lines = run_suite(search_box, MISSPELLINGS, "search-misspellings", record_property, tmp_path_factory)
    assert result["queries"] >= 30, "the misspelling suite needs at least 30 cases"
    assert result["top3_hit_rate"] >= MISSPELLING_TOP3, "\n".join(lines)


def test_correction_is_shown_and_can_be_undone(search_box):
    outcome = search_box.search("anastrazole")
    assert outcome.notice == "Showing results for anastrozole. Search instead for anastrazole."
    assert outcome.results[0].path == "clinical/testosterone-therapy-in-men/"
    assert parse_qs(urlsplit(outcome.results[0].href).query)["h"] == ["anastrozole"], "the page highlights the word"

    page = search_box.page
    page.locator(NOTICE).get_by_role("link", name="anastrazole").click()  # "Search instead for anastrazole"
    page.wait_for_function("() => window.__search.results === window.__search.queries")
    verbatim = search_box.read_notice()
    assert verbatim["text"].startswith("Did you mean anastrozole? Nothing on this site matches")
    assert page.locator("li.md-search-result__item").count() == 0
    assert page.locator(NOTICE).get_by_role("link", name="Glossary").count() == 1

    page.locator(NOTICE).get_by_role("link", name="anastrozole").click()  # "Did you mean anastrozole?"
    page.wait_for_function("() => window.__search.lastQuery === 'anastrozole'")
    assert search_box.input.input_value() == "anastrozole"
    page.locator("li.md-search-result__item").first.wait_for(timeout=10_000)
    assert search_box.read_notice()["text"] == ""


def test_correction_works_from_the_keyboard(page, base_url):
    """Material's keys reach the message's links: arrows move to them, Enter never breaks on them."""
    box = SearchBox(page, base_url)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    box.search("anastrazole")
    page.keyboard.press("Enter")  # the best result, not the message's links (they rank below every result)
    page.wait_for_url("**/clinical/testosterone-therapy-in-men/**")

    box = SearchBox(page, base_url)
    box.search("anastrazole")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "anastrazole"  # "Search instead for"
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__search.results === window.__search.queries")
    assert box.read_notice()["text"].startswith("Did you mean anastrozole?")
    assert page.evaluate("document.activeElement === document.querySelector('input.md-search__input')")
    page.keyboard.press("Enter")  # no result: Enter takes the suggestion
    page.wait_for_function("() => window.__search.lastQuery === 'anastrozole'")
    assert errors == []


def test_enter_with_nothing_found_opens_the_glossary(page, base_url):
    box = SearchBox(page, base_url)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    box.search("xqzvw")
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "glossary/")
    assert errors == []


def test_correction_keeps_the_words_that_were_right(search_box):
    outcome = search_box.search("Oxitocin receptor")
    assert outcome.corrected == "Oxytocin receptor"
    assert outcome.slots["query"] == "Oxitocin receptor"


def section_indexes() -> list[str]:
    """URL paths of the top-level sections' index pages, from mkdocs.yml's nav."""
    from mkdocs.utils.yaml import yaml_load

    nav = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    paths = []
    for item in nav:
        (target,) = item.values()
        if isinstance(target, list) and isinstance(target[0], str) and target[0].endswith("index.md"):
            paths.append(rel.url_of(target[0]))
    return paths


def test_nothing_found_offers_the_glossary_and_the_sections(search_box, base_url):
    outcome = search_box.search("xqzvw")
    assert outcome.results == []
    assert outcome.corrected is None and "Did you mean" not in outcome.notice, "nonsense was fuzzed"
    assert outcome.notice.startswith("Nothing on this site matches xqzvw. Look the term up in the Glossary")
    hrefs = [link["href"] for link in outcome.links]
    assert hrefs[0] == base_url + "glossary/"
    assert hrefs[1:] == [base_url + path for path in section_indexes()]


def test_links_offered_stay_right_after_instant_navigation(page, base_url, instant):
    """The header, and the templates in it, survive instant navigation: their links must not be relative."""
    box = SearchBox(page, base_url)
    instant(page.locator("a.md-tabs__link", has_text="Mechanisms"), "mechanisms/")
    outcome = box.search("xqzvw")
    assert outcome.links[0]["href"] == base_url + "glossary/"


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("LH", "an abbreviation of two letters"),
        ("GNHR", "an abbreviation in capitals"),
        ("fhs", "a word of three letters"),
        ("xylophonic zebrafinch", "nothing in the index is near it"),
    ],
)
def test_queries_that_are_never_fuzzed(search_box, query, why):
    outcome = search_box.search(query)
    assert outcome.corrected is None, f"{query!r} ({why}) was corrected to {outcome.corrected!r}"
    assert "Did you mean" not in outcome.notice


def test_abbreviation_finds_its_own_page_unchanged(search_box):
    outcome = search_box.search("LH")
    assert outcome.notice == ""
    assert outcome.results[0].path == "fundamentals/feedback-loops-and-axes/"


def test_lower_case_word_near_an_abbreviation_is_corrected(search_box):
    """The counterpart of "GNHR": typed as a word, four letters, it is corrected like any word."""
    assert search_box.search("gnhr").corrected == "gnrh"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_messages_are_announced_and_pass_axe(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        box = SearchBox(context.new_page(), base_url)
        region = box.page.locator(NOTICE)
        assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
        axe = Axe()
        for query in ("oxitocin", "xqzvw"):
            assert box.search(query).notice
            # The message only: Material's own result list fails color-contrast on its <mark>s and count line.
            result = axe.run(box.page, context=NOTICE, options=WCAG_AA).response
            assert [v["id"] for v in result["violations"]] == [], (query, result["violations"])
            assert "color-contrast" in {v["id"] for v in result["passes"]}, "axe checked nothing in the message"
    finally:
        context.close()


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


# ------------------------------------------------------------------ speed: only the best pages

MANY_PAGES = """
async ({docs, queries}) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const material = new URL(config.search, location.href).href;
  const wrapper = new URL("assets/javascripts/workers/search-fuzzy.js", location.href).href;
  const worker = new Worker(wrapper + "?material=" + encodeURIComponent(material));
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
    worker.postMessage(message);
  });
  const fields = {title: {boost: 1000}, text: {boost: 1}};
  await ask({type: 0, data: {config: {lang: ["en"], separator: "[\\\\s\\\\-]+", pipeline: ["stopWordFilter"], fields},
                             docs, options: {suggest: true}}});
  const out = {};
  for (const query of queries) {
    const best = (await ask({type: 2, data: query})).data;
    out[query] = {best, all: (await ask({type: 2, data: query, all: true})).data};
  }
  // Three queries at once: a query still waiting when a newer one comes is answered by the newer one's result.
  const results = [];
  await new Promise(resolve => {
    worker.onmessage = event => {
      results.push(event.data.data);
      if (results.reduce((n, r) => n + (r.answers || 1), 0) === 3) resolve();
    };
    for (const query of ["oxy", "oxyto", "oxytocin receptor"]) worker.postMessage({type: 2, data: query});
  });
  out.burst = results.map(r => ({answers: r.answers || 1, first: r.items.length ? r.items[0][0].location : null}));
  worker.terminate();
  return out;
}
"""


def test_many_matching_pages_list_the_best_fifty_as_material_ranks_them(page, base_url):
    """The worker hands Material only the documents of the best 50 pages: the list is Material's own first 50."""
    words = ["oxytocin", "receptor", "binding", "steroid", "the"]
    docs = []
    for n in range(70):  # 70 pages with a section each; repeated words give ties and near-ties
        docs.append({"location": f"p{n}/", "title": f"Page {n}", "text": " ".join(words[: 1 + n % 4] * (1 + n % 3))})
        docs.append({"location": f"p{n}/#s", "title": "Section", "text": " ".join(words[n % 5 :] * (1 + n % 6))})
    page.goto(base_url)
    queries = ["oxytocin", "oxytocin receptor", "the binding", "oxitocin"]
    out = page.evaluate(MANY_PAGES, {"docs": docs, "queries": queries})
    for query in queries:
        best, every = out[query]["best"], out[query]["all"]
        assert len(every["items"]) > 50 and "more" not in every, query
        assert best["items"] == every["items"][:50], f"{query!r}: not Material's first 50"
        assert best["more"] == {"shown": 50, "total": len(every["items"]), "query": query, "verbatim": False}
        assert best.get("suggest") == every.get("suggest")
    assert out["oxitocin"]["best"]["fuzzy"] == {"query": "oxitocin", "corrected": "oxytocin"}
    assert sum(r["answers"] for r in out["burst"]) == 3, "every query is answered, alone or by a newer one"
    assert out["burst"][-1]["first"] == out["oxytocin receptor"]["best"]["items"][0][0]["location"]


MORE = """
(() => {
  const Native = window.Worker;
  window.__posted = [];
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      // Listens before Material and search-fuzzy.js: a result may be made to say it lists only the best pages.
      this.addEventListener("message", event => {
        if (window.__more && event.data && event.data.type === 3) event.data.data.more = window.__more;
      });
    }
    postMessage(message, ...rest) {
      window.__posted.push(message);
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


def test_a_list_of_the_best_pages_says_so_and_shows_all_on_request(page, base_url):
    box = SearchBox(page, base_url, init_script=MORE)
    page.evaluate("() => { window.__more = {shown: 2, total: 1234, query: 'oxytocin', verbatim: false}; }")
    outcome = box.search("oxytocin")
    assert outcome.notice == "Showing the best 2 of 1.2k matching pages. Show all"
    assert outcome.meta == "1.2k matching documents", "the count is every matching page, not those listed"
    result = Axe().run(page, context=NOTICE, options=WCAG_AA).response
    assert [v["id"] for v in result["violations"]] == [], result["violations"]
    page.evaluate("() => { window.__more = null; }")
    page.locator(NOTICE).get_by_role("link", name="Show all").click()
    page.wait_for_function("() => window.__search.results === window.__search.queries")
    posted = page.evaluate("() => window.__posted.at(-1)")
    assert posted == {"type": 2, "data": "oxytocin", "verbatim": False, "all": True}
    assert box.read_notice()["text"] == ""
