"""Command line and the run: each measurement in turn, then one report with every budget's pass or fail."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import tempfile
from pathlib import Path

import scripts.bench as package
from scripts.bench.common import RESULTS, ROOT, say, table
from scripts.bench.context import Context
from scripts.bench.measurements import MEASUREMENTS
from scripts.chromium import CHROMIUM

SKIP_FLAGS = {  # the older --skip-* options, each naming one measurement
    "lighthouse": "lighthouse",
    "corpus": "corpus",
    "serve": "serve",
    "no_js": "no-js",
    "preview": "preview",
    "hook_cost": "hook-cost",
    "big_bib": "big-bib",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    names = [m.NAME for m in MEASUREMENTS]
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench",
        description=package.__doc__.split("\n\n")[0],
        epilog="measurements: " + ", ".join(names),
    )
    parser.add_argument("--quick", action="store_true", help="1 run each, 100-page corpus only, 1 Lighthouse run")
    parser.add_argument("--only", help="comma-separated measurements to run (with build when they need the real site)")
    parser.add_argument("--skip", default="", help="comma-separated measurements to leave out")
    parser.add_argument("--runs", type=int, help="cold builds per configuration (default 5; 1 with --quick)")
    parser.add_argument("--corpus-runs", type=int, help="builds per synthetic corpus (default 3; 1 with --quick)")
    parser.add_argument("--corpus-pages", help="comma-separated sizes (default 100,1000; 100 with --quick)")
    parser.add_argument("--hook-cost-pages", type=int, default=1000, help="corpus size for the hooks' per-page cost")
    parser.add_argument("--big-bib-entries", type=int, default=12_000, help="extra entries for the large bibliography")
    parser.add_argument("--big-bib-appended", action="store_true", help="also time them appended to references.bib")
    parser.add_argument("--lighthouse-runs", type=int, help="Lighthouse runs per page (default 3; 1 with --quick)")
    for flag in SKIP_FLAGS:
        parser.add_argument(f"--skip-{flag.replace('_', '-')}", action="store_true")
    parser.add_argument("--skip-baseline-corpus", action="store_true", help="synthetic corpora with our config only")
    parser.add_argument(
        "--skip-browser", action="store_true", help="no Chromium: no transfer, search, no-JS, Lighthouse"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the corpus, hook-cost and big-bib builds")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (built sites, corpora)")
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else 5)
    args.corpus_runs = args.corpus_runs or (1 if args.quick else 3)
    args.lighthouse_runs = args.lighthouse_runs or (1 if args.quick else 3)
    args.sizes = [int(s) for s in (args.corpus_pages or ("100" if args.quick else "100,1000")).split(",")]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    skip |= {name for flag, name in SKIP_FLAGS.items() if getattr(args, f"skip_{flag}")}
    only = {s.strip() for s in args.only.split(",")} if args.only else set(names)
    unknown = (skip | only) - set(names)
    if unknown:
        parser.error(f"unknown measurement(s) {sorted(unknown)}; measurements: {', '.join(names)}")
    if any(getattr(m, "NEEDS_SITES", False) for m in MEASUREMENTS if m.NAME in only - skip):
        only.add("build")
    args.selected = [
        m
        for m in MEASUREMENTS
        if m.NAME in only and m.NAME not in skip and not (args.skip_browser and getattr(m, "BROWSER", False))
    ]
    return args


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.node()}, {os.cpu_count()} CPUs, load average {load}, Python {platform.python_version()}, "
        f"Chromium {CHROMIUM}; server: Python http.server with on-the-fly gzip -6 (scripts/bench/browser.py)"
    )


def report(results: dict, measured: list) -> tuple[str, list]:
    out = [
        f"# Benchmark {results['when']}",
        "",
        f"Machine: {results['machine']}",
        "",
        f"At the end: {results['machine_after']}",
        "",
    ]
    budgets: list = []
    for module in measured:
        try:
            lines, found = module.report(results)
        except KeyError as missing:  # measured only in part (a neighbour's script failed, a skip)
            lines, found = [f"{module.NAME}: not reported, {missing} missing", ""], []
        out += lines
        budgets += found
    rows = [[b, "PASS" if ok else ("FAIL" if ok is False else "—"), fig] for b, ok, fig in budgets]
    out += ["## Budgets", "", table(["budget", "result", "figure"], rows), ""]
    return "\n".join(out), budgets


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    args.out = RESULTS / stamp
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="oxytocin-bench-"))
    results: dict = {"when": stamp, "machine": machine(), "args": {k: str(v) for k, v in vars(args).items()}}
    ctx = Context(args=args, work=work, out=args.out, results=results)
    measured = []
    try:
        with ctx.stack:
            for module in args.selected:
                module.measure(ctx)
                measured.append(module)
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["machine_after"] = machine()
    results["machine_load"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    text, budgets = report(results, measured)
    results["budgets"] = [{"budget": b, "pass": ok, "figure": f} for b, ok, f in budgets]
    (args.out / "bench.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    (args.out / "bench.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    with contextlib.suppress(ValueError):
        say(f"written to {args.out.relative_to(ROOT)}/")
    return 0 if all(ok is not False for _, ok, _ in budgets) else 1
