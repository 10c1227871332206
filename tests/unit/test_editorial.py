"""The editorial data model: citation grammar, claims ledger, agents data, review dates, changes."""

from __future__ import annotations

import datetime
import textwrap

import jinja2
import pytest
from editorial import agents, changes, citations, claims, review, templates
from editorial.yamlfile import DataError

TODAY = datetime.date(2026, 12, 2)


class TestCitationGrammar:
    def test_groups_keys_and_locators(self):
        text = "A [@a; @b:erratum] and [see @c, p. 12]."
        assert citations.keys(text) == ["a", "b:erratum", "c"]
        assert citations.strip(text) == "A and."

    def test_links_and_email_addresses_are_not_citations(self):
        text = "See [the page](x.md), [write to editors@example.org](mailto:editors@example.org) or [x][ref]."
        assert citations.keys(text) == []
        assert citations.strip(text) == text


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


PAGE = """\
---
title: T
---

# T

- Oxytocin rises in mice [@a].
Two sources agree [@a; @b].
`[@code]` in a code span is not a citation.
<!-- A commented-out sentence [@a]. -->
```
[@fenced]
```
"""

ENTRY = """\
- sentence: Oxytocin rises in mice.
  sources:
    - key: a
      locator: abstract
      quote: oxytocin rose
  checked: 2026-12-01
  verdict: supported
- sentence: Two sources agree.
  sources:
    - {key: a, locator: p. 2, paraphrase: it agrees}
    - {key: b, locator: abstract, paraphrase: so does this}
  checked: 2026-12-01
  verdict: supported
"""


class TestClaimsLedger:
    def test_cited_sentences_skip_front_matter_code_and_comments(self):
        found = claims.cited_sentences(PAGE)
        assert [(s.line, s.text, s.keys) for s in found] == [
            (7, "Oxytocin rises in mice.", ["a"]),
            (8, "Two sources agree.", ["a", "b"]),
        ]

    def test_a_complete_ledger_passes(self, tmp_path):
        ledger = write(tmp_path, "l.yml", ENTRY)
        assert claims.check_page(PAGE, "docs/p.md", ledger, "l.yml", TODAY) == []

    def test_missing_entry_names_page_and_line(self, tmp_path):
        ledger = write(tmp_path, "l.yml", ENTRY.split("- sentence: Two")[0])
        problems = claims.check_page(PAGE, "docs/p.md", ledger, "l.yml", TODAY)
        assert problems == ["docs/p.md:8: cited sentence has no entry in l.yml: 'Two sources agree.…'"]

    def test_stale_entry_and_key_mismatch(self, tmp_path):
        ledger = write(
            tmp_path,
            "l.yml",
            ENTRY.replace("Two sources agree.", "Two sources agreed.").replace(
                "- sentence: Oxytocin rises in mice.\n  sources:\n    - key: a",
                "- sentence: Oxytocin rises in mice.\n  sources:\n    - key: z",
            ),
        )
        problems = claims.check_page(PAGE, "docs/p.md", ledger, "l.yml", TODAY)
        assert any(p.startswith("l.yml:1: keys ['z'] do not match the sentence's ['a']") for p in problems)
        assert any("l.yml:8: names a sentence that is not on docs/p.md" in p for p in problems)

    @pytest.mark.parametrize(
        ("change", "words"),
        [
            (("2026-12-01", "2027-01-01"), "is in the future"),
            (("verdict: supported\n- sentence: Two", "verdict: overstated\n- sentence: Two"), "verdict 'overstated'"),
            (("quote: oxytocin rose", "quote: " + "word " * 26), "at most 25 words"),
            (("quote: oxytocin rose", "locator: x"), "give either 'quote' or 'paraphrase'"),
            (("locator: abstract\n      quote", "quote"), "field 'locator' is missing"),
        ],
    )
    def test_entry_problems(self, tmp_path, change, words):
        ledger = write(tmp_path, "l.yml", ENTRY.replace(*change, 1))
        problems = claims.check_page(PAGE, "docs/p.md", ledger, "l.yml", TODAY)
        assert any(words in p for p in problems), problems

    def test_malformed_ledger_is_one_line(self, tmp_path):
        ledger = write(tmp_path, "l.yml", "- sentence: [unclosed\n")
        (problem,) = claims.check_page(PAGE, "docs/p.md", ledger, "l.yml", TODAY)
        assert problem.startswith(f"{ledger}:1: invalid YAML")

    def test_stub_writes_entries_only_for_unrecorded_sentences(self, tmp_path):
        ledger = write(tmp_path, "l.yml", ENTRY.split("- sentence: Two")[0])
        stub = claims.stub(PAGE, ledger)
        assert "Two sources agree." in stub and "Oxytocin rises" not in stub


AGENTS = """\
zuranolone:
  name: Zuranolone
  other_names: [Zurzuvae]
  fda:
    status: approved
    text: approved for postpartum depression in adults
    source: [k1]
    checked: 2026-12-01
    events:
      - {date: 2024-11-05, text: label revised, source: k2}
"""


class TestAgents:
    def test_load(self, tmp_path):
        data = agents.load(write(tmp_path, "a.yml", AGENTS), TODAY)
        fact = data["zuranolone"].facts["fda"]
        assert (fact.status, fact.sources, fact.regulator) == ("approved", ("k1",), "FDA (United States)")
        assert agents.all_sources(data) == {"k1", "k2"}

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (("status: approved", "status: maybe"), "a.yml:5: zuranolone.fda.status: must be one of"),
            (("    source: [k1]\n", ""), "a.yml:4: zuranolone.fda.source: missing"),
            (("checked: 2026-12-01", "checked: 2027-01-01"), "a.yml:8: zuranolone.fda.checked: 2027-01-01 is in the"),
            (("date: 2024-11-05", "date: soon"), "a.yml:10: zuranolone.fda.events.0.date: must be a date"),
            (("  other_names", "  colour: red\n  other_names"), "a.yml:3: zuranolone.colour: unknown field"),
        ],
    )
    def test_problems_name_file_line_and_field(self, tmp_path, change, message):
        path = write(tmp_path, "a.yml", AGENTS.replace(*change))
        with pytest.raises(DataError) as error:
            agents.load(path, TODAY)
        assert str(error.value).startswith(f"{tmp_path}/{message}")


class TestReview:
    def test_due_dates_clamp_to_month_end(self):
        assert review.due(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
        assert review.overdue(datetime.date(2026, 6, 1), 6, datetime.date(2026, 12, 1)) is False
        assert review.overdue(datetime.date(2026, 6, 1), 6, datetime.date(2026, 12, 2)) is True


class TestChanges:
    PAGE = "---\ntitle: Estradiol\nchanges:\n  - date: 2026-12-02\n    summary: Said X; the study shows Y.\n---\n# E\n"

    def test_read_and_anchor(self):
        (change,) = changes.read("mechanisms/estradiol.md", self.PAGE, TODAY)
        assert change.title == "Estradiol" and change.anchor == "2026-12-02-mechanisms-estradiol"

    @pytest.mark.parametrize(
        ("old", "new", "message"),
        [
            ("date: 2026-12-02", "date: soon", "docs/p.md:4: changes: 'date' must be a date"),
            ("date: 2026-12-02", "date: 2027-01-01", "docs/p.md:4: changes: 'date' 2027-01-01 is in the future"),
            ("    summary: Said X; the study shows Y.\n", "", "docs/p.md:4: changes: 'summary' is missing"),
            ("title: Estradiol", "title: [Estradiol", "docs/p.md:2: front matter is not valid YAML"),
        ],
    )
    def test_problems_name_file_and_line(self, old, new, message):
        with pytest.raises(ValueError) as error:
            changes.read("p.md", self.PAGE.replace(old, new), TODAY)
        assert str(error.value).startswith(message)


class TestStatusRendering:
    def test_sentence_box_and_table_cell(self, tmp_path, hook):
        status = hook("regulatory_status")
        data = agents.load(
            write(
                tmp_path,
                "a.yml",
                AGENTS.replace("    status: approved\n", "    status: approved\n    short: Approved (2023)\n"),
            ),
            TODAY,
        )
        page = "Z is {{ status zuranolone fda }}.\n\n{{ status zuranolone }}\n\n| Z | {{ status zuranolone fda }} |"
        out = status.expand(page, data, 6, TODAY, "docs/p.md")
        assert "approved for postpartum depression in adults (FDA; checked 2026-12-01)[@k1]" in out.split("\n")[0]
        assert '\n!!! info agent-status "Regulatory status of Zuranolone, checked on 2026-12-01"\n' in out
        assert "    - 2024-11-05: label revised[@k2]" in out
        assert out.split("\n")[-1] == '| Z | <span class="agent-status">Approved (2023)[@k1]</span> |'

    def test_overdue_shows_in_words(self, tmp_path, hook):
        data = agents.load(write(tmp_path, "a.yml", AGENTS), TODAY)
        late = hook("regulatory_status").expand("{{ status zuranolone fda }}", data, 6, datetime.date(2027, 7, 1), "p")
        assert "review overdue" in late

    def test_a_fact_on_a_yearly_list_is_overdue_when_the_list_ends(self, tmp_path, hook):
        """valid_until: the 2026 list is checked today, but from 1 January 2027 it is not the list in force."""
        text = AGENTS.replace("    checked: 2026-12-01\n", "    checked: 2026-12-01\n    valid_until: 2026-12-31\n", 1)
        data = agents.load(write(tmp_path, "a.yml", text), TODAY)
        expand = hook("regulatory_status").expand
        assert "review overdue" not in expand("{{ status zuranolone fda }}", data, 6, datetime.date(2026, 12, 31), "p")
        assert "review overdue" in expand("{{ status zuranolone fda }}", data, 6, datetime.date(2027, 1, 1), "p")
        assert data["zuranolone"].facts["fda"].due(6) == datetime.date(2026, 12, 31)

    def test_serve_warning_says_which_edition_ended(self, tmp_path, hook, monkeypatch):
        said = []
        monkeypatch.setattr(review.log, "warning", said.append)
        text = AGENTS.replace("    checked: 2026-12-01\n", "    checked: 2026-12-01\n    valid_until: 2026-12-31\n", 1)
        warn_late = hook("regulatory_status").warn_late
        warn_late(agents.load(write(tmp_path, "a.yml", text), TODAY)["zuranolone"], 6, datetime.date(2027, 1, 1))
        warn_late(agents.load(write(tmp_path, "b.yml", AGENTS), TODAY)["zuranolone"], 6, datetime.date(2027, 7, 1))
        assert "rests on an edition in force until 2026-12-31" in said[0]
        assert "was checked on 2026-12-01; the interval is 6 months" in said[1] and "edition" not in said[1]

    def test_valid_until_before_the_check_is_refused(self, tmp_path):
        text = AGENTS.replace("    checked: 2026-12-01\n", "    checked: 2026-12-01\n    valid_until: 2025-12-31\n", 1)
        with pytest.raises(DataError, match="valid_until: must be a date on or after 'checked'"):
            agents.load(write(tmp_path, "a.yml", text), TODAY)

    def test_unknown_field_is_one_line(self, tmp_path, hook):
        from mkdocs.exceptions import PluginError

        data = agents.load(write(tmp_path, "a.yml", AGENTS), TODAY)
        with pytest.raises(PluginError, match=r"^docs/p.md:3: \{\{ status zuranolone ema \}\}: data/agents.yml has no"):
            hook("regulatory_status").expand("a\nb\n{{ status zuranolone ema }}", data, 6, TODAY, "docs/p.md")


def test_templates_share_one_environment_per_set_of_options_and_strict_rejects_an_undefined_name():
    assert templates.environment(strict=True) is templates.environment(strict=True)
    assert templates.environment(strict=True) is not templates.environment()
    assert templates.environment().from_string("[{{ missing }}]").render() == "[]"
    with pytest.raises(jinja2.UndefinedError):
        templates.environment(strict=True).from_string("[{{ missing }}]").render()


def test_a_dates_page_of_the_log_its_address_and_label():
    day = datetime.date(2026, 12, 3)
    assert (changes.day_page(day), changes.day_url(day), changes.day_label(day)) == (
        "about/changes/2026-12-03.md",
        "about/changes/2026-12-03/",
        "3 December 2026",
    )
