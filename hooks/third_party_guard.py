"""Fail the build when a page would load anything from another site.

Why: the site promises privacy and offline use: no fonts, scripts, styles, images
or frames from third parties. Links a reader clicks are fine; resources the
browser fetches by itself are not. Material's privacy plugin would download them
at build time, which cannot work offline, so this hook only refuses them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.filter import ElementFilter
from mkdocs.exceptions import PluginError

# (tag, attribute) pairs whose URL the browser fetches without a click.
FETCHED = [
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("image", "href"),
]
LINK_RELS_FETCHED = {
    "stylesheet",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
}


class FetchingTags(ElementFilter):
    """Build only the tags that can fetch something, and any tag with a style attribute.

    Parsing every whole page into a tree was about 40 % of the build; the parser still
    reads all the HTML, but the tree holds only what the checks below look at.
    """

    def allow_tag_creation(self, nsprefix, name, attrs) -> bool:
        return name in FETCHING_TAGS or "style" in (attrs or {})

    def allow_string_creation(self, string) -> bool:
        return False


FETCHING_TAGS = {tag for tag, _ in FETCHED} | {"link"}
ONLY_FETCHING_TAGS = FetchingTags()


def is_external(url: str, own_host: str | None) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("", "data", "blob") and not url.strip().startswith("//"):
        return False
    host = parts.hostname
    return host is not None and host not in ("127.0.0.1", "localhost", own_host)


def third_party_resources(html: str, own_host: str | None = None, parse_only=ONLY_FETCHING_TAGS) -> list[str]:
    soup = BeautifulSoup(html, "html.parser", parse_only=parse_only)
    found = []
    for tag, attr in FETCHED:
        for element in soup.find_all(tag):
            url = element.get(attr) or element.get("xlink:href") if tag == "image" else element.get(attr)
            if url and is_external(url, own_host):
                found.append(f"<{tag} {attr}={url}>")
    for element in soup.find_all("link"):
        rels = set(element.get("rel") or [])
        url = element.get("href")
        if rels & LINK_RELS_FETCHED and url and is_external(url, own_host):
            found.append(f"<link rel={' '.join(sorted(rels))} href={url}>")
    for element in soup.find_all(style=True):
        if "url(" in element["style"] and "//" in element["style"]:
            found.append(f"inline style with url(): {element['style'][:80]}")
    return found


def on_post_page(output, page, config):
    own_host = urlsplit(config.site_url or "").hostname
    found = third_party_resources(output, own_host)
    if found:
        raise PluginError(
            f"docs/{page.file.src_uri}: loads a third-party resource: {found[0]}"
            + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
        )
    return output
