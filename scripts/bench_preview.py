#!/usr/bin/env python3
"""Time the live preview: from saving a page to `./scripts/serve` serving the new page (issue 14, budget 2).

`measure_preview(project_dir)` copies a project (the real site, or any folder with a mkdocs.yml,
docs/ and scripts/serve) to a temporary folder, starts its `scripts/serve` on a free port, edits
one page `edits` times and polls the page over HTTP until each edit shows; it returns the median,
minimum and maximum seconds. `measure_corpus_preview(1000)` does the same on the synthetic corpus
of the benchmark. The benchmark package calls both; alone:

    .venv/bin/python scripts/bench_preview.py                  # the real site, 5 edits
    .venv/bin/python scripts/bench_preview.py --corpus 1000    # and the 1,000-page corpus
    .venv/bin/python scripts/bench_preview.py --serve-args=""  # plain `mkdocs serve` (full rebuilds)

A measuring tool, not a test: timings stay out of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "mechanisms/estradiol.md"  # a content page with citations, a claims ledger and a status
CORPUS_PAGE = "part-01/section-05/page-0045.md"
SKIP = {".venv", ".git", "site", "bench-results", "node_modules", ".cache", "tests", "__pycache__", ".pytest_cache"}
STARTUP_S = 900.0  # the first build of a 1,000-page corpus on a busy machine
EDIT_TIMEOUT_S = 180.0
SETTLE_S = 1.0  # pause between edits, as an editor types and saves


class PreviewError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_project(src: Path, dest: Path) -> Path:
    """A throwaway copy that runs its own scripts/serve with the project's environment (.venv linked)."""
    shutil.copytree(src, dest, ignore=lambda _dir, names: [n for n in names if n in SKIP], symlinks=True)
    venv = src / ".venv" if (src / ".venv").exists() else ROOT / ".venv"
    (dest / ".venv").symlink_to(venv)
    return dest


def url_path(src_uri: str) -> str:
    """docs path -> served path with directory URLs (mechanisms/estradiol.md -> mechanisms/estradiol/)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT_S) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Serve:
    """`scripts/serve` running in the background, its output kept for error messages."""

    def __init__(self, serve: Path, cwd: Path, args: list[str], full_rebuild: bool = False):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORT": str(self.port)}
        env["FULL_REBUILD"] = "1" if full_rebuild else "0"
        self.process = subprocess.Popen(
            [str(serve), *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
            start_new_session=True,  # stop serve and its children together, by this process group only
        )
        self.lines: list[str] = []
        threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True).start()

    def tail(self, n: int = 30) -> str:
        return "".join(self.lines[-n:])

    def wait_for(self, path: str, marker: str, since: float, timeout: float) -> float:
        """Seconds from `since` until the page at `path` contains `marker`."""
        while time.perf_counter() - since < timeout:
            body = fetch(self.url + path)
            if body is not None and marker in body:
                return time.perf_counter() - since
            if self.process.poll() is not None:
                raise PreviewError(f"serve exited:\n{self.tail()}")
            time.sleep(0.02)
        raise PreviewError(f"{self.url}{path} did not show {marker!r} within {timeout} s:\n{self.tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # serve's own shutdown removes its temporary site
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def measure_served(
    serve: Path, cwd: Path, docs: Path, page: str, edits: int, args: list[str], full_rebuild: bool = False
) -> dict:
    source = docs / page
    if not source.is_file():
        raise PreviewError(f"no page {source}")
    path = url_path(page)
    server = Serve(serve, cwd, args, full_rebuild)
    try:
        started = time.perf_counter()
        title_marker = "</html>"
        initial = server.wait_for(path, title_marker, started, STARTUP_S)
        if "Build failed" in server.tail(200) or "serve-error" in (fetch(server.url + path) or ""):
            raise PreviewError(f"the site does not build:\n{server.tail()}")
        times, plans = [], []
        for number in range(edits):
            time.sleep(SETTLE_S)
            marker = f"preview-edit-{number}-{time.time_ns()}"
            text = source.read_text(encoding="utf-8")
            seen = len(server.lines)
            saved = time.perf_counter()
            source.write_text(f"{text.rstrip()}\n\n<!-- {marker} -->\n", encoding="utf-8")
            times.append(server.wait_for(path, marker, saved, EDIT_TIMEOUT_S))
            # What hooks/preview.py built for this edit, and why (a full build has a reason).
            plans.append(
                " | ".join(ln.split("Preview: ", 1)[1].strip() for ln in server.lines[seen:] if "Preview: " in ln)
            )
    finally:
        server.stop()
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "times_s": times,
        "plans": plans,
        "initial_s": initial,
        "pages": sum(1 for _ in docs.rglob("*.md")),
        "page": page,
        "serve_args": args,
        "full_rebuild": full_rebuild,
    }


def measure_preview(
    project_dir: Path | str = ROOT,
    edits: int = 5,
    page: str = PAGE,
    serve_args: list[str] | None = None,
    full_rebuild: bool = False,
) -> dict:
    """Edit `page` of a copy of `project_dir` `edits` times under its scripts/serve; seconds to each served edit.

    `full_rebuild=True` measures serve rebuilding every page on each edit (FULL_REBUILD=1), the reference."""
    project_dir = Path(project_dir)
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as work:
        copy = copy_project(project_dir, Path(work) / "project")
        serve = copy / "scripts" / "serve"
        return measure_served(serve, copy, copy / "docs", page, edits, serve_args or [], full_rebuild)


def corpus_module():
    """The benchmark's corpus generator: scripts/bench/ as a package, or the older scripts/bench.py."""
    sys.path.insert(0, str(ROOT))
    try:
        from scripts.bench import corpus  # noqa: PLC0415

        return corpus
    except ImportError:
        import importlib.util  # noqa: PLC0415

        spec = importlib.util.spec_from_file_location("bench_script", ROOT / "scripts" / "bench.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


def measure_corpus_preview(
    pages: int = 1000, edits: int = 5, serve_args: list[str] | None = None, full_rebuild: bool = False
) -> dict:
    """The same on the benchmark's synthetic corpus (our mkdocs.yml and hooks), served by our scripts/serve."""
    corpus = corpus_module()
    with tempfile.TemporaryDirectory(prefix="bench-preview-corpus-") as work:
        config = corpus.make_corpus(Path(work), pages, 10, corpus.usable_bib_keys())
        # The corpus config names this project's hooks, bib/ and data/: point it at a copy, so that
        # others editing the project while this runs do not turn an edit into a full build.
        project = copy_project(ROOT, Path(work) / "project")
        config.write_text(config.read_text(encoding="utf-8").replace(str(ROOT), str(project)), encoding="utf-8")
        page = CORPUS_PAGE if (config.parent / "docs" / CORPUS_PAGE).is_file() else "index.md"
        args = ["-f", str(config), *(serve_args or [])]
        docs = config.parent / "docs"
        return measure_served(project / "scripts" / "serve", project, docs, page, edits, args, full_rebuild)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--corpus", type=int, default=0, help="also measure a synthetic corpus of this many pages")
    parser.add_argument("--skip-site", action="store_true", help="only the corpus")
    parser.add_argument("--serve-args", default="", help="extra arguments for scripts/serve, e.g. '--no-livereload'")
    parser.add_argument("--full-rebuild", action="store_true", help="also measure serve rebuilding every page")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    extra = shlex.split(args.serve_args)
    results = {}
    for full in [False, True] if args.full_rebuild else [False]:
        suffix = " (full rebuild)" if full else ""
        if not args.skip_site:
            results["site" + suffix] = measure_preview(ROOT, args.edits, serve_args=extra, full_rebuild=full)
        if args.corpus:
            results["corpus" + suffix] = measure_corpus_preview(args.corpus, args.edits, extra, full)
    for name, r in results.items():
        times = ", ".join(f"{t:.2f}" for t in r["times_s"])
        print(  # noqa: T201
            f"{name} ({r['pages']} pages): edit -> served median {r['median_s']:.2f} s"
            f" (min {r['min_s']:.2f}, max {r['max_s']:.2f}; {times}); first build {r['initial_s']:.1f} s"
        )
        for number, plan in enumerate(r["plans"], 1):
            print(f"  edit {number}: {plan or '(no plan logged: full rebuilds)'}")  # noqa: T201
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
