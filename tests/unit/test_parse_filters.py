"""Hooks that parse every page build only the tags they read (issue 8), and find what a full parse finds.

third_party_guard parsing whole pages was about 40 % of the build time.
"""

from __future__ import annotations

PAGE = """<!doctype html><html><head>
<link rel="preconnect" href="https://fonts.gstatic.com"><link rel="canonical" href="https://other.example/">
<script src="https://cdn.example/y.js"></script><script src="assets/bundle.js"></script></head>
<body><nav><ul><li><a href="https://doi.org/10.1/x"><img src="//cdn.example/i.png" alt=""></a></li></ul></nav>
<article><p>Text <span style="background:url(//img.example/a.png)">styled</span></p>
<svg><image href="https://img.example/z.png"/></svg>
<video><source src="https://video.example/a.mp4"></video><object data="https://obj.example/o.swf"></object>
<iframe src="https://frame.example/"></iframe></article></body></html>"""


def test_filtered_parse_finds_what_a_full_parse_finds(hook):
    guard = hook("third_party_guard")
    full = guard.third_party_resources(PAGE, "site.example", parse_only=None)
    assert len(full) == 8, full
    assert guard.third_party_resources(PAGE, "site.example") == full


def test_filter_builds_only_fetching_or_styled_tags(hook):
    only = hook("third_party_guard").ONLY_FETCHING_TAGS
    assert only.allow_tag_creation(None, "script", {"src": "x.js"})
    assert only.allow_tag_creation(None, "link", {"rel": "stylesheet"})
    assert only.allow_tag_creation(None, "div", {"style": "color: red"})
    assert not only.allow_tag_creation(None, "p", {})
    assert not only.allow_tag_creation(None, "nav", {"class": "md-nav"})
    assert not only.allow_string_creation("text between tags")


CONTENT = """<h1 id="title">Title</h1>
<p>Claim<sup id="fnref:a2020"><a class="footnote-ref" href="#fn:a2020">1</a></sup>.</p>
<h2 id="key-points">Key points<a class="headerlink" href="#key-points">¶</a></h2>
<ul><li>Point<sup id="fnref:b2019"><a class="footnote-ref" href="#fn:b2019">2</a></sup></li></ul>
<div class="admonition"><h3 id="deep"><code>Deep</code> heading</h3><p><a href="../x/">link</a>
<sup><a class="footnote-ref" href="#fn:a2020">1</a></sup></p></div>"""


def test_bibliography_sections_filtered_like_a_full_parse(hook):
    bibliography = hook("bibliography_page")
    expected = [("a2020", "title", "Title"), ("b2019", "key-points", "Key points"), ("a2020", "deep", "Deep heading")]
    assert bibliography.sections_citing(CONTENT, parse_only=None) == expected
    assert bibliography.sections_citing(CONTENT) == expected
