"""Drive Material's search box in Chromium and read what a reader sees.

Shared by tests/browser/test_search.py (relevance suite) and scripts/bench_search.py
(latency figures), so that the benchmark measures exactly what the test exercises.

How "results for this query are shown" is detected: an init script wraps the page's
`Worker` constructor and counts the QUERY messages Material posts to its search worker
and the RESULT messages it gets back. Once every query has had its result and the
result has been rendered (a zero-delay timer after Material's own message handler),
the list on screen belongs to the last query typed. The wrapper only observes.
Our own search worker (assets/javascripts/workers/search-fuzzy.js) answers each query
with one result, as Material's does, except that a query still waiting for the worker
when a newer one arrives gets no answer of its own: the newer one's result says how many
queries it answers (`answers`), so the counting holds with it. The time is taken from the
last keyup (Material searches on keyup) to the list rendered (`latency_ms`), and to the
next frame painted after it (`paint_ms`). What the site says
about a result ("Showing results for …", "Did you mean …?", the glossary and sections
when nothing matches) is read from its live region once that has settled (aria-busy).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

if str(Path(__file__).resolve().parents[2]) not in sys.path:  # run as a file, not as scripts.search_suite
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one list of flags, shared with the benchmark)

SEARCH_INPUT = "input.md-search__input"  # the desktop search box
RESULT_ITEM = "li.md-search-result__item"
NOTICE = "[data-search-fuzzy]"  # the live region of assets/javascripts/search-fuzzy.js

# Message types of Material's search worker (SearchMessageType: SETUP, READY, QUERY, RESULT).
OBSERVER = """
(() => {
  const state = window.__search = {ready: false, readyAt: 0, queries: 0, results: 0, rendered: 0,
                                   lastQuery: null, lastKeyAt: 0, renderedAt: 0, paintedAt: 0};
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ev => {
        const type = ev.data && ev.data.type;
        if (type === 1) { state.ready = true; state.readyAt = performance.now(); }
        if (type === 3) {
          const n = (state.results += (ev.data.data && ev.data.data.answers) || 1);
          // Runs after Material's own handler has rendered the list; then after the next frame.
          setTimeout(() => {
            state.rendered = n; state.renderedAt = performance.now();
            requestAnimationFrame(() => setTimeout(() => {
              if (state.rendered === n) state.paintedAt = performance.now();
            }, 0));
          }, 0);
        }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { state.queries += 1; state.lastQuery = message.data; }
      return super.postMessage(message, ...rest);
    }
  };
  document.addEventListener("keyup", ev => {
    if (ev.target && ev.target.matches && ev.target.matches("input.md-search__input"))
      state.lastKeyAt = performance.now();
  }, true);
})();
"""

READ_NOTICE = """
() => {
  const region = document.querySelector("[data-search-fuzzy]");
  if (!region) return {text: "", slots: {}, links: []};
  const slots = {};
  region.querySelectorAll("[data-slot]").forEach(el => { slots[el.dataset.slot] = el.textContent; });
  return {
    text: region.innerText.replace(/\\s+/g, " ").trim(),
    slots,
    links: Array.from(region.querySelectorAll("a[href]")).map(a => ({text: a.textContent.trim(), href: a.href})),
  };
}
"""

READ_RESULTS = """
() => Array.from(document.querySelectorAll("li.md-search-result__item")).map(li => {
  const links = Array.from(li.querySelectorAll("a.md-search-result__link"));
  return {
    href: links.length ? links[0].href : "",
    title: (li.querySelector("h1") || {textContent: ""}).textContent.trim(),
    sections: links.slice(1).map(a => ({
      href: a.href,
      title: (a.querySelector("h2") || {textContent: ""}).textContent.trim(),
    })),
  };
})
"""


@dataclass
class Result:
    """One entry of the result list: a page, with the sections that matched."""

    path: str  # URL path relative to the site root, such as "mechanisms/estradiol/"
    title: str
    href: str
    sections: list[dict] = field(default_factory=list)


@dataclass
class Outcome:
    query: str
    results: list[Result]
    latency_ms: float  # last keyup -> result list rendered
    meta: str  # Material's "N matching documents" line
    notice: str = ""  # what the live region under it says, spaces collapsed
    slots: dict = field(default_factory=dict)  # its words: corrected, query, suggestion
    links: list[dict] = field(default_factory=list)  # its links: {text, href}
    paint_ms: float = 0.0  # last keyup -> the next frame painted after it

    @property
    def corrected(self) -> str | None:
        """The query the results are for when search corrected the one typed."""
        return self.slots.get("corrected")


def site_path(href: str, base_url: str) -> str:
    """'http://127.0.0.1:8000/mechanisms/estradiol/?h=x#s' -> 'mechanisms/estradiol/'."""
    path = urlsplit(href).path
    base = urlsplit(base_url).path
    return path[len(base) :] if path.startswith(base) else path.lstrip("/")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site from a thread on 127.0.0.1 and an OS-chosen port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch_chromium(playwright):
    """Debian's chromium, headless, without any background traffic (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


class SearchBox:
    """One browser page kept open for every query: type, wait for the results, read them."""

    def __init__(self, page, base_url: str, timeout_ms: float = 10_000, key_delay_ms: float = 0, init_script=None):
        self.page = page
        self.base_url = base_url
        self.timeout_ms = timeout_ms
        self.key_delay_ms = key_delay_ms  # 0: as fast as keys can be sent
        page.add_init_script(OBSERVER)
        if init_script:  # runs after the observer, before the page's own scripts
            page.add_init_script(init_script)
        page.goto(base_url)
        page.wait_for_function("() => window.__search && window.__search.ready", timeout=timeout_ms)
        self.input = page.locator(SEARCH_INPUT)

    def _settled(self) -> None:
        self.page.wait_for_function(
            "() => { const s = window.__search; return s.results === s.queries && s.rendered === s.results; }",
            timeout=self.timeout_ms,
        )

    def clear(self) -> None:
        self.input.click()
        self.input.press("Control+a")
        self.input.press("Backspace")
        self._settled()

    def search(self, query: str) -> Outcome:
        """Type the query key by key into the real search box and return the list shown."""
        self.clear()
        self.input.press_sequentially(query, delay=self.key_delay_ms)
        if not query.isascii():
            # Playwright inserts characters missing from its US layout (α, β) as text, without
            # the keyup that Material listens to; a reader's own keyboard sends one. Send it.
            self.input.press("End")
        self.page.wait_for_function(
            """q => { const s = window.__search;
                      return s.lastQuery === q && s.results === s.queries && s.rendered === s.results
                             && s.paintedAt >= s.renderedAt; }""",
            arg=query,
            timeout=self.timeout_ms,
        )
        state = self.page.evaluate("() => window.__search")
        raw = self.page.evaluate(READ_RESULTS)
        results = [Result(site_path(r["href"], self.base_url), r["title"], r["href"], r["sections"]) for r in raw]
        meta = self.page.locator(".md-search-result__meta").inner_text()
        notice = self.read_notice()
        latency = state["renderedAt"] - state["lastKeyAt"]
        painted = state["paintedAt"] - state["lastKeyAt"]
        return Outcome(query, results, latency, meta, notice["text"], notice["slots"], notice["links"], painted)

    def read_notice(self) -> dict:
        """The live region's text, words and links, once a message waiting for a pause in typing is shown."""
        self.page.wait_for_function(
            "s => !(document.querySelector(s) || {}).ariaBusy", arg=NOTICE, timeout=self.timeout_ms
        )
        return self.page.evaluate(READ_NOTICE)
