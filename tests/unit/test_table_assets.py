"""Unit tests for hooks/table_assets.py: which page HTML gets the table script and styles."""

from __future__ import annotations

import pytest

HEAD = "<thead><tr><th>A</th><th>B</th></tr></thead>"
ROWS2 = "<tbody><tr><td>1</td><td>x</td></tr><tr><td>2</td><td>y</td></tr></tbody>"
ROWS1 = "<tbody><tr><td>1</td><td>x</td></tr></tbody>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f"<table>{HEAD}{ROWS2}</table>", True),
        (f"<p>Intro</p>\n<table>\n{HEAD}\n{ROWS2}\n</table>", True),
        (f"<table>{HEAD}{ROWS1}</table>", False),  # one row: nothing to sort
        (f"<table>{ROWS2}</table>", False),  # no heading row to click
        (f'<table class="highlighttable">{HEAD}{ROWS2}</table>', False),  # code blocks, layout tables
        (f'<div class="filterable-table"><table>{HEAD}{ROWS1}</table></div>', True),  # the filter box
        ('<div class="filterable-table"><p>No table yet</p></div>', False),
        ("<p>No table at all</p>", False),
        (f"<table>{HEAD}{ROWS1}</table><table>{HEAD}{ROWS2}</table>", True),  # the second one
    ],
)
def test_needs_table_assets(hook, html, expected):
    assert hook("table_assets").needs_table_assets(html) is expected


def test_page_meta_lists_the_assets_only_where_needed(hook):
    mod = hook("table_assets")

    class Page:
        def __init__(self, meta):
            self.meta = meta

    sortable, plain = Page({}), Page({"table_assets": {"css": ["stale.css"], "js": []}})
    mod.on_page_content(f"<table>{HEAD}{ROWS2}</table>", sortable, None, None)
    mod.on_page_content("<p>Text</p>", plain, None, None)
    assert sortable.meta["table_assets"] == {"css": mod.CSS, "js": mod.JS}
    assert "table_assets" not in plain.meta


def test_listed_assets_exist(hook):
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    mod = hook("table_assets")
    assert all((docs / path).is_file() for path in mod.CSS + mod.JS)
