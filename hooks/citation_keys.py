"""Stop the build on an unknown citation key, naming the page and the line.

Why: mkdocs-bibtex only logs "Citing unknown reference key X" without the page,
and outside strict mode the citation silently vanishes from the sentence. This
hook runs before the plugin and raises a PluginError such as
"docs/mechanisms/estradiol.md:14: unknown citation key 'smith2020x'".
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_bibtex.citation import CitationBlock


def cited_keys(markdown: str) -> list[str]:
    """Citation keys in `[@key]` blocks, in order of appearance (mkdocs-bibtex's own parser)."""
    return [c.key for block in CitationBlock.from_markdown(markdown) for c in block.citations]


def line_of(source: str, key: str) -> int | None:
    """First line of the source file that cites `key`."""
    for number, line in enumerate(source.splitlines(), start=1):
        if f"@{key}" in line:
            return number
    return None


def unknown_keys(markdown: str, known: set[str]) -> list[str]:
    known_lower = {k.lower() for k in known}
    return [k for k in dict.fromkeys(cited_keys(markdown)) if k.lower() not in known_lower]


def check_page(markdown: str, known: set[str], src_path: str, source: str) -> None:
    missing = unknown_keys(markdown, known)
    if missing:
        key = missing[0]
        line = line_of(source, key)
        where = f"{src_path}:{line}" if line else src_path
        others = f" (and {len(missing) - 1} more: {', '.join(missing[1:])})" if len(missing) > 1 else ""
        raise PluginError(f"{where}: unknown citation key '{key}'{others}; it is not in bib/")


@event_priority(100)  # before mkdocs-bibtex rewrites the citations
def on_page_markdown(markdown, page, config, files):
    bibtex = config.plugins.get("bibtex")
    if bibtex is None or bibtex.registry is None:
        return markdown
    src = Path(page.file.abs_src_path)
    source = src.read_text(encoding="utf-8") if src.is_file() else markdown
    shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    check_page(markdown, set(bibtex.registry.bib_data.entries.keys()), shown, source)
    return markdown
