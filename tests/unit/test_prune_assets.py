"""Unit tests for hooks/prune_assets.py: which theme files are dropped, and that Material really ships them."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

LUNR = "assets/javascripts/lunr/"


@pytest.mark.parametrize(
    ("langs", "expected"),
    [
        (["en"], set()),
        ([], set()),
        (["de"], {"min/lunr.stemmer.support.min.js", "min/lunr.de.min.js"}),
        (["th"], {"min/lunr.stemmer.support.min.js", "min/lunr.th.min.js", "wordcut.js"}),
        (
            ["en", "ja"],
            {"min/lunr.stemmer.support.min.js", "min/lunr.ja.min.js", "min/lunr.multi.min.js", "tinyseg.js"},
        ),
    ],
)
def test_needed_lunr_files_follow_the_search_worker(hook, langs, expected):
    assert hook("prune_assets").needed_lunr_files(langs) == {LUNR + name for name in expected}


def test_maps_and_unneeded_languages_are_unused_but_the_bundle_is_kept(hook):
    prune = hook("prune_assets")
    needed = prune.needed_lunr_files(["de"])
    assert prune.is_unused("assets/javascripts/bundle.a5f9d56c.min.js.map", needed)
    assert prune.is_unused("assets/stylesheets/main.57a0d79d.min.css.map", needed)
    assert prune.is_unused(LUNR + "min/lunr.fr.min.js", needed)
    assert not prune.is_unused(LUNR + "min/lunr.de.min.js", needed)
    assert not prune.is_unused("assets/javascripts/bundle.a5f9d56c.min.js", needed)
    assert not prune.is_unused("assets/javascripts/workers/search.a7633da7.min.js", needed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("var a=1;\n//# sourceMappingURL=bundle.min.js.map\n", "var a=1;"),
        (".a{color:red}\n/*# sourceMappingURL=main.min.css.map */", ".a{color:red}"),
        ("var a=1;\n", "var a=1;\n"),
        # Only a trailing comment is a source-map pragma; the same words inside code are left alone.
        ('var s="//# sourceMappingURL=x";\nvar b=2;\n', 'var s="//# sourceMappingURL=x";\nvar b=2;\n'),
    ],
)
def test_strip_source_map_comment(hook, text, expected):
    assert hook("prune_assets").strip_source_map_comment(text) == expected


@pytest.fixture
def material_files(tmp_path):
    """The files a default Material site with English search would copy (docs plus theme)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - search:\n      lang: en\n", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config = config.plugins.on_config(config)  # the search plugin settles its `lang` here
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return config, files


def test_material_ships_what_the_hook_removes(material_files):
    """The control: without the hook, Material copies source maps and every Lunr language."""
    _, files = material_files
    uris = [f.src_uri for f in files]
    assert any(u.endswith(".map") for u in uris)
    assert LUNR + "min/lunr.de.min.js" in uris


def test_on_files_drops_maps_and_lunr_and_strips_pragmas(hook, material_files):
    config, files = material_files
    files = hook("prune_assets").on_files(files, config)
    uris = [f.src_uri for f in files]
    assert not [u for u in uris if u.endswith(".map") or u.startswith(LUNR)]
    assert "index.md" in uris
    bundle = next(f for f in files if f.src_uri.startswith("assets/javascripts/bundle."))
    assert "sourceMappingURL" not in bundle.content_string
    assert bundle.content_string.rstrip().endswith(";")
