"""Check every cited sentence against the claims ledger, and show its passage in the preview.

Why: a citation must support its sentence. The ledger (data/claims/, see
hooks/editorial/claims.py) records, for each cited sentence, the passage of each source
it rests on and when that was checked. A sentence with no entry, an entry whose sentence
is gone, or keys that differ, each give one line naming the file and line, so editing a
cited sentence asks for its check again (`scripts/claims.py stub` writes the entry).

Readers see the record too: the citation preview shows each marker's passage under the
reference ("Supports: … (abstract)"), as Wikipedia's `quote=` does for one source. The
passages are needed only when a preview opens, so they are not in the page's HTML (they
were a sixth of the heaviest page): each page with passages gets `passages.json` beside
it, {marker id: "Supports: …"}, named by `data-passages` on its reference list, and
docs/assets/javascripts/tooltips.js fetches it on the first preview.
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
from pathlib import Path

from editorial import bibtex_plugin, citations, claims
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

MAX_SHOWN = 20
MARKER = "<!--supports:{}-->"
# The run of citation markers that mkdocs-bibtex and hooks/citation_style.py make of one
# citation group, followed by the marker this hook put after the group.
MARKED_RUN = re.compile(
    r'(?P<run>(?:(?: <span class="cite-prefix">[^<]*</span>)?'
    r'<sup id="fnref\d*:[^"]+"><a class="footnote-ref" href="#fn:[^"]+">\d+</a></sup>'
    r'(?:<sup class="cite-locator">[^<]*</sup>)?(?:<sup class="cite-sep">,</sup>)?)+)<!--supports:(?P<n>\d+)-->'
)
REF = re.compile(r'<sup id="(?P<id>fnref\d*:[^"]+)"><a class="footnote-ref" href="#fn:(?P<key>[^"]+)"')
FOOTNOTES = '<div class="footnote"'  # Python-Markdown's reference list, once per page
PASSAGES = "passages.json"
# Per page: for the n-th marked group, {key: "Supports: …"}.
supports: dict[str, list[dict[str, str]]] = {}
# Per page: {marker id: "Supports: …"}, written beside the page by on_post_page.
passages: dict[str, dict[str, str]] = {}


def support_text(source: dict) -> str:
    quote, locator = source.get("quote"), source.get("locator", "")
    said = f"“{' '.join(str(quote).split())}”" if quote else " ".join(str(source.get("paraphrase", "")).split())
    return f"Supports: {said} ({locator})"


def mark_groups(markdown: str, entries: dict[str, claims.Entry], start: int) -> tuple[str, list[dict[str, str]]]:
    """Put a numbered marker after each citation group of each sentence the ledger knows."""
    found: list[dict[str, str]] = []
    out = []
    for line in markdown.split("\n"):
        entry = entries.get(claims.normalise(line)) if "@" in line else None
        if entry is not None:
            passages = {s["key"]: support_text(s) for s in entry.raw["sources"] if isinstance(s, dict)}

            def marked(group, passages=passages):
                found.append(passages)
                return group[0] + MARKER.format(start + len(found) - 1)

            line = citations.GROUP.sub(marked, line)
        out.append(line)
    return "\n".join(out), found


def collect_supports(html_text: str, page_supports: list[dict[str, str]]) -> tuple[str, dict[str, str]]:
    """Take the group markers out of the HTML; return it with each marker's passage by marker id."""
    found: dict[str, str] = {}

    def attach(match):
        group = page_supports[int(match["n"])]
        for ref in REF.finditer(match["run"]):
            if ref["key"] in group:
                found[ref["id"]] = group[ref["key"]]
        return match["run"]

    return MARKED_RUN.sub(attach, html_text), found


def passages_uri(dest_uri: str) -> str:
    """Where a page's passages go: beside index.html, or `name.passages.json` beside `name.html`."""
    folder, name = posixpath.split(dest_uri)
    base = PASSAGES if name == "index.html" else f"{posixpath.splitext(name)[0]}.{PASSAGES}"
    return posixpath.join(folder, base)


def point_to_passages(html_text: str, href: str) -> str | None:
    """The page with its reference list naming the passages file; None if it has no list."""
    if FOOTNOTES not in html_text:
        return None
    return html_text.replace(FOOTNOTES, f'{FOOTNOTES} data-passages="{href}"', 1)


@event_priority(120)  # on the page as written: before placeholders expand or citations are rewritten
def on_page_markdown(markdown, page, config, files):
    root = Path(config.config_file_path).parent
    if not (root / "data" / "claims").is_dir():  # a site without a ledger (test fixtures); the real site has one
        return markdown
    ledger = claims.ledger_path(root, page.file.src_uri)
    shown = ledger.relative_to(root).as_posix()
    known = set(bibtex_plugin.entries(config)) if bibtex_plugin.loaded(config) else None
    source = page.file.content_string  # with front matter, so that line numbers match the file
    problems = claims.check_page(source, f"docs/{page.file.src_uri}", ledger, shown, datetime.date.today(), known)
    if problems:
        if len(problems) > MAX_SHOWN:
            problems = [*problems[:MAX_SHOWN], f"… and {len(problems) - MAX_SHOWN} more"]
        raise PluginError("\n".join(problems))
    entries = {e.sentence: e for e in claims.load_ledger(ledger)}
    markdown, supports[page.file.src_uri] = mark_groups(markdown, entries, 0)
    return markdown


def on_page_content(html_text, page, config, files):
    page_supports = supports.pop(page.file.src_uri, None)
    passages.pop(page.file.src_uri, None)
    if not page_supports:
        return html_text
    html_text, found = collect_supports(html_text, page_supports)
    if "<!--supports:" in html_text:  # a group rendered in a form MARKED_RUN does not know: never drop it silently
        raise PluginError(f"docs/{page.file.src_uri}: a citation group's checked passage could not be attached")
    if not found:
        return html_text
    pointed = point_to_passages(html_text, posixpath.basename(passages_uri(page.file.dest_uri)))
    if pointed is None:
        raise PluginError(
            f"docs/{page.file.src_uri}: cited sentences but no reference list to attach their passages to"
        )
    passages[page.file.src_uri] = found
    return pointed


def on_post_page(output, page, config):
    found = passages.pop(page.file.src_uri, None)
    if found:
        target = Path(config.site_dir) / passages_uri(page.file.dest_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(found, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return output
