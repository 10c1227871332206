"""Give every page a "Cite this page" box and the metadata reference managers read.

Why: readers cite our pages as well as our sources, in their own tools. Each page gets
* a box with the page's citation in AMA, APA 7 and Vancouver (citeproc-py and the CSL
  styles, hooks/citing/styles.py), BibTeX and RIS, each with a copy button, rendered by
  overrides/partials/cite-this-page.html after the content, out of the search index;
  the access date is the reader's (docs/assets/javascripts/cite.js), the build date
  without JavaScript;
* Open Graph `og:type=website` and `og:site_name`, so Zotero saves a Web Page with the
  site as its Website Title;
* Highwire Press `citation_*` tags on article-like pages only (content pages, not section
  indexes, About, the glossary or the reference pages), as Google Scholar asks;
* schema.org JSON-LD with the publication and review dates and the publisher's address.
  It has no `citation` list of the sources (issue 14, weight): the reference list on the
  page and its BibTeX, RIS and CSL-JSON downloads carry them, DOIs included.
Keys, records and formats live in hooks/citing/page.py; this hook only wires them in.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from pathlib import Path

from citing import page as citable
from citing import styles
from mkdocs.exceptions import PluginError

DATE_FORMATS = {  # data-format: how the access date reads there (cite.js writes the same)
    "long": lambda d: f"{d:%B} {d.day}, {d.year}",  # AMA, APA
    "nlm": lambda d: f"{d.year} {d:%b} {d.day}",  # Vancouver
    "iso": lambda d: d.isoformat(),  # BibTeX
    "ris": lambda d: f"{d:%Y/%m/%d}",  # RIS
}
# How each style prints the sentinel access date (citeproc-py 0.11.1 drops the spaces of "1900 Jan 1").
SENTINELS = {"long": re.compile(r"January 1, 1900"), "nlm": re.compile(r"1900\s*Jan\s*1(?!\d)")}


def accessed_html(day: datetime.date, fmt: str) -> str:
    text = html.escape(DATE_FORMATS[fmt](day))
    return f'<time class="cite-accessed" datetime="{day.isoformat()}" data-format="{fmt}">{text}</time>'


def style_html(text: str, day: datetime.date) -> str:
    """A style's plain text as HTML, its access date (rendered as the sentinel) marked for cite.js."""
    escaped = html.escape(text, quote=False)
    for fmt, sentinel in SENTINELS.items():
        if sentinel.search(escaped):
            return sentinel.sub(accessed_html(day, fmt), escaped)
    return escaped


def export_html(text: str, fmt: str, day: datetime.date) -> str:
    return html.escape(text, quote=False).replace(citable.ACCESSED, accessed_html(day, fmt))


def cite_formats(record: dict, day: datetime.date) -> list[dict]:
    texts = citable.styled(record)
    formats = [
        {"id": name, "label": label, "html": style_html(texts[name], day)} for name, (label, _) in styles.STYLES.items()
    ]
    formats.append({"id": "bibtex", "label": "BibTeX", "html": export_html(citable.bibtex(record), "iso", day)})
    formats.append({"id": "ris", "label": "RIS", "html": export_html(citable.ris(record), "ris", day)})
    return formats


def highwire_tags(record: dict) -> list[tuple[str, str]]:
    if not record["article"]:
        return []
    tags = [("citation_title", record["title"]), ("citation_author", record["author"])]
    if record["published"]:
        tags.append(("citation_publication_date", f"{record['published']:%Y/%m/%d}"))
    tags += [
        ("citation_publisher", record["site"]),
        ("citation_public_url", record["url"]),
        ("citation_fulltext_html_url", record["url"]),
        ("citation_language", "en"),
    ]
    return tags


def og_tags(record: dict) -> list[tuple[str, str]]:
    """Open Graph: Zotero's Embedded Metadata translator reads og:type=website as a Web Page."""
    tags = [("og:type", "website"), ("og:site_name", record["site"]), ("og:title", record["title"])]
    tags.append(("og:url", record["url"]))
    if record["description"]:
        tags.append(("og:description", record["description"]))
    return tags


def json_ld(record: dict) -> str:
    organization = {"@type": "Organization", "name": record["site"], "url": record["site_url"]}
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": record["title"],
        "name": record["title"],
        "description": record["description"],
        "url": record["url"],
        "author": {"@type": "Organization", "name": record["author"], "url": record["site_url"]},
        "publisher": organization,
        "isPartOf": {"@type": "WebSite", "name": record["site"], "url": record["site_url"]},
        "inLanguage": "en",
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    if record.get("version"):
        data["version"] = record["version"]
    if record["published"]:
        data["datePublished"] = f"{record['published']:%Y-%m-%d}"
    if record["modified"]:
        data["dateModified"] = f"{record['modified']:%Y-%m-%d}"
    if record["reviewed"]:
        data["lastReviewed"] = f"{record['reviewed']:%Y-%m-%d}"
    # No "<" at all: "</script>" or "<!--" in a title must not end or confuse the <script> element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def on_files(files, config):
    """Two pages must never share a BibTeX key: stop the build, naming both files."""
    problems = citable.duplicate_keys([f.src_uri for f in files.documentation_pages()], config.site_name)
    if problems:
        raise PluginError("\n".join(f"{Path(config.docs_dir).name}/{line}" for line in problems))
    return files


def on_page_content(html_text, page, config, files):
    record = citable.page_record(page.meta, page.file.src_uri, page.url, config)
    day = citable.build_date()
    page.meta["citation_tags"] = highwire_tags(record)
    page.meta["og_tags"] = og_tags(record)
    page.meta["json_ld"] = json_ld(record)
    page.meta["cite"] = {"key": record["key"], "formats": cite_formats(record, day)}
    return html_text
