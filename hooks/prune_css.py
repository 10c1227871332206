"""Ship Material's stylesheet without the rules for components this site never shows.

Why: main.*.min.css styles every Material feature (blog posts, cookie consent, grids,
keyboard keys, Pygments tokens, source facts...) and is part of every page's first
view. After the build, this hook drops each selector that names a class found in no
page's HTML, no shipped script (Material's bundle builds its widgets from class names
written out in full) and no class attribute of the search index (whose HTML search
results show), or an element (kbd, h5, iframe...) found in none of them, then each
custom property (mostly icon data URIs) that no stylesheet, script or page refers to.
It is PurgeCSS's rule, done with tinycss2: a selector is dropped only if it cannot match.
Every word of a script counts as a class and as an element it may create. Rules for the
6th to 20th tab of a tabbed set go when no set has that many tabs (pymdownx.tabbed and
the "Cite this page" box write each set's count: data-tabs="set:count"). Selectors that
require [dir=rtl] go too when no page is right-to-left. Selectors inside :not(), :is() and
other functions, other attribute selectors and at-rules other than @media,
@supports, @container and @layer are kept whole. The file keeps its name: a page that
starts using a new component gets its rules back in the next build. `mkdocs serve`
ships the whole file, which looks the same and keeps previews quick.

Material's palette stylesheet (palette.*.min.css) gets the same treatment for colours: it
styles all 21 primary and accent colours, of which a site's `theme.palette` can select
only those it names, so rules for the others are dropped.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from pathlib import Path
from typing import NamedTuple

import tinycss2
from mkdocs.plugins import event_priority

MAIN_CSS = "assets/stylesheets/main.*.min.css"
PALETTE_CSS = "assets/stylesheets/palette.*.min.css"
COLOR_ATTRIBUTES = {"data-md-color-primary": "primary", "data-md-color-accent": "accent"}
GROUPING = {"media", "supports", "container", "layer"}
# `c` before the look-behind lets the regex engine skip to each "c": 7 times faster on a page (issue 14).
CLASS_ATTR = re.compile(r"""c(?<![\w-]c)lass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
WORD = re.compile(r"-?[A-Za-z_][\w-]*")
TAG = re.compile(r"<([A-Za-z][\w-]*)")
DATA_TABS = re.compile(r"""data-tabs=["'][^"':]*:(\d+)["']""")
# Material styles tabs 1 to 20 one by one: `.tabbed-set>input:nth-child(7):checked~...`, a set's
# labels and blocks likewise (each set holds one input, label and block per tab).
NTH_TAB = re.compile(r"(?:\.tabbed-set>input|\.tabbed-labels>label|\.tabbed-block):nth-child\((\d+)\)")
# A class name a script completes at run time: `tabbed-control--${side}`, "md-tag--" + name.
PREFIX = re.compile(r"""(-?[A-Za-z_][\w-]*[-_])(?:\$\{|["'`]\s*\+)""")
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CUSTOM_PROPERTY = re.compile(r"--[\w-]+")
# Material styles right-to-left languages under [dir=rtl]; such rules stay only if a page is RTL.
RTL = "[dir=rtl]"
RTL_ATTRIBUTE = re.compile(r"""[dD][iI][rR]\s*=\s*["']?[rR][tT][lL]""")  # classes, not IGNORECASE: twice as fast
# A page is searched from each "=" instead (a literal start the regex engine skips to): 3 times faster (issue 14).
RTL_VALUE = re.compile(r"""=\s*["']?[rR][tT][lL]""")
DIR = {d + i + r for d in "dD" for i in "iI" for r in "rR"}
_cache: dict[str, str] = {}
originals: dict[str, str] = {}
state: dict[str, bool] = {}


def html_classes(html: str) -> set[str]:
    """Class names in the class attributes of an HTML document."""
    # One join and one split in C: a set comprehension over every match cost 0.4 ms a page.
    return set(" ".join(double or single for double, single in CLASS_ATTR.findall(html)).split())


def is_right_to_left(html: str) -> bool:
    """Whether RTL_ATTRIBUTE occurs in a page: "dir", white space, then a "=" that starts RTL_VALUE."""
    for match in RTL_VALUE.finditer(html):
        end = match.start()
        while end and html[end - 1].isspace():  # what \s matches
            end -= 1
        if end >= 3 and html[end - 3 : end] in DIR:
            return True
    return False


def html_elements(html: str) -> set[str]:
    """Element names of an HTML document, as the selectors' "<" marks them: lower case."""
    return {"<" + name.lower() for name in set(TAG.findall(html))}


# A line that ends inside a class attribute ("class=", or a value not yet closed): only there can
# CLASS_ATTR match across a line break. TAG and CUSTOM_PROPERTY never can.
OPEN_CLASS_ATTR = re.compile(r"""c(?<![\w-]c)lass[^\S\n]*(?:=[^\S\n]*(?:"[^"\n]*|'[^'\n]*)?)?(?:\n|\Z)""")
OPEN_RTL_ATTRIBUTE = re.compile(r"""[dD][iI][rR][^\S\n]*(?:=[^\S\n]*)?(?:\n|\Z)""")  # likewise for RTL_ATTRIBUTE


class PageScan:
    """The classes, elements and custom properties of many pages, and whether one is right-to-left,
    each distinct line read once.

    Why: pages repeat most of their lines (header, navigation, footer); of 2.4 million lines in the
    1,000-page corpus 37,000 differ, and scanning only those halves the cost (issue 14). The union is
    what html_classes, html_elements, CUSTOM_PROPERTY and is_right_to_left give page by page as long as
    no match crosses a line break; a page where one could (OPEN_CLASS_ATTR, OPEN_RTL_ATTRIBUTE) is
    scanned whole, as before.
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.classes: set[str] = set()
        self.elements: set[str] = set()
        self.properties: set[str] = set()
        self.right_to_left = False

    def add(self, html: str) -> None:
        fresh = [line for line in html.split("\n") if line not in self.seen]
        text = "\n".join(fresh)
        if OPEN_CLASS_ATTR.search(text) or OPEN_RTL_ATTRIBUTE.search(text):
            text = html  # its lines are not marked seen: another page reads them again
        else:
            self.seen.update(fresh)
        self.classes |= html_classes(text)
        self.elements |= html_elements(text)
        self.properties |= set(CUSTOM_PROPERTY.findall(text))
        self.right_to_left = self.right_to_left or is_right_to_left(text)


def json_strings(value) -> list[str]:
    """Every string in a decoded JSON document (the search index holds HTML in its strings)."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in json_strings(item)]


def selectors(prelude) -> list[list]:
    """A rule's selector list, split at top-level commas (commas inside :is() stay put)."""
    out: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            out.append([])
        else:
            out[-1].append(token)
    return [s for s in out if any(t.type not in ("whitespace", "comment") for t in s)]


def selector_classes(tokens: list) -> set[str]:
    """Classes a selector requires: `.name` at its top level (not inside :not(), :is()...),
    and RTL (as "[dir=rtl]") when it requires right-to-left text."""
    found = set()
    for before, token in zip(tokens, tokens[1:], strict=False):
        if before.type == "literal" and before.value == "." and token.type == "ident":
            found.add(token.value)
    for token in tokens:
        if token.type == "[] block" and RTL_ATTRIBUTE.fullmatch(tinycss2.serialize(token.content).strip()):
            found.add(RTL)
    return found


def selector_elements(tokens: list) -> set[str]:
    """Elements a selector requires at its top level, as "<name": type selectors, not `.name`, `:name`, `::name`."""
    found = set()
    for before, token in zip([None, *tokens], tokens, strict=False):
        starts_compound = (
            before is None or before.type == "whitespace" or (before.type == "literal" and before.value in "+>~")
        )
        if token.type == "ident" and starts_compound:
            found.add("<" + token.value.lower())
    return found


def declarations(content, unused: set[str]) -> str:
    """A rule's block without the declarations of `unused` custom properties."""
    items = tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
    if not unused or any(item.type != "declaration" for item in items):
        return tinycss2.serialize(content)
    return ";".join(item.serialize() for item in items if item.name not in unused)


def most_tabs(html: str) -> int | None:
    """The most tabs of any tabbed set of a page (0 without one); None if a set does not say."""
    counts = DATA_TABS.findall(html)
    if html.count("tabbed-set") > len(counts):  # a set without its count, or the name in text: unknown
        return None
    return max(map(int, counts), default=0)


def prune_rules(
    rules, used: set[str], unused_properties: set[str] = frozenset(), elements=None, tabs: int | None = None
) -> list[str]:
    """The rules as CSS text, without selectors that name an unused class (or, given `elements`, an element
    not in it, or, given `tabs`, a tab past the most any tabbed set has); empty rules dropped."""

    def can_match(tokens) -> bool:
        if not selector_classes(tokens) <= used:
            return False
        if elements is not None and not selector_elements(tokens) <= elements:
            return False
        return tabs is None or all(int(n) <= tabs for n in NTH_TAB.findall(tinycss2.serialize(tokens)))

    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in selectors(rule.prelude) if can_match(s)]
            block = declarations(rule.content, unused_properties) if kept else ""
            if block.strip():
                prelude = ",".join(tinycss2.serialize(s).strip() for s in kept)
                out.append(prelude + "{" + block + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner_rules = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            inner = prune_rules(inner_rules, used, unused_properties, elements, tabs)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type != "error":
            out.append(tinycss2.serialize([rule]))
    return out


def unused_custom_properties(css: str, elsewhere: str) -> set[str]:
    """Custom properties declared in `css` and named nowhere else, in it or in `elsewhere`."""
    counts: dict[str, int] = {}
    for name in CUSTOM_PROPERTY.findall(css) + CUSTOM_PROPERTY.findall(elsewhere):
        counts[name] = counts.get(name, 0) + 1
    declared = set(re.findall(r"[{;](--[\w-]+):", css))
    return {name for name in declared if counts[name] == len(re.findall(r"[{;]" + re.escape(name) + ":", css))}


def prune(
    css: str, used: set[str], elsewhere: str = "", prefixes: tuple[str, ...] = (), elements=None, tabs=None
) -> str:
    """Material's minified stylesheet without what cannot apply to pages using the classes `used`
    (or any class that starts with one of `prefixes`), and, if given, only the `elements` ("<name")
    and tabbed sets of at most `tabs` tabs."""
    used = used | {name for name in CSS_CLASS.findall(css) if name.startswith(prefixes)} if prefixes else used
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    pruned = "".join(prune_rules(rules, used, elements=elements, tabs=tabs))
    unused = unused_custom_properties(pruned, elsewhere)
    if not unused:
        return pruned
    rules = tinycss2.parse_stylesheet(pruned, skip_comments=True, skip_whitespace=True)
    return "".join(prune_rules(rules, used, unused, elements, tabs))


def palette_colors(theme_palette) -> dict[str, set[str]]:
    """The primary and accent colours a palette configuration can select, as Material's body attributes spell them."""
    schemes = theme_palette if isinstance(theme_palette, list) else [theme_palette or {}]
    found: dict[str, set[str]] = {"primary": set(), "accent": set()}
    for scheme in schemes:
        for role in found:
            value = scheme.get(role) if isinstance(scheme, dict) else None
            found[role].add(str(value or "indigo").replace(" ", "-").lower())
    return found


def selector_colors(tokens: list) -> list[tuple[str, str]]:
    """(role, colour) of each [data-md-color-primary=…] or [data-md-color-accent=…] a selector requires."""
    found = []
    for token in tokens:
        if token.type == "[] block":
            parts = [t for t in token.content if t.type not in ("whitespace", "comment")]
            named = len(parts) == 3 and parts[0].type == "ident" and parts[0].value in COLOR_ATTRIBUTES
            if named and parts[1].type == "literal" and parts[1].value == "=" and parts[2].type in ("ident", "string"):
                found.append((COLOR_ATTRIBUTES[parts[0].value], parts[2].value))
    return found


def prune_palette(css: str, colors: dict[str, set[str]]) -> str:
    """The palette stylesheet without selectors for colours the site's palette never selects."""

    def keep(tokens) -> bool:
        return all(value in colors[role] for role, value in selector_colors(tokens))

    def rules_text(rules) -> list[str]:
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                kept = [sel for sel in selectors(rule.prelude) if keep(sel)]
                if kept:
                    out.append(
                        ",".join(tinycss2.serialize(sel).strip() for sel in kept)
                        + "{"
                        + tinycss2.serialize(rule.content)
                        + "}"
                    )
            elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
                inner = rules_text(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
                if inner:
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
            elif rule.type != "error":
                out.append(tinycss2.serialize([rule]))
        return out

    return "".join(rules_text(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


class Usage(NamedTuple):
    used: set[str]  # classes pages, scripts and search results can hold
    prefixes: tuple[str, ...]  # of classes scripts complete at run time
    elsewhere: str  # all else that may name a custom property
    elements: set[str]  # elements ("<name") pages, search results and scripts can hold
    tabs: int | None  # the most tabs of any tabbed set; None if unknown


def site_usage(site: Path, css_file: Path) -> Usage:
    """What the built site can use of the stylesheet `css_file`."""
    used: set[str] = set()
    prefixes: set[str] = set()
    elements: set[str] = set()
    tabs: int | None = 0
    other_text = []
    pages = PageScan()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        pages.add(html)
        if tabs is not None:
            page_tabs = most_tabs(html)
            tabs = None if page_tabs is None else max(tabs, page_tabs)
    used |= pages.classes | ({RTL} if pages.right_to_left else set())
    elements |= pages.elements
    for path in site.glob("assets/**/*.js"):
        text = path.read_text(encoding="utf-8", errors="replace")
        words = set(WORD.findall(text))  # a script may build any class or element it names
        used |= words
        elements |= {"<" + word.lower() for word in words}
        prefixes |= set(PREFIX.findall(text))
        other_text.append(" ".join(CUSTOM_PROPERTY.findall(text)))
    for path in site.glob("search/*.json"):  # search results show the index's HTML: its classes and elements
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            html = "\n".join(json_strings(json.loads(text)))
        except ValueError:  # not JSON after all: every word counts, as in a script
            html = text
            used |= set(WORD.findall(text))
        used |= html_classes(html)
        elements |= html_elements(html)
        other_text.append(" ".join(CUSTOM_PROPERTY.findall(text)))
    for path in site.glob("assets/**/*.css"):
        if path != css_file:
            other_text.append(path.read_text(encoding="utf-8", errors="replace"))
    other_text.append(" ".join(sorted(pages.properties)))
    return Usage(used, tuple(sorted(prefixes)), "\n".join(other_text), elements, tabs)


def on_startup(command, dirty):
    # `mkdocs serve` keeps the whole stylesheet: pruning changes no pixel, and previews must be quick.
    state["serve"] = command == "serve"


@event_priority(-100)  # after hooks/prune_assets.py has stripped the source-map comment
def on_files(files, config):
    """Keep Material's stylesheet as shipped: a --dirty rebuild does not copy it again."""
    originals.clear()
    if state.get("serve"):
        return files
    for file in files:
        if fnmatch.fnmatch(file.src_uri, MAIN_CSS) or fnmatch.fnmatch(file.src_uri, PALETTE_CSS):
            originals[file.src_uri] = file.content_string
    return files


def on_post_build(config):
    site = Path(config.site_dir)
    for src_uri, css in originals.items():
        css_file = site / src_uri
        if not css_file.is_file():
            continue
        if fnmatch.fnmatch(src_uri, PALETTE_CSS):
            css_file.write_text(prune_palette(css, palette_colors(config.theme.get("palette"))), encoding="utf-8")
            continue
        usage = site_usage(site, css_file)
        parts = [css, *sorted(usage.used), *usage.prefixes, usage.elsewhere, *sorted(usage.elements), str(usage.tabs)]
        key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        if key not in _cache:  # mkdocs serve rebuilds the same site again and again
            _cache.clear()
            _cache[key] = prune(css, usage.used, usage.elsewhere, usage.prefixes, usage.elements, usage.tabs)
        css_file.write_text(_cache[key], encoding="utf-8")
