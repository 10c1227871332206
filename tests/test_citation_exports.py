"""What readers' own tools receive from the built site (issue 13), judged by parsers no one here wrote.

bibtexparser 2 and rispy read every "Cite this page" record and every "Download these
references" file; the DOIs that go in (bib/) come out of each format; nothing from bib/'s
editorial `note` leaves the site. Meta tags and JSON-LD are read from the HTML. citation-js
and Zotero's translators read the same files in tests/test_citation_tools.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from tests.conftest import ROOT

ARTICLE_SECTIONS = ("fundamentals", "mechanisms", "clinical")
PROVENANCE = re.compile(r"Verified|dossier|unverified:|confirm", re.IGNORECASE)


def pages(site) -> list[tuple[str, BeautifulSoup]]:
    """(URL path, parsed HTML) of every page built from Markdown (the 404 page aside)."""
    out = []
    for path in sorted(site.site.rglob("index.html")):
        url = path.parent.relative_to(site.site).as_posix()
        url = "" if url == "." else url + "/"
        if url.startswith(("assets/", "search/")):
            continue
        out.append((url, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")))
    return out


def cite_texts(soup) -> dict[str, str]:
    """The "Cite this page" box: format id -> text as copied (the <time> elements' text included)."""
    box = soup.select_one(".cite-this-page")
    return {pre["class"][0][len("cite-") :]: pre.get_text() for pre in box.select("pre[class^=cite-]")}


def downloads(site, url: str, soup) -> dict[str, Path]:
    """The page's "Download these references" files: extension -> path in the built site."""
    box = soup.select_one(".reference-downloads")
    if box is None:
        return {}
    found = {}
    for link in box.select("a[download]"):
        target = urlsplit(urljoin("http://site/" + url, link["href"])).path.lstrip("/")
        found[target.rsplit(".", 1)[1]] = site.site / target
    return found


def listed_keys(soup) -> list[str]:
    return [li["id"][3:] for li in soup.select("div.footnote li[id^='fn:']")]


@pytest.fixture(scope="module")
def bib():
    return parse_file(str(ROOT / "bib" / "references.bib")).entries


def dois(bib, keys) -> set[str]:
    return {str(bib[k].fields["doi"]).lower() for k in keys if "doi" in bib[k].fields}


def is_article(url: str) -> bool:
    parts = url.strip("/").split("/")
    return parts[0] in ARTICLE_SECTIONS and len(parts) == 2


def test_every_pages_bibtex_together_parses_with_no_duplicate_key(site, bib):
    """Citing any set of pages in one document never stops BibTeX or biber at a repeated key."""
    built = pages(site)
    library = bibtexparser.parse_string("\n".join(cite_texts(soup)["bibtex"] for _, soup in built))
    assert library.failed_blocks == []
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(set(keys)) == len(built)
    assert not set(keys) & set(bib), "a page key equals a source key"
    for entry in library.entries:
        assert entry["author"] == "{Hormones and Oxytocin editorial team}", "the team is one corporate name"
        assert entry["howpublished"].startswith(r"\url{http"), "classic styles print the page's address"


def test_cite_box_formats_and_access_date(site):
    """AMA, APA 7, Vancouver, BibTeX and RIS; the access date is a real date, never "[date]"."""
    for url, soup in pages(site):
        texts = cite_texts(soup)
        assert list(texts) == ["ama", "apa", "vancouver", "bibtex", "ris"], url
        assert not [t for t in texts.values() if "[date]" in t], url
        times = soup.select(".cite-this-page time.cite-accessed")
        assert {t["data-format"] for t in times} >= {"long", "nlm", "iso", "ris"}, url
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["datetime"]) for t in times), url
        assert "Accessed " in texts["ama"] and "[cited " in texts["vancouver"], url
        (record,) = rispy.loads(texts["ris"])
        assert record["type_of_reference"] == "ELEC" and record["authors"] == ["Hormones and Oxytocin editorial team"]
        assert record["secondary_title"] == "Hormones and Oxytocin" and record["urls"][0].endswith(url)


def test_every_page_with_references_offers_them_in_three_formats(site, bib):
    checked = 0
    for url, soup in pages(site):
        keys = listed_keys(soup)
        files = downloads(site, url, soup)
        if url == "references/bibliography/":
            continue  # the whole bibliography: next test
        assert bool(keys) == bool(files), f"{url}: references and downloads disagree"
        if not keys:
            continue
        assert set(files) == {"bib", "ris", "json"}, url
        library = bibtexparser.parse_string(files["bib"].read_text(encoding="utf-8"))
        assert library.failed_blocks == [], url
        assert [e.key for e in library.entries] == keys, f"{url}: BibTeX holds the page's sources in order"
        ris = rispy.loads(files["ris"].read_text(encoding="utf-8"))
        assert [r["id"] for r in ris] == keys, url
        items = json.loads(files["json"].read_text(encoding="utf-8"))
        assert [i["id"] for i in items] == keys, url
        expected = dois(bib, keys)
        assert {e["doi"].lower() for e in library.entries if "doi" in e.fields_dict} == expected, url
        assert {r["doi"].lower() for r in ris if "doi" in r} == expected, url
        assert {i["DOI"].lower() for i in items if "DOI" in i} == expected, url
        checked += 1
    assert checked >= 10


def test_whole_bibliography_downloads(site, bib):
    soup = BeautifulSoup((site.site / "references/bibliography/index.html").read_text(encoding="utf-8"), "html.parser")
    files = downloads(site, "references/bibliography/", soup)
    assert set(files) == {"bib", "ris", "json"}
    library = bibtexparser.parse_string(files["bib"].read_text(encoding="utf-8"))
    assert library.failed_blocks == [] and {e.key for e in library.entries} == set(bib)
    ris = rispy.loads(files["ris"].read_text(encoding="utf-8"))
    items = json.loads(files["json"].read_text(encoding="utf-8"))
    assert {r["id"] for r in ris} == {i["id"] for i in items} == set(bib)
    assert (
        {r["doi"].lower() for r in ris if "doi" in r}
        == dois(bib, bib)
        == {i["DOI"].lower() for i in items if "DOI" in i}
    )
    # The link in the page's own text still reaches the BibTeX file.
    assert (site.site / "references" / "references.bib").exists()


def test_no_editorial_note_leaves_the_site(site, bib):
    """bib/'s `note` is editorial provenance: no download carries it, in any field."""
    notes = {str(e.fields["note"]) for e in bib.values() if "note" in e.fields}
    files = [p for p in site.site.rglob("references.*") if p.suffix in (".bib", ".ris", ".json")]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not PROVENANCE.search(text), f"{path}: {PROVENANCE.search(text)[0]}"
        assert not [n for n in notes if n[:40] in text], path
        if path.suffix == ".bib":
            library = bibtexparser.parse_string(text)
            fields = {f for e in library.entries for f in e.fields_dict}
            assert not fields & {"note", "annote", "annotation", "addendum", "comment", "evidence"}, path
    styles = (site.site / "references" / "citations.json").read_text(encoding="utf-8")
    assert not PROVENANCE.search(styles)


def test_bibtex_downloads_protect_capitals_escape_specials_and_keep_names_utf8(site, bib):
    text = (site.site / "references" / "references.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)
    for entry in library.entries:
        outside = top_level(entry["title"])
        unbraced = re.findall(r"\b[A-Z]{2,}[\w-]*", outside)
        assert not unbraced, f"{entry.key}: {unbraced} not braced in {entry['title']!r}"
    assert "\\AA" not in text and "{\\" not in text.replace("{\\url{", ""), "names and titles are UTF-8, not LaTeX"
    outside_urls = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("url "))
    assert not re.search(r"(?<!\\)&", outside_urls), "an unescaped & stops LaTeX (a url field is verbatim)"
    for entry in library.entries:
        if entry.entry_type == "misc" and str(bib[entry.key].persons.get("author", [""])[0]).startswith("{"):
            assert entry["author"].startswith("{") and entry["author"].endswith("}"), entry.key


def top_level(value: str) -> str:
    """The text of a BibTeX value outside its braced groups (what classic styles may lowercase)."""
    depth, out = 0, []
    for char in value:
        depth += char == "{"
        if depth == 0:
            out.append(char)
        depth -= char == "}"
    return "".join(out)


def test_meta_tags(site):
    """og:type=website everywhere (Zotero saves a Web Page); Highwire tags only on article-like pages."""
    for url, soup in pages(site):
        og = {m["property"]: m["content"] for m in soup.find_all("meta", property=re.compile("^og:"))}
        assert og.get("og:type") == "website" and og.get("og:site_name") == "Hormones and Oxytocin", url
        highwire = soup.find_all("meta", attrs={"name": re.compile("^citation_")})
        assert bool(highwire) == is_article(url), f"{url}: Highwire tags {'missing' if is_article(url) else 'present'}"


def test_json_ld_dates_and_publisher(site):
    """No `citation` list: the reference list and its downloads carry the sources (issue 14, weight)."""
    for url, soup in pages(site):
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["datePublished"] and data["dateModified"] >= data["datePublished"], url
        assert data["publisher"]["url"].startswith("http") and data["publisher"]["name"] == "Hormones and Oxytocin"
        assert "citation" not in data, url


def test_pages_with_one_title_get_different_keys(build_fixture):
    """Two pages with the same title and year: keys come from the path, so they still differ."""
    build = build_fixture("cite-same-title")
    assert build.returncode == 0, build.log
    keys = [
        cite_texts(build.page(p))["bibtex"].split("{", 1)[1].split(",", 1)[0]
        for p in ("mechanisms/testosterone/", "clinical/testosterone/")
    ]
    assert keys == ["hormonesandoxytocin:mechanisms:testosterone", "hormonesandoxytocin:clinical:testosterone"]
    library = bibtexparser.parse_string(
        "\n".join(cite_texts(build.page(p))["bibtex"] for p in ("mechanisms/testosterone/", "clinical/testosterone/"))
    )
    assert library.failed_blocks == [] and len(library.entries) == 2


def test_two_paths_with_one_key_stop_the_build(build_fixture):
    build = build_fixture("cite-duplicate-page-key")
    assert build.returncode != 0
    assert "docs/x/a-b.md: its citation key 'hormonesandoxytocin:x:a-b' is also x/a+b.md's" in build.log
    assert "Traceback" not in build.log
