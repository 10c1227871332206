"""Synthetic corpora: build time against pages and against citations per page, ours and the baseline (issue 8)."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.bench.builds import profile_build, timed_builds
from scripts.bench.common import ratio, say, table
from scripts.bench.context import script_module
from scripts.bench.corpus import make_corpus, usable_bib_keys
from scripts.bench.measurements.search_projection import index_point

NAME = "corpus"
BUDGET_LINEARITY = 1.25  # marginal cost per page (or citation) may grow at most 25 % from the small to the large step
CITE_COUNTS = [10, 20, 40]


def linearity(times: dict[int, dict], unit: int = 1) -> dict | None:
    """Marginal CPU cost per unit between consecutive sizes; ratio of the last step to the first.

    CPU time of the build process, not wall time: on a shared 2-core machine wall time
    swings with whatever else runs, and a 10-page build is short enough to be swamped.
    """
    sizes = sorted(times)
    if len(sizes) < 3:
        return None
    steps = [
        (times[b]["cpu_median_s"] - times[a]["cpu_median_s"]) / ((b - a) * unit)
        for a, b in zip(sizes, sizes[1:], strict=False)
    ]
    return {"sizes": sizes, "marginal_s": steps, "ratio": steps[-1] / steps[0] if steps[0] > 0 else float("inf")}


def html_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*.html"))


def measure(ctx) -> None:
    args, work = ctx.args, ctx.work
    say("measuring synthetic corpora")
    keys = usable_bib_keys()
    out: dict = {"pages": {}, "baseline_pages": {}, "citations": {}, "bib_keys": len(keys)}
    for pages in sorted({10, *args.sizes}):
        config = make_corpus(work, pages, 10, keys)
        site = config.parent / "site"
        out["pages"][pages] = timed_builds(config, site, args.corpus_runs, f"corpus {pages} pages x 10 citations")
        out["pages"][pages]["html_bytes"] = html_bytes(site)
        points = ctx.results.setdefault("search_points", {"ours": [], "baseline": []})
        points["ours"].append(index_point(site))
        if pages == max(args.sizes) and not args.skip_browser:
            module = script_module("bench_search")
            try:
                out["search"] = {"pages": pages, **module.corpus_latency(site)}
                say(f"  corpus {pages} pages: search measured")
            except Exception as error:  # a search figure must not abort the whole benchmark
                say(f"  corpus {pages} pages: search not measured: {type(error).__name__}: {error}")
        if not args.skip_baseline_corpus:
            base = config.parent / "baseline.yml"
            out["baseline_pages"][pages] = timed_builds(base, site, args.corpus_runs, f"baseline corpus {pages} pages")
            out["baseline_pages"][pages]["html_bytes"] = html_bytes(site)
            points["baseline"].append(index_point(site))
        shutil.rmtree(config.parent, ignore_errors=True)
    for cites in CITE_COUNTS:
        if cites == 10 and 100 in out["pages"]:
            out["citations"][cites] = out["pages"][100]
            continue
        config = make_corpus(work, 100, cites, keys)
        label = f"corpus 100 pages x {cites} citations"
        out["citations"][cites] = timed_builds(config, config.parent / "site", args.corpus_runs, label)
        shutil.rmtree(config.parent, ignore_errors=True)
    out["linearity_pages"] = linearity(out["pages"])
    out["baseline_linearity_pages"] = linearity(out["baseline_pages"]) if out["baseline_pages"] else None
    out["linearity_citations"] = linearity(out["citations"], unit=100)
    if args.profile:
        config = make_corpus(work, max(args.sizes), 10, keys)
        out["profile"] = profile_build(config, config.parent / "site", ctx.out / "corpus.prof")
    ctx.results["corpus"] = out


def cells(t: dict | None, n: int) -> list[str]:
    if not t:
        return ["—", "—", "—"]
    html = f"{t['html_bytes'] / n / 1024:.1f} KiB" if "html_bytes" in t else ""
    return [f"{t['median_s']:.2f} s (CPU {t['cpu_median_s']:.2f} s)", f"{1000 * t['cpu_median_s'] / n:.1f} ms", html]


def report(r: dict) -> tuple[list[str], list]:
    c = r["corpus"]
    rows, budgets = [], []
    for pages, t in sorted(c["pages"].items(), key=lambda kv: int(kv[0])):
        b = c["baseline_pages"].get(pages)
        ratio_cpu = ratio(t["cpu_median_s"], b["cpu_median_s"]) if b else ""
        rows.append([f"{pages} pages × 10 citations", *cells(t, int(pages)), *cells(b, int(pages)), ratio_cpu])
    for cites, t in sorted(c["citations"].items(), key=lambda kv: int(kv[0])):
        if int(cites) != 10:  # 100 pages x 10 citations is already in the rows above
            rows.append([f"100 pages × {cites} citations", *cells(t, 100), "", "", "", ""])
    headers = ["corpus", "ours: wall (CPU)", "CPU/page", "HTML/page", "baseline: wall (CPU)", "CPU/page", "HTML/page"]
    out = [
        "## Synthetic corpora (parts of 10 sections × 10 pages, plus the full bibliography page)",
        "",
        table([*headers, "ratio (CPU)"], rows),
        "",
    ]
    if c.get("baseline_linearity_pages"):
        bl = c["baseline_linearity_pages"]
        steps = ", ".join(f"{1000 * m:.1f} ms" for m in bl["marginal_s"])
        out.append(f"Baseline marginal cost per page between {bl['sizes']}: {steps} (last/first {bl['ratio']:.2f}).")
    lin_p, lin_c = c.get("linearity_pages"), c.get("linearity_citations")
    if not lin_p:
        budgets.append(("build time linear in pages", None, "needs three corpus sizes (not with --quick)"))
    else:
        steps = ", ".join(f"{1000 * m:.1f} ms" for m in lin_p["marginal_s"])
        out.append(f"Marginal cost per page between {lin_p['sizes']}: {steps} (last/first {lin_p['ratio']:.2f}).")
        budgets.append(
            (
                f"build time linear in pages (marginal cost per page grows ≤ {BUDGET_LINEARITY}×)",
                lin_p["ratio"] <= BUDGET_LINEARITY,
                f"×{lin_p['ratio']:.2f} ({steps})",
            )
        )
    if lin_c:
        steps = ", ".join(f"{1000 * m:.2f} ms" for m in lin_c["marginal_s"])
        out.append(
            f"Marginal cost per citation between {lin_c['sizes']} per page: {steps} (last/first {lin_c['ratio']:.2f})."
        )
        budgets.append(
            (
                f"build time linear in citations (marginal cost per citation grows ≤ {BUDGET_LINEARITY}×)",
                lin_c["ratio"] <= BUDGET_LINEARITY,
                f"×{lin_c['ratio']:.2f} ({steps})",
            )
        )
    out.append("")
    if c.get("profile"):
        out += ["```", c["profile"].strip(), "```", ""]
    return out, budgets
