"""First-view transfer of three page types as Chromium fetches them, raw and gzip, ours against the baseline."""

from __future__ import annotations

from scripts.bench.browser import CATEGORIES, first_view, served
from scripts.bench.common import kb, ratio, say, table

NAME = "weight"
NEEDS_SITES = True  # the real site built by the "build" measurement
BROWSER = True
PAGES = {"home": "", "mechanism": "mechanisms/estradiol/", "bibliography": "references/bibliography/"}


def measure(ctx) -> None:
    for label, (_, site_dir) in ctx.sites.items():
        with served(site_dir) as base:
            ctx.results[label]["weight"] = {n: first_view(ctx.browser(), base, site_dir, p) for n, p in PAGES.items()}
        say(f"  {label}: first-view transfer measured")


def report(r: dict) -> tuple[list[str], list]:
    ours, base = r["ours"], r["baseline"]
    rows, budgets = [], []
    for name in PAGES:
        o, b = ours["weight"][name], base["weight"][name]
        for cat in [*CATEGORIES, "total"]:
            ot, bt = o["totals"][cat], b["totals"][cat]
            if ot["files"] or bt["files"]:
                rows.append(
                    [
                        name if cat == "html" else "",
                        cat,
                        f"{kb(ot['raw'])} / {kb(ot['gzip'])}",
                        f"{kb(bt['raw'])} / {kb(bt['gzip'])}",
                        ratio(ot["gzip"], bt["gzip"]),
                    ]
                )
        fonts = [u for u in b["failed"] if "fonts.g" in u]
        budgets.append(
            (
                f"first-view transfer of {name} ≤ baseline (gzip)",
                o["totals"]["total"]["gzip"] <= b["totals"]["total"]["gzip"],
                f"{kb(o['totals']['total']['gzip'])} vs {kb(b['totals']['total']['gzip'])} KiB"
                + (f" + {len(fonts)} Google Fonts request(s) the baseline makes" if fonts else ""),
            )
        )
    out = [
        "## First-view transfer (KiB raw / gzip -6), as Chromium fetched it",
        "",
        table(["page", "type", "ours", "baseline", "ratio (gzip)"], rows),
        "",
    ]
    ext = sorted({u for n in PAGES for u in base["weight"][n]["external"]})
    if ext:
        out += [
            "Baseline requests to other hosts (they fail offline, so their bytes are not counted; the real "
            "baseline also downloads the Roboto and Roboto Mono WOFF2 files that this CSS lists):",
            "",
        ]
        out += [f"- `{u}`" for u in ext] + [""]
    ours_ext = sorted({u for n in PAGES for u in ours["weight"][n]["external"]})
    out += [f"Our requests to other hosts: {len(ours_ext)}" + (f": {ours_ext}" if ours_ext else "."), ""]
    return out, budgets
