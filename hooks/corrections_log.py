"""The public corrections log: an index, a page per date and an Atom feed, from every page's `changes:`.

Why: a correction must be visible to readers who relied on the earlier text, with its
date and reason (editorial policy). Entries live in the front matter of the page they
describe (hooks/editorial/changes.py); the page `about/changes.md` opts in with the
marker below, and the feed `corrections.xml` serves clinicians who follow updates.
mkdocs-rss-plugin was considered: it makes a feed of pages by their git dates, not of
dated correction entries, so it cannot say what changed and why.

The log grows with every correction, and one page of them all outgrew the first-view
budget (issue 14: 83 KiB at 291 entries). So the index lists each date and, under it, each
page corrected that day with its number of corrections; the reasons are on a page per
date (about/changes/2026-12-03.md -> about/changes/2026-12-03/), generated here and left
out of the nav. Ids stay where old links expect them: the index keeps each date's id, and
gives each page's line the id that page's section had on the single page (and still has
on the date's page). Links into the log ("Last substantive change", an edition's "what
changed") go to the date's page. The feed's entry ids are permanent and do not change.
Markup: hooks/templates/corrections-log.md.j2 and corrections-day.md.j2.
"""

from __future__ import annotations

import datetime
import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import yaml
from editorial import changes as log
from editorial import templates
from frontmatter import yaml_problem
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

MARKER = "<!-- corrections-log -->"
LOG_PAGE = "about/changes.md"
# At the site root: Material reads every <link rel=alternate> as a language version and fetches
# sitemap.xml beside it, which exists only at the root (of the site or of an edition).
FEED_URI = "corrections.xml"
ATOM = "http://www.w3.org/2005/Atom"
state: dict = {"changes": []}


def gather(files, today: datetime.date) -> list[log.Change]:
    found = []
    for file in files.documentation_pages():
        try:
            found += log.read(file.src_uri, file.content_string, today)
        except ValueError as error:  # an impossible date in the front matter: the line frontmatter.py names
            broken = yaml_problem(file.content_string)
            raise PluginError(f"docs/{file.src_uri}:{broken}" if broken else str(error)) from None
    return found


def link(from_uri: str, to_uri: str) -> str:
    """A relative Markdown link between two source files (MkDocs checks and rewrites it)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def render(changes: list[log.Change]) -> str:
    """The index: each date, newest first, with one line per page corrected that day."""
    days = []
    for date, pages in log.by_date(changes):
        href = link(LOG_PAGE, log.day_page(date))
        lines = [{"title": items[0].title, "anchor": items[0].anchor, "count": len(items)} for _, items in pages]
        days.append({"date": date, "label": log.day_label(date), "href": href, "pages": lines})
    return templates.environment(strict=True).get_template("corrections-log.md.j2").render(days=days)


def day_pages(changes: list[log.Change], reviewed: datetime.date) -> dict[str, str]:
    """The Markdown of each date's page, by source path."""
    dated = log.by_date(changes)
    template = templates.environment(strict=True).get_template("corrections-day.md.j2")
    out = {}
    for number, (date, pages) in enumerate(dated):
        src_uri = log.day_page(date)
        newer = dated[number - 1][0] if number > 0 else None
        older = dated[number + 1][0] if number + 1 < len(dated) else None
        sections = [
            {
                "title": items[0].title,
                "anchor": items[0].anchor,
                "href": link(src_uri, page),
                "summaries": [c.summary for c in items],
            }
            for page, items in pages
        ]
        out[src_uri] = template.render(
            label=log.day_label(date),
            reviewed=reviewed,
            index=link(src_uri, LOG_PAGE),
            pages=sections,
            newer=day_link(src_uri, newer),
            older=day_link(src_uri, older),
        )
    return out


def day_link(from_uri: str, date: datetime.date | None) -> dict | None:
    """A link from a date's page to another date's."""
    return {"label": log.day_label(date), "href": link(from_uri, log.day_page(date))} if date else None


def log_reviewed(text: str, fallback: datetime.date) -> datetime.date:
    """The log page's `reviewed:` date; if it has none, hooks/frontmatter.py names the log page, not each date's."""
    try:
        meta = yaml.safe_load(log.front_matter(text)[0]) or {}
    except (yaml.YAMLError, ValueError):
        meta = {}
    reviewed = meta.get("reviewed") if isinstance(meta, dict) else None
    return reviewed if isinstance(reviewed, datetime.date) else fallback


def page_path(src_uri: str) -> str:
    """The URL path of a page (directory URLs): mechanisms/estradiol.md -> mechanisms/estradiol/."""
    path = src_uri.removesuffix(".md")
    return path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"


def feed(changes: list[log.Change], site_url: str, site_name: str) -> str:
    """Atom 1.0: one entry per page and date, newest first."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    log_url = urljoin(site_url, "about/changes/")
    newest = max((c.date for c in changes), default=datetime.date(2026, 1, 1))
    for tag, text in (("title", f"{site_name}: corrections"), ("id", log_url), ("updated", f"{newest}T00:00:00Z")):
        ET.SubElement(root, f"{{{ATOM}}}{tag}").text = text
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=log_url)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=urljoin(site_url, FEED_URI))
    ET.SubElement(ET.SubElement(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = f"{site_name} editorial team"
    for date, pages in log.by_date(changes):
        for src_uri, items in pages:
            entry = ET.SubElement(root, f"{{{ATOM}}}entry")
            ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{items[0].title}: corrected on {date}"
            ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{log_url}#{items[0].anchor}"
            ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{date}T00:00:00Z"
            page_url = urljoin(site_url, page_path(src_uri))
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=page_url)
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = " ".join(c.summary for c in items)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def on_files(files, config):
    today = datetime.date.today()
    state["changes"] = gather(files, today)
    atom = feed(state["changes"], config.site_url or "/", config.site_name)
    files.append(File.generated(config, FEED_URI, content=atom))
    index = files.get_file_from_path(LOG_PAGE)
    if index is not None:  # a site without the log page has no pages under it either
        reviewed = log_reviewed(index.content_string, today)
        for src_uri, text in day_pages(state["changes"], reviewed).items():
            files.append(File.generated(config, src_uri, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, render(state["changes"]))
