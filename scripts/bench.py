#!/usr/bin/env python3
"""Benchmark the site against a default Material build of the same content (issue 8).

Measures, for our configuration and for the baseline (theme `material` with defaults,
plugins search and bibtex only, same Markdown extensions and content):

* cold build time of the real site (median of --runs), and `mkdocs serve` rebuild time
  after one page changes (in a temporary copy of the project);
* build time of synthetic corpora (pages x citations, from the real config and bib keys),
  with the marginal cost per page and per citation, to show that growth is linear;
* first-view transfer of three page types as Chromium fetches them, raw and gzip;
* search index size and time from the last keystroke to results shown (real site, misspellings
  included, and the largest corpus with and without our spelling correction);
* Lighthouse scores (mobile) for the three pages;
* structural budgets: no source maps, no unused Lunr languages, SVG diagrams, readable without JavaScript.

Prints Markdown tables and pass/fail budgets (exit status 1 if a budget fails); writes
bench-results/<time>/bench.md, bench.json and the Lighthouse reports. It is a measuring
tool, not a test: nothing here runs in the test suite. Lighthouse 13 is installed with npm
into ~/.cache/oxytocin-bench on first use (BENCH_NPM_PREFIX overrides the folder).

    .venv/bin/python scripts/bench.py                 # everything (about 15 minutes on 2 quiet cores)
    .venv/bin/python scripts/bench.py --quick         # 1 run each, no 1,000-page corpus (about 6 minutes)
    .venv/bin/python scripts/bench.py --skip-lighthouse --skip-baseline-corpus --runs 3
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import gzip
import http.server
import importlib.util
import io
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from mkdocs.utils.yaml import yaml_load
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from search_driver import CHROMIUM_ARGS  # noqa: E402  (the flags the tests use)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE_DIR = Path(os.environ.get("BENCH_NPM_PREFIX", Path.home() / ".cache" / "oxytocin-bench"))
LIGHTHOUSE_PKG = "lighthouse@13"
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE_TIMINGS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
PAGES = {"home": "", "mechanism": "mechanisms/estradiol/", "bibliography": "references/bibliography/"}
SERVE_PAGE = ("mechanisms/estradiol.md", "mechanisms/estradiol/")
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".bib", ".ris", ".map"}
RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
BUDGET_BUILD_S = 10.0
BUDGET_LIGHTHOUSE = 95
BUDGET_SEARCH_MS = 50.0  # issue 16: keystroke to results, spelling correction included
BUDGET_LINEARITY = 1.25  # marginal cost per page (or citation) may grow at most 25 % from the small to the large step
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class BenchError(RuntimeError):
    pass


def say(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# --------------------------------------------------------------------------- configs


def real_config() -> dict:
    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def absolute_paths(config: dict) -> dict:
    """Make a copy of the real config usable from another folder (bib, hooks, overrides, snippets)."""
    config = dict(config)
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    if isinstance(config.get("theme"), dict) and config["theme"].get("custom_dir"):
        config["theme"] = {**config["theme"], "custom_dir": str(ROOT / config["theme"]["custom_dir"])}
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    config["watch"] = [str(ROOT / w) for w in config.get("watch", [])]
    plugins = []
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "bibtex" in plugin:
            options = dict(plugin["bibtex"])
            for key in ("bib_file", "bib_dir", "csl_file"):
                if options.get(key):
                    options[key] = str(ROOT / options[key])
            plugin = {"bibtex": options}
        plugins.append(plugin)
    config["plugins"] = plugins
    extensions = []
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext = {"pymdownx.snippets": {**(ext["pymdownx.snippets"] or {}), "base_path": [str(ROOT)]}}
        extensions.append(ext)
    config["markdown_extensions"] = extensions
    return config


def write_config(config: dict, path: Path) -> Path:
    # yaml.dump (not safe_dump) keeps any !!python/name tags the Markdown extensions use.
    path.write_text(yaml.dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# Our bibliography page is written by hooks/bibliography_page.py from this marker; the baseline
# gets mkdocs-bibtex's own full bibliography in its place, so that both pages list every source.
BIBLIOGRAPHY_MARKER = "<!-- full-bibliography -->"


def baseline_docs(src: Path, dest: Path) -> Path:
    """A copy of the docs for the baseline, with the full bibliography made the default plugin's way."""
    shutil.copytree(src, dest)
    for page in dest.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if BIBLIOGRAPHY_MARKER in text:
            page.write_text(text.replace(BIBLIOGRAPHY_MARKER, "\\full_bibliography"), encoding="utf-8")
    return dest


def baseline_config(ours: dict) -> dict:
    """Material's defaults around the same content: only what the content needs to build."""
    keep = ("site_name", "site_description", "site_author", "site_url", "copyright", "docs_dir", "nav")
    config = {k: ours[k] for k in keep if k in ours}
    config["theme"] = {"name": "material"}
    bibtex = next(p for p in ours["plugins"] if isinstance(p, dict) and "bibtex" in p)
    config["plugins"] = ["search", bibtex]
    config["markdown_extensions"] = ours["markdown_extensions"]  # content syntax, not theme features
    config["strict"] = False  # our hooks add anchors some pages link to; the baseline only has to render
    return config


# --------------------------------------------------------------------------- builds


def build(config: Path, site_dir: Path, cwd: Path | None = None) -> tuple[float, float]:
    """One cold build (fresh process, empty output folder): (wall-clock s, CPU s of the build process)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config), "-d", str(site_dir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd or config.parent, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise BenchError(f"build of {config} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed_builds(config: Path, site_dir: Path, runs: int, label: str, cwd: Path | None = None) -> dict:
    """Median of `runs` cold builds. CPU time is reported too: wall time swings with other load on the machine."""
    times, cpu = [], []
    for i in range(runs):
        wall, used = build(config, site_dir, cwd)
        times.append(wall)
        cpu.append(used)
        say(f"  {label}: run {i + 1}/{runs} {wall:.2f} s (CPU {used:.2f} s)")
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "cpu_median_s": statistics.median(cpu),
        "runs": times,
        "cpu_runs": cpu,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project, so that the serve benchmark never edits the real docs/."""
    skip = {".venv", ".git", "site", "bench-results", "node_modules", ".cache", "tests", "__pycache__"}
    shutil.copytree(ROOT, dest, ignore=lambda d, names: [n for n in names if n in skip])
    return dest


def serve_rebuild(project: Path, config: Path, docs: Path, repeats: int) -> dict:
    """Time `mkdocs serve` from a page edit to the log's 'Reloading browsers' and to the new page served."""
    port = free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        cmd, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    lines: list[tuple[float, str]] = []
    threading.Thread(
        target=lambda: [lines.append((time.perf_counter(), ln)) for ln in proc.stdout], daemon=True
    ).start()

    def wait_for(pattern: str, after: float, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for t, line in list(lines):
                if t >= after and pattern in line:
                    return t
            if proc.poll() is not None:
                break
            time.sleep(0.02)
        raise BenchError(f"mkdocs serve: no '{pattern}' within {timeout} s:\n" + "".join(ln for _, ln in lines[-30:]))

    src, url_path = SERVE_PAGE
    page_file = docs / src
    url = f"http://127.0.0.1:{port}/{url_path}"
    log_times, served_times = [], []
    try:
        started = time.perf_counter()
        ready = wait_for("Serving on", started, 300)
        initial = ready - started
        for i in range(repeats):
            marker = f"bench-edit-{i}-{time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle after the previous build
            t0 = time.perf_counter()
            with page_file.open("a", encoding="utf-8") as fh:
                fh.write(f"\n<!-- {marker} -->\n")
            served = None
            while served is None and time.perf_counter() - t0 < 120:
                with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
                    if marker in response.read().decode("utf-8", "replace"):
                        served = time.perf_counter()
                        break
                time.sleep(0.02)
            if served is None:
                raise BenchError("mkdocs serve: the edited page was not served within 120 s")
            reloaded = wait_for("Reloading browsers", t0, 30)
            log_times.append(reloaded - t0)
            served_times.append(served - t0)
            say(f"  serve rebuild {i + 1}/{repeats}: log {log_times[-1]:.2f} s, served {served_times[-1]:.2f} s")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {
        "initial_build_s": initial,
        "reload_log_median_s": statistics.median(log_times),
        "served_median_s": statistics.median(served_times),
        "reload_log_s": log_times,
        "served_s": served_times,
    }


# --------------------------------------------------------------------------- synthetic corpus


def usable_bib_keys() -> list[str]:
    bib = next(p["bibtex"]["bib_file"] for p in real_config()["plugins"] if isinstance(p, dict) and "bibtex" in p)
    data = parse_file(str(ROOT / bib), "bibtex")
    return sorted(k for k, e in data.entries.items() if "unverified:" not in e.fields.get("note", ""))


TEXT = (
    "oxytocin receptor binding changes with steroid exposure across tissues and species while human data "
    "remain sparse and indirect so each claim here is framed by the kind of study that supports it"
)
WORDS = TEXT.split(" ")


def sentence(n: int, length: int = 18) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize()


def corpus_page(title: str, number: int, cites: list[str], next_link: str | None) -> str:
    """~450 words in the template's anatomy; every citation is a separate [@key] (one group of two)."""
    groups = [f"[@{cites[0]}; @{cites[1]}]"] + [f"[@{k}]" for k in cites[2:]] if len(cites) > 1 else [f"[@{cites[0]}]"]
    paragraphs = []
    for i in range(12):
        cite = f" {groups[i]}" if i < len(groups) else ""
        paragraphs.append(f"{sentence(number + i)}.\n{sentence(number + i + 1)}{cite}.")
    for i in range(12, len(groups)):
        paragraphs[i % 12] += f" {sentence(number + i, 8)} {groups[i]}."
    link = (
        f"\n\nNext: [the following page]({next_link}); back to [the part overview](../index.md).\n" if next_link else ""
    )
    return (
        f"---\ntitle: {title}\ndescription: Synthetic benchmark page {number}.\nreviewed: 2026-11-25\n"
        f"evidence: low\nkeywords: [benchmark, page{number}]\n---\n\n# {title}\n\n{paragraphs[0]}\n\n"
        "## Key points\n\n"
        + "".join(f"- {p.splitlines()[1]}\n" for p in paragraphs[1:4])
        + "\n## Background\n\n"
        + "\n\n".join(paragraphs[4:7])
        + '\n\n!!! note "What this shows"\n\n    '
        + paragraphs[7].replace("\n", "\n    ")
        + "\n\n## Findings\n\n| Study | Species | Finding |\n|---|---|---|\n| One | Mouse | Fewer receptors |\n"
        "| Two | Rat | More binding |\n\n"
        + "\n\n".join(paragraphs[8:11])
        + "\n\n## Evidence and its limits\n\n"
        + paragraphs[11]
        + link
    )


def make_corpus(work: Path, pages: int, cites_per_page: int, keys: list[str]) -> Path:
    """N pages in parts of 10 sections x 10 pages (a tab never exceeds 100 pages), each with k citations."""
    root = work / f"corpus-{pages}x{cites_per_page}"
    docs = root / "docs"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    # Hooks read data/ beside mkdocs.yml; without data/claims/ the claims ledger is not checked.
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("claims"))
    ours = absolute_paths(real_config())
    nav: list = [{"Home": "index.md"}]
    part_links = []
    for start in range(0, pages, 100):
        part = f"part-{start // 100 + 1:02d}"
        part_nav: list = [f"{part}/index.md"]
        links = []
        for s_start in range(start, min(start + 100, pages), 10):
            section = f"section-{(s_start % 100) // 10 + 1:02d}"
            section_nav = []
            for n in range(s_start, min(s_start + 10, pages)):
                rel = f"{part}/{section}/page-{n + 1:04d}.md"
                cites = [keys[(n * 11 + i * 5) % len(keys)] for i in range(cites_per_page)]
                cites = list(dict.fromkeys(cites)) + [keys[(n + i) % len(keys)] for i in range(cites_per_page)]
                cites = list(dict.fromkeys(cites))[:cites_per_page]
                last = n + 1 == min(s_start + 10, pages)
                text = corpus_page(f"Benchmark page {n + 1}", n, cites, None if last else f"page-{n + 2:04d}.md")
                path = docs / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                section_nav.append(rel)
            links.append(f"- [Section {section}]({section}/page-{s_start + 1:04d}.md)")
            part_nav.append({f"Section {section[-2:]}": section_nav})
        (docs / part).mkdir(parents=True, exist_ok=True)
        (docs / part / "index.md").write_text(
            f"---\ntitle: Part {part[-2:]}\ndescription: Synthetic part.\nreviewed: 2026-11-25\n---\n\n"
            f"# Part {part[-2:]}\n\n" + "\n".join(links) + "\n",
            encoding="utf-8",
        )
        nav.append({f"Part {part[-2:]}": part_nav})
        part_links.append(f"- [Part {part[-2:]}]({part}/index.md)")
    (docs / "index.md").write_text(
        "---\ntitle: Benchmark corpus\ndescription: Synthetic corpus.\nreviewed: 2026-11-25\n---\n\n"
        "# Benchmark corpus\n\n" + "\n".join(part_links) + "\n\n[Bibliography](bibliography.md)\n",
        encoding="utf-8",
    )
    # The full bibliography with its "cited on" backlinks: the one page that grows with the whole corpus.
    (docs / "bibliography.md").write_text(
        "---\ntitle: Bibliography\ndescription: Every source.\nreviewed: 2026-11-25\n---\n\n"
        "# Bibliography\n\n<!-- full-bibliography -->\n",
        encoding="utf-8",
    )
    nav.append({"Bibliography": "bibliography.md"})
    config = {**ours, "docs_dir": str(docs), "nav": nav, "site_url": "http://127.0.0.1:8000/"}
    base_docs = baseline_docs(docs, root / "docs-baseline")
    write_config({**baseline_config(config), "docs_dir": str(base_docs)}, root / "baseline.yml")
    return write_config(config, root / "mkdocs.yml")


def corpus_benchmark(
    work: Path, sizes: list[int], cite_counts: list[int], runs: int, baseline: bool, search_latency_on_corpus: bool
) -> dict:
    keys = usable_bib_keys()
    out: dict = {"pages": {}, "baseline_pages": {}, "citations": {}, "bib_keys": len(keys)}
    for pages in sorted({10, *sizes}):
        config = make_corpus(work, pages, 10, keys)
        site = config.parent / "site"
        out["pages"][pages] = timed_builds(config, site, runs, f"corpus {pages} pages x 10 citations")
        out["pages"][pages]["html_bytes"] = sum(p.stat().st_size for p in site.rglob("*.html"))
        if pages == max(sizes) and search_latency_on_corpus:
            try:
                out["search"] = {"pages": pages, **search_module().corpus_latency(site)}
                say(f"  corpus {pages} pages: search measured")
            except Exception as error:  # a search figure must not abort the whole benchmark
                say(f"  corpus {pages} pages: search not measured: {type(error).__name__}: {error}")
        if baseline:
            base = config.parent / "baseline.yml"
            out["baseline_pages"][pages] = timed_builds(base, site, runs, f"baseline corpus {pages} pages")
            out["baseline_pages"][pages]["html_bytes"] = sum(p.stat().st_size for p in site.rglob("*.html"))
        shutil.rmtree(config.parent, ignore_errors=True)
    for cites in cite_counts:
        if cites == 10 and 100 in out["pages"]:
            out["citations"][cites] = out["pages"][100]
            continue
        config = make_corpus(work, 100, cites, keys)
        out["citations"][cites] = timed_builds(
            config, config.parent / "site", runs, f"corpus 100 pages x {cites} citations"
        )
        shutil.rmtree(config.parent, ignore_errors=True)
    return out


def linearity(times: dict[int, dict], unit: int = 1) -> dict | None:
    """Marginal CPU cost per unit between consecutive sizes; ratio of the last step to the first.

    CPU time of the build process, not wall time: on a shared 2-core machine wall time
    swings with whatever else runs, and a 10-page build is short enough to be swamped.
    """
    sizes = sorted(times)
    if len(sizes) < 3:
        return None
    steps = []
    for a, b in zip(sizes, sizes[1:], strict=False):
        steps.append((times[b]["cpu_median_s"] - times[a]["cpu_median_s"]) / ((b - a) * unit))
    return {"sizes": sizes, "marginal_s": steps, "ratio": steps[-1] / steps[0] if steps[0] > 0 else float("inf")}


def profile_corpus(work: Path, pages: int) -> str:
    """cProfile one corpus build in-process; top functions by cumulative time."""
    config = make_corpus(work, pages, 10, usable_bib_keys())
    prof = work / "corpus.prof"
    cmd = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(prof),
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(config),
        "-d",
        str(config.parent / "site"),
    ]
    subprocess.run(cmd, cwd=config.parent, env=ENV, check=True, capture_output=True)
    import pstats

    buffer = io.StringIO()
    pstats.Stats(str(prof), stream=buffer).sort_stats("cumulative").print_stats(30)
    return buffer.getvalue()


# --------------------------------------------------------------------------- serving and the browser


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


CATEGORIES = ["html", "css", "js", "fonts", "images", "data"]


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
    return {"latency_ms_median": statistics.median(times), "latency_ms": times, "source": "bench.py fallback"}


def search_module():
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "scripts" / "bench_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def search_figures(site_dir: Path, browser, base: str) -> dict:
    index = site_dir / "search" / "search_index.json"
    data = index.read_bytes()
    out: dict = {"index_raw": len(data), "index_gzip": gzip_size(data), "docs": len(json.loads(data)["docs"])}
    module_path = ROOT / "scripts" / "bench_search.py"
    if module_path.exists():
        try:
            out["bench_search"] = search_module().measure(site_dir)
            return out
        except Exception as error:  # a neighbour's script must not abort the whole benchmark
            out["bench_search_error"] = f"{type(error).__name__}: {error}"
    out["fallback"] = search_latency(browser, base)
    return out


# --------------------------------------------------------------------------- Lighthouse


def lighthouse_bin(install: bool) -> Path | None:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists() and install:
        say(f"installing {LIGHTHOUSE_PKG} into {LIGHTHOUSE_DIR} (npm)")
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), LIGHTHOUSE_PKG, "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
        )
    return binary if binary.exists() else None


def lighthouse(binary: Path, url: str, report: Path) -> dict:
    cmd = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS[1:]]),
    ]
    result = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode != 0 or not report.exists():
        raise BenchError(f"lighthouse {url} failed: {result.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in LIGHTHOUSE_CATEGORIES}
    lost = []
    for c in LIGHTHOUSE_CATEGORIES:
        for ref in data["categories"][c]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{c}: {ref['id']}")
    metrics = {k: data["audits"][k].get("numericValue") or 0 for k in LIGHTHOUSE_TIMINGS}
    return {"scores": scores, "lost": lost, "metrics": metrics, "benchmark": data["environment"]["benchmarkIndex"]}


def lighthouse_sites(binary: Path, bases: dict[str, str], runs: int, out_dir: Path) -> dict:
    """Lighthouse on each page of each site, the sites interleaved so that load on the machine hits both alike."""
    reports: dict = {label: {name: [] for name in PAGES} for label in bases}
    for i in range(runs):
        for name, url_path in PAGES.items():
            for label, base in bases.items():
                report = out_dir / f"lighthouse-{label}-{name}-{i + 1}.json"
                reports[label][name].append(lighthouse(binary, base + url_path, report))
                r = reports[label][name][-1]
                say(f"  lighthouse {label} {name} run {i + 1}/{runs}: {r['scores']} (benchmarkIndex {r['benchmark']})")
    results: dict = {}
    for label in bases:
        results[label] = {}
        for name in PAGES:
            runs_ = reports[label][name]
            results[label][name] = {
                "scores": {c: statistics.median(r["scores"][c] for r in runs_) for c in LIGHTHOUSE_CATEGORIES},
                "lost": sorted({item for r in runs_ for item in r["lost"]}),
                "metrics": {k: statistics.median(r["metrics"][k] for r in runs_) for k in runs_[0]["metrics"]},
                "benchmark_index": [r["benchmark"] for r in runs_],
            }
    return results


# --------------------------------------------------------------------------- structural checks


def structural(site_dir: Path) -> dict:
    langs = ["en"]
    with contextlib.suppress(Exception):
        config = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
        langs = config.get("lang", langs)
    spec = importlib.util.spec_from_file_location("prune_assets", ROOT / "hooks" / "prune_assets.py")
    prune = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prune)
    needed = prune.needed_lunr_files(langs)
    files = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    maps = [f for f in files if f.endswith(".map")]
    lunr = [f for f in files if f.startswith(prune.LUNR_DIR) and f not in needed]
    raster = [f for f in files if f.startswith("assets/diagrams/") and Path(f).suffix.lower() in RASTER]
    svg = [f for f in files if f.startswith("assets/diagrams/") and f.endswith(".svg")]
    return {
        "site_bytes": sum((site_dir / f).stat().st_size for f in files),
        "files": len(files),
        "source_maps": maps,
        "unused_lunr": lunr,
        "raster_diagrams": raster,
        "svg_diagrams": len(svg),
    }


# --------------------------------------------------------------------------- report


def kb(n: float) -> str:
    return f"{n / 1024:,.1f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "—"


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    fmt = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([fmt(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(fmt, cells[1:])])


def report(r: dict) -> tuple[str, list[tuple[str, bool | None, str]]]:
    out = [f"# Benchmark {r['when']}", "", f"Machine: {r['machine']}", "", f"At the end: {r['machine_after']}", ""]
    budgets: list[tuple[str, bool | None, str]] = []
    ours, base = r["ours"], r["baseline"]

    rows = [
        [
            "cold build, real site (median)",
            f"{ours['build']['median_s']:.2f} s",
            f"{base['build']['median_s']:.2f} s",
            ratio(ours["build"]["median_s"], base["build"]["median_s"]),
        ],
        [
            "cold build, real site: CPU time (median)",
            f"{ours['build']['cpu_median_s']:.2f} s",
            f"{base['build']['cpu_median_s']:.2f} s",
            ratio(ours["build"]["cpu_median_s"], base["build"]["cpu_median_s"]),
        ],
        [
            "cold build range",
            f"{ours['build']['min_s']:.2f}–{ours['build']['max_s']:.2f} s",
            f"{base['build']['min_s']:.2f}–{base['build']['max_s']:.2f} s",
            "",
        ],
        [
            "site size on disk",
            f"{kb(ours['structure']['site_bytes'])} KiB, {ours['structure']['files']} files",
            f"{kb(base['structure']['site_bytes'])} KiB, {base['structure']['files']} files",
            ratio(ours["structure"]["site_bytes"], base["structure"]["site_bytes"]),
        ],
    ]
    if r.get("serve"):
        s, sb = r["serve"], r["serve_baseline"]
        for key, label in (
            ("reload_log_median_s", "edit → 'Reloading browsers'"),
            ("served_median_s", "edit → new page served"),
        ):
            rows.append(
                [
                    f"`mkdocs serve`: {label} (median of {len(s['served_s'])})",
                    f"{s[key]:.2f} s",
                    f"{sb[key]:.2f} s",
                    ratio(s[key], sb[key]),
                ]
            )
    out += ["## Build", "", table(["figure", "ours", "baseline", "ratio"], rows), ""]
    budgets.append(
        (
            f"full build of the real site < {BUDGET_BUILD_S:.0f} s (median of {len(ours['build']['runs'])})",
            ours["build"]["median_s"] < BUDGET_BUILD_S,
            f"{ours['build']['median_s']:.2f} s (CPU {ours['build']['cpu_median_s']:.2f} s; load {r['machine_load']})",
        )
    )

    if r.get("corpus"):
        c = r["corpus"]
        rows = []

        def cells(t: dict | None, n: int) -> list[str]:
            if not t:
                return ["—", "—", "—"]
            html = f"{t['html_bytes'] / n / 1024:.1f} KiB" if "html_bytes" in t else ""
            per_page = f"{1000 * t['cpu_median_s'] / n:.1f} ms"
            return [f"{t['median_s']:.2f} s (CPU {t['cpu_median_s']:.2f} s)", per_page, html]

        for pages, t in sorted(c["pages"].items()):
            b = c["baseline_pages"].get(pages)
            rows.append(
                [
                    f"{pages} pages × 10 citations",
                    *cells(t, pages),
                    *cells(b, pages),
                    ratio(t["cpu_median_s"], b["cpu_median_s"]) if b else "",
                ]
            )
        for cites, t in sorted(c["citations"].items()):
            if cites != 10:  # 100 pages x 10 citations is already in the rows above
                rows.append([f"100 pages × {cites} citations", *cells(t, 100), "", "", "", ""])
        out += [
            "## Synthetic corpora (parts of 10 sections × 10 pages, plus the full bibliography page)",
            "",
            table(
                [
                    "corpus",
                    "ours: wall (CPU)",
                    "CPU/page",
                    "HTML/page",
                    "baseline: wall (CPU)",
                    "CPU/page",
                    "HTML/page",
                    "ratio (CPU)",
                ],
                rows,
            ),
            "",
        ]
        if c.get("baseline_linearity_pages"):
            bl = c["baseline_linearity_pages"]
            steps = ", ".join(f"{1000 * m:.1f} ms" for m in bl["marginal_s"])
            out.append(
                f"Baseline marginal cost per page between {bl['sizes']}: {steps} (last/first {bl['ratio']:.2f})."
            )
        lin_p, lin_c = c.get("linearity_pages"), c.get("linearity_citations")
        if not lin_p:
            budgets.append(("build time linear in pages", None, "needs three corpus sizes (not with --quick)"))
        if lin_p:
            steps = ", ".join(f"{1000 * m:.1f} ms" for m in lin_p["marginal_s"])
            out.append(f"Marginal cost per page between {lin_p['sizes']}: {steps} (last/first {lin_p['ratio']:.2f}).")
            budgets.append(
                (
                    f"build time linear in pages (marginal cost per page grows ≤ {BUDGET_LINEARITY}×)",
                    lin_p["ratio"] <= BUDGET_LINEARITY,
                    f"×{lin_p['ratio']:.2f} ({steps})",
                )
            )
        if lin_c:
            steps = ", ".join(f"{1000 * m:.2f} ms" for m in lin_c["marginal_s"])
            out.append(
                f"Marginal cost per citation between {lin_c['sizes']} per page: {steps} "
                f"(last/first {lin_c['ratio']:.2f})."
            )
            budgets.append(
                (
                    f"build time linear in citations (marginal cost per citation grows ≤ {BUDGET_LINEARITY}×)",
                    lin_c["ratio"] <= BUDGET_LINEARITY,
                    f"×{lin_c['ratio']:.2f} ({steps})",
                )
            )
        out.append("")
        if c.get("profile"):
            out += ["```", c["profile"].strip(), "```", ""]

    if ours.get("weight"):
        rows = []
        for name in PAGES:
            o, b = ours["weight"][name], base["weight"][name]
            for cat in [*CATEGORIES, "total"]:
                ot, bt = o["totals"][cat], b["totals"][cat]
                if ot["files"] or bt["files"]:
                    rows.append(
                        [
                            name if cat == "html" else "",
                            cat,
                            f"{kb(ot['raw'])} / {kb(ot['gzip'])}",
                            f"{kb(bt['raw'])} / {kb(bt['gzip'])}",
                            ratio(ot["gzip"], bt["gzip"]),
                        ]
                    )
            fonts = [u for u in b["failed"] if "fonts.g" in u]
            budgets.append(
                (
                    f"first-view transfer of {name} ≤ baseline (gzip)",
                    o["totals"]["total"]["gzip"] <= b["totals"]["total"]["gzip"],
                    f"{kb(o['totals']['total']['gzip'])} vs {kb(b['totals']['total']['gzip'])} KiB"
                    + (f" + {len(fonts)} Google Fonts request(s) the baseline makes" if fonts else ""),
                )
            )
        out += [
            "## First-view transfer (KiB raw / gzip -6), as Chromium fetched it",
            "",
            table(["page", "type", "ours", "baseline", "ratio (gzip)"], rows),
            "",
        ]
        ext = sorted({u for n in PAGES for u in base["weight"][n]["external"]})
        if ext:
            out += [
                "Baseline requests to other hosts (they fail offline, so their bytes are not counted; the real "
                "baseline also downloads the Roboto and Roboto Mono WOFF2 files that this CSS lists):",
                "",
            ]
            out += [f"- `{u}`" for u in ext] + [""]
        ours_ext = sorted({u for n in PAGES for u in ours["weight"][n]["external"]})
        out += [f"Our requests to other hosts: {len(ours_ext)}" + (f": {ours_ext}" if ours_ext else "."), ""]

    if ours.get("search"):
        so, sb = ours["search"], base["search"]
        rows = [
            [
                "search index raw",
                f"{kb(so['index_raw'])} KiB",
                f"{kb(sb['index_raw'])} KiB",
                ratio(so["index_raw"], sb["index_raw"]),
            ],
            [
                "search index gzip",
                f"{kb(so['index_gzip'])} KiB",
                f"{kb(sb['index_gzip'])} KiB",
                ratio(so["index_gzip"], sb["index_gzip"]),
            ],
            ["index entries", so["docs"], sb["docs"], ""],
        ]
        duplicates = {"index_raw_bytes", "index_gzip_bytes", "index_entries"}  # already in the rows above
        for key in sorted((set(so.get("bench_search", {})) | set(sb.get("bench_search", {}))) - duplicates):
            vo, vb = so.get("bench_search", {}).get(key), sb.get("bench_search", {}).get(key)
            if isinstance(vo, int | float) or isinstance(vb, int | float):
                rows.append(
                    [key, vo, vb, ratio(vo, vb) if isinstance(vo, int | float) and isinstance(vb, int | float) else ""]
                )
        if "fallback" in so:
            ours_ms, base_ms = so["fallback"]["latency_ms_median"], sb.get("fallback", {}).get("latency_ms_median")
            rows.append(
                [
                    "keystroke → results (median ms)",
                    f"{ours_ms:.0f}",
                    f"{base_ms:.0f}" if base_ms else "—",
                    ratio(ours_ms, base_ms) if base_ms else "",
                ]
            )
        cs = (r.get("corpus") or {}).get("search")
        if cs:  # the same corpus, with our search worker and with Material's alone
            rows.append(
                [
                    f"keystroke → results, {cs['pages']}-page corpus (median ms; baseline: Material's worker)",
                    cs["keystroke_to_results_ms_median"],
                    cs["material_only_ms_median"],
                    ratio(cs["keystroke_to_results_ms_median"], cs["material_only_ms_median"]),
                ]
            )
        out += ["## Search", "", table(["figure", "ours", "baseline", "ratio"], rows), ""]
        ms = so.get("bench_search", {}).get("keystroke_to_results_ms_median")
        fuzzy_ms = so.get("bench_search", {}).get("fuzzy_keystroke_to_results_ms_median")
        budgets.append(
            (
                f"search: keystroke → results ≤ {BUDGET_SEARCH_MS:.0f} ms (median, real site, misspellings included)",
                ms <= BUDGET_SEARCH_MS if ms is not None else None,
                f"{ms} ms (misspelt queries {fuzzy_ms} ms)" if ms is not None else "not measured",
            )
        )
        for label, s in (("ours", so), ("baseline", sb)):
            if s.get("bench_search_error"):
                out.append(f"scripts/bench_search.py failed on {label}: {s['bench_search_error']}")
        out.append("")

    if ours.get("lighthouse"):
        rows = []
        for name in PAGES:
            o, b = ours["lighthouse"][name]["scores"], base["lighthouse"][name]["scores"]
            om, bm = ours["lighthouse"][name]["metrics"], base["lighthouse"][name]["metrics"]
            rows.append(
                [
                    name,
                    *(f"{o[c]:.0f} ({b[c]:.0f})" for c in LIGHTHOUSE_CATEGORIES),
                    *(f"{om[k]:.0f} ({bm[k]:.0f})" for k in LIGHTHOUSE_TIMINGS),
                ]
            )
            low = [c for c in LIGHTHOUSE_CATEGORIES if o[c] < BUDGET_LIGHTHOUSE]
            budgets.append(
                (
                    f"Lighthouse ≥ {BUDGET_LIGHTHOUSE} in every category on {name}",
                    not low,
                    " ".join(f"{c} {o[c]:.0f}" for c in LIGHTHOUSE_CATEGORIES),
                )
            )
        out += [
            f"## Lighthouse (mobile, median of {r['lighthouse_runs']}): ours (baseline)",
            "",
            table(["page", *LIGHTHOUSE_CATEGORIES, "FCP ms", "LCP ms", "TBT ms"], rows),
            "",
            "Lighthouse's benchmarkIndex (host speed; higher is faster, it falls when other jobs load the machine): "
            + "; ".join(
                f"{label} {min(v)}–{max(v)}"
                for label, v in (
                    ("ours", [x for n in PAGES for x in ours["lighthouse"][n]["benchmark_index"]]),
                    ("baseline", [x for n in PAGES for x in base["lighthouse"][n]["benchmark_index"]]),
                )
            )
            + ".",
            "",
        ]
        for name in PAGES:
            lost = ours["lighthouse"][name]["lost"]
            if lost:
                out.append(f"- {name}, weighted audits below 100 % in at least one run: " + "; ".join(lost))
        out.append("")

    st = ours["structure"]
    budgets.append(
        (
            "no source maps shipped",
            not st["source_maps"],
            f"{len(st['source_maps'])} (baseline {len(base['structure']['source_maps'])})",
        )
    )
    budgets.append(
        (
            "no unused Lunr language files shipped",
            not st["unused_lunr"],
            f"{len(st['unused_lunr'])} (baseline {len(base['structure']['unused_lunr'])})",
        )
    )
    budgets.append(
        (
            "diagrams are SVG",
            not st["raster_diagrams"],
            f"{st['svg_diagrams']} SVG, {len(st['raster_diagrams'])} raster",
        )
    )
    if ours.get("no_js"):
        nj = ours["no_js"]
        budgets.append(
            (
                "every page readable with JavaScript off",
                not nj["unreadable"],
                f"{nj['pages'] - len(nj['unreadable'])}/{nj['pages']} pages"
                + (f"; unreadable: {nj['unreadable']}" if nj["unreadable"] else ""),
            )
        )

    out += [
        "## Budgets",
        "",
        table(
            ["budget", "result", "figure"],
            [[b, "PASS" if ok else ("FAIL" if ok is False else "—"), fig] for b, ok, fig in budgets],
        ),
        "",
    ]
    return "\n".join(out), budgets


# --------------------------------------------------------------------------- main


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.node()}, {os.cpu_count()} CPUs, load average {load}, Python {platform.python_version()}, "
        f"Chromium {CHROMIUM}; server: Python http.server with on-the-fly gzip -6 (scripts/bench.py GzipHandler)"
    )


def measure_in_browser(label: str, site_dir: Path, args, browser) -> dict:
    out: dict = {}
    with served(site_dir) as base:
        out["weight"] = {name: first_view(browser, base, site_dir, path) for name, path in PAGES.items()}
        say(f"  {label}: first-view transfer measured")
        out["search"] = search_figures(site_dir, browser, base)
        say(f"  {label}: search measured")
        if not args.skip_no_js:
            out["no_js"] = readable_without_js(browser, base, site_dir)
            say(f"  {label}: {out['no_js']['pages']} pages loaded with JavaScript off")
    return out


def interleaved_builds(configs: dict[str, tuple[Path, Path]], runs: int) -> dict:
    """Cold builds of each configuration in turn (ours, baseline, ours, ...), so that load hits both alike."""
    times: dict = {label: ([], []) for label in configs}
    for i in range(runs):
        for label, (config, site_dir) in configs.items():
            wall, cpu = build(config, site_dir, ROOT)
            times[label][0].append(wall)
            times[label][1].append(cpu)
            say(f"  {label} build: run {i + 1}/{runs} {wall:.2f} s (CPU {cpu:.2f} s)")
    return {
        label: {
            "median_s": statistics.median(wall),
            "min_s": min(wall),
            "max_s": max(wall),
            "cpu_median_s": statistics.median(cpu),
            "runs": wall,
            "cpu_runs": cpu,
        }
        for label, (wall, cpu) in times.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 run each, 100-page corpus only, 1 Lighthouse run")
    parser.add_argument("--runs", type=int, help="cold builds per configuration (default 5; 1 with --quick)")
    parser.add_argument("--corpus-runs", type=int, help="builds per synthetic corpus (default 3; 1 with --quick)")
    parser.add_argument(
        "--corpus-pages", default=None, help="comma-separated sizes (default 100,1000; 100 with --quick)"
    )
    parser.add_argument("--lighthouse-runs", type=int, help="Lighthouse runs per page (default 3; 1 with --quick)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-baseline-corpus", action="store_true", help="synthetic corpora with our config only")
    parser.add_argument(
        "--skip-browser", action="store_true", help="no Chromium: no transfer, search, no-JS, Lighthouse"
    )
    parser.add_argument("--skip-no-js", action="store_true")
    parser.add_argument("--profile", action="store_true", help="cProfile the largest corpus build and print the top")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (built sites, corpora)")
    args = parser.parse_args(argv)
    quick = args.quick
    args.runs = args.runs or (1 if quick else 5)
    args.corpus_runs = args.corpus_runs or (1 if quick else 3)
    args.lighthouse_runs = args.lighthouse_runs or (1 if quick else 3)
    sizes = [int(s) for s in (args.corpus_pages or ("100" if quick else "100,1000")).split(",")]

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    args.out = RESULTS / stamp
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="oxytocin-bench-"))
    results: dict = {
        "when": stamp,
        "machine": machine(),
        "args": {k: str(v) for k, v in vars(args).items()},
        "lighthouse_runs": args.lighthouse_runs,
    }
    args.lighthouse_bin = None
    if not (args.skip_lighthouse or args.skip_browser):
        args.lighthouse_bin = lighthouse_bin(install=True)
    try:
        ours_cfg = ROOT / "mkdocs.yml"
        base_cfg = write_config(
            {
                **baseline_config(absolute_paths(real_config())),
                "docs_dir": str(baseline_docs(ROOT / "docs", work / "docs-baseline")),
            },
            work / "baseline.yml",
        )
        sites = {"ours": (ours_cfg, work / "site-ours"), "baseline": (base_cfg, work / "site-baseline")}
        say("cold builds of the real site, ours and the baseline in turn")
        builds = interleaved_builds(sites, args.runs)
        for label, (_, site_dir) in sites.items():
            results[label] = {"build": builds[label], "structure": structural(site_dir)}
        if not args.skip_browser:
            with chromium() as browser:
                for label, (_, site_dir) in sites.items():
                    results[label].update(measure_in_browser(label, site_dir, args, browser))
        if args.lighthouse_bin:
            say("Lighthouse, ours and the baseline in turn")
            with served(sites["ours"][1]) as ours_url, served(sites["baseline"][1]) as base_url:
                bases = {"ours": ours_url, "baseline": base_url}
                lh = lighthouse_sites(args.lighthouse_bin, bases, args.lighthouse_runs, args.out)
            for label in bases:
                results[label]["lighthouse"] = lh[label]
        if not args.skip_serve:
            say("measuring mkdocs serve rebuilds")
            project = copy_project(work / "serve-project")
            base_docs = baseline_docs(project / "docs", project / "docs-baseline")
            base_serve = write_config(
                {**baseline_config(absolute_paths(real_config())), "docs_dir": str(base_docs)},
                project / "baseline.yml",
            )
            repeats = 1 if quick else 3
            results["serve"] = serve_rebuild(project, project / "mkdocs.yml", project / "docs", repeats)
            results["serve_baseline"] = serve_rebuild(project, base_serve, base_docs, repeats)
        if not args.skip_corpus:
            say("measuring synthetic corpora")
            corpus = corpus_benchmark(
                work, sizes, [10, 20, 40], args.corpus_runs, not args.skip_baseline_corpus, not args.skip_browser
            )
            corpus["linearity_pages"] = linearity(corpus["pages"])
            corpus["baseline_linearity_pages"] = (
                linearity(corpus["baseline_pages"]) if corpus["baseline_pages"] else None
            )
            corpus["linearity_citations"] = linearity(corpus["citations"], unit=100)
            if args.profile:
                corpus["profile"] = profile_corpus(work, max(sizes))
            results["corpus"] = corpus
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["machine_after"] = machine()
    results["machine_load"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    text, budgets = report(results)
    results["budgets"] = [{"budget": b, "pass": ok, "figure": f} for b, ok, f in budgets]
    (args.out / "bench.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    (args.out / "bench.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    say(f"written to {args.out.relative_to(ROOT)}/")
    return 0 if all(ok is not False for _, ok, _ in budgets) else 1


if __name__ == "__main__":
    sys.exit(main())
