"""The public corrections log: a page and an Atom feed made from every page's `changes:`.

Why: a correction must be visible to readers who relied on the earlier text, with its
date and reason (editorial policy). Entries live in the front matter of the page they
describe (hooks/editorial/changes.py); the page `about/changes.md` opts in with the
marker below, and the feed `corrections.xml` serves clinicians who follow updates.
mkdocs-rss-plugin was considered: it makes a feed of pages by their git dates, not of
dated correction entries, so it cannot say what changed and why.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from editorial import changes as log
from frontmatter import yaml_problem
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

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


def page_link(src_uri: str) -> str:
    """A Markdown link from the log page to a page (MkDocs checks and rewrites it)."""
    return "../" + src_uri if not src_uri.startswith("about/") else src_uri.removeprefix("about/")


def render(changes: list[log.Change]) -> str:
    if not changes:
        return "No corrections have been recorded yet."
    out = []
    for date, pages in log.by_date(changes):
        out.append(f"## {date:%-d %B %Y} {{ #{date} }}\n")
        for src_uri, items in pages:
            out.append(f"### [{items[0].title}]({page_link(src_uri)}) {{ #{items[0].anchor} }}\n")
            out += [f"- {c.summary}" for c in items]
            out.append("")
    return "\n".join(out)


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
    state["changes"] = gather(files, datetime.date.today())
    atom = feed(state["changes"], config.site_url or "/", config.site_name)
    files.append(File.generated(config, FEED_URI, content=atom))
    return files


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, render(state["changes"]))
