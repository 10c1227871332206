"""Every measurement, in the order it runs and reports: a new measurement is one module and one row here.

A measurement module has NAME (for --only and --skip), `measure(ctx)`, which stores its figures in
ctx.results, and `report(results) -> (Markdown lines, budgets)`. BROWSER = True marks those that
need Chromium (skipped with --skip-browser). "build" runs first: the others use the sites it builds.
"""

from __future__ import annotations

from scripts.bench.measurements import (
    big_bib,
    corpora,
    heaviest,
    hook_cost,
    lighthouse,
    no_js,
    preview,
    real_site,
    search,
    search_projection,
    serve,
    weight,
)

MEASUREMENTS = [
    real_site,  # cold builds of the real site, ours and the baseline; structural budgets
    weight,  # first-view transfer of three pages against the baseline
    heaviest,  # the heaviest first view of any page (scripts/bench_weight.py)
    search,  # search index and keystroke-to-results time (scripts/bench_search.py)
    no_js,  # every page readable without JavaScript
    lighthouse,  # Lighthouse scores
    serve,  # mkdocs serve rebuild, ours and the baseline
    preview,  # edit to page served in scripts/serve (scripts/bench_preview.py)
    corpora,  # synthetic corpora: linear in pages and citations
    search_projection,  # search index projected to 1,000 pages (points from the corpora)
    hook_cost,  # per-page cost of our hooks on the 1,000-page corpus
    big_bib,  # the real site with 12,000 extra uncited entries
]
