"""Serving a built site (gzipped, as hosts do) and driving Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import statistics
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.bench.common import gzip_size
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".bib", ".ris", ".map"}
RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
CATEGORIES = ["html", "css", "js", "fonts", "images", "data"]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with on-the-fly gzip (level 6) for text types, as GitHub Pages and most hosts do."""

    protocol_version = "HTTP/1.1"
    cache: dict[str, bytes] = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' policy
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and Path(path).suffix in COMPRESSIBLE):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served(site_dir: Path):
    """Serve `site_dir` on 127.0.0.1 and an OS-chosen port; yield the base URL."""
    handler = type("Handler", (GzipHandler,), {"cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def local_file(site_dir: Path, url: str) -> Path | None:
    path = site_dir / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def category(resource_type: str, url: str) -> str:
    suffix = Path(urlsplit(url).path).suffix.lower()
    if resource_type == "document":
        return "html"
    if resource_type == "stylesheet" or suffix == ".css":
        return "css"
    if resource_type == "script" or suffix in (".js", ".mjs"):
        return "js"
    if resource_type == "font" or suffix in (".woff2", ".woff", ".ttf", ".otf"):
        return "fonts"
    if resource_type == "image" or suffix in RASTER | {".svg", ".ico"}:
        return "images"
    return "data"


def first_view(browser, base: str, site_dir: Path, url_path: str) -> dict:
    """Every request Chromium makes on a first, empty-cache view; sizes of local files raw and gzip."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen: list[tuple[str, str]] = []
    failed: list[str] = []
    context.on("request", lambda r: seen.append((r.resource_type, r.url)))
    context.on("requestfailed", lambda r: failed.append(r.url))
    page = context.new_page()
    page.goto(base + url_path, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    totals = {c: {"raw": 0, "gzip": 0, "files": 0} for c in CATEGORIES}
    files, external = [], []
    for resource_type, url in seen:
        if not url.startswith(base):
            if url.startswith(("http://", "https://")):
                external.append(url)
            continue
        path = local_file(site_dir, url)
        if path is None:
            continue
        data = path.read_bytes()
        compressed = gzip_size(data) if path.suffix in COMPRESSIBLE else len(data)
        cat = category(resource_type, url)
        totals[cat]["raw"] += len(data)
        totals[cat]["gzip"] += compressed
        totals[cat]["files"] += 1
        files.append({"url": url[len(base) - 1 :], "type": cat, "raw": len(data), "gzip": compressed})
    totals["total"] = {k: sum(totals[c][k] for c in CATEGORIES) for k in ("raw", "gzip", "files")}
    return {"totals": totals, "files": files, "external": external, "failed": failed}


def readable_without_js(browser, base: str, site_dir: Path) -> dict:
    """Load every page with JavaScript off; the title and the article's text must be visible."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    pages = sorted(p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))
    unreadable = []
    for rel in pages:
        url_path = "" if rel == "." else rel + "/"
        page.goto(base + url_path)
        article = page.locator("article").first
        text = article.inner_text() if article.count() else ""
        title_visible = page.locator("article h1").first.is_visible() if article.count() else False
        if not (article.count() and article.is_visible() and title_visible and len(text.split()) >= 20):
            unreadable.append(url_path or "/")
    context.close()
    return {"pages": len(pages), "unreadable": unreadable}


def search_latency(browser, base: str) -> dict:
    """Fallback when scripts/bench_search.py is missing: ms from the last keystroke to results rendered."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(
        """
        window.__bench = {key: 0, shown: 0};
        document.addEventListener("keyup", () => { window.__bench.key = performance.now(); }, true);
        new MutationObserver(() => {
          const list = document.querySelector(".md-search-result__list");
          if (list && list.children.length) window.__bench.shown = performance.now();
        }).observe(document, {subtree: true, childList: true});
        """
    )
    page.goto(base, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    times = []
    for query in ("oxytocin", "estradiol", "cortisol", "thyroid", "testosterone"):
        box.click()
        box.fill("")
        page.evaluate("window.__bench.shown = 0")
        box.type(query, delay=30)
        page.wait_for_function("window.__bench.shown > window.__bench.key", timeout=10_000)
        page.wait_for_timeout(200)
        times.append(page.evaluate("window.__bench.shown - window.__bench.key"))
    page.close()
    return {"latency_ms_median": statistics.median(times), "latency_ms": times, "source": "bench fallback"}
