"""Bibliographic records from Crossref (or doi.org's CSL-JSON) and PubMed, as plain-text BibTeX fields.

Each function reads one service's answer and keeps only what that record states; nothing is guessed.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

# Crossref and CSL types -> the BibTeX types the site renders (tests/rules/bibliography.py).
ENTRY_TYPES = {
    "journal-article": "article",
    "article-journal": "article",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-chapter": "incollection",
    "book-section": "incollection",
    "book-part": "incollection",
    "chapter": "incollection",
    "reference-entry": "incollection",
    "proceedings-article": "inproceedings",
    "paper-conference": "inproceedings",
    "dissertation": "phdthesis",
    "thesis": "phdthesis",
    "report": "techreport",
}
CONTAINER = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle"}
# PubMed publication types -> the evidence type they suggest (the editor confirms it).
EVIDENCE_HINTS = [
    ("Practice Guideline", "guideline"),
    ("Guideline", "guideline"),
    ("Consensus Development Conference", "guideline"),
    ("Systematic Review", "systematic-review"),
    ("Meta-Analysis", "systematic-review"),
    ("Randomized Controlled Trial", "rct"),
    ("Observational Study", "observational"),
    ("Review", "narrative-review"),
]


@dataclass
class Person:
    family: str = ""
    given: str = ""
    organisation: str = ""  # a group author: kept whole, never split into names


@dataclass
class Record:
    entry_type: str
    fields: dict[str, str]  # BibTeX field -> plain text (escaped when written)
    authors: list[Person] = field(default_factory=list)
    editors: list[Person] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # "Crossref", "PubMed", "doi.org"
    publication_types: list[str] = field(default_factory=list)

    def evidence_hint(self) -> str:
        for publication_type, evidence in EVIDENCE_HINTS:
            if publication_type in self.publication_types:
                return evidence
        return ""


def clean(text) -> str:
    """Markup out (Crossref titles carry <i>, <sub>, MathML), entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(text or ""))).split())


def first(value) -> str:
    """Crossref gives lists where CSL-JSON gives strings."""
    if isinstance(value, list):
        return clean(value[0]) if value else ""
    return clean(value)


def pages(value: str) -> str:
    """'183-9' -> '183--189' (PubMed shortens end pages), '17-39' -> '17--39'; others unchanged."""
    match = re.fullmatch(r"\s*([A-Za-z]*)(\d+)\s*[-\u2010-\u2015]+\s*([A-Za-z]*)(\d+)\s*", value or "")
    if not match:
        return clean(value)
    prefix, start, end_prefix, end = match.groups()
    if len(end) < len(start) and not end_prefix:
        end = start[: len(start) - len(end)] + end
    return f"{prefix}{start}--{end_prefix or prefix}{end}"


def year_of(message: dict) -> str:
    """The year of the printed issue when there is one (what citations give), else of first publication."""
    for name in ("published-print", "issued", "published-online", "published"):
        parts = (message.get(name) or {}).get("date-parts") or [[None]]
        if parts[0] and parts[0][0]:
            return str(parts[0][0])
    return ""


def people(entries) -> list[Person]:
    result = []
    for entry in entries or []:
        if entry.get("family"):
            given = clean(entry.get("given"))
            suffix = clean(entry.get("suffix"))
            result.append(Person(clean(entry["family"]), f"{given}, {suffix}" if suffix else given))
        elif entry.get("name") or entry.get("literal"):
            result.append(Person(organisation=clean(entry.get("name") or entry.get("literal"))))
    return result


def from_crossref(message: dict, source: str = "Crossref") -> Record:
    """A Crossref REST API `message`, or a CSL-JSON object from doi.org (the same keys, mostly)."""
    entry_type = ENTRY_TYPES.get(message.get("type", ""), "misc")
    fields = {"title": first(message.get("title"))}
    subtitle = first(message.get("subtitle"))
    if subtitle and subtitle.lower() not in fields["title"].lower():
        fields["title"] = f"{fields['title']}: {subtitle}"
    container = first(message.get("container-title"))
    if container and entry_type in CONTAINER:
        fields[CONTAINER[entry_type]] = container
    publisher = clean(message.get("publisher"))
    if entry_type in ("book", "incollection") and publisher:
        fields["publisher"] = publisher
    if entry_type == "techreport" and publisher:
        fields["institution"] = publisher
    if entry_type == "phdthesis":
        institution = (message.get("institution") or [{}])[0].get("name") or publisher
        if institution:
            fields["school"] = clean(institution)
    fields["year"] = year_of(message)
    fields["volume"] = clean(message.get("volume"))
    fields["number"] = clean(message.get("issue"))
    fields["pages"] = pages(message.get("page") or message.get("article-number") or "")
    fields["doi"] = clean(message.get("DOI"))
    isbn = first(message.get("ISBN"))
    if isbn and entry_type in ("book", "incollection"):
        fields["isbn"] = isbn
    return Record(
        entry_type,
        {name: value for name, value in fields.items() if value},
        authors=people(message.get("author")),
        editors=people(message.get("editor")),
        sources=[source],
    )


def text_of(element) -> str:
    return clean("".join(element.itertext())) if element is not None else ""


def pubmed_people(author_list) -> list[Person]:
    result = []
    for author in author_list.findall("Author") if author_list is not None else []:
        if author.findtext("CollectiveName"):
            result.append(Person(organisation=text_of(author.find("CollectiveName"))))
        elif author.findtext("LastName"):
            given = author.findtext("ForeName") or author.findtext("Initials") or ""
            suffix = author.findtext("Suffix")
            result.append(Person(clean(author.findtext("LastName")), f"{given}, {suffix}" if suffix else given))
    return result


def pubmed_year(date) -> str:
    if date is None:
        return ""
    match = re.search(r"\d{4}", date.findtext("Year") or date.findtext("MedlineDate") or "")
    return match.group(0) if match else ""


def from_pubmed(xml_text: str) -> Record | None:
    """The first article of an efetch answer (db=pubmed, retmode=xml), or None when it holds none."""
    root = ET.fromstring(xml_text)
    article = root.find("PubmedArticle")
    book = root.find("PubmedBookArticle")
    if article is None and book is None:
        return None
    ids_parent = (article if article is not None else book).find("PubmedData/ArticleIdList")
    # Only the article's own IDs: the reference list below it carries other articles' IDs.
    ids = {node.get("IdType"): clean(node.text) for node in (ids_parent if ids_parent is not None else [])}
    if article is not None:
        citation = article.find("MedlineCitation")
        entry = citation.find("Article")
        issue = entry.find("Journal/JournalIssue")
        fields = {
            "title": text_of(entry.find("ArticleTitle")).rstrip("."),
            "journal": text_of(entry.find("Journal/Title")),
            "year": pubmed_year(issue.find("PubDate") if issue is not None else None),
            "volume": issue.findtext("Volume", "") if issue is not None else "",
            "number": issue.findtext("Issue", "") if issue is not None else "",
            "pages": pages(entry.findtext("Pagination/MedlinePgn", "")),
        }
        pmid = citation.findtext("PMID")
        authors, editors = pubmed_people(entry.find("AuthorList")), []
        types = [text_of(node) for node in entry.findall("PublicationTypeList/PublicationType")]
        entry_type = "article"
        dois = [clean(node.text) for node in entry.findall("ELocationID") if node.get("EIdType") == "doi"]
        ids.setdefault("doi", dois[0] if dois else "")
    else:
        document = book.find("BookDocument")
        fields = {
            "title": text_of(document.find("ArticleTitle")).rstrip("."),
            "booktitle": text_of(document.find("Book/BookTitle")),
            "publisher": text_of(document.find("Book/Publisher/PublisherName")),
            "year": pubmed_year(document.find("Book/PubDate")),
        }
        pmid = document.findtext("PMID")
        lists = {node.get("Type", "authors"): node for node in document.findall("AuthorList")}
        authors = pubmed_people(lists.get("authors"))
        editors = pubmed_people(document.find("Book/AuthorList[@Type='editors']"))
        types = [text_of(node) for node in document.findall("PublicationType")]
        entry_type = "incollection" if fields["booktitle"] and fields["title"] else "book"
    fields.update(doi=ids.get("doi", ""), pmid=clean(pmid or ids.get("pubmed")), pmcid=ids.get("pmc", ""))
    return Record(
        entry_type,
        {name: value for name, value in fields.items() if value},
        authors=authors,
        editors=editors,
        sources=["PubMed"],
        publication_types=types,
    )


# Fields each service is the better record for when both answer.
FROM_PUBMED = ("pmid", "pmcid")


def merge(primary: Record, other: Record) -> tuple[Record, list[str]]:
    """One record from Crossref's and PubMed's (either order): Crossref's bibliographic fields (the
    publisher's deposit: full journal name, full page range, title case), PubMed's identifiers;
    a field only one has is taken from it. Returns the record and each disagreement, one line each."""
    crossref, pubmed = (primary, other) if "PubMed" not in primary.sources else (other, primary)
    fields = dict(pubmed.fields)
    fields.update({name: value for name, value in crossref.fields.items() if name not in FROM_PUBMED})
    disagreements = []
    for name in ("year", "volume", "number", "pages"):
        a, b = crossref.fields.get(name), pubmed.fields.get(name)
        if a and b and a != b:
            disagreements.append(f"{name}: Crossref says {a}, PubMed says {b}; kept {a}")
    return (
        Record(
            crossref.entry_type if crossref.entry_type != "misc" else pubmed.entry_type,
            fields,
            authors=crossref.authors or pubmed.authors,
            editors=crossref.editors or pubmed.editors,
            sources=[*crossref.sources, *pubmed.sources],
            publication_types=pubmed.publication_types,
        ),
        disagreements,
    )
