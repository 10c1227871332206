"""BibTeX that classic styles, biber, Zotero, JabRef and citation-js all read the same way.

Why: the file a reader downloads goes into their LaTeX document or reference manager as
it is. So, unlike bib/:
* only bibliographic fields are written (never `note`, which in bib/ is editorial provenance
  that BibTeX and biblatex would print in the reader's bibliography, nor `evidence`);
* every value is decoded to UTF-8 and re-escaped (`{\\AA}` -> Å, `&` -> `\\&`);
* titles brace their acronyms and proper nouns (`{FDA}`, `{HPA}`, `{BPC-157}`);
* a corporate author is double-braced, so no tool splits it into first and last names;
* `@online` is written `@misc`, which classic styles know, and an entry with no author or
  editor gets a `key` (its title), which `plain` and `alpha` sort and label by.
"""

from __future__ import annotations

import re

from .latex import braced, escape, plain, protect_title
from .records import MONTHS, is_corporate, is_others

TYPES = {"online": "misc"}  # the rest are BibTeX's own and are kept
ORDER = [  # fields written, in this order; anything else in bib/ stays behind
    "author",
    "editor",
    "title",
    "booktitle",
    "journal",
    "edition",
    "chapter",
    "series",
    "volume",
    "number",
    "pages",
    "type",
    "howpublished",
    "organization",
    "institution",
    "school",
    "publisher",
    "address",
    "year",
    "month",
    "isbn",
    "issn",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "urldate",
]
VERBATIM = {"doi", "url", "urldate", "isbn", "issn", "pmid", "pmcid", "year"}


def person(p) -> str:
    """One name as BibTeX: "von Last, Jr, First", a corporate author in its own braces, or "others"."""
    if is_others(p):
        return "others"
    if is_corporate(p):
        return "{" + escape(plain(p.last_names[0])) + "}"

    def part(names) -> str:
        return " ".join(braced(n) for n in names)

    last = " ".join(x for x in (part(p.prelast_names), part(p.last_names)) if x)
    given = part(p.first_names + p.middle_names)
    lineage = part(p.lineage_names)
    return ", ".join(x for x in (last, lineage, given) if x) if lineage else ", ".join(x for x in (last, given) if x)


def persons(people) -> str:
    return " and ".join(person(p) for p in people)


def value(field: str, raw: str) -> str:
    if field == "title":
        return protect_title(raw)
    if field == "pages":
        return re.sub(r"\s*[-\u2013\u2014]+\s*", "--", plain(raw))
    if field in VERBATIM:
        return str(raw).strip()
    return braced(raw)


def month_macro(raw: str) -> str | None:
    text = plain(raw).strip().lower()[:3]
    return text if text in MONTHS else None


def entry_bibtex(key: str, entry) -> str:
    """One bib/ entry as a BibTeX record for readers."""
    lines = []
    for field in ORDER:
        if field in ("author", "editor"):
            if entry.persons.get(field):
                lines.append((field, "{" + persons(entry.persons[field]) + "}"))
            continue
        if field not in entry.fields:
            continue
        raw = entry.fields[field]
        if field == "month" and (macro := month_macro(raw)):
            lines.append((field, macro))  # the macro classic styles print as the month's name
            continue
        lines.append((field, "{" + value(field, raw) + "}"))
    if not entry.persons.get("author") and not entry.persons.get("editor") and "title" in entry.fields:
        lines.insert(0, ("key", "{" + escape(plain(entry.fields["title"])) + "}"))  # what plain.bst sorts by
    return record(TYPES.get(entry.type, entry.type), key, lines)


def record(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    width = max((len(name) for name, _ in fields), default=0)
    body = ",\n".join(f"  {name.ljust(width)} = {text}" for name, text in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"
