"""Cite from a large reference library beside bib/references.bib; pay only for the entries cited.

Why: authors keep one large .bib, often a Zotero export (Better BibTeX) of thousands of
entries. bib/references.bib stays the reviewed list in which every entry is cited; the
library (`extra.bib_library` in mkdocs.yml, set from the BIB_LIBRARY environment variable)
may hold any number of uncited entries. The library is cut into entries by their `@type{key,`
lines without being parsed; only the entries a page cites are parsed, checked with the rules
bib/ follows (hooks/bib_validation.py: https links, id-safe keys, evidence, one source once,
also against bib/references.bib) and added to the site's bibliography. The rest are never
rendered, exported or checked, so a page costs what it cites, not what the library holds.
A key in both files is bib/references.bib's. Sources in data/ must stay in bib/references.bib.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from bib_validation import ENTRY_START, duplicate_pairs, entry_lines, entry_problems, field_line, read_utf8, source_of
from editorial import bibtex_plugin, citations, masking
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from pybtex.database import BibliographyDataError, parse_string
from pybtex.scanner import PybtexSyntaxError

STRING_MACRO = re.compile(r"^[ \t]*@string\s*\{(?:[^{}]|\{[^{}]*\})*\}", re.IGNORECASE | re.MULTILINE)
EVIDENCE_HINT = " (in Zotero, add 'tex.evidence: <type>' to the item's Extra field; Better BibTeX exports it)"


class Library(NamedTuple):
    """A library file cut into entries: key (lower-cased) -> (start, end, line) and its @string macros."""

    shown: str
    text: str
    spans: dict[str, tuple[int, int, int]]
    duplicates: dict[str, list[int]]
    macros: str


state: dict = {"library": None, "stamp": None, "added": set()}


def cut(text: str, shown: str) -> Library:
    """Where each entry starts and ends, in one pass; nothing is parsed."""
    lines = entry_lines(text)
    starts = list(ENTRY_START.finditer(text))
    spans: dict[str, tuple[int, int, int]] = {}
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        key = match.group(1).lower()
        if key not in spans:
            spans[key] = (match.start(), following.start() if following else len(text), lines[key][0])
    duplicates = {key: found for key, found in lines.items() if len(found) > 1}
    return Library(shown, text, spans, duplicates, "\n".join(m.group(0) for m in STRING_MACRO.finditer(text)))


def load(path: Path, shown: str) -> Library:
    """The library, cut again only when the file changed (`mkdocs serve` rebuilds in one process)."""
    if not path.is_file():
        raise PluginError(f"{shown}: reference library not found (extra.bib_library / BIB_LIBRARY)")
    stat = path.stat()
    stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    if state["stamp"] != stamp:
        state["library"], state["stamp"] = cut(read_utf8(path, shown), shown), stamp
    return state["library"]


def parse_entry(library: Library, key: str):
    """One cited entry parsed on its own; a syntax error names the library's file and line."""
    start, end, line = library.spans[key]
    prefix = library.macros + "\n" if library.macros else ""
    try:
        data = parse_string(prefix + library.text[start:end], "bibtex")
    except PybtexSyntaxError as error:
        where = line + error.lineno - 1 - prefix.count("\n")
        raise PluginError(f"{library.shown}:{where}: malformed BibTeX: {error.args[0]}") from None
    except BibliographyDataError as error:
        raise PluginError(f"{library.shown}:{line}: invalid BibTeX: {error}") from None
    if not data.entries:
        raise PluginError(f"{library.shown}:{line}: malformed BibTeX: no entry could be read here")
    return next(iter(data.entries.items()))


def cited_keys(files) -> set[str]:
    """Keys cited on any page, as the citation pipeline reads them (code and comments are text)."""
    found: set[str] = set()
    for file in files.documentation_pages():
        text = file.content_string
        if "@" in text:
            found.update(citations.keys(masking.mask(text).text))
    return found


def problems(library: Library, added: dict, entries, references: Path | None, references_shown: str = "") -> list[str]:
    """The rules of bib/ for each cited library entry, and one source under two keys across both files."""
    found = []
    for key, entry in added.items():
        start = library.spans[key.lower()][2]
        if key.lower() in library.duplicates:
            found.append(f"{library.shown}:{library.duplicates[key.lower()][1]}: duplicate citation key '{key}'")
        for field, problem in entry_problems(key, entry):
            hint = EVIDENCE_HINT if field == "evidence" else ""
            line = field_line(library.text[: library.spans[key.lower()][1]].splitlines(), start, field)
            found.append(f"{library.shown}:{line}: {key}: {problem}{hint}")
    reference_lines = entry_lines(references.read_text(encoding="utf-8")) if references else {}
    sources = [source_of(k, e.fields, reference_lines.get(k.lower(), [0])[0]) for k, e in entries.items()]
    sources += [source_of(k, e.fields, library.spans[k.lower()][2]) for k, e in added.items()]
    for new, old, reason in duplicate_pairs(sources):
        where = f"{library.shown if old.key in added else references_shown}, line {old.line}"
        found.append(
            f"{library.shown}:{new.line}: {new.key}: {reason} as {old.key} ({where}): "
            f"one source, two keys; cite {old.key}"
        )
    return found


@event_priority(100)  # before any hook reads the bibliography: the cited library entries are in it
def on_files(files, config):
    if not bibtex_plugin.loaded(config):
        return files
    bibtex_plugin.remove_entries(config, state["added"])  # `mkdocs serve`: an earlier build's may no longer be cited
    state["added"] = set()
    path = bibtex_plugin.library_path(config)
    if path is None:
        return files
    entries = bibtex_plugin.entries(config)
    root = Path(config.config_file_path).parent
    shown = os.path.relpath(path, root) if path.is_relative_to(root) else str(path)
    library = load(path, shown)
    wanted = {k.lower() for k in cited_keys(files)} - {k.lower() for k in entries}
    added = dict(parse_entry(library, key) for key in sorted(wanted) if key in library.spans)
    bib_file = bibtex_plugin.bib_file_setting(config)
    found = problems(library, added, entries, root / bib_file if bib_file else None, bib_file or "")
    if found:
        raise PluginError("\n".join(found))
    bibtex_plugin.add_entries(config, added)
    state["added"] = set(added)
    return files


def on_serve(server, config, builder):
    """Rebuild when the library changes, wherever it lives (mkdocs.yml's `watch:` covers bib/ only)."""
    path = bibtex_plugin.library_path(config)
    if path is not None and path.exists():
        server.watch(str(path))
    return server
