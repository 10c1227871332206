"""Structural budget (issue 14): the table script and styles load only on pages with a table they sort or filter.

Judged on the built HTML with BeautifulSoup and the selectors assets/javascripts/tables.js
uses, not with the regular expressions of hooks/table_assets.py. The checker must reject
tests/fixtures/table-assets/misplaced-site/ (assets on a plain page, a sortable table without them).
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "table-assets" / "misplaced-site"
TABLE_FILES = ("tables.css", "tables.js", "tablesort.min.js")


def table_assets(soup) -> set[str]:
    refs = [tag.get("href", "") for tag in soup.select("link[rel=stylesheet]")]
    refs += [tag.get("src", "") for tag in soup.select("script[src]")]
    return {name for ref in refs for name in TABLE_FILES if ref.split("?")[0].endswith("/" + name)}


def has_table_for_script(soup) -> bool:
    """tables.js: `article table:not([class])` with a head and 2+ body rows, or a table in .filterable-table."""
    if soup.select("article .filterable-table table"):
        return True
    for table in soup.select("article table:not([class])"):
        body = table.find("tbody")
        if table.find("thead") and body and len(body.find_all("tr")) >= 2:
            return True
    return False


def misplaced_table_assets(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        found, needed = table_assets(soup), has_table_for_script(soup)
        rel = page.relative_to(site).as_posix()
        if found and not needed:
            problems.append(f"{rel}: loads {', '.join(sorted(found))} without a sortable table")
        elif needed and found != set(TABLE_FILES):
            problems.append(f"{rel}: sortable table, missing {', '.join(sorted(set(TABLE_FILES) - found))}")
    return problems


def test_table_assets_only_where_a_table_is_sortable(site):
    assert misplaced_table_assets(site.site) == []
    pages = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in site.site.rglob("*.html")]
    assert sum(1 for soup in pages if table_assets(soup)) >= 2, "the agents and claims tables load the table assets"


def test_home_page_fetches_no_table_assets(site):
    home = BeautifulSoup((site.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not has_table_for_script(home)
    assert not table_assets(home)


def test_misplaced_table_assets_are_rejected():
    assert misplaced_table_assets(FIXTURE) == [
        "plain/index.html: loads tables.css, tables.js without a sortable table",
        "unloaded/index.html: sortable table, missing tables.css, tables.js, tablesort.min.js",
    ]
