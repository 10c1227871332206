"""`mkdocs serve`: time from a page edit to the log's "Reloading browsers" and to the new page served.

Runs in a throwaway copy of the project, ours and the baseline. scripts/bench_preview.py (the
preview measurement) times scripts/serve itself; this row stays as the comparison with plain Material.
"""

from __future__ import annotations

import contextlib
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from scripts.bench.builds import copy_project
from scripts.bench.common import ENV, BenchError, ratio, say, table
from scripts.bench.configs import absolute_paths, baseline_config, baseline_docs, real_config, write_config

NAME = "serve"
SERVE_PAGE = ("mechanisms/estradiol.md", "mechanisms/estradiol/")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(project: Path, config: Path, docs: Path, repeats: int) -> dict:
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
        initial = wait_for("Serving on", started, 300) - started
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
            log_times.append(wait_for("Reloading browsers", t0, 30) - t0)
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


def measure(ctx) -> None:
    say("measuring mkdocs serve rebuilds")
    project = copy_project(ctx.work / "serve-project")
    base_docs = baseline_docs(project / "docs", project / "docs-baseline")
    base_serve = write_config(
        {**baseline_config(absolute_paths(real_config()), project), "docs_dir": str(base_docs)},
        project / "baseline.yml",
    )
    repeats = 1 if ctx.args.quick else 3
    ctx.results["serve"] = serve_rebuild(project, project / "mkdocs.yml", project / "docs", repeats)
    ctx.results["serve_baseline"] = serve_rebuild(project, base_serve, base_docs, repeats)


def report(r: dict) -> tuple[list[str], list]:
    s, sb = r["serve"], r["serve_baseline"]
    rows = [
        [
            f"edit → {label} (median of {len(s['served_s'])})",
            f"{s[key]:.2f} s",
            f"{sb[key]:.2f} s",
            ratio(s[key], sb[key]),
        ]
        for key, label in (("reload_log_median_s", "'Reloading browsers'"), ("served_median_s", "new page served"))
    ]
    return ["## `mkdocs serve` rebuild", "", table(["figure", "ours", "baseline", "ratio"], rows), ""], []
