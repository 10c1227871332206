"""No quadratic step on a large bibliography (issue 14): operations counted at two sizes, never seconds.

Each test runs a step on N and on 4N synthetic entries (scripts/bench/library.py, the entries the
benchmark uses) and counts what the step does: characters scanned, pairs of titles compared,
entries parsed. A linear step does about 4 times the work at 4N; a quadratic one about 16 times.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files
from pybtex.database import parse_string

from scripts.bench.library import library

SMALL, LARGE = 300, 1200  # 4x
LINEAR = 6  # the work may grow at most 6x when the input grows 4x (quadratic would be ~16x)


class CountingStr(str):
    """A str that adds up the characters each count/replace/find call scans, and stays counting."""

    scanned = 0

    def count(self, sub, start=0, end=None):
        end = len(self) if end is None else end
        CountingStr.scanned += max(0, min(end, len(self)) - start)
        return super().count(sub, start, end)

    def replace(self, old, new, count=-1):
        CountingStr.scanned += len(self)
        return CountingStr(super().replace(old, new, count))

    def find(self, sub, start=0, end=None):
        CountingStr.scanned += len(self) - start
        return super().find(sub, start, len(self) if end is None else end)


class CountingPattern:
    """A compiled pattern that adds up the characters each sub() scans."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern

    def sub(self, repl, string, count=0):
        CountingStr.scanned += len(string)
        return self.pattern.sub(repl, string, count)


def scanned(fn, text: str) -> int:
    CountingStr.scanned = 0
    fn(CountingStr(text))
    return CountingStr.scanned


def test_entry_lines_reads_the_file_once(hook):
    validation = hook("bib_validation")
    for size in (SMALL, LARGE):
        text = library(size)
        assert len(validation.entry_lines(text)) == size
        # one pass: every character is counted at most once, whatever the number of entries
        assert scanned(validation.entry_lines, text) <= len(text)


def test_duplicate_check_compares_a_bounded_number_of_pairs(hook, monkeypatch):
    validation = hook("bib_validation")
    calls = {"pairs": 0}
    compare = validation.same_source

    def counted(new, old):
        calls["pairs"] += 1
        return compare(new, old)

    monkeypatch.setattr(validation, "same_source", counted)
    pairs = {}
    for size in (SMALL, LARGE):
        data = parse_string(library(size), "bibtex")
        sources = [validation.source_of(k, e.fields, n) for n, (k, e) in enumerate(data.entries.items())]
        calls["pairs"] = 0
        assert validation.duplicate_pairs(sources) == []
        pairs[size] = calls["pairs"]
    assert pairs[LARGE] <= LINEAR * max(pairs[SMALL], 1), pairs


def test_duplicate_check_still_finds_near_identical_titles(hook):
    """The control for the test above: comparing fewer pairs loses no duplicate that all pairs would find."""
    validation = hook("bib_validation")
    data = parse_string(library(SMALL), "bibtex")
    sources = [validation.source_of(k, e.fields, n) for n, (k, e) in enumerate(data.entries.items())]
    first = next(s for s in sources if len(s.title) > 40)
    for typo in (first.title[1:], first.title[:10] + "x" + first.title[11:], first.title[:-2] + "ab"):
        copy = first._replace(key="copy2020x", ids={}, title=typo, line=9999)
        found = validation.duplicate_pairs([*[s._replace(ids={}) for s in sources], copy])
        assert [(new.key, old.key) for new, old, _ in found] == [("copy2020x", first.key)], typo


def test_bibliography_backlinks_read_the_page_once(hook, monkeypatch):
    bibliography = hook("bibliography_page")
    monkeypatch.setattr(bibliography, "CITED_ON", CountingPattern(bibliography.CITED_ON))
    for size in (SMALL, LARGE):
        keys = [f"key{n:05d}" for n in range(size)]
        content = "".join(f'<li id="ref-{k}">A reference.<!-- cited-on:{k} --></li>' for k in keys)
        entries = dict.fromkeys(keys)
        registry = SimpleNamespace(bib_data=SimpleNamespace(entries=entries))
        config = SimpleNamespace(plugins={"bibtex": SimpleNamespace(registry=registry)})
        page = SimpleNamespace(content=CountingStr(content), url="references/bibliography/")
        CountingStr.scanned = 0
        bibliography.on_page_context({}, page, config, None)
        assert "cited-on" not in page.content
        assert CountingStr.scanned <= 3 * len(content), (size, CountingStr.scanned / len(content))


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_a_page_costs_what_it_cites_not_what_the_library_holds(hook, monkeypatch, tmp_path, size):
    """The library hook parses only the cited entries, whatever the size of the library."""
    library_hook = hook("bib_library")
    parsed = []
    parse = library_hook.parse_string
    monkeypatch.setattr(library_hook, "parse_string", lambda text, fmt: parsed.append(text) or parse(text, fmt))
    text = library(size)
    (tmp_path / "library.bib").write_text(text, encoding="utf-8")
    (tmp_path / "references.bib").write_text("", encoding="utf-8")
    cited = re.findall(r"@\w+\{(\w+),", text)[:3]
    config = SimpleNamespace(
        extra={"bib_library": "library.bib"},
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        site_dir=str(tmp_path / "site"),
        plugins={
            "bibtex": SimpleNamespace(
                registry=SimpleNamespace(bib_data=SimpleNamespace(entries={})),
                config=SimpleNamespace(bib_file="references.bib"),
            )
        },
    )
    page = File("index.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    page.content_string = "# Page\n\nA claim [@" + "; @".join(cited) + "].\n"
    library_hook.on_files(Files([page]), config)
    assert sorted(config.plugins["bibtex"].registry.bib_data.entries) == sorted(cited)
    assert len(parsed) == len(cited)  # one parse per cited entry, none for the others


def test_data_files_read_by_libyaml_as_by_pure_python(tmp_path):
    """data/claims/ is read on every page: libyaml reads it (hooks/editorial/yamlfile.py), with the same result."""
    import yaml
    from editorial import yamlfile

    from tests.conftest import ROOT

    def pure(path):
        node, data = (
            yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader),
            yaml.safe_load(path.read_text()),
        )
        if isinstance(node, yaml.SequenceNode) and isinstance(data, list):
            return [(item, child.start_mark.line + 1) for item, child in zip(data, node.value, strict=True)]
        return data

    files = sorted((ROOT / "data").rglob("*.yml"))
    assert files and all(yamlfile.load_with_lines(path) == pure(path) for path in files)
    broken = tmp_path / "broken.yml"
    broken.write_text("- sentence: [one, two\n- sentence: three\n", encoding="utf-8")
    with pytest.raises(yamlfile.DataError, match=r"broken.yml:1: invalid YAML: while parsing a flow sequence"):
        yamlfile.load_with_lines(broken)
