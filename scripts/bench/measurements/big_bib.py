"""Large bibliography (issue 14): the real site with 12,000 extra uncited entries, against the real site.

The entries are a synthetic Better BibTeX export (scripts/bench/library.py) given as the site's
reference library (BIB_LIBRARY, hooks/bib_library.py): the policy for a large library. Both
builds run in one throwaway copy of the project, in turn. Budget: within 3x the real site.
With --big-bib-appended the same entries are also appended to bib/references.bib (shown, not budgeted:
bib/references.bib must be fully cited).
"""

from __future__ import annotations

from scripts.bench.builds import copy_project, interleaved_builds, profile_build
from scripts.bench.common import ENV, kb, ratio, say, table
from scripts.bench.library import library

NAME = "big-bib"
BUDGET_RATIO = 3.0


def measure(ctx) -> None:
    count = ctx.args.big_bib_entries
    say(f"large bibliography: the real site with {count:,} extra uncited entries")
    project = copy_project(ctx.work / "big-bib")
    text = library(count)
    lib = ctx.work / "library.bib"
    lib.write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    site = ctx.work / "big-bib-site"
    configs = {
        "real site": (config, site),
        f"+ {count:,} in the library": (config, site, {**ENV, "BIB_LIBRARY": str(lib)}),
    }
    if ctx.args.big_bib_appended:
        appended = project / "mkdocs-appended.yml"
        bib = project / "bib" / "references-appended.bib"
        bib.write_text((project / "bib" / "references.bib").read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
        appended.write_text(
            config.read_text(encoding="utf-8").replace(
                "bib_file: bib/references.bib", f"bib_file: {bib.relative_to(project)}"
            ),
            encoding="utf-8",
        )
        configs[f"+ {count:,} appended to references.bib"] = (appended, site)
    builds = interleaved_builds(configs, ctx.args.runs, project)
    out = {"entries": count, "bytes": len(text.encode("utf-8")), "builds": builds}
    if ctx.args.profile:
        env = {**ENV, "BIB_LIBRARY": str(lib)}
        out["profile"] = profile_build(config, site, ctx.out / "big-bib.prof", env)
    ctx.results["big_bib"] = out


def report(r: dict) -> tuple[list[str], list]:
    b = r["big_bib"]
    builds = b["builds"]
    real = builds["real site"]
    rows = [
        [label, f"{t['median_s']:.2f} s", f"{t['cpu_median_s']:.2f} s", ratio(t["cpu_median_s"], real["cpu_median_s"])]
        for label, t in builds.items()
    ]
    out = [
        f"## Large bibliography ({b['entries']:,} synthetic Better BibTeX entries, {kb(b['bytes'])} KiB)",
        "",
        table(["build", "wall (median)", "CPU (median)", "ratio to the real site (CPU)"], rows),
        "",
    ]
    if b.get("profile"):
        out += ["```", b["profile"].strip(), "```", ""]
    library_build = next(t for label, t in builds.items() if "library" in label)
    # CPU time of the build process: on a shared machine wall time swings with other load.
    cpu = library_build["cpu_median_s"] / real["cpu_median_s"]
    budget = (
        f"large bibliography: real site + {b['entries']:,} uncited library entries"
        f" ≤ {BUDGET_RATIO:g}× the real site (CPU)",
        cpu <= BUDGET_RATIO,
        f"×{cpu:.2f} (wall ×{library_build['median_s'] / real['median_s']:.2f})",
    )
    return out, [budget]
