"""Our mkdocs.yml, made usable from another folder, and the baseline: Material's defaults around the same content."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load
from pybtex.database import Person, parse_file
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import FieldIsMissing

from scripts.bench.common import ROOT

# Our bibliography page is written by hooks/bibliography_page.py from this marker; the baseline
# gets mkdocs-bibtex's own full bibliography in its place, so that both pages list every source.
BIBLIOGRAPHY_MARKER = "<!-- full-bibliography -->"


def real_config() -> dict:
    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def absolute_paths(config: dict) -> dict:
    """Make a copy of the real config usable from another folder (bib, hooks, overrides, snippets)."""
    config = dict(config)
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    if isinstance(config.get("theme"), dict) and config["theme"].get("custom_dir"):
        config["theme"] = {**config["theme"], "custom_dir": str(ROOT / config["theme"]["custom_dir"])}
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    config["watch"] = [str(ROOT / w) for w in config.get("watch", [])]
    plugins = []
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "bibtex" in plugin:
            options = dict(plugin["bibtex"])
            for key in ("bib_file", "bib_dir", "csl_file"):
                if options.get(key):
                    options[key] = str(ROOT / options[key])
            plugin = {"bibtex": options}
        plugins.append(plugin)
    config["plugins"] = plugins
    extensions = []
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext = {"pymdownx.snippets": {**(ext["pymdownx.snippets"] or {}), "base_path": [str(ROOT)]}}
        extensions.append(ext)
    config["markdown_extensions"] = extensions
    return config


def write_config(config: dict, path: Path) -> Path:
    # yaml.dump (not safe_dump) keeps any !!python/name tags the Markdown extensions use.
    path.write_text(yaml.dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def baseline_docs(src: Path, dest: Path) -> Path:
    """A copy of the docs for the baseline, with the full bibliography made the default plugin's way."""
    shutil.copytree(src, dest)
    for page in dest.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if BIBLIOGRAPHY_MARKER in text:
            page.write_text(text.replace(BIBLIOGRAPHY_MARKER, "\\full_bibliography"), encoding="utf-8")
    return dest


def baseline_bib(src: Path, dest: Path) -> Path:
    """The bibliography as the plugin's default formatter can print it whole.

    pybtex's plain style stops the whole build on an entry without a field it wants (a web page
    with no author); ours prints such entries. The baseline only has to render, so each missing
    field gets a placeholder, in a copy.
    """
    data = parse_file(str(src), "bibtex")
    style = PlainStyle()
    for entry in data.entries.values():
        for _ in range(6):
            try:
                style.format_entry("", entry)
                break
            except FieldIsMissing as missing:
                if missing.field_name in ("author", "editor"):
                    entry.add_person(Person("Anonymous"), missing.field_name)
                else:
                    entry.fields[missing.field_name] = "?"
    data.to_file(str(dest), "bibtex")
    return dest


def baseline_config(ours: dict, work: Path | None = None) -> dict:
    """Material's defaults around the same content: only what the content needs to build."""
    keep = ("site_name", "site_description", "site_author", "site_url", "copyright", "docs_dir", "nav")
    config = {k: ours[k] for k in keep if k in ours}
    config["theme"] = {"name": "material"}
    bibtex = next(p for p in ours["plugins"] if isinstance(p, dict) and "bibtex" in p)
    if work is not None and bibtex["bibtex"].get("bib_file"):
        options = dict(bibtex["bibtex"])
        options["bib_file"] = str(baseline_bib(Path(options["bib_file"]), work / "baseline.bib"))
        bibtex = {"bibtex": options}
    config["plugins"] = ["search", bibtex]
    config["markdown_extensions"] = ours["markdown_extensions"]  # content syntax, not theme features
    config["strict"] = False  # our hooks add anchors some pages link to; the baseline only has to render
    return config


def without_hooks(ours: dict) -> dict:
    """Our mkdocs.yml minus our hooks: the same theme, features, plugins, extensions and assets.

    What the hooks add per page is the difference between this and `ours` (issue 14, per-page cost).
    Pages whose markers only hooks expand (the full bibliography) keep the marker as an HTML comment.
    """
    config = {k: v for k, v in ours.items() if k != "hooks"}
    config["strict"] = False  # anchors and pages that hooks add are missing without them
    return config
