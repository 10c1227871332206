"""Score search results against the relevance suite (tests/browser/search_queries.yml).

Pure functions, no browser: the browser test feeds them what Chromium showed, and a
unit test feeds them a deliberately wrong expectation to prove the scoring can fail.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES = Path(__file__).resolve().parents[2] / "tests" / "browser" / "search_queries.yml"  # the suite is test data
TOP = 3


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    page: str | None  # a path under docs/ (such as "mechanisms/estradiol.md"), or None: expect no result


@dataclass
class Verdict:
    case: Case
    rank: int | None  # 1-based rank of the expected page, None if absent
    shown: list[str]  # URL paths of the first results shown
    passed: bool


def url_of(src: str) -> str:
    """The URL path MkDocs gives a source page: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    path = src.removesuffix(".md")
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def load_cases(path: Path = QUERIES) -> list[Case]:
    return [Case(str(item["kind"]), str(item["query"]), item["page"]) for item in yaml.safe_load(path.read_text())]


def problems(cases: list[Case], docs_dir: Path) -> list[str]:
    """What is wrong with the suite itself: unknown pages, repeated queries."""
    found = [f"{c.query!r}: no such page docs/{c.page}" for c in cases if c.page and not (docs_dir / c.page).is_file()]
    repeated = [q for q, n in Counter(c.query.casefold() for c in cases).items() if n > 1]
    found += [f"{q!r} is listed more than once" for q in repeated]
    return found


def judge(case: Case, shown: list[str], top: int = TOP) -> Verdict:
    """Shown: URL paths of the result list in order. A negative case passes only with no result."""
    if case.page is None:
        return Verdict(case, None, shown[:top], passed=not shown)
    expected = url_of(case.page)
    rank = shown.index(expected) + 1 if expected in shown else None
    return Verdict(case, rank, shown[:top], passed=rank is not None and rank <= top)


def summary(verdicts: list[Verdict], latencies_ms: list[float] | None = None) -> dict:
    """Precision at 1 and top-3 hit rate over the positive cases, per kind and overall; the misses."""
    positive = [v for v in verdicts if v.case.page is not None]
    negative = [v for v in verdicts if v.case.page is None]

    def rates(items: list[Verdict]) -> dict:
        n = len(items)
        return {
            "queries": n,
            "precision_at_1": round(sum(v.rank == 1 for v in items) / n, 3) if n else None,
            "top3_hit_rate": round(sum(v.passed for v in items) / n, 3) if n else None,
        }

    kinds = sorted({v.case.kind for v in positive})
    result = {
        **rates(positive),
        "by_kind": {k: rates([v for v in positive if v.case.kind == k]) for k in kinds},
        "negative_controls_passed": f"{sum(v.passed for v in negative)}/{len(negative)}",
        "misses": [
            {"query": v.case.query, "expected": v.case.page, "rank": v.rank, "shown": v.shown}
            for v in verdicts
            if not v.passed
        ],
    }
    if latencies_ms:
        ordered = sorted(latencies_ms)
        result["keystroke_to_results_ms"] = {
            "median": round(ordered[len(ordered) // 2], 1),
            "max": round(ordered[-1], 1),
        }
    return result


def committed_queries(path: Path = QUERIES) -> set[str] | None:
    """The suite's queries as last committed (git HEAD), to mark those added since; None without git."""
    try:
        shown = subprocess.run(
            ["git", "show", f"HEAD:./{path.name}"], cwd=path.parent, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if shown.returncode != 0:
        inside = subprocess.run(["git", "rev-parse"], cwd=path.parent, capture_output=True, timeout=30)
        return set() if inside.returncode == 0 else None  # a suite not committed yet is new throughout
    return {str(item["query"]).casefold() for item in yaml.safe_load(shown.stdout) or []}


def rank_lines(verdicts: list[Verdict], committed: set[str] | None = None) -> list[str]:
    """One line per query: where its page ranks, MISS when not in the top three, NEW when not committed yet."""
    lines = [f"  rank  query -> expected page (MISS: not in the top {TOP}; NEW: added since the last commit)"]
    for v in verdicts:
        if v.case.page is None:
            rank = "none" if v.passed else f"{len(v.shown)}+"  # a negative control: how many results it got
        else:
            rank = str(v.rank) if v.rank is not None else "-"
        marks = [] if v.passed else ["MISS"]
        if committed is not None and v.case.query.casefold() not in committed:
            marks.append("NEW")
        lines.append(f"  {rank:>4}  {' '.join(marks):<8} {v.case.query!r} -> {v.case.page or 'no result'}")
    return lines


def report_lines(result: dict) -> list[str]:
    lines = [
        f"search relevance: {result['queries']} queries, precision@1 {result['precision_at_1']:.0%}, "
        f"top-3 hit rate {result['top3_hit_rate']:.0%}, negative controls {result['negative_controls_passed']}"
    ]
    for kind, figures in result["by_kind"].items():
        lines.append(
            f"  {kind:<13} {figures['queries']:>3} queries  P@1 {figures['precision_at_1']:.0%}  "
            f"top-3 {figures['top3_hit_rate']:.0%}"
        )
    if "keystroke_to_results_ms" in result:
        t = result["keystroke_to_results_ms"]
        lines.append(f"  last keystroke -> results shown: median {t['median']} ms, max {t['max']} ms")
    for miss in result["misses"]:
        lines.append(
            f"  MISS {miss['query']!r}: expected {miss['expected']}, rank {miss['rank']}, shown {miss['shown']}"
        )
    return lines
