"""hooks/reference_downloads.py: where each page's downloads live and what their links say."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

CONFIG = SimpleNamespace(site_name="Hormones and Oxytocin")


@pytest.mark.parametrize(
    ("page_url", "stem"),
    [
        ("mechanisms/estradiol/", "mechanisms/estradiol/references"),
        ("", "references"),
        ("mechanisms/estradiol.html", "mechanisms/estradiol-references"),  # use_directory_urls: false
    ],
)
def test_downloads_live_beside_the_page(hook, page_url, stem):
    assert hook("reference_downloads").file_stem(page_url) == stem


def test_links_are_relative_and_name_the_page(hook):
    downloads = hook("reference_downloads")
    links = downloads.links("mechanisms/estradiol/references", "mechanisms/estradiol/", CONFIG)
    assert [(link["label"], link["href"]) for link in links] == [
        ("BibTeX", "references.bib"),
        ("RIS", "references.ris"),
        ("CSL-JSON", "references.json"),
    ]
    assert links[0]["download"] == "hormonesandoxytocin-mechanisms-estradiol-references.bib"
    assert links[1]["type"] == "application/x-research-info-systems"


def test_the_bibliography_links_the_whole_bibliography(hook):
    downloads = hook("reference_downloads")
    links = downloads.links(downloads.WHOLE_BIBLIOGRAPHY, "references/bibliography/", CONFIG)
    assert links[0]["href"] == "../references.bib"
    assert links[2]["download"] == "hormonesandoxytocin-bibliography.json"
