"""Check every cited sentence against the claims ledger, and show its passage in the preview.

Why: a citation must support its sentence. The ledger (data/claims/, see
hooks/editorial/claims.py) records, for each cited sentence, the passage of each source
it rests on and when that was checked. A sentence with no entry, an entry whose sentence
is gone, or keys that differ, each give one line naming the file and line, so editing a
cited sentence asks for its check again (`scripts/claims.py stub` writes the entry).

Readers see the record too: each citation marker carries its passage
(`data-supports`), and the citation preview shows it under the reference
("Supports: … (abstract)"), as Wikipedia's `quote=` does for one source.
"""

from __future__ import annotations

import datetime
import html
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
REF = re.compile(r'<a class="footnote-ref" href="#fn:(?P<key>[^"]+)"')
# Per page: for the n-th marked group, {key: "Supports: …"}.
supports: dict[str, list[dict[str, str]]] = {}


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


def add_supports(html_text: str, page_supports: list[dict[str, str]]) -> str:
    """Move each group's passages onto its citation markers as data-supports attributes."""

    def attach(match):
        passages = page_supports[int(match["n"])]

        def one(ref):
            text = passages.get(ref["key"])
            return ref[0] + (f' data-supports="{html.escape(text, quote=True)}"' if text else "")

        return REF.sub(one, match["run"])

    return MARKED_RUN.sub(attach, html_text)


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
    if not page_supports:
        return html_text
    html_text = add_supports(html_text, page_supports)
    if "<!--supports:" in html_text:  # a group rendered in a form MARKED_RUN does not know: never drop it silently
        raise PluginError(f"docs/{page.file.src_uri}: a citation group's checked passage could not be attached")
    return html_text
