"""hooks/section_pages.py: a section's pages from the nav, each with its own description."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError


def nav_page(src_uri: str, text: str, title: str | None = None):
    """A nav page as MkDocs holds it before the build has read it (markdown None, title from the nav or None)."""
    name = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    file = SimpleNamespace(src_uri=src_uri, name=name, content_string=text, page=None)
    page = SimpleNamespace(
        file=file, markdown=None, meta={}, title=title, is_page=True, is_section=False, is_index=name == "index"
    )
    file.page = page
    return page


def section(*children):
    sec = SimpleNamespace(children=list(children), is_page=False, is_section=True)
    for child in children:
        child.parent = sec
    return sec


INDEX = nav_page("topic/index.md", "---\ntitle: Topic\n---\n\n# Topic\n\n<!-- section-pages -->\n")
BETA = nav_page("topic/beta.md", "---\ntitle: Beta\ndescription: Second by name.\n---\n\n# Beta\n")
ALPHA = nav_page("topic/alpha.md", "---\ndescription: From the heading.\n---\n\n# Alpha *heading*\n")
BARE = nav_page("topic/no-front-matter.md", "Text only.\n")
SUB_INDEX = nav_page("topic/deeper/index.md", "---\ntitle: Deeper\ndescription: A subsection.\n---\n")
TOPIC = section(INDEX, BETA, ALPHA, BARE, section(SUB_INDEX))


class Files:
    def __init__(self, *pages):
        self.by_path = {p.file.src_uri: p.file for p in pages}

    def get_file_from_path(self, path):
        return self.by_path.get(path)


def test_items_follow_the_nav_with_titles_and_descriptions(hook):
    items = hook("section_pages").section_items(TOPIC, "topic/index.md", INDEX)
    assert [(i["title"], i["href"], i["description"]) for i in items] == [
        ("Beta", "beta.md", "Second by name."),
        ("Alpha *heading*", "alpha.md", "From the heading."),
        ("No front matter", "no-front-matter.md", None),
        ("Deeper", "deeper/index.md", "A subsection."),
    ]


def test_links_are_relative_to_the_page_that_lists_them(hook):
    items = hook("section_pages").section_items(TOPIC, "other/index.md", INDEX)
    assert [i["href"] for i in items][:2] == ["../topic/beta.md", "../topic/alpha.md"]


def test_a_page_already_read_is_taken_as_read(hook):
    read = nav_page("topic/read.md", "ignored", title="Read title")
    read.markdown, read.meta = "# Read title", {"description": "As read."}
    assert hook("section_pages").page_summary(read) == ("Read title", "As read.")


def test_render_is_a_definition_list_or_links_only(hook):
    sp = hook("section_pages")
    items = [
        {"title": "A_b", "href": "a.md", "description": "Uses *stars*, [x] and <b>."},
        {"title": "C", "href": "c.md", "description": None},
    ]
    text = sp.render(items)
    assert "[A\\_b](a.md)\n:   Uses \\*stars\\*, \\[x\\] and &lt;b&gt;." in text
    assert text.rstrip().endswith("\n\n[C](c.md)") and ":   None" not in text  # no dd: a plain link
    assert sp.render(items, titles=True).strip() == "- [A\\_b](a.md)\n- [C](c.md)"


def test_markers_in_fenced_code_are_left_alone(hook):
    text = "<!-- section-pages -->\n```\n<!-- section-pages -->\n```\n<!--section-pages ../x/index.md titles-->"
    found = [(n, m["index"], m["titles"]) for n, m in hook("section_pages").markers(text)]
    assert found == [(0, None, None), (4, "../x/index.md", "titles")]


def test_marker_is_replaced_and_the_rest_of_the_page_kept(hook):
    sp = hook("section_pages")
    out = sp.on_page_markdown("# Topic\n\nIntro.\n\n<!-- section-pages -->\n\nAfter.", INDEX, None, Files())
    assert out.startswith("# Topic\n\nIntro.\n") and out.endswith("\nAfter.")
    assert out.index("[Beta](beta.md)") < out.index("[Alpha \\*heading\\*](alpha.md)") < out.index("After.")
    assert "section-pages" not in out


def test_another_section_by_its_index_page(hook):
    other = nav_page("other/index.md", "---\ntitle: Other\n---\n\n<!-- section-pages ../topic/index.md titles -->\n")
    section(other)
    out = hook("section_pages").on_page_markdown(
        "<!-- section-pages ../topic/index.md titles -->", other, None, Files(INDEX, BETA)
    )
    assert out.strip().splitlines()[0] == "- [Beta](../topic/beta.md)"


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        (
            "<!-- section-pages topic/beta.md -->",
            "docs/index.md:5: section-pages: 'topic/beta.md' is not the index page",
        ),
        ("<!-- section-pages nowhere/index.md -->", "'nowhere/index.md' is not the index page of a section"),
        ("<!-- section-pages -->", "docs/index.md:5: section-pages: this page is not in a nav section"),
    ],
)
def test_a_marker_that_names_no_section_is_one_clear_line(hook, marker, expected):
    home = nav_page("index.md", f"---\ntitle: Home\n---\n\n{marker}\n")
    home.parent = None
    with pytest.raises(PluginError) as error:
        hook("section_pages").on_page_markdown(f"{marker}\n", home, None, Files(INDEX, BETA))
    assert expected in str(error.value) and "\n" not in str(error.value)
