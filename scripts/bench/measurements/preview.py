"""Live preview (issue 14): from a file write to the new page served by scripts/serve.

Measured by scripts/bench_preview.py (`measure_preview`, `measure_corpus_preview`) on the real
site and on the synthetic corpus; budgets: a median of 1 s and 3 s.
"""

from __future__ import annotations

from scripts.bench.common import say, table
from scripts.bench.context import script_module

NAME = "preview"
BUDGET_REAL_S = 1.0
BUDGET_CORPUS_S = 3.0


def measure(ctx) -> None:
    module = script_module("bench_preview")
    out: dict = {}
    if module is None:
        ctx.results["preview"] = {"error": "scripts/bench_preview.py is missing"}
        return
    edits = 3 if ctx.args.quick else 5
    for key, run in (
        ("real", lambda: module.measure_preview(edits=edits)),
        ("corpus", lambda: module.measure_corpus_preview(ctx.args.hook_cost_pages, edits=edits)),
    ):
        say(f"measuring the live preview ({key}; scripts/bench_preview.py)")
        try:
            out[key] = run()
        except Exception as error:  # a neighbour's script must not abort the whole benchmark
            out[key] = {"error": f"{type(error).__name__}: {error}"}
        say(f"  preview {key}: {out[key].get('median_s', out[key].get('error'))}")
    ctx.results["preview"] = out


def report(r: dict) -> tuple[list[str], list]:
    p = r["preview"]
    if "error" in p:
        return [f"Live preview not measured: {p['error']}.", ""], [("live preview", None, p["error"])]
    rows, budgets = [], []
    for key, where, limit in (("real", "real site", BUDGET_REAL_S), ("corpus", "synthetic corpus", BUDGET_CORPUS_S)):
        figures = p.get(key, {})
        median = figures.get("median_s")
        if median is not None:
            rows.append(
                [
                    f"{where}, {figures['pages']} pages",
                    f"{median:.2f} s",
                    f"{figures['min_s']:.2f}–{figures['max_s']:.2f} s",
                    f"{figures['initial_s']:.1f} s",
                ]
            )
        what = f"live preview: edit → page served ≤ {limit:g} s (median, {where})"
        budgets.append(
            (what, median <= limit, f"{median:.2f} s")
            if median is not None
            else (what, None, str(figures.get("error")))
        )
    out = [
        "## Live preview (scripts/serve; scripts/bench_preview.py)",
        "",
        table(["site", "edit → served (median)", "range", "first build"], rows),
        "",
    ]
    return out, budgets
