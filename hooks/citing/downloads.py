"""The files behind "Download these references": BibTeX, RIS and CSL-JSON for a list of bib/ keys.

Why: one function per format, shared by the per-page downloads (hooks/reference_downloads.py)
and the whole bibliography's (hooks/bibliography_page.py), so both export the same records.
"""

from __future__ import annotations

import json

from .bibtex import entry_bibtex
from .records import csl_item
from .ris import items_ris

FORMATS = {  # extension: (label, media type)
    "bib": ("BibTeX", "application/x-bibtex"),
    "ris": ("RIS", "application/x-research-info-systems"),
    "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json"),
}


# key -> (entry, its BibTeX, its CSL item, its RIS): every page with references offers its own
# downloads, so an entry cited on many pages is converted once (issue 14), again only if it changed.
_converted: dict[str, tuple] = {}


def converted(key: str, entry) -> tuple:
    cached = _converted.get(key)
    if cached is None or cached[0] is not entry:
        item = csl_item(key, entry)
        cached = _converted[key] = (entry, entry_bibtex(key, entry), item, items_ris([item]))
    return cached


def bibtex_file(entries, keys: list[str]) -> str:
    return "\n".join(converted(key, entries[key])[1] for key in keys)


def ris_file(entries, keys: list[str]) -> str:
    return "".join(converted(key, entries[key])[3] for key in keys)


# key -> (entry, its CSL-JSON as an item of the file's list): json.dumps with `indent` runs in pure Python.
_json: dict[str, tuple] = {}


def json_item(key: str, entry) -> str:
    kept = _json.get(key)
    if kept is None or kept[0] is not entry:
        text = json.dumps(converted(key, entry)[2], ensure_ascii=False, indent=2)
        kept = _json[key] = (entry, "  " + text.replace("\n", "\n  "))  # JSON strings hold no raw newline
    return kept[1]


def csl_json_file(entries, keys: list[str]) -> str:
    """The same text as json.dumps(items, ensure_ascii=False, indent=2), from each item's kept text."""
    if not keys:
        return "[]\n"
    return "[\n" + ",\n".join(json_item(key, entries[key]) for key in keys) + "\n]\n"


def files(entries, keys: list[str]) -> dict[str, str]:
    """{extension: text} for the entries `keys`, in that order."""
    return {"bib": bibtex_file(entries, keys), "ris": ris_file(entries, keys), "json": csl_json_file(entries, keys)}
