"""The relevance suite's scoring can fail: a wrong expectation, a missing page, a noisy negative control."""

from __future__ import annotations

from pathlib import Path

import pytest

BROWSER = Path(__file__).resolve().parents[1] / "browser"
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def rel():
    from scripts.search_suite import relevance

    return relevance


SHOWN = ["glossary/", "fundamentals/feedback-loops-and-axes/", "clinical/testosterone-therapy-in-men/", ""]


@pytest.mark.parametrize(
    ("src", "url"),
    [("mechanisms/estradiol.md", "mechanisms/estradiol/"), ("glossary/index.md", "glossary/"), ("index.md", "")],
)
def test_url_of_source_page(rel, src, url):
    assert rel.url_of(src) == url


def test_expected_page_in_the_top_three_passes(rel):
    verdict = rel.judge(rel.Case("abbreviation", "LH", "fundamentals/feedback-loops-and-axes.md"), SHOWN)
    assert verdict.passed and verdict.rank == 2


def test_deliberately_wrong_expectation_fails_and_is_reported(rel):
    """The negative case: an expectation the results do not meet lowers the rates and is listed as a miss."""
    good = rel.judge(rel.Case("abbreviation", "LH", "fundamentals/feedback-loops-and-axes.md"), SHOWN)
    wrong = rel.judge(rel.Case("abbreviation", "LH", "mechanisms/thyroid.md"), SHOWN)
    fourth = rel.judge(rel.Case("abbreviation", "LH", "index.md"), SHOWN)
    assert not wrong.passed and wrong.rank is None
    assert not fourth.passed and fourth.rank == 4
    result = rel.summary([good, wrong, fourth])
    assert result["top3_hit_rate"] == pytest.approx(1 / 3, abs=0.001)
    assert result["precision_at_1"] == 0
    assert [m["expected"] for m in result["misses"]] == ["mechanisms/thyroid.md", "index.md"]
    assert any("MISS 'LH'" in line for line in rel.report_lines(result))


def test_negative_control_fails_when_anything_is_found(rel):
    case = rel.Case("negative", "xylophonic zebrafinch", None)
    assert rel.judge(case, []).passed
    assert not rel.judge(case, ["glossary/"]).passed


def test_suite_is_large_enough_and_names_real_pages(rel):
    cases = rel.load_cases()
    assert len([c for c in cases if c.page]) >= 40
    assert any(c.page is None for c in cases), "the suite needs a negative control"
    assert rel.problems(cases, DOCS) == []


def test_suite_problems_are_found(rel):
    cases = [rel.Case("x", "LH", "no/such-page.md"), rel.Case("x", "lh", "glossary/index.md")]
    found = rel.problems(cases, DOCS)
    assert "'LH': no such page docs/no/such-page.md" in found
    assert "'lh' is listed more than once" in found


def test_every_query_is_printed_with_its_rank_and_misses_and_new_ones_are_marked(rel):
    """Issue 17: an editor sees where each query's page ranks, which fail, and which were just added."""
    verdicts = [
        rel.judge(rel.Case("abbreviation", "LH", "fundamentals/feedback-loops-and-axes.md"), SHOWN),
        rel.judge(rel.Case("abbreviation", "LH home", "index.md"), SHOWN),
        rel.judge(rel.Case("brand", "Arimidex", "mechanisms/thyroid.md"), SHOWN),
        rel.judge(rel.Case("negative", "xylophonic zebrafinch", None), []),
    ]
    lines = rel.rank_lines(verdicts, committed={"lh", "arimidex", "xylophonic zebrafinch"})
    assert len(lines) == 1 + len(verdicts), "a header and one line per query"
    assert lines[1].split() == ["2", "'LH'", "->", "fundamentals/feedback-loops-and-axes.md"]
    assert lines[2].split() == ["4", "MISS", "NEW", "'LH", "home'", "->", "index.md"]
    assert lines[3].split() == ["-", "MISS", "'Arimidex'", "->", "mechanisms/thyroid.md"]
    assert lines[4].split() == ["none", "'xylophonic", "zebrafinch'", "->", "no", "result"]
    assert "NEW" not in " ".join(rel.rank_lines(verdicts, committed=None)[1:]), "without git nothing is marked new"


def test_committed_queries_come_from_git_or_are_unknown(rel, tmp_path):
    committed = rel.committed_queries()
    assert committed is None or "lh" in committed or committed == set()
    outside = tmp_path / "search_queries.yml"  # not in any repository
    outside.write_text("- {kind: x, query: LH, page: null}\n", encoding="utf-8")
    assert rel.committed_queries(outside) is None
