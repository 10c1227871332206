"""The site works when hosted under a sub-path: build with such a site_url, serve it, follow every link."""

from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, run_mkdocs

PREFIX = "/guides/oxytocin/"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """The real site built for https://example.org/guides/oxytocin/ and served at that path on 127.0.0.1."""
    root = tmp_path_factory.mktemp("host")
    site_dir = root / PREFIX.strip("/")
    build = run_mkdocs(ROOT / "mkdocs.yml", site_dir, {"SITE_URL": "https://example.org" + PREFIX})
    assert build.returncode == 0, build.log
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}", site_dir
    server.shutdown()
    server.server_close()


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Follow every same-host link and asset from the start page; return (visited, broken)."""
    host = urlsplit(start).netloc
    queue, seen, broken = [start], {start}, []
    while queue:
        url = queue.pop()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.URLError as error:
            broken.append(f"{url}: {error}")
            continue
        if kind != "text/html":
            continue
        soup = BeautifulSoup(body, "html.parser")
        for element in soup.find_all(["a", "link", "script", "img"]):
            target = element.get("href") or element.get("src")
            if not target or target.startswith(("mailto:", "javascript:", "#")):
                continue
            absolute = urldefrag(urljoin(url, target))[0]
            if urlsplit(absolute).netloc == host and absolute not in seen:
                seen.add(absolute)
                queue.append(absolute)
    return seen, broken


def test_every_link_resolves_under_a_sub_path(hosted):
    start, site_dir = hosted
    seen, broken = crawl(start)
    assert broken == []
    assert all(urlsplit(url).path.startswith(PREFIX) for url in seen), "a link escaped the sub-path"
    pages = {p.parent for p in Path(site_dir).rglob("index.html")}
    assert len([u for u in seen if u.endswith("/")]) >= len(pages) - 1  # every page reachable (404 page aside)


def test_canonical_and_citation_urls_use_the_sub_path(hosted):
    start, site_dir = hosted
    soup = BeautifulSoup((site_dir / "mechanisms" / "estradiol" / "index.html").read_text(), "html.parser")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "https://example.org/guides/oxytocin/mechanisms/estradiol/"
    assert soup.find("meta", attrs={"name": "citation_public_url"})["content"] == canonical


def test_crawler_reports_a_broken_link(tmp_path):
    """The negative case: the crawler notices a link to a page that does not exist."""
    (tmp_path / "index.html").write_text('<a href="missing/">gone</a>')
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _, broken = crawl(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert len(broken) == 1 and "missing/" in broken[0]
