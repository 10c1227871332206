"""The search driver and scoring live in scripts/search_suite/ (shared with the benchmark); tests import them."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_suite_reads_the_queries_the_tests_keep():
    from scripts.search_suite import relevance

    assert relevance.QUERIES == ROOT / "tests" / "browser" / "search_queries.yml"
    assert relevance.load_cases(), "the relevance suite is where the browser test reads it"
