"""One grammar for citations in Markdown: `[@key]`, `[@a; @b]`, `[see @a, p. 12]`.

Why: the hooks, the claims ledger and the content rules must agree on what a citation
is; each used to carry its own regular expression.
"""

from __future__ import annotations

import re

# A key starts with a letter, digit or underscore; pandoc also allows internal :.#$%&-+?<>~/
KEY = r"[\w][\w:.#$%&+?<>~/-]*(?<![:.#$%&+?<>~/-])"
# A bracketed group holding at least one @key, not a link's text `[..](..)` or a reference `[..][..]`.
GROUP = re.compile(r"\[(?P<body>[^\[\]\n]*?(?<![\w.+-])-?@" + KEY + r"[^\[\]\n]*)\](?![(\[])")
CITED_KEY = re.compile(r"(?<![\w.+-])-?@(?P<key>" + KEY + ")")


def groups(text: str) -> list[re.Match]:
    """Citation groups in a line or a page, in order."""
    return list(GROUP.finditer(text))


def keys(text: str) -> list[str]:
    """Cited keys in order of appearance, repeats kept."""
    return [k.group("key") for g in groups(text) for k in CITED_KEY.finditer(g.group("body"))]


def strip(text: str) -> str:
    """The text with its citation groups (and the space before them) removed."""
    return GROUP.sub("", re.sub(r"\s+(?=" + GROUP.pattern + ")", "", text))


# mkdocs-bibtex reads a key as letters, digits, "_" and "-" only: "smith2020:erratum" would cite smith2020.
PLUGIN_KEY = re.compile(r"[\w-]+")
ITEM = re.compile(
    r"^\s*(?P<prefix>.*?)\s*(?<![\w.+-])-?@(?P<key>" + KEY + r")\s*(?:,\s*(?P<locator>.*?))?\s*$", re.DOTALL
)


def items(body: str) -> list[re.Match]:
    """The citations of one group body ("see @a, p. 12; @b"): prefix, key and locator of each."""
    return [m for part in body.split(";") if (m := ITEM.match(part))]


def spaced(text: str) -> str:
    """Superscript numbers take no space before them: "word [@a]." becomes "word[@a]"."""
    return re.sub(r"[ \t]+(?=" + GROUP.pattern + ")", "", text)
