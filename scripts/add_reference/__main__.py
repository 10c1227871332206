"""Add a source to bib/references.bib from its DOI or PubMed ID.

    scripts/add-reference 10.1146/annurev-psych-010213-115110 --evidence narrative-review
    scripts/add-reference 24050183                       # asks for the evidence type
    scripts/add-reference doi:10.1038/nrn2280 --key brunton2008expectant --dry-run

A DOI is looked up at Crossref (other registries' DOIs through doi.org, as CSL-JSON) and in
PubMed for its PMID and PMCID; a PMID is looked up in PubMed and, through its DOI, at Crossref.
The entry is written in the house style, with the key by the documented rule (or --key), the
evidence type given or asked for, and a note saying where its fields came from and when; it
goes into its sorted place, or is only printed with --dry-run. A source already in the file
(same DOI, PMID or PMCID, or a near-identical title in the same year) is refused, naming its key.
Read the source itself before citing it: the record tells you what it is, not what it supports.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from . import bibtex
from .fetch import Client, FetchError, NotFound
from .records import Record, from_crossref, from_pubmed, merge

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

import bib_validation  # noqa: E402  (the build's own checks: duplicates, safe values, evidence types)
from editorial.evidence import LABELS as EVIDENCE  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from pybtex.database import parse_string  # noqa: E402

BIB = ROOT / "bib" / "references.bib"
# Each service's address; an environment variable points it at a mirror or a local stub, for a machine
# without the internet (CONTRIBUTING.md, "Add a reference"). The note then names the address used.
SERVICES = {
    "Crossref": ("ADD_REFERENCE_CROSSREF", "https://api.crossref.org"),
    "doi.org": ("ADD_REFERENCE_DOI_ORG", "https://doi.org"),
    "PubMed": ("ADD_REFERENCE_EUTILS", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"),
}
TOOL = {"tool": "hormones-oxytocin-add-reference"}  # NCBI asks scripts to name themselves
DOI = re.compile(r"(?:doi:|https?://(?:dx\.)?doi\.org/)?\s*(10\.\d{4,9}/\S+)", re.IGNORECASE)
PMID = re.compile(r"(?:pmid:?\s*|https?://pubmed\.ncbi\.nlm\.nih\.gov/)?([1-9][0-9]{0,8})/?", re.IGNORECASE)


def base(service: str) -> str:
    """The service's address, ending in '/': the environment's override, or the real one."""
    variable, default = SERVICES[service]
    return (os.environ.get(variable, "").strip() or default).rstrip("/") + "/"


def overridden(service: str) -> bool:
    return base(service) != SERVICES[service][1] + "/"


class Refused(Exception):
    """Nothing to write, for a reason the editor can act on (one line)."""


def identifier(text: str) -> tuple[str, str]:
    """('doi', '10.1/x') or ('pmid', '123') from what an editor pastes."""
    text = text.strip()
    if match := DOI.fullmatch(text):
        return "doi", match.group(1).rstrip(".").lower()  # DOIs are case-insensitive; registries answer either
    if match := PMID.fullmatch(text):
        return "pmid", match.group(1)
    raise Refused(f"'{text}' is neither a DOI (10.xxxx/…) nor a PubMed ID (digits)")


def json_of(response, service: str, key: str = ""):
    """The answer's JSON (or its `key`); an answer of another kind is a failed request, in one line."""
    try:
        data = response.json()
        return data[key] if key else data
    except (ValueError, KeyError, TypeError):
        raise FetchError(f"{service} answered something unreadable at {response.url}; try again later") from None


def crossref_record(client: Client, doi: str) -> Record:
    try:
        response = client.get(f"{base('Crossref')}works/{doi}", "Crossref")
        return from_crossref(json_of(response, "Crossref", "message"))
    except NotFound:  # not a Crossref DOI: DataCite, mEDRA… answer doi.org's content negotiation
        headers = {"Accept": "application/vnd.citationstyles.csl+json"}
        try:
            response = client.get(base("doi.org") + doi, "doi.org", headers=headers)
        except NotFound:
            raise NotFound(f"no DOI {doi}: Crossref and doi.org both answered 404; check it for typos") from None
        return from_crossref(json_of(response, "doi.org"), source="doi.org")


def pubmed_record(client: Client, pmid: str) -> Record:
    params = {**TOOL, "db": "pubmed", "id": pmid, "retmode": "xml"}
    response = client.get(base("PubMed") + "efetch.fcgi", "PubMed", params=params)
    try:
        record = from_pubmed(response.text)
    except ET.ParseError:
        raise FetchError(f"PubMed answered something unreadable at {response.url}; try again later") from None
    if record is None:
        raise NotFound(f"no PubMed record {pmid}: PubMed returned none; check the number")
    return record


def pubmed_for_doi(client: Client, doi: str) -> Record | None:
    """PubMed's record for a DOI, if PubMed has exactly one with that very DOI."""
    params = {**TOOL, "db": "pubmed", "term": f"{doi}[doi]", "retmode": "json"}
    response = client.get(base("PubMed") + "esearch.fcgi", "PubMed", params=params)
    found = json_of(response, "PubMed", "esearchresult").get("idlist", [])
    if len(found) != 1:
        return None
    record = pubmed_record(client, found[0])
    return record if record.fields.get("doi", "").lower() == doi.lower() else None


def fetch(client: Client, kind: str, value: str) -> tuple[Record, list[str]]:
    """The record, and notes for the editor (a second service that failed or disagreed)."""
    notes = []
    if kind == "doi":
        record = crossref_record(client, value)
        try:
            other = pubmed_for_doi(client, value)
        except FetchError as error:
            other, notes = None, [f"PubMed not consulted: {error}"]
    else:
        record = pubmed_record(client, value)
        other = None
        if record.fields.get("doi"):
            try:
                other = crossref_record(client, record.fields["doi"])
            except FetchError as error:
                notes = [f"Crossref not consulted: {error}"]
    if other is not None:
        record, disagreements = merge(record, other)
        notes += disagreements
    return record, notes


def ask_evidence(record: Record) -> str:
    hint = record.evidence_hint()
    if not sys.stdin.isatty():
        listed = f" (PubMed lists it as: {', '.join(record.publication_types)})" if record.publication_types else ""
        raise Refused(f"give --evidence, one of {', '.join(EVIDENCE)}{listed}")
    print("Evidence types: " + ", ".join(EVIDENCE), file=sys.stderr)
    if record.publication_types:
        print("PubMed publication types: " + ", ".join(record.publication_types), file=sys.stderr)
    print(f"Evidence type{f' [{hint}]' if hint else ''}: ", end="", file=sys.stderr, flush=True)
    return input().strip() or hint


def sources_note(record: Record, today: datetime.date) -> str:
    # A record served by a mirror or stub says so: provenance names where the fields really came from.
    names = [f"{name} (via {base(name)})" if overridden(name) else name for name in record.sources]
    return f"From {' and '.join(names)} on {today.isoformat()} (scripts/add-reference)."


def existing_sources(text: str, shown: str) -> list:
    """The sources in the bib file; a file the build would already reject is refused first."""
    try:
        bib_validation.check_bib_text(text, shown)
    except PluginError as error:
        raise Refused(f"fix the bibliography first: {str(error).splitlines()[0]}") from None
    starts = bib_validation.entry_lines(text)
    data = parse_string(text, "bibtex")
    return [bib_validation.source_of(k, e.fields, starts[k.lower()][0]) for k, e in data.entries.items()]


def already_there(fields: dict[str, str], sources: list, shown: str) -> None:
    """Refuse a source the bib file already has, naming its key and line."""
    new = bib_validation.source_of("new", {name: bibtex.latex(value) for name, value in fields.items()})
    if found := bib_validation.find_same_source(new, sources):
        old, reason = found
        raise Refused(f"{shown}:{old.line}: already there as {old.key} ({reason}); cite it as [@{old.key}]")


def run(args, client: Client, today: datetime.date) -> int:
    bib = Path(args.bib)
    shown = os.path.relpath(bib) if not os.path.relpath(bib).startswith("..") else str(bib)
    text = bib.read_text(encoding="utf-8")
    kind, value = identifier(args.identifier)
    sources = existing_sources(text, shown)
    already_there({kind: value}, sources, shown)  # before asking the network
    if args.evidence and args.evidence not in EVIDENCE:
        raise Refused(f"unknown evidence type '{args.evidence}'; use one of {', '.join(EVIDENCE)}")
    record, notes = fetch(client, kind, value)
    already_there(record.fields, sources, shown)
    taken = {key.lower() for key in bibtex.ENTRY_START.findall(text)}
    key = args.key or bibtex.make_key(record)
    if not key:
        raise Refused("the record lacks an author, a year or a title word for the key; give --key")
    if not bibtex.KEY_PATTERN.fullmatch(key):
        raise Refused(f"key '{key}' does not follow the rule: family name, year, title word (smith2020statins)")
    if args.key and key.lower() in taken:
        raise Refused(f"key '{key}' is taken by another source; choose another")
    key = bibtex.free_key(key, taken)
    evidence = args.evidence or ask_evidence(record)
    if evidence not in EVIDENCE:
        raise Refused(f"unknown evidence type '{evidence}'; use one of {', '.join(EVIDENCE)}")
    new_entry = bibtex.entry(record, key, evidence, sources_note(record, today))
    new_text, line = bibtex.insert_sorted(text, new_entry, key)
    try:
        bib_validation.check_bib_text(new_text, shown)  # exactly what the build will say about it
    except PluginError as error:
        raise Refused(f"the draft would stop the build: {error}") from None
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.dry_run:
        print(new_entry, end="")
        return 0
    bib.write_text(new_text, encoding="utf-8")
    print(new_entry, end="")
    print(
        f"{shown}:{line}: added {key} ({evidence}) from {' and '.join(record.sources)}. "
        f"Check it against the article, then cite it as [@{key}].",
        file=sys.stderr,
    )
    return 0


def main(argv: list[str] | None = None, client: Client | None = None, today: datetime.date | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/add-reference", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("identifier", help="a DOI (10.…, doi:10.…, https://doi.org/10.…) or a PubMed ID")
    parser.add_argument("--evidence", help=f"one of: {', '.join(EVIDENCE)} (asked for when left out)")
    parser.add_argument("--key", help="the citation key, when the rule gives a poor one")
    parser.add_argument("--bib", default=str(BIB), help="the bibliography file (default: bib/references.bib)")
    parser.add_argument("--dry-run", action="store_true", help="print the entry; change nothing")
    args = parser.parse_args(argv)
    try:
        return run(args, client or Client(), today or datetime.date.today())
    except (Refused, FetchError) as error:
        print(f"add-reference: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
