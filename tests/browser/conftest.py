"""Browser fixtures: the built site served on 127.0.0.1 and Debian's chromium driven by Playwright.

Playwright never downloads a browser here: it drives /usr/bin/chromium (installed by
scripts/ensure-chromium). Without it the browser tests fail under CI=true, and skip
with a reason elsewhere.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.search_suite.driver import CHROMIUM_ARGS  # one list of the flags this machine needs

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def handle(self):
        # The browser may drop a keep-alive connection at any time; that is not a test failure.
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            super().handle()


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 on a free port; returns (server, base_url)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve(site.site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: scripts/ensure-chromium must install it under CI")
        pytest.skip(f"{CHROMIUM} is missing; run scripts/ensure-chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter):
    """Print what browser tests recorded with record_property("summary", lines), such as search relevance."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for name, lines in getattr(report, "user_properties", []):
            if name == "summary" and report.when == "call":
                terminalreporter.write_sep("-", report.nodeid.split("::")[-1])
                for line in lines:
                    terminalreporter.write_line(line)


@pytest.fixture
def instant(page, base_url, site):
    """Instant navigation for this test's page; returns follow(locator, path), which clicks and
    asserts that the page was swapped in place, not reloaded.

    Material navigates instantly only to URLs listed in sitemap.xml, compared with their
    port; the sitemap names site_url's port and the test server has its own, so the page
    is answered with a sitemap that names the test's."""
    sitemap = (site.site / "sitemap.xml").read_text(encoding="utf-8")
    site_url = re.search(r"<loc>(https?://[^/]+/)", sitemap).group(1)
    body = sitemap.replace(site_url, base_url)
    page.route("**/sitemap.xml", lambda route: route.fulfill(body=body, content_type="application/xml"))

    def follow(locator, path: str) -> None:
        page.evaluate("() => { window.__kept = true; }")
        locator.click()
        page.wait_for_url("**/" + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.__kept === true"), "the page reloaded: no instant navigation"

    return follow
