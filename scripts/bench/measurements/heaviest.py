"""The heaviest first view of any page of the real site, search files aside (scripts/bench_weight.py, issue 14)."""

from __future__ import annotations

import concurrent.futures

from scripts.bench.common import kb, say
from scripts.bench.context import script_module

NAME = "heaviest"
NEEDS_SITES = True  # the real site built by the "build" measurement
BROWSER = True


def measure(ctx) -> None:
    module = script_module("bench_weight")
    if module is None:
        ctx.results["heaviest"] = {"error": "scripts/bench_weight.py is missing"}
        return
    # Its own Playwright: on a thread of its own, beside the one this run has open.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        try:
            views = pool.submit(module.first_views, ctx.sites["ours"][1]).result()
        except Exception as error:  # a neighbour's script must not abort the whole benchmark
            ctx.results["heaviest"] = {"error": f"{type(error).__name__}: {error}"}
            return
    ctx.results["heaviest"] = views
    ctx.results["heaviest_summary"] = module.summary(views)
    say(f"  heaviest first view: {views['heaviest']} {kb(views['heaviest_gzip'])} KiB")


def report(r: dict) -> tuple[list[str], list]:
    h = r["heaviest"]
    if "error" in h:
        return [f"Heaviest first view not measured: {h['error']}", ""], [("heaviest first view", None, h["error"])]
    budget = (
        f"heaviest first view ≤ {kb(h['budget_gzip'])} KiB gzip, search files aside",
        h["passed"],
        f"{h['heaviest']}: {kb(h['heaviest_gzip'])} KiB",
    )
    return ["## First view of every page (KiB gzip, search files apart)", "", r["heaviest_summary"], ""], [budget]
