"""Rules for bib/references.bib. Each function returns a list of "key: problem" strings."""

from __future__ import annotations

import re

from editorial import evidence
from pybtex.database import BibliographyData, parse_string

KEY_PATTERN = re.compile(r"^[a-z]+[0-9]{4}[a-z0-9]+$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^[1-9][0-9]{0,8}$")
PMCID_PATTERN = re.compile(r"^PMC[0-9]+$")
EVIDENCE_TYPES = set(evidence.TYPES)
# The entry types hooks/citation_style.py renders, each with the fields its AMA form needs
# ("author" is met by an editor). Other BibTeX types (booklet, manual, proceedings, unpublished...)
# are rejected rather than rendered incompletely.
REQUIRED = {
    "article": ["author", "title", "journal", "year"],
    "book": ["title", "publisher", "year"],
    "inbook": ["author", "title", "publisher", "year"],
    "incollection": ["author", "title", "booktitle", "publisher", "year"],
    "inproceedings": ["author", "title", "booktitle", "year"],
    "phdthesis": ["author", "title", "school", "year"],
    "mastersthesis": ["author", "title", "school", "year"],
    "techreport": ["author", "title", "institution", "year"],
    "online": ["title", "url"],
    "misc": ["title"],
}
FORBIDDEN_FIELDS = {"file", "abstract", "keywords", "date-added", "date-modified", "bdsk-url-1", "howpublished-url"}
ENTRY_START = re.compile(r"^@(\w+)\{([^,]+),", re.MULTILINE)


def load(text: str) -> BibliographyData:
    return parse_string(text, "bibtex")


def keys_in_order(text: str) -> list[str]:
    return [m.group(2) for m in ENTRY_START.finditer(text)]


def check_layout(text: str) -> list[str]:
    """Sorted keys, key pattern, lowercase field names, two-space indentation."""
    problems = []
    keys = keys_in_order(text)
    if keys != sorted(keys):
        first = next(a for a, b in zip(keys, sorted(keys), strict=True) if a != b)
        problems.append(f"{first}: entries are not sorted by key")
    problems += [
        f"{k}: key does not match author-year-word ({KEY_PATTERN.pattern})" for k in keys if not KEY_PATTERN.match(k)
    ]
    lowered = {k.lower() for k in keys}
    if len(lowered) != len(keys):
        problems.append("duplicate keys (case-insensitive)")
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"^(\s*)([A-Za-z-]+)\s*=", line)
        if match and (match.group(1) != "  " or match.group(2) != match.group(2).lower()):
            problems.append(f"line {number}: fields are indented two spaces and lowercase")
    return problems


def check_entries(data: BibliographyData) -> list[str]:
    problems = []
    seen_dois: dict[str, str] = {}
    for key, entry in data.entries.items():
        fields = {name.lower(): str(value) for name, value in entry.fields.items()}
        has = set(fields) | {role for role in entry.persons}
        if entry.type not in REQUIRED:
            problems.append(f"{key}: entry type @{entry.type} is not supported; use one of {', '.join(REQUIRED)}")
        for field in REQUIRED.get(entry.type, []):
            if field not in has and not (field == "author" and "editor" in has):
                problems.append(f"{key}: {entry.type} needs '{field}'")
        if entry.type == "book" and not ({"author", "editor"} & has):
            problems.append(f"{key}: book needs 'author' or 'editor'")
        if entry.type == "misc" and not ({"howpublished", "url", "author"} & has):
            problems.append(f"{key}: misc needs 'howpublished', 'url' or 'author'")
        if entry.type == "article" and not ({"doi", "pmid"} & has) and "doi" not in fields.get("note", "").lower():
            problems.append(f"{key}: article needs 'doi' or 'pmid', or a note saying why neither")
        if "doi" in fields:
            if not DOI_PATTERN.match(fields["doi"]):
                problems.append(f"{key}: malformed DOI '{fields['doi']}'")
            other = seen_dois.setdefault(fields["doi"].lower(), key)
            if other != key:
                problems.append(f"{key}: same DOI as {other}")
        if "pmid" in fields and not PMID_PATTERN.match(fields["pmid"]):
            problems.append(f"{key}: malformed PMID '{fields['pmid']}'")
        if "pmcid" in fields and not PMCID_PATTERN.match(fields["pmcid"]):
            problems.append(f"{key}: malformed PMCID '{fields['pmcid']}'")
        if "url" in fields and not fields["url"].startswith("https://"):
            problems.append(f"{key}: URL must use https")
        if fields.get("evidence") not in EVIDENCE_TYPES:
            problems.append(f"{key}: 'evidence' must be one of {', '.join(sorted(EVIDENCE_TYPES))}")
        if not fields.get("note", "").strip():
            problems.append(f"{key}: needs a 'note' saying where its details were confirmed")
        for name in FORBIDDEN_FIELDS & set(fields):
            problems.append(f"{key}: forbidden field '{name}'")
        for name, value in fields.items():
            if "\\url" in value or "\\href" in value:
                problems.append(f"{key}: '{name}' uses \\url or \\href; use the url field")
    return problems


def unverified_keys(data: BibliographyData) -> set[str]:
    return {key for key, entry in data.entries.items() if "unverified:" in str(entry.fields.get("note", "")).lower()}
