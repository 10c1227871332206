"""Fail fast, in one line, on a .bib file that pybtex cannot load.

Why: mkdocs-bibtex lets pybtex raise a bare traceback for a malformed entry or a
duplicate key, without naming the file. This hook parses the bibliography first
(before the plugin, hence the high priority) and turns the error into a
PluginError that names the file, the line and the problem.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from pybtex.database import BibliographyDataError, parse_string
from pybtex.scanner import PybtexSyntaxError

ENTRY_START = re.compile(r"^[ \t]*@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


def entry_lines(text: str) -> dict[str, list[int]]:
    """Map each entry key (lower-cased) to the lines where an entry with that key starts."""
    lines: dict[str, list[int]] = {}
    for match in ENTRY_START.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        lines.setdefault(match.group(1).lower(), []).append(line)
    return lines


def check_bib_text(text: str, filename: str) -> None:
    """Raise PluginError("<file>:<line>: <problem>") if the BibTeX text does not load cleanly."""
    for key, lines in entry_lines(text).items():
        if len(lines) > 1:
            raise PluginError(
                f"{filename}:{lines[1]}: duplicate citation key '{key}' "
                f"(first defined on line {lines[0]}; keys are compared case-insensitively)"
            )
    try:
        parse_string(text, "bibtex")
    except PybtexSyntaxError as error:
        raise PluginError(f"{filename}:{error.lineno}: malformed BibTeX: {error.args[0]}") from None
    except BibliographyDataError as error:
        raise PluginError(f"{filename}: invalid BibTeX: {error}") from None


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
        check_bib_text(path.read_text(encoding="utf-8"), shown if not shown.startswith("..") else str(path))
    return config
