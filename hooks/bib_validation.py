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
* `evidence` one of the types the site labels (hooks/editorial/evidence.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from citation_style import plain
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


def entry_lines(text: str) -> dict[str, list[int]]:
    """Map each entry key (lower-cased) to the lines where an entry with that key starts."""
    lines: dict[str, list[int]] = {}
    for match in ENTRY_START.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
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
    for key, entry in data.entries.items():
        start = starts_by_key.get(key.lower(), [0])[0]
        for field, problem in entry_problems(key, entry):
            where = f"{filename}:{field_line(text_lines, start, field)}" if start else filename
            problems.append(f"{where}: {key}: {problem}")
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


def bib_path(config) -> Path | None:
    bibtex = config.plugins.get("bibtex")
    if bibtex is None or not bibtex.config.bib_file:
        return None
    return Path(config.config_file_path).parent / bibtex.config.bib_file


@event_priority(100)  # before mkdocs-bibtex loads the file
def on_config(config):
    path = bib_path(config)
    if path is not None:
        if not path.is_file():
            raise PluginError(f"{path}: bibliography file not found")
        shown = os.path.relpath(path, Path(config.config_file_path).parent)
        shown = shown if not shown.startswith("..") else str(path)
        check_bib_text(read_utf8(path, shown), shown)
    return config
