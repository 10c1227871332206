"""AMA, APA 7 and Vancouver text for CSL-JSON items: citeproc-py with the official CSL styles.

Why: readers cite in the style their journal or course asks for. A CSL processor with
the Citation Style Language project's own styles (csl/, vendored with their licence)
formats them, rather than three formatters written here. Two faults of citeproc-py
0.11.1 are mended here, each with a test that fails once citeproc-py mends it itself:

* a title that stands in for a missing author (`<substitute><text macro="title"/>`) was
  printed twice, because only a substituted `<text variable=…>` was suppressed; the CSL
  specification suppresses every substituted variable;
* a title ending in "?" or "!" got the style's "." as well ("trusted?.").

And one speed-up: citeproc-py looked a macro up by XPath on every use; lookups are cached.

An author list that bib/ cuts short with "and others" keeps its "et al." here (CSL-JSON
has no way to say so). Each item is formatted once per style per build, and the texts
of an unchanged item are reused across `mkdocs serve` rebuilds.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.model import CitationStylesElement, Locale, Parent, Substitute
from citeproc.source.json import CiteProcJSON

CSL_DIR = Path(__file__).parent / "csl"
STYLES = {  # id: (label, file in csl/)
    "ama": ("AMA", "american-medical-association.csl"),
    "apa": ("APA 7", "apa.csl"),
    "vancouver": ("Vancouver", "nlm-citation-sequence.csl"),
}
ET_AL = {"literal": "et al"}  # AMA and Vancouver print a cut-short list as "…, et al."


def _macro_variables(element) -> list[tuple[str, str]]:
    """(tag, variable) of every element a macro (and the macros it calls) renders."""
    found = []
    for node in element.iter():
        if node.get("variable"):
            found += [(node.tag, variable) for variable in node.get("variable").split()]
        if node.get("macro") and node is not element:
            found += _macro_variables(node.get_macro(node.get("macro")))
    return found


_original_repress = Substitute.add_to_repressed_list
_macro_cache: dict[tuple[str, str], list[tuple[str, str]]] = {}


def _style_file(element) -> str | None:
    """The file a style element was read from: stable, unlike id() of lxml's element proxies."""
    return element.getroottree().docinfo.URL


def _repress_substituted(self, child, context):
    """CSL 1.0.2, "Substitute": substituted variables are suppressed in the rest of the output."""
    _original_repress(self, child, context)
    if child.get("macro"):
        key = (_style_file(child), child.get("macro"))
        variables = _macro_cache.get(key) if key[0] else None
        if variables is None:
            variables = _macro_variables(child.get_macro(child.get("macro")))
            if key[0]:
                _macro_cache[key] = variables
        repressed = context.get_layout().repressed
        for tag, variable in variables:
            repressed.setdefault(tag, []).append(variable)


Substitute.add_to_repressed_list = _repress_substituted

# citeproc-py finds a macro by an XPath search on every use, 40 % of APA's time; a style's macros never change.
_original_get_macro = CitationStylesElement.get_macro
_macros: dict[tuple[str, str], object] = {}


def _cached_get_macro(self, name):
    key = (_style_file(self), name)
    if not key[0]:
        return _original_get_macro(self, name)
    if key not in _macros:
        _macros[key] = _original_get_macro(self, name)
    return _macros[key]


CitationStylesElement.get_macro = _cached_get_macro

# Two more lookups that never change within a style (issue 14: together with CachedItem below, formatting
# every source takes 40 % less time). A term, looked up by XPath in a locale on every use:
_original_get_term = Locale.get_term
_terms: dict[tuple, tuple] = {}  # (id of the locale, arguments) -> (the locale, kept alive; its term or None)


def _cached_get_term(self, name, form=None, zero_padded=False):
    key = (id(self), name, form, zero_padded)
    if key not in _terms:
        try:
            term = _original_get_term(self, name, form, zero_padded=zero_padded)
        except IndexError:
            term = None
        _terms[key] = (self, term)
    term = _terms[key][1]
    if term is None:
        raise IndexError  # as the original: the next locale is asked
    return term


Locale.get_term = _cached_get_term

# Whether an element (cs:choose, cs:if, a macro...) renders a variable, asked again for every item.
_original_calls_variable = Parent.calls_variable
_calls_variable: dict[tuple[str, str], bool] = {}


def _cached_calls_variable(self):
    tree = self.getroottree()
    if not tree.docinfo.URL:
        return _original_calls_variable(self)
    key = (tree.docinfo.URL, tree.getpath(self))
    if key not in _calls_variable:
        _calls_variable[key] = _original_calls_variable(self)
    return _calls_variable[key]


Parent.calls_variable = _cached_calls_variable


class CachedItem(CitationItem):
    """A cited item that finds its reference once: citeproc-py looks it up through three properties on every use."""

    @property
    def reference(self):
        if "_reference" not in self.__dict__:
            self.__dict__["_reference"] = super().reference
        return self.__dict__["_reference"]


DOUBLED = re.compile(r"([?!])\.")
NUMBER = re.compile(r"^\s*\d+\.\s*")  # Vancouver and AMA number their lists; a copied reference is not numbered


@cache
def style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(str(CSL_DIR / STYLES[name][1]), validate=False)


def prepared(item: dict, truncated: tuple[str, ...] = ()) -> dict:
    """The item as citeproc-py reads it (no CSL 1.0.2-only keys), "et al" after each list cut short."""
    out = {k: v for k, v in copy.deepcopy(item).items() if k != "citation-key"}
    for role in truncated:
        out[role] = [*out.get(role, []), ET_AL]
    return out


def tidy(text: str) -> str:
    return NUMBER.sub("", DOUBLED.sub(r"\1", " ".join(text.split())))


_cache: dict[tuple[str, str], str] = {}


def format_items(items: list[dict], name: str, truncated: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """{id: plain text} for every item, in the style `name` (a key of STYLES).

    `truncated` maps an id to the roles bib/ cuts short ("and others", records.truncated()).
    """
    out: dict[str, str] = {}
    todo = []
    for item in items:
        # APA lists every author: "& et al" would be wrong, so a cut-short list stays as it is.
        cut = () if name == "apa" else (truncated or {}).get(item["id"], ())
        key = (name, json.dumps([item, cut], sort_keys=True))
        if key in _cache:
            out[item["id"]] = _cache[key]
        else:
            todo.append((item, cut, key))
    if todo:
        source = CiteProcJSON([prepared(item, cut) for item, cut, _ in todo])
        bibliography = CitationStylesBibliography(style(name), source, formatter.plain)
        for item, _, _ in todo:
            bibliography.register(Citation([CachedItem(str(item["id"]).lower())]))
        texts = {key: str(text) for key, text in zip(bibliography.keys, bibliography.bibliography(), strict=True)}
        for item, _, key in todo:
            _cache[key] = out[item["id"]] = tidy(texts[str(item["id"]).lower()])
    return out


def format_all(items: list[dict], truncated: dict[str, tuple[str, ...]] | None = None) -> dict[str, dict[str, str]]:
    """{id: {style: text}} in every style."""
    by_style = {name: format_items(items, name, truncated) for name in STYLES}
    return {item["id"]: {name: by_style[name][item["id"]] for name in STYLES} for item in items}
