#!/usr/bin/env python3
"""Search figures for a built site: index size, time to results, relevance.

    .venv/bin/python scripts/bench_search.py [SITE_DIR]     # prints JSON; builds the site if no dir is given
    .venv/bin/python scripts/bench_search.py --corpus SITE_DIR [--runs 5]   # a built synthetic corpus only

`measure(site_dir) -> dict` is what the benchmark (scripts/bench/) calls, for our build and
for the default-Material baseline; `corpus_latency(site_dir, runs=3) -> dict` for the
synthetic corpus. Both names and their keys stay stable. Figures (flat, numeric):

* index_raw_bytes, index_gzip_bytes, index_entries: search/search_index.json, which
  every reader's browser downloads on the first page view; index_added_field_bytes:
  the fields our hooks add (keywords, descriptions, other names; raw bytes);
* search_ready_ms: page navigation start to the search worker reporting ready
  (index fetched and lunr index built), median over 3 loads;
* keystroke_to_results_ms_{median,p90,max}: last keystroke to the result list
  rendered, typing BENCH_QUERIES (spelt right and misspelt) with real key events at
  100 ms a key (a fast typist, 120 words a minute) in Chromium, spelling correction
  included; fuzzy_keystroke_to_results_ms_median: the misspelt ones only, which our
  search worker corrects (assets/javascripts/workers/search-fuzzy.js);
  keystroke_to_paint_ms_median: to the next frame painted after the list is rendered;
* relevance_precision_at_1, relevance_top3_hit_rate: the relevance suite
  (tests/browser/search_queries.yml) typed at full speed, as the test does;
  misspelling_precision_at_1, misspelling_top3_hit_rate: the misspelling suite
  (tests/browser/search_misspellings.yml).

corpus_latency types CORPUS_QUERIES into a synthetic corpus (the benchmark builds it),
`runs` times with our search worker and as often with Material's own (the page is kept
from installing ours), alternately, in fresh pages: keystroke_to_results_ms_{median,p90,max}
and material_only_ms_{median,p90} over every query of every run, per_query_ms the median
of each query's runs ([ours, Material's]). Where the time went on that corpus before our
worker limited Material to the best 50 pages (workers/search-best-pages.js), for "oxytocin"
(6,022 matching documents): lunr's query and suggestions about 20 ms, Material highlighting
and copying every document about 70 ms, sending 4.6 MB to the page about 35 ms, rendering
the first ten 5 ms; the spelling correction's own work under 1 ms.

It is a measuring tool, not a test. Chromium is Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
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
sys.path.insert(0, str(ROOT))

from scripts.search_suite import relevance as search_relevance  # noqa: E402  (the same driver and scoring as the test)
from scripts.search_suite.driver import SearchBox, launch_chromium, serve  # noqa: E402

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
            latencies = [t[0] for t in timed.values()]

            relevance, misspelling = [suite(browser, base, path) for path in (search_relevance.QUERIES, MISSPELLINGS)]
        finally:
            browser.close()
    return {
        "search_ready_ms": round(statistics.median(ready), 1),
        "keystroke_to_results_ms_median": round(statistics.median(latencies), 1),
        "keystroke_to_results_ms_p90": round(percentile(latencies, 0.9), 1),
        "keystroke_to_results_ms_max": round(max(latencies), 1),
        "keystroke_to_paint_ms_median": round(statistics.median(t[1] for t in timed.values()), 1),
        "fuzzy_keystroke_to_results_ms_median": round(statistics.median(timed[q][0] for q in MISSPELT), 1),
        "relevance_queries": relevance["queries"],
        "relevance_precision_at_1": relevance["precision_at_1"],
        "relevance_top3_hit_rate": relevance["top3_hit_rate"],
        "misspelling_queries": misspelling["queries"],
        "misspelling_precision_at_1": misspelling["precision_at_1"],
        "misspelling_top3_hit_rate": misspelling["top3_hit_rate"],
    }


def typed(browser, base: str, queries: list[str], material_only: bool = False) -> dict[str, tuple[float, float]]:
    """(ms to the list rendered, ms to the next frame painted) from the last keystroke, per query, in a fresh page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        # The page's own script (overrides/partials/search.html) cannot replace a read-only
        # Worker, so with material_only Material's search worker runs alone.
        freeze = "Object.defineProperty(window, 'Worker', {value: window.Worker, writable: false})"
        page = context.new_page()
        box = SearchBox(page, base, key_delay_ms=KEY_DELAY_MS, init_script=freeze if material_only else None)
        outcomes = {query: box.search(query) for query in queries}
        return {query: (o.latency_ms, o.paint_ms) for query, o in outcomes.items()}
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


def corpus_latency(site_dir, runs: int = 3) -> dict:
    """Keystroke to results on a synthetic corpus: with our search worker, and with Material's alone."""

    def run() -> dict:
        from playwright.sync_api import sync_playwright

        ours: dict[str, list[float]] = {q: [] for q in CORPUS_QUERIES}
        material: dict[str, list[float]] = {q: [] for q in CORPUS_QUERIES}
        with serve(Path(site_dir)) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                for _ in range(runs):  # alternately, so that both see the same load on the machine
                    for query, (ms, _paint) in typed(browser, base, CORPUS_QUERIES).items():
                        ours[query].append(ms)
                    for query, (ms, _paint) in typed(browser, base, CORPUS_QUERIES, material_only=True).items():
                        material[query].append(ms)
            finally:
                browser.close()
        all_ours = [ms for times in ours.values() for ms in times]
        all_material = [ms for times in material.values() for ms in times]
        return {
            "index_raw_bytes": (Path(site_dir) / "search" / "search_index.json").stat().st_size,
            "runs": runs,
            "keystroke_to_results_ms_median": round(statistics.median(all_ours), 1),
            "keystroke_to_results_ms_p90": round(percentile(all_ours, 0.9), 1),
            "keystroke_to_results_ms_max": round(max(all_ours), 1),
            "material_only_ms_median": round(statistics.median(all_material), 1),
            "material_only_ms_p90": round(percentile(all_material, 0.9), 1),
            "per_query_ms": {
                q: [round(statistics.median(ours[q]), 1), round(statistics.median(material[q]), 1)]
                for q in CORPUS_QUERIES
            },
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", type=Path, help="a built site (default: build this one)")
    parser.add_argument("--corpus", type=Path, help="a built synthetic corpus: measure corpus_latency only")
    parser.add_argument("--runs", type=int, default=3, help="runs of the corpus queries (default 3)")
    args = parser.parse_args(argv)
    if args.corpus:
        print(json.dumps(corpus_latency(args.corpus, runs=args.runs), indent=2))
        return 0
    site_dir = args.site_dir
    if site_dir is None:
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
