"""No quadratic step on a large bibliography (issue 14): operations counted at two sizes, never seconds.

Each test runs a step on N and on 4N synthetic entries (scripts/bench/library.py, the entries the
benchmark uses) and counts what the step does: characters scanned, pairs of titles compared,
entries parsed. A linear step does about 4 times the work at 4N; a quadratic one about 16 times.
"""

from __future__ import annotations

import re
from pathlib import Path
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


# Per page, per build (issue 14): what every page does must be done once, and what does not change
# between pages once per build. Counted at two corpus sizes, with a negative case each.
PAGES_SMALL, PAGES_LARGE = 3, 12


def ledger_site(root, pages: int):
    """`pages` pages under docs/p/, each with one cited sentence and its ledger entry in data/claims/p/."""
    (root / "data" / "claims" / "p").mkdir(parents=True, exist_ok=True)
    found = []
    for n in range(pages):
        sentence = f"Claim number {n} rests on one source."
        (root / "data" / "claims" / "p" / f"page{n}.yml").write_text(
            f"- sentence: {sentence}\n  sources:\n  - key: smith2020\n    locator: abstract\n"
            f"    quote: A passage.\n  checked: 2026-11-25\n  verdict: supported\n",
            encoding="utf-8",
        )
        markdown = f"# Page {n}\n\n{sentence[:-1]} [@smith2020].\n"
        found.append(SimpleNamespace(file=SimpleNamespace(src_uri=f"p/page{n}.md", content_string=markdown)))
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), plugins={}), found


def ledger_parses(hook, monkeypatch, root, pages: int, builds: int = 1) -> int:
    from editorial import claims

    ledger = hook("claims_ledger")
    parsed = []
    parse = claims.load_with_lines
    monkeypatch.setattr(claims, "load_with_lines", lambda path: parsed.append(path) or parse(path))
    config, found = ledger_site(root, pages)
    for _ in range(builds):
        for page in found:
            markdown = ledger.on_page_markdown(page.file.content_string, page, config, None)
            assert "<!--supports:0-->" in markdown  # the passage is attached: the ledger was read
    return len(parsed)


def test_each_ledger_is_parsed_once_per_build(hook, monkeypatch, tmp_path):
    """claims_ledger.py checks a page's ledger, then shows its passages: one parse, not two, per page."""
    for pages in (PAGES_SMALL, PAGES_LARGE):
        assert ledger_parses(hook, monkeypatch, tmp_path / str(pages), pages) == pages
    # and a second build (mkdocs serve) parses no unchanged ledger again
    assert ledger_parses(hook, monkeypatch, tmp_path / "again", PAGES_SMALL, builds=2) == PAGES_SMALL


def test_an_edited_ledger_is_parsed_again(hook, monkeypatch, tmp_path):
    """The control for the test above: a kept ledger is never served once its text has changed."""
    from editorial import claims

    ledger = hook("claims_ledger")
    config, (page,) = ledger_site(tmp_path, 1)
    ledger.on_page_markdown(page.file.content_string, page, config, None)
    path = tmp_path / "data" / "claims" / "p" / "page0.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("verdict: supported", "verdict: overstated"))
    with pytest.raises(Exception, match="verdict 'overstated'"):
        ledger.on_page_markdown(page.file.content_string, page, config, None)
    assert claims.load_ledger(path)[0].verdict == "overstated"


class ParseCounter:
    """Test double for the HTML parsers our hooks use: counts each parse by the text parsed."""

    NAMES = ("LexborHTMLParser", "BeautifulSoup")

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.parsed: list[str] = []

    def attach(self, modules) -> None:
        """Count the parses of these (hook) modules, whatever each imported as its parser."""
        for module in modules:
            for name in self.NAMES:
                real = getattr(module, name, None)
                if real is not None and not getattr(real, "counted", False):
                    self.monkeypatch.setattr(module, name, self.counting(real))

    def counting(self, real):
        counter = self

        class Counted(real):
            counted = True

            def __init__(self, markup, *args, **kwargs):
                counter.parsed.append(markup)
                super().__init__(markup, *args, **kwargs)

        return Counted

    def pages(self) -> list[str]:
        """Whole pages and page contents parsed (not search-index fragments): each has a heading."""
        return [text for text in self.parsed if "<h1" in text]

    def most_parses_of_one_text(self) -> int:
        pages = self.pages()
        return max((pages.count(text) for text in set(pages)), default=0)


def build_corpus(tmp_path, pages: int, counter: ParseCounter):
    """Our mkdocs.yml on a synthetic corpus of `pages` pages (scripts/bench/corpus.py), built in this process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from scripts.bench.corpus import make_corpus, usable_bib_keys

    config_file = make_corpus(tmp_path, pages, 2, usable_bib_keys())
    config = load_config(str(config_file), site_dir=str(tmp_path / f"site-{pages}"))
    counter.attach(plugin for name, plugin in config.plugins.items() if name.endswith(".py"))  # the hooks
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config


def test_each_page_is_parsed_at_most_once_as_content_and_once_as_output(monkeypatch, tmp_path):
    """Hooks read a page's HTML at most once as content (bibliography_page.py) and once as the written
    page (third_party_guard.py); none parses the same text twice, and the count grows with the pages."""
    counts = {}
    counter = ParseCounter(monkeypatch)
    for pages in (10, 40):
        counter.parsed.clear()
        config = build_corpus(tmp_path, pages, counter)
        documents = len(list(Path(config.site_dir).rglob("*.html")))
        assert counter.most_parses_of_one_text() == 1
        counts[pages] = len(counter.pages())
        assert counts[pages] <= 2 * documents, (counts[pages], documents)
    assert counts[40] <= LINEAR * counts[10], counts  # 4 times the pages: about 4 times the parses


def test_the_parse_counter_sees_a_page_parsed_twice(hook, monkeypatch):
    """The control for the test above: a hook that read the same page twice would be counted."""
    counter = ParseCounter(monkeypatch)
    guard = hook("third_party_guard")
    counter.attach([guard])
    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    output = "<html><body><h1>Title</h1><p>Text</p></body></html>"
    for _ in range(2):
        guard.on_post_page(output, page, SimpleNamespace(site_url="https://example.org/"))
    assert counter.most_parses_of_one_text() == 2
