"""Every page of the real site readable with JavaScript off."""

from __future__ import annotations

from scripts.bench.browser import readable_without_js, served
from scripts.bench.common import say

NAME = "no-js"
NEEDS_SITES = True  # the real site built by the "build" measurement
BROWSER = True


def measure(ctx) -> None:
    _, site_dir = ctx.sites["ours"]
    with served(site_dir) as base:
        nj = ctx.results["ours"]["no_js"] = readable_without_js(ctx.browser(), base, site_dir)
    say(f"  {nj['pages']} pages loaded with JavaScript off")


def report(r: dict) -> tuple[list[str], list]:
    nj = r["ours"]["no_js"]
    figure = f"{nj['pages'] - len(nj['unreadable'])}/{nj['pages']} pages"
    if nj["unreadable"]:
        figure += f"; unreadable: {nj['unreadable']}"
    return [], [("every page readable with JavaScript off", not nj["unreadable"], figure)]
