"""Index each anchored definition (a glossary term) as its own search result.

Why: Material's search cuts a page into entries at headings only. The glossary is
one long definition list under one heading, so a search for "SHBG" would offer
"Glossary › Terms", all 160-odd definitions at once, and land at the top of the
list. This hook keeps definition lists whose terms carry an id (`Term { #id }`)
out of the heading's entry and adds one entry per term instead: titled with the
term, holding its definition, linking to its anchor (glossary/#shbg).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.plugins import event_priority

_definitions: dict[str, list[dict]] = {}


def anchored_definitions(page_html: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Mark lists of anchored terms `data-search-exclude`; return the HTML and (id, term, definition) triples.

    The attribute is inserted at each list's position in the source, so the rest of
    the page's HTML stays byte for byte as other hooks and the theme made it.
    """
    if "<dt id=" not in page_html:
        return page_html, []
    soup = BeautifulSoup(page_html, "html.parser")
    line_starts = [0]
    for line in page_html.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    found, marks = [], []
    for dl in soup.find_all("dl"):
        terms = [dt for dt in dl.find_all("dt", recursive=False) if dt.get("id")]
        if not terms:
            continue
        marks.append(line_starts[dl.sourceline - 1] + dl.sourcepos + len("<dl"))
        for dt in terms:
            parts = []
            for sibling in dt.find_next_siblings(["dt", "dd"]):
                if sibling.name == "dt":
                    break
                parts.append(" ".join(sibling.get_text().split()))
            found.append((dt["id"], " ".join(dt.get_text().split()), " ".join(parts)))
    for at in sorted(marks, reverse=True):  # Material strips the attribute once it has indexed the page
        page_html = f'{page_html[:at]} data-search-exclude="true"{page_html[at:]}'
    return page_html, found


def entries(page_url: str, definitions: list[tuple[str, str, str]]) -> list[dict]:
    """Search index entries in Material's format, one per term."""
    return [
        {"location": f"{page_url}#{anchor}", "title": html.escape(term), "text": f"<p>{html.escape(text)}</p>"}
        for anchor, term, text in definitions
    ]


def insert_entries(index: dict, page_url: str, new: list[dict]) -> dict:
    """Place a page's new entries after its last entry (Material expects the page's own entry first)."""
    docs = index["docs"]
    positions = [i for i, doc in enumerate(docs) if doc["location"].split("#")[0] == page_url]
    at = positions[-1] + 1 if positions else len(docs)
    index["docs"] = docs[:at] + new + docs[at:]
    return index


def on_config(config):
    _definitions.clear()
    return config


def on_page_content(html_text, page, config, files):
    html_text, found = anchored_definitions(html_text)
    if found:
        _definitions[page.url] = entries(page.url, found)
    return html_text


@event_priority(-90)  # after the search plugin writes the index, before hooks/search_synonyms.py
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not _definitions or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for page_url, new in _definitions.items():
        insert_entries(index, page_url, new)
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
