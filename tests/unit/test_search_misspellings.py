"""The misspelling suite is what it says: one typing error per case, real pages, reproducible from its seed."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

BROWSER = Path(__file__).resolve().parents[1] / "browser"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, BROWSER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen():
    return load("search_misspellings")


@pytest.fixture(scope="module")
def rel():
    from scripts.search_suite import relevance

    return relevance


@pytest.fixture(scope="module")
def suite(gen):
    import yaml

    return yaml.safe_load(gen.SUITE.read_text(encoding="utf-8"))


def test_suite_is_large_enough_and_names_real_pages(suite, rel):
    assert len(suite) >= 30
    cases = rel.load_cases(BROWSER / "search_misspellings.yml")
    assert rel.problems(cases, DOCS) == []
    assert all(c.page for c in cases), "every misspelling expects a page"


def test_every_case_is_one_edit_of_its_term_after_the_first_letter(suite, gen):
    for case in suite:
        right = [w for w in case["term"].split() if w not in case["query"].split()]
        wrong = [w for w in case["query"].split() if w not in case["term"].split()]
        assert len(right) == len(wrong) == 1, case
        assert gen.edit_kind(right[0], wrong[0]) == case["kind"], case
        assert right[0][0] == wrong[0][0], f"{case['query']!r}: the first letter is never changed"


def test_suite_has_every_kind_of_edit_and_both_sources(suite, gen):
    assert {c["kind"] for c in suite} == set(gen.EDITS)
    assert {c["source"] for c in suite} == {"glossary", "title"}


@pytest.mark.parametrize(
    ("right", "wrong", "kind"),
    [
        ("estradiol", "estradol", "deletion"),
        ("thyroid", "thyriod", "transposition"),
        ("oxytocin", "oxitocin", "substitution"),
        ("oxytocin", "oxytoccin", "doubled"),
        ("oxytocin", "oxytocin", None),
        ("oxytocin", "oxitocine", None),  # two edits
        ("oxytocin", "oxytocine", None),  # an added letter that doubles nothing
    ],
)
def test_edit_kind(gen, right, wrong, kind):
    assert gen.edit_kind(right, wrong) == kind


@pytest.mark.parametrize("kind", ["deletion", "transposition", "substitution", "doubled"])
def test_each_edit_makes_one_error_of_its_kind(gen, kind):
    rng = random.Random(1)
    for word in ["oxytocin", "anastrozole", "Glossary", "thyroid"]:
        wrong = gen.edit(word, kind, rng)
        assert gen.edit_kind(word, wrong) == kind, (word, wrong)
        assert wrong[0] == word[0]


def test_generation_is_reproducible_and_skips_words_in_the_index(gen):
    first = gen.generate(DOCS, set())
    assert first == gen.generate(DOCS, set()), "the same seed and content give the same suite"
    assert len(first) == gen.GLOSSARY_CASES + gen.TITLE_CASES
    case = first[0]
    (wrong,) = set(case["query"].split()) - set(case["term"].split())
    again = gen.generate(DOCS, {wrong.lower()})  # as if the misspelling were a word of the site
    assert all(wrong not in c["query"].split() for c in again if c["term"] == case["term"])


def test_a_new_term_changes_only_its_own_case(gen):
    terms = gen.glossary_terms(DOCS)
    before = gen.draw(terms, 10, "glossary", gen.SEED, set())
    after = gen.draw([*terms, ("Zzyzx syndrome", "glossary/index.md")], 10, "glossary", gen.SEED, set())
    assert len([c for c in before if c not in after]) <= 1


def test_glossary_terms_point_at_the_page_their_definition_names(gen):
    terms = dict(gen.glossary_terms(DOCS))
    assert terms["Anastrozole"] == "clinical/testosterone-therapy-in-men.md"
    assert all((DOCS / page).is_file() for page in terms.values())


def test_words_search_would_never_correct_are_not_drawn(gen):
    assert gen.candidate_words("GnRH agonist (LH, FSH) about hormones") == ["agonist", "hormones"]
