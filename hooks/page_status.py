"""Show "Last reviewed · Last substantive change · Evidence" under each title, from front matter.

Why: readers should see how fresh and how strong a page's evidence is before reading
it, and when its text last changed in substance (linked to that date's page of the
corrections log, as the Stanford Encyclopedia of Philosophy shows "substantive revision").
The values live in front matter so that tests and "Cite this page" use the same source.
A page whose review date is past its section's interval (data/review-intervals.yml) says
"review overdue", and `mkdocs serve` warns; it is never a build error.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from editorial import certainty, review
from editorial.changes import Change
from editorial.yamlfile import DataError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

H1 = re.compile(r"^# .+$", re.MULTILINE)
POLICY = certainty.POLICY
LOG = "about/changes.md"
state: dict = {}


def latest_change(meta: dict, src_uri: str) -> Change | None:
    dated = [c for c in meta.get("changes") or [] if isinstance(c, dict) and isinstance(c.get("date"), datetime.date)]
    if not dated:
        return None
    newest = max(dated, key=lambda c: c["date"])
    return Change(src_uri, "", newest["date"], "")


def status_line(
    meta: dict, src_uri: str, months: int | None = None, today: datetime.date | None = None, log: bool = True
) -> str:
    parts = []
    reviewed = meta.get("reviewed")
    if reviewed:
        part = f"Last reviewed {reviewed}"
        if months and isinstance(reviewed, datetime.date) and review.overdue(reviewed, months, today):
            part += ' <span class="review-overdue">review overdue</span>'
        parts.append(part)
    change = latest_change(meta, src_uri)
    if change and log:
        parts.append(
            f"[Last substantive change {change.date}]({relative_link(src_uri, change.log_page)}#{change.anchor})"
        )
    elif change:
        parts.append(f"Last substantive change {change.date}")
    level = meta.get(certainty.FIELD)
    if level in certainty.LEVELS:
        link = relative_link(src_uri, POLICY)
        parts.append(f"Evidence: [{certainty.LEVELS[level]}]({link}#{certainty.ANCHOR}){{ data-level={level} }}")
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


def on_config(config):
    try:
        state["intervals"] = review.load(Path(config.config_file_path).parent / "data" / "review-intervals.yml")
    except DataError as error:
        raise PluginError(str(error)) from None
    return config


@event_priority(-50)
def on_page_markdown(markdown, page, config, files):
    today = datetime.date.today()
    months = state["intervals"].for_page(page.file.src_uri)
    reviewed = page.meta.get("reviewed")
    if isinstance(reviewed, datetime.date) and review.overdue(reviewed, months, today):
        review.warn(f"docs/{page.file.src_uri}", reviewed, months)
    has_log = files.get_file_from_path(LOG) is not None
    return insert_after_title(markdown, status_line(page.meta, page.file.src_uri, months, today, has_log))
