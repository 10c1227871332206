"""Cold builds in a fresh process, timed in wall-clock and CPU seconds, and a cProfile of one build."""

from __future__ import annotations

import io
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scripts.bench.common import ENV, ROOT, BenchError, say


def build(config: Path, site_dir: Path, cwd: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """One cold build (fresh process, empty output folder): (wall-clock s, CPU s of the build process)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config), "-d", str(site_dir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd or config.parent, env=env or ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise BenchError(f"build of {config} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(wall: list[float], cpu: list[float]) -> dict:
    return {
        "median_s": statistics.median(wall),
        "min_s": min(wall),
        "max_s": max(wall),
        "cpu_median_s": statistics.median(cpu),
        "runs": wall,
        "cpu_runs": cpu,
    }


def timed_builds(config: Path, site_dir: Path, runs: int, label: str, cwd: Path | None = None) -> dict:
    """Median of `runs` cold builds. CPU time is reported too: wall time swings with other load on the machine."""
    return interleaved_builds({label: (config, site_dir)}, runs, cwd)[label]


def interleaved_builds(
    configs: dict[str, tuple[Path, Path] | tuple[Path, Path, dict]], runs: int, cwd: Path | None = ROOT
) -> dict:
    """Cold builds of each configuration in turn (A, B, A, B …), so that load on the machine hits all alike.

    A configuration is (mkdocs.yml, site folder) or (mkdocs.yml, site folder, environment).
    """
    times: dict = {label: ([], []) for label in configs}
    for i in range(runs):
        for label, (config, site_dir, *env) in configs.items():
            wall, cpu = build(config, site_dir, cwd or config.parent, env[0] if env else None)
            times[label][0].append(wall)
            times[label][1].append(cpu)
            say(f"  {label}: run {i + 1}/{runs} {wall:.2f} s (CPU {cpu:.2f} s)")
    return {label: summary(wall, cpu) for label, (wall, cpu) in times.items()}


def profile_build(config: Path, site_dir: Path, out: Path, env: dict | None = None, top: int = 30) -> str:
    """cProfile one build; the top functions by cumulative time, and the profile kept in `out` (.prof)."""
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "-q"]
    cmd += ["-f", str(config), "-d", str(site_dir)]
    subprocess.run(cmd, cwd=config.parent, env=env or ENV, check=True, capture_output=True)
    buffer = io.StringIO()
    pstats.Stats(str(out), stream=buffer).sort_stats("cumulative").print_stats(top)
    return buffer.getvalue()


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project, so that a benchmark never edits the real docs/ or bib/."""
    skip = {".venv", ".git", "site", "bench-results", "node_modules", ".cache", "tests", "__pycache__"}
    shutil.copytree(ROOT, dest, ignore=lambda d, names: [n for n in names if n in skip])
    return dest
