"""Unit tests for hooks/prune_css.py: which rules of Material's stylesheet go, and which stay."""

from __future__ import annotations

ICON = "url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'><path d='M1 1'/></svg>\")"


def test_selectors_naming_an_unused_class_are_dropped(hook):
    prune = hook("prune_css").prune
    css = ".md-post,.md-typeset h1{color:red}.md-consent__form{display:none}.md-typeset a{color:blue}"
    assert prune(css, {"md-typeset"}) == ".md-typeset h1{color:red}.md-typeset a{color:blue}"


def test_classes_inside_functions_and_attribute_selectors_keep_the_rule(hook):
    prune = hook("prune_css").prune
    css = ".md-typeset :is(.grid,.cards){gap:1em}a:not(.md-button){color:red}[class*=md-x]{margin:0}"
    assert prune(css, {"md-typeset"}) == css


def test_grouping_rules_are_pruned_inside_and_dropped_when_empty(hook):
    prune = hook("prune_css").prune
    css = "@media print{.md-post{display:none}.md-header{display:none}}@media (min-width:10em){.md-post{x:y}}"
    css += "@keyframes spin{0%{opacity:0}to{opacity:1}}"
    assert (
        prune(css, {"md-header"}) == "@media print{.md-header{display:none}}@keyframes spin{0%{opacity:0}to{opacity:1}}"
    )


def test_custom_properties_named_nowhere_else_are_dropped(hook):
    prune = hook("prune_css").prune
    css = f":root{{--md-bug-icon:{ICON};--md-note-icon:{ICON};--md-js-only:1}}"
    css += ".note:before{mask-image:var(--md-note-icon)}"
    out = prune(css, {"note"}, elsewhere="el.style.setProperty('--md-js-only', 2)")
    assert "--md-bug-icon" not in out
    assert out.startswith(f":root{{--md-note-icon:{ICON};--md-js-only:1}}")


def test_class_completed_by_a_script_is_kept(hook):
    mod = hook("prune_css")
    script = "function no(e){let t=`tabbed-control tabbed-control--${e}`;return t} a='md-tag--'+n"
    assert mod.PREFIX.findall(script) == ["tabbed-control--", "md-tag--"]
    css = ".tabbed-control--next{left:0}.tabbed-control--prev{right:0}.md-tag--x{color:red}.md-post{x:y}"
    out = mod.prune(css, {"tabbed-control"}, prefixes=("tabbed-control--", "md-tag--"))
    assert out == ".tabbed-control--next{left:0}.tabbed-control--prev{right:0}.md-tag--x{color:red}"


def test_html_classes(hook):
    html = '<div class="md-typeset  admonition note"><p class=\'a-b\'>x</p><span data-class="no">'
    assert hook("prune_css").html_classes(html) == {"md-typeset", "admonition", "note", "a-b"}


def test_site_usage_reads_pages_scripts_and_the_search_index(hook, tmp_path):
    mod = hook("prune_css")
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "search").mkdir()
    (tmp_path / "index.html").write_text('<p class="from-html" style="--md-inline:1">', encoding="utf-8")
    (tmp_path / "assets" / "javascripts" / "app.js").write_text('x("div",{class:"from-js"});`pre-${a}`')
    index = '{"docs":[{"text":"<span class=\\"from-index\\">admonition <kbd>K</kbd>"}]}'
    (tmp_path / "search" / "search_index.json").write_text(index)
    main = tmp_path / "assets" / "stylesheets" / "main.0.min.css"
    main.write_text(".x{}")
    (tmp_path / "assets" / "stylesheets" / "extra.css").write_text("a{color:var(--md-extra)}")
    used, prefixes, elsewhere, elements, tabs = mod.site_usage(tmp_path, main)
    assert {"from-html", "from-js", "from-index"} <= used
    assert "admonition" not in used  # a word of the index's text is no class
    assert {"<p", "<div", "<kbd", "<span"} <= elements and "<x" in elements  # scripts: every word
    assert prefixes == ("pre-",)
    assert "--md-inline" in elsewhere and "--md-extra" in elsewhere
    assert tabs == 0  # no tabbed set


def test_selectors_naming_an_element_no_page_holds_are_dropped_when_elements_are_given(hook):
    prune = hook("prune_css").prune
    css = ".md-typeset kbd,.md-typeset h1{color:red}.x>iframe{a:b}.x+p:hover::before{c:d}:root{g:h}a:not(kbd){e:f}"
    elements = {"<h1", "<p", "<a"}
    assert prune(css, {"md-typeset", "x"}, elements=elements) == (
        ".md-typeset h1{color:red}.x+p:hover::before{c:d}:root{g:h}a:not(kbd){e:f}"
    )
    assert prune(css, {"md-typeset", "x"}) == css  # without `elements`, every element may occur


def test_selector_elements(hook):
    import tinycss2

    mod = hook("prune_css")
    (selector,) = mod.selectors(tinycss2.parse_component_value_list("Table .a>TD~b+i:first-child::after[x=y]"))
    assert mod.selector_elements(selector) == {"<table", "<td", "<b", "<i"}


def test_rules_for_tabs_no_tabbed_set_has_are_dropped(hook):
    mod = hook("prune_css")
    css = ".tabbed-set>input:first-child:checked,.tabbed-set>input:nth-child(2):checked,"
    css += ".tabbed-set>input:nth-child(3):checked{a:b}@media screen{.tabbed-set>input:nth-child(3)~p{c:d}}"
    css += ".tabbed-labels>label:nth-child(3),.tabbed-block:nth-child(3){e:f}.md-tabs__item:nth-child(3){g:h}"
    used = {"tabbed-set", "tabbed-labels", "tabbed-block", "md-tabs__item"}
    kept = ".tabbed-set>input:first-child:checked,.tabbed-set>input:nth-child(2):checked{a:b}"
    assert mod.prune(css, used, tabs=2) == kept + ".md-tabs__item:nth-child(3){g:h}"  # navigation tabs stay
    assert mod.prune(css, used) == css  # the count unknown: every tab stays


def test_most_tabs_of_a_page(hook):
    most_tabs = hook("prune_css").most_tabs
    two_sets = '<div class="tabbed-set tabbed-alternate" data-tabs="1:3">…<div class="tabbed-set" data-tabs="cite:5">'
    assert most_tabs(two_sets) == 5
    assert most_tabs("<p>no tabs</p>") == 0
    assert most_tabs('<div class="tabbed-set">') is None  # a set that does not say how many: keep all
