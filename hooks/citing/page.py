"""A page of this site as a citable record: its key, CSL-JSON item, BibTeX and RIS.

Why: "Cite this page" must import cleanly. The BibTeX key comes from the page's path,
so two pages with the same title or year never share one (BibTeX stops at a repeated
key). The author is the editorial team, one corporate name. The access date is the
reader's: pages are rendered with ACCESSED in its place, which the template turns into
a <time> element that a small script sets to the reader's date; without JavaScript it
shows the date the site was built (SOURCE_DATE_EPOCH, if set, for reproducible builds).
"""

from __future__ import annotations

import datetime
import os
import re
from urllib.parse import urljoin

from . import styles
from .bibtex import record as bibtex_record
from .latex import escape, protect_text
from .records import MONTHS
from .ris import item_ris

ACCESSED = "\x00accessed\x00"  # stands for the reader's access date until the template renders it
SENTINEL = datetime.date(1900, 1, 1)  # the access date citeproc formats, found and replaced after
ARTICLE_SECTIONS = ("fundamentals/", "mechanisms/", "clinical/")  # as hooks/frontmatter.py's content pages
FOOTNOTE = re.compile(r'<li id="fn:([^"]+)"')  # the page's reference list, in order of first citation


def build_date() -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def is_article(src_uri: str) -> bool:
    """A content page (Fundamentals, Mechanisms, Clinical context), not a section index or a site page."""
    return src_uri.startswith(ARTICLE_SECTIONS) and not src_uri.endswith("index.md")


def key_prefix(site_name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", site_name.lower()) or "site"


def page_key(src_uri: str, site_name: str) -> str:
    """hormonesandoxytocin:mechanisms:estradiol: one key per page, from its path (never its title)."""
    path = re.sub(r"(^|/)index\.md$", "", src_uri)
    path = re.sub(r"\.md$", "", path).strip("/") or "home"
    return ":".join([key_prefix(site_name)] + [re.sub(r"[^A-Za-z0-9_.-]", "-", part) for part in path.split("/")])


def duplicate_keys(src_uris: list[str], site_name: str) -> list[str]:
    """One line per page whose key another page already has (two paths that differ only in punctuation)."""
    seen: dict[str, str] = {}
    problems = []
    for src_uri in sorted(src_uris):
        key = page_key(src_uri, site_name)
        if key in seen:
            problems.append(f"{src_uri}: its citation key '{key}' is also {seen[key]}'s; rename one of the two files")
        seen.setdefault(key, src_uri)
    return problems


def cited_keys(html: str) -> list[str]:
    """Keys of the sources in a page's reference list, first cited first."""
    return list(dict.fromkeys(FOOTNOTE.findall(html)))


def page_record(meta: dict, src_uri: str, page_url: str, config) -> dict:
    reviewed = meta.get("reviewed") if isinstance(meta.get("reviewed"), datetime.date) else None
    published = meta.get("published") if isinstance(meta.get("published"), datetime.date) else reviewed
    changes = [c for c in meta.get("changes") or [] if isinstance(c, dict)]
    changed = [c["date"] for c in changes if isinstance(c.get("date"), datetime.date)]
    # A dated edition (hooks/edition.py) is a different work from the living page: its own key and name.
    edition = meta.get("edition") if isinstance(meta.get("edition"), dict) and meta["edition"].get("dated") else None
    key = page_key(src_uri, config.site_name)
    return {
        "key": f"{key}:{edition['name']}" if edition else key,
        "title": str(meta.get("title") or ""),
        "author": config.site_author or config.site_name,
        "site": config.site_name,
        "edition": edition["title"] if edition else None,  # "December 2026 edition"
        "version": edition["name"] if edition else None,  # "2026.12"
        "container": f"{config.site_name}, {edition['title']}" if edition else config.site_name,
        "site_url": config.site_url or "",
        "url": urljoin(config.site_url or "", page_url),
        "reviewed": reviewed,
        "published": published,
        "modified": max([d for d in [reviewed, *changed] if d], default=None),
        "description": str(meta.get("description") or ""),
        "article": is_article(src_uri),
    }


def csl_item(record: dict, accessed: datetime.date = SENTINEL) -> dict:
    item = {
        "id": record["key"],
        "citation-key": record["key"],
        "type": "webpage",
        "author": [{"literal": record["author"]}],
        "title": record["title"],
        "container-title": record.get("container") or record["site"],
        "URL": record["url"],
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
    }
    if record["reviewed"]:
        day = record["reviewed"]
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    return item


# A page's citation differs from another's only in title, address and date. citeproc-py formats a
# pattern once per date and style (with these stand-ins), and each page fills in its own title and
# address: formatting a page costs microseconds, not the milliseconds of a CSL run, on a 1,000-page site.
TITLE_TOKEN = "Qxtitlexq"
URL_TOKEN = "https://qxurlxq.invalid/"


def styled(record: dict) -> dict[str, str]:
    """{style: text} for the page, its access date left as the SENTINEL date."""
    if not record["title"] or record["title"][-1] in ".?!":  # the style's own punctuation would change
        item = csl_item(record)
        return styles.format_all([item])[item["id"]]
    pattern = csl_item({**record, "title": TITLE_TOKEN, "url": URL_TOKEN, "key": "pattern"})
    texts = styles.format_all([pattern])["pattern"]
    out = {}
    for name, text in texts.items():
        if text.count(TITLE_TOKEN) == 1 and text.count(URL_TOKEN) == 1:
            out[name] = text.replace(TITLE_TOKEN, record["title"]).replace(URL_TOKEN, record["url"])
        else:  # a style changed the stand-in (its case, say): format this page in full
            item = csl_item(record)
            out[name] = styles.format_items([item], name)[item["id"]]
    return out


def bibtex(record: dict) -> str:
    """@misc that BibTeX's plain and unsrt print with the URL, biblatex without printing it twice.

    The URL goes in `howpublished` as \\url{…} (classic styles print it; Zotero and
    citation-js read it back as the URL), not in `url` as well, which biblatex and
    natbib styles would print a second time. The site, review date and access date go
    in `note`, the field every style prints.
    """
    fields = [
        ("author", "{{" + escape(record["author"]) + "}}"),
        ("title", "{" + protect_text(record["title"]) + "}"),
        ("howpublished", "{\\url{" + record["url"] + "}}"),
    ]
    note = escape(record.get("container") or record["site"])
    if record.get("version"):
        fields.append(("version", "{" + escape(record["version"]) + "}"))  # biblatex prints it; BibTeX ignores it
    if record["reviewed"]:
        day = record["reviewed"]
        fields += [("year", f"{{{day.year}}}"), ("month", MONTHS[day.month - 1])]
        note += f". Last reviewed {day:%Y-%m-%d}"
    fields += [("urldate", "{" + ACCESSED + "}"), ("note", "{" + note + ". Accessed " + ACCESSED + "}")]
    return bibtex_record("misc", record["key"], fields)


def ris(record: dict) -> str:
    text = item_ris(csl_item(record))
    if record.get("edition"):  # RIS's edition tag, before the end-of-record line
        text = text.replace("\nER  -", f"\nET  - {record['edition']}\nER  -", 1)
    return text.replace("Y2  - 1900/01/01", "Y2  - " + ACCESSED)
