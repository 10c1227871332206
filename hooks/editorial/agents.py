"""Facts that change, kept once: each agent's regulatory status, read from data/agents.yml.

Why: approvals, withdrawals, label changes, compounding lists and anti-doping classes go
stale. Written by hand on several pages, they drifted apart and out of date. Here each
fact has a source key, a `checked:` date and a review interval; pages only point at it
with a placeholder, and the renderer (hooks/regulatory_status.py) writes the words.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from editorial import review
from editorial.yamlfile import DataError, line_of_key, load_with_lines

# A medicines regulator's decisions, the same words for every agency.
APPROVAL = {"approved", "withdrawn", "discontinued", "never-approved", "not-approved", "unconfirmed"}
# What each block is about, in the order a status box shows them.
REGULATORS = {
    "fda": ("FDA (United States)", APPROVAL),
    "ema": ("EMA (European Union)", APPROVAL | {"not-authorised"}),
    "tga": ("TGA (Australia)", APPROVAL),
    "compounding": (
        "United States compounding",
        {"category-1", "category-2", "category-3", "removed", "not-listed", "not-applicable", "unconfirmed"},
    ),
    "wada": (
        "Sport (WADA)",
        {"prohibited", "prohibited-in-competition", "prohibited-in-males", "not-listed", "unconfirmed"},
    ),
}
AGENT_FIELDS = {"name", "other_names", "unconfirmed", *REGULATORS}
FACT_FIELDS = {
    "short",
    "status",
    "text",
    "source",
    "checked",
    "approved",
    "withdrawn",
    "discontinued",
    "events",
    "history",
    "class",
    "unconfirmed",
    "note",
    "valid_until",
}


@dataclass(frozen=True)
class Fact:
    agent: str
    field: str
    status: str
    text: str
    sources: tuple[str, ...]
    checked: datetime.date
    unconfirmed: str = ""
    short: str = ""
    label: str = ""
    events: tuple[tuple[datetime.date, str, tuple[str, ...]], ...] = ()
    valid_until: datetime.date | None = None  # the last day the cited edition is in force (a yearly list)

    @property
    def regulator(self) -> str:
        return REGULATORS[self.field][0]

    def due(self, months: int) -> datetime.date:
        """When to check again: the interval after `checked`, or the end of the edition it rests on if sooner."""
        interval = review.due(self.checked, months)
        return interval if self.valid_until is None else min(interval, self.valid_until)

    def late(self, months: int, on: datetime.date) -> bool:
        return on > self.due(months)


@dataclass(frozen=True)
class Agent:
    id: str
    name: str
    other_names: tuple[str, ...]
    facts: dict
    unconfirmed: str = ""

    def oldest_check(self) -> datetime.date:
        return min(f.checked for f in self.facts.values())

    def late(self, months: int, on: datetime.date) -> bool:
        return any(f.late(months, on) for f in self.facts.values())


def _keys(value, where: str) -> tuple[str, ...]:
    keys = [value] if isinstance(value, str) else value
    if not keys or not isinstance(keys, list) or not all(isinstance(k, str) and k for k in keys):
        raise ValueError(f"{where}: 'source' must be a bib key or a list of keys")
    return tuple(keys)


def _date(value, where: str, today: datetime.date) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ValueError(f"{where}: must be a date such as 2026-12-02")
    if value > today:
        raise ValueError(f"{where}: {value} is in the future")
    return value


def _fact(agent_id: str, field: str, raw, today: datetime.date) -> Fact:
    if not isinstance(raw, dict):
        raise ValueError(f"{field}: must be a mapping with status, text, source and checked")
    unknown = set(raw) - FACT_FIELDS
    if unknown:
        raise ValueError(f"{field}.{sorted(unknown)[0]}: unknown field")
    statuses = REGULATORS[field][1]
    if raw.get("status") not in statuses:
        raise ValueError(f"{field}.status: must be one of {', '.join(sorted(statuses))}")
    if not isinstance(raw.get("text"), str) or not raw["text"].strip():
        raise ValueError(f"{field}.text: missing")
    if "source" not in raw:
        raise ValueError(f"{field}.source: missing (every fact names the bib key it rests on)")
    sources = _keys(raw["source"], f"{field}.source")
    checked = _date(raw.get("checked"), f"{field}.checked", today)
    for name in ("approved", "withdrawn", "discontinued"):
        if raw.get(name) is not None:
            _date(raw[name], f"{field}.{name}", today)
    valid_until = raw.get("valid_until")
    if valid_until is not None and (not isinstance(valid_until, datetime.date) or valid_until < checked):
        raise ValueError(f"{field}.valid_until: must be a date on or after 'checked', such as 2026-12-31")
    events = []
    for i, event in enumerate(raw.get("events") or []):
        if not isinstance(event, dict) or not isinstance(event.get("text"), str):
            raise ValueError(f"{field}.events.{i}: needs date, text and source")
        date = _date(event.get("date"), f"{field}.events.{i}.date", today)
        events.append((date, event["text"], _keys(event.get("source"), f"{field}.events.{i}.source")))
    for i, item in enumerate(raw.get("history") or []):
        if not isinstance(item, dict) or not isinstance(item.get("list"), str):
            raise ValueError(f"{field}.history.{i}: needs list, from, to and source")
        _date(item.get("from"), f"{field}.history.{i}.from", today)
        if item.get("to") is not None:
            _date(item["to"], f"{field}.history.{i}.to", today)
        _keys(item.get("source"), f"{field}.history.{i}.source")
    return Fact(
        agent_id,
        field,
        raw["status"],
        " ".join(raw["text"].split()),
        sources,
        checked,
        str(raw.get("unconfirmed") or ""),
        " ".join(str(raw.get("short") or "").split()),
        status_label(field, raw["status"], raw.get("class")),
        tuple(events),
        valid_until,
    )


LABELS = {
    "approved": "Approved", "withdrawn": "Approval withdrawn", "discontinued": "No longer marketed",
    "never-approved": "Never approved", "not-approved": "Not approved", "not-authorised": "Not authorised",
    "unconfirmed": "Unconfirmed", "category-1": "Category 1", "category-2": "Category 2", "category-3": "Category 3",
    "removed": "Removed from the lists", "not-listed": "Not named", "not-applicable": "Not applicable",
    "prohibited": "Prohibited", "prohibited-in-competition": "Prohibited in competition",
    "prohibited-in-males": "Prohibited in males",
}  # fmt: skip


def status_label(field: str, status: str, klass=None) -> str:
    """A few words for a table cell when the data gives no `short` text."""
    label = LABELS.get(status, status)
    return f"{label} ({klass})" if klass and field == "wada" else label


def load(path: Path, today: datetime.date) -> dict[str, Agent]:
    """Every agent; a problem raises DataError naming the file, the line and the field."""
    try:
        data = load_with_lines(path)
    except FileNotFoundError:
        raise DataError(f"{path}: missing (regulatory facts live here)") from None
    if not isinstance(data, dict):
        raise DataError(f"{path}:1: a mapping of agent ids to their facts is expected")
    # Raised messages read "<field path>: <problem>"; the path finds the line.
    agents = {}
    for agent_id, raw in data.items():
        try:
            if not isinstance(raw, dict):
                raise ValueError(": must be a mapping with name and facts")
            unknown = set(raw) - AGENT_FIELDS
            if unknown:
                raise ValueError(f"{sorted(unknown)[0]}: unknown field")
            if not isinstance(raw.get("name"), str):
                raise ValueError("name: missing")
            facts = {field: _fact(agent_id, field, raw[field], today) for field in REGULATORS if field in raw}
            if not facts:
                raise ValueError(": no facts; give at least one of " + ", ".join(REGULATORS))
        except ValueError as error:
            field_path = str(error).split(":", 1)[0].split(".")
            parts = [agent_id] + [int(p) if p.isdigit() else p for p in field_path]
            line = line_of_key(path, parts)
            raise DataError(f"{path}:{line}: {agent_id}.{error}".replace(".:", ":")) from None
        agents[agent_id] = Agent(
            agent_id, raw["name"], tuple(raw.get("other_names") or ()), facts, str(raw.get("unconfirmed") or "")
        )
    return agents


def all_sources(agents: dict[str, Agent]) -> set[str]:
    keys = set()
    for agent in agents.values():
        for fact in agent.facts.values():
            keys.update(fact.sources)
            for _, _, sources in fact.events:
                keys.update(sources)
    return keys
