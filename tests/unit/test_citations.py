"""The citation pipeline's own hook: code is text, one grammar, one line per problem; property-based cases."""

from __future__ import annotations

import string
from types import SimpleNamespace

import pytest
from editorial import citations, masking
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KNOWN = {"known2020a", "other2021b"}


def problems(hook, markdown, known=KNOWN, start=1):
    return hook("citations").problems(masking.mask(markdown).text, known, start)


class TestProblems:
    def test_unknown_key_names_its_line(self, hook):
        assert problems(hook, "Text.\nMore [@known2020a; @missing2020b].", start=5) == [
            "6: unknown citation key 'missing2020b'; it is not in bib/"
        ]

    def test_key_the_plugin_would_misread_is_refused(self, hook):
        (problem,) = problems(hook, "Erratum [@known2020a:erratum].", KNOWN | {"known2020a:erratum"})
        assert problem.startswith("1: citation key 'known2020a:erratum' has a character the citation plugin")

    def test_group_split_over_two_lines(self, hook):
        assert problems(hook, "Text [@known2020a;\n@other2021b].") == [
            "1: a citation group is split over two lines; keep '[@…]' on one line"
        ]

    def test_bibliography_command_outside_code(self, hook):
        assert problems(hook, "Here \\bibliography") == [
            "1: a bibliography command; the build adds the reference list itself"
        ]

    def test_code_comments_and_addresses_are_text(self, hook):
        text = (
            "Shown as `[@missing2020b]` and `\\bibliography`.\n"
            "<!-- A commented-out sentence [@missing2020b]. -->\n"
            "[write to editors@example.org](mailto:editors@example.org)\n"
            "```\n[@missing2020b]\n```"
        )
        assert problems(hook, text) == []

    def test_locators_and_prefixes_render_in_ama_form(self, hook):
        block = SimpleNamespace(
            citations=[
                SimpleNamespace(prefix="see", key="known2020a", suffix="p. 12"),
                SimpleNamespace(prefix="", key="other2021b", suffix=""),
            ]
        )
        assert hook("citations").inline_text(block, KNOWN) == (
            ' <span class="cite-prefix">see</span>[^known2020a]<sup class="cite-locator">(p. 12)</sup>'
            '<sup class="cite-sep">,</sup>[^other2021b]'
        )

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("A [see [the review] @known2020a].", "'@known2020a' is in brackets the build cannot read"),
            ("A [@known2020a, see [x](https://e.org/)].", "'@known2020a' is in brackets the build cannot read"),
            ("A [[@known2020a]].", "a citation inside other brackets"),
            ("![alt [@known2020a]](x.svg)", "a citation inside other brackets"),
            ("A [@known2020a](https://e.org/).", "'@known2020a' is a link's text, not a citation"),
            ("A [@known2020a][ref].", "'@known2020a' is a link's text, not a citation"),
            ("A [@known2020a][@other2021b].", "two citation groups side by side read as one number"),
            ("A [@known2020a p. 12].", "text after '@known2020a' needs a comma before it"),
            ("A [@known2020a\\_x].", "text after '@known2020a' needs a comma before it"),
            ("A [@known2020a, pp. 1; 3].", "'3' after ';' is not a citation"),
            ("A [@Known2020A].", "citation key 'Known2020A' is written 'known2020a' in bib/"),
            ("A [@].", "an '@' with no key after it in brackets"),
            ("A ［@known2020a］.", "full-width brackets are not a citation"),
            ('<div class="x">\nA [@known2020a].\n</div>', "a citation inside a raw HTML block is never processed"),
            ("<!-- set aside [@known2020a].\n\nMore.", "an HTML comment opened here is never closed"),
        ],
    )
    def test_syntax_the_plugin_would_garble_is_refused_with_a_line(self, hook, line, expected):
        found = problems(hook, line)
        assert found and all(p.startswith(("1: ", "2: ")) for p in found), found
        assert any(expected in p for p in found), found

    @pytest.mark.parametrize(
        "line",
        [
            "A [@known2020a;] and [ @other2021b ] and [-@known2020a].",
            "Mail [editors@example.org] or [write](mailto:editors@example.org); a `[[@x]]` span; \\[@x\\].",
            '<div markdown>\nA [@known2020a].\n</div>\n<span title="x">[@other2021b]</span>',
            "<!-- closed --> [@known2020a, p. 12 \U0001f389; see @other2021b, pp. 3–4, fig. 2]",
            "A [@known2020a, `p. 3`] with a code span as its locator.",
            "```\n<!-- [[@x]] ［@x］\n```",
        ],
    )
    def test_forms_that_render_are_not_refused(self, hook, line):
        assert problems(hook, line) == []

    def test_no_space_before_markers_but_links_keep_theirs(self):
        assert citations.spaced("bonding [@a; @b].\nsee [the page](x.md) and [a note]") == (
            "bonding[@a; @b].\nsee [the page](x.md) and [a note]"
        )


class TestMasking:
    def test_escaped_brackets_come_back_as_markdown_shows_them(self):
        masked = masking.mask("Shown as \\[@x\\] <here>.")
        assert masking.unmask(masked.text, masked.pieces) == "Shown as [@x] <here>."

    def test_masked_code_comes_back_escaped(self):
        masked = masking.mask("A `[@x] <b>` span.")
        html = masked.text.replace("`", "<code>", 1).replace("`", "</code>", 1)
        assert masking.unmask(html, masked.pieces) == "A <code>[@x] &lt;b&gt;</code> span."

    def test_lines_keep_their_numbers(self):
        text = "a\n<!-- one [@x]\ntwo -->\n```\n[@y]\n```\nb [@z]"
        assert masking.mask(text).text.count("\n") == text.count("\n")


# Property-based: citation strings an editor might type, with a fixed seed in CI (tests/conftest.py profile).
KEYS = st.text(string.ascii_lowercase + string.digits + "_-", min_size=1, max_size=12).filter(lambda k: k[0].isalnum())
ODD_KEYS = st.text(string.ascii_lowercase + string.digits + ":.+/", min_size=2, max_size=12).filter(
    lambda k: k[0].isalnum() and k[-1].isalnum()
)
LOCATORS = st.sampled_from(["", "p. 12", "pp. 3-4", "ch. 3", "Table 2", "abstract"])
PREFIXES = st.sampled_from(["", "see", "e.g.", "cf."])


@st.composite
def groups(draw, keys=KEYS):
    items = []
    for _ in range(draw(st.integers(1, 3))):
        prefix, key, locator = draw(PREFIXES), draw(keys), draw(LOCATORS)
        items.append(f"{prefix + ' ' if prefix else ''}@{key}{', ' + locator if locator else ''}")
    return "[" + "; ".join(items) + "]"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(group=groups(), wrap=st.sampled_from(["{}", "`{}`", "<!-- {} -->", "\\[ {} \\]", "A sentence {}."]))
def test_any_citation_is_either_rendered_or_refused_with_a_line(hook, group, wrap):
    text = wrap.format(group)
    keys = {m["key"] for g in citations.groups(group) for m in citations.items(g["body"])}
    found = problems(hook, text, known=keys)
    code = not wrap.startswith("A sentence") and wrap != "{}"
    if code:
        assert found == [], "code, comments and math are text"
    else:
        assert found == [] or all(p.startswith("1: ") for p in found)
        assert citations.keys(group), "the grammar sees every generated citation"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=ODD_KEYS.filter(lambda k: any(c in k for c in ":.+/")))
def test_a_key_the_plugin_would_cut_short_is_always_refused(hook, key):
    found = problems(hook, f"Text [@{key}].", known={key})
    assert any("has a character the citation plugin cannot read" in p for p in found)


@given(text=st.text(string.ascii_letters + " @`[]<>!-\n{}\\", max_size=80))
def test_masking_never_loses_text(text):
    masked = masking.mask(text)
    restored = masking.TOKEN.sub(lambda m: masked.pieces[int(m[1])][1], masked.text)
    assert restored == text


# Property-based: BibTeX entries of every standard type with hostile field values render as safe, clean text.
ENTRY_TYPES = st.sampled_from(
    ["article", "book", "inbook", "incollection", "inproceedings", "phdthesis", "mastersthesis", "techreport", "misc",
     "online"]
)  # fmt: skip
FIELD_TEXT = st.one_of(
    st.text(string.ascii_letters + string.digits + " .,:;'()-", min_size=1, max_size=30),
    st.sampled_from(
        ["<script>alert(1)</script>", "{\\AA}ngstr{\\\"o}m", "\\emph{Things}", "A \\& B", "50\\% of {HPA}", "x_1^2",
         '"quoted" & <b>bold</b>', "[@other]", "*stars* and `ticks`", "{{ status x }}"]
    ),
)  # fmt: skip
URLS = st.sampled_from(
    ["https://example.org/a?b=1&c=%20", "javascript:alert(1)", "http://example.org", "ftp://x", "//cdn.example"]
)
NAMES = st.sampled_from(["Smith, Jane", "{World Health Organization}", 'Str{\\"o}m, {\\AA}sa', "Doe, J. and others"])


@st.composite
def entries(draw):
    from pybtex.database import Entry, Person

    fields = {
        name: draw(FIELD_TEXT)
        for name in ("title", "journal", "booktitle", "publisher", "school", "institution", "howpublished", "note")
        if draw(st.booleans())
    }
    fields["year"] = str(draw(st.integers(1900, 2030)))
    if draw(st.booleans()):
        fields["url"] = draw(URLS)
    if draw(st.booleans()):
        fields["doi"] = draw(st.sampled_from(["10.1000/xyz", "10.1000/<b>", "not-a-doi"]))
    fields["evidence"] = draw(st.sampled_from(["rct", "animal", "regulatory"]))
    persons = {"author": [Person(p) for p in draw(NAMES).split(" and ")]} if draw(st.booleans()) else {}
    return Entry(draw(ENTRY_TYPES), fields=fields, persons=persons)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=entries())
def test_any_entry_renders_as_safe_clean_text(hook, entry):
    from bs4 import BeautifulSoup

    html = hook("citation_style").format_entry(entry)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find(["script", "b", "iframe"]), "markup from bib/ must be text"
    assert all(a["href"].startswith("https://") for a in soup.find_all("a", href=True))
    text = soup.get_text()
    assert "\\" not in text and "{" not in text.replace("{{", "") and "}" not in text.replace("}}", "")


AFFIX = st.text(string.ascii_letters + string.digits + " .,:;-<>&\"'/()", max_size=20)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.tuples(AFFIX, KEYS, AFFIX), min_size=1, max_size=4))
def test_any_prefix_and_locator_is_kept_as_escaped_text(hook, items):
    """Never a dropped locator, never markup from a prefix: each item keeps its marker and its words."""
    from bs4 import BeautifulSoup

    block = SimpleNamespace(citations=[SimpleNamespace(prefix=p, key=k, suffix=s) for p, k, s in items])
    rendered = hook("citations").inline_text(block, {k for _, k, _ in items})
    soup = BeautifulSoup(rendered, "html.parser")
    assert {t.name for t in soup.find_all(True)} <= {"sup", "span"}, "a prefix or locator became markup"
    assert rendered.count("[^") == len(items)
    locators = [s.get_text() for s in soup.select("sup.cite-locator")]
    assert locators == [f"({s.strip()})" for _, _, s in items if s.strip()]
    prefixes = [s.get_text() for s in soup.select("span.cite-prefix")]
    # a prefix ending in "-" is pandoc's suppress-author mark ("[-@key]"), which a numbered style drops
    shown = [p.strip()[:-1].rstrip() if p.strip().endswith("-") else p.strip() for p, _, _ in items]
    assert prefixes == [p for p in shown if p]


HOSTILE = st.text("[]()@;,-\\`<!>/ ［］\nab" + string.digits, max_size=60)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.one_of(HOSTILE, groups(), st.just("[@known2020a, p. 3]")), max_size=5).map("".join))
def test_any_bracket_soup_gets_lines_or_nothing_never_an_exception(hook, text):
    """Brackets, keys, comments and code in any mix: each problem names a line of the text, nothing raises."""
    for problem in problems(hook, text, start=3):
        number = int(problem.split(":", 1)[0])
        assert 3 <= number < 3 + text.count("\n") + 1, problem
