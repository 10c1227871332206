"""A record as a bib/references.bib entry in the house style (CONTRIBUTING.md, "Add a reference").

Key: first author's family name, year, first significant title word, lowercase ASCII.
Entry: two-space indentation, lowercase field names, fields in the order the existing entries
use, non-ASCII letters as LaTeX accents, acronyms in titles braced, and the entries kept sorted.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

from .records import Person, Record

KEY_PATTERN = re.compile(r"[a-z]+[0-9]{4}[a-z0-9]+")  # as tests/rules/bibliography.py checks it
ENTRY_START = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)
ORDER = [
    "author",
    "editor",
    "title",
    "journal",
    "booktitle",
    "edition",
    "school",
    "institution",
    "publisher",
    "address",
    "year",
    "volume",
    "number",
    "pages",
    "isbn",
    "doi",
    "pmid",
    "pmcid",
    "evidence",
    "note",
]
NOT_SIGNIFICANT = {"a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "with", "at", "by", "from"}
NOT_SIGNIFICANT |= {"as", "into", "about", "is", "are", "do", "does", "its", "their", "versus", "vs"}
SPECIAL = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$", "{": "", "}": "", "\\": "", "\u00a0": " "}
ACRONYM = re.compile(r"(?<![\w{\\])([\w-]*[A-Z][\w-]*[A-Z][\w-]*)")  # two capitals or more: MK-0677, mRNA, GnRH
ASCII_LETTERS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th", "ı": "i"}


def ascii_word(text: str) -> str:
    """'Meltzer-Brody' -> 'meltzerbrody', 'Nüst' -> 'nust': lowercase ASCII letters and digits only."""
    text = "".join(ASCII_LETTERS.get(ch, ch) for ch in text.lower())
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", text)


def make_key(record: Record) -> str:
    """The documented key, or "" when the record lacks what it is made of (then --key is needed)."""
    person = (record.authors or record.editors or [Person()])[0]
    name = ascii_word(person.family) or ascii_word((person.organisation.split() or [""])[0])
    words = [ascii_word(word) for word in re.split(r"[\s\-\u2010-\u2015/]+", record.fields.get("title", ""))]
    word = next((word for word in words if word and word not in NOT_SIGNIFICANT), "")
    year = record.fields.get("year", "")
    key = f"{re.sub(r'[0-9]', '', name)}{year}{word}"
    return key if KEY_PATTERN.fullmatch(key) else ""


def free_key(key: str, taken: set[str]) -> str:
    """The key itself, or with b, c, … added when another source already has it."""
    candidate, suffix = key, ord("b")
    while candidate.lower() in taken:
        candidate, suffix = f"{key}{chr(suffix)}", suffix + 1
    return candidate


def latex(text: str) -> str:
    """Plain text -> BibTeX value: specials escaped, non-ASCII as braced LaTeX ({\\"u}, {$\\alpha$})."""
    text = "".join(SPECIAL.get(ch, ch) for ch in text)
    return "".join(ch if ord(ch) < 128 else "{" + codecs.encode(ch, "ulatex+ascii", "keep") + "}" for ch in text)


def protect_acronyms(value: str) -> str:
    """Brace words with two or more capitals, so styles that change a title's case keep them."""
    return ACRONYM.sub(r"{\1}", value)


def names(persons: list[Person]) -> str:
    listed = []
    for person in persons:
        if person.organisation:
            listed.append("{" + latex(person.organisation) + "}")
        else:
            listed.append(latex(f"{person.family}, {person.given}" if person.given else person.family))
    return " and ".join(listed)


def entry(record: Record, key: str, evidence: str, note: str) -> str:
    values = {name: latex(value) for name, value in record.fields.items()}
    values["title"] = protect_acronyms(values.get("title", ""))
    if record.authors:
        values["author"] = names(record.authors)
    if record.editors:
        values["editor"] = names(record.editors)
    values.update(evidence=evidence, note=latex(note))
    lines = [f"  {name} = {{{values[name]}}}" for name in ORDER if values.get(name)]
    return f"@{record.entry_type}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def insert_sorted(text: str, new_entry: str, key: str) -> tuple[str, int]:
    """The bib text with the entry before the first key that sorts after it; and the entry's line."""
    position = len(text)
    for match in ENTRY_START.finditer(text):
        if match.group(1) > key:
            position = match.start()
            break
    before = text[:position]
    if before and not before.endswith("\n"):
        before += "\n"
    return before + new_entry + text[position:], before.count("\n") + 1
