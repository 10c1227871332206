"""Review intervals (data/review-intervals.yml) and the "review overdue" rule.

Overdue is shown to readers and warned about in `mkdocs serve`, never raised as a
build error: a build that passes today must pass next year on the same commit.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

from editorial.yamlfile import DataError, load_with_lines

# Not under the "mkdocs" logger: MkDocs' strict mode counts that logger's warnings.
log = logging.getLogger("hormones_oxytocin.review")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


@dataclass(frozen=True)
class Intervals:
    regulatory: int
    pages: dict

    def for_page(self, src_uri: str) -> int:
        section = src_uri.split("/", 1)[0] if "/" in src_uri else ""
        return self.pages.get(section, self.pages["default"])


def load(path: Path) -> Intervals:
    data = load_with_lines(path)
    months = (data or {}).get("pages") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("regulatory"), int) or not isinstance(months, dict):
        raise DataError(f"{path}:1: needs 'regulatory' (months) and 'pages' (months per section, with 'default')")
    if "default" not in months or not all(isinstance(v, int) and v > 0 for v in months.values()):
        raise DataError(f"{path}:1: 'pages' needs whole numbers of months and a 'default'")
    return Intervals(data["regulatory"], months)


def due(checked: datetime.date, months: int) -> datetime.date:
    """The day a check made on `checked` falls due, `months` calendar months later."""
    year, month = divmod(checked.month - 1 + months, 12)
    first = datetime.date(checked.year + year, month + 1, 1)
    last_day = ((first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - first).days
    return first.replace(day=min(checked.day, last_day))


def overdue(checked: datetime.date, months: int, today: datetime.date) -> bool:
    return today > due(checked, months)


def warn(what: str, checked: datetime.date, months: int, valid_until: datetime.date | None = None) -> None:
    if valid_until is not None:  # a yearly edition (WADA's list) has been replaced
        log.warning(f"Review overdue: {what} rests on an edition in force until {valid_until}; check the current one.")
    else:
        log.warning(f"Review overdue: {what} was checked on {checked}; the interval is {months} months.")
