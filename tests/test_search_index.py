"""The search index the browser downloads: added fields, one entry per glossary term, bad synonyms stop the build."""

from __future__ import annotations

import json

import pytest

FIELDS = {"title", "text", "explains", "description", "keywords", "title_synonyms", "text_synonyms"}


@pytest.fixture(scope="module")
def index(site):
    return json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_index_declares_every_field_the_hooks_fill(index):
    declared = set(index["config"]["fields"])
    assert declared >= FIELDS
    used = {key for doc in index["docs"] for key in doc} - {"location", "boost"}
    assert used <= declared, f"fields in entries but not weighted in mkdocs.yml: {used - declared}"


def test_each_glossary_term_is_its_own_entry_linking_to_its_anchor(site, index):
    anchors = [dt["id"] for dt in site.page("glossary/").select("dl dt[id]")]
    assert len(anchors) > 20
    locations = {doc["location"] for doc in index["docs"]}
    assert {f"glossary/#{a}" for a in anchors} <= locations
    terms = next(doc for doc in index["docs"] if doc["location"] == "glossary/#terms")
    assert len(terms["text"]) < 2000, "the definitions are still indexed inside the Terms section too"


def test_terms_are_listed_on_the_page_their_definition_links_to(index):
    feedback = next(doc for doc in index["docs"] if doc["location"] == "fundamentals/feedback-loops-and-axes/")
    assert "lh" in feedback.get("explains", "").split()


def test_variant_spellings_reach_the_page_entries(index):
    estradiol = next(doc for doc in index["docs"] if doc["location"] == "mechanisms/estradiol/")
    words = " ".join(estradiol.get(f, "") for f in FIELDS).lower().split()
    assert {"oestradiol", "e2", "erα"} <= set(words)


def test_reference_lists_stay_out_of_the_index(index):
    refs = [doc for doc in index["docs"] if doc["location"].endswith("#references")]
    assert refs and all("doi" not in doc["text"].lower() for doc in refs)


@pytest.mark.fixture_site
def test_synonyms_file_with_a_name_in_two_groups_is_rejected(build_fixture):
    build = build_fixture("search-synonyms-duplicate")
    assert build.returncode != 0, build.log
    assert "data/search-synonyms.yml:5: 'E2' is already in the group on line 3" in build.log
    assert "Traceback" not in build.log
