"""Unit tests for the page hooks: front matter, status line, third-party guard, bibliography page, cite box."""

from __future__ import annotations

import datetime
import json
from types import SimpleNamespace

import pytest
from pybtex.database import parse_string

REVIEWED = datetime.date(2026, 11, 25)
GOOD = {"title": "T", "description": "D", "reviewed": REVIEWED, "certainty": "low", "keywords": ["x"]}


class TestFrontmatter:
    def test_complete_content_page_passes(self, hook):
        assert hook("frontmatter").problems(GOOD, "mechanisms/estradiol.md") == []

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            ({"title": ""}, "missing 'title'"),
            ({"description": None}, "missing 'description'"),
            ({"description": "x" * 201}, "at most 200"),
            ({"reviewed": "soon"}, "'reviewed'"),
            ({"certainty": "strong"}, "'certainty' must be one of high, moderate, low, very-low"),
            ({"keywords": "oestrogen"}, "'keywords' must be a list"),
        ],
    )
    def test_each_gap_is_reported(self, hook, change, expected):
        problems = hook("frontmatter").problems({**GOOD, **change}, "mechanisms/estradiol.md")
        assert any(expected in p for p in problems), problems

    def test_index_and_about_pages_need_no_certainty_level(self, hook):
        meta = {k: v for k, v in GOOD.items() if k != "certainty"}
        assert hook("frontmatter").problems(meta, "mechanisms/index.md") == []
        assert hook("frontmatter").problems(meta, "about/disclaimer.md") == []

    def test_old_field_name_is_found_at_its_line_in_the_front_matter_only(self, hook):
        from editorial.certainty import old_name_line, renamed_message

        page = "---\ntitle: T\nreviewed: 2026-11-25\nevidence: low\n---\n\n# T\n\nevidence: in the body is text.\n"
        assert old_name_line(page) == 4
        assert old_name_line(page.replace("evidence: low", "certainty: low")) is None
        assert old_name_line("# No front matter\n\nevidence: x\n") is None
        assert renamed_message("docs/x.md", 4) == (
            "docs/x.md:4: front matter 'evidence:' was renamed 'certainty:' "
            "(the page's certainty level; 'evidence' is a source's study type in bib/)"
        )

    def test_certainty_levels_and_study_types_are_separate_vocabularies(self):
        from editorial import certainty, evidence

        assert list(certainty.LEVELS) == ["high", "moderate", "low", "very-low"]
        assert not set(certainty.LEVELS) & set(evidence.TYPES)


class TestPageStatus:
    def test_line_goes_under_the_title(self, hook):
        status = hook("page_status")
        line = status.status_line(GOOD, "clinical/page.md")
        assert "Last reviewed 2026-11-25" in line and "[Low](../about/editorial-policy.md#evidence-levels)" in line
        out = status.insert_after_title("# Title\n\nSummary.", line)
        assert out.index("# Title") < out.index("Last reviewed") < out.index("Summary.")

    def test_last_substantive_change_links_to_its_log_entry(self, hook):
        meta = {**GOOD, "changes": [{"date": datetime.date(2026, 12, 2), "summary": "x"}, {"date": REVIEWED}]}
        line = hook("page_status").status_line(meta, "clinical/page.md")
        assert "[Last substantive change 2026-12-02](../about/changes/2026-12-02.md#2026-12-02-clinical-page)" in line

    def test_overdue_review_is_said_in_words(self, hook):
        status = hook("page_status")
        late = status.status_line(GOOD, "clinical/page.md", months=6, today=datetime.date(2027, 5, 26))
        assert '<span class="review-overdue">review overdue</span>' in late
        assert "review overdue" not in status.status_line(GOOD, "clinical/page.md", 6, datetime.date(2027, 5, 25))

    def test_no_title_no_change(self, hook):
        assert hook("page_status").insert_after_title("Summary.", "line") == "Summary."

    def test_relative_link_depth(self, hook):
        status = hook("page_status")
        assert status.relative_link("index.md", "about/x.md") == "about/x.md"
        assert status.relative_link("clinical/a.md", "about/x.md") == "../about/x.md"


class TestThirdPartyGuard:
    def test_rejects_fetched_resources(self, hook):
        html = """<script src="https://cdn.example.com/a.js"></script>
        <link rel="stylesheet" href="//fonts.example.com/css"><img src="https://img.example.com/x.png" alt="">
        <link rel="preconnect" href="https://fonts.gstatic.com">"""
        assert len(hook("third_party_guard").third_party_resources(html)) == 4

    def test_allows_links_and_own_assets(self, hook):
        html = """<a href="https://doi.org/10.1000/x">doi</a><link rel="canonical" href="https://other.example/">
        <script src="../assets/js/bundle.js"></script><img src="data:image/png;base64,AAAA" alt="">
        <script src="https://site.example/assets/a.js"></script>"""
        assert hook("third_party_guard").third_party_resources(html, "site.example") == []


BIB = parse_string(
    """
@article{alpha2020rct, author = {Alpha, A.}, title = {A trial}, journal = {J}, year = {2020}, evidence = {rct}}
@article{beta2019review, author = {Beta, B.}, title = {A review}, journal = {J}, year = {2019}, evidence = {guideline}}
""",
    "bibtex",
)


class TestBibliographyPage:
    def test_groups_by_evidence_strongest_first(self, hook):
        page = hook("bibliography_page")
        md = page.render_list(BIB.entries, lambda key: f"ref {key}")
        assert md.index("Guidelines") < md.index("Randomised")
        assert '<li id="ref-alpha2020rct">ref alpha2020rct<!-- cited-on:alpha2020rct --></li>' in md

    def test_unknown_evidence_type_fails(self, hook):
        bib = parse_string("@misc{gamma2020x, title = {X}, evidence = {rumour}}", "bibtex")
        with pytest.raises(ValueError, match="gamma2020x"):
            hook("bibliography_page").render_list(bib.entries, lambda key: "")

    def test_backlinks_name_each_citing_page_once(self, hook):
        page = hook("bibliography_page")
        html = """<h1>Page</h1><p>x<sup><a class="footnote-ref" href="#fn:alpha2020rct">1</a></sup></p>
        <h2 id="risks">Risks¶</h2><p>y<sup><a class="footnote-ref" href="#fn:alpha2020rct">1</a></sup></p>
        <div class="footnote"><ol><li id="fn:alpha2020rct"><p>Alpha.</p></li></ol></div>"""
        config = SimpleNamespace(plugins={"bibtex": SimpleNamespace(registry=SimpleNamespace(bib_data=BIB))})
        page.citations_by_key.clear()
        for url, title in (("clinical/x/", "Page"), ("clinical/y/", "Other & page")):
            page.on_page_content(html, SimpleNamespace(url=url, title=title), config, None)
        links = page.backlinks_html("alpha2020rct", "references/bibliography/")
        assert links.endswith(
            'Cited on: <a href="../../clinical/x/">Page</a>; <a href="../../clinical/y/">Other &amp; page</a></span>'
        )
        assert "#risks" not in links  # the page's own reference list shows where within it
        assert page.backlinks_html("beta2019review", "references/bibliography/") == ""


class TestCiteThisPage:
    """hooks/cite_this_page.py wires hooks/citing/page.py into the page (tested in tests/unit/test_citing.py)."""

    @pytest.fixture
    def record(self, hook):
        from citing.page import page_record

        config = SimpleNamespace(site_author="Team", site_name="Site", site_url="https://ex.org/sub/")
        meta = {"title": "Estradiol </script> page", "description": "D", "reviewed": REVIEWED}
        return page_record(meta, "mechanisms/estradiol.md", "mechanisms/estradiol/", config)

    def test_record(self, record):
        assert record["url"] == "https://ex.org/sub/mechanisms/estradiol/" and record["article"]
        assert record["key"] == "site:mechanisms:estradiol"

    def test_highwire_only_for_articles_and_open_graph(self, hook, record):
        cite = hook("cite_this_page")
        tags = dict(cite.highwire_tags(record))
        assert tags["citation_publication_date"] == "2026/11/25" and tags["citation_public_url"] == record["url"]
        assert cite.highwire_tags({**record, "article": False}) == []
        assert dict(cite.og_tags(record))["og:type"] == "website"

    def test_json_ld(self, hook, record):
        text = hook("cite_this_page").json_ld(record)
        assert "</script>" not in text
        data = json.loads(text)
        assert data["headline"] == "Estradiol </script> page"
        assert data["lastReviewed"] == data["datePublished"] == "2026-11-25"
        assert data["publisher"]["url"] == "https://ex.org/sub/" and "citation" not in data

    def test_formats_escaped_with_the_access_date_marked(self, hook, record):
        formats = hook("cite_this_page").cite_formats(record, datetime.date(2026, 12, 2))
        assert [f["id"] for f in formats] == ["ama", "apa", "vancouver", "bibtex", "ris"]
        for fmt in formats:
            assert "</script>" not in fmt["html"], fmt["id"]
        by_id = {f["id"]: f["html"] for f in formats}
        assert (
            'data-format="long" datetime="2026-12-02">December 2, 2026</time>' not in by_id["apa"]
        )  # dated page: APA omits it
        assert (
            '<time class="cite-accessed" datetime="2026-12-02" data-format="long">December 2, 2026</time>'
            in by_id["ama"]
        )
        assert 'data-format="nlm">2026 Dec 2</time>' in by_id["vancouver"]
        assert by_id["bibtex"].count('data-format="iso">2026-12-02</time>') == 2
        assert (
            'Y2  - <time class="cite-accessed" datetime="2026-12-02" data-format="ris">2026/12/02</time>'
            in by_id["ris"]
        )
        assert "1900" not in "".join(by_id.values())
