"""Structural budgets from the benchmark (issue 8): what the site ships, not how fast it builds.

Timings, page weight and Lighthouse scores are measured by scripts/bench.py, never here.
Each checker also runs on a small fixture in tests/fixtures/bench-budgets/ that it must reject.
"""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bench-budgets"
LUNR_DIR = "assets/javascripts/lunr/"
DIAGRAMS_DIR = "assets/diagrams/"
RASTER = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp")


def files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def source_maps(site: Path) -> list[str]:
    """Source maps shipped, and scripts or styles that still point at one."""
    found = [f for f in files(site) if f.endswith(".map")]
    for name in files(site):
        if name.endswith((".js", ".css")) and "sourceMappingURL=" in (site / name).read_text(encoding="utf-8")[-300:]:
            found.append(f"{name} (sourceMappingURL comment)")
    return found


def search_langs(site: Path) -> list[str]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"]


def lunr_files(site: Path) -> list[str]:
    """Lunr language support shipped; Material's search worker needs none of it for English alone."""
    return [f for f in files(site) if f.startswith(LUNR_DIR)]


def raster_diagrams(site: Path) -> list[str]:
    """Raster images among the diagrams: files in assets/diagrams/ and <img> in a figure.diagram."""
    found = [f for f in files(site) if f.startswith(DIAGRAMS_DIR) and f.lower().endswith(RASTER)]
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.select("figure.diagram img, img[src*='assets/diagrams/']"):
            src = img.get("src", "").split("?")[0].split("#")[0]
            if not src.lower().endswith(".svg"):
                found.append(f"{page.relative_to(site).as_posix()}: <img src={src}>")
    return found


def test_no_source_maps_shipped(site):
    assert source_maps(site.site) == []


def test_english_only_search_ships_no_lunr_language_files(site):
    assert search_langs(site.site) == ["en"], "search languages changed: revisit hooks/prune_assets.py"
    assert lunr_files(site.site) == []
    assert list((site.site / "assets" / "javascripts" / "workers").glob("search.*.min.js")), "search worker missing"


def test_diagrams_are_svg(site):
    sources = ROOT / "docs" / "assets" / "diagrams"
    raster_sources = [p.name for p in sources.rglob("*") if p.suffix.lower() in RASTER] if sources.exists() else []
    assert raster_sources == []
    assert raster_diagrams(site.site) == []


def test_unpruned_site_is_rejected():
    site = FIXTURES / "unpruned-site"
    assert source_maps(site) == [
        "assets/javascripts/bundle.0000.min.js.map",
        "assets/javascripts/bundle.0000.min.js (sourceMappingURL comment)",
    ]
    assert search_langs(site) == ["en"]
    assert lunr_files(site) == [LUNR_DIR + "min/lunr.de.min.js", LUNR_DIR + "min/lunr.stemmer.support.min.js"]


def test_raster_diagram_is_rejected():
    assert raster_diagrams(FIXTURES / "raster-diagram-site") == [
        "assets/diagrams/axis.png",
        "index.html: <img src=assets/diagrams/axis.png>",
    ]


# The benchmark package (issue 14): one module and one row per measurement, each budget printed pass or fail.


def test_every_measurement_is_one_module_and_one_row():
    from scripts.bench.measurements import MEASUREMENTS

    names = [m.NAME for m in MEASUREMENTS]
    assert len(names) == len(set(names)), names
    for module in MEASUREMENTS:
        assert callable(module.measure) and callable(module.report), module.__name__
    assert names[0] == "build", "the real site is built first: other measurements read it"


def test_report_prints_each_budget_pass_or_fail():
    from scripts.bench import cli
    from scripts.bench.measurements import big_bib, hook_cost

    def timing(cpu: float) -> dict:
        return {"median_s": cpu, "min_s": cpu, "max_s": cpu, "cpu_median_s": cpu, "runs": [cpu], "cpu_runs": [cpu]}

    results = {
        "when": "test",
        "machine": "test",
        "machine_after": "test",
        "hook_cost": {"pages": 1000, "ours": timing(12.9), "no_hooks": timing(10.0)},
        "big_bib": {
            "entries": 12000,
            "bytes": 1,
            "builds": {"real site": timing(4.0), "+ 12,000 in the library": timing(12.5)},
        },
    }
    text, budgets = cli.report(results, [hook_cost, big_bib])
    assert [ok for _, ok, _ in budgets] == [True, False]
    assert "| PASS " in text and "| FAIL " in text and "## Budgets" in text


def test_benchmark_imports_nothing_from_tests():
    """Scripts stand on their own: the flags Chromium needs live in scripts/chromium.py, which tests import."""
    sources = [
        *(ROOT / "scripts" / "bench").rglob("*.py"),
        ROOT / "scripts" / "bench.py",
        ROOT / "scripts" / "chromium.py",
    ]
    offenders = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in sources
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("from tests", "import tests")) or '"tests"' in line and "sys.path" in line
    ]
    assert offenders == []
