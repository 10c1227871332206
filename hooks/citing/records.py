"""A bib/ entry as a CSL-JSON item: the form RIS, the CSL styles and CSL-JSON downloads start from.

Why: one reading of each entry for every export. Only the bibliographic fields listed
here leave the site: `note` in bib/ is editorial provenance ("Verified on the PubMed
record…"), and `evidence` is our own label, so neither is mapped, and a field an editor
adds later is not exported until it is listed here.
"""

from __future__ import annotations

import re

from .latex import pieces, plain

# BibTeX entry type -> CSL type; misc becomes a web page when it has an address.
TYPES = {
    "article": "article-journal",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "online": "webpage",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Fields copied as text, BibTeX name -> CSL name (containers and publishers are chosen by type below).
SIMPLE = {"title": "title", "volume": "volume", "edition": "edition", "isbn": "ISBN", "issn": "ISSN"}
IDENTIFIERS = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}


def is_others(person) -> bool:
    """BibTeX's "and others": a list cut short, not a person."""
    return not person.first_names and [n.lower() for n in person.last_names] == ["others"]


def is_corporate(person) -> bool:
    """`{U.S. Food and Drug Administration}`: one braced name that must not be split."""
    if person.first_names or person.middle_names or person.prelast_names or person.lineage_names:
        return False
    if len(person.last_names) != 1:
        return False
    parts = pieces(person.last_names[0])
    return len(parts) == 1 and parts[0][1]


def name(person) -> dict:
    """A person as CSL-JSON: family and given names, or a corporate author as one literal name."""
    if is_corporate(person):
        return {"literal": plain(person.last_names[0])}
    out = {"family": plain(" ".join(person.last_names))}
    given = plain(" ".join(person.first_names + person.middle_names))
    if given:
        out["given"] = given
    if person.prelast_names:
        out["non-dropping-particle"] = plain(" ".join(person.prelast_names))
    if person.lineage_names:
        out["suffix"] = plain(" ".join(person.lineage_names))
    return out


def names(persons) -> list[dict]:
    return [name(p) for p in persons if not is_others(p)]


def truncated(entry) -> tuple[str, ...]:
    """The roles ("author", "editor") whose list bib/ ends with "and others" (styles print "et al.")."""
    return tuple(role for role in ("author", "editor") if any(is_others(p) for p in entry.persons.get(role, [])))


def month_number(value: str) -> int | None:
    text = plain(value).strip().lower()[:3]
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return MONTHS.index(text) + 1 if text in MONTHS else None


def issued(fields) -> dict | None:
    year = plain(fields.get("year", ""))
    if not re.fullmatch(r"\d{4}", year):
        return {"literal": year} if year else None
    parts = [int(year)]
    month = month_number(fields["month"]) if "month" in fields else None
    if month:
        parts.append(month)
    return {"date-parts": [parts]}


def iso_date(value: str) -> dict | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", plain(value))
    if not match:
        return None
    return {"date-parts": [[int(p) for p in match.groups() if p]]}


def csl_type(entry) -> str:
    if entry.type in TYPES:
        return TYPES[entry.type]
    if entry.type == "inbook" and "booktitle" not in entry.fields:
        return "book"
    return "webpage" if "url" in entry.fields else "document"


def container(entry, kind: str) -> str:
    f = entry.fields
    for field in {
        "article-journal": ("journal",),
        "chapter": ("booktitle",),
        "paper-conference": ("booktitle",),
        "webpage": ("howpublished", "organization"),
        "document": ("howpublished",),
    }.get(kind, ()):
        if field in f:
            return plain(f[field])
    return ""


def publisher(entry, kind: str) -> str:
    f = entry.fields
    order = {"thesis": ("school",), "report": ("institution", "publisher")}.get(kind, ("publisher", "organization"))
    if kind == "webpage" and "howpublished" not in f:
        order = ("publisher",)  # organization is the site's name, given as the container
    return next((plain(f[field]) for field in order if field in f), "")


def csl_item(key: str, entry) -> dict:
    """One bib/ entry as a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    f = entry.fields
    kind = csl_type(entry)
    item: dict = {"id": key, "citation-key": key, "type": kind}
    for role in ("author", "editor"):
        if entry.persons.get(role):
            item[role] = names(entry.persons[role])
    for field, csl in SIMPLE.items():
        if field in f:
            item[csl] = plain(f[field])
    if title := container(entry, kind):
        item["container-title"] = title
    if who := publisher(entry, kind):
        item["publisher"] = who
    if "address" in f:
        item["publisher-place"] = plain(f["address"])
    if "number" in f:
        item["issue" if kind == "article-journal" else "number"] = plain(f["number"])
    if "pages" in f:
        item["page"] = re.sub(r"\s*[-\u2013\u2014]+\s*", "-", plain(f["pages"]))
    if "type" in f:
        item["genre"] = plain(f["type"])
    elif entry.type in ("phdthesis", "mastersthesis"):
        item["genre"] = "Dissertation" if entry.type == "phdthesis" else "Master's thesis"
    if "chapter" in f:
        item["chapter-number"] = plain(f["chapter"])
    if date := issued(f):
        item["issued"] = date
    if "urldate" in f and (accessed := iso_date(f["urldate"])):
        item["accessed"] = accessed
    for field, csl in IDENTIFIERS.items():
        if field in f:
            item[csl] = plain(f[field])
    if "url" in f:
        item["URL"] = str(f["url"]).strip()  # verbatim: LaTeX would read % and ~
    return item
