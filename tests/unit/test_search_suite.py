"""Scripts stand on their own: the search driver and scoring live in scripts/search_suite/, and tests import them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FROM_TESTS = re.compile(r"^\s*(?:from|import)\s+tests\b|sys\.path\.\w+\(.*[\"']tests[\"']")


def test_no_script_imports_from_tests():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "scripts").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if FROM_TESTS.search(line)
    ]
    assert offenders == []


def test_the_suite_reads_the_queries_the_tests_keep():
    from scripts.search_suite import relevance

    assert relevance.QUERIES == ROOT / "tests" / "browser" / "search_queries.yml"
    assert relevance.load_cases(), "the relevance suite is where the browser test reads it"
