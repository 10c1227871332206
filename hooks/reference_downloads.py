"""Offer each page's references for download as BibTeX, RIS and CSL-JSON, and every reference in three styles.

Why: a student should take a page's sources into a reference manager in one step, not
copy them one by one. Every page that cites sources gets "Download these references"
(overrides/partials/reference-downloads.html, after the reference list, out of search):
three files beside the page, holding the page's sources in order of citation, exported
by hooks/citing/ (no editorial `note`, UTF-8 names, protected capitals). The
bibliography page links the same three formats for every source, which
hooks/bibliography_page.py publishes.

The copy buttons that cite.js adds to each reference read references/citations.json:
every source in AMA, APA 7 and Vancouver, formatted once per build by citeproc-py.
"""

from __future__ import annotations

import json
from pathlib import Path

from citing import downloads, styles
from citing.page import cited_keys, key_prefix
from citing.records import csl_item, truncated
from editorial import bibtex_plugin
from mkdocs.utils import get_relative_url

STYLES_URI = "references/citations.json"
WHOLE_BIBLIOGRAPHY = "references/references"  # + .bib, .ris, .json (hooks/bibliography_page.py)

pending: dict[str, list[str]] = {}  # file stem (site-relative) -> keys, filled as pages render


def file_stem(page_url: str) -> str:
    """Where a page's downloads live: beside its index.html ("mechanisms/estradiol/references")."""
    if page_url == "" or page_url.endswith("/"):
        return page_url + "references"
    return page_url.rsplit(".", 1)[0] + "-references"  # use_directory_urls: false


def download_name(config, page_url: str, stem: str, extension: str) -> str:
    """The file name a browser saves: "hormonesandoxytocin-mechanisms-estradiol-references.bib"."""
    if stem == WHOLE_BIBLIOGRAPHY:
        return f"{key_prefix(config.site_name)}-bibliography.{extension}"
    slug = page_url.strip("/").replace("/", "-").rsplit(".html", 1)[0] or "home"
    return f"{key_prefix(config.site_name)}-{slug}-references.{extension}"


def links(stem: str, page_url: str, config) -> list[dict]:
    return [
        {
            "label": label,
            "href": get_relative_url(f"{stem}.{extension}", page_url),
            "download": download_name(config, page_url, stem, extension),
            "type": media_type,
        }
        for extension, (label, media_type) in downloads.FORMATS.items()
    ]


def on_config(config):
    pending.clear()  # `mkdocs serve` rebuilds in the same process
    return config


def on_page_content(html, page, config, files):
    entries = bibtex_plugin.entries(config)
    if not entries:
        return html
    if 'id="ref-' in html:  # the bibliography page (hooks/bibliography_page.py) lists every source
        stem, count = WHOLE_BIBLIOGRAPHY, len(entries)
    else:
        keys = [k for k in cited_keys(html) if k in entries]
        if not keys:
            return html
        stem, count = file_stem(page.url), len(keys)
        pending[stem] = keys
    page.meta["reference_downloads"] = {
        "count": count,
        "links": links(stem, page.url, config),
        "styles": get_relative_url(STYLES_URI, page.url),
    }
    return html


def on_post_build(config):
    entries = bibtex_plugin.entries(config)
    site = Path(config.site_dir)
    folders: set[Path] = set()  # three files a page share one folder: one mkdir, not three (issue 14)
    for stem, keys in pending.items():
        for extension, text in downloads.files(entries, keys).items():
            path = site / f"{stem}.{extension}"
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            path.write_text(text, encoding="utf-8")
    items = [csl_item(key, entry) for key, entry in entries.items()]
    cut = {key: roles for key, entry in entries.items() if (roles := truncated(entry))}
    texts = styles.format_all(items, cut)
    target = site / STYLES_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(texts, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
