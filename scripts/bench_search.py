#!/usr/bin/env python3
"""Search figures for a built site: index size, time to results, relevance.

    .venv/bin/python scripts/bench_search.py [SITE_DIR]     # prints JSON; builds the site if no dir is given

`measure(site_dir) -> dict` is what scripts/bench.py calls, for our build and for
the default-Material baseline; `corpus_latency(site_dir)` for the synthetic corpus.
Figures (flat, numeric):

* index_raw_bytes, index_gzip_bytes, index_entries: search/search_index.json, which
  every reader's browser downloads on the first page view; index_added_field_bytes:
  the fields our hooks add (keywords, descriptions, other names; raw bytes);
* search_ready_ms: page navigation start to the search worker reporting ready
  (index fetched and lunr index built), median over 3 loads;
* keystroke_to_results_ms_{median,p90,max}: last keystroke to the result list
  rendered, typing BENCH_QUERIES (spelt right and misspelt) at 100 ms a key in
  Chromium; fuzzy_keystroke_to_results_ms_median: the misspelt ones only, which our
  search worker corrects (assets/javascripts/workers/search-fuzzy.js);
* relevance_precision_at_1, relevance_top3_hit_rate: the relevance suite
  (tests/browser/search_queries.yml) typed at full speed, as the test does;
  misspelling_precision_at_1, misspelling_top3_hit_rate: the misspelling suite
  (tests/browser/search_misspellings.yml).

corpus_latency types CORPUS_QUERIES into a synthetic corpus (scripts/bench.py builds
it), once with our search worker and once with Material's own (the page is kept from
installing ours), so that the cost of the spelling correction shows on its own.

It is a measuring tool, not a test. Chromium is Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import concurrent.futures
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import search_relevance  # noqa: E402  (tests/browser: the same driver and scoring as the test)
from search_driver import SearchBox, launch_chromium, serve  # noqa: E402

MISSPELLINGS = ROOT / "tests" / "browser" / "search_misspellings.yml"

BENCH_QUERIES = [
    "oxytocin",
    "oestradiol",
    "ERα",
    "CJC-1295",
    "Arimidex",
    "HPA",
    "luteinising hormone",
    "does testosterone affect oxytocin",
    "postpartum depression medicine",
    "xylophonic zebrafinch",
]
MISSPELT = ["oxitocin", "anastrazole", "progestrone", "thyriod", "Oxitocin receptor", "luteinizing hormon"]
BENCH_QUERIES += MISSPELT
# Words of the synthetic corpus (scripts/bench.py: TEXT, titles, parts), right and misspelt.
CORPUS_QUERIES = [
    "oxytocin",
    "steroid exposure",
    "benchmark page 500",
    "indirect",
    "oxitocin",
    "recepter binding",
    "speceis",
    "steroid exposeure",
    "bibliografy",
    "xqzvw",
]
KEY_DELAY_MS = 100  # a fast typist; the worker is never more than one query behind
ADDED_FIELDS = ("explains", "description", "keywords", "title_synonyms", "text_synonyms")


def index_figures(site_dir: Path) -> dict:
    data = (site_dir / "search" / "search_index.json").read_bytes()
    docs = json.loads(data)["docs"]
    fields = sum(len(json.dumps(d[k], ensure_ascii=False)) + len(k) + 4 for d in docs for k in ADDED_FIELDS if k in d)
    return {
        "index_raw_bytes": len(data),
        "index_gzip_bytes": len(gzip.compress(data, compresslevel=6)),
        "index_entries": len(docs),
        "index_added_field_bytes": fields,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def browser_figures(site_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            ready = []
            for _ in range(3):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                SearchBox(page, base)
                ready.append(page.evaluate("() => window.__search.readyAt"))
                context.close()

            timed = typed(browser, base, BENCH_QUERIES)
            latencies = list(timed.values())

            relevance, misspelling = [suite(browser, base, path) for path in (search_relevance.QUERIES, MISSPELLINGS)]
        finally:
            browser.close()
    return {
        "search_ready_ms": round(statistics.median(ready), 1),
        "keystroke_to_results_ms_median": round(statistics.median(latencies), 1),
        "keystroke_to_results_ms_p90": round(percentile(latencies, 0.9), 1),
        "keystroke_to_results_ms_max": round(max(latencies), 1),
        "fuzzy_keystroke_to_results_ms_median": round(statistics.median(timed[q] for q in MISSPELT), 1),
        "relevance_queries": relevance["queries"],
        "relevance_precision_at_1": relevance["precision_at_1"],
        "relevance_top3_hit_rate": relevance["top3_hit_rate"],
        "misspelling_queries": misspelling["queries"],
        "misspelling_precision_at_1": misspelling["precision_at_1"],
        "misspelling_top3_hit_rate": misspelling["top3_hit_rate"],
    }


def typed(browser, base: str, queries: list[str], material_only: bool = False) -> dict[str, float]:
    """Milliseconds from the last keystroke to results shown, per query, typed at KEY_DELAY_MS a key."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        # The page's own script (overrides/partials/search.html) cannot replace a read-only
        # Worker, so with material_only Material's search worker runs alone.
        freeze = "Object.defineProperty(window, 'Worker', {value: window.Worker, writable: false})"
        page = context.new_page()
        box = SearchBox(page, base, key_delay_ms=KEY_DELAY_MS, init_script=freeze if material_only else None)
        return {query: box.search(query).latency_ms for query in queries}
    finally:
        context.close()


def suite(browser, base: str, path: Path) -> dict:
    """A relevance suite typed at full speed, as the test does: its summary figures."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        box = SearchBox(context.new_page(), base)
        cases = search_relevance.load_cases(path)
        return search_relevance.summary(
            [search_relevance.judge(c, [r.path for r in box.search(c.query).results]) for c in cases]
        )
    finally:
        context.close()


def corpus_latency(site_dir) -> dict:
    """Keystroke to results on a synthetic corpus: with our search worker, and with Material's alone."""

    def run() -> dict:
        from playwright.sync_api import sync_playwright

        with serve(Path(site_dir)) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                ours = typed(browser, base, CORPUS_QUERIES)
                material = typed(browser, base, CORPUS_QUERIES, material_only=True)
            finally:
                browser.close()
        return {
            "index_raw_bytes": (Path(site_dir) / "search" / "search_index.json").stat().st_size,
            "keystroke_to_results_ms_median": round(statistics.median(ours.values()), 1),
            "keystroke_to_results_ms_max": round(max(ours.values()), 1),
            "material_only_ms_median": round(statistics.median(material.values()), 1),
            "per_query_ms": {q: [round(ours[q], 1), round(material[q], 1)] for q in CORPUS_QUERIES},
        }

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # see measure()
        return pool.submit(run).result()


def measure(site_dir) -> dict:
    """All figures for one built site (a directory holding search/search_index.json)."""
    site_dir = Path(site_dir)
    figures = index_figures(site_dir)
    # Playwright's sync API refuses to start inside another sync_playwright() on the same
    # thread (scripts/bench.py has one open), so the browser part runs on a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        figures.update(pool.submit(browser_figures, site_dir).result())
    return figures


def main() -> int:
    if len(sys.argv) > 1:
        site_dir = Path(sys.argv[1])
    else:
        site_dir = Path(tempfile.mkdtemp(prefix="bench-search-"))
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir)],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=True,
        )
    print(json.dumps(measure(site_dir), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
