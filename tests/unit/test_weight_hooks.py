"""Unit tests for what trims a page's first view (issue 14): passages beside the page, minified
own assets, the palette's unused colours and RTL rules, template whitespace between tags."""

from __future__ import annotations

import types

import pytest

MARKER = '<sup id="{id}"><a class="footnote-ref" href="#fn:{key}">{n}</a></sup>'


def test_passages_are_collected_by_marker_id_and_the_group_markers_removed(hook):
    ledger = hook("claims_ledger")
    run = (
        MARKER.format(id="fnref:a", key="a", n=1)
        + '<sup class="cite-sep">,</sup>'
        + MARKER.format(id="fnref2:b", key="b", n=2)
    )
    html = f"<p>One{run}<!--supports:0-->. Two{MARKER.format(id='fnref3:b', key='b', n=2)}<!--supports:1-->.</p>"
    out, found = ledger.collect_supports(html, [{"a": "Supports: A", "b": "Supports: B1"}, {"b": "Supports: B2"}])
    assert "<!--supports:" not in out and "data-supports" not in out
    assert found == {"fnref:a": "Supports: A", "fnref2:b": "Supports: B1", "fnref3:b": "Supports: B2"}


def test_a_key_without_a_passage_gets_no_entry(hook):
    _, found = hook("claims_ledger").collect_supports(
        MARKER.format(id="fnref:a", key="a", n=1) + "<!--supports:0-->", [{}]
    )
    assert found == {}


@pytest.mark.parametrize(
    ("dest", "expected"),
    [
        ("index.html", "passages.json"),
        ("clinical/agents/index.html", "clinical/agents/passages.json"),
        ("clinical/agents.html", "clinical/agents.passages.json"),  # use_directory_urls: false
    ],
)
def test_passages_file_sits_beside_the_page(hook, dest, expected):
    assert hook("claims_ledger").passages_uri(dest) == expected


def test_reference_list_names_the_passages_file_and_a_page_without_one_is_refused(hook):
    ledger = hook("claims_ledger")
    html = '<p>x</p><div class="footnote" data-search-exclude><ol></ol></div>'
    assert '<div class="footnote" data-passages="passages.json" data-search-exclude>' in ledger.point_to_passages(
        html, "passages.json"
    )
    assert ledger.point_to_passages("<p>no list</p>", "passages.json") is None


def test_references_heading_hook_marks_a_list_that_already_has_attributes(hook):
    html = hook("references_section").exclude_footnotes_from_search('<div class="footnote" data-passages="p.json">')
    assert html == '<div class="footnote" data-search-exclude data-passages="p.json">'


def test_compact_html_drops_whitespace_between_tags_but_not_in_pre_or_text(hook):
    compact = hook("compact_html").compact
    html = "<div>\n    \n  <p>a  b</p>\n\n  <pre><code>x\n\n  <b>y</b>\n</code></pre>\n"
    html += "  <span>c</span> <span>d</span></div>"
    assert (
        compact(html)
        == "<div>\n<p>a  b</p>\n<pre><code>x\n\n  <b>y</b>\n</code></pre>\n<span>c</span> <span>d</span></div>"
    )
    # the control: whitespace that is not between two tags on separate lines stays
    assert compact("<p>a\n   b</p><i> </i>") == "<p>a\n   b</p><i> </i>"


def test_minify_assets_takes_only_own_unminified_sources(hook, tmp_path):
    minify = hook("minify_assets")
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)

    def file(src_uri, inside=True):
        path = (docs if inside else tmp_path) / src_uri
        return types.SimpleNamespace(src_uri=src_uri, abs_src_path=str(path))

    assert minify.is_own_source(file("assets/a.js"), str(docs))
    assert minify.is_own_source(file("assets/a.css"), str(docs))
    assert not minify.is_own_source(file("assets/vendor/x.min.js"), str(docs))
    assert not minify.is_own_source(file("assets/javascripts/bundle.js", inside=False), str(docs))  # the theme's
    assert not minify.is_own_source(file("index.md"), str(docs))
    assert minify.minify("a.js", "/* why */\nvar a = 1 // because\n") == "var a=1"
    assert minify.minify("a.css", "/*! licence */\n/* why */\na { color: red; }\n") == "/*! licence */a{color:red}"


def test_palette_keeps_only_colours_the_configuration_selects(hook):
    prune = hook("prune_css")
    colors = prune.palette_colors(
        [{"scheme": "default", "primary": "indigo", "accent": "indigo"}, {"scheme": "slate", "primary": "deep purple"}]
    )
    assert colors == {"primary": {"indigo", "deep-purple"}, "accent": {"indigo"}}
    css = (
        "[data-md-color-primary=red]{--a:1}[data-md-color-primary=indigo]{--a:2}"
        "@media screen{[data-md-color-scheme=slate][data-md-color-primary=deep-purple],"
        "[data-md-color-scheme=slate][data-md-color-primary=pink]{--b:1}[data-md-color-accent=red]{--c:1}}"
        "[data-md-color-scheme=slate]{--d:1}"
    )
    assert prune.prune_palette(css, colors) == (
        "[data-md-color-primary=indigo]{--a:2}"
        "@media screen{[data-md-color-scheme=slate][data-md-color-primary=deep-purple]{--b:1}}"
        "[data-md-color-scheme=slate]{--d:1}"
    )


def test_rtl_rules_go_unless_a_page_is_right_to_left(hook, tmp_path):
    prune = hook("prune_css")
    css = "[dir=rtl] .md-nav{left:0}.md-nav{right:0}[dir=ltr] .md-nav{x:y}"
    assert prune.prune(css, {"md-nav"}) == ".md-nav{right:0}[dir=ltr] .md-nav{x:y}"
    assert prune.prune(css, {"md-nav", prune.RTL}) == css
    (tmp_path / "index.html").write_text('<html dir="rtl"><body class="md-nav"></body></html>')
    (tmp_path / "main.css").write_text(css)
    used = prune.site_usage(tmp_path, tmp_path / "main.css").used
    assert prune.RTL in used
