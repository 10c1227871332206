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
from markdown.util import BLOCK_LEVEL_ELEMENTS
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']?(?P<path>[^"'\s]+)""")
LOCATOR = '<sup class="cite-locator">({})</sup>'
SEPARATOR = '<sup class="cite-sep">,</sup>'
PREFIX = ' <span class="cite-prefix">{}</span>'  # claims_ledger's MARKED_RUN reads a group by these three
pieces: dict[str, list] = {}  # masked pieces per page, put back after conversion
unread: dict[str, str] = {}  # keys in .bib files the plugin does not read, for the unknown-key message


# An "@key" the grammar would read, wherever it stands (inside or outside a group).
LOOSE_KEY = re.compile(r"(?<![\w.+-])-?@(?P<key>" + citations.KEY + ")")
EMPTY_AT = re.compile(r"(?<![\w.+-])@(?=[\s\];]|$)")  # "[@]", "[@ smith2020]": an "@" with no key
FULL_WIDTH = re.compile(r"[［【〔]\s*-?@")
COMMENT_OPEN = re.compile(r"<!--")
BLOCK_TAG = re.compile(r"^ {0,3}<(?P<tag>[A-Za-z][A-Za-z0-9]*)(?P<attrs>[\s>/][^\n]*)?$")
HTML_BLOCKS = set(BLOCK_LEVEL_ELEMENTS)


def key_problem(key: str, known: set[str] | None, unread: dict[str, str] | None) -> str | None:
    """Why one cited key cannot be rendered as written, or None."""
    if not citations.PLUGIN_KEY.fullmatch(key):
        return (
            f"citation key '{key}' has a character the citation plugin cannot read"
            " (it would cite another source); keys use letters, digits, '_' and '-'"
        )
    if known is None or key in known:
        return None
    same = next((k for k in known if k.lower() == key.lower()), None)
    if same is not None:  # the plugin would find it, but list the source twice under two spellings
        return f"citation key '{key}' is written '{same}' in bib/; use that spelling"
    where = (unread or {}).get(key.lower())
    return f"unknown citation key '{key}'; " + (f"it is in {where}" if where else "it is not in bib/")


def group_problems(body: str, known: set[str] | None, unread: dict[str, str] | None) -> list[str]:
    """Problems inside one group body: each ";"-part is one citation, "[prefix] @key[, locator]"."""
    found = []
    for part in body.split(";"):
        if not part.strip():
            continue  # "[@a;]": a trailing separator loses nothing
        item = citations.ITEM.match(part)
        loose = LOOSE_KEY.search(part)
        if item is None and loose is None:
            found.append(
                f"'{part.strip()}' after ';' is not a citation; ';' separates citations, so a locator cannot hold one"
            )
            continue
        if item is None:  # "[@a p. 12]", "[@a\\_b]": the plugin would keep the key and drop the rest
            key = loose["key"]
            found.append(
                f"text after '@{key}' needs a comma before it, as in [@{key}, p. 12] (keys have no spaces or '\\')"
            )
            continue
        problem = key_problem(item["key"], known, unread)
        if problem:
            found.append(problem)
        if item["locator"] is not None and not item["locator"].strip():
            found.append(f"empty locator after '@{item['key']},'")
    return found


BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)  # a bracket, or an escaped character ("\\[" is text)


def bracket_depths(line: str) -> list[int]:
    """Depth of "[" nesting before each character of a line ("\\[" is text).

    Only brackets and backslashes are visited, not every character (issue 14).
    """
    depths: list[int] = []
    depth = 0
    for match in BRACKET.finditer(line):
        char = match[0]
        if char == "[" or char == "]":
            depths += [depth] * (match.end() - len(depths))
            depth = depth + 1 if char == "[" else max(0, depth - 1)
    depths += [depth] * (len(line) - len(depths))
    return depths


def closing_bracket(line: str, position: int) -> int:
    """Index of the "]" that closes the bracket around `position`, or -1."""
    depth = 0
    for index in range(position, len(line)):
        if line[index] == "[" and line[index - 1] != "\\":
            depth += 1
        elif line[index] == "]" and line[index - 1] != "\\":
            if depth == 0:
                return index
            depth -= 1
    return -1


def stray_problems(line: str) -> list[str]:
    """Citation syntax outside a readable group: the plugin would garble it or leave it as raw text."""
    found = []
    spans = [(g.start(), g.end()) for g in citations.groups(line)]
    depths = bracket_depths(line)
    for start, _ in spans:
        if depths[start] > 0:
            found.append(
                "a citation inside other brackets (nested brackets, a link's text or an image's alt text)"
                "; cite outside them"
            )
    for match in LOOSE_KEY.finditer(line):
        if any(start <= match.start() < end for start, end in spans) or depths[match.start()] == 0:
            continue
        close = closing_bracket(line, match.end())
        if close < 0:
            continue  # a group that goes on to the next line: reported as split, below
        after = line[close + 1 : close + 3] if close >= 0 else ""
        if after.startswith("[") and "@" in after + line[close + 3 : close + 4]:
            found.append("two citation groups side by side read as one number; write one group, [@a; @b]")
        elif after[:1] in ("(", "["):
            found.append(f"'@{match['key']}' is a link's text, not a citation; cite outside the link")
        else:
            found.append(
                f"'@{match['key']}' is in brackets the build cannot read as a citation"
                " (nested brackets or a link inside them); write [@key] or [@key, p. 12]"
            )
        break
    if any(depths[m.start()] > 0 for m in EMPTY_AT.finditer(line)):
        found.append("an '@' with no key after it in brackets; write [@key]")
    if FULL_WIDTH.search(line):
        found.append("full-width brackets are not a citation; type [@key] with ASCII brackets")
    return found


def raw_html_blocks(lines: list[str]) -> set[int]:
    """Indexes of lines in a raw HTML block (a block-level tag without `markdown`), which Markdown leaves as is."""
    inside, tag, depth = set(), None, 0
    for index, line in enumerate(lines):
        if tag is None:
            opening = BLOCK_TAG.match(line)
            if not opening or opening["tag"].lower() not in HTML_BLOCKS or "markdown" in (opening["attrs"] or ""):
                continue
            tag, depth = opening["tag"].lower(), 0
        inside.add(index)
        depth += len(re.findall(rf"<{tag}[\s>]", line, re.IGNORECASE))
        depth -= len(re.findall(rf"</{tag}\s*>", line, re.IGNORECASE))
        if depth <= 0:
            tag = None
    return inside


def problems(markdown: str, known: set[str] | None, start: int = 1, unread: dict[str, str] | None = None) -> list[str]:
    """(line, problem) for every citation the site cannot render exactly as written.

    `known` holds the bibliography's keys as written there; None when there is no bibliography.
    """
    found = []
    lines = markdown.split("\n")
    visible = masking.blank_code(lines)
    raw_blocks = raw_html_blocks(visible)
    for index, line in enumerate(lines):
        number = start + index
        if "\\bibliography" in line or "\\full_bibliography" in line:
            found.append(f"{number}: a bibliography command; the build adds the reference list itself")
        if index in raw_blocks and LOOSE_KEY.search(visible[index]):
            found.append(
                f"{number}: a citation inside a raw HTML block is never processed;"
                " add `markdown` to the block's opening tag (<div markdown>) or cite outside it"
            )
            continue
        if "@" not in line:  # every check below reads an "@": most lines are skipped without a scan (issue 14)
            continue
        for group in citations.groups(line):  # a code span in a locator is the locator's text
            found += [f"{number}: {problem}" for problem in group_problems(group["body"], known, unread)]
        found += [f"{number}: {problem}" for problem in stray_problems(visible[index])]
    # A group opened on one line and closed on the next is left as raw text by the plugin.
    for number, (line, following) in enumerate(zip(lines, lines[1:] + [""], strict=True), start=start):
        tail = line[line.rfind("[") :] if "[" in line else ""
        if tail and "]" not in tail and "@" in tail + following.split("]", 1)[0] and "]" in following:
            found.append(f"{number}: a citation group is split over two lines; keep '[@…]' on one line")
    # An HTML comment never closed hides the rest of the page, its citations and its reference list.
    text = "\n".join(visible)
    for opening in COMMENT_OPEN.finditer(text):
        if "-->" not in text[opening.end() :]:
            line = start + text.count("\n", 0, opening.start())
            found.append(f"{line}: an HTML comment opened here is never closed ('-->'); the rest of the page vanishes")
            break
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
    if "8<" not in markdown:  # no snippet line ("--8<--"): skip the line-by-line match
        return []
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
        words = citation.prefix.strip()
        words = words[:-1].rstrip() if words.endswith("-") else words  # pandoc's "[-@key]": no author to suppress
        prefix = PREFIX.format(html.escape(words)) if words else ""
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
    known = set(bibtex_plugin.entries(config)) if bibtex_plugin.loaded(config) else None
    start = first_line(page.file.content_string, page.markdown)
    src = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    found = [f"{src}:{problem}" for problem in problems(masked.text, known, start, unread)]
    found += included_problems(masked.text, config)
    if found:
        raise PluginError("\n".join(found))
    return citations.spaced(masked.text)


def on_page_content(html_text, page, config, files):
    return masking.unmask(html_text, pieces.pop(page.file.src_uri, []))
