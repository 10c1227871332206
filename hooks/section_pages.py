"""Section pages list their pages from the nav, each with its own front-matter `description`.

Why: section indexes kept their page lists by hand, so a new page meant rewriting the
index, and the lists drifted from the nav (issue 17). A page writes the marker alone on a
line where the list belongs:

    <!-- section-pages -->                          the pages of its own section, with descriptions
    <!-- section-pages ../mechanisms/index.md -->   another section, named by its index page
    <!-- section-pages ../mechanisms/index.md titles -->   links only

and this hook replaces it with every page of that section in nav order (a subsection by its
index page), rendered by hooks/templates/section-pages.md.j2 as relative .md links, which
MkDocs validates like handwritten ones. Adding a page then needs only the page and its nav
line. A marker that names no section stops the build with one line naming file and line.

It runs late (after the checks that report line numbers on the page as written) and reads
the other pages' front matter itself, because an index is built before its pages are read.
"""

from __future__ import annotations

import posixpath
import re

import jinja2
from editorial import templates
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

TEMPLATE = "section-pages.md.j2"
MARKER = re.compile(r"^<!--\s*section-pages(?:\s+(?P<index>\S+\.md))?(?:\s+(?P<titles>titles))?\s*-->[ \t]*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# Characters Markdown would act on inside a description or title (Python-Markdown escapes them with "\").
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]])")


def md_escape(text: str) -> str:
    """Plain text made safe to place in Markdown: no emphasis, links, attribute lists or raw HTML."""
    text = " ".join(str(text).split())
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def environment() -> jinja2.Environment:
    env = templates.environment(strict=True)
    env.filters["md"] = md_escape
    return env


def markers(markdown: str):
    """(line index, match) for each marker line outside fenced code."""
    fence = None
    for number, line in enumerate(markdown.split("\n")):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1).startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)[0] * 3
            continue
        match = MARKER.match(line)
        if match:
            yield number, match


def page_summary(page) -> tuple[str, str | None]:
    """Title and description of a nav page, read from its file when the build has not read it yet."""
    if page.markdown is not None:
        meta, markdown = page.meta, page.markdown
    else:
        markdown, meta = get_data(page.file.content_string)
    title = page.title or meta.get("title") or get_markdown_title(markdown)
    if not title:
        title = page.file.name.replace("-", " ").replace("_", " ").capitalize()
    description = meta.get("description")
    return str(title), description if isinstance(description, str) and description.strip() else None


def section_items(section, from_uri: str, skip) -> list[dict]:
    """One item per page of a nav section, in nav order; a subsection stands for its index page."""
    items = []
    for child in section.children or []:
        if child.is_section:
            child = next((c for c in child.children or [] if c.is_page and c.is_index), None)
        if child is None or not child.is_page or child is skip:
            continue
        title, description = page_summary(child)
        href = posixpath.relpath(child.file.src_uri, posixpath.dirname(from_uri) or ".")
        items.append({"title": title, "description": description, "href": href})
    return items


def render(items: list[dict], titles: bool = False) -> str:
    return environment().get_template(TEMPLATE).render(items=items, titles=titles)


def source_line(page, marker_text: str) -> int:
    """The file line of a marker, for error messages (the Markdown seen here has lost its front matter)."""
    for number, line in enumerate(page.file.content_string.split("\n"), start=1):
        if line.strip() == marker_text.strip():
            return number
    return 1


def target_section(page, index: str | None, files):
    """The nav section a marker names: the page's own, or the section whose index page it links to."""
    if index is None:
        return page.parent, page
    target = files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), index)))
    target_page = target.page if target is not None else None
    if target_page is None or not target_page.is_index or target_page.parent is None:
        return None, None
    return target_page.parent, target_page


@event_priority(-40)  # late: the checks before this report lines of the page as written
def on_page_markdown(markdown, page, config, files):
    lines = markdown.split("\n")
    for number, match in reversed(list(markers(markdown))):
        section, index_page = target_section(page, match["index"], files)
        if section is None:
            where = f"docs/{page.file.src_uri}:{source_line(page, match[0])}"
            what = (
                f"'{match['index']}' is not the index page of a section in the nav"
                if match["index"]
                else (
                    "this page is not in a nav section; name one, as in <!-- section-pages ../mechanisms/index.md -->"
                )
            )
            raise PluginError(f"{where}: section-pages: {what}")
        lines[number] = render(section_items(section, page.file.src_uri, index_page), bool(match["titles"]))
    return "\n".join(lines)
