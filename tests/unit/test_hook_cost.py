"""The per-page savings of issue 14 change no output: each faster step gives what the slower one gave.

Counts of work (a ledger parsed once, a page parsed at most once) are in test_scaling.py.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from bs4 import BeautifulSoup

SEPARATOR = r'[\s\-,:;!?=\[\]()"/\u2013\u2014\u201c\u201d]+|\.(?!\d)|&[lg]t;'
FRAGMENTS = [
    "<p>Plain words</p>",
    "a &lt;b&gt; c<p>x</p>",
    "<!-- hidden -->text<p>y</p>",
    "x<br>y",
    "<code>a&amp;b</code> and &amp;lt;",
    "<p>a<b>b</b>c</p><ul><li>one</li><li>two</li></ul>",
    "<table><tr><td>a</td><td>b</td></tr></table>",
    "<script>var hidden</script><style>p{}</style><p>shown</p>",
    "<p>5 < 6 and 7 > 3, GABA<sub>A</sub> receptors (OXTR)</p>",
    "no markup &amp; an entity",
]


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_search_text_has_the_words_beautifulsoup_found(hook, fragment):
    """search_synonyms.py reads index entries with selectolax: the same words as BeautifulSoup's get_text(" ")."""
    synonyms = hook("search_synonyms")
    slow = BeautifulSoup(fragment, "html.parser").get_text(" ") if "<" in fragment else fragment
    assert synonyms.tokens(synonyms.plain_text(fragment), SEPARATOR) == synonyms.tokens(slow, SEPARATOR)


def test_synonym_lookup_finds_what_a_full_scan_finds(hook):
    """contains() skips names with a missing word; every answer is the full scan's."""
    synonyms = hook("search_synonyms")

    def scan(words, name):
        n = len(name)
        return any(
            list(words[i : i + n - 1]) == list(name[:-1]) and words[i + n - 1] in (name[-1], name[-1] + "s")
            for i in range(len(words) - n + 1)
        )

    vocabulary = ["gaba", "a", "receptor", "receptors", "x"]
    names = [n for k in (1, 2, 3) for n in itertools.product(vocabulary[:4], repeat=k)]
    for length in range(5):
        for words in itertools.product(vocabulary, repeat=length):
            present = set(words)
            for name in names:
                expected = scan(list(words), name) or (len(name) == 1 and name[0] + "s" in present)
                assert synonyms.contains(list(words), present, name) == expected, (words, name)


def test_csl_json_download_is_json_dumps(tmp_path):
    """Each item's CSL-JSON is kept as text: the file is still exactly json.dumps(items, indent=2)."""
    from citing import downloads
    from pybtex.database import parse_file

    from tests.conftest import ROOT

    entries = parse_file(str(ROOT / "bib" / "references.bib")).entries
    keys = sorted(entries)
    for chosen in ([], keys[:1], keys[:7], keys):
        items = [downloads.converted(key, entries[key])[2] for key in chosen]
        assert downloads.csl_json_file(entries, chosen) == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def test_class_attribute_pattern_matches_as_before(hook):
    """prune_css.py's CLASS_ATTR starts at the "c" (faster); it matches exactly where the old pattern did."""
    old = re.compile(r"""(?<![\w-])class\s*=\s*(?:"([^"]*)"|'([^']*)')""")
    new = hook("prune_css").CLASS_ATTR
    html = (
        'class="first" <p class="a b"> data-class="no" xclass="no" -class="no" <i\nclass = \'c\'>'
        ' <b class=unquoted> "class="d"" <div id="x" class="e f"></div>classclass="g" _class="h" cclass="i"'
    )
    assert new.findall(html) == old.findall(html)
    assert [m.span() for m in new.finditer(html)] == [m.span() for m in old.finditer(html)]


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: [Estradiol", ":2: front matter is not valid YAML"),
        ("reviewed: 2026-11-31", ":3: front matter: 'reviewed' is not a real date"),
        ("title: 'open", ":2: front matter is not valid YAML"),
        ("title: Estradiol", None),
    ],
)
def test_front_matter_problems_read_as_before(hook, front, message):
    """frontmatter.py reads with libyaml first; a problem is read again in Python, so messages stay the same."""
    source = f"---\n{front}\ndescription: D\n---\n# Page\n"
    if "reviewed" in front:
        source = f"---\ntitle: T\n{front}\n---\n# Page\n"
    found = hook("frontmatter").yaml_problem(source)
    assert found is None if message is None else message in f":{found}"
