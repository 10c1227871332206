"""Render the full bibliography page from bib/, grouped by evidence type, with "cited on" backlinks.

Why: mkdocs-bibtex's `\\full_bibliography` depends on page order and leaves dead
back-links. This hook writes the list itself, from the same formatter the pages
use, and, once every page's HTML exists, adds a link back to each page that cites
an entry: the page once, by title. Section links made the page its heaviest (issue 14);
the page's own reference list and markers show where within it an entry is cited.
That is presentation, not content: no `changes:` entry. It also publishes the whole
bibliography for download, as BibTeX, RIS and CSL-JSON exported for readers (no
editorial `note`; see hooks/citing/).

The page opts in with the marker `<!-- full-bibliography -->`. Entries and formatted references come
through the adapter (editorial/bibtex_plugin.py); the markup is in hooks/templates/bibliography.j2.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

from citing import downloads
from citing.page import cited_keys
from editorial import bibtex_plugin, evidence, templates
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

MARKER = "<!-- full-bibliography -->"
CITED_ON = re.compile(r"<!-- cited-on:([^\s>]+) -->")  # keys are id-safe (bib_validation): no space, no ">"
DOWNLOAD_STEM = "references/references"  # .bib, .ris, .json: what readers import, never bib/ itself
GROUPS = evidence.GROUPS  # strongest kinds of evidence for clinical questions first
_macros = None


def macros():
    """The macros of templates/bibliography.j2, loaded once per process."""
    global _macros
    if _macros is None:
        env = templates.environment()
        env.filters["html"] = html.escape
        _macros = env.get_template("bibliography.j2").module
    return _macros


# key -> {page url: page title}, in the order pages render
citations_by_key: dict[str, dict[str, str]] = defaultdict(dict)


def sort_key(entry) -> tuple:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    first = " ".join(persons[0].last_names) if persons else entry.fields.get("title", "")
    return (first.strip("{}").lower(), entry.fields.get("year", ""))


def render_list(entries: dict, format_reference) -> str:
    """Markdown for the whole bibliography: one section per evidence type, one item per entry.

    `format_reference(key)` is the formatted reference; keys are id-safe (bib_validation), escaped all the same.
    """
    grouped = defaultdict(list)
    for key, entry in entries.items():
        grouped[entry.fields.get("evidence", "")].append((key, entry))
    out = []
    for kind, heading in GROUPS:
        items = sorted(grouped.pop(kind, []), key=lambda item: sort_key(item[1]))
        if items:
            listed = [{"key": key, "reference": format_reference(key)} for key, _ in items]
            out.append(macros().section(kind, heading, listed))
    if grouped:  # an evidence type nobody declared must not vanish silently
        raise ValueError(f"entries with an unknown evidence type: {sorted(k for v in grouped.values() for k, _ in v)}")
    return "\n".join(out)


def backlinks_html(key: str, here_url: str) -> str:
    """ "Cited on: Page; Page" with links relative to the bibliography page."""
    pages = citations_by_key.get(key, {})
    if not pages:
        return ""
    listed = [{"href": get_relative_url(url, here_url), "title": title} for url, title in pages.items()]
    return str(macros().cited_on(listed))


def on_config(config):
    citations_by_key.clear()  # `mkdocs serve` rebuilds in the same process
    return config


def on_files(files, config):
    """The whole bibliography as BibTeX, RIS and CSL-JSON, exported for readers (hooks/citing/)."""
    entries = bibtex_plugin.entries(config)
    for extension, text in downloads.files(entries, sorted(entries)).items():
        files.append(File.generated(config, f"{DOWNLOAD_STEM}.{extension}", content=text))
    return files


@event_priority(-100)  # after mkdocs-bibtex: the marker page gets the whole list
def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, render_list(bibtex_plugin.entries(config), bibtex_plugin.reference(config)))


def on_page_content(html, page, config, files):
    known = bibtex_plugin.entries(config)
    for key in cited_keys(html):  # "cited on" names pages, so the reference list is enough
        if key in known:
            citations_by_key[key].setdefault(page.url, page.title)
    return html


def fill_backlinks(content: str, here_url: str) -> str:
    """Each entry's "cited on" marker replaced by its backlinks, in one pass over the page."""
    return CITED_ON.sub(lambda match: backlinks_html(match[1], here_url), content)


@event_priority(100)  # before the search plugin indexes the page
def on_page_context(context, page, config, nav):
    if 'id="ref-' in (page.content or ""):
        page.content = fill_backlinks(page.content, page.url)
    return context
