"""The one adapter around mkdocs-bibtex, the site's citation engine.

Hooks ask this module for entries and formatted references, and install their renderers
through it; no other file touches the plugin's registry or its classes. If a new release of
mkdocs-bibtex moves something, this is the file to change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from mkdocs_bibtex.citation import Citation

ENTRY_KEY = re.compile(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


def _registry(config):
    plugin = config.plugins.get("bibtex")
    return plugin.registry if plugin is not None and getattr(plugin, "registry", None) is not None else None


def loaded(config) -> bool:
    """True once the plugin has read the bibliography (its on_config has run)."""
    return _registry(config) is not None


def entries(config) -> Mapping:
    """pybtex entries by key, in file order; empty before the plugin loads or without it."""
    registry = _registry(config)
    return registry.bib_data.entries if registry is not None else {}


def known_keys(config) -> set[str] | None:
    """Lower-cased keys, or None when there is no bibliography to check against."""
    registry = _registry(config)
    return {k.lower() for k in registry.bib_data.entries} if registry is not None else None


def add_entries(config, added: Mapping) -> None:
    """Put entries read elsewhere (a large library, hooks/bib_library.py) into the plugin's bibliography."""
    registry = _registry(config)
    if registry is not None:
        for key, entry in added.items():
            registry.bib_data.entries[key] = entry


def remove_entries(config, keys) -> None:
    """Take out entries that add_entries put in (`mkdocs serve` rebuilds with the same registry)."""
    registry = _registry(config)
    if registry is not None:
        for key in keys:
            registry.bib_data.entries.pop(key, None)


def bib_file_setting(config) -> str | None:
    """`bib_file` as mkdocs.yml writes it (relative to the config), or None."""
    plugin = config.plugins.get("bibtex")
    return plugin.config.bib_file if plugin is not None else None


def reference(config) -> Callable[[str], str]:
    """key -> the formatted reference, as the reference lists show it (hooks/citation_style.py)."""
    registry = _registry(config)
    return lambda key: registry.reference_text(Citation(key=key))


def install(
    config,
    *,
    inline_text: Callable | None = None,
    reference_text: Callable | None = None,
    validate: Callable | None = None,
) -> None:
    """Replace the plugin's renderers: `inline_text(block)`, `reference_text(citation)`, `validate(blocks)`."""
    registry = _registry(config)
    if registry is None:
        return
    if inline_text is not None:
        registry.inline_text = inline_text
    if reference_text is not None:
        registry.reference_text = reference_text
    if validate is not None:
        registry.validate_citation_blocks = validate


def library_path(config) -> Path | None:
    """A large reference library beside bib/ (`extra.bib_library`, read by hooks/bib_library.py), or None."""
    value = (config.extra or {}).get("bib_library")
    if not value:
        return None
    path = Path(os.path.expanduser(str(value)))
    return path if path.is_absolute() else Path(config.config_file_path).parent / path


def bib_files(config) -> list[Path]:
    """Every file the plugin reads: `bib_file`, or each .bib under `bib_dir`."""
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        return []
    root = Path(config.config_file_path).parent
    if plugin.config.bib_file:
        return [root / plugin.config.bib_file]
    if plugin.config.bib_dir:
        return sorted((root / plugin.config.bib_dir).rglob("*.bib"))
    return []


def unread_keys(config) -> dict[str, str]:
    """Keys in .bib files beside `bib_file` that the plugin does not read: {key: where}, for a better message."""
    plugin = config.plugins.get("bibtex")
    if plugin is None or not plugin.config.bib_file:
        return {}
    root = Path(config.config_file_path).parent
    read = (root / plugin.config.bib_file).resolve()
    found: dict[str, str] = {}
    for other in sorted(read.parent.glob("*.bib")):
        if other.resolve() != read:
            where = f"{os.path.relpath(other, root)}, which the build does not read (it reads {plugin.config.bib_file})"
            for key in ENTRY_KEY.findall(other.read_text(encoding="utf-8", errors="replace")):
                found.setdefault(key.lower(), where)
    return found
