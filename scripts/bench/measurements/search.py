"""Search on the real site: index size and keystroke-to-results time (scripts/bench_search.py, H4's figures)."""

from __future__ import annotations

import json

from scripts.bench.browser import search_latency, served
from scripts.bench.common import gzip_size, kb, ratio, say, table
from scripts.bench.context import script_module

NAME = "search"
NEEDS_SITES = True  # the real site built by the "build" measurement
BROWSER = True
BUDGET_SEARCH_MS = 50.0  # issue 16: keystroke to results, spelling correction included


def search_figures(site_dir, browser, base: str) -> dict:
    data = (site_dir / "search" / "search_index.json").read_bytes()
    out: dict = {"index_raw": len(data), "index_gzip": gzip_size(data), "docs": len(json.loads(data)["docs"])}
    module = script_module("bench_search")
    if module is not None:
        try:
            out["bench_search"] = module.measure(site_dir)
            return out
        except Exception as error:  # a neighbour's script must not abort the whole benchmark
            out["bench_search_error"] = f"{type(error).__name__}: {error}"
    out["fallback"] = search_latency(browser, base)
    return out


def measure(ctx) -> None:
    for label, (_, site_dir) in ctx.sites.items():
        with served(site_dir) as base:
            ctx.results[label]["search"] = search_figures(site_dir, ctx.browser(), base)
        say(f"  {label}: search measured")


def report(r: dict) -> tuple[list[str], list]:
    so, sb = r["ours"]["search"], r["baseline"]["search"]
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
        numbers = isinstance(vo, int | float) and isinstance(vb, int | float)
        if isinstance(vo, int | float) or isinstance(vb, int | float):
            rows.append([key, vo, vb, ratio(vo, vb) if numbers else ""])
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
    out = ["## Search", "", table(["figure", "ours", "baseline", "ratio"], rows), ""]
    ms = so.get("bench_search", {}).get("keystroke_to_results_ms_median")
    fuzzy_ms = so.get("bench_search", {}).get("fuzzy_keystroke_to_results_ms_median")
    budgets = [
        (
            f"search: keystroke → results ≤ {BUDGET_SEARCH_MS:.0f} ms (median, real site, misspellings included)",
            ms <= BUDGET_SEARCH_MS if ms is not None else None,
            f"{ms} ms (misspelt queries {fuzzy_ms} ms)" if ms is not None else "not measured",
        )
    ]
    for label, s in (("ours", so), ("baseline", sb)):
        if s.get("bench_search_error"):
            out.append(f"scripts/bench_search.py failed on {label}: {s['bench_search_error']}")
    return [*out, ""], budgets
