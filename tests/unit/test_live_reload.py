"""`mkdocs serve` rebuilds when the bibliography or an appended snippet changes, not only docs/ (issue 12).

MkDocs watches docs_dir, mkdocs.yml and theme folders; anything else the build reads must be under `watch:`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]


def test_bib_file_and_appended_snippets_are_watched():
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    watched = [(ROOT / path).resolve() for path in config.get("watch", [])]
    read = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            read.append(plugin["bibtex"]["bib_file"])
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            read += ext["pymdownx.snippets"].get("auto_append", [])
    assert read, "the config names no bib file or snippet: this test would check nothing"
    for path in read:
        assert any((ROOT / path).resolve().is_relative_to(folder) for folder in watched), f"{path} is not watched"
