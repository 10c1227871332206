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


def csl_json_file(entries, keys: list[str]) -> str:
    items = [converted(key, entries[key])[2] for key in keys]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def files(entries, keys: list[str]) -> dict[str, str]:
    """{extension: text} for the entries `keys`, in that order."""
    return {"bib": bibtex_file(entries, keys), "ris": ris_file(entries, keys), "json": csl_json_file(entries, keys)}
