"""The adapter around mkdocs-bibtex: the one file that knows the plugin's insides."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from editorial import bibtex_plugin


def config_with(tmp_path: Path, bib_file=None, bib_dir=None, registry=None):
    plugin = SimpleNamespace(config=SimpleNamespace(bib_file=bib_file, bib_dir=bib_dir), registry=registry)
    return SimpleNamespace(plugins={"bibtex": plugin}, config_file_path=str(tmp_path / "mkdocs.yml"))


def test_without_the_plugin_nothing_is_known(tmp_path):
    config = SimpleNamespace(plugins={}, config_file_path=str(tmp_path / "mkdocs.yml"))
    assert bibtex_plugin.entries(config) == {}
    assert bibtex_plugin.known_keys(config) is None
    assert not bibtex_plugin.loaded(config)
    assert bibtex_plugin.bib_files(config) == []


def test_bib_dir_lists_every_file_the_plugin_reads(tmp_path):
    (tmp_path / "bib" / "sub").mkdir(parents=True)
    for name in ("b.bib", "a.bib", "sub/c.bib", "notes.txt"):
        (tmp_path / "bib" / name).write_text("", encoding="utf-8")
    files = bibtex_plugin.bib_files(config_with(tmp_path, bib_dir="bib"))
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["bib/a.bib", "bib/b.bib", "bib/sub/c.bib"]


def test_keys_in_an_unread_file_are_named_with_their_file(tmp_path):
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "references.bib").write_text("@article{read2020a,\n}\n", encoding="utf-8")
    (tmp_path / "bib" / "zotero.bib").write_text("@article{ Lee2022x ,\n title={T}}\n", encoding="utf-8")
    unread = bibtex_plugin.unread_keys(config_with(tmp_path, bib_file="bib/references.bib"))
    assert unread == {"lee2022x": "bib/zotero.bib, which the build does not read (it reads bib/references.bib)"}


def test_install_replaces_only_what_is_given(tmp_path):
    registry = SimpleNamespace(inline_text="old", reference_text="old", validate_citation_blocks="old")
    bibtex_plugin.install(config_with(tmp_path, registry=registry), inline_text="new")
    assert (registry.inline_text, registry.reference_text, registry.validate_citation_blocks) == ("new", "old", "old")


def test_entries_and_formatted_references_come_from_the_registry(tmp_path):
    """What hooks/bibliography_page.py reads, without touching the plugin's registry itself."""
    registry = SimpleNamespace(
        bib_data=SimpleNamespace(entries={"Smith2020a": "entry"}), reference_text=lambda citation: f"<{citation.key}>"
    )
    config = config_with(tmp_path, bib_file="bib/references.bib", registry=registry)
    assert bibtex_plugin.loaded(config)
    assert bibtex_plugin.entries(config) == {"Smith2020a": "entry"}
    assert bibtex_plugin.known_keys(config) == {"smith2020a"}
    assert bibtex_plugin.reference(config)("Smith2020a") == "<Smith2020a>"
