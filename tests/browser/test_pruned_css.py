"""hooks/prune_css.py changes no pixel: Chromium computes the same style with the pruned and the full stylesheet.

Each page is opened twice, once as built and once with Material's own main.*.min.css
served in place of the pruned one; every element's computed style, with its ::before
and ::after, must be the same. Search results and a citation tooltip are compared too,
in the dark scheme, since Material's scripts build them after the page loads. Custom
properties are left out: they are not drawn, and the hook drops unused ones on purpose.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest

MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
PAGES = ["", "clinical/agents-at-a-glance/", "glossary/", "mechanisms/estradiol/", "references/bibliography/"]

STYLES = """() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const values = [];
      for (let i = 0; i < style.length; i++) {
        /* custom properties are not drawn; the hook drops the unused ones on purpose */
        if (!style[i].startsWith("--")) values.push(style[i] + ":" + style.getPropertyValue(style[i]));
      }
      out.push((el.id || el.getAttribute("class") || el.tagName) + (pseudo || "") + " " + values.join(";"));
    }
  }
  return out;
}"""


def full_stylesheet(page) -> None:
    """Serve Material's shipped main.*.min.css instead of the pruned file."""
    originals = {p.name: p.read_bytes() for p in MATERIAL_CSS.glob("main.*.min.css")}

    def handle(route):
        name = route.request.url.rsplit("/", 1)[-1]
        route.fulfill(body=originals[name], content_type="text/css")

    page.route("**/assets/stylesheets/main.*.min.css", handle)


def styles(browser, url: str, full: bool, scheme: str, action=None) -> list[str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    if full:
        full_stylesheet(page)
    page.goto(url, wait_until="networkidle")
    if action:
        action(page)
    page.wait_for_timeout(400)  # transitions settle
    result = page.evaluate(STYLES)
    context.close()
    return result


def differences(pruned: list[str], full: list[str]) -> list[str]:
    """Element and the properties that differ, as `name: pruned != full`."""
    assert len(pruned) == len(full), "the two loads built different pages"
    out = []
    for a, b in zip(pruned, full, strict=True):
        if a != b:
            name, a_props = a.split(" ", 1)
            b_props = dict(p.split(":", 1) for p in b.split(" ", 1)[1].split(";") if ":" in p)
            a_props = dict(p.split(":", 1) for p in a_props.split(";") if ":" in p)
            changed = sorted(k for k in a_props.keys() | b_props.keys() if a_props.get(k) != b_props.get(k))
            out.append(f"{name}: " + ", ".join(f"{k}: {a_props.get(k)} != {b_props.get(k)}"[:120] for k in changed[:3]))
    return out[:5]


def search(page):
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("oxytocin")
    page.locator("li.md-search-result__item").first.wait_for(timeout=10_000)


def tooltip(page):
    page.locator("article a.footnote-ref").first.hover()
    page.locator(".md-tooltip2--active").wait_for(timeout=5000)


def cite_box(page):
    """ "Cite this page" opened on its third tab: details, tabbed labels and a checked tab."""
    page.locator("details.cite-this-page > summary").click()
    page.locator("details.cite-this-page .tabbed-labels > label").nth(2).click()


def test_stylesheet_was_pruned(site):
    pruned = next((site.site / "assets" / "stylesheets").glob("main.*.min.css"))
    assert pruned.stat().st_size < (MATERIAL_CSS / pruned.name).stat().st_size * 0.9


@pytest.mark.parametrize("path", PAGES)
def test_pages_look_the_same(browser, base_url, path):
    url = base_url + path
    assert differences(styles(browser, url, False, "light"), styles(browser, url, True, "light")) == []


@pytest.mark.parametrize(("name", "action"), [("search", search), ("tooltip", tooltip), ("cite box", cite_box)])
def test_widgets_look_the_same_in_the_dark_scheme(browser, base_url, name, action):
    url = base_url + "mechanisms/estradiol/"
    pruned, full = styles(browser, url, False, "dark", action), styles(browser, url, True, "dark", action)
    assert differences(pruned, full) == [], name
