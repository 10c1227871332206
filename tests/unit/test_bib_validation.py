"""hooks/bib_validation.py: what in bib/ stops the build, each as one line naming file, line and key."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

ENTRY = """@misc{who2021page,
  author = {{World Health Organization}},
  title = {A page},
  url = {https://www.who.int/news/item/x%3Ay?q=1~2#top},
  doi = {10.1000/abc},
  pmid = {12345},
  pmcid = {PMC123456},
  evidence = {guideline},
  note = {Fixture.}
}
"""


def problems(hook, text: str) -> list[str]:
    try:
        hook("bib_validation").check_bib_text(text, "refs.bib")
    except PluginError as error:
        return str(error).splitlines()
    return []


def test_https_url_and_well_formed_identifiers_pass(hook):
    assert problems(hook, ENTRY) == []


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("url", "javascript:alert(1)", "refs.bib:4: who2021page: url 'javascript:alert(1)' is not an https:// address"),
        ("url", "http://www.who.int/", "refs.bib:4: who2021page: url 'http://www.who.int/' is not an https://"),
        ("url", "data:text/html,<b>x</b>", "refs.bib:4: who2021page: url 'data:text/html,<b>x</b>' is not"),
        ("url", "https://", "refs.bib:4: who2021page: url 'https://' is not an https:// address"),
        ("url", "\\url{https://www.who.int/}", "refs.bib:4: who2021page: url '\\url{https://www.who.int/}' is not"),
        ("doi", "https://doi.org/10.1000/abc", "refs.bib:5: who2021page: doi 'https://doi.org/10.1000/abc' is not"),
        ("pmid", "javascript:1", "refs.bib:6: who2021page: pmid 'javascript:1' is not a PubMed ID"),
        ("pmcid", "123456", "refs.bib:7: who2021page: pmcid '123456' is not a PMC ID"),
        ("evidence", "hearsay", "refs.bib:8: who2021page: unknown evidence 'hearsay'; use one of guideline,"),
    ],
)
def test_unsafe_or_unknown_value_names_its_line(hook, field, value, expected):
    old = next(line for line in ENTRY.splitlines() if line.startswith(f"  {field} ="))
    found = problems(hook, ENTRY.replace(old, f"  {field} = {{{value}}},"))
    assert len(found) == 1 and found[0].startswith(expected), found


def test_missing_evidence_names_the_entry(hook):
    assert problems(hook, ENTRY.replace("  evidence = {guideline},\n", "")) == [
        "refs.bib:1: who2021page: 'evidence' is missing; use one of guideline, systematic-review, rct, observational,"
        " human-experimental, narrative-review, animal, in-vitro, regulatory, textbook, book"
    ]


@pytest.mark.parametrize("key", ["a><script>x</script><b", 'a"b', "a'b", "a&b", "a#b", "a/b", "a<b"])
def test_key_unsafe_in_an_html_id_is_rejected(hook, key):
    found = problems(hook, "\n\n" + ENTRY.replace("who2021page", key))
    assert found == [f"refs.bib:3: {key}: the key may only use letters, digits and _:.+- (it becomes an HTML id)"]


@pytest.mark.parametrize("key", ["smith2020good", "Smith_2020", "smith2020:erratum", "doe2021.v2", "c++2020x"])
def test_keys_with_pandoc_punctuation_pass(hook, key):
    assert problems(hook, ENTRY.replace("who2021page", key)) == []


def test_every_problem_gets_its_own_line(hook):
    text = ENTRY.replace("https://www.who.int", "http://www.who.int") + "\n" + ENTRY.replace("who2021page", "x<y")
    text = text.replace("{guideline}", "{rumour}", 1)
    assert sorted(line.split(": ", 1)[0] for line in problems(hook, text)) == [
        "refs.bib:12",
        "refs.bib:12",  # the copy is also a second entry for the same DOI
        "refs.bib:4",
        "refs.bib:8",
    ]


def test_file_that_is_not_utf8_names_the_line(hook, tmp_path):
    path = tmp_path / "refs.bib"
    path.write_bytes(ENTRY.replace("A page", "Caf\xe9").encode("latin-1"))
    with pytest.raises(PluginError, match=r"^refs.bib:3: not UTF-8 \(byte 0xe9\); save the file as UTF-8$"):
        hook("bib_validation").read_utf8(path, "refs.bib")
    path.write_text(ENTRY.replace("A page", "Café"), encoding="utf-8")
    assert "Café" in hook("bib_validation").read_utf8(path, "refs.bib")


def article(key: str, title: str, year: str = "2014", **ids: str) -> str:
    fields = "".join(f"  {name} = {{{value}}},\n" for name, value in ids.items())
    return (
        f"@article{{{key},\n  author = {{Carter, C. Sue}},\n  title = {{{title}}},\n  journal = {{J}},\n"
        f"  year = {{{year}}},\n{fields}  evidence = {{narrative-review}},\n  note = {{Fixture.}}\n}}\n"
    )


FIRST = article(
    "carter2014oxytocin",
    "Oxytocin Pathways and the Evolution of Human Behavior",
    doi="10.1146/ab-1",
    pmid="24050183",
    pmcid="PMC42",
)


@pytest.mark.parametrize(
    ("second", "reason"),
    [
        (article("carter2014pathways", "Other", doi="10.1146/AB-1"), "same DOI 10.1146/ab-1"),
        (article("carter2014pmid", "Other", pmid="24050183"), "same PMID 24050183"),
        (article("carter2014pmc", "Other", pmcid="PMC42"), "same PMCID PMC42"),
        (
            article("carter2014copy", "oxytocin pathways and the evolution of human behaviour."),
            "near-identical title and the same year (2014)",
        ),
        (
            article("carter2014brace", "The {Oxytocin} pathways \\& the evolution of human behavior"),
            "near-identical title and the same year (2014)",
        ),
    ],
)
def test_second_entry_for_one_source_names_both_keys_and_the_first_line(hook, second, reason):
    text = "% header\n" + FIRST + second
    key = second.split("{", 1)[1].split(",", 1)[0]
    assert problems(hook, text) == [
        f"refs.bib:13: {key}: {reason} as carter2014oxytocin (line 2): "
        f"one source, two keys; cite carter2014oxytocin and delete {key}"
    ]


@pytest.mark.parametrize(
    "second",
    [
        # another year: a new edition, a yearly report
        article("carter2015oxytocin", "Oxytocin Pathways and the Evolution of Human Behavior", year="2015"),
        # another DOI or PMID: a different registered work (a correction, a parallel publication), however alike
        article("carter2014erratum", "Oxytocin Pathways and the Evolution of Human Behavior", doi="10.1146/ab-2"),
        article("carter2014reprint", "Oxytocin Pathways and the Evolution of Human Behavior", pmid="1"),
        # titles from one template differ by more than a typo
        article("carter2014pathway", "Vasopressin Pathways and the Evolution of Human Behavior"),
        # numbered parts differ by one character, and are different works
        article("carter2014part2", "Oxytocin Pathways and the Evolution of Human Behavior 2"),
    ],
)
def test_distinct_sources_with_alike_titles_pass(hook, second):
    assert problems(hook, FIRST + second) == []


def test_same_source_finds_an_entry_before_it_is_written(hook):
    """scripts/add-reference asks the same question of a record it has not written yet."""
    bib = hook("bib_validation")
    existing = [bib.source_of("carter2014oxytocin", {"title": "Oxytocin", "doi": "10.1146/AB-1"}, 7)]
    new = bib.source_of("new2014key", {"title": "Anything", "doi": "10.1146/ab-1", "year": "2014"})
    old, reason = bib.find_same_source(new, existing)
    assert (old.key, old.line, reason) == ("carter2014oxytocin", 7, "same DOI 10.1146/ab-1")
    assert bib.find_same_source(bib.source_of("x2014y", {"doi": "10.1146/ab-2"}), existing) is None


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [("kitten", "sitting", 3, True), ("kitten", "sitting", 2, False), ("", "ab", 2, True), ("abc", "abc", 0, True)],
)
def test_within_edits(hook, a, b, limit, expected):
    assert hook("bib_validation").within_edits(a, b, limit) is expected
