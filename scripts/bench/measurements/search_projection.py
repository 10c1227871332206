"""Search index size projected to 1,000 pages, ours against default Material's on the same corpus (issue 14).

Points (pages, index size) come from the synthetic corpora, each built with our config and with
the baseline (the corpus measurement records them), or from the real site when no corpus was
built; scripts/bench_weight.py fits a line through each configuration's points and reads it at
1,000 pages. The budget: ours stays under Material's.
"""

from __future__ import annotations

from scripts.bench.common import kb, ratio, table
from scripts.bench.context import script_module

NAME = "search-projection"
NEEDS_SITES = True  # the real site built by the "build" measurement


def index_point(site_dir) -> dict:
    return script_module("bench_weight").search_index_point(site_dir)


def measure(ctx) -> None:
    """The real site's points, for when no corpus was built (the corpus measurement records its own)."""
    ctx.results["search_points_real"] = {label: index_point(site) for label, (_, site) in ctx.sites.items()}


def report(r: dict) -> tuple[list[str], list]:
    weight = script_module("bench_weight")
    points = r.get("search_points") or {}
    source = "synthetic corpora"
    if not (points.get("ours") and points.get("baseline")):
        points = {label: [p] for label, p in r["search_points_real"].items()}
        source = "the real site"
    p = weight.project_search_index(points["ours"], points["baseline"], weight.PROJECTED_PAGES)
    sizes = ", ".join(str(x["pages"]) for x in points["ours"])
    rows = [
        [
            f"measured: pages {sizes}",
            ", ".join(kb(x["gzip"]) for x in points["ours"]),
            ", ".join(kb(x["gzip"]) for x in points["baseline"]),
            "",
        ],
        [
            f"projected to {p['pages']:,} pages, raw",
            kb(p["ours_raw"]),
            kb(p["baseline_raw"]),
            ratio(p["ours_raw"], p["baseline_raw"]),
        ],
        [
            f"projected to {p['pages']:,} pages, gzip",
            kb(p["ours_gzip"]),
            kb(p["baseline_gzip"]),
            ratio(p["ours_gzip"], p["baseline_gzip"]),
        ],
    ]
    budgets = [
        (
            f"search index projected to {p['pages']:,} pages < default Material's (gzip, {source})",
            p["passed"],
            f"{kb(p['ours_gzip'])} vs {kb(p['baseline_gzip'])} KiB",
        )
    ]
    real = r.get("search_points_real")
    if real and source != "the real site":  # the real site's text too: the corpus repeats a few words
        q = weight.project_search_index([real["ours"]], [real["baseline"]], weight.PROJECTED_PAGES)
        rows.append(
            [
                f"real site ({real['ours']['pages']} pages), per page × {q['pages']:,}, gzip",
                kb(q["ours_gzip"]),
                kb(q["baseline_gzip"]),
                ratio(q["ours_gzip"], q["baseline_gzip"]),
            ]
        )
        budgets.append(
            (
                f"search index projected to {q['pages']:,} pages < default Material's (gzip, real site per page)",
                q["passed"],
                f"{kb(q['ours_gzip'])} vs {kb(q['baseline_gzip'])} KiB",
            )
        )
    out = [
        f"## Search index projected to {p['pages']:,} pages (KiB; from {source})",
        "",
        table(["figure", "ours", "default Material", "ratio"], rows),
        "",
    ]
    return out, budgets
