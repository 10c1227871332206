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


def bibtex_file(entries, keys: list[str]) -> str:
    return "\n".join(entry_bibtex(key, entries[key]) for key in keys)


def ris_file(entries, keys: list[str]) -> str:
    return items_ris([csl_item(key, entries[key]) for key in keys])


def csl_json_file(entries, keys: list[str]) -> str:
    return json.dumps([csl_item(key, entries[key]) for key in keys], ensure_ascii=False, indent=2) + "\n"


def files(entries, keys: list[str]) -> dict[str, str]:
    """{extension: text} for the entries `keys`, in that order."""
    return {"bib": bibtex_file(entries, keys), "ris": ris_file(entries, keys), "json": csl_json_file(entries, keys)}
