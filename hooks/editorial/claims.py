"""The claims ledger: for every cited sentence, the passage of each source it rests on.

Why: a reader must be able to trust each cited sentence, and the next reviewer must be
able to start from the last audit. `data/claims/<page path>.yml` (for example
`data/claims/mechanisms/estradiol.yml` for `docs/mechanisms/estradiol.md`) holds one
entry per cited sentence; the build fails when a sentence has no entry, when an entry
names a sentence that is gone, or when the keys differ, so editing a sentence asks for
its check again.

A "cited sentence" is a source line (one sentence per line) holding a citation, with its
list marker, indentation and citation groups removed and white space folded.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from editorial import citations, masking
from editorial.yamlfile import DataError, load_with_lines

VERDICTS = {
    "supported": "the sources say this, at this strength",
    "overstated": "the sentence is stronger than its sources",
    "unsupported": "the sources do not say this",
}
QUOTE_MAX_WORDS = 25
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass
class Sentence:
    line: int
    text: str
    keys: list[str]


@dataclass
class Entry:
    line: int
    sentence: str
    keys: list[str]
    checked: object
    verdict: object
    raw: dict = field(repr=False, default_factory=dict)


def normalise(line: str) -> str:
    """A line as the ledger records it: no masked pieces, code spans, comments, list marker or citations."""
    visible = re.sub(r"<!--.*?-->", "", re.sub(r"`[^`\n]*`", "", masking.strip_tokens(line)))
    text = LIST_MARKER.sub("", visible.strip(), count=1)
    return " ".join(citations.strip(text).split())


def cited_sentences(markdown: str) -> list[Sentence]:
    """Every line of a page that cites a source; code, comments and front matter are not prose."""
    lines = masking.mask(markdown).text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    found = []
    for number, line in enumerate(lines[start:], start=start + 1):
        keys = citations.keys(masking.strip_tokens(line))
        if keys:
            found.append(Sentence(number, normalise(line), list(dict.fromkeys(keys))))
    return found


def ledger_path(root: Path, src_uri: str) -> Path:
    return root / "data" / "claims" / Path(src_uri).with_suffix(".yml")


# path -> (its text, its entries). A page's ledger is checked, then its passages are shown
# (hooks/claims_ledger.py): parsed once per build, and again only when its text changes (issue 14).
_ledgers: dict[str, tuple[str, list[Entry]]] = {}


def load_ledger(path: Path) -> list[Entry]:
    """Entries of one ledger file; a malformed file raises DataError naming file, line and field."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    kept = _ledgers.get(str(path))
    if kept is not None and kept[0] == text:
        return list(kept[1])
    entries = parse_ledger(path)
    _ledgers[str(path)] = (text, entries)
    return list(entries)


def parse_ledger(path: Path) -> list[Entry]:
    items = load_with_lines(path)
    if items is None:
        return []
    if not isinstance(items, list):
        raise DataError(f"{path}:1: a claims ledger is a list of entries")
    entries = []
    for item, line in items:
        if not isinstance(item, dict):
            raise DataError(f"{path}:{line}: each entry is a mapping with 'sentence', 'sources', 'checked', 'verdict'")
        sentence = item.get("sentence")
        if not isinstance(sentence, str) or not sentence.strip():
            raise DataError(f"{path}:{line}: field 'sentence' is missing")
        sources = item.get("sources")
        if not isinstance(sources, list) or not sources:
            raise DataError(f"{path}:{line}: field 'sources' must list each cited key with its passage")
        keys = []
        for source in sources:
            if not isinstance(source, dict) or not isinstance(source.get("key"), str):
                raise DataError(f"{path}:{line}: each item of 'sources' needs a 'key'")
            keys.append(source["key"])
        entries.append(Entry(line, " ".join(sentence.split()), keys, item.get("checked"), item.get("verdict"), item))
    return entries


def entry_problems(entry: Entry, today: datetime.date) -> list[str]:
    """What is wrong with one entry on its own (not its match to the page)."""
    problems = []
    if not isinstance(entry.checked, datetime.date):
        problems.append("field 'checked' must be a date such as 2026-12-02")
    elif entry.checked > today:
        problems.append(f"field 'checked' is in the future ({entry.checked})")
    if entry.verdict not in VERDICTS:
        problems.append(f"field 'verdict' must be one of {', '.join(VERDICTS)}")
    elif entry.verdict != "supported":
        problems.append(
            f"verdict '{entry.verdict}' ({VERDICTS[entry.verdict]}): correct the sentence, then check it again"
        )
    for source in entry.raw.get("sources", []):
        key = source.get("key")
        if not isinstance(source.get("locator"), str) or not source["locator"].strip():
            problems.append(f"source '{key}': field 'locator' is missing (abstract, a page, a section)")
        quote, paraphrase = source.get("quote"), source.get("paraphrase")
        if bool(quote) == bool(paraphrase):
            problems.append(f"source '{key}': give either 'quote' or 'paraphrase'")
        elif quote and len(str(quote).split()) > QUOTE_MAX_WORDS:
            problems.append(f"source '{key}': a quote is at most {QUOTE_MAX_WORDS} words")
    return problems


def check_page(
    markdown: str, src: str, ledger_file: Path, shown_ledger: str, today: datetime.date, known: set | None = None
) -> list[str]:
    """One line per problem, each naming a file and a line.

    With `known` (the bib keys), a sentence citing an unknown key is left to the unknown-key
    check, whose message names the real problem.
    """
    try:
        entries = load_ledger(ledger_file)
    except DataError as error:
        return [str(error)]
    every = cited_sentences(markdown)
    sentences = [s for s in every if known is None or set(s.keys) <= known]
    by_text = {e.sentence: e for e in entries}
    problems = []
    for s in sentences:
        entry = by_text.get(s.text)
        if entry is None:
            problems.append(f"{src}:{s.line}: cited sentence has no entry in {shown_ledger}: '{s.text[:70]}…'")
            continue
        if set(entry.keys) != set(s.keys):
            problems.append(
                f"{shown_ledger}:{entry.line}: keys {sorted(entry.keys)} do not match the sentence's {sorted(s.keys)}"
                f" ({src}:{s.line})"
            )
        problems += [f"{shown_ledger}:{entry.line}: {p}" for p in entry_problems(entry, today)]
    on_page = {s.text for s in every}
    for e in entries:
        if e.sentence not in on_page:
            problems.append(f"{shown_ledger}:{e.line}: names a sentence that is not on {src}: '{e.sentence[:70]}…'")
    return problems


def stub(markdown: str, ledger_file: Path) -> str:
    """YAML entries (to fill in) for the page's cited sentences that have none."""
    have = {e.sentence for e in load_ledger(ledger_file)}
    missing = [s for s in cited_sentences(markdown) if s.text not in have]
    items = [
        {
            "sentence": s.text,
            "sources": [{"key": k, "locator": "abstract", "quote": ""} for k in s.keys],
            "checked": None,
            "verdict": None,
        }
        for s in missing
    ]
    return yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=100) if items else ""
