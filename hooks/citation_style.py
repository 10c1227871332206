"""Format references in an AMA-like style, with evidence type and links, once per entry.

Why: mkdocs-bibtex without pandoc uses pybtex's "plain" style, which is not a
medical style, leaks LaTeX (`\\url`, braces) and re-formats every citation on
every page. We keep the plugin for parsing `[@key]` and numbering footnotes, and
replace only its reference text:

* AMA (JAMA, 11th ed.) because it is the style most medical readers know, it is
  numeric (a superscript does not interrupt a sentence) and it ends with the DOI.
  Departures: full journal names (lay readers do not know NLM abbreviations) and
  titles kept in the case the bibliography gives them.
* Every field is LaTeX-decoded by pybtex and then HTML-escaped, so markup in a
  field (a `<script>` in a title) is shown as text, never run. The `url` field is
  taken verbatim (LaTeX would cut it at a `%`) and linked only when it is https;
  hooks/bib_validation.py stops the build on any other.
* Articles, books and their parts (inbook, incollection, inproceedings), theses,
  reports, web pages (online) and misc each show their container: journal,
  book and editors, school, institution and report number, publisher.
* Output is cached per key: formatting cost grows with entries, not citations.
"""

from __future__ import annotations

import html
import re

from editorial import bibtex_plugin, evidence
from mkdocs.plugins import event_priority
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import Text

EVIDENCE_LABELS = evidence.LABELS
MAX_AUTHORS = 6  # AMA: list all up to six; otherwise the first three and "et al"
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Characters that Markdown would read as syntax inside a footnote definition.
MARKDOWN_SPECIALS = {"*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;"}


# One backend for every field: Text.render_as("text") looks the backend up through
# importlib entry points on each call (about 3 ms), which was half the site's build time.
PLAIN_TEXT = PlainTextBackend()


# A command pybtex leaves in place (it decodes accents and known symbols, not markup such as \emph).
LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?\s*")


def plain(latex: str) -> str:
    """LaTeX field value -> plain text (accents decoded, braces, $ and leftover commands removed)."""
    text = LATEX_COMMAND.sub("", Text.from_latex(str(latex)).render(PLAIN_TEXT))
    return " ".join(text.replace("{", "").replace("}", "").split())


def esc(text: str) -> str:
    """Plain text -> HTML that Markdown passes through untouched."""
    escaped = html.escape(text, quote=True)
    return "".join(MARKDOWN_SPECIALS.get(ch, ch) for ch in escaped)


def person_name(person) -> str:
    last = plain(" ".join(person.prelast_names + person.last_names))
    initials = "".join(
        part[0]
        for name in person.first_names + person.middle_names
        for part in re.split(r"[\s.\-]+", plain(name))
        if part
    )
    lineage = plain(" ".join(person.lineage_names)).rstrip(".")
    return " ".join(p for p in (last, initials, lineage) if p)


def names(persons) -> str:
    listed = [p for p in persons if plain(" ".join(p.last_names)) != "others"]
    truncated = len(listed) < len(persons) or len(listed) > MAX_AUTHORS
    if len(listed) > MAX_AUTHORS:
        listed = listed[:3]
    text = ", ".join(person_name(p) for p in listed)
    return f"{text}, et al" if truncated else text


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def link(href: str, label: str) -> str:
    return f'<a href="{esc(href)}">{esc(label)}</a>'


def identifiers(fields) -> list[str]:
    out = []
    if "doi" in fields:
        doi = plain(fields["doi"])
        out.append("doi:" + link(f"https://doi.org/{doi}", doi))
    if "pmid" in fields:
        pmid = plain(fields["pmid"])
        out.append("PMID: " + link(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/", pmid))
    if "pmcid" in fields:
        pmcid = plain(fields["pmcid"])
        out.append("PMCID: " + link(f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/", pmcid))
    if "url" in fields and "doi" not in fields:
        url = str(fields["url"]).strip()  # verbatim, as in biblatex: LaTeX would read % and ~
        # bib_validation stops the build on any other scheme; this only keeps the formatter safe alone.
        out.append(link(url, url) if url.startswith("https://") else esc(url))
    return out


def evidence_badge(fields) -> str:
    kind = plain(fields.get("evidence", ""))
    label = EVIDENCE_LABELS.get(kind)
    if label is None:
        return ""
    return f' <span class="evidence-badge" data-evidence="{esc(kind)}">{esc(label)}</span>'


def editors(persons) -> str:
    """AMA: "Smith J, ed" for one editor, "Smith J, Doe J, eds" for several."""
    return names(persons) + (", ed" if len(persons) == 1 else ", eds")


def imprint(fields, *publisher_fields: str, pages: bool = False) -> str:
    """AMA's closing element, "Publisher; 2020" (":10-20" added for a part of a book), from the first field present."""
    who = next((plain(fields[name]) for name in publisher_fields if name in fields), "")
    when = plain(fields.get("year", ""))
    if pages and "pages" in fields:
        when += f":{plain(fields['pages'])}"
    text = "; ".join(part for part in (who, when) if part)
    return esc(f"{text}.") if text else ""


def edition(fields) -> str:
    return esc(f"{plain(fields['edition'])} ed.") if "edition" in fields else ""


# Parts of a book or proceedings: "Title. In: Editors, eds. <i>Book</i>. Publisher; year:pages."
CHAPTER_TYPES = ("incollection", "inproceedings")
THESIS_LABELS = {"phdthesis": "Dissertation", "mastersthesis": "Master's thesis"}


def format_entry(entry) -> str:
    """One bibliography entry as an HTML fragment (safe to place in Markdown)."""
    f = entry.fields
    parts = []
    authors = entry.persons.get("author") or entry.persons.get("editor")
    if authors:
        parts.append(esc(sentence(names(authors) if "author" in entry.persons else editors(authors))))
    title = plain(f.get("title", ""))
    italic_title = f"<i>{esc(sentence(title))}</i>"
    year = plain(f.get("year", ""))
    if entry.type == "article":
        parts.append(esc(sentence(title)))
        journal = f"<i>{esc(plain(f.get('journal', '')))}</i>."
        issue = year
        if "volume" in f:
            issue += f";{plain(f['volume'])}"
            if "number" in f:
                issue += f"({plain(f['number'])})"
        if "pages" in f:
            issue += f":{plain(f['pages'])}"
        parts.append(f"{journal} {esc(issue)}.")
    elif entry.type in CHAPTER_TYPES or (entry.type == "inbook" and "booktitle" in f):
        parts.append(esc(sentence(title)))
        container = "In:"
        if "author" in entry.persons and "editor" in entry.persons:
            container += " " + esc(sentence(editors(entry.persons["editor"])))
        parts.append(f"{container} <i>{esc(sentence(plain(f.get('booktitle', ''))))}</i>")
        parts.append(edition(f))
        parts.append(imprint(f, "publisher", "organization", pages=True))
    elif entry.type in ("book", "inbook"):  # inbook without booktitle: BibTeX's chapter of a book
        parts.append(italic_title)
        parts.append(edition(f))
        if "author" in entry.persons and "editor" in entry.persons:  # editors alone already lead the entry
            parts.append(esc(sentence(f"Edited by {names(entry.persons['editor'])}")))
        if "chapter" in f:
            parts.append(esc(sentence(f"Chapter {plain(f['chapter'])}")))
        parts.append(imprint(f, "publisher", pages=entry.type == "inbook"))
    elif entry.type in THESIS_LABELS:
        parts.append(italic_title)
        parts.append(esc(sentence(plain(f.get("type", "")) or THESIS_LABELS[entry.type])))
        parts.append(imprint(f, "school"))
    elif entry.type == "techreport":
        parts.append(italic_title)
        if "number" in f:
            parts.append(esc(sentence(f"{plain(f.get('type', '')) or 'Report'} {plain(f['number'])}")))
        parts.append(imprint(f, "institution", "publisher"))
    else:  # misc and online: regulatory documents, labels, press releases, web pages
        parts.append(esc(sentence(title)))
        container = next((plain(f[n]) for n in ("howpublished", "organization", "publisher") if n in f), "")
        if container:
            parts.append(esc(sentence(container)))
        if year:
            month = plain(f.get("month", ""))[:3].lower()
            when = f"{month.capitalize()} {year}" if month in MONTHS else year
            parts.append(esc(f"Published {when}."))
        if "urldate" in f:
            parts.append(esc(f"Accessed {plain(f['urldate'])}."))
    ids = identifiers(f)
    text = " ".join(part for part in parts if part)
    if ids:
        text += " " + ". ".join(ids) + "."
    return text + evidence_badge(f)


class CachedFormatter:
    """Stands in for the plugin's reference_text: formats each entry once."""

    def __init__(self, entries):
        self.entries = entries
        self.cache: dict[str, str] = {}

    def __call__(self, citation) -> str:
        key = citation.key
        if key not in self.cache:
            self.cache[key] = format_entry(self.entries[key])
        return self.cache[key]


@event_priority(-100)  # after mkdocs-bibtex has loaded the bibliography
def on_config(config):
    bibtex_plugin.install(config, reference_text=CachedFormatter(bibtex_plugin.entries(config)))
    return config
