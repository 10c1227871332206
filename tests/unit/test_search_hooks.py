"""Unit tests for the search hooks: synonyms and keywords (search_synonyms), glossary terms (search_definitions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
SYNONYMS = ROOT / "data" / "search-synonyms.yml"


@pytest.fixture
def syn(hook):
    return hook("search_synonyms")


@pytest.fixture
def defs(hook):
    return hook("search_definitions")


@pytest.fixture(scope="module")
def separator():
    """The separator configured in mkdocs.yml (the hook reads the same value from the search plugin)."""
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    return search["separator"]


GROUPS = [["estradiol", "oestradiol", "E2"], ["anastrozole", "Arimidex"], ["GABA-A receptor", "GABAA receptor"]]


class TestLoadGroups:
    def test_real_file_loads(self, syn):
        groups = syn.load_groups(SYNONYMS.read_text(encoding="utf-8"), "data/search-synonyms.yml")
        assert len(groups) > 50

    # Pairs issue 6 names; each must stay in one group so that either name finds the other's page.
    REQUIRED = [
        ("oestrogen", "estrogen"),
        ("oestradiol", "estradiol"),
        ("ERα", "ER-alpha"),
        ("OT", "oxytocin"),
        ("OXTR", "oxytocin receptor"),
        ("HPA", "hypothalamic-pituitary-adrenal axis"),
        ("HPG", "hypothalamic-pituitary-gonadal axis"),
        ("HPT", "hypothalamic-pituitary-thyroid axis"),
        ("E2", "estradiol"),
        ("P4", "progesterone"),
        ("GnRH", "gonadotropin-releasing hormone"),
        ("LH", "luteinizing hormone"),
        ("FSH", "follicle-stimulating hormone"),
        ("GH", "growth hormone"),
        ("GHRH", "growth hormone-releasing hormone"),
        ("SHBG", "sex hormone-binding globulin"),
        ("Vyleesi", "bremelanotide"),
        ("Egrifta", "tesamorelin"),
        ("Arimidex", "anastrozole"),
        ("Zulresso", "brexanolone"),
        ("ibutamoren", "MK-677"),
        ("IGF-1", "IGF1"),
        ("PT-141", "bremelanotide"),
    ]

    @pytest.mark.parametrize(("a", "b"), REQUIRED)
    def test_issue_vocabulary_is_covered(self, syn, a, b):
        groups = syn.load_groups(SYNONYMS.read_text(encoding="utf-8"), "data/search-synonyms.yml")
        assert any(a in g and b in g for g in groups), f"{a!r} and {b!r} are not in one group"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "groups:\n  - [E2, estradiol]\n  - [oestrogen, estrogen]\n  - [e2, oestradiol]\n",
                "f.yml:4: 'e2' is already in the group on line 2",
            ),
            ("groups:\n  - [estradiol]\n", "f.yml:2: a group needs at least two different names"),
            ("groups:\n  - [estradiol, Estradiol]\n", "f.yml:2: a group needs at least two different names"),
            ("groups:\n  - [estradiol, 2]\n", "f.yml:2: a group must be a list of non-empty names"),
            ("groups:\n  - estradiol\n", "f.yml:2: a group must be a list"),
            ("synonyms:\n  - [a, b]\n", "f.yml: expected a top-level 'groups:'"),
            ("groups:\n  - [a, b\n", "f.yml:3: not valid YAML"),
        ],
    )
    def test_malformed_file_is_rejected_with_its_line(self, syn, text, expected):
        with pytest.raises(PluginError, match="^" + expected.replace("[", r"\[").replace("(", r"\(")):
            syn.load_groups(text, "f.yml")


class TestMatching:
    def test_separator_splits_punctuation_but_keeps_decimals(self, syn, separator):
        words = syn.tokens(
            "the receptor (OXTR); hypothalamic–pituitary–adrenal, “E2” at 0.5 mg. ER-alpha/ERβ", separator
        )
        assert words == [
            "the",
            "receptor",
            "oxtr",
            "hypothalamic",
            "pituitary",
            "adrenal",
            "e2",
            "at",
            "0.5",
            "mg",
            "er",
            "alpha",
            "erβ",
        ]

    def test_greek_letters_stay_in_their_word(self, syn, separator):
        assert syn.tokens("5α-reductase and ERβ", separator) == ["5α", "reductase", "and", "erβ"]

    def test_a_brand_name_brings_the_generic_and_back(self, syn, separator):
        assert syn.Vocabulary(GROUPS, separator).other_names(["Arimidex was added."]) == ["anastrozole"]
        assert syn.Vocabulary(GROUPS, separator).other_names(["Anastrozole lowers estradiol."]) == [
            "oestradiol",
            "E2",
            "Arimidex",
        ]

    def test_plural_on_the_page_counts_and_multiword_names_match_in_order(self, syn, separator):
        assert syn.Vocabulary(GROUPS, separator).other_names(["Two GABA-A receptors"]) == ["GABAA receptor"]
        assert syn.Vocabulary(GROUPS, separator).other_names(["a receptor for GABA-A"]) == []

    def test_new_words_are_counted_once_and_never_repeat_the_text(self, syn, separator):
        words = syn.new_words(
            ["GABAA receptor", "oestrogen", "oestrogens", "IGF-1", "a"], ["GABA-A receptors"], separator
        )
        assert words == ["gabaa", "oestrogens", "igf"]  # no second "receptor", no "oestrogen", no "1", no "a"


class TestExpandIndex:
    INDEX = {
        "docs": [
            {"location": "clinical/men/", "title": "Testosterone therapy in men", "text": "<p>Summary.</p>"},
            {"location": "clinical/men/#anastrozole", "title": "Anastrozole", "text": "<p>An aromatase inhibitor.</p>"},
            {
                "location": "clinical/men/#trials",
                "title": "Trials",
                "text": "<p>Arimidex lowered E2.</p>",
                "explains": ["E2"],
            },
        ]
    }
    PAGES = {"clinical/men/": {"keywords": ["TRT", "IGF-1"], "description": "What anastrozole does."}}

    def expanded(self, syn, separator, groups=GROUPS):
        import copy

        return {
            d["location"]: d for d in syn.expand_index(copy.deepcopy(self.INDEX), self.PAGES, groups, separator)["docs"]
        }

    def test_front_matter_goes_to_the_page_entry_only(self, syn, separator):
        docs = self.expanded(syn, separator)
        assert docs["clinical/men/"]["keywords"] == "trt igf"
        assert docs["clinical/men/"]["description"] == "what anastrozole does arimidex"
        assert "keywords" not in docs["clinical/men/#anastrozole"]

    def test_titles_and_text_gain_the_other_names(self, syn, separator):
        docs = self.expanded(syn, separator)
        assert docs["clinical/men/#anastrozole"]["title_synonyms"] == "arimidex"
        assert docs["clinical/men/#trials"]["text_synonyms"] == "estradiol oestradiol anastrozole"
        assert docs["clinical/men/#trials"]["explains"] == "e2 estradiol oestradiol"

    def test_without_the_group_the_variant_is_not_indexed(self, syn, separator):
        """The negative case: a synonym missing from the data file is not found."""
        docs = self.expanded(syn, separator, groups=[g for g in GROUPS if "Arimidex" not in g])
        assert "title_synonyms" not in docs["clinical/men/#anastrozole"]
        assert "arimidex" not in str(docs)


GLOSSARY = """<h2 id="terms">Terms</h2>
<p>Intro.</p>
<dl>
<dt id="lh"><abbr title="luteinising hormone">LH</abbr></dt>
<dd>Luteinising hormone. See <a href="../fundamentals/axes/#hpg">Axes</a>.</dd>
<dt id="shbg">SHBG</dt>
<dd>A carrier protein. See <a href="../fundamentals/hormones/">Hormones</a>.</dd>
<dt id="www">WWW</dt>
<dd>See <a href="https://example.org/">elsewhere</a>.</dd>
</dl>
<dl><dt>Plain term</dt><dd>Not anchored.</dd></dl>
"""


class TestDefinitions:
    def test_anchored_terms_are_read_and_their_list_kept_out_of_the_section(self, defs):
        html, found = defs.anchored_definitions(GLOSSARY)
        assert [(d.anchor, d.term, d.link) for d in found] == [
            ("lh", "LH", "../fundamentals/axes/#hpg"),
            ("shbg", "SHBG", "../fundamentals/hormones/"),
            ("www", "WWW", "https://example.org/"),
        ]
        assert found[0].text == "Luteinising hormone. See Axes."
        assert html == GLOSSARY.replace("<dl>\n", '<dl data-search-exclude="true">\n', 1)

    def test_a_page_without_anchored_terms_is_untouched(self, defs):
        page = "<dl><dt>Plain</dt><dd>Text</dd></dl>"
        assert defs.anchored_definitions(page) == (page, [])

    @pytest.mark.parametrize(
        ("link", "expected"),
        [
            ("../fundamentals/axes/#hpg", "fundamentals/axes/#hpg"),
            ("../fundamentals/hormones/", "fundamentals/hormones/"),
            ("../", ""),
            ("https://example.org/", None),
            ("#lh", None),
            (None, None),
        ],
    )
    def test_link_target(self, defs, link, expected):
        assert defs.target("glossary/", link) == expected

    def test_terms_become_entries_and_are_listed_on_the_page_they_link_to(self, defs):
        index = {
            "docs": [
                {"location": "fundamentals/axes/", "title": "Axes", "text": ""},
                {"location": "fundamentals/axes/#hpg", "title": "HPG", "text": ""},
                {"location": "glossary/", "title": "Glossary", "text": ""},
                {"location": "glossary/#terms", "title": "Terms", "text": ""},
                {"location": "mechanisms/x/", "title": "X", "text": ""},
            ]
        }
        _, found = defs.anchored_definitions(GLOSSARY)
        docs = defs.add_definitions(index, "glossary/", found)["docs"]
        assert [d["location"] for d in docs] == [
            "fundamentals/axes/",
            "fundamentals/axes/#hpg",
            "glossary/",
            "glossary/#terms",
            "glossary/#lh",
            "glossary/#shbg",
            "glossary/#www",
            "mechanisms/x/",
        ]
        assert docs[1]["explains"] == ["LH"]  # the linked section; its page when no such section
        assert "explains" not in docs[0]
        assert docs[4]["boost"] == defs.DEFINITION_BOOST
        assert docs[4]["title"] == "LH"
