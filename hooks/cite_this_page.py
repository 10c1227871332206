"""Give every page a "Cite this page" box and the metadata reference managers read.

Why: readers cite our pages as well as our sources. Each page gets
* a box with a formatted citation (AMA style, like the references), BibTeX and RIS,
  each in a code block with a copy button, rendered after the content by the
  template so that it stays out of the search index;
* Highwire Press `citation_*` meta tags (read by Google Scholar and Zotero) and
  schema.org JSON-LD, rendered in <head> by overrides/main.html from page.meta.
Authors, site name and URL come from mkdocs.yml; the date is the page's `reviewed`.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from urllib.parse import urljoin


def page_record(meta: dict, page_url: str, config) -> dict:
    reviewed = meta.get("reviewed")
    return {
        "title": meta.get("title", ""),
        "author": config.site_author or config.site_name,
        "site": config.site_name,
        "url": urljoin(config.site_url or "", page_url),
        "reviewed": reviewed if isinstance(reviewed, datetime.date) else None,
        "description": meta.get("description", ""),
    }


def bibtex_key(record: dict) -> str:
    slug = re.sub(r"[^a-z0-9]+", "", record["title"].lower().split(" ")[0]) or "page"
    year = record["reviewed"].year if record["reviewed"] else "nd"
    return f"hormonesoxytocin{year}{slug}"


def ama_text(record: dict) -> str:
    reviewed = record["reviewed"]
    when = f" Reviewed {reviewed:%B} {reviewed.day}, {reviewed.year}." if reviewed else ""
    return f"{record['author']}. {record['title']}. {record['site']}.{when} Accessed [date]. {record['url']}"


def bibtex_text(record: dict) -> str:
    def braced(value: str) -> str:
        return value.replace("{", "").replace("}", "")

    fields = [
        ("author", "{" + braced(record["author"]) + "}"),
        ("title", braced(record["title"])),
        ("howpublished", braced(record["site"])),
        ("url", record["url"]),
    ]
    if record["reviewed"]:
        fields += [("year", str(record["reviewed"].year)), ("note", f"Last reviewed {record['reviewed']:%Y-%m-%d}")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(record)},\n{body}\n}}"


def ris_text(record: dict) -> str:
    lines = ["TY  - ELEC", f"AU  - {record['author']}", f"TI  - {record['title']}", f"T2  - {record['site']}"]
    if record["reviewed"]:
        lines += [f"PY  - {record['reviewed'].year}", f"DA  - {record['reviewed']:%Y/%m/%d}"]
    lines += [f"UR  - {record['url']}", "ER  - "]
    return "\n".join(lines)


def cite_box(record: dict) -> str:
    """HTML for the collapsible box; Material adds copy buttons to its code blocks.

    It is rendered by the template after the page content (overrides/main.html),
    not inserted into the Markdown, so that the search index never holds it.
    """

    def block(label: str, lang: str, text: str) -> str:
        return f'<p class="cite-format">{label}</p><pre class="cite-{lang}"><code>{html.escape(text)}</code></pre>'

    return "".join(
        [
            '<details class="quote cite-this-page"><summary>Cite this page</summary>',
            block("AMA", "ama", ama_text(record)),
            block("BibTeX", "bibtex", bibtex_text(record)),
            block("RIS", "ris", ris_text(record)),
            "</details>",
        ]
    )


def highwire_tags(record: dict) -> list[tuple[str, str]]:
    tags = [("citation_title", record["title"]), ("citation_author", record["author"])]
    if record["reviewed"]:
        tags.append(("citation_publication_date", f"{record['reviewed']:%Y/%m/%d}"))
    tags += [
        ("citation_publisher", record["site"]),
        ("citation_public_url", record["url"]),
        ("citation_fulltext_html_url", record["url"]),
        ("citation_language", "en"),
    ]
    return tags


def json_ld(record: dict) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": record["title"],
        "name": record["title"],
        "description": record["description"],
        "url": record["url"],
        "author": {"@type": "Organization", "name": record["author"]},
        "publisher": {"@type": "Organization", "name": record["site"]},
        "isPartOf": {"@type": "WebSite", "name": record["site"]},
        "inLanguage": "en",
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    if record["reviewed"]:
        data["lastReviewed"] = f"{record['reviewed']:%Y-%m-%d}"
        data["dateModified"] = data["lastReviewed"]
    # "</" would let a title close the <script> element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def on_page_markdown(markdown, page, config, files):
    record = page_record(page.meta, page.url, config)
    page.meta["citation_tags"] = highwire_tags(record)
    page.meta["json_ld"] = json_ld(record)
    page.meta["cite_box"] = cite_box(record)
    return markdown
