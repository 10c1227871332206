"""Where a page's Markdown sits in its file, so that messages name the editor's line."""

from __future__ import annotations


def first_line(source: str, markdown: str) -> int:
    """File line of the Markdown's first line: MkDocs hands hooks the page without its front matter.

    Pass `page.markdown`, the page as read, not the text earlier hooks have already rewritten.
    """
    position = source.find(markdown[:200]) if markdown else -1
    return source.count("\n", 0, position) + 1 if position > 0 else 1
