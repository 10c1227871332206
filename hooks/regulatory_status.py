"""Render regulatory statuses from data/agents.yml; reject statuses written by hand.

Why: a status written into a page goes stale unseen. Pages write a placeholder:

    {{ status zuranolone }}            alone on a line: the agent's status box
    {{ status zuranolone fda }}        in a sentence or table cell: one fact as a phrase
    {{ status zuranolone checked }}    the date its facts were last checked

and this hook writes the words (in a table cell, the fact's `short` form), each fact with
its citation and "checked on" date, and "review overdue" once the date is past the interval
in data/review-intervals.yml. Every source key in the data must exist in bib/ (checked once
per build, in on_files); the pipeline's order is in hooks/citations.py.
A sentence that names an agent next to a status phrase ("approved for", "withdrawn",
"category 2", "prohibited"…) outside a placeholder stops the build. The markup is in
hooks/templates/regulatory-status.j2.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from editorial import agents as agent_data
from editorial import bibtex_plugin, review, templates
from editorial.pages import first_line
from editorial.yamlfile import DataError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PLACEHOLDER = re.compile(r"\{\{\s*status\s+(?P<agent>[\w-]+)(?:\s+(?P<field>[\w-]+))?\s*\}\}")
SHORT = {"fda": "FDA", "ema": "EMA", "tga": "TGA", "compounding": "US compounding", "wada": "WADA"}
STATUS_PHRASE = re.compile(
    r"\b(?:(?:FDA|EMA)[- ]approved|approved (?:for|by|in|as|to|only)|(?:not|never|formerly) approved"
    r"|withdrawn|withdrew|category [123]\b|schedule (?:I{1,3}|IV|V)\b|controlled substance"
    r"|prohibited|banned)",
    re.IGNORECASE,
)
DATA = Path("data")
state: dict = {}
_macros = None


def macros():
    """The macros of templates/regulatory-status.j2, loaded once per process."""
    global _macros
    if _macros is None:
        _macros = templates.environment(trim=True).get_template("regulatory-status.j2").module
    return _macros


def today() -> datetime.date:
    return datetime.date.today()


def load(config_dir: Path, on: datetime.date) -> tuple[dict, review.Intervals]:
    try:
        return (
            agent_data.load(config_dir / DATA / "agents.yml", on),
            review.load(config_dir / DATA / "review-intervals.yml"),
        )
    except DataError as error:
        raise PluginError(str(Path(str(error)).as_posix()).replace(f"{config_dir.as_posix()}/", "")) from None


def cite(keys) -> str:
    return "[" + "; ".join(f"@{k}" for k in keys) + "]"


def warn_late(agent, months: int, on: datetime.date) -> None:
    """One serve warning per agent: which fact is late, and why (interval passed, or its edition ended)."""
    ended = [f for f in agent.facts.values() if f.valid_until is not None and on > f.valid_until]
    if ended:
        what = f"the {ended[0].regulator} status of {agent.name} (data/agents.yml)"
        review.warn(what, ended[0].checked, months, ended[0].valid_until)
    else:
        review.warn(f"the regulatory status of {agent.name} (data/agents.yml)", agent.oldest_check(), months)


def phrase(fact, months: int, on: datetime.date) -> str:
    """One fact inside a sentence: its words, regulator, checked date and citation."""
    late = fact.late(months, on)
    unconfirmed = fact.status == "unconfirmed"
    return str(macros().phrase(fact.text, unconfirmed, SHORT[fact.field], fact.checked, late, cite(fact.sources)))


def short_phrase(fact, months: int, on: datetime.date) -> str:
    """One fact in a few words, for a table cell: the `short` text (or its status), citation, overdue mark."""
    late = fact.late(months, on)
    return str(macros().short(fact.short or fact.label, cite(fact.sources), late))


def checked_cell(agent, months: int, on: datetime.date) -> str:
    oldest = agent.oldest_check()
    return str(macros().checked(oldest, agent.late(months, on)))


def box(agent, months: int, on: datetime.date) -> str:
    """The agent's status box: one paragraph per regulator, dated events, unconfirmed reports."""
    oldest = agent.oldest_check()
    late = agent.late(months, on)
    kind, title = (
        ("warning", f"Regulatory status of {agent.name}, checked on {oldest}: review overdue")
        if late
        else ("info", f"Regulatory status of {agent.name}, checked on {oldest}")
    )
    facts = [
        {
            "regulator": fact.regulator,
            "text": fact.text[0].upper() + fact.text[1:],
            "cite": cite(fact.sources),
            "checked": fact.checked,
            "late": fact.late(months, on),
            "events": [{"date": date, "text": event, "cite": cite(sources)} for date, event, sources in fact.events],
            "unconfirmed": fact.unconfirmed,
        }
        for fact in agent.facts.values()
    ]
    return str(macros().box(kind, title, facts, agent.unconfirmed)).removesuffix("\n")


def expand(markdown: str, agents: dict, months: int, on: datetime.date, src: str, start: int = 1) -> str:
    """Replace every placeholder; an unknown agent or fact raises one line naming the page and line."""
    out = []
    for number, line in enumerate(markdown.split("\n"), start=start):

        def render(match, line=line, number=number):
            agent = agents.get(match["agent"])
            where = f"{src}:{number}: {match[0]}"
            if agent is None:
                raise PluginError(f"{where}: no agent '{match['agent']}' in data/agents.yml")
            field = match["field"]
            if field is None:
                if line.strip() != match[0]:
                    raise PluginError(
                        f"{where}: a status box stands alone on its line; in a sentence name a "
                        f"field ({', '.join([*SHORT, 'checked'])})"
                    )
                return box(agent, months, on)
            if field == "checked":
                return checked_cell(agent, months, on)
            if field not in SHORT:
                raise PluginError(f"{where}: unknown field '{field}' (use {', '.join([*SHORT, 'checked'])})")
            if field not in agent.facts:
                raise PluginError(f"{where}: data/agents.yml has no '{field}' facts for {match['agent']}")
            if line.lstrip().startswith("|"):  # a table cell: a few words; the table dates the row
                return short_phrase(agent.facts[field], months, on)
            return phrase(agent.facts[field], months, on)

        out.append(PLACEHOLDER.sub(render, line) if "{{" in line else line)
    return "\n".join(out)


def agent_names(agents: dict) -> re.Pattern | None:
    names = {n for a in agents.values() for n in (a.name, *a.other_names) if len(n) > 2}
    if not names:
        return None
    alternatives = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def hand_written_statuses(markdown: str, names: re.Pattern | None, start: int = 1) -> list[tuple[int, str]]:
    """(line, phrase) for each source line naming an agent beside a status phrase, outside placeholders."""
    if names is None:
        return []
    found = []
    fence = False
    for number, line in enumerate(markdown.split("\n"), start=start):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence:
            continue
        text = re.sub(r"`[^`]*`|<!--.*?-->|\]\([^)]*\)", "", PLACEHOLDER.sub("", line))
        status = STATUS_PHRASE.search(text)
        if status and names.search(text):
            found.append((number, status[0]))
    return found


def on_config(config):
    on = today()
    state["agents"], state["intervals"] = load(Path(config.config_file_path).parent, on)
    state["names"] = agent_names(state["agents"])
    state["warned"] = set()
    return config


@event_priority(110)  # before the citation checks and mkdocs-bibtex see the citations it writes
def on_page_markdown(markdown, page, config, files):
    src = f"docs/{page.file.src_uri}"
    start = first_line(page.file.content_string, page.markdown)
    hand = hand_written_statuses(markdown, state["names"], start)
    if hand and not page.file.src_uri.startswith("about/"):
        line, words = hand[0]
        more = f" (and {len(hand) - 1} more)" if len(hand) > 1 else ""
        raise PluginError(
            f"{src}:{line}: regulatory status written by hand ('{words}'){more}: "
            "use {{ status AGENT FIELD }} so it renders from data/agents.yml"
        )
    if "{{" not in markdown:
        return markdown
    on, months = today(), state["intervals"].regulatory
    for match in PLACEHOLDER.finditer(markdown):
        agent = state["agents"].get(match["agent"])
        if agent and agent.late(months, on) and agent.id not in state["warned"]:
            state["warned"].add(agent.id)
            warn_late(agent, months, on)
    return expand(markdown, state["agents"], months, on, src, start)


def on_files(files, config):
    """Every source a fact rests on must exist in bib/ (checked once the plugin has read it)."""
    if not bibtex_plugin.loaded(config):
        return files
    missing = sorted(agent_data.all_sources(state["agents"]) - set(bibtex_plugin.entries(config)))
    if missing:
        raise PluginError(
            f"data/agents.yml: source key '{missing[0]}' is not in bib/"
            + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
        )
    return files
