"""Show "Last reviewed · Evidence level" under each page title, from front matter.

Why: readers should see how fresh and how strong a page's evidence is before
reading it; the values live in front matter so that tests and "Cite this page"
use the same source. The line links to the editorial policy that defines the levels.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

H1 = re.compile(r"^# .+$", re.MULTILINE)
LEVEL_LABELS = {"high": "High", "moderate": "Moderate", "low": "Low", "very-low": "Very low"}
POLICY = "about/editorial-policy.md"


def status_line(meta: dict, policy_link: str) -> str:
    parts = []
    if meta.get("reviewed"):
        parts.append(f"Last reviewed {meta['reviewed']}")
    level = meta.get("evidence")
    if level in LEVEL_LABELS:
        parts.append(f"Evidence: [{LEVEL_LABELS[level]}]({policy_link}#evidence-levels){{ data-level={level} }}")
    if not parts:
        return ""
    # A Markdown link (not raw HTML) so that MkDocs rewrites and validates it.
    return " · ".join(parts) + '\n{ .page-status data-search-exclude="true" }'


def insert_after_title(markdown: str, line: str) -> str:
    match = H1.search(markdown)
    if not line or not match:
        return markdown
    return f"{markdown[: match.end()]}\n\n{line}\n{markdown[match.end() :]}"


def relative_link(src_uri: str, target: str) -> str:
    depth = src_uri.count("/")
    return "../" * depth + target


@event_priority(-50)
def on_page_markdown(markdown, page, config, files):
    return insert_after_title(markdown, status_line(page.meta, relative_link(page.file.src_uri, POLICY)))
