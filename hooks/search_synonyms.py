"""Index each page under the names readers type: keywords, spellings, abbreviations, brand names.

Why: Material's search (lunr, in the browser) only finds words that are on a page.
A reader who types "oestrogen", "Arimidex" or "OXTR" on a site that says
"estrogen", "anastrozole" and "oxytocin receptor" would find nothing. After the
search plugin has written search/search_index.json, this hook adds fields to its entries (their weights are
the search plugin's `fields:` in mkdocs.yml):

* `keywords`, on a page's own entry: its front-matter `keywords:` and their other
  names. Writers list there what the page explains; it ranks the page first.
* `title_synonyms` and `text_synonyms`: the other names of things named in an entry's
  title or text, weighted like the title or the text, so that "oestrogen" ranks a
  section exactly as "estrogen" would.

Names that mean the same thing are grouped in data/search-synonyms.yml (beside
docs/). A malformed file stops the build with its line and the problem.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger(f"mkdocs.hooks.{__name__}")
SYNONYMS_FILE = Path("data") / "search-synonyms.yml"  # relative to the folder that holds docs/
_page_keywords: dict[str, list[str]] = {}


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
    return [t for t in re.split(separator, text.lower()) if t]


def contains(words: list[str], name: list[str]) -> bool:
    """True if the word sequence `name` occurs in `words` (a final plural 's' is allowed)."""
    n = len(name)
    for i in range(len(words) - n + 1):
        if words[i : i + n - 1] == name[:-1] and words[i + n - 1] in (name[-1], name[-1] + "s"):
            return True
    return False


def other_names(texts: list[str], groups: list[list[str]], separator: str) -> list[str]:
    """Names from every group that the texts mention, except those already in them."""
    texts = [tokens(text, separator) for text in texts]
    present = {word for words in texts for word in words}
    found: list[str] = []
    for group in groups:
        split = [tokens(name, separator) for name in group]
        if any(s and (s[0] in present or s[0] + "s" in present) and in_any(texts, s) for s in split):
            found += [name for name, s in zip(group, split, strict=True) if not in_any(texts, s)]
    return found


def in_any(texts: list[list[str]], name: list[str]) -> bool:
    return any(contains(words, name) for words in texts)


def new_words(names: list[str], texts: list[str], separator: str) -> list[str]:
    """The words of `names` that the texts do not already have (singular or plural), once each.

    Only new words are added: "GABAA receptor" on a section titled "... GABA-A receptors"
    adds "gabaa", not a second "receptor" that would outrank every other title.
    """
    present = {word for text in texts for word in tokens(text, separator)}
    out: dict[str, None] = {}
    for name in names:
        for word in tokens(name, separator):
            if not (word in present or word + "s" in present or (word.endswith("s") and word[:-1] in present)):
                out[word] = None
    return list(out)


def plain_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ") if "<" in html else html


def expand_index(index: dict, keywords: dict[str, list[str]], groups: list[list[str]], separator: str) -> dict:
    """Add `keywords`, `title_synonyms` and `text_synonyms` fields to a Material search index."""
    for entry in index["docs"]:
        own = keywords.get(entry["location"], []) if "#" not in entry["location"] else []
        title = [plain_text(entry.get("title", ""))]
        text = [plain_text(entry.get("text", ""))]
        fields = {
            "keywords": new_words(own + other_names(own, groups, separator), [], separator),
            "title_synonyms": new_words(other_names(title, groups, separator), title, separator),
            "text_synonyms": new_words(other_names(text, groups, separator), text, separator),
        }
        entry.update({name: " ".join(words) for name, words in fields.items() if words})
    return index


def search_separator(config) -> str:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin.config.separator if plugin is not None else r"[\s\-]+"


def on_config(config):
    _page_keywords.clear()
    return config


def on_page_context(context, page, config, nav):
    keywords = page.meta.get("keywords") or []
    if keywords:
        _page_keywords[page.url] = [str(k) for k in keywords]
    return context


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config):
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    data_path = Path(config.docs_dir).parent / SYNONYMS_FILE
    if not index_path.is_file():
        return
    groups = []
    if data_path.is_file():
        groups = load_groups(data_path.read_text(encoding="utf-8"), str(SYNONYMS_FILE))
    else:
        log.info("no %s beside docs/: search uses page keywords only", SYNONYMS_FILE)
    index = json.loads(index_path.read_text(encoding="utf-8"))
    expand_index(index, _page_keywords, groups, search_separator(config))
    index_path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
