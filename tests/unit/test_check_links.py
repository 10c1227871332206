"""Pure functions of scripts/check_links.py: URL form rules, HTML-to-Markdown mapping, online classification."""

from __future__ import annotations

import pytest

from scripts import check_links as cl


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://doi.org/10.1016/j.archger.2010.10.004", None),
        ("https://doi.org/10.1002/(SICI)1097-4636(199709)36:3%3C345::AID-JBM9%3E3.0.CO;2-G", None),
        ("https://pubmed.ncbi.nlm.nih.gov/21067829/", None),
        ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC2757071/", None),
        ("https://www.fda.gov/drugs/", None),
        ("../other/#part", None),
        ("#fn:key", None),
        ("mailto:team@example.org", None),
        ("javascript:void(0)", None),
        ("http://127.0.0.1:8000/page/", None),  # the site's own URL (canonical): checked as internal
        ("http://example.org/", "insecure link (use https://)"),
        ("ftp://example.org/file", "unsupported scheme 'ftp:'"),
        ("https://localhost/", "link to a local server"),
        ("https://127.0.0.2/", "link to a local server"),
        ("https://doi.org/not-a-doi", "malformed DOI link (expected https://doi.org/10.NNNN/suffix)"),
        ("https://doi.org/10.12/x", "malformed DOI link (expected https://doi.org/10.NNNN/suffix)"),
        (
            "https://pubmed.ncbi.nlm.nih.gov/?term=x",
            "malformed PubMed link (expected https://pubmed.ncbi.nlm.nih.gov/PMID/)",
        ),
        (
            "https://www.ncbi.nlm.nih.gov/pubmed/abc",
            "malformed NCBI link (expected /pubmed/PMID, /pmc/articles/PMCID or /books/NBKID)",
        ),
    ],
)
def test_form_problem(url, problem):
    assert cl.form_problem(url, "http://127.0.0.1:8000/") == problem


def test_page_source_maps_directory_urls_to_markdown(tmp_path):
    for name in ("index.md", "a.md", "b/index.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert cl.page_source("index.html", tmp_path) == tmp_path / "index.md"
    assert cl.page_source("a/index.html", tmp_path) == tmp_path / "a.md"
    assert cl.page_source("b/index.html", tmp_path) == tmp_path / "b/index.md"
    assert cl.page_source("404.html", tmp_path) is None
    assert cl.page_source("c/index.html", tmp_path) is None


def test_source_line_prefers_the_target_then_fragment_then_text():
    markdown = "# T\n\nSee [the part](other.md#part).\nOther words: the part.\n"
    assert cl.source_line(markdown, cl.source_candidates("../other/#part", "the part")) == 3
    assert cl.source_line(markdown, cl.source_candidates("../x/", "Other words")) == 4
    assert cl.source_line(markdown, cl.source_candidates("../nowhere/", "")) is None


def test_attribute_at_reads_the_value_lychee_points_to():
    assert cl.attribute_at('<p>\n  <a href="../x/#y">t</a>', 2, 12) == "../x/#y"


def test_check_url_resolves_dois_through_the_handle_api():
    assert cl.check_url("https://doi.org/10.1000/x") == "https://doi.org/api/handles/10.1000/x"
    assert cl.check_url("https://dx.doi.org/10.1000/x", "http://h/") == "http://h/10.1000/x"
    assert cl.check_url("https://pubmed.ncbi.nlm.nih.gov/1/") == "https://pubmed.ncbi.nlm.nih.gov/1/"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (200, "ok"),
        (301, "ok"),
        (404, "broken"),
        (410, "broken"),
        (403, "blocked"),
        (401, "blocked"),
        (429, "transient"),
        (408, "transient"),
        (503, "transient"),
        (None, "transient"),
    ],
)
def test_classify(code, kind):
    assert cl.classify(code, "message") == kind
