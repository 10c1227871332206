"""Index each page under the names readers type: keywords, spellings, abbreviations, brand names.

Why: Material's search (lunr, in the browser) only finds words that are on a page.
A reader who types "oestrogen", "Arimidex" or "OXTR" on a site that says
"estrogen", "anastrozole" and "oxytocin receptor" would find nothing, and a page
that merely mentions a term can outrank the page that explains it. After the
search plugin has written search/search_index.json, this hook adds fields to its
entries, weighted by the search plugin's `fields:` in mkdocs.yml:

* on a page's own entry, `keywords` and `description` from its front matter;
* `explains`: terms whose glossary definition links here (hooks/search_definitions.py);
* `title_synonyms` and `text_synonyms`: the other names of what an entry's title or
  text names, weighted like the title or the text, so "oestrogen" ranks a section
  as "estrogen" would.
Each field also gets the other names of what it names. Names that mean the same
thing are grouped in data/search-synonyms.yml (beside docs/); a malformed file
stops the build with its line and the problem.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from selectolax.lexbor import LexborHTMLParser

log = logging.getLogger(f"mkdocs.hooks.{__name__}")
SYNONYMS_FILE = Path("data") / "search-synonyms.yml"  # relative to the folder that holds docs/
_pages: dict[str, dict] = {}
_groups: list[list[str]] = []


def load_groups(text: str, filename: str) -> list[list[str]]:
    """Parse the synonyms file; raise PluginError("<file>:<line>: <problem>") if it is malformed."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise PluginError(f"{filename}{line}: not valid YAML: {getattr(error, 'problem', error)}") from None
    top = {k.value: v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    node = top.get("groups")
    if not isinstance(node, yaml.SequenceNode):
        raise PluginError(f"{filename}: expected a top-level 'groups:' list of lists of names")
    groups: list[list[str]] = []
    seen: dict[str, int] = {}
    for group in node.value:
        line = group.start_mark.line + 1
        if not isinstance(group, yaml.SequenceNode) or not all(
            isinstance(t, yaml.ScalarNode) and t.tag.endswith(":str") and t.value.strip() for t in group.value
        ):
            raise PluginError(f"{filename}:{line}: a group must be a list of non-empty names")
        names = [t.value.strip() for t in group.value]
        if len({n.casefold() for n in names}) < 2:
            raise PluginError(f"{filename}:{line}: a group needs at least two different names: {names}")
        for name in names:
            key = name.casefold()
            if key in seen and seen[key] != line:
                raise PluginError(f"{filename}:{line}: '{name}' is already in the group on line {seen[key]}")
            seen[key] = line
        groups.append(names)
    return groups


def tokens(text: str, separator: str) -> list[str]:
    """Lower-cased words as the search box splits them (the search plugin's `separator`)."""
    return list(split_words(text, separator))


@functools.lru_cache(maxsize=1024)  # an entry's title and text are split for its names, then for its words
def split_words(text: str, separator: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(separator, text.lower()) if t)


def contains(words: list[str], present: set[str], name: tuple[str, ...]) -> bool:
    """True if the word sequence `name` occurs in `words` (a final plural 's' is allowed)."""
    if not name or (name[0] not in present and name[0] + "s" not in present):
        return False
    n = len(name)
    if n > 1 and (
        any(w not in present for w in name[1:-1]) or (name[-1] not in present and name[-1] + "s" not in present)
    ):
        return False  # a word of the name is missing: no need to look for the sequence
    if n == 1:
        return True
    middle, ends, start = list(name[1:-1]), (name[-1], name[-1] + "s"), -1
    while True:  # list.index finds each place the name's first word is, in C: not a loop over every word
        try:
            start = words.index(name[0], start + 1, len(words) - n + 1)
        except ValueError:
            return False
        if words[start + 1 : start + n - 1] == middle and words[start + n - 1] in ends:
            return True


class Vocabulary:
    """The synonym groups, each name split into words once, indexed by its first word."""

    def __init__(self, groups: list[list[str]], separator: str):
        self.separator = separator
        self.groups = [[(name, tuple(tokens(name, separator))) for name in group] for group in groups]
        self.by_first: dict[str, set[int]] = {}
        self.found: dict[tuple[str, ...], list[str]] = {}  # texts -> other_names(texts)
        for i, group in enumerate(self.groups):
            for _, words in group:
                self.by_first.setdefault(words[0] if words else "", set()).add(i)

    def other_names(self, texts: list[str]) -> list[str]:
        """Names from every group that the texts mention, except those already in them."""
        if not any(texts):  # most fields of most entries are empty
            return []
        key = tuple(texts)  # titles such as "Key points" or "References" recur on every page
        if key not in self.found:
            self.found[key] = self.scan(texts)
        return list(self.found[key])

    def scan(self, texts: list[str]) -> list[str]:
        split = [tokens(text, self.separator) for text in texts]
        present = [set(words) for words in split]
        seen = set().union(*present)
        candidates = {i for w in seen | {w[:-1] for w in seen if w.endswith("s")} for i in self.by_first.get(w, ())}

        def mentioned(name: tuple[str, ...]) -> bool:
            return any(contains(words, known, name) for words, known in zip(split, present, strict=True))

        found: list[str] = []
        for i in sorted(candidates):
            group = self.groups[i]
            if any(mentioned(words) for _, words in group):
                found += [name for name, words in group if not mentioned(words)]
        return found


def new_words(names: list[str], texts: list[str], separator: str) -> list[str]:
    """The words of `names` that the texts do not already have (singular or plural), once each.

    Only new words are added: "GABAA receptor" on a section titled "... GABA-A receptors"
    adds "gabaa", not a second "receptor" that would outrank every other title. A word
    counted twice would rank a variant spelling above the spelling on the page.
    """
    present = {word for text in texts for word in tokens(text, separator)}
    out: dict[str, None] = {}
    for name in names:
        for word in tokens(name, separator):
            if not (word in present or word + "s" in present or (word.endswith("s") and word[:-1] in present)):
                out[word] = None
    # Queries match by prefix: "oestrogens" alone answers "oestrogen" and "oestrogens" once each.
    return [word for word in out if word + "s" not in out and useful(word)]


def useful(word: str) -> bool:
    """False for one character or a bare number ("a", "1", "1295"): the search box adds "*" to
    every query word, so "GABA-A" or "IGF-1" asks for a* or 1*, and each such word would
    score for unrelated pages. A code's number stays findable from the page's own text."""
    return len(word) > 1 and not word.isdigit()


def plain_text(html: str) -> str:
    """An entry's text as the search box sees it, its words split as BeautifulSoup's get_text(" ") splits them.

    selectolax's C parser (Lexbor): BeautifulSoup took a tenth of what our hooks add to a build (issue 14).
    Like BeautifulSoup, it leaves out script, style and template text.
    """
    if "<" not in html:
        return html
    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "template"])
    return tree.text(separator=" ")


def expand_index(index: dict, pages: dict[str, dict], groups: list[list[str]], separator: str) -> dict:
    """Add `keywords`, `description`, `title_synonyms` and `text_synonyms` fields to a Material search index.

    `pages` maps a page URL to its front matter (`keywords`, `description`).
    """
    vocabulary = Vocabulary(groups, separator)
    for entry in index["docs"]:
        meta = pages.get(entry["location"], {}) if "#" not in entry["location"] else {}
        own = [str(k) for k in meta.get("keywords") or []]
        summary = [str(meta.get("description") or "")]
        title = [plain_text(entry.get("title", ""))]
        text = [plain_text(entry.get("text", ""))]
        explains = [str(term) for term in entry.get("explains", [])]  # from hooks/search_definitions.py
        fields = {
            "explains": new_words(explains + vocabulary.other_names(explains), [], separator),
            "keywords": new_words(own + vocabulary.other_names(own), [], separator),
            "description": new_words(summary + vocabulary.other_names(summary), [], separator),
            "title_synonyms": new_words(vocabulary.other_names(title), title, separator),
            "text_synonyms": new_words(vocabulary.other_names(text), text, separator),
        }
        entry.pop("explains", None)
        entry.update({name: " ".join(words) for name, words in fields.items() if words})
    return index


def search_separator(config) -> str:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin.config.separator if plugin is not None else r"[\s\-]+"


def on_config(config):
    _pages.clear()
    _groups.clear()
    path = Path(config.docs_dir).parent / SYNONYMS_FILE
    if path.is_file():  # read first, so that a malformed file stops the build before any page is built
        _groups.extend(load_groups(path.read_text(encoding="utf-8"), str(SYNONYMS_FILE)))
    else:
        log.info("no %s beside docs/: search uses front matter and glossary links only", SYNONYMS_FILE)
    return config


def on_page_context(context, page, config, nav):
    _pages[page.url] = {key: page.meta.get(key) for key in ("keywords", "description")}
    return context


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        index = expand_index(json.loads(path.read_text(encoding="utf-8")), _pages, _groups, search_separator(config))
        path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
