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
    (tmp_path / "search" / "search_index.json").write_text('{"docs":[{"text":"<span class=\\"from-index\\">"}]}')
    main = tmp_path / "assets" / "stylesheets" / "main.0.min.css"
    main.write_text(".x{}")
    (tmp_path / "assets" / "stylesheets" / "extra.css").write_text("a{color:var(--md-extra)}")
    used, prefixes, elsewhere = mod.site_usage(tmp_path, main)
    assert {"from-html", "from-js", "from-index"} <= used
    assert prefixes == ("pre-",)
    assert "--md-inline" in elsewhere and "--md-extra" in elsewhere
