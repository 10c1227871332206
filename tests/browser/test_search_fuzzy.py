"""Unit tests of the search worker's rules (assets/javascripts/workers/search-fuzzy.js, spelling,
and search-best-pages.js, which documents Material is given), run in Chromium.

The worker files define their rules as plain functions (SearchFuzzy.*, SearchBestPages.*) and
only start the worker inside a worker; loaded into a blank page they just define them. The
vocabulary here is a stand-in with the same three questions the worker asks of the
lunr index; test_search.py checks the whole thing against the real index.
"""

from __future__ import annotations

import pytest
from mkdocs.utils.yaml import yaml_load

from tests.conftest import ROOT

WORKER = ROOT / "docs" / "assets" / "javascripts" / "workers" / "search-fuzzy.js"
BEST_PAGES = WORKER.with_name("search-best-pages.js")  # which documents Material is given: speed

# A stand-in vocabulary: known words (and their starts), stop words, and every word as a candidate.
VOCABULARY = """
(terms, weights = {}) => ({
  known: w => terms.some(t => t.startsWith(w)),
  isStopWord: w => ["does", "with", "what"].includes(w),
  candidates: () => terms.map(t => ({term: t, weight: weights[t] || 1})),
})
"""


@pytest.fixture(scope="module")
def js(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>rules</title>")
    page.add_script_tag(path=str(WORKER))
    page.add_script_tag(path=str(BEST_PAGES))
    assert page.evaluate("typeof SearchFuzzy.plan") == "function"
    assert page.evaluate("typeof SearchBestPages.keep") == "function"

    def call(expression: str, *args):
        return page.evaluate(expression, list(args) if len(args) > 1 else (args[0] if args else None))

    yield call
    context.close()


@pytest.fixture(scope="module")
def separator():
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)["separator"]


def plan(js, query: str, terms: list[str], separator: str = r"\s+", weights: dict | None = None) -> list[dict]:
    return js(
        f"([q, terms, sep, weights]) => SearchFuzzy.plan(q, new RegExp(sep), ({VOCABULARY})(terms, weights))",
        query,
        terms,
        separator,
        weights or {},
    )


@pytest.mark.parametrize(
    ("word", "distance"),
    [("fhs", 0), ("oxit", 1), ("thyriod", 1), ("oxitocin", 2), ("anastrazole", 2), ("neuroendocrinology", 2)],
)
def test_distance_grows_with_the_word_and_stops_at_two(js, word, distance):
    assert js("w => SearchFuzzy.maxDistance(w)", word) == distance


@pytest.mark.parametrize(
    ("word", "fuzzable"),
    [
        ("LH", False),  # abbreviation, and two letters
        ("fhs", False),  # three letters
        ("GnRH", False),  # abbreviation in mixed case
        ("GNHR", False),  # an abbreviation in capitals, even one the index does not know
        ("E2", False),  # digits
        ("MK677", False),
        ("ERα", False),
        ("BPC-157", False),
        ("oxitocin", True),
        ("Oxitocin", True),
        ("OXITOCIN", True),  # a word typed with caps lock on is a word
        ("gnhr", True),  # four letters typed as a word
    ],
)
def test_which_words_may_be_corrected(js, word, fuzzable):
    assert js("w => SearchFuzzy.isFuzzable(w)", word) is fuzzable


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("oxitocin", "oxytocin", 1),  # substitution
        ("thyriod", "thyroid", 1),  # transposition counts one, as in lunr
        ("estradol", "estradiol", 1),  # deletion
        ("oxytoccin", "oxytocin", 1),  # doubled letter
        ("anastrazol", "anastrozole", 2),
        ("same", "same", 0),
    ],
)
def test_edit_distance(js, a, b, distance):
    assert js("([a, b]) => SearchFuzzy.distance(a, b)", a, b) == distance


def test_unknown_word_is_replaced_and_keeps_its_case(js, separator):
    changes = plan(js, "Oxitocin receptor", ["oxytocin", "receptor"], separator)
    assert changes == [{"start": 0, "text": "Oxitocin", "replacement": "Oxytocin"}]
    assert js("([q, c]) => SearchFuzzy.apply(q, c)", "Oxitocin receptor", changes) == "Oxytocin receptor"


def test_every_unknown_word_is_replaced(js, separator):
    changes = plan(js, "does testosteron afect oxitocin", ["testosterone", "affect", "oxytocin"], separator)
    assert [c["replacement"] for c in changes] == ["affect", "oxytocin"], "a known start and a stop word stay"
    query = "does testosteron afect oxitocin"
    assert js("([q, c]) => SearchFuzzy.apply(q, c)", query, changes) == "does testosteron affect oxytocin"


def test_words_are_split_as_the_index_splits_them(js, separator):
    changes = plan(js, "Neuro-imuno-endocrine", ["neuro", "immuno", "endocrine"], separator)
    assert changes == [{"start": 6, "text": "imuno", "replacement": "immuno"}]


@pytest.mark.parametrize(
    "query",
    [
        "xqzvw",  # nothing near it
        "LH",
        "GNHR",
        "fhs",
        '"oxitocin"',  # lunr syntax: the reader asked for exactly this
        "oxitocin~1",
        "title:oxitocin",
        "+oxitocin",
    ],
)
def test_no_correction(js, separator, query):
    assert plan(js, query, ["oxytocin", "gnrh", "fsh", "lh"], separator) == []


def test_closest_word_wins_then_same_first_letter_then_most_used(js):
    assert plan(js, "hormne", ["hormone", "hormones"])[0]["replacement"] == "hormone"
    assert plan(js, "bain", ["rain", "bait"])[0]["replacement"] == "bait"
    assert plan(js, "cortes", ["cortex", "cortef"], weights={"cortex": 1, "cortef": 9})[0]["replacement"] == "cortef"


def test_worker_imports_only_materials_search_worker_from_its_own_origin(js):
    def url(href):
        return js(
            "h => SearchFuzzy.materialUrl({href: h, origin: new URL(h).origin})",
            "https://site.example/assets/javascripts/workers/search-fuzzy.js?material=" + href,
        )

    good = "https://site.example/assets/javascripts/workers/search.a7633da7.min.js"
    assert url(good) == good
    assert url("https://evil.example/assets/javascripts/workers/search.a7633da7.min.js") is None
    assert url("https://site.example/assets/javascripts/bundle.a5f9d56c.min.js") is None


# ------------------------------------------------------------------ speed: only the best pages (search-best-pages.js)


def test_documents_are_grouped_by_page_as_material_groups_them(js):
    docs = [{"location": "a/"}, {"location": "a/#one"}, {"location": "b/#orphan"}, {"location": "b/#two"}]
    groups = js("docs => Object.fromEntries(SearchBestPages.documentGroups(docs))", docs)
    assert groups == {
        "a/": {"group": "a/", "page": True},
        "a/#one": {"group": "a/", "page": False},
        "b/#two": {"group": "b/#orphan", "page": False},  # Material cannot find b/#orphan itself
    }


@pytest.mark.parametrize(
    ("page", "matched", "terms", "factor"),
    [
        (True, ["oxytocin"], ["oxyto"], 5),  # a page with every word: 1 + (1 + 1)²
        (False, ["oxytocin"], ["oxyto"], 2),  # a section with every word: 1 + 1²
        (True, ["oxytocin"], ["oxyto", "receptor"], 1 + 1.5**2),  # half the words
        (False, ["oxytocin"], ["oxyto", "the"], 2),  # a missing stop word does not count
    ],
)
def test_score_is_materials(js, page, matched, terms, factor):
    score = js(
        "([page, matched, terms]) => SearchBestPages.materialScore(2, page, matched, terms, w => w === 'the')",
        page,
        matched,
        terms,
    )
    assert score == pytest.approx(2 * factor)


def test_only_the_documents_of_the_best_pages_are_kept(js):
    docs = [{"location": p} for p in ("a/", "a/#s", "b/", "c/", "c/#s")]
    results = [  # lunr's order; Material's factor 5 for a page, 2 for a section, every word found
        {"ref": "c/#s", "score": 4, "matchData": {"metadata": {"oxytocin": {}}}},  # c: 8
        {"ref": "b/", "score": 1.5, "matchData": {"metadata": {"oxytocin": {}}}},  # b: 7.5
        {"ref": "a/#s", "score": 1, "matchData": {"metadata": {"oxytocin": {}}}},  # a: 2
        {"ref": "a/", "score": 1, "matchData": {"metadata": {"oxytocin": {}}}},  # a: 5
        {"ref": "x/#unknown", "score": 9, "matchData": {"metadata": {"oxytocin": {}}}},
    ]
    kept = js(
        """([docs, results, limit]) => {
             const groups = SearchBestPages.documentGroups(docs);
             const found = SearchBestPages.keep(results, groups, limit, ["oxytocin"], () => false);
             return {refs: found.results.map(r => r.ref), total: found.total};
           }""",
        docs,
        results,
        2,
    )
    assert kept == {"refs": ["c/#s", "b/"], "total": 3}
    everything = js(
        "([d, r]) => SearchBestPages.keep(r, SearchBestPages.documentGroups(d), 3, ['oxytocin'], () => false)",
        docs,
        results,
    )
    assert everything["total"] == 3 and len(everything["results"]) == len(results), "nothing left out within the limit"
