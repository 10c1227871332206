"""Unit tests for hooks/citing/: what readers' tools receive from the exports, one rule per test.

The readers' tools themselves (bibtexparser, rispy, citation-js, Zotero's translators) judge
the built site's files in tests/test_citation_exports.py and tests/test_citation_tools.py.
"""

from __future__ import annotations

import datetime
import json
from types import SimpleNamespace

import pytest
from citing import bibtex, downloads, latex, page, records, ris, styles
from pybtex.database import parse_string

ARTICLE = r"""@article{choleris2003estrogen,
  author = {Choleris, Elena and Gustafsson, Jan-{\AA}ke and da Silva Gouveia, M. and others},
  title = {Estrogen receptor-$\alpha$ in the {HPA} axis: a study of the Ghrelin {BPC}-157 route},
  journal = {The Journal of Clinical Endocrinology \& Metabolism},
  year = {2003}, month = jun, volume = {100}, number = {1}, pages = {11--25},
  doi = {10.1073/pnas.0631699100}, pmid = {12345},
  evidence = {animal},
  note = {Verified on the PubMed record. Fields the dossier could not confirm were left out.}
}"""
CORPORATE = r"""@misc{fda2019vyleesi,
  author = {{National Academies of Sciences, Engineering, and Medicine}},
  title = {FDA approves new treatment: 1\% of {ZULRESSO} users},
  howpublished = {FDA news release}, year = {2019},
  url = {https://www.fda.gov/news-events/a_b%20c},
  evidence = {regulatory}, note = {Verified on the FDA page.}
}"""
NO_AUTHOR = r"""@misc{label2019prometrium,
  title = {{PROMETRIUM} (progesterone, {USP}) capsules: prescribing information},
  howpublished = {Product label}, year = {2019}, evidence = {regulatory}, note = {Seen.}
}"""


def entry(text: str):
    return next(iter(parse_string(text, "bibtex").entries.values()))


class TestLatex:
    def test_decodes_accents_and_keeps_protection(self):
        assert latex.pieces(r"Jan-{\AA}ke {HPA} axis") == [("Jan-Åke ", False), ("HPA", True), (" axis", False)]

    def test_escapes_specials_and_writes_greek_in_math_mode(self):
        assert latex.escape("1% & a_b {x} α Ω") == r"1\% \& a\_b \{x\} $\alpha$ $\Omega$"

    @pytest.mark.parametrize(
        ("title", "expected"),
        [
            ("Cortisol and the HPA axis", "Cortisol and the {HPA} axis"),
            ("FDA approves a drug", "{FDA} approves a drug"),
            ("BPC-157 and mRNA in T4 cells", "{BPC-157} and {mRNA} in {T4} cells"),
            # sentence case: a capitalised word inside is a proper noun; after a colon it starts a sentence
            ("The Ghrelin mimetic: Results in mice", "The {Ghrelin} mimetic: Results in mice"),
            # title case: only acronyms, so that styles may still lower the rest
            ("Testosterone Therapy in Men With Hypogonadism", "Testosterone Therapy in Men With Hypogonadism"),
            ("Safety of Testosterone-Replacement Therapy", "Safety of Testosterone-Replacement Therapy"),
        ],
    )
    def test_titles_protect_what_classic_styles_would_lowercase(self, title, expected):
        assert latex.protect_text(title) == expected

    def test_bib_braces_are_kept(self):
        assert latex.protect_title(r"{MK-0677} in phase {IIb}") == "{MK-0677} in phase {IIb}"


class TestRecords:
    def test_article_as_csl_json_without_provenance(self):
        item = records.csl_item("choleris2003estrogen", entry(ARTICLE))
        assert item["type"] == "article-journal" and item["container-title"].endswith("& Metabolism")
        assert item["author"][1] == {"family": "Gustafsson", "given": "Jan-Åke"}
        assert item["author"][2] == {"family": "Silva Gouveia", "given": "M.", "non-dropping-particle": "da"}
        assert len(item["author"]) == 3, "'and others' is not a person"
        assert item["issued"] == {"date-parts": [[2003, 6]]} and item["page"] == "11-25"
        assert item["DOI"] == "10.1073/pnas.0631699100" and item["PMID"] == "12345"
        assert "Verified" not in json.dumps(item) and "animal" not in json.dumps(item)

    def test_corporate_author_is_one_literal_name(self):
        item = records.csl_item("fda2019vyleesi", entry(CORPORATE))
        assert item["author"] == [{"literal": "National Academies of Sciences, Engineering, and Medicine"}]
        assert item["type"] == "webpage" and item["URL"].endswith("a_b%20c")

    def test_misc_without_address_is_a_document(self):
        assert records.csl_item("x", entry(NO_AUTHOR))["type"] == "document"

    def test_truncated(self):
        assert records.truncated(entry(ARTICLE)) == ("author",) and records.truncated(entry(CORPORATE)) == ()


class TestBibtex:
    def test_no_note_no_evidence_utf8_names_escaped_fields(self):
        text = bibtex.entry_bibtex("choleris2003estrogen", entry(ARTICLE))
        assert "note" not in text and "evidence" not in text and "Verified" not in text
        assert "Gustafsson, Jan-Åke" in text and "da Silva Gouveia, M." in text and " and others}" in text
        assert r"\& Metabolism" in text and "pages   = {11--25}" in text and "month   = jun," in text
        assert r"receptor-$\alpha$ in the {HPA} axis: a study of the {Ghrelin} {BPC}-157 route" in text

    def test_corporate_author_double_braced_and_url_verbatim(self):
        text = bibtex.entry_bibtex("fda2019vyleesi", entry(CORPORATE))
        assert "author       = {{National Academies of Sciences, Engineering, and Medicine}}" in text
        assert "url          = {https://www.fda.gov/news-events/a_b%20c}" in text
        assert r"title        = {{FDA} approves new treatment: 1\% of {ZULRESSO} users}" in text

    def test_round_trips_through_pybtex(self):
        text = bibtex.entry_bibtex("fda2019vyleesi", entry(CORPORATE))
        back = parse_string(text, "bibtex").entries["fda2019vyleesi"]
        assert str(back.persons["author"][0]) == "{National Academies of Sciences, Engineering, and Medicine}"

    def test_an_entry_without_author_sorts_by_its_title(self):
        assert (
            "key          = {PROMETRIUM (progesterone, USP) capsules: prescribing information}"
            in bibtex.entry_bibtex("label2019prometrium", entry(NO_AUTHOR))
        )

    def test_online_becomes_misc(self):
        online = entry("@online{w, title = {Page}, url = {https://example.org/}}")
        assert bibtex.entry_bibtex("w", online).startswith("@misc{w,")


class TestRis:
    def test_record(self):
        text = ris.item_ris(records.csl_item("choleris2003estrogen", entry(ARTICLE)))
        lines = text.splitlines()
        assert lines[0] == "TY  - JOUR" and lines[-2] == "ER  - " and text.endswith("\n\n")
        assert "AU  - Gustafsson, Jan-Åke" in lines and "AU  - da Silva Gouveia, M." in lines
        assert not [line for line in lines if "others" in line]
        assert {"SP  - 11", "EP  - 25", "DA  - 2003/06//", "DO  - 10.1073/pnas.0631699100"} <= set(lines)

    def test_corporate_author_has_no_comma_to_split_at(self):
        text = ris.item_ris(records.csl_item("fda2019vyleesi", entry(CORPORATE)))
        assert "AU  - National Academies of Sciences Engineering and Medicine" in text.splitlines()
        assert "TY  - ELEC" in text and "T2  - FDA news release" in text

    def test_pubmed_address_when_no_url(self):
        item = records.csl_item("choleris2003estrogen", entry(ARTICLE))
        assert "UR  - https://pubmed.ncbi.nlm.nih.gov/12345/" in ris.item_ris(item)


def config(name="Hormones and Oxytocin"):
    return SimpleNamespace(
        site_name=name, site_author="Hormones and Oxytocin editorial team", site_url="https://ex.org/sub/"
    )


class TestPage:
    @pytest.mark.parametrize(
        ("src_uri", "key"),
        [
            ("mechanisms/estradiol.md", "hormonesandoxytocin:mechanisms:estradiol"),
            ("mechanisms/index.md", "hormonesandoxytocin:mechanisms"),
            ("index.md", "hormonesandoxytocin:home"),
            ("clinical/a b+c.md", "hormonesandoxytocin:clinical:a-b-c"),
        ],
    )
    def test_key_from_path(self, src_uri, key):
        assert page.page_key(src_uri, "Hormones and Oxytocin") == key

    def test_same_title_different_keys(self):
        meta = {"title": "Testosterone", "reviewed": datetime.date(2026, 11, 25)}
        a = page.page_record(meta, "mechanisms/testosterone.md", "mechanisms/testosterone/", config())
        b = page.page_record(meta, "clinical/testosterone.md", "clinical/testosterone/", config())
        assert a["key"] != b["key"]

    def test_duplicate_keys_are_named(self):
        problems = page.duplicate_keys(["x/a-b.md", "x/a+b.md", "y.md"], "Site")
        assert problems == ["x/a-b.md: its citation key 'site:x:a-b' is also x/a+b.md's; rename one of the two files"]

    @pytest.mark.parametrize(
        ("src_uri", "article"),
        [
            ("mechanisms/estradiol.md", True),
            ("clinical/other-peptides.md", True),
            ("mechanisms/index.md", False),
            ("about/disclaimer.md", False),
            ("glossary/index.md", False),
            ("references/how-to-cite.md", False),
            ("index.md", False),
        ],
    )
    def test_article_like_pages(self, src_uri, article):
        assert page.is_article(src_uri) is article

    def test_bibtex_prints_url_in_classic_styles_and_keeps_the_team_whole(self):
        meta = {"title": "Cortisol and the HPA axis", "reviewed": datetime.date(2026, 11, 25)}
        record = page.page_record(meta, "mechanisms/cortisol.md", "mechanisms/cortisol/", config())
        text = page.bibtex(record).replace(page.ACCESSED, "2026-12-02")
        entry_ = parse_string(text, "bibtex").entries[record["key"]]
        assert entry_.fields["howpublished"] == r"\url{https://ex.org/sub/mechanisms/cortisol/}"
        assert entry_.fields["title"] == "Cortisol and the {HPA} axis"
        assert str(entry_.persons["author"][0]) == "{Hormones and Oxytocin editorial team}"
        assert entry_.fields["urldate"] == "2026-12-02" and "Accessed 2026-12-02" in entry_.fields["note"]
        assert "url" not in entry_.fields, "biblatex and natbib would print the address twice"

    @pytest.mark.parametrize("title", ["Cortisol and the HPA axis", "Why? A page", "Tests & trials: T4 ends.", ""])
    def test_pattern_formatting_equals_formatting_each_page(self, title):
        record = page.page_record(
            {"title": title, "reviewed": datetime.date(2026, 11, 25)}, "mechanisms/x.md", "mechanisms/x/", config()
        )
        item = page.csl_item(record)
        assert page.styled(record) == styles.format_all([item])[item["id"]]

    def test_build_date_honours_source_date_epoch(self, monkeypatch):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02
        assert page.build_date() == datetime.date(2025, 12, 2)

    def test_cited_keys_in_order(self):
        html = '<li id="fn:b2020x"><p>B</p></li><li id="fn:a2019y"><p>A</p></li>'
        assert page.cited_keys(html) == ["b2020x", "a2019y"]


class TestStyles:
    def test_three_styles(self):
        item = records.csl_item("choleris2003estrogen", entry(ARTICLE))
        texts = styles.format_all([item], {"choleris2003estrogen": ("author",)})["choleris2003estrogen"]
        assert texts["ama"].startswith("Choleris E, Gustafsson JÅ, da Silva Gouveia M, et al.")
        assert texts["vancouver"].startswith("Choleris E, Gustafsson JÅ, da Silva Gouveia M, et al.")
        assert texts["apa"].startswith("Choleris, E., Gustafsson, J.-Å., & da Silva Gouveia, M. (2003).")
        assert "et al" not in texts["apa"]

    def test_substituted_title_is_not_repeated(self):
        """citeproc-py 0.11.1 prints a title that stands in for a missing author twice; styles.py stops it."""
        item = records.csl_item("label2019prometrium", entry(NO_AUTHOR))
        for name, text in styles.format_all([item])["label2019prometrium"].items():
            assert text.count("prescribing information") == 1, (name, text)

    def test_the_repair_is_still_needed(self):
        """The control: without the repair citeproc-py repeats the title. When this fails, drop the repair."""
        from citeproc.model import Substitute

        item = styles.prepared(records.csl_item("x", entry(NO_AUTHOR)))
        patched = Substitute.add_to_repressed_list
        try:
            Substitute.add_to_repressed_list = styles._original_repress
            source = styles.CiteProcJSON([item])
            bibliography = styles.CitationStylesBibliography(
                styles.CitationStylesStyle(str(styles.CSL_DIR / "american-medical-association.csl"), validate=False),
                source,
                styles.formatter.plain,
            )
            bibliography.register(styles.Citation([styles.CitationItem("x")]))
            text = str(bibliography.bibliography()[0])
        finally:
            Substitute.add_to_repressed_list = patched
        assert text.count("prescribing information") == 2

    def test_no_doubled_punctuation(self):
        assert styles.tidy("1. Can the data be trusted?. Journal.") == "Can the data be trusted? Journal."

    def test_vendored_styles_and_licence(self):
        for _, file in styles.STYLES.values():
            text = (styles.CSL_DIR / file).read_text(encoding="utf-8")
            assert "creativecommons.org/licenses/by-sa/3.0" in text
        assert "citationstyles.org" in (styles.CSL_DIR / "LICENSE.md").read_text(encoding="utf-8")


def test_downloads_hold_the_same_entries_in_each_format():
    data = parse_string(ARTICLE + "\n" + CORPORATE, "bibtex").entries
    files = downloads.files(data, ["fda2019vyleesi", "choleris2003estrogen"])
    assert files["bib"].index("@misc{fda2019vyleesi") < files["bib"].index("@article{choleris2003estrogen")
    assert files["ris"].count("TY  - ") == 2
    assert [i["id"] for i in json.loads(files["json"])] == ["fda2019vyleesi", "choleris2003estrogen"]
