"""bib/references.bib hygiene: one key pattern, sorted, complete, well-formed, nothing unverified cited."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.rules import bibliography as rules

BIB = ROOT / "bib" / "references.bib"
BAD = Path(__file__).parent / "fixtures" / "bib"
# Entries kept in bib/ without being cited on a content page, each with the reason.
DELIBERATELY_LISTED: dict[str, str] = {}


@pytest.fixture(scope="module")
def bib_text() -> str:
    return BIB.read_text(encoding="utf-8")


def lines(problems) -> str:
    """The failure message: the problems themselves, one a line, before pytest's comparison."""
    return "\n".join(problems)


def test_layout(bib_text):
    problems = rules.check_layout(bib_text)
    assert not problems, lines(problems)


def test_entries(bib_text):
    problems = rules.check_entries(rules.load(bib_text))
    assert not problems, lines(problems)


def test_no_unverified_entry_is_cited(bib_text, site):
    cited = rules.unverified_keys(rules.load(bib_text)) & cited_keys(site)
    assert not cited, lines(f"{key}: cited, but its note says 'unverified:'" for key in sorted(cited))


def test_every_entry_is_cited_or_deliberately_listed(bib_text, site):
    keys = set(rules.load(bib_text).entries.keys())
    uncited = keys - cited_keys(site) - set(DELIBERATELY_LISTED)
    assert not uncited, lines(
        f"{key}: no page cites it (cite it, or list it in DELIBERATELY_LISTED with a reason)" for key in sorted(uncited)
    )


def cited_keys(site) -> set[str]:
    """Keys cited anywhere in the built site, read from the footnote markers in the HTML."""
    keys = set()
    for path in site.html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        keys.update(a["href"].removeprefix("#fn:") for a in soup.select('a.footnote-ref[href^="#fn:"]'))
    return keys


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("unsorted.bib", "not sorted"),
        ("bad-key.bib", "author-year-word"),
        ("missing-field.bib", "needs 'journal'"),
        ("missing-field.bib", "needs 'doi' or 'pmid'"),
        ("bad-identifiers.bib", "malformed DOI"),
        ("bad-identifiers.bib", "malformed PMID"),
        ("bad-identifiers.bib", "URL must use https"),
        ("duplicate-doi.bib", "same DOI as alpha2020one"),
        ("no-evidence.bib", "'evidence' must be one of"),
        ("no-evidence.bib", "needs a 'note'"),
        ("latex-url.bib", "uses \\url"),
        ("unsupported-type.bib", "entry type @manual is not supported"),
        ("missing-container.bib", "lee2019paper: inproceedings needs 'booktitle'"),
        ("missing-container.bib", "roe2018voles: phdthesis needs 'school'"),
        ("missing-container.bib", "nice2020review: techreport needs 'institution'"),
    ],
)
def test_rule_rejects_fixture(fixture, expected):
    text = (BAD / fixture).read_text(encoding="utf-8")
    problems = rules.check_layout(text) + rules.check_entries(rules.load(text))
    assert any(expected in p for p in problems), f"{fixture}: no problem says {expected!r}; found:\n{lines(problems)}"


def test_every_supported_entry_type_passes_when_complete():
    """The control for the entry-type rules: one complete entry of each type the formatter renders."""
    text = (BAD / "entry-types.bib").read_text(encoding="utf-8")
    problems = rules.check_layout(text) + rules.check_entries(rules.load(text))
    assert not problems, lines(problems)


def test_unverified_fixture_is_flagged():
    text = (BAD / "unverified.bib").read_text(encoding="utf-8")
    assert rules.unverified_keys(rules.load(text)) == {"smith2020maybe"}
