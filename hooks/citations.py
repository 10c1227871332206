"""Citations as editors write them, from `[@key]` to the superscript marker: one grammar, one pipeline.

A `[@key]` passes these steps in order (hooks run by event priority, highest first):

  130  this hook        mask code, comments, raw HTML and link text (editorial/masking.py), so that they
                        are text, never citations; then check the citation syntax with the one grammar
                        (editorial/citations.py) and stop on any problem with one line naming file and line
  120  claims_ledger    every cited sentence has its checked passage; marks each group for the preview
  110  regulatory_status  `{{ status … }}` placeholders become words with their own citations
   50  references_section  the "References" heading
    0  mkdocs-bibtex    groups become footnote markers through `inline_text` (installed here, below),
                        references are formatted by citation_style (installed there)
  -50  page_status, -100 bibliography_page
  on_page_content: this hook puts the masked text back; claims_ledger adds the passages

mkdocs-bibtex stays the engine (its registry and footnotes); this hook is the one place that
replaces its inline rendering and its validation, which warned without naming the page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from editorial import bibtex_plugin, citations, masking
from editorial.pages import first_line
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']?(?P<path>[^"'\s]+)""")
LOCATOR = '<sup class="cite-locator">({})</sup>'
SEPARATOR = '<sup class="cite-sep">,</sup>'
PREFIX = ' <span class="cite-prefix">{}</span>'  # claims_ledger's MARKED_RUN reads a group by these three
pieces: dict[str, list] = {}  # masked pieces per page, put back after conversion
unread: dict[str, str] = {}  # keys in .bib files the plugin does not read, for the unknown-key message


def problems(markdown: str, known: set[str] | None, start: int = 1, unread: dict[str, str] | None = None) -> list[str]:
    """(line, problem) for every citation the site cannot render exactly as written."""
    found = []
    lines = markdown.split("\n")
    for number, line in enumerate(lines, start=start):
        if "\\bibliography" in line or "\\full_bibliography" in line:
            found.append(f"{number}: a bibliography command; the build adds the reference list itself")
        for group in citations.groups(line):
            for item in citations.items(group["body"]):
                key = item["key"]
                if not citations.PLUGIN_KEY.fullmatch(key):
                    found.append(
                        f"{number}: citation key '{key}' has a character the citation plugin cannot read"
                        " (it would cite another source); keys use letters, digits, '_' and '-'"
                    )
                elif known is not None and key.lower() not in known:
                    where = (unread or {}).get(key.lower())
                    found.append(
                        f"{number}: unknown citation key '{key}'; it is in {where}"
                        if where
                        else f"{number}: unknown citation key '{key}'; it is not in bib/"
                    )
                if item["locator"] is not None and not item["locator"].strip():
                    found.append(f"{number}: empty locator after '@{key},'")
    # A group opened on one line and closed on the next is left as raw text by the plugin.
    for number, (line, following) in enumerate(zip(lines, lines[1:] + [""], strict=True), start=start):
        tail = line[line.rfind("[") :] if "[" in line else ""
        if tail and "]" not in tail and "@" in tail + following.split("]", 1)[0] and "]" in following:
            found.append(f"{number}: a citation group is split over two lines; keep '[@…]' on one line")
    return found


def snippet_problems(path: Path, shown: str) -> list[str]:
    """A citation in a file that pymdownx.snippets includes is never processed: it runs after the plugin."""
    if not path.is_file():
        return []  # snippets itself reports a missing file (check_paths: true)
    lines = masking.mask(path.read_text(encoding="utf-8")).text.split("\n")
    return [
        f"{shown}:{number}: a citation in an included file is never processed; cite in the page itself"
        for number, line in enumerate(lines, start=1)
        if citations.groups(line)
    ]


def snippet_bases(config) -> tuple[list[Path], list[str]]:
    """pymdownx.snippets' base paths and auto-appended files, as mkdocs.yml configures them."""
    options = config.mdx_configs.get("pymdownx.snippets", {})
    root = Path(config.config_file_path).parent
    bases = [root / b for b in (options.get("base_path") or ["."])]
    return bases, list(options.get("auto_append") or [])


def included_problems(markdown: str, config) -> list[str]:
    bases, _ = snippet_bases(config)
    found = []
    for line in markdown.split("\n"):
        match = SNIPPET.match(line)
        if match:
            for base in bases:
                found += snippet_problems(base / match["path"], match["path"])
    return found


def inline_text(block, known) -> str:
    """Footnote markers for one group: "see" prefixes as text, "1,2" separators, AMA locators "3(p 12)"."""
    parts = []
    for citation in block.citations:
        if citation.key not in known:
            continue
        prefix = PREFIX.format(html.escape(citation.prefix.strip())) if citation.prefix.strip() else ""
        locator = LOCATOR.format(html.escape(citation.suffix.strip())) if citation.suffix.strip() else ""
        parts.append(f"{prefix}[^{citation.key}]{locator}")
    return SEPARATOR.join(parts)


@event_priority(-100)  # after mkdocs-bibtex has loaded the bibliography
def on_config(config):
    bases, appended = snippet_bases(config)
    found = [p for name in appended for base in bases for p in snippet_problems(base / name, name)]
    if found:
        raise PluginError("\n".join(found))
    bibtex_plugin.install(
        config,
        inline_text=lambda block: inline_text(block, bibtex_plugin.entries(config)),
        validate=lambda blocks: None,  # checked in on_page_markdown, with page and line
    )
    unread.clear()
    unread.update(bibtex_plugin.unread_keys(config))
    return config


@event_priority(130)  # first: everything after this sees code as text
def on_page_markdown(markdown, page, config, files):
    masked = masking.mask(markdown)
    pieces[page.file.src_uri] = masked.pieces
    known = bibtex_plugin.known_keys(config)
    start = first_line(page.file.content_string, page.markdown)
    src = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    found = [f"{src}:{problem}" for problem in problems(masked.text, known, start, unread)]
    found += included_problems(masked.text, config)
    if found:
        raise PluginError("\n".join(found))
    return citations.spaced(masked.text)


def on_page_content(html_text, page, config, files):
    return masking.unmask(html_text, pieces.pop(page.file.src_uri, []))
