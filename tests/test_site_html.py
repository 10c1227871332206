"""Checks on the built HTML of the real site: citations, metadata, disclaimer, privacy, search index."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from tests.conftest import ROOT


def content_pages(site):
    return [p for p in site.html_files() if p.name == "index.html" and "404" not in str(p)]


def soups(site):
    for path in content_pages(site):
        yield path.relative_to(site.site), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_citation_marker_resolves_on_its_page(site):
    for path, soup in soups(site):
        ids = {el.get("id") for el in soup.find_all(id=True)}
        for ref in soup.select("a.footnote-ref"):
            assert ref["href"][1:] in ids, f"{path}: {ref['href']} has no reference entry"


def test_reference_lists_have_no_latex_and_link_identifiers(site):
    seen_doi = seen_pubmed = False
    for path, soup in soups(site):
        for item in soup.select("div.footnote li"):
            text = item.get_text()
            assert not re.search(r"\\[a-z]+|[{}]", text), f"{path}: LaTeX left in {text[:80]!r}"
            hrefs = [a["href"] for a in item.find_all("a", href=True)]
            seen_doi |= any(h.startswith("https://doi.org/10.") for h in hrefs)
            seen_pubmed |= any(h.startswith("https://pubmed.ncbi.nlm.nih.gov/") for h in hrefs)
            assert item.select_one(".evidence-badge"), f"{path}: reference without evidence type: {text[:80]!r}"
    assert seen_doi and seen_pubmed


def test_reference_lists_sit_under_a_references_heading(site):
    for path, soup in soups(site):
        footnotes = soup.select_one("div.footnote")
        if footnotes is None:
            continue
        heading = footnotes.find_previous("h2")
        assert heading is not None and heading.get("id") == "references", path


def indexed_reference_text(index: dict) -> list[str]:
    """Index entries that hold reference-list or cite-box text (the bibliography page aside).

    Material indexes text, not markup, so the check looks for what a reference renders as
    ("doi:10.…", "PMID", the RIS record), not for class names.
    """
    found = []
    for doc in index["docs"]:
        if doc["location"].startswith("references/bibliography"):
            continue
        text = doc["text"]
        if re.search(r"doi:\s*10\.\d{4,}/|PMID:?\s*\d{5,}|TY {2}- ELEC", text):
            found.append(doc["location"])
    return found


def test_search_index_holds_no_reference_list_or_cite_box_text(site):
    """Material strips data-search-exclude after indexing, so the index itself is checked."""
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert indexed_reference_text(index) == []


def test_indexed_reference_check_rejects_a_reference_in_the_index():
    index = {"docs": [{"location": "a/#references", "text": "Smith J. Title. 2020. doi:10.1000/xyz. Trial"}]}
    assert indexed_reference_text(index) == ["a/#references"]


def citations_without_passage(soup, passages: dict[str, str]) -> list[str]:
    """Citation markers in hand-written text with no supporting passage from the claims ledger.

    The passages are in a file beside the page, by marker id (tests/test_bench_budgets.py's page_passages).
    Citations inside a rendered regulatory status (.agent-status) rest on data/agents.yml instead.
    """
    return [
        ref["href"]
        for ref in soup.select("article a.footnote-ref")
        if not passages.get(ref.parent.get("id", "")) and not ref.find_parent(class_="agent-status")
    ]


def test_every_citation_carries_the_passage_it_rests_on(site):
    from tests.test_bench_budgets import page_passages

    missing = {
        str(path): citations_without_passage(soup, page_passages(site.site / path, soup)) for path, soup in soups(site)
    }
    assert {p: refs for p, refs in missing.items() if refs} == {}


def test_passage_check_rejects_a_bare_citation():
    soup = BeautifulSoup(
        '<article><p>A<sup><a class="footnote-ref" href="#fn:a">1</a></sup>'
        '<span class="agent-status">B<sup><a class="footnote-ref" href="#fn:b">2</a></sup></span></p></article>',
        "html.parser",
    )
    assert citations_without_passage(soup, {}) == ["#fn:a"]


def test_every_page_shows_the_disclaimer(site):
    for path, soup in soups(site):
        banner = soup.select_one(".md-banner .site-disclaimer")
        assert banner is not None and "not medical advice" in banner.get_text(), path


def test_every_page_has_description_citation_metadata_and_json_ld(site):
    """Open Graph and JSON-LD on every page; Highwire tags on article-like pages (tests/test_citation_exports.py)."""
    articles = 0
    for path, soup in soups(site):
        description = soup.find("meta", attrs={"name": "description"})
        assert description and description["content"].strip(), path
        og = {m["property"]: m["content"] for m in soup.find_all("meta", property=re.compile("^og:"))}
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["url"] == og["og:url"] and data["lastReviewed"], path
        tags = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": re.compile("^citation_")})}
        if tags:
            articles += 1
            for name in ("citation_title", "citation_author", "citation_publication_date", "citation_public_url"):
                assert tags.get(name), f"{path}: missing {name}"
            assert tags["citation_public_url"] == data["url"], path
    assert articles >= 10


def test_every_page_has_a_cite_this_page_box(site):
    for path, soup in soups(site):
        box = soup.select_one(".cite-this-page")
        assert box is not None, path
        text = box.get_text()
        assert "@misc{" in text and "TY  - ELEC" in text, path


def test_bibliography_lists_every_entry_with_backlinks_and_download(site):
    from tests.rules.bibliography import load

    keys = set(load((ROOT / "bib" / "references.bib").read_text(encoding="utf-8")).entries)
    soup = BeautifulSoup((site.site / "references/bibliography/index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {li["id"][4:] for li in soup.select("ol.bibliography li[id^=ref-]")}
    assert listed == keys
    assert all(soup.select_one(f"#ref-{key} .cited-on a") for key in keys), "an entry without a cited-on link"
    download = soup.find("a", string=re.compile("Download"))
    downloaded = (site.site / "references" / "bibliography" / download["href"]).resolve()
    exported = load(downloaded.read_text(encoding="utf-8")).entries  # exported for readers: no editorial note
    assert set(exported) == keys and not [k for k, e in exported.items() if "note" in e.fields]


def test_no_resource_leaves_the_site(site):
    """HTML, CSS and JS in site/ fetch nothing from another host (links readers click are fine)."""
    offenders = []
    for path in site.site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            soup = BeautifulSoup(text, "html.parser")
            for tag, attr in (("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src")):
                offenders += [
                    f"{path}: {el[attr]}" for el in soup.find_all(tag, **{attr: True}) if urlsplit(el[attr]).netloc
                ]
            for link in soup.find_all("link", href=True):
                rel = set(link.get("rel") or [])
                if (
                    rel & {"stylesheet", "preload", "preconnect", "dns-prefetch", "icon", "modulepreload"}
                    and urlsplit(link["href"]).netloc
                ):
                    offenders.append(f"{path}: {link['href']}")
        else:
            for match in re.finditer(r"""url\(\s*["']?(?:https?:)?//[^)"']+|@import\s+["']?(?:https?:)?//\S+""", text):
                offenders.append(f"{path}: {match.group(0)[:100]}")
    assert offenders == []


def test_scanner_rejects_fixture(build_fixture):
    """The negative case of the scan above: a page with a CDN script is refused at build time."""
    build = build_fixture("third-party-resource")
    assert build.returncode != 0 and "cdn.example.com" in build.log


def test_markup_in_bibtex_is_shown_as_text(build_fixture):
    build = build_fixture("markup-in-bibtex")
    assert build.returncode == 0, build.log
    soup = build.page("")
    scripts = soup.find_all("script")
    assert not [s for s in scripts if "alert" in (s.string or "") and s.get("type") != "application/ld+json"]
    assert not [s for s in scripts if s.get("type") == "application/ld+json" and "<" in s.string], "JSON-LD escapes <"
    item = soup.select_one("div.footnote li")
    assert '<script>alert("x")</script>' in item.get_text()
    assert not item.find("a", href="https://evil.example")
    title = soup.find("meta", property="og:title")  # the home page is not article-like: no Highwire tags
    assert title["content"] == 'Fixture with "quotes" & <b>tags</b>', "citation metadata must be escaped"


def test_corrections_feed_parses_and_matches_the_log_page(site):
    """feedparser (not our code) reads the Atom feed; each entry is a page and date listed on the log page,
    whose line links to that page's section on the date's page."""
    import feedparser

    feed = feedparser.parse((site.site / "corrections.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    log = BeautifulSoup((site.site / "about/changes/index.html").read_text(encoding="utf-8"), "html.parser")
    lines = {li["id"]: li.a["href"] for li in log.select("article li[id]")}
    assert feed.entries and {e.id.split("#", 1)[1] for e in feed.entries} == set(lines)
    for anchor, href in lines.items():
        day = BeautifulSoup(
            (site.site / "about/changes" / href.split("#")[0] / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        assert href.endswith("#" + anchor) and day.select_one(f"article h2[id='{anchor}']"), href
    for entry in feed.entries:
        path = urlsplit(entry.link).path.strip("/")
        assert (site.site / path / "index.html").exists(), entry.link
        assert entry.summary.strip()


def test_pages_link_their_last_substantive_change_to_the_log(site):
    """To the page's section on the date's page of the log."""
    linked = 0
    for path, soup in soups(site):
        link = soup.select_one(".page-status a[href*='about/changes/']")
        if link is None:
            continue
        linked += 1
        date = link.get_text().rsplit(" ", 1)[1]
        assert f"about/changes/{date}/#{date}-" in link["href"], f"{path}: {link['href']}"
        target = (site.site / path).parent / link["href"].split("#")[0]
        log = BeautifulSoup((target / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert log.find("h2", id=link["href"].split("#")[1]), f"{path}: {link['href']} has no entry on the log"
    assert linked, "no page links its last substantive change"
