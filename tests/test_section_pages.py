"""Section indexes keep themselves: adding a page needs only the page and its nav line (issue 17)."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, fixture_config, run_mkdocs

PAGE = (
    "---\ntitle: Gamma page\ndescription: Added with its nav line only.\nreviewed: 2026-11-25\n---\n\n"
    "# Gamma page\n\nText.\n"
)


def listed(build, url_path: str) -> list[tuple[str, str]]:
    article = build.page(url_path).select_one("article")
    return [(a.get_text(), a["href"]) for a in article.select("dt a, li a") if not a.find_parent("details")]


@pytest.mark.fixture_site
def test_section_index_lists_its_pages_in_nav_order_with_descriptions(build_fixture):
    build = build_fixture("section-pages")
    assert build.returncode == 0, build.log
    assert listed(build, "topic/") == [("Beta page", "beta/"), ("Alpha page", "alpha/"), ("Deeper", "deeper/")]
    descriptions = [dd.get_text() for dd in build.page("topic/").select("article dd")]
    assert descriptions[1] == (
        "The first page by name, listed second: its description has *stars*, [brackets] and <b>tags</b>."
    )
    assert "The index's own prose stays." in build.page("topic/").get_text()
    assert build.page("topic/").select_one("article pre code").get_text().strip() == "<!-- section-pages -->"
    assert listed(build, "other/") == [
        ("Beta page", "../topic/beta/"),
        ("Alpha page", "../topic/alpha/"),
        ("Deeper", "../topic/deeper/"),
    ]


@pytest.mark.fixture_site
def test_a_new_page_needs_only_the_page_and_its_nav_line(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(FIXTURES / "section-pages", case)
    (case / "docs" / "topic" / "gamma.md").write_text(PAGE, encoding="utf-8")
    overrides = yaml.safe_load((case / "overrides.yml").read_text(encoding="utf-8"))
    overrides["nav"][1]["Topic"].insert(2, "topic/gamma.md")
    (case / "overrides.yml").write_text(yaml.safe_dump(overrides, sort_keys=False), encoding="utf-8")
    index_before = (case / "docs" / "topic" / "index.md").read_text(encoding="utf-8")

    build = run_mkdocs(fixture_config(case, tmp_path), tmp_path / "site")
    assert build.returncode == 0, build.log
    assert listed(build, "topic/")[:3] == [("Beta page", "beta/"), ("Gamma page", "gamma/"), ("Alpha page", "alpha/")]
    assert "Added with its nav line only." in build.page("topic/").get_text()
    assert (case / "docs" / "topic" / "index.md").read_text(encoding="utf-8") == index_before


def test_real_section_indexes_keep_no_hand_written_page_list(site):
    """Each section index of the real site lists exactly its nav pages, from the marker."""
    for index in sorted((ROOT / "docs").glob("*/index.md")):
        text = index.read_text(encoding="utf-8")
        own = sorted(p.name for p in index.parent.glob("*.md") if p.name != "index.md")
        if not own:
            continue  # a one-page section (the glossary)
        assert "<!-- section-pages -->" in text, f"{index.relative_to(ROOT)}: no <!-- section-pages --> marker"
        for name in own:
            assert not re.search(rf"^- \[[^\]]*\]\({re.escape(name)}\)", text, re.M), (
                f"{index.relative_to(ROOT)}: hand-kept link to {name}; the marker lists it"
            )
        html = site.page(f"{index.parent.name}/").select_one("article")
        hrefs = {a["href"] for a in html.select("dt a")}
        assert hrefs == {f"{n.removesuffix('.md')}/" for n in own}, f"{index.relative_to(ROOT)}: {hrefs}"
