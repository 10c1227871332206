"""The built site's citations read by the tools readers use: citation-js, Zotero's translators and BibTeX.

Both run in Node (tests/citation_tools/run.mjs), installed by scripts/ensure-citation-tools with
npm into a cache outside the repository and offline after that; Zotero's translators come from
the npm package ztractor. Without npm these tests skip, except under CI=true, where they fail.
Every page's downloads, the whole bibliography's and every "Cite this page" record are read;
the DOIs that go in come out, names come out whole, and nothing from bib/'s `note` arrives.
BibTeX itself (Debian's texlive, installed by the same script) formats everything with the
classic `unsrt` and `plain` styles.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pybtex.database import parse_file

from tests.conftest import ROOT
from tests.test_citation_exports import cite_texts, downloads, is_article, listed_keys, pages

TOOLS = Path(os.environ.get("CITATION_TOOLS", Path.home() / ".cache" / "oxytocin-citation-tools"))
SITE = "Hormones and Oxytocin"
TEAM = "Hormones and Oxytocin editorial team"


@pytest.fixture(scope="module")
def run_tools():
    """A function: list of jobs -> list of outputs (each job's tool raising is a test failure)."""
    if not (TOOLS / "node_modules").is_dir() and shutil.which("npm"):
        subprocess.run([str(ROOT / "scripts" / "ensure-citation-tools")], check=True)
    if not (TOOLS / "node_modules").is_dir() or not shutil.which("node"):
        if os.environ.get("CI") == "true":
            pytest.fail(f"citation tools missing in {TOOLS}: scripts/ensure-citation-tools must install them under CI")
        pytest.skip(f"citation tools missing in {TOOLS}; run scripts/ensure-citation-tools (needs npm)")
    shutil.copy(ROOT / "tests" / "citation_tools" / "run.mjs", TOOLS / "run.mjs")

    def run(jobs: list[dict]) -> list:
        done = subprocess.run(
            ["node", str(TOOLS / "run.mjs")], input=json.dumps(jobs), capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        results = json.loads(done.stdout)
        failures = [
            f"{job['tool']} {job['format']} {job['file']}: {r['error']}"
            for job, r in zip(jobs, results, strict=True)
            if not r["ok"]
        ]
        assert failures == [], "\n".join(failures)
        return [r["output"] for r in results]

    return run


@pytest.fixture(scope="module")
def bib():
    return parse_file(str(ROOT / "bib" / "references.bib")).entries


@pytest.fixture(scope="module")
def page_files(site):
    """(url, keys, {extension: path}) for every page with references, the whole bibliography last."""
    found = []
    for url, soup in pages(site):
        files = downloads(site, url, soup)
        if files:
            keys = listed_keys(soup) if url != "references/bibliography/" else None
            found.append((url, keys, files))
    return found


def dois_in(bib, keys) -> set[str]:
    return {str(bib[k].fields["doi"]).lower() for k in keys if "doi" in bib[k].fields}


def truncated(bib) -> set[str]:
    """Entries whose author or editor list bib/ ends with "and others" (BibTeX's own "et al.")."""
    return {k for k, e in bib.items() if any(str(p) == "others" for ps in e.persons.values() for p in ps)}


def corporate(bib) -> dict[str, str]:
    """key -> the corporate first author's name, as bib/ braces it."""
    out = {}
    for key, entry in bib.items():
        authors = entry.persons.get("author", [])
        if authors and not authors[0].first_names and str(authors[0]).startswith("{"):
            out[key] = str(authors[0]).strip("{}")
    return out


def zotero_doi(item: dict) -> str | None:
    """The DOI field, or Zotero's "DOI: …" line in Extra for item types without one (books, web pages)."""
    if item.get("DOI"):
        return item["DOI"].lower()
    found = [line[4:].strip().lower() for line in item.get("extra", "").splitlines() if line.startswith("DOI:")]
    return found[0] if found else None


def csl_names(item: dict) -> list[str]:
    return [a.get("literal") or a.get("family", "") for a in item.get("author", [])]


def test_citation_js_reads_every_download(run_tools, page_files, bib):
    jobs = [
        {"tool": "citation-js", "format": fmt, "file": str(files[ext])}
        for _, _, files in page_files
        for ext, fmt in (("bib", "bibtex"), ("ris", "ris"), ("json", "csl-json"))
    ]
    outputs = iter(run_tools(jobs))
    cut, corporate_names = truncated(bib), corporate(bib)
    for url, keys, _ in page_files:
        keys = keys if keys is not None else list(bib)
        for fmt in ("bibtex", "ris", "csl-json"):
            items = next(outputs)
            where = f"{url} ({fmt})"
            assert len(items) == len(keys), where
            assert {i["DOI"].lower() for i in items if i.get("DOI")} == dois_in(bib, keys), where
            for item in items:
                key = item.get("citation-key") or item.get("id")
                names = csl_names(item)
                assert not [n for n in names if any(c in n for c in "{}\\$")], f"{where}: LaTeX left in {names}"
                if fmt != "bibtex" or key not in cut:
                    assert "others" not in names, f"{where}: {key} has an author called 'others'"
                if key in corporate_names:
                    first = item["author"][0]
                    assert corporate_names[key].replace(",", "") in (first.get("literal") or first["family"]).replace(
                        ",", ""
                    )
                    assert "given" not in first, f"{where}: {key}: the corporate author was split: {first}"
                assert "note" not in item, f"{where}: {key} carries a note"


def test_zotero_imports_every_download(run_tools, page_files, bib):
    """Zotero's BibTeX, RIS and CSL JSON import translators: whole names, DOIs, no notes."""
    jobs = [
        {"tool": "zotero-import", "format": fmt, "file": str(files[ext])}
        for _, _, files in page_files
        for ext, fmt in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL JSON"))
    ]
    outputs = iter(run_tools(jobs))
    cut, corporate_names = truncated(bib), corporate(bib)
    for url, keys, _ in page_files:
        keys = keys if keys is not None else list(bib)
        for fmt in ("BibTeX", "RIS", "CSL JSON"):
            items = next(outputs)
            where = f"{url} ({fmt})"
            assert len(items) == len(keys), where
            expected = dois_in(bib, keys)
            if fmt == "CSL JSON":  # Zotero's CSL JSON import drops a DOI its item type has no field for
                expected = dois_in(
                    bib, [k for k, i in zip(keys, items, strict=True) if i["itemType"] == "journalArticle"]
                )
            assert {zotero_doi(i) for i in items} - {None} >= expected, where
            assert {zotero_doi(i) for i in items} - {None} <= dois_in(bib, keys), where
            for key, item in zip(keys, items, strict=True):
                assert item["notes"] == [], f"{where}: {key}: {item['notes']}"
                assert "{" not in item["title"] and "\\" not in item["title"], f"{where}: {item['title']}"
                names = [c.get("lastName", "") + c.get("firstName", "") for c in item["creators"]]
                if fmt != "BibTeX" or key not in cut:
                    assert "others" not in names, f"{where}: {key}"
                if key in corporate_names:
                    first = item["creators"][0]
                    assert first.get("fieldMode") == 1 and "firstName" not in first, f"{where}: {key}: {first}"


def test_zotero_imports_cite_this_page_as_a_web_page_by_the_team(run_tools, site, tmp_path):
    jobs, urls = [], []
    for url, soup in pages(site)[:12]:
        texts = cite_texts(soup)
        for ext, fmt in (("bib", "BibTeX"), ("ris", "RIS")):
            path = tmp_path / f"{len(jobs)}.{ext}"
            path.write_text(texts["bibtex" if ext == "bib" else "ris"], encoding="utf-8")
            jobs.append({"tool": "zotero-import", "format": fmt, "file": str(path)})
        urls.append(url)
    outputs = iter(run_tools(jobs))
    for url in urls:
        for fmt in ("BibTeX", "RIS"):
            (item,) = next(outputs)
            assert item["creators"] == [{"lastName": TEAM, "creatorType": "author", "fieldMode": 1}], (url, fmt)
            assert item["url"].endswith("/" + url), (url, fmt)
            assert item["accessDate"], (url, fmt)
            if fmt == "RIS":
                assert item["itemType"] == "webpage" and item["websiteTitle"] == SITE, url


def test_zotero_saves_each_page_as_a_web_page_of_the_site(run_tools, site):
    """The Zotero Connector's Embedded Metadata translator, on the page as the browser has it."""
    chosen = [(url, soup) for url, soup in pages(site) if url in ("", "about/", "glossary/") or is_article(url)][:10]
    jobs = [
        {
            "tool": "zotero-web",
            "format": "web",
            "file": str(site.site / url / "index.html"),
            "url": f"https://example.org/{url}",
        }
        for url, _ in chosen
    ]
    for (url, soup), result in zip(chosen, run_tools(jobs), strict=True):
        (item,) = result["items"]
        assert result["translator"] == "Embedded Metadata", url
        assert item["itemType"] == "webpage", f"{url}: saved as {item['itemType']}"
        assert item.get("websiteTitle", item.get("publicationTitle")) == SITE, url
        assert item["title"] == soup.find("meta", property="og:title")["content"], url


@pytest.mark.parametrize("style", ["unsrt", "plain"])
def test_classic_bibtex_styles(site, tmp_path, style):
    """Every page's "Cite this page" BibTeX and every source, in one document: no repeated key,
    the page's address printed, capitals kept, names in UTF-8, no editorial note."""
    if not shutil.which("bibtex"):
        if os.environ.get("CI") == "true":
            pytest.fail("bibtex is missing: scripts/ensure-citation-tools must install it under CI")
        pytest.skip("bibtex is missing; run scripts/ensure-citation-tools")
    built = pages(site)
    (tmp_path / "pages.bib").write_text("\n".join(cite_texts(soup)["bibtex"] for _, soup in built), encoding="utf-8")
    shutil.copy(site.site / "references" / "references.bib", tmp_path / "sources.bib")
    (tmp_path / "doc.aux").write_text(f"\\citation{{*}}\n\\bibdata{{pages,sources}}\n\\bibstyle{{{style}}}\n")
    done = subprocess.run(["bibtex", "-terse", "doc"], cwd=tmp_path, capture_output=True, text=True)
    log = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0 and "Repeated entry" not in log and "error message" not in log, log
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    items = {
        m[1]: m[2] for m in re.finditer(r"\\bibitem\{([^}]*)\}(.*?)(?=\\bibitem|\\end\{thebibliography)", bbl, re.S)
    }
    for url, soup in built:
        key = cite_texts(soup)["bibtex"].split("{", 1)[1].split(",", 1)[0]
        text = " ".join(items[key].split())
        assert "\\url{" in text and text.replace(" ", "").count(url) >= 1, f"{url}: no address in {text!r}"
        assert "{Hormones and Oxytocin editorial team}" in text, text
    assert "{HPA} axis" in bbl and "Gustafsson" in bbl and "Jan-Åke" in bbl
    assert not re.search(r"Verified|dossier", bbl)
