"""Unit tests for the citation hooks: bib validation, formatting, references section (syntax: test_citations.py)."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError
from pybtex.database import parse_string

ARTICLE = """
@article{smith2020trial,
  author = {Smith, Jane A. and Doe, John and Roe, R. and Poe, P. and Moe, M. and Zoe, Z. and Lee, L.},
  title = {A {Trial} of \\emph{Things} <script>alert(1)</script> with *stars* and [brackets]},
  journal = {Journal of Tests \\& Trials},
  year = {2020},
  volume = {3},
  number = {2},
  pages = {10--20},
  doi = {10.1000/abc},
  pmid = {12345},
  evidence = {rct}
}
"""


def entry(text=ARTICLE, key="smith2020trial"):
    return parse_string(text, "bibtex").entries[key]


class TestCitationStyle:
    def test_ama_article(self, hook):
        html = hook("citation_style").format_entry(entry())
        assert html.startswith("Smith JA, Doe J, Roe R, et al.")
        assert "<i>Journal of Tests &amp; Trials</i>. 2020;3(2):10–20." in html
        assert '<a href="https://doi.org/10.1000/abc">10.1000/abc</a>' in html
        assert '<a href="https://pubmed.ncbi.nlm.nih.gov/12345/">12345</a>' in html
        assert 'data-evidence="rct">Randomised controlled trial</span>' in html

    def test_markup_is_text_and_no_latex_leaks(self, hook):
        html = hook("citation_style").format_entry(entry())
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "&#42;stars&#42;" in html and "&#91;brackets&#93;" in html
        assert "\\" not in html and "{" not in html and "}" not in html

    def test_six_authors_listed_in_full(self, hook):
        text = ARTICLE.replace(" and Lee, L.", "")
        assert (
            hook("citation_style").format_entry(entry(text)).startswith("Smith JA, Doe J, Roe R, Poe P, Moe M, Zoe Z.")
        )

    def test_others_becomes_et_al(self, hook):
        text = ARTICLE.replace("Doe, John and Roe, R. and Poe, P. and Moe, M. and Zoe, Z. and Lee, L.", "others")
        assert hook("citation_style").format_entry(entry(text)).startswith("Smith JA, et al.")

    def test_unknown_evidence_type_gets_no_badge(self, hook):
        html = hook("citation_style").format_entry(entry(ARTICLE.replace("{rct}", "{hearsay}")))
        assert "evidence-badge" not in html

    def test_cache_formats_each_key_once(self, hook):
        style = hook("citation_style")
        calls = []

        formatter = style.CachedFormatter(parse_string(ARTICLE, "bibtex").entries)
        original = style.format_entry
        style.format_entry = lambda e: calls.append(e) or original(e)
        cite = type("Citation", (), {"key": "smith2020trial"})()
        assert formatter(cite) == formatter(cite)
        assert len(calls) == 1


class TestBibValidation:
    def test_valid_text_passes(self, hook):
        hook("bib_validation").check_bib_text(ARTICLE, "refs.bib")

    def test_duplicate_key_names_line(self, hook):
        text = ARTICLE + ARTICLE.replace("smith2020trial", "Smith2020Trial")
        with pytest.raises(PluginError, match=r"refs.bib:15: duplicate citation key 'smith2020trial'"):
            hook("bib_validation").check_bib_text(text, "refs.bib")

    def test_syntax_error_names_line(self, hook):
        text = ARTICLE.replace("year = {2020},", "year = {2020}")
        with pytest.raises(PluginError, match=r"refs.bib:\d+: malformed BibTeX"):
            hook("bib_validation").check_bib_text(text, "refs.bib")


class TestReferencesSection:
    def test_heading_added_once_when_page_cites(self, hook):
        refs = hook("references_section")
        once = refs.add_references_heading("Text [@a2020b].")
        assert once.count("## References") == 1 and refs.MARKER in once
        assert refs.add_references_heading(once) == once

    def test_no_heading_without_citations(self, hook):
        assert hook("references_section").add_references_heading("Plain text.") == "Plain text."

    def test_footnotes_excluded_from_search(self, hook):
        html = hook("references_section").exclude_footnotes_from_search('<div class="footnote"><ol></ol></div>')
        assert "data-search-exclude" in html
