"""CSL-JSON items as RIS, the format EndNote, Zotero and Mendeley all import.

Why: tags follow the RIS specification as Zotero's own RIS translator reads it (checked
with that translator in tests/test_citation_exports.py): TY ELEC becomes a Web Page whose
T2 is the Website Title, an author without a comma stays one name (a corporate author is
never split), Y2 is the access date. Every value is one line of UTF-8.
"""

from __future__ import annotations

TYPES = {
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "document": "GOVDOC",  # regulatory and company documents; Zotero reads GEN as a journal article
}
SIMPLE = [("title", "TI"), ("container-title", "T2"), ("volume", "VL"), ("issue", "IS"), ("edition", "ET")]
SIMPLE_AFTER = [("publisher", "PB"), ("publisher-place", "CY"), ("genre", "M3"), ("ISBN", "SN")]


def line(tag: str, value) -> str:
    return f"{tag}  - {' '.join(str(value).split())}"


def name(person: dict) -> str:
    """ "Family, Given" for a person; a literal (corporate) name as it is, with no comma to split at."""
    if "literal" in person:
        return person["literal"].replace(",", "")  # "Sciences, Engineering" would read as family, given
    family = " ".join(p for p in (person.get("non-dropping-particle"), person["family"]) if p)
    given = person.get("given", "")
    if person.get("suffix"):
        return f"{family}, {given}, {person['suffix']}" if given else f"{family}, , {person['suffix']}"
    return f"{family}, {given}" if given else family


def date(parts: dict) -> str | None:
    """CSL date -> RIS "YYYY/MM/DD/" (missing parts left empty), or None for a literal date."""
    if "date-parts" not in parts:
        return None
    values = [f"{p:02d}" if i else str(p) for i, p in enumerate(parts["date-parts"][0])] + ["", ""]
    return "/".join(values[:3]) + "/"


def item_ris(item: dict) -> str:
    """One CSL-JSON item as an RIS record, ending with "ER  - " and a blank line."""
    out = [line("TY", TYPES.get(item["type"], "GEN"))]
    out += [line("AU", name(p)) for p in item.get("author", [])]
    out += [line("ED", name(p)) for p in item.get("editor", [])]
    out += [line(tag, item[field]) for field, tag in SIMPLE if item.get(field)]
    if item.get("page"):
        first, _, last = item["page"].partition("-")
        out.append(line("SP", first))
        if last:
            out.append(line("EP", last))
    if "date-parts" in item.get("issued", {}):
        out.append(line("PY", item["issued"]["date-parts"][0][0]))
        if len(item["issued"]["date-parts"][0]) > 1:  # PY already says the year
            out.append(line("DA", date(item["issued"])))
    out += [line(tag, item[field]) for field, tag in SIMPLE_AFTER if item.get(field)]
    if item.get("ISSN") and item["type"] == "article-journal":  # Zotero reads SN as an ISBN elsewhere
        out.append(line("SN", item["ISSN"]))
    if item.get("DOI"):
        out.append(line("DO", item["DOI"]))
    if item.get("URL"):
        out.append(line("UR", item["URL"]))
    elif item.get("PMID"):
        out.append(line("UR", f"https://pubmed.ncbi.nlm.nih.gov/{item['PMID']}/"))
    if item.get("accessed") and (accessed := date(item["accessed"])):
        out.append(line("Y2", accessed.rstrip("/")))
    if item.get("citation-key"):
        out.append(line("ID", item["citation-key"]))
    out.append("ER  - ")
    return "\n".join(out) + "\n\n"


def items_ris(items: list[dict]) -> str:
    return "".join(item_ris(item) for item in items)
