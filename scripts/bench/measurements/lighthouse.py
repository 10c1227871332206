"""Lighthouse 13 (mobile) on three page types, ours and the baseline interleaved.

Installed with npm into ~/.cache/oxytocin-bench on first use (BENCH_NPM_PREFIX overrides the folder).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path

from scripts.bench.browser import served
from scripts.bench.common import BenchError, say, table
from scripts.bench.measurements.weight import PAGES
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS

NAME = "lighthouse"
NEEDS_SITES = True  # the real site built by the "build" measurement
BROWSER = True
LIGHTHOUSE_DIR = Path(os.environ.get("BENCH_NPM_PREFIX", Path.home() / ".cache" / "oxytocin-bench"))
LIGHTHOUSE_PKG = "lighthouse@13"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TIMINGS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
BUDGET_LIGHTHOUSE = 95


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


def lighthouse(binary: Path, url: str, report_path: Path) -> dict:
    cmd = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS[1:]]),
    ]
    result = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode != 0 or not report_path.exists():
        raise BenchError(f"lighthouse {url} failed: {result.stderr[-2000:]}")
    data = json.loads(report_path.read_text(encoding="utf-8"))
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    lost = []
    for c in CATEGORIES:
        for ref in data["categories"][c]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{c}: {ref['id']}")
    metrics = {k: data["audits"][k].get("numericValue") or 0 for k in TIMINGS}
    return {"scores": scores, "lost": lost, "metrics": metrics, "benchmark": data["environment"]["benchmarkIndex"]}


def lighthouse_sites(binary: Path, bases: dict[str, str], runs: int, out_dir: Path) -> dict:
    """Lighthouse on each page of each site, the sites interleaved so that load on the machine hits both alike."""
    reports: dict = {label: {name: [] for name in PAGES} for label in bases}
    for i in range(runs):
        for name, url_path in PAGES.items():
            for label, base in bases.items():
                path = out_dir / f"lighthouse-{label}-{name}-{i + 1}.json"
                reports[label][name].append(lighthouse(binary, base + url_path, path))
                r = reports[label][name][-1]
                say(f"  lighthouse {label} {name} run {i + 1}/{runs}: {r['scores']} (benchmarkIndex {r['benchmark']})")
    results: dict = {}
    for label in bases:
        results[label] = {}
        for name in PAGES:
            runs_ = reports[label][name]
            results[label][name] = {
                "scores": {c: statistics.median(r["scores"][c] for r in runs_) for c in CATEGORIES},
                "lost": sorted({item for r in runs_ for item in r["lost"]}),
                "metrics": {k: statistics.median(r["metrics"][k] for r in runs_) for k in runs_[0]["metrics"]},
                "benchmark_index": [r["benchmark"] for r in runs_],
            }
    return results


def measure(ctx) -> None:
    binary = lighthouse_bin(install=True)
    if binary is None:
        say("  Lighthouse not installed: skipped")
        return
    say("Lighthouse, ours and the baseline in turn")
    ctx.results["lighthouse_runs"] = ctx.args.lighthouse_runs
    with served(ctx.sites["ours"][1]) as ours_url, served(ctx.sites["baseline"][1]) as base_url:
        bases = {"ours": ours_url, "baseline": base_url}
        lh = lighthouse_sites(binary, bases, ctx.args.lighthouse_runs, ctx.out)
    for label in bases:
        ctx.results[label]["lighthouse"] = lh[label]


def report(r: dict) -> tuple[list[str], list]:
    ours, base = r["ours"]["lighthouse"], r["baseline"]["lighthouse"]
    rows, budgets = [], []
    for name in PAGES:
        o, b = ours[name]["scores"], base[name]["scores"]
        om, bm = ours[name]["metrics"], base[name]["metrics"]
        rows.append(
            [
                name,
                *(f"{o[c]:.0f} ({b[c]:.0f})" for c in CATEGORIES),
                *(f"{om[k]:.0f} ({bm[k]:.0f})" for k in TIMINGS),
            ]
        )
        low = [c for c in CATEGORIES if o[c] < BUDGET_LIGHTHOUSE]
        budgets.append(
            (
                f"Lighthouse ≥ {BUDGET_LIGHTHOUSE} in every category on {name}",
                not low,
                " ".join(f"{c} {o[c]:.0f}" for c in CATEGORIES),
            )
        )
    index = "; ".join(
        f"{label} {min(v)}–{max(v)}"
        for label, v in (
            ("ours", [x for n in PAGES for x in ours[n]["benchmark_index"]]),
            ("baseline", [x for n in PAGES for x in base[n]["benchmark_index"]]),
        )
    )
    out = [
        f"## Lighthouse (mobile, median of {r['lighthouse_runs']}): ours (baseline)",
        "",
        table(["page", *CATEGORIES, "FCP ms", "LCP ms", "TBT ms"], rows),
        "",
        "Lighthouse's benchmarkIndex (host speed; higher is faster, it falls when other jobs load the machine): "
        + index
        + ".",
        "",
    ]
    for name in PAGES:
        if ours[name]["lost"]:
            out.append(f"- {name}, weighted audits below 100 % in at least one run: " + "; ".join(ours[name]["lost"]))
    return [*out, ""], budgets
