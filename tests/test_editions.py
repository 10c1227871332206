"""Citable editions (issue 15): two editions deployed with mike, served from the gh-pages tree, read as a reader would.

In a scratch git repository holding a copy of this one, scripts/cut_edition.py deploys the June 2026
edition, then (after a change) `latest`; the gh-pages branch is served on 127.0.0.1, the address the
site was built for, so absolute links (canonical, citation metadata) resolve too. The edition-specific
markup ("What changed") and the refusals are checked on fixture sites, which build in a second.
"""

from __future__ import annotations

import concurrent.futures
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, ROOT, fixture_config, run_mkdocs
from tests.test_html_validity import VALIDATOR
from tests.test_subpath import Quiet, crawl

OLD, OLD_TITLE = "2026.06", "June 2026 edition"
MARKER = "Corrected after the June edition."  # text only `latest` has: the edition stays as it was cut
PAGE = "mechanisms/estradiol/"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def cut(repo: Path, name: str, site_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    for variable in ("SITE_EDITION", "MIKE_DOCS_VERSION", "SOURCE_DATE_EPOCH"):
        env.pop(variable, None)
    command = [sys.executable, "scripts/cut_edition.py", name]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)


def scratch_copy(target: Path) -> Path:
    """The repository's files (tracked, and new ones not ignored), in a fresh git repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "scratch copy")
    return target


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Two editions on gh-pages (June 2026, then latest after a change), served on a free port."""
    repo = scratch_copy(tmp_path_factory.mktemp("repo"))
    served = tmp_path_factory.mktemp("gh-pages")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        first = cut(repo, OLD, base)
        assert first.returncode == 0, first.stdout + first.stderr
        config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
        (repo / "mkdocs.yml").write_text(config.replace("Education, not medical advice.\n", f"{MARKER}\n", 1))
        assert MARKER in (repo / "mkdocs.yml").read_text(encoding="utf-8")
        git(repo, "commit", "-q", "-am", "a correction")
        second = cut(repo, "latest", base)
        assert second.returncode == 0, second.stdout + second.stderr
        tree = git(repo, "archive", "--format=tar", "gh-pages").stdout
        with tarfile.open(fileobj=io.BytesIO(tree)) as archive:
            archive.extractall(served, filter="data")
        yield base, repo, served
    finally:
        server.shutdown()
        server.server_close()


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def soup(url: str) -> BeautifulSoup:
    return BeautifulSoup(get(url)[1], "html.parser")


def test_both_editions_are_served_and_the_edition_stays_as_it_was_cut(editions):
    base, *_ = editions
    for edition in (OLD, "latest"):
        for path in ("", PAGE, "about/changes/", "references/bibliography/"):
            assert get(f"{base}{edition}/{path}")[0] == 200
    assert MARKER in get(f"{base}latest/{PAGE}")[1]
    assert MARKER not in get(f"{base}{OLD}/{PAGE}")[1]
    status, root = get(base)
    assert status == 200 and 'href="latest/"' in root, "the site's address opens the living site"


def test_the_version_selector_lists_both_from_same_origin_versions_json(editions):
    base, *_ = editions
    versions = json.loads(get(base + "versions.json")[1])
    assert [(v["version"], v["title"]) for v in versions] == [("latest", "Latest"), (OLD, OLD_TITLE)]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", versions[1]["properties"]["cut"]), "the cut date is recorded"
    config = json.loads(soup(f"{base}{OLD}/{PAGE}").find("script", id="__config").string)
    assert config["version"] == {"provider": "mike", "default": "latest"}
    # Material fetches versions.json relative to the page's base: on the site's own origin.
    assert not config["base"].startswith(("http:", "https:", "//"))


def test_the_old_editions_canonical_link_is_latest_and_its_citation_urls_its_own(editions):
    base, *_ = editions
    old, living = soup(f"{base}{OLD}/{PAGE}"), soup(f"{base}latest/{PAGE}")
    assert old.find("link", rel="canonical")["href"] == f"{base}latest/{PAGE}"
    assert living.find("link", rel="canonical")["href"] == f"{base}latest/{PAGE}"
    own = f"{base}{OLD}/{PAGE}"
    assert old.find("meta", attrs={"name": "citation_public_url"})["content"] == own
    assert old.find("meta", property="og:url")["content"] == own
    assert json.loads(old.find("script", type="application/ld+json").string)["url"] == own
    assert own in old.select_one(".cite-this-page").get_text(), '"Cite this page" gives the edition URL'
    assert living.find("meta", attrs={"name": "citation_public_url"})["content"] == f"{base}latest/{PAGE}"


def test_the_old_edition_carries_its_banner_and_latest_none(editions):
    base, *_ = editions
    banner = soup(f"{base}{OLD}/{PAGE}").select_one('[data-md-component="outdated"] .edition-banner')
    assert "You are reading the June 2026 edition" in " ".join(banner.get_text().split())
    assert banner.find("a", string="See the latest")["href"] == f"../../../latest/{PAGE}"
    assert soup(f"{base}latest/{PAGE}").select_one(".edition-banner") is None


def test_the_banner_is_valid_html(editions):
    _, _, served = editions
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("java is missing: scripts/ensure-java must install it under CI")
        pytest.skip("java is missing; run scripts/ensure-java")
    pages = [served / OLD / PAGE / "index.html", served / OLD / "about" / "changes" / "index.html"]
    result = subprocess.run([*VALIDATOR, *map(str, pages)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_search_stays_within_each_edition(editions):
    base, *_ = editions
    for edition in (OLD, "latest"):
        index = json.loads(get(f"{base}{edition}/search/search_index.json")[1])
        locations = [doc["location"] for doc in index["docs"]]
        assert locations and not any("://" in loc or loc.startswith(("/", "..")) for loc in locations)


def test_the_link_crawl_is_clean_in_both_editions(editions):
    base, repo, _ = editions
    seen, broken = crawl(f"{base}{OLD}/")  # reaches latest through canonical links and the banner
    assert broken == []
    pages = {p for p in (repo / "docs").rglob("*.md")}
    for edition in (OLD, "latest"):
        visited = {u for u in seen if u.startswith(f"{base}{edition}/") and u.endswith("/")}
        assert len(visited) >= len(pages), f"{edition}: {len(visited)} pages crawled of {len(pages)}"


def test_a_malformed_edition_name_is_refused_in_one_line_before_anything_is_built(editions):
    _, repo, _ = editions
    result = cut(repo, "2026-13", "http://127.0.0.1:9/")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "cut-edition: '2026-13' is not an edition name: use 'latest' or a year and month such as 2026.12"
    ]


@pytest.mark.browser
def test_a_reader_sees_the_banner_and_both_editions_in_the_selector(editions):
    from scripts.search_suite.driver import CHROMIUM_ARGS  # as tests/browser/conftest.py drives chromium

    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not chromium.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{chromium} is missing: scripts/ensure-chromium must install it under CI")
        pytest.skip(f"{chromium} is missing; run scripts/ensure-chromium")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    base, *_ = editions

    def in_browser():
        run_in_browser(sync_playwright, expect, Axe, chromium, CHROMIUM_ARGS, base)

    # Playwright's sync API refuses to run where another test's browser left an asyncio loop: use a thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(in_browser).result()


def run_in_browser(sync_playwright, expect, Axe, chromium, CHROMIUM_ARGS, base):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}{OLD}/{PAGE}")
            banner = page.locator('[data-md-component="outdated"]')
            expect(banner).to_be_visible()
            expect(banner).to_contain_text("You are reading the June 2026 edition")
            expect(page.locator(".md-version__current")).to_have_text(OLD_TITLE)
            expect(page.locator(".md-version__link")).to_have_text(["Latest", OLD_TITLE])
            wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
            found = Axe().run(page, context='[data-md-component="outdated"]', options=wcag).response
            assert found["violations"] == [], found["violations"]
            banner.get_by_role("link", name="See the latest").click()
            page.wait_for_url(f"{base}latest/{PAGE}")
            expect(page.locator(".md-version__current")).to_have_text("Latest")
            expect(page.locator('[data-md-component="outdated"]')).to_be_hidden()
        finally:
            browser.close()


# Fixture sites: the banner's "What changed", a build that is no edition, and a malformed name.
EDITION_ENV = {
    "SITE_EDITION": "2026.12",
    "SITE_EDITION_CUT": "2026-12-01",
    "SITE_PREVIOUS_EDITION": "2026.06",
    "SITE_PREVIOUS_EDITION_CUT": "2026-06-15",
}


@pytest.mark.fixture_site
def test_an_edition_links_to_the_corrections_since_the_previous_edition(tmp_path):
    build = run_mkdocs(fixture_config(FIXTURES / "edition", tmp_path), tmp_path / "site", EDITION_ENV)
    assert build.returncode == 0, build.log
    banner = build.page("").select_one(".edition-banner")
    text = " ".join(banner.get_text().split())
    assert text.startswith("You are reading the December 2026 edition, fixed on 1 December 2026. See the latest.")
    links = {a.get_text(): a["href"] for a in banner.find_all("a")}
    assert links == {
        "See the latest": "../latest/",
        "20 November 2026": "about/changes/2026-11-20/",
        "15 June 2026": "about/changes/2026-06-15/",  # the day the June edition was cut: maybe not in it
    }, "corrections before the previous edition (10 May) are not listed"
    log = build.page("about/changes/")
    assert log.find(id="2026-11-20") and log.find(id="2026-06-15"), "the dates keep their ids on the log page"
    for day in ("2026-11-20", "2026-06-15"):
        assert build.page(f"about/changes/{day}/").h1.get_text().startswith("Corrections of"), day
    feed = (build.site / "corrections.xml").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8000/2026.12/about/changes/" in feed, "the edition's own addresses, feed included"
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    # Material's instant navigation treats every address in sitemap.xml as a page of this edition.
    assert "http://127.0.0.1:8000/2026.12/about/" in sitemap and "/latest/" not in sitemap
    assert build.page("about/").find("link", rel="canonical")["href"] == "http://127.0.0.1:8000/latest/about/"


@pytest.mark.fixture_site
def test_a_citation_of_an_edition_names_the_edition(tmp_path):
    """A dated edition is its own work: its name in the text, its own key, and version fields readers' tools read."""
    import bibtexparser
    import rispy

    build = run_mkdocs(fixture_config(FIXTURES / "edition", tmp_path), tmp_path / "site", EDITION_ENV)
    assert build.returncode == 0, build.log
    page = build.page("about/")
    box = page.select_one(".cite-this-page")
    texts = [" ".join(block.get_text().split()) for block in box.select("pre, p, div.cite-text")]
    assert any("December 2026 edition" in t for t in texts), texts
    codes = [c.get_text() for c in box.select("code")]
    bib = bibtexparser.parse_string(next(c for c in codes if c.startswith("@misc")))
    entry = bib.entries[0]
    assert entry.key.endswith(":2026.12") and entry.fields_dict["version"].value == "2026.12"
    ris = rispy.loads(next(c for c in codes if c.startswith("TY  -")))[0]
    assert ris["edition"] == "December 2026 edition" and ris["id"].endswith(":2026.12")
    assert json.loads(page.find("script", type="application/ld+json").string)["version"] == "2026.12"


@pytest.mark.fixture_site
def test_a_build_that_is_no_edition_has_no_version_selector_and_its_own_canonical(tmp_path):
    build = run_mkdocs(fixture_config(FIXTURES / "edition", tmp_path), tmp_path / "site")
    assert build.returncode == 0, build.log
    page = build.page("about/")
    assert json.loads(page.find("script", id="__config").string)["version"] is None, "no versions.json to fetch"
    assert page.find(attrs={"data-md-component": "outdated"}) is None
    assert page.find("link", rel="canonical")["href"] == "http://127.0.0.1:8000/about/"


@pytest.mark.fixture_site
@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"SITE_EDITION": "2026-12"},
            "SITE_EDITION: '2026-12' is not an edition name: use 'latest' or a year and month such as 2026.12",
        ),
        ({"SITE_EDITION": "2026.12", "MIKE_DOCS_VERSION": "2026.11"}, "SITE_EDITION is '2026.12' but mike deploys"),
    ],
)
def test_a_malformed_edition_is_rejected_with_one_line(tmp_path, env, message):
    build = run_mkdocs(fixture_config(FIXTURES / "valid-minimal", tmp_path), tmp_path / "site", env)
    assert build.returncode != 0
    errors = [line for line in build.log.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and message in errors[0], build.log
    assert "Traceback" not in build.log
