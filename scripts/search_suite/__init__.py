"""The site search as a reader uses it, shared by the browser tests and the benchmarks.

`driver` types into Material's search box in Debian's Chromium and reads what it shows;
`relevance` scores the results against the suites in tests/browser/ (search_queries.yml,
search_misspellings.yml). tests/browser/test_search.py, scripts/bench_search.py and
scripts/bench_weight.py import them from here, so the benchmark measures what the test
exercises, and no script imports from tests/.
"""
