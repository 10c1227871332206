"""Code is text: hide code, comments, raw HTML tags and link text from the citation syntax.

Why: mkdocs-bibtex finds `[@key]` with a regular expression over the raw Markdown, so a
citation shown in a code span, a commented-out sentence, or the address in
`[write to editors@example.org](mailto:…)` used to be processed as a citation (or an
error). Before anything reads citations, each such piece is replaced by a token of
letters and digits, which Markdown passes through untouched; after conversion the HTML
gets the original back (escaped where it was code). Only pieces that hold something the
citation layer would act on (`@`, `{{`, a bibliography command) are masked, and lines
keep their numbers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"XQMASK(\d+)Q")
ACTIVE = re.compile(r"@|\{\{|\\(?:full_)?bibliography")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MATH = re.compile(r"\\\[.*?\\\]", re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")  # Python-Markdown's backslash escapes
LINK_TEXT = re.compile(r"\[(?P<text>[^\[\]\n]*)\](?=\()")


@dataclass
class Masked:
    text: str
    # token number -> (kind, original); kind "code" is restored HTML-escaped, "raw" as it was, and
    # "escaped" (`\[…\]`: the site renders no math) as Markdown shows it, "\[" as "[", HTML-escaped
    pieces: list[tuple[str, str]] = field(default_factory=list)

    def token(self, kind: str, original: str) -> str:
        self.pieces.append((kind, original))
        return f"XQMASK{len(self.pieces) - 1}Q"


def mask(markdown: str) -> Masked:
    masked = Masked("")
    lines = markdown.split("\n")
    fence = None
    for i, line in enumerate(lines):
        match = FENCE.match(line)
        if fence:
            if match and match.group(2).startswith(fence):
                fence = None
            elif ACTIVE.search(line):
                indent = len(line) - len(line.lstrip())
                lines[i] = line[:indent] + masked.token("code", line[indent:])
            continue
        if match:
            fence = match.group(2)[0] * 3
            continue
    text = "\n".join(lines)

    def keep_lines(kind):
        def sub(m):
            if not ACTIVE.search(m[0]):
                return m[0]
            # one token per line, so that line numbers do not move
            return "\n".join(masked.token(kind, part) for part in m[0].split("\n"))

        return sub

    text = COMMENT.sub(keep_lines("raw"), text)
    text = MATH.sub(keep_lines("escaped"), text)

    def code(m):
        if not ACTIVE.search(m[2]):
            return m[0]
        return f"{m[1]}{masked.token('code', m[2])}{m[1]}"

    text = CODE_SPAN.sub(code, text)
    text = HTML_TAG.sub(lambda m: masked.token("raw", m[0]) if ACTIVE.search(m[0]) else m[0], text)

    def link_text(m):
        if "@" not in m["text"] or re.search(r"(?<![\w.+-])-?@\w", m["text"]):
            return m[0]  # no address, or a real citation inside a link's brackets
        return "[" + m["text"].replace("@", masked.token("raw", "@")) + "]"

    masked.text = LINK_TEXT.sub(link_text, text)
    return masked


def blank_code(lines: list[str]) -> list[str]:
    """Lines with fenced code and code spans blanked (what Markdown reads as text or HTML), same lengths,
    for checks that report positions on the lines as written."""
    out, fence = [], None
    for line in lines:
        opening = FENCE.match(line)
        if fence:
            out.append("")
            if opening and opening.group(2).startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(2)[0] * 3
            out.append("")
            continue
        # positions stay; a line with no backtick has no code span to blank
        out.append(CODE_SPAN.sub(lambda m: " " * len(m[0]), line) if "`" in line else line)
    return out


def strip_tokens(text: str) -> str:
    return TOKEN.sub("", text)


def unmask(html_text: str, pieces: list[tuple[str, str]]) -> str:
    """Put every masked piece back into the page's HTML."""
    if not pieces:
        return html_text

    def restore(m):
        kind, original = pieces[int(m[1])]
        if kind == "escaped":
            return html.escape(MARKDOWN_ESCAPE.sub(r"\1", original), quote=False)
        return html.escape(original, quote=False) if kind == "code" else original

    # A masked comment alone on its line became a paragraph of its own: give back the bare comment.
    html_text = re.sub(r"<p>(XQMASK\d+Q)</p>", lambda m: TOKEN.sub(restore, m[1]), html_text)
    return TOKEN.sub(restore, html_text)
