"""Structural budgets from the benchmark (issue 8): what the site ships, not how fast it builds.

Timings, page weight and Lighthouse scores are measured by scripts/bench.py, never here.
Each checker also runs on a small fixture in tests/fixtures/bench-budgets/ that it must reject.
"""

from __future__ import annotations

import json
import re
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


# First-view weight (issue 14, "at most 75 kB gzip"): what each page carries before a reader interacts.
# scripts/bench_weight.py measures the bytes; these pin what was moved or trimmed to get there.


def page_passages(html_path: Path, soup: BeautifulSoup) -> dict[str, str]:
    """The claims-ledger passages of a built page, {marker id: "Supports: …"}, from the file its
    reference list names (`data-passages`, fetched by tooltips.js on the first preview); {} if none."""
    holder = soup.select_one("[data-passages]")
    if holder is None:
        return {}
    path = html_path.parent / holder["data-passages"]
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def passage_problems(site: Path) -> list[str]:
    """Passages left in the HTML, a named passages file that is missing, or one naming no marker of its page."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.select("[data-supports]"):
            problems.append(f"{rel}: data-supports in the HTML")
        holder = soup.select_one("[data-passages]")
        if holder is None:
            continue
        if not (page.parent / holder["data-passages"]).is_file():
            problems.append(f"{rel}: {holder['data-passages']} missing")
            continue
        markers = {a.parent.get("id") for a in soup.select("a.footnote-ref")}
        stray = sorted(set(page_passages(page, soup)) - markers)
        if stray:
            problems.append(f"{rel}: passages for markers not on the page: {stray}")
    return problems


def test_passages_wait_beside_the_page_not_in_it(site):
    assert passage_problems(site.site) == []
    pages = [p for p in site.site.rglob("index.html") if "data-passages=" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 15, "the claims ledger's passages reach too few pages"


def test_passage_checks_reject_inline_missing_and_stray_passages(tmp_path):
    marker = '<sup id="fnref:a"><a class="footnote-ref" href="#fn:a"{}>1</a></sup>'
    inline = tmp_path / "inline" / "index.html"
    inline.parent.mkdir()
    inline.write_text("<article>" + marker.format(' data-supports="Supports: x"') + "</article>")
    missing = tmp_path / "missing" / "index.html"
    missing.parent.mkdir()
    missing.write_text('<article><div class="footnote" data-passages="passages.json"></div></article>')
    stray = tmp_path / "stray" / "index.html"
    stray.parent.mkdir()
    stray.write_text(
        f'<article>{marker.format("")}<div class="footnote" data-passages="passages.json"></div></article>'
    )
    (stray.parent / "passages.json").write_text('{"fnref:a": "Supports: x", "fnref:gone": "Supports: y"}')
    assert passage_problems(tmp_path) == [
        "inline/index.html: data-supports in the HTML",
        "missing/index.html: passages.json missing",
        "stray/index.html: passages for markers not on the page: ['fnref:gone']",
    ]


def json_ld_citations(soup: BeautifulSoup) -> int:
    """How many sources a page's JSON-LD lists under `citation`."""
    script = soup.find("script", type="application/ld+json")
    return len(json.loads(script.string).get("citation", [])) if script else 0


def test_json_ld_lists_no_sources_the_reference_list_already_shows(site):
    """The reference list and its BibTeX, RIS and CSL-JSON downloads carry every source (issue 14, weight)."""
    for page in site.site.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert json_ld_citations(soup) == 0, page
    rejected = BeautifulSoup(
        '<script type="application/ld+json">{"citation": [{"url": "https://doi.org/10.1/x"}]}</script>',
        "html.parser",
    )
    assert json_ld_citations(rejected) == 1


def unminified_assets(site: Path) -> list[str]:
    """The site's own scripts and styles (not *.min.*) that still carry comments: every page loads them."""
    found = []
    for path in sorted(site.glob("assets/**/*")):
        if path.suffix in (".js", ".css") and ".min." not in path.name:
            text = path.read_text(encoding="utf-8")
            if re.search(r"/\*(?!!)", text) or re.search(r"^\s*//", text, re.MULTILINE):
                found.append(path.relative_to(site).as_posix())
    return found


def test_own_scripts_and_styles_ship_minified(site):
    assert unminified_assets(site.site) == []


def test_minified_check_rejects_a_commented_script(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.js").write_text("/* why */\nvar a = 1\n")
    (tmp_path / "assets" / "b.min.js").write_text("/* vendored */var b=1")
    (tmp_path / "assets" / "c.css").write_text("/*! licence */a{color:red}")
    assert unminified_assets(tmp_path) == ["assets/a.js"]


def unselectable_palette_rules(css: str, colors: set[str]) -> list[str]:
    """Colour names in palette rules that the site's palette can never select."""
    return sorted({c for c in re.findall(r"data-md-color-(?:primary|accent)=([\w-]+)", css) if c not in colors})


def test_palette_stylesheet_keeps_only_the_configured_colours(site):
    (palette,) = site.site.glob("assets/stylesheets/palette.*.min.css")
    assert unselectable_palette_rules(palette.read_text(encoding="utf-8"), {"indigo"}) == []
    (main,) = site.site.glob("assets/stylesheets/main.*.min.css")
    assert "[dir=rtl]" not in main.read_text(encoding="utf-8")
    assert unselectable_palette_rules("[data-md-color-primary=red]{--a:1}", {"indigo"}) == ["red"]
