"""Editorial rules on the Markdown sources, one test per page so a failure names the file.

Each rule also runs on a fixture page in tests/fixtures/content/ that it must reject.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.rules import content as rules

DOCS = ROOT / "docs"
FIXTURES = Path(__file__).parent / "fixtures" / "content"
SHARED = ROOT.parent / "shared"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
CONTENT_PAGES = [
    p for p in PAGES if p.startswith(("fundamentals/", "mechanisms/", "clinical/")) and not p.endswith("index.md")
]
CLINICAL_AGENT_PAGES = [
    "clinical/testosterone-therapy-in-men.md",
    "clinical/hormone-therapy-for-women.md",
    "clinical/growth-hormone-secretagogues.md",
    "clinical/other-peptides.md",
    "clinical/neurosteroid-medicines.md",
]
# Every agent the source article names: each needs a section on a clinical page and a row in the table.
SOURCE_ARTICLE_AGENTS = [
    "Testosterone cypionate", "Gonadorelin", "Anastrozole", "Enclomiphene", "Progesterone", "pellets",
    "Sermorelin", "Ipamorelin", "CJC-1295", "Tesamorelin", "Hexarelin", "MK-677", "PT-141", "Pentadeca arginate",
]  # fmt: skip
# Capitalised tokens that are not abbreviations to expand (units, code names explained in the text, ...).
NOT_ABBREVIATIONS = {
    "AMA", "APA", "BPC-157", "BY", "CC", "CIII", "CIV", "CSL-JSON", "DNA", "GRADE", "II", "III", "IIb", "IU", "IV",
    "JSON", "LD", "MK-0677", "MK-677", "PDA", "PT-141", "REMS", "RIS", "SC", "TH9507", "UK", "URL", "US", "USA", "USP",
}  # fmt: skip


def read(rel: str) -> str:
    return (DOCS / rel).read_text(encoding="utf-8")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_content_page_anatomy(page):
    assert rules.check_anatomy(read(page)) == []


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_every_section_cites_a_source(page):
    assert rules.check_citations_per_section(read(page)) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_placeholders_latin_or_here_links(page):
    assert rules.check_forbidden_words(read(page)) == []


@pytest.mark.parametrize("page", PAGES)
def test_regulatory_status_boxes_render_from_data(page):
    assert rules.check_statuses_from_data(read(page)) == []


@pytest.mark.parametrize("agent", SOURCE_ARTICLE_AGENTS)
def test_every_agent_has_a_section_with_its_status_box(agent):
    for page in CLINICAL_AGENT_PAGES:
        for _level, heading, text in rules.headed_sections(read(page)):
            if agent.lower() in heading.lower():
                assert rules.STATUS_BOX.search(text), f"{page}: section '{heading}' has no {{{{ status AGENT }}}} box"
                return
    pytest.fail(f"no clinical page has a section for {agent}")


def test_agents_table_has_a_cited_row_per_agent():
    assert rules.check_agent_table(read("clinical/agents-at-a-glance.md"), SOURCE_ARTICLE_AGENTS) == []


def test_status_table_has_a_dated_row_per_agent_from_data():
    assert rules.check_status_table(read("clinical/regulatory-status.md"), SOURCE_ARTICLE_AGENTS) == []


CLAIM_PAGES = [
    f"clinical/claims-about-{topic}.md" for topic in ("testosterone", "womens-hormones", "oxytocin", "peptides")
]


@pytest.mark.parametrize("page", CLAIM_PAGES)
def test_every_claim_has_a_verdict_and_a_source(page):
    assert rules.check_claims(read(page)) == []


def test_every_claim_in_the_verdict_table_links_to_its_evidence():
    topics = {page.removeprefix("clinical/").removesuffix(".md"): read(page) for page in CLAIM_PAGES}
    table = read("clinical/claims-checked.md")
    assert len(rules.CLAIM_LINK.findall(table)) == 18
    assert rules.check_claim_links(table, topics) == []


def test_claim_links_rule_rejects_a_wrong_link_and_a_claim_without_a_row():
    table = "| [A](topic-a.md#claim-a) | Supported | x |\n| [B](topic-a.md#claim-b) | Unsupported | y |\n"
    topics = {"topic-a": '### "A" { #claim-a }\n', "topic-b": '### "C" { #claim-c }\n'}
    assert rules.check_claim_links(table, topics) == [
        "row for claim-b links to topic-a.md, which has no such claim",
        "claim claim-c on topic-b.md has no row in the verdict table",
    ]


def test_abbreviations_are_defined_and_used():
    defined = rules.abbreviations((ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8"))
    texts = {page: read(page) for page in PAGES}
    undefined = {p: sorted(rules.undefined_acronyms(t, set(defined), NOT_ABBREVIATIONS)) for p, t in texts.items()}
    assert {p: u for p, u in undefined.items() if u} == {}
    everything = "\n".join(rules.prose(t) for t in texts.values())
    unused = [abbr for abbr in defined if abbr not in everything]
    assert unused == [], f"defined but never used: {unused}"


def test_glossary_covers_every_abbreviation_and_each_term_is_used():
    glossary = read("glossary/index.md")
    defined = rules.abbreviations((ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8"))
    missing = [abbr for abbr in defined if abbr not in glossary]
    assert missing == [], f"abbreviations missing from the glossary: {missing}"
    terms = rules.glossary_terms(glossary)
    others = "\n".join(rules.prose(read(p)) for p in PAGES if p != "glossary/index.md").lower()
    others += (ROOT / "data" / "agents.yml").read_text(encoding="utf-8").lower()  # status texts render on pages
    assert terms, "no glossary terms found"
    assert [t for t in terms if t.lower() not in others] == []


def test_prose_is_our_own():
    tool = SHARED / "tools" / "source-overlap"
    if not tool.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is missing: CI must have ../shared beside the checkout")
        pytest.skip("../shared/tools/source-overlap not present")
    result = subprocess.run([sys.executable, str(tool), str(DOCS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# Negative cases: every rule rejects a page that breaks it.
@pytest.mark.parametrize(
    ("name", "check", "expected"),
    [
        ("no-summary.md", rules.check_anatomy, "summary paragraph"),
        ("no-key-points.md", rules.check_anatomy, "Key points"),
        ("no-key-points.md", rules.check_anatomy, "Evidence and its limits"),
        ("title-mismatch.md", rules.check_anatomy, "front-matter title"),
        ("uncited-section.md", rules.check_citations_per_section, "section 'Body' cites no source"),
        ("placeholders.md", rules.check_forbidden_words, "TODO"),
        ("placeholders.md", rules.check_forbidden_words, "e.g."),
        ("placeholders.md", rules.check_forbidden_words, "link text 'here'"),
        ("undated-status.md", rules.check_statuses_from_data, "regulatory status box written by hand"),
        ("claims-unsupported.md", rules.check_claims, "has no verdict line"),
        ("claims-unsupported.md", rules.check_claims, "cites no source"),
    ],
)
def test_rule_rejects_fixture(name, check, expected):
    problems = check(fixture(name))
    assert any(expected in p for p in problems), problems


def test_table_rule_rejects_fixture():
    problems = rules.check_agent_table(fixture("table-undated.md"), ["Anastrozole", "Hexarelin"])
    assert "row for Anastrozole cites no source" in problems
    assert "no table row for Hexarelin" in problems


def test_status_table_rule_rejects_fixture():
    problems = rules.check_status_table(fixture("status-table-handwritten.md"), ["Anastrozole", "Hexarelin"])
    assert "row for Anastrozole: the last cell must be {{ status AGENT checked }} (its checked date)" in problems
    assert "row for Anastrozole: every status cell must come from {{ status AGENT FIELD }}" in problems
    assert "no table row for Hexarelin" in problems


def test_abbreviation_rule_rejects_fixture():
    assert rules.undefined_acronyms(fixture("undefined-abbreviation.md"), {"OXTR"}, set()) == {"ZQX"}


def test_glossary_rule_finds_terms():
    assert rules.glossary_terms("Aromatase\n:   An enzyme.\n\nOXTR\n:   The receptor.\n") == ["Aromatase", "OXTR"]


def test_a_status_placeholder_cites_but_its_checked_date_does_not():
    page = (
        "# T\n\n## Cited by data\n\n{{ status anastrozole fda }}\n\n## Dated only\n\n{{ status anastrozole checked }}\n"
    )
    assert rules.check_citations_per_section(page) == ["section 'Dated only' cites no source"]
