"""End every page that cites sources with a "References" section, kept out of search.

Why: mkdocs-bibtex appends the page's footnotes without a heading, and Material
indexes them, so a query for a word in a paper's title would list every page that
cites the paper. This hook adds the heading (so the list sits in the table of
contents and prints under a title) and marks the list `data-search-exclude`.
"""

from __future__ import annotations

from editorial import citations
from mkdocs.plugins import event_priority

HEADING = "## References { #references }"
MARKER = "///Footnotes Go Here///"  # Python-Markdown's footnote placement marker


def add_references_heading(markdown: str) -> str:
    # The site's one citation grammar decides what counts as a citation (code is masked already).
    if MARKER in markdown or not citations.groups(markdown):
        return markdown
    return f"{markdown.rstrip()}\n\n{HEADING}\n\n{MARKER}\n"


def exclude_footnotes_from_search(html: str) -> str:
    return html.replace('<div class="footnote"', '<div class="footnote" data-search-exclude', 1)


@event_priority(50)  # before mkdocs-bibtex, which appends the footnote definitions
def on_page_markdown(markdown, page, config, files):
    return add_references_heading(markdown)


def on_page_content(html, page, config, files):
    return exclude_footnotes_from_search(html)
