"""Unit tests of hooks/corrections_log.py: the log's index and its page per date, rendered to HTML
by Python-Markdown with the site's extensions, and read back with BeautifulSoup."""

from __future__ import annotations

import datetime
import posixpath
import xml.etree.ElementTree as ET

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from editorial.changes import Change, front_matter

DAY = datetime.date
ATOM = {"a": "http://www.w3.org/2005/Atom"}
CHANGES = [
    Change("clinical/a.md", "A page", DAY(2026, 12, 3), "Said X; the study shows Y."),
    Change("clinical/a.md", "A page", DAY(2026, 12, 3), "Said Z."),
    Change("about/editorial-policy.md", "Editorial policy", DAY(2026, 12, 3), "Said W."),
    Change("index.md", "Home", DAY(2026, 12, 2), "Said V."),
    Change("index.md", "Home", DAY(2026, 11, 20), "Said U."),
]


def html(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=["attr_list", "toc"]), "html.parser")


def resolve(src_uri: str, href: str) -> str:
    """Where a relative .md link from a source file points, as MkDocs resolves it."""
    path, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)) + ("#" + anchor if anchor else "")


@pytest.fixture
def log(hook):
    return hook("corrections_log")


def test_index_lists_dates_newest_first_with_a_line_per_page(log):
    soup = html(log.render(CHANGES))
    assert [h2["id"] for h2 in soup.find_all("h2")] == ["2026-12-03", "2026-12-02", "2026-11-20"]
    first = soup.find("h2")
    assert first.get_text() == "3 December 2026"
    assert resolve(log.LOG_PAGE, first.a["href"]) == "about/changes/2026-12-03.md"
    lines = first.find_next("ul").find_all("li")
    assert [(li["id"], li.get_text()) for li in lines] == [
        ("2026-12-03-clinical-a", "A page: 2 corrections"),
        ("2026-12-03-about-editorial-policy", "Editorial policy: 1 correction"),
    ]
    assert resolve(log.LOG_PAGE, lines[0].a["href"]) == "about/changes/2026-12-03.md#2026-12-03-clinical-a"
    assert "Said X" not in soup.get_text(), "the reasons are on the date's page"


def test_index_keeps_the_ids_old_links_point_to(log):
    """Each date's id, and each page's id (its section's on the single page it replaces), as the feed's entry ids."""
    soup = html(log.render(CHANGES))
    ids = {el["id"] for el in soup.find_all(id=True)}
    assert {c.anchor for c in CHANGES} | {str(c.date) for c in CHANGES} <= ids
    feed = ET.fromstring(log.feed(CHANGES, "https://ex.org/", "Site").split("\n", 1)[1])
    entry_ids = {entry.find("a:id", ATOM).text for entry in feed.findall("a:entry", ATOM)}
    assert entry_ids == {"https://ex.org/about/changes/#" + c.anchor for c in CHANGES}, "entry ids unchanged"


def test_empty_log_says_so(log):
    assert html(log.render([])).get_text().strip() == "No corrections have been recorded yet."


def test_a_page_per_date(log):
    pages = log.day_pages(CHANGES, DAY(2026, 12, 1))
    assert list(pages) == ["about/changes/2026-12-03.md", "about/changes/2026-12-02.md", "about/changes/2026-11-20.md"]
    src = "about/changes/2026-12-03.md"
    text = pages[src]
    meta = yaml.safe_load(front_matter(text)[0])
    assert meta == {
        "title": "Corrections of 3 December 2026",
        "description": "The corrections of 3 December 2026: 2 pages, with the reason for each change.",
        "reviewed": DAY(2026, 12, 1),
    }
    soup = html(text.split("---\n", 2)[2])
    assert soup.h1.get_text() == "Corrections of 3 December 2026"
    sections = soup.find_all("h2")
    assert [h2["id"] for h2 in sections] == ["2026-12-03-clinical-a", "2026-12-03-about-editorial-policy"]
    assert resolve(src, sections[0].a["href"]) == "clinical/a.md"
    assert resolve(src, sections[1].a["href"]) == "about/editorial-policy.md"
    assert [li.get_text() for li in sections[0].find_next("ul").find_all("li")] == [
        "Said X; the study shows Y.",
        "Said Z.",
    ]
    links = {a.get_text(): resolve(src, a["href"]) for a in soup.find_all("a") if a.parent.name == "p"}
    assert links == {"corrections log": "about/changes.md", "2 December 2026": "about/changes/2026-12-02.md"}


def test_date_pages_link_the_dates_before_and_after(log):
    pages = log.day_pages(CHANGES, DAY(2026, 12, 1))
    middle = html(pages["about/changes/2026-12-02.md"].split("---\n", 2)[2]).get_text()
    assert "Earlier: 20 November 2026." in middle and "Later: 3 December 2026." in middle
    assert "Earlier" not in pages["about/changes/2026-11-20.md"]


def test_date_pages_pass_the_site_front_matter_rules(log, hook):
    problems = hook("frontmatter").problems
    for src_uri, text in log.day_pages(CHANGES, DAY(2026, 12, 1)).items():
        assert problems(yaml.safe_load(front_matter(text)[0]), src_uri) == [], src_uri


def test_date_pages_take_the_log_pages_review_date(log):
    assert log.log_reviewed("---\ntitle: Log\nreviewed: 2026-12-02\n---\n# Log\n", DAY(2026, 1, 1)) == DAY(2026, 12, 2)
    assert log.log_reviewed("---\ntitle: Log\n---\n", DAY(2026, 1, 1)) == DAY(2026, 1, 1), "the log page's own error"
    assert log.log_reviewed("---\n: [\n---\n", DAY(2026, 1, 1)) == DAY(2026, 1, 1)


def test_links_between_source_files(log):
    assert log.link("about/changes.md", "mechanisms/estradiol.md") == "../mechanisms/estradiol.md"
    assert log.link("about/changes.md", "about/changes/2026-12-03.md") == "changes/2026-12-03.md"
    assert log.link("about/changes/2026-12-03.md", "index.md") == "../../index.md"
    assert log.link("about/changes/2026-12-03.md", "about/changes.md") == "../changes.md"
