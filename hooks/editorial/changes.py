"""The corrections log: dated `changes:` entries in each page's front matter.

    changes:
      - date: 2026-12-02
        summary: Said X; the cited study shows only Y, in mice.

Why: readers who cited a page must be able to see what changed and why, like the
Stanford Encyclopedia of Philosophy's "substantive revision" dates. The entries live
with the page they describe; hooks/corrections_log.py gathers them into the log page,
a page per date under it, its Atom feed and each page's "Last substantive change" line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Change:
    src_uri: str
    title: str
    date: datetime.date
    summary: str

    @property
    def anchor(self) -> str:
        """The id of this page's entries for this date, on the date's page and on the log's line for it."""
        return f"{self.date}-" + re.sub(r"[^a-z0-9]+", "-", self.src_uri.removesuffix(".md").lower()).strip("-")

    @property
    def log_page(self) -> str:
        """The corrections log's page for this date."""
        return day_page(self.date)


def day_page(date: datetime.date) -> str:
    """The source path of the corrections log's page for a date: about/changes/2026-12-03.md."""
    return f"about/changes/{date}.md"


def day_url(date: datetime.date) -> str:
    """The URL path of that page (directory URLs): about/changes/2026-12-03/."""
    return day_page(date).removesuffix(".md") + "/"


def day_label(date: datetime.date) -> str:
    """A date as the log and the edition banner write it: 3 December 2026."""
    return f"{date.day} {date:%B %Y}"


def front_matter(text: str) -> tuple[str, int]:
    """The YAML front matter of a page and the file line it starts on ('' when there is none)."""
    if not text.startswith("---"):
        return "", 0
    end = re.search(r"^---\s*$", text[3:], re.MULTILINE)
    return (text[3 : 3 + end.start()], 1) if end else ("", 0)


def read(src_uri: str, text: str, today: datetime.date) -> list[Change]:
    """The page's changes; a malformed entry raises ValueError naming the file, line and field."""
    yaml_text, first_line = front_matter(text)
    if "changes" not in yaml_text:
        return []
    where = f"docs/{src_uri}"
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        meta = yaml.safe_load(yaml_text) or {}
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        line = first_line + (mark.line if mark else 0)
        what = "; ".join(p for p in (error.context, error.problem) if p)
        raise ValueError(f"{where}:{line}: front matter is not valid YAML: {what}") from None
    items = meta.get("changes")
    if items is None:
        return []
    field_node = next((v for k, v in node.value if k.value == "changes"), None)
    if not isinstance(items, list):
        raise ValueError(f"{where}:{first_line + field_node.start_mark.line}: 'changes' must be a list")
    found = []
    for item, item_node in zip(items, field_node.value, strict=True):
        line = first_line + item_node.start_mark.line
        if not isinstance(item, dict):
            raise ValueError(f"{where}:{line}: each item of 'changes' needs 'date' and 'summary'")
        date, summary = item.get("date"), item.get("summary")
        if not isinstance(date, datetime.date):
            raise ValueError(f"{where}:{line}: changes: 'date' must be a date such as 2026-12-02")
        if date > today:
            raise ValueError(f"{where}:{line}: changes: 'date' {date} is in the future")
        if not isinstance(summary, str) or not summary.strip():
            raise ValueError(f"{where}:{line}: changes: 'summary' is missing")
        found.append(Change(src_uri, str(meta.get("title") or src_uri), date, " ".join(summary.split())))
    return found


def by_date(changes: list[Change]) -> list[tuple[datetime.date, list[tuple[str, list[Change]]]]]:
    """Newest date first; within a date, pages in title order, each with its changes."""
    dates: dict = {}
    for change in changes:
        dates.setdefault(change.date, {}).setdefault(change.src_uri, []).append(change)
    return [
        (date, sorted(pages.items(), key=lambda item: item[1][0].title.lower()))
        for date, pages in sorted(dates.items(), reverse=True)
    ]


def latest(changes: list[Change], src_uri: str) -> Change | None:
    mine = [c for c in changes if c.src_uri == src_uri]
    return max(mine, key=lambda c: c.date) if mine else None
