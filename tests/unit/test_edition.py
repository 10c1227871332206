"""hooks/edition.py and scripts/cut_edition.py: edition names, URLs, "What changed", what a cut deploys."""

from __future__ import annotations

import datetime

import pytest

from scripts import cut_edition
from tests.unit.conftest import load_hook

edition = load_hook("edition")
DAY = datetime.date


@pytest.mark.parametrize("name", ["latest", "2026.12", "2027.01", "1999.10"])
def test_edition_names(name):
    assert edition.parse_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "2026.13", "2026.00", "2026.1", "2026-12", "26.12", "v2026.12", "2026.12 ", "Latest"]
)
def test_malformed_edition_names_are_refused_in_one_line(name):
    with pytest.raises(edition.EditionError) as error:
        edition.parse_name(name)
    assert "\n" not in str(error.value) and "such as 2026.12" in str(error.value)


def test_titles():
    assert edition.title("2026.12") == "December 2026 edition"
    assert edition.title("latest") == "Latest"


def test_no_edition_without_the_environment():
    assert edition.from_environment({}) is None


def test_a_dated_edition_from_the_environment():
    env = {"SITE_EDITION": "2026.12", "SITE_EDITION_CUT": "2026-12-15"}
    env |= {"SITE_PREVIOUS_EDITION": "2026.06", "SITE_PREVIOUS_EDITION_CUT": "2026-06-14"}
    found = edition.from_environment(env)
    assert found["dated"] and found["label"] == "December 2026" and found["cut"] == DAY(2026, 12, 15)
    assert found["previous"] == {"name": "2026.06", "title": "June 2026 edition", "cut": DAY(2026, 6, 14)}


def test_a_previous_edition_without_its_cut_date_holds_its_whole_month():
    found = edition.from_environment({"SITE_EDITION": "latest", "SITE_PREVIOUS_EDITION": "2026.12"})
    assert found["previous"]["cut"] == DAY(2027, 1, 1)


def test_mikes_version_names_the_edition_and_must_agree():
    assert edition.from_environment({"MIKE_DOCS_VERSION": "latest"})["name"] == "latest"
    with pytest.raises(edition.EditionError, match="mike deploys '2026.11'"):
        edition.from_environment({"SITE_EDITION": "2026.12", "MIKE_DOCS_VERSION": "2026.11"})
    with pytest.raises(edition.EditionError, match="^SITE_EDITION: 'docs' is not an edition name"):
        edition.from_environment({"MIKE_DOCS_VERSION": "docs"})


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"SITE_EDITION": "2026.12", "SITE_EDITION_CUT": "15/12/2026"}, "SITE_EDITION_CUT: '15/12/2026' is not a date"),
        (
            {"SITE_EDITION": "latest", "SITE_PREVIOUS_EDITION": "latest"},
            "SITE_PREVIOUS_EDITION: 'latest' is not a dated",
        ),
        ({"SITE_EDITION": "latest", "SITE_PREVIOUS_EDITION": "2026-06"}, "SITE_PREVIOUS_EDITION: '2026-06' is not an"),
    ],
)
def test_malformed_environment(env, words):
    with pytest.raises(edition.EditionError, match=words):
        edition.from_environment(env)


@pytest.mark.parametrize(
    ("site_url", "mike", "root"),
    [
        ("https://example.org/oxytocin/", "", "https://example.org/oxytocin/"),
        ("https://example.org/oxytocin/2026.12", "2026.12", "https://example.org/oxytocin/"),  # mike's plugin
        ("https://example.org/latest", "latest", "https://example.org/"),
        ("https://example.org", "", "https://example.org/"),
    ],
)
def test_root_url(site_url, mike, root):
    assert edition.root_url(site_url, mike) == root


@pytest.mark.parametrize(
    ("page_url", "href"),
    [
        ("", "../latest/"),
        ("mechanisms/estradiol/", "../../../latest/mechanisms/estradiol/"),
        ("about/", "../../latest/about/"),
    ],
)
def test_living_href_is_relative(page_url, href):
    assert edition.living_href(page_url) == href


def test_changes_since_the_previous_cut_newest_first_that_day_included():
    dates = [DAY(2026, 5, 1), DAY(2026, 6, 14), DAY(2026, 11, 2), DAY(2026, 11, 2), DAY(2026, 12, 20)]
    found = edition.changes_since(dates, DAY(2026, 6, 14), DAY(2026, 12, 15))
    assert [c["url"] for c in found] == ["about/changes/2026-11-02/", "about/changes/2026-06-14/"]
    assert found[0]["label"] == "2 November 2026"


def test_page_edition_urls():
    edition.state.update(root="https://example.org/o/", edition_root="https://example.org/o/2026.12/")
    meta = edition.page_edition(edition.from_environment({"SITE_EDITION": "2026.12"}), "mechanisms/estradiol/", None)
    assert meta["url"] == "https://example.org/o/2026.12/mechanisms/estradiol/"
    assert meta["living_url"] == meta["canonical_url"] == "https://example.org/o/latest/mechanisms/estradiol/"
    assert meta["living_site_url"] == "https://example.org/o/latest/"
    plain = edition.page_edition(None, "mechanisms/estradiol/", "https://example.org/o/mechanisms/estradiol/")
    assert (
        plain["url"] == plain["living_url"] == plain["canonical_url"] == "https://example.org/o/mechanisms/estradiol/"
    )
    assert plain["name"] is None and not plain["dated"]


VERSIONS = [
    {"version": "latest", "title": "Latest", "aliases": []},
    {"version": "2026.06", "title": "June 2026 edition", "aliases": [], "properties": {"cut": "2026-06-14"}},
    {"version": "2025.12", "title": "December 2025 edition", "aliases": []},
]
TODAY = DAY(2026, 12, 15)


def test_a_cut_names_the_edition_before_it_and_records_its_own_date():
    cut = cut_edition.plan("2026.12", VERSIONS, TODAY)
    assert cut["title"] == "December 2026 edition" and cut["props"] == {"cut": "2026-12-15"}
    assert cut["env"] == {
        "SITE_EDITION": "2026.12",
        "SITE_EDITION_CUT": "2026-12-15",
        "SITE_PREVIOUS_EDITION": "2026.06",
        "SITE_PREVIOUS_EDITION_CUT": "2026-06-14",
    }
    assert cut_edition.plan("2026.03", VERSIONS, TODAY)["env"]["SITE_PREVIOUS_EDITION"] == "2025.12"
    assert "SITE_PREVIOUS_EDITION_CUT" not in cut_edition.plan("2026.03", VERSIONS, TODAY)["env"]


def test_latest_follows_the_newest_edition():
    cut = cut_edition.plan("latest", VERSIONS, TODAY)
    assert cut["env"]["SITE_PREVIOUS_EDITION"] == "2026.06" and cut["props"] == {}
    assert "SITE_PREVIOUS_EDITION" not in cut_edition.plan("latest", [], TODAY)["env"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("2026.6", "'2026.6' is not an edition name"),
        ("2027.01", "month still to come"),
        ("2026.06", "exists and is frozen"),
    ],
)
def test_a_cut_is_refused(name, words):
    with pytest.raises(cut_edition.CutError, match=words):
        cut_edition.plan(name, VERSIONS, TODAY)


def test_an_existing_edition_is_replaced_only_on_purpose():
    assert cut_edition.plan("2026.06", VERSIONS, TODAY, replace=True)["name"] == "2026.06"
