#!/usr/bin/env python3
"""Page weight for a built site: the first view of every page, and the search index at 1,000 pages.

    .venv/bin/python scripts/bench_weight.py [SITE_DIR] [--breakdown]   # prints JSON; builds the real site if no dir

`--breakdown` also prints, for the five heaviest pages, every file they load and their HTML by
kind of markup (reference list, citation markers, tables, JSON-LD, navigation, ...).

Two measurements, for the benchmark package to call (issue 14, budget 4):

* `first_views(site_dir) -> dict`: every page of the site opened in Chromium with an empty
  cache; each request it makes for a file of the site is counted at that file's gzip -6 size
  (as hosting serves it). Search files (the index, the search workers, Lunr) are counted
  apart, because the budget sets them aside: `pages[url]["gzip"]` is everything else (HTML,
  CSS, JS, fonts, images, the sitemap instant navigation reads). `heaviest` names the page
  with the largest first view; BUDGET_FIRST_VIEW_GZIP is the budget for it.
* `search_index_point(site_dir) -> dict` for each built corpus, then
  `project_search_index(ours, baseline, pages=1000) -> dict`: a straight line through each
  configuration's (pages, index gzip bytes) points, read at 1,000 pages. Ours must project
  below default Material's for the same corpus. A line is the cautious choice: gzip
  compresses a larger index somewhat better, so real sizes fall at or below it.

It is a measuring tool, not a test. Chromium is Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench.browser import category  # noqa: E402  (one classification of requests for every measurement)
from scripts.bench.common import gzip_size  # noqa: E402
from scripts.search_suite.driver import launch_chromium, serve  # noqa: E402  (the browser the tests use)

BUDGET_FIRST_VIEW_GZIP = 75 * 1024  # bytes: the heaviest first view, search files aside
PROJECTED_PAGES = 1000
SEARCH_PREFIXES = ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/")
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".bib", ".ris"}
CATEGORIES = ("html", "css", "js", "fonts", "images", "data")


def is_search_file(rel: str) -> bool:
    return rel.startswith(SEARCH_PREFIXES)


def page_paths(site_dir: Path) -> list[str]:
    """URL paths of every page: each index.html, as served ("" for the home page)."""
    rels = sorted(p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))
    return ["" if rel == "." else rel + "/" for rel in rels]


def site_file(site_dir: Path, url: str, base: str) -> str | None:
    """The site-relative path a request for `url` is served from, or None for anything else."""
    if not url.startswith(base):
        return None
    rel = unquote(urlsplit(url).path).lstrip("/")
    path = site_dir / rel
    if path.is_dir() or not rel:
        path = path / "index.html"
    return path.relative_to(site_dir).as_posix() if path.is_file() else None


def weigh(site_dir: Path, requests: list[tuple[str, str]], base: str) -> dict:
    """Sizes of the requested site files: totals by type (search apart), and the files themselves."""
    totals = {c: 0 for c in CATEGORIES}
    files, search, external, seen = {}, 0, [], set()
    for resource_type, url in requests:
        rel = site_file(site_dir, url, base)
        if rel is None:
            if url.startswith(("http://", "https://")) and not url.startswith(base):
                external.append(url)
            continue
        if rel in seen:
            continue
        seen.add(rel)
        data = (site_dir / rel).read_bytes()
        size = gzip_size(data) if Path(rel).suffix in COMPRESSIBLE else len(data)
        if is_search_file(rel):
            search += size
            continue
        totals[category(resource_type, rel)] += size
        files[rel] = size
    return {
        "gzip": sum(totals.values()),
        "by_type": totals,
        "search_gzip": search,
        "files": files,
        "external": external,
    }


def first_view(browser, base: str, site_dir: Path, url_path: str) -> dict:
    """What Chromium fetches for one page with an empty cache, until the network is idle."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[tuple[str, str]] = []
    context.on("request", lambda r: requests.append((r.resource_type, r.url)))
    page = context.new_page()
    page.goto(base + url_path, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    return weigh(site_dir, requests, base)


def first_views(site_dir: Path, paths: list[str] | None = None, budget: int = BUDGET_FIRST_VIEW_GZIP) -> dict:
    """First-view weight of every page (or of `paths`), the heaviest named, against the budget."""
    from playwright.sync_api import sync_playwright

    site_dir = Path(site_dir)
    paths = page_paths(site_dir) if paths is None else paths
    with sync_playwright() as playwright, serve(site_dir) as base:
        browser = launch_chromium(playwright)
        try:
            pages = {path or "/": first_view(browser, base, site_dir, path) for path in paths}
        finally:
            browser.close()
    heaviest = max(pages, key=lambda p: pages[p]["gzip"])
    return {
        "pages": pages,
        "heaviest": heaviest,
        "heaviest_gzip": pages[heaviest]["gzip"],
        "budget_gzip": budget,
        "passed": pages[heaviest]["gzip"] <= budget,
    }


def search_index_point(site_dir: Path) -> dict:
    """Size of a built site's search index, with the number of pages it indexes."""
    site_dir = Path(site_dir)
    data = (site_dir / "search" / "search_index.json").read_bytes()
    return {"pages": len(page_paths(site_dir)), "raw": len(data), "gzip": gzip_size(data)}


def line_at(points: list[dict], key: str, pages: int) -> float:
    """Least-squares line through (pages, points[key]), read at `pages` (one point: through the origin)."""
    xs = [p["pages"] for p in points]
    ys = [p[key] for p in points]
    if len(set(xs)) < 2:
        return ys[0] / xs[0] * pages
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return my + slope * (pages - mx)


def project_search_index(ours: list[dict], baseline: list[dict], pages: int = PROJECTED_PAGES) -> dict:
    """Ours and default Material's search index projected to `pages` pages, from the same corpora."""
    out = {"pages": pages, "ours_points": ours, "baseline_points": baseline}
    for key in ("raw", "gzip"):
        out[f"ours_{key}"] = round(line_at(ours, key, pages))
        out[f"baseline_{key}"] = round(line_at(baseline, key, pages))
    out["ratio_gzip"] = out["ours_gzip"] / out["baseline_gzip"]
    out["passed"] = out["ours_gzip"] < out["baseline_gzip"]
    return out


def summary(views: dict) -> str:
    """Markdown lines: every page's first view, heaviest first."""
    rows = sorted(views["pages"].items(), key=lambda item: -item[1]["gzip"])
    lines = ["| page | first view (KiB gzip) | html | css | js | images | other | search (apart) |", "|---" * 8 + "|"]
    for path, view in rows:
        t = view["by_type"]
        cells = [t["html"], t["css"], t["js"], t["images"], t["fonts"] + t["data"], view["search_gzip"]]
        lines.append(f"| {path} | {view['gzip'] / 1024:.1f} | " + " | ".join(f"{c / 1024:.1f}" for c in cells) + " |")
    verdict = "PASS" if views["passed"] else "FAIL"
    lines.append(
        f"\nHeaviest: {views['heaviest']} {views['heaviest_gzip'] / 1024:.1f} KiB "
        f"(budget {views['budget_gzip'] / 1024:.0f} KiB): {verdict}"
    )
    return "\n".join(lines)


# What a page's HTML spends its bytes on: each kind's share is the gzip size it adds (the page
# with it minus the page without it), so shares overlap where kinds nest (markers inside tables).
MARKUP_KINDS = {
    "json-ld": 'script[type="application/ld+json"]',
    "reference list": "div.footnote",
    "citation markers": "sup[id^=fnref], sup.cite-sep",
    "backlinks": "a.footnote-backref",
    "tables": "article table",
    "cited-on (bibliography)": "span.cited-on",
    "cite box + downloads": "details.cite-this-page, aside.reference-downloads",
    "header + search box": "header.md-header, template",
    "navigation (tabs, sidebars, footer)": "nav.md-tabs, .md-sidebar, footer.md-footer",
    "inline scripts": "script:not([src]):not([type='application/ld+json'])",
    "inline svg icons": "svg",
}


def markup(html: str) -> dict:
    """gzip bytes of a page's HTML by kind of markup (MARKUP_KINDS), with the total."""
    from bs4 import BeautifulSoup

    whole = gzip_size(str(BeautifulSoup(html, "lxml")).encode())
    out = {"total": gzip_size(html.encode())}
    for kind, selector in MARKUP_KINDS.items():
        soup = BeautifulSoup(html, "lxml")
        for element in soup.select(selector):
            element.decompose()
        out[kind] = whole - gzip_size(str(soup).encode())
    return out


def breakdown(views: dict, site_dir: Path, top: int = 5) -> str:
    """Markdown tables for the `top` heaviest pages: every file they load, and their HTML by kind."""
    heaviest = sorted(views["pages"], key=lambda p: -views["pages"][p]["gzip"])[:top]
    files = sorted({f for p in heaviest for f in views["pages"][p]["files"]})
    files.sort(key=lambda f: -max(views["pages"][p]["files"].get(f, 0) for p in heaviest))
    lines = ["| file (KiB gzip) | " + " | ".join(heaviest) + " |", "|---" * (len(heaviest) + 1) + "|"]
    for name in files:
        cells = [views["pages"][p]["files"].get(name) for p in heaviest]
        lines.append(f"| {name} | " + " | ".join("" if c is None else f"{c / 1024:.1f}" for c in cells) + " |")
    kinds = {
        p: markup((site_dir / (p.strip("/") + "/index.html").lstrip("/")).read_text(encoding="utf-8")) for p in heaviest
    }
    lines += ["", "| HTML by kind (KiB gzip) | " + " | ".join(heaviest) + " |", "|---" * (len(heaviest) + 1) + "|"]
    for kind in ["total", *MARKUP_KINDS]:
        lines.append(f"| {kind} | " + " | ".join(f"{kinds[p][kind] / 1024:.1f}" for p in heaviest) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    top = 0
    if "--breakdown" in argv:  # also print files and HTML by kind for the five heaviest pages
        argv = [a for a in argv if a != "--breakdown"]
        top = 5
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if argv:
        site = Path(argv[0])
        views = first_views(site)
        if top:
            print(breakdown(views, site, top), file=sys.stderr)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
            subprocess.run(cmd, cwd=ROOT, env=env, check=True)
            views = first_views(site)
            views["search_index"] = search_index_point(site)
            if top:
                print(breakdown(views, site, top), file=sys.stderr)
    print(summary(views), file=sys.stderr)
    print(json.dumps(views, indent=1))
    return 0 if views["passed"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
