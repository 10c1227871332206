"""Load the table script and styles only on pages with a table that they sort or filter.

Why: Tablesort, tables.js and tables.css serve a handful of pages, yet as extra_javascript
and extra_css every page's first view would fetch them. This hook looks at each page's
HTML and, where assets/javascripts/tables.js would act (a plain Markdown table with a
heading row and at least two body rows, or a table inside .filterable-table), lists the
files in page.meta["table_assets"]; overrides/main.html links them on that page only.

Instant navigation: Material swaps the page body and re-runs the scripts found inside
its content container, then emits document$, so main.html puts the scripts there; new
stylesheets in <head> are added by Material's head diff. The scripts are `defer`, so that
on a first view they run after Material's bundle has defined document$.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

CSS = ["assets/stylesheets/tables.css"]
JS = ["assets/javascripts/vendor/tablesort.min.js", "assets/javascripts/tables.js"]

TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.DOTALL | re.IGNORECASE)
TBODY = re.compile(r"<tbody\b[^>]*>(.*?)</tbody>", re.DOTALL | re.IGNORECASE)
ROW = re.compile(r"<tr\b", re.IGNORECASE)
CLASS_ATTR = re.compile(r"\bclass\s*=", re.IGNORECASE)
FILTERABLE = re.compile(r"""class\s*=\s*["'][^"']*\bfilterable-table\b""", re.IGNORECASE)


def sortable(attrs: str, inner: str) -> bool:
    """What tables.js's makeSortable accepts: no class, a <thead>, two or more rows in the first <tbody>."""
    if CLASS_ATTR.search(attrs) or "<thead" not in inner.lower():
        return False
    body = TBODY.search(inner)
    return body is not None and len(ROW.findall(body.group(1))) >= 2


def needs_table_assets(html: str) -> bool:
    """True if tables.js would make a table of this page sortable or filterable."""
    if FILTERABLE.search(html) and "<table" in html.lower():
        return True
    return any(sortable(m.group(1), m.group(2)) for m in TABLE.finditer(html))


@event_priority(-100)  # after every hook that writes HTML into the page
def on_page_content(html, page, config, files):
    if needs_table_assets(html):
        page.meta["table_assets"] = {"css": CSS, "js": JS}
    else:
        page.meta.pop("table_assets", None)
    return html
