"""Check every page's front matter against the site's schema; fail the build on a gap.

Why: the reviewed date and evidence level are promises to readers, shown under
each title and in "Cite this page". A page without them must not be published.
Content pages (Fundamentals, Mechanisms, Clinical context; not the section
index pages) also need an overall evidence level.
"""

from __future__ import annotations

import datetime

from mkdocs.exceptions import PluginError

CONTENT_SECTIONS = ("fundamentals/", "mechanisms/", "clinical/")
EVIDENCE_LEVELS = ("high", "moderate", "low", "very-low")
DESCRIPTION_MAX = 200


def is_content_page(src_uri: str) -> bool:
    return src_uri.startswith(CONTENT_SECTIONS) and not src_uri.endswith("index.md")


def problems(meta: dict, src_uri: str) -> list[str]:
    """Everything wrong with one page's front matter (empty list if nothing)."""
    found = []
    for key in ("title", "description"):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            found.append(f"missing '{key}'")
    description = meta.get("description")
    if isinstance(description, str) and len(description) > DESCRIPTION_MAX:
        found.append(f"'description' is {len(description)} characters (at most {DESCRIPTION_MAX})")
    if not isinstance(meta.get("reviewed"), datetime.date):
        found.append("missing or invalid 'reviewed' (a date such as 2026-11-25)")
    if is_content_page(src_uri) and meta.get("evidence") not in EVIDENCE_LEVELS:
        found.append(f"'evidence' must be one of {', '.join(EVIDENCE_LEVELS)}")
    keywords = meta.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        found.append("'keywords' must be a list of strings")
    return found


def on_page_markdown(markdown, page, config, files):
    found = problems(page.meta, page.file.src_uri)
    if found:
        raise PluginError(f"docs/{page.file.src_uri}: front matter: {'; '.join(found)}")
    return markdown
