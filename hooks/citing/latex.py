"""LaTeX field values to Unicode and back, with the case protection BibTeX styles need.

Why: bib/ stores LaTeX (`{\\AA}`, `\\&`, `$\\alpha$`, `{FDA}`), but readers' tools differ in
what they decode: citation-js does not understand `{\\AA}`, and classic BibTeX styles
lowercase every capital a title does not brace ("Fda approves…"). Exports therefore
decode every field to Unicode (names stay UTF-8), escape only what LaTeX must not read
as markup, and brace the words of a title whose capitals must survive.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from pybtex.backends.plaintext import Backend
from pybtex.richtext import Protected, Text

PLAIN = Backend()  # one backend: render_as("text") looks the plugin up on every call

# Characters LaTeX reads as markup, as BibTeX text.
SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Greek letters are not set up for LaTeX's utf8 input: math mode, as Zotero's own export writes them.
GREEK_COMMANDS = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"}


def greek(char: str) -> str | None:
    name = unicodedata.name(char, "")
    match = re.fullmatch(r"GREEK (SMALL|CAPITAL) LETTER ([A-Z]+)", name)
    if not match:
        return None
    letter = match[2].capitalize() if match[1] == "CAPITAL" else match[2].lower()
    if match[1] == "CAPITAL" and letter not in GREEK_COMMANDS:
        return None
    return f"$\\{'lambda' if letter == 'lamda' else 'Lambda' if letter == 'Lamda' else letter}$"


def pieces(latex: str) -> list[tuple[str, bool]]:
    """A field value as [(Unicode text, protected)], whitespace collapsed.

    A braced group is protected; a group that only spells one character (`{\\AA}`,
    `{\\"a}`) is a character, not a protection.
    """
    return list(_pieces(str(latex)))


@lru_cache(maxsize=8192)  # pybtex's LaTeX parser is slow, and every export reads the same fields
def _pieces(latex: str) -> tuple[tuple[str, bool], ...]:
    out: list[tuple[str, bool]] = []
    for part in Text.from_latex(latex).parts:
        text = re.sub(r"\s+", " ", part.render(PLAIN))
        protected = isinstance(part, Protected) and len(text) > 1
        if out and out[-1][1] == protected:
            out[-1] = (out[-1][0] + text, protected)
        elif text:
            out.append((text, protected))
    if out:  # no space at either end
        out[0] = (out[0][0].lstrip(), out[0][1])
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return tuple(p for p in out if p[0])


def plain(latex: str) -> str:
    """A field value as Unicode text (accents decoded, braces and $ removed)."""
    return "".join(text for text, _ in pieces(latex))


@cache  # one entry per distinct character
def escape_char(ch: str) -> str:
    return SPECIALS.get(ch) or greek(ch) or ch


ASCII_SPECIALS = str.maketrans(SPECIALS)  # no ASCII character is Greek


def escape(text: str) -> str:
    """Unicode text -> BibTeX field text: LaTeX specials escaped, Greek in math mode, the rest UTF-8."""
    if text.isascii():  # most text: one call in C, not a look-up per character (issue 14)
        return text.translate(ASCII_SPECIALS)
    return "".join(map(escape_char, text))


WORD = re.compile(r"\S+")
SENTENCE_START = re.compile(r"[:?!.]\s*$")  # BibTeX keeps the capital after ": "; ". " and "? " start sentences too


def needs_case_protection(word: str) -> bool:
    """An acronym, a name in mixed case or a code: FDA, HPA, mRNA, BPC-157, T4, McDonald."""
    parts = re.split(r"[-/\u2010-\u2014]", word.strip("()[],;:.!?\"'"))
    for part in parts:
        if any(ch.isupper() for ch in part[1:]) or (len(parts) > 1 and len(part) == 1 and part.isupper()):
            return True
        if part[:1].isupper() and any(ch.isdigit() for ch in part):
            return True
    return False


def is_title_case(text: str) -> bool:
    """True when most longer words start with a capital (so capitals carry no meaning)."""
    words = [w for i, w in enumerate(WORD.findall(text)) if i and len(w) > 3 and w[:1].isalpha()]
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals * 2 > len(words)


def protect_title(latex: str) -> str:
    """A title from bib/ (LaTeX) as BibTeX text whose capitals survive classic styles; see protect()."""
    return protect(pieces(latex))


def protect_text(text: str) -> str:
    """A title in plain Unicode (a page's title) as BibTeX text; see protect()."""
    return protect([(" ".join(text.split()), False)])


def protect(parts: list[tuple[str, bool]]) -> str:
    """A title as BibTeX text whose capitals survive classic styles' sentence case.

    Kept braced: what bib/ braced; acronyms and mixed-case words; and, in a title written in
    sentence case, any capitalised word that does not start the title or a sentence in it
    (a proper noun: "the Ghrelin mimetic"). In a title written in title case only the
    acronyms are braced, so that styles can still lower the other words.
    """
    title_case = is_title_case(" ".join(text for text, protected in parts if not protected))
    out = []
    before = ""  # text so far, to know whether a word starts the title or a sentence
    for text, protected in parts:
        if protected:
            out.append("{" + escape(text) + "}")
            before += text
            continue
        position = 0
        for match in WORD.finditer(text):
            word = match[0]
            out.append(escape(text[position : match.start()]))
            before += text[position : match.start()]
            starts = not before.strip() or SENTENCE_START.search(before)
            proper = not title_case and not starts and word[:1].isupper()
            if needs_case_protection(word) or proper:
                core = re.match(r"^([(\[\"']*)(.*?)([)\],;:.!?\"']*)$", word)
                out.append(escape(core[1]) + "{" + escape(core[2]) + "}" + escape(core[3]))
            else:
                out.append(escape(word))
            before += word
            position = match.end()
        out.append(escape(text[position:]))
        before += text[position:]
    return "".join(out)


def braced(latex: str) -> str:
    """A field other than the title: escaped, with what bib/ braced kept braced."""
    return "".join("{" + escape(text) + "}" if protected else escape(text) for text, protected in pieces(latex))
