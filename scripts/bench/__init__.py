"""Benchmark the site against a default Material build of the same content (issues 8 and 14).

Each measurement is one module in scripts/bench/measurements/ (listed in its __init__.py):

* build: cold builds of the real site, ours and the baseline (theme `material` with defaults, plugins
  search and bibtex only, same Markdown extensions and content); what each ships (structural budgets);
* weight, search, search-projection, no-js, lighthouse: first-view transfer, the search index (and its
  size projected to 1,000 pages), keystroke-to-results time, reading without JavaScript, Lighthouse;
* serve, preview: `mkdocs serve` rebuild, and edit-to-page-served in scripts/serve (scripts/bench_preview.py);
* corpus: synthetic corpora (pages x citations), marginal cost per page and per citation (linear growth);
* hook-cost: the 1,000-page corpus with our mkdocs.yml, with it minus our hooks (the issue's budget), and
  with it keeping only citation_style.py (fair: mkdocs-bibtex's own formatter is slower than ours);
* big-bib: the real site with 12,000 extra uncited entries in its reference library.

Prints Markdown tables and pass/fail budgets (exit status 1 if a budget fails); writes
bench-results/<time>/bench.md, bench.json and the Lighthouse reports. It is a measuring
tool, not a test: nothing here runs in the test suite.

    .venv/bin/python -m scripts.bench                 # everything (about 25 minutes on 2 quiet cores)
    .venv/bin/python -m scripts.bench --quick         # 1 run each, 100-page corpus
    .venv/bin/python -m scripts.bench --only hook-cost,big-bib --profile
"""
