"""Hooks that parse every page use selectolax (issue 14), and find what a full BeautifulSoup parse finds.

third_party_guard parsing whole pages with BeautifulSoup was about 40 % of the build time (issue 8),
and most of what our hooks added per page (issue 14). The references below are BeautifulSoup's.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

PAGE = """<!doctype html><html><head>
<link rel="preconnect" href="https://fonts.gstatic.com"><link rel="canonical" href="https://other.example/">
<script src="https://cdn.example/y.js"></script><script src="assets/bundle.js"></script></head>
<body><nav><ul><li><a href="https://doi.org/10.1/x"><img src="//cdn.example/i.png" alt=""></a></li></ul></nav>
<article><p>Text <span style="background:url(//img.example/a.png)">styled</span></p>
<svg><image href="https://img.example/z.png"/></svg>
<video><source src="https://video.example/a.mp4"></video><object data="https://obj.example/o.swf"></object>
<iframe src="https://frame.example/"></iframe></article></body></html>"""


def soup_resources(guard, html: str, own_host: str) -> list[str]:
    """The guard's rules read from a full BeautifulSoup tree: the reference."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attr in guard.FETCHED:
        for element in soup.find_all(tag):
            url = (element.get(attr) or element.get("xlink:href")) if tag == "image" else element.get(attr)
            if url and guard.is_external(url, own_host):
                found.append(f"<{tag} {attr}={url}>")
    for element in soup.find_all("link"):
        rels = set(element.get("rel") or [])
        if rels & guard.LINK_RELS_FETCHED and element.get("href") and guard.is_external(element["href"], own_host):
            found.append(f"<link rel={' '.join(sorted(rels))} href={element['href']}>")
    for element in soup.find_all(style=True):
        if "url(" in element["style"] and "//" in element["style"]:
            found.append(f"inline style with url(): {element['style'][:80]}")
    return found


def test_guard_finds_what_a_full_parse_finds(hook):
    guard = hook("third_party_guard")
    full = soup_resources(guard, PAGE, "site.example")
    assert len(full) == 8, full
    assert guard.third_party_resources(PAGE, "site.example") == full


CONTENT = """<h1 id="title">Title</h1>
<p>Claim<sup id="fnref:a2020"><a class="footnote-ref" href="#fn:a2020">1</a></sup>.</p>
<h2 id="key-points">Key points<a class="headerlink" href="#key-points">¶</a></h2>
<ul><li>Point<sup id="fnref:b2019"><a class="footnote-ref" href="#fn:b2019">2</a></sup></li></ul>
<div class="admonition"><h3 id="deep"><code>Deep</code> heading</h3><p><a href="../x/">link</a>
<sup><a class="footnote-ref" href="#fn:a2020">1</a></sup></p></div>
<div class="footnote"><hr><ol><li id="fn:a2020"><p>A.</p></li><li id="fn:b2019"><p>B.</p></li></ol></div>"""


def soup_keys(html: str) -> list[str]:
    """The keys of the citation markers, read from a full BeautifulSoup tree: the reference."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all("a"):
        if "footnote-ref" in (element.get("class") or []) and element.get("href", "").startswith("#fn:"):
            found.append(element["href"][4:])
    return list(dict.fromkeys(found))


def test_bibliography_keys_like_a_full_parse(hook):
    """The reference list names the same sources as the markers, first cited first."""
    bibliography = hook("bibliography_page")
    assert soup_keys(CONTENT) == ["a2020", "b2019"]
    assert bibliography.cited_keys(CONTENT) == ["a2020", "b2019"]
