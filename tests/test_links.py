"""Link checker (scripts/check_links.py): the real site is clean, a fixture site with every kind of broken link
is rejected line by line, and the online mode's retries, cache and flaky-host rule work (against 127.0.0.1 only)."""

from __future__ import annotations

import functools
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scripts import check_links
from tests.conftest import FIXTURES, ROOT


def test_real_site_has_no_broken_link_image_or_asset(site):
    findings = check_links.check_site(site.site, ROOT / "docs", check_links.configured_site_url())
    assert [str(f) for f in findings] == []


# Each planted problem in tests/fixtures/broken-links/docs/other.md, reported at its Markdown line.
EXPECTED = [
    "docs/other.md:11: broken link (no such file): missing.md",
    "docs/other.md:12: missing #anchor: ../#no-such-section",
    "docs/other.md:13: missing #anchor: #fn:nosuchkey2099",
    "docs/other.md:14: broken link (no such file): assets/missing.svg",
    "docs/other.md:15: insecure link (use https://): http://example.org/page",
    "docs/other.md:16: image without alt text: ../assets/square.svg",
    "docs/other.md:17: broken link (no such file): files/missing.csv",
    "docs/other.md:18: malformed DOI link (expected https://doi.org/10.NNNN/suffix): https://doi.org/not-a-doi",
    "docs/other.md:19: malformed PubMed link (expected https://pubmed.ncbi.nlm.nih.gov/PMID/): "
    "https://pubmed.ncbi.nlm.nih.gov/abc/",
    "docs/other.md:20: link to a local server: https://localhost:8000/",
]


@pytest.mark.fixture_site
def test_fixture_site_is_rejected_at_each_markdown_line(build_fixture):
    build = build_fixture("broken-links")
    assert build.returncode == 0, build.log
    docs = FIXTURES / "broken-links" / "docs"
    reported = [str(f).split("  [")[0] for f in check_links.check_site(build.site, docs, "http://127.0.0.1:8000/")]
    assert reported == EXPECTED  # and nothing from index.md, the control page with working links of each kind
    assert check_links.main(["--site", str(build.site), "--docs", str(docs)]) == 1  # the command fails too


def test_a_link_from_a_template_is_reported_by_html_page(tmp_path):
    """A link that no Markdown file holds (a template or hook wrote it) is reported at its HTML line."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text('<!doctype html>\n<p><a href="gone/">x</a></p>\n')
    (finding,) = check_links.check_site(tmp_path / "site", tmp_path / "docs")
    expected = "site/index.html (from a template or hook): broken link (no such file): gone/  [index.html:2]"
    assert str(finding) == expected


# --- online mode, against a server on 127.0.0.1 -------------------------------------------------


class FakeWeb(BaseHTTPRequestHandler):
    """/ok 200, /gone 404, /flaky 503 on the first request then 200, /forbidden 403;
    /handles/<doi> plays the doi.org handle API (200 for 10.1000/registered, else 404)."""

    hits: dict[str, int]

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        codes = {"/ok": 200, "/gone": 404, "/forbidden": 403, "/handles/10.1000/registered": 200}
        code = codes.get(self.path, 404)
        if self.path == "/flaky":
            code = 503 if self.hits[self.path] == 1 else 200
        body = b"{}"
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET


@pytest.fixture
def web():
    hits: dict[str, int] = {}
    handler = type("Handler", (FakeWeb,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_online_check_classifies_and_caches_successes(web, tmp_path):
    base, hits = web
    urls = [f"{base}/ok", f"{base}/gone", f"{base}/flaky", f"{base}/forbidden"]
    first = check_links.check_online(urls, tmp_path, retries=1, timeout=5, host_interval="10ms")
    assert {u.rsplit("/", 1)[1]: kind for u, (kind, _) in first.items()} == {
        "ok": "ok",
        "gone": "broken",
        "flaky": "transient",
        "forbidden": "blocked",
    }
    assert f"{base}/ok," in (tmp_path / ".lycheecache").read_text()  # url,status,timestamp
    second = check_links.check_online(urls, tmp_path, retries=1, timeout=5, host_interval="10ms")
    assert hits["/ok"] == 1, "a cached success is not requested again"
    assert hits["/gone"] == 2, "a failure is not cached: it is checked again"
    assert second[f"{base}/flaky"][0] == "ok"


def test_flaky_host_fails_the_run_only_when_it_fails_again_on_a_later_day():
    transient = {"https://a.example/": ("transient", "503")}
    results, failures, warnings = check_links.update_results({}, transient, "2026-11-20")
    assert failures == [] and warnings == [("https://a.example/", "503")]
    _, failures, _ = check_links.update_results(results, transient, "2026-11-20")
    assert failures == [], "a re-run on the same day is still the first failure"
    _, failures, _ = check_links.update_results(results, transient, "2026-11-27")
    assert failures == [("https://a.example/", "503 (failing since 2026-11-20)")]
    recovered, _, _ = check_links.update_results(results, {"https://a.example/": ("ok", "ok")}, "2026-11-27")
    assert "failing_since" not in recovered["https://a.example/"]
    _, failures, _ = check_links.update_results({}, {"https://b.example/": ("broken", "404")}, "2026-11-20")
    assert failures == [("https://b.example/", "404")], "a 404 fails at once"


def test_online_run_resolves_dois_and_reports_markdown_lines(web, tmp_path):
    base, hits = web
    case = FIXTURES / "links-online"
    failures, warnings = check_links.run_online(
        case / "site",
        case / "docs",
        tmp_path,
        f"{base}/handles/",
        today="2026-11-25",
        retries=1,
        timeout=5,
        host_interval="10ms",
    )
    assert [str(f).split("  [")[0] for f in failures] == [
        "docs/index.md:10: 404 Rejected status code: 404 Not Found: https://doi.org/10.1000/unregistered"
    ]
    assert warnings == []
    assert hits == {"/handles/10.1000/registered": 1, "/handles/10.1000/unregistered": 1}
    assert (tmp_path / "results.json").exists()
