"""Index each anchored definition (a glossary term) as its own search result, and
tell search which page explains it.

Why: Material's search cuts a page into entries at headings only. The glossary is
one long definition list under one heading, so a search for "SHBG" would offer
"Glossary › Terms", all 160-odd definitions at once, and land at the top of the
list. For definition lists whose terms carry an id (`Term { #id }`) this hook
* keeps the list out of the heading's entry and adds one entry per term instead,
  titled with the term and linking to its anchor (glossary/#shbg), ranked below
  the page that explains the term (DEFINITION_BOOST);
* reads the definition's last link ("See [Feedback loops and axes](...)"), the
  page the editors say explains the term, and lists the term in that page's
  `explains` field (weighted in mkdocs.yml; hooks/search_synonyms.py adds the
  term's other names). So "LH" finds the page that explains LH first, even when
  several pages list LH among their keywords.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from mkdocs.plugins import event_priority

DEFINITION_BOOST = 0.3  # a definition points to the explaining page: list it, below that page
_definitions: dict[str, list[Definition]] = {}


class Definition(NamedTuple):
    anchor: str
    term: str
    text: str
    link: str | None  # href of the definition's last link, as written in the page


def anchored_definitions(page_html: str) -> tuple[str, list[Definition]]:
    """Mark lists of anchored terms `data-search-exclude`; return the HTML and the definitions.

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
            dds = []
            for sibling in dt.find_next_siblings(["dt", "dd"]):
                if sibling.name == "dt":
                    break
                dds.append(sibling)
            links = [a["href"] for dd in dds for a in dd.find_all("a", href=True)]
            text = " ".join(" ".join(dd.get_text().split()) for dd in dds)
            found.append(Definition(dt["id"], " ".join(dt.get_text().split()), text, links[-1] if links else None))
    for at in sorted(marks, reverse=True):  # Material strips the attribute once it has indexed the page
        page_html = f'{page_html[:at]} data-search-exclude="true"{page_html[at:]}'
    return page_html, found


def entry(page_url: str, definition: Definition) -> dict:
    """A search index entry in Material's format for one term."""
    return {
        "location": f"{page_url}#{definition.anchor}",
        "title": html.escape(definition.term),
        "text": f"<p>{html.escape(definition.text)}</p>",
        "boost": DEFINITION_BOOST,
    }


def target(page_url: str, link: str | None) -> str | None:
    """Index location a definition's link points to ('../x/' from 'glossary/' -> 'x/'), or None if external."""
    if not link or urlsplit(link).scheme or link.startswith("#"):
        return None
    resolved = urlsplit(urljoin(f"/{page_url}", link))
    location = resolved.path.lstrip("/").removesuffix("index.html")
    return f"{location}#{resolved.fragment}" if resolved.fragment else location


def add_definitions(index: dict, page_url: str, definitions: list[Definition]) -> dict:
    """Insert one entry per term after the page's last entry; list each term on the page it links to."""
    docs = index["docs"]
    by_location = {doc["location"]: doc for doc in docs}
    for definition in definitions:
        location = target(page_url, definition.link)
        doc = by_location.get(location or "") or by_location.get((location or "").split("#")[0])
        if doc is not None and not doc["location"].startswith(page_url):
            doc.setdefault("explains", []).append(definition.term)
    positions = [i for i, doc in enumerate(docs) if doc["location"].split("#")[0] == page_url]
    at = positions[-1] + 1 if positions else len(docs)
    index["docs"] = docs[:at] + [entry(page_url, d) for d in definitions] + docs[at:]
    return index


def on_config(config):
    _definitions.clear()
    return config


def on_page_content(html_text, page, config, files):
    html_text, found = anchored_definitions(html_text)
    if found:
        _definitions[page.url] = found
    return html_text


@event_priority(-90)  # after the search plugin writes the index, before hooks/search_synonyms.py
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not _definitions or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for page_url, definitions in _definitions.items():
        add_definitions(index, page_url, definitions)
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
