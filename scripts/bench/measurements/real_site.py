"""Cold builds of the real site, ours and the baseline in turn, and what each ships (structural budgets)."""

from __future__ import annotations

import contextlib
import importlib.util
import json
from pathlib import Path

from scripts.bench.browser import RASTER
from scripts.bench.builds import interleaved_builds
from scripts.bench.common import ROOT, kb, ratio, say, table
from scripts.bench.configs import absolute_paths, baseline_config, baseline_docs, real_config, write_config

NAME = "build"
BUDGET_BUILD_S = 10.0


def structural(site_dir: Path) -> dict:
    langs = ["en"]
    with contextlib.suppress(Exception):
        config = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
        langs = config.get("lang", langs)
    spec = importlib.util.spec_from_file_location("prune_assets", ROOT / "hooks" / "prune_assets.py")
    prune = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prune)
    needed = prune.needed_lunr_files(langs)
    files = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    return {
        "site_bytes": sum((site_dir / f).stat().st_size for f in files),
        "files": len(files),
        "source_maps": [f for f in files if f.endswith(".map")],
        "unused_lunr": [f for f in files if f.startswith(prune.LUNR_DIR) and f not in needed],
        "raster_diagrams": [f for f in files if f.startswith("assets/diagrams/") and Path(f).suffix.lower() in RASTER],
        "svg_diagrams": len([f for f in files if f.startswith("assets/diagrams/") and f.endswith(".svg")]),
    }


def measure(ctx) -> None:
    base_cfg = write_config(
        {
            **baseline_config(absolute_paths(real_config()), ctx.work),
            "docs_dir": str(baseline_docs(ROOT / "docs", ctx.work / "docs-baseline")),
        },
        ctx.work / "baseline.yml",
    )
    ctx.sites.update(
        {"ours": (ROOT / "mkdocs.yml", ctx.work / "site-ours"), "baseline": (base_cfg, ctx.work / "site-baseline")}
    )
    say("cold builds of the real site, ours and the baseline in turn")
    builds = interleaved_builds(ctx.sites, ctx.args.runs)
    for label, (_, site_dir) in ctx.sites.items():
        ctx.results.setdefault(label, {}).update({"build": builds[label], "structure": structural(site_dir)})


def report(r: dict) -> tuple[list[str], list]:
    ours, base = r["ours"], r["baseline"]
    ob, bb, os_, bs = ours["build"], base["build"], ours["structure"], base["structure"]
    rows = [
        [
            "cold build, real site (median)",
            f"{ob['median_s']:.2f} s",
            f"{bb['median_s']:.2f} s",
            ratio(ob["median_s"], bb["median_s"]),
        ],
        [
            "cold build, real site: CPU time (median)",
            f"{ob['cpu_median_s']:.2f} s",
            f"{bb['cpu_median_s']:.2f} s",
            ratio(ob["cpu_median_s"], bb["cpu_median_s"]),
        ],
        ["cold build range", f"{ob['min_s']:.2f}–{ob['max_s']:.2f} s", f"{bb['min_s']:.2f}–{bb['max_s']:.2f} s", ""],
        [
            "site size on disk",
            f"{kb(os_['site_bytes'])} KiB, {os_['files']} files",
            f"{kb(bs['site_bytes'])} KiB, {bs['files']} files",
            ratio(os_["site_bytes"], bs["site_bytes"]),
        ],
    ]
    budgets = [
        (
            # CPU seconds of the build process: wall time swings with other load on a shared machine.
            f"full build of the real site < {BUDGET_BUILD_S:.0f} s (CPU, median of {len(ob['runs'])})",
            ob["cpu_median_s"] < BUDGET_BUILD_S,
            f"CPU {ob['cpu_median_s']:.2f} s (wall {ob['median_s']:.2f} s; load {r['machine_load']})",
        ),
        (
            "no source maps shipped",
            not os_["source_maps"],
            f"{len(os_['source_maps'])} (baseline {len(bs['source_maps'])})",
        ),
        (
            "no unused Lunr language files shipped",
            not os_["unused_lunr"],
            f"{len(os_['unused_lunr'])} (baseline {len(bs['unused_lunr'])})",
        ),
        (
            "diagrams are SVG",
            not os_["raster_diagrams"],
            f"{os_['svg_diagrams']} SVG, {len(os_['raster_diagrams'])} raster",
        ),
    ]
    return ["## Build", "", table(["figure", "ours", "baseline", "ratio"], rows), ""], budgets
