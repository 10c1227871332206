"""Stop the build, one line per problem, on a bibliography file that is malformed or unsafe.

Why: mkdocs-bibtex lets pybtex raise a bare traceback for a malformed entry, a
duplicate key or a file that is not UTF-8, without naming the file. And everything
in bib/ reaches the HTML: a `url` becomes a link, a key becomes an element id, the
`evidence` field picks the bibliography section. Editors work in `mkdocs serve` and
the publish workflow runs only the build, so these rules live in the build, not only
in the tests. This hook reads the file first (before the plugin, hence the high
priority) and raises a PluginError whose lines read "<file>:<line>: <key>: <problem>":

* links only to https addresses, and DOI, PMID and PMCID only in their own shape;
* keys only of letters, digits and `_:.+-` (safe in an id and a #fragment);
* `evidence` one of the types the site labels (hooks/editorial/evidence.py);
* each source once: two keys with the same DOI, PMID or PMCID, or with near-identical
  titles in the same year, stop the build naming both keys and the first one's line
  (a second key for a paper splits its citations and its claims ledger in two).
  scripts/add-reference refuses such a source with the same functions.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from citation_style import plain
from editorial import bibtex_plugin
from editorial.evidence import LABELS as EVIDENCE_LABELS
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from pybtex.database import BibliographyDataError, parse_string
from pybtex.scanner import PybtexSyntaxError

ENTRY_START = re.compile(r"^[ \t]*@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
SAFE_KEY = re.compile(r"[A-Za-z0-9_:.+-]+")
HTTPS_URL = re.compile(r"https://[^\s/?#]+\S*")
IDENTIFIERS = {  # field: (shape, what it must be)
    "doi": (re.compile(r"10\.\d{4,9}/\S+"), "a DOI such as 10.1000/xyz"),
    "pmid": (re.compile(r"[1-9][0-9]{0,8}"), "a PubMed ID (digits)"),
    "pmcid": (re.compile(r"PMC[0-9]+"), "a PMC ID such as PMC123456"),
}
# Identifiers that name one work, each compared in its canonical case (DOIs are case-insensitive).
IDENTITY = {"doi": ("DOI", str.lower), "pmid": ("PMID", str), "pmcid": ("PMCID", str.upper)}
# Title words that copies of one title gain or lose ("The", "&" for "and").
TITLE_STOP_WORDS = {"a", "an", "the", "and"}
# Characters two copies of one title may differ by: a typo, a letter lost in a copy. Small on
# purpose: titles made from one template ("Placement of Brexanolone in Schedule IV" and "...
# Zuranolone ...") differ by more, and numbers ("Part 1", "Part 2") must match exactly.
TITLE_TYPOS = 2
TITLE_MIN_FUZZY = 20  # shorter titles must match exactly


def entry_lines(text: str) -> dict[str, list[int]]:
    """Map each entry key (lower-cased) to the lines where an entry with that key starts.

    Newlines are counted from the previous entry on, not from the top: one pass over the file.
    """
    lines: dict[str, list[int]] = {}
    line, counted = 1, 0
    for match in ENTRY_START.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        lines.setdefault(match.group(1).lower(), []).append(line)
    return lines


def entry_problems(key: str, entry) -> list[tuple[str, str]]:
    """What makes one entry unsafe or unusable: (field it is in, or "" for the key; the problem)."""
    fields = entry.fields
    problems = []
    if not SAFE_KEY.fullmatch(key):
        problems.append(("", "the key may only use letters, digits and _:.+- (it becomes an HTML id)"))
    evidence = str(fields.get("evidence", ""))
    if evidence not in EVIDENCE_LABELS:
        what = f"unknown evidence '{evidence}'" if evidence else "'evidence' is missing"
        problems.append(("evidence", f"{what}; use one of {', '.join(EVIDENCE_LABELS)}"))
    if "url" in fields and not HTTPS_URL.fullmatch(str(fields["url"]).strip()):
        problems.append(("url", f"url '{fields['url']}' is not an https:// address"))
    for name, (shape, description) in IDENTIFIERS.items():
        if name in fields and not shape.fullmatch(plain(fields[name])):
            problems.append((name, f"{name} '{fields[name]}' is not {description}"))
    return problems


def field_line(lines: list[str], start: int, field: str) -> int:
    """Line of `field = …` in the entry that starts on line `start` (1-based); `start` for the key or if not found."""
    assignment = re.compile(rf"\s*{re.escape(field)}\s*=", re.IGNORECASE)
    for index in range(start, len(lines)):
        if not field or ENTRY_START.match(lines[index]):
            break
        if assignment.match(lines[index]):
            return index + 1
    return start


class Source(NamedTuple):
    """What identifies the work behind one entry: its identifiers, and its title and year."""

    key: str
    line: int
    ids: dict[str, str]
    title: str
    year: str


def plain_enough(value) -> str:
    """plain(), which costs about half a millisecond a call, only for values with LaTeX in them."""
    text = str(value)
    return plain(text) if "\\" in text or "$" in text else " ".join(text.replace("{", "").replace("}", "").split())


def comparable_title(value: str) -> str:
    """A title as copies of it agree: plain text, case, accents, punctuation and "the"/"and" dropped."""
    text = unicodedata.normalize("NFKD", plain_enough(value).casefold().replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(word for word in re.findall(r"[^\W_]+", text) if word not in TITLE_STOP_WORDS)


def source_of(key: str, fields, line: int = 0) -> Source:
    """The Source of an entry's fields (a pybtex field dict or any mapping of strings)."""
    ids = {}
    for name, (_, canonical) in IDENTITY.items():
        value = plain_enough(fields.get(name, ""))
        if value:
            ids[name] = canonical(value)
    return Source(key, line, ids, comparable_title(fields.get("title", "")), plain_enough(fields.get("year", "")))


def within_edits(a: str, b: str, limit: int) -> bool:
    """True when at most `limit` single-character edits turn a into b (banded Levenshtein)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != b[j - 1]))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def near_identical_titles(a: str, b: str) -> bool:
    if not a or not b or re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    return a == b or (min(len(a), len(b)) >= TITLE_MIN_FUZZY and within_edits(a, b, TITLE_TYPOS))


def same_source(new: Source, old: Source) -> str | None:
    """Why `new` is a second entry for the source `old` ("same DOI 10.1/x"), or None.

    Titles are compared only when the two entries carry no different identifier of one kind:
    two papers with different DOIs are different works, however alike their titles.
    """
    for name, (label, _) in IDENTITY.items():
        if name in new.ids and new.ids[name] == old.ids.get(name):
            return f"same {label} {new.ids[name]}"
    if any(name in new.ids and name in old.ids for name in IDENTITY):
        return None
    if new.year and new.year == old.year and near_identical_titles(new.title, old.title):
        return f"near-identical title and the same year ({new.year})"
    return None


def find_same_source(new: Source, sources: list[Source]) -> tuple[Source, str] | None:
    """The first of `sources` that `new` duplicates, with the reason."""
    for old in sources:
        if old.key.lower() != new.key.lower():
            reason = same_source(new, old)
            if reason:
                return old, reason
    return None


def title_pieces(length: int) -> list[tuple[int, int]]:
    """Where a title of `length` characters is cut into TITLE_TYPOS + 1 pieces (start, end)."""
    parts = TITLE_TYPOS + 1
    cuts = [length * i // parts for i in range(parts + 1)]
    return list(zip(cuts, cuts[1:], strict=False))


def title_tags(source: Source) -> list[tuple]:
    """What an earlier entry is filed under, so that a later one finds it without comparing every pair.

    Its identifiers, its exact title and year and, for titles long enough to match with typos, each
    of its TITLE_TYPOS + 1 pieces: two titles within TITLE_TYPOS edits share at least one piece
    unchanged, shifted by at most TITLE_TYPOS characters (the pigeonhole principle).
    """
    tags: list[tuple] = [("id", *item) for item in source.ids.items()]
    if source.title and source.year:
        tags.append(("title", source.year, source.title))
        if len(source.title) >= TITLE_MIN_FUZZY:
            size = len(source.title)
            for index, (start, end) in enumerate(title_pieces(size)):
                tags.append(("piece", source.year, size, index, source.title[start:end]))
    return tags


def probe_tags(source: Source) -> list[tuple]:
    """The tags under which an earlier entry that `source` may duplicate was filed (see title_tags)."""
    tags: list[tuple] = [("id", *item) for item in source.ids.items()]
    title, year = source.title, source.year
    if title and year:
        tags.append(("title", year, title))
        if len(title) >= TITLE_MIN_FUZZY:
            for size in range(max(TITLE_MIN_FUZZY, len(title) - TITLE_TYPOS), len(title) + TITLE_TYPOS + 1):
                for index, (start, end) in enumerate(title_pieces(size)):
                    for shift in range(-TITLE_TYPOS, TITLE_TYPOS + 1):
                        if start + shift >= 0 and end + shift <= len(title):
                            tags.append(("piece", year, size, index, title[start + shift : end + shift]))
    return tags


def duplicate_pairs(sources: list[Source]) -> list[tuple[Source, Source, str]]:
    """(entry, the earlier entry it repeats, why) for each entry that repeats an earlier one.

    Each entry is compared only with the earlier entries filed under one of its tags (a shared
    identifier, or a title that may be within TITLE_TYPOS edits in the same year), so the check
    stays linear in the size of the file.
    """
    pairs = []
    filed: dict[tuple, list[int]] = {}
    for number, new in enumerate(sources):
        found_in = {n for tag in probe_tags(new) for n in filed.get(tag, [])}
        found = find_same_source(new, [sources[n] for n in sorted(found_in)])
        if found:
            pairs.append((new, *found))
        for tag in title_tags(new):
            filed.setdefault(tag, []).append(number)
    return pairs


def duplicate_source_problems(sources: list[Source], filename: str) -> list[str]:
    """One line per entry that repeats an earlier one: both keys, the earlier entry's line."""
    return [
        f"{filename}:{new.line}: {new.key}: {reason} as {old.key} (line {old.line}): "
        f"one source, two keys; cite {old.key} and delete {new.key}"
        for new, old, reason in duplicate_pairs(sources)
    ]


def check_bib_text(text: str, filename: str) -> None:
    """Raise PluginError("<file>:<line>: <problem>", a line each) if the BibTeX text is malformed or unsafe."""
    starts_by_key = entry_lines(text)
    for key, starts in starts_by_key.items():
        if len(starts) > 1:
            raise PluginError(
                f"{filename}:{starts[1]}: duplicate citation key '{key}' "
                f"(first defined on line {starts[0]}; keys are compared case-insensitively)"
            )
    try:
        data = parse_string(text, "bibtex")
    except PybtexSyntaxError as error:
        raise PluginError(f"{filename}:{error.lineno}: malformed BibTeX: {error.args[0]}") from None
    except BibliographyDataError as error:
        raise PluginError(f"{filename}: invalid BibTeX: {error}") from None
    text_lines = text.splitlines()
    problems = []
    sources = []
    for key, entry in data.entries.items():
        start = starts_by_key.get(key.lower(), [0])[0]
        for field, problem in entry_problems(key, entry):
            where = f"{filename}:{field_line(text_lines, start, field)}" if start else filename
            problems.append(f"{where}: {key}: {problem}")
        sources.append(source_of(key, entry.fields, start))
    problems += duplicate_source_problems(sources, filename)
    if problems:
        raise PluginError("\n".join(problems))


def read_utf8(path: Path, shown: str) -> str:
    """The file's text; a byte that is not UTF-8 stops the build naming its line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PluginError(
            f"{shown}:{line}: not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None


@event_priority(100)  # before mkdocs-bibtex loads the file
def on_config(config):
    root = Path(config.config_file_path).parent
    for path in bibtex_plugin.bib_files(config):
        if not path.is_file():
            raise PluginError(f"{path}: bibliography file not found")
        shown = os.path.relpath(path, root)
        shown = shown if not shown.startswith("..") else str(path)
        check_bib_text(read_utf8(path, shown), shown)
    return config
