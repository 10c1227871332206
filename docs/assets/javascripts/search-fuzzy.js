/* Search that forgives spelling (issue 16): says what the search worker
   (workers/search-fuzzy.js) did, in the live region of overrides/partials/search.html,
   from its templates: "Showing results for X. Search instead for Y", "Did you mean X?",
   and the glossary and section indexes when nothing matches; on a large site, that only
   the best pages are listed, with "Show all" (the worker sends the best 50 pages unless
   asked for `all`). "Search instead for" asks the worker for the query as typed
   (`verbatim`); a suggested word replaces the query in the box, so the share link carries
   it. It loads on first use of search (overrides/partials/search.html), perhaps after instant
   navigation: the header stays in place, so the templates' relative links are made absolute
   against the page that rendered it (`base`), and a result that came before the script is shown. */
(function () {
  "use strict";

  var QUERY = 2;
  var RESULT = 3;
  var PAUSE_MS = 300; // a pause in typing: long enough to skip the words in between, short enough to feel immediate
  /* Styles live here, with the only markup they apply to, so that the feature is one script. */
  var CSS = [
    ".search-fuzzy > p, .search-fuzzy > ul { margin: 0; padding: 0.4rem 0.8rem; font-size: 0.64rem;",
    "  line-height: 1.6; color: var(--md-default-fg-color); }",
    ".search-fuzzy > :first-child { padding-top: 0.6rem; }",
    ".search-fuzzy > :last-child { padding-bottom: 0.6rem; border-bottom: 0.05rem solid var(--md-default-fg-color--lightest); }",
    ".search-fuzzy ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; }",
    ".search-fuzzy a { color: var(--md-typeset-a-color); text-decoration: underline; }",
    ".search-fuzzy a[data-action] { font-weight: 700; }",
    ".search-fuzzy a:hover { color: var(--md-accent-fg-color); }",
    ".search-fuzzy a:focus-visible { outline: 0.1rem solid var(--md-accent-fg-color); outline-offset: 0.1rem; }",
  ].join("\n");

  var fuzzy = window.searchFuzzy || {};
  var worker = fuzzy.worker;
  var region = document.querySelector("[data-search-fuzzy]");
  var input = document.querySelector("[data-md-component=search-query]");
  if (!worker || !region || !input) return;
  var meta = region.parentElement.firstElementChild; // Material's "N matching documents"
  var translations = {};
  try {
    translations = JSON.parse(document.getElementById("__config").textContent).translations || {};
  } catch (error) {
    /* Material's own words are only used to restate the count */
  }

  var templates = {};
  ["corrected", "suggestion", "empty", "more"].forEach(function (name) {
    var template = document.getElementById("search-fuzzy-" + name);
    if (!template) return;
    template.content.querySelectorAll("a[href]").forEach(function (link) {
      link.setAttribute("href", new URL(link.getAttribute("href"), fuzzy.base || location.href).href);
    });
    templates[name] = template;
  });

  var style = document.createElement("style");
  style.textContent = CSS;
  document.head.appendChild(style);

  function fill(name, words) {
    var template = templates[name];
    if (!template) return null;
    var content = template.content.cloneNode(true);
    content.querySelectorAll("[data-slot]").forEach(function (slot) {
      slot.textContent = words[slot.getAttribute("data-slot")] || "";
    });
    content.querySelectorAll("a[data-action]").forEach(function (link) {
      var query = link.getAttribute("data-action") === "all" ? words.query : link.textContent;
      link.setAttribute("data-query", query);
      link.setAttribute("href", "?q=" + encodeURIComponent(query)); // a new tab opens that search
    });
    return content;
  }

  /* What to say about a result: [template name, words] pairs, empty when there is nothing to say. */
  function messages(result, query) {
    var fuzzy = result.fuzzy || {};
    var found = Boolean(result.items && result.items.length);
    var out = [];
    if (fuzzy.corrected && found) out.push(["corrected", { corrected: fuzzy.corrected, query: fuzzy.query }]);
    if (fuzzy.suggestion) out.push(["suggestion", { suggestion: fuzzy.suggestion }]);
    if (query && !found) out.push(["empty", { query: query }]);
    if (result.more && found) {
      var more = result.more;
      out.push(["more", { shown: count(more.shown), total: count(more.total), query: more.query }]);
    }
    return out;
  }

  /* A number as Material writes counts: 1k from 1,000 (its utilities/round). */
  function count(value) {
    if (value <= 999) return String(value);
    return ((value + 0.000001) / 1000).toFixed(+((value - 950) % 1000 > 99)) + "k";
  }

  /* Results arrive at every keystroke. A message that goes away goes at once; a new one waits
     until typing pauses, so that it does not flicker and screen readers announce it once.
     aria-busy marks the region while a message waits (and tells tests to wait too). */
  var shown = "[]";
  var timer = null;
  function show(result) {
    var next = messages(result, input.value.trim());
    var key = JSON.stringify(next);
    clearTimeout(timer);
    if (key === shown) {
      region.removeAttribute("aria-busy");
      return;
    }
    region.replaceChildren();
    shown = "[]";
    if (!next.length) {
      region.removeAttribute("aria-busy");
      return;
    }
    region.setAttribute("aria-busy", "true");
    timer = setTimeout(function () {
      region.replaceChildren.apply(
        region,
        next.map(function (message) {
          return fill(message[0], message[1]);
        }).filter(Boolean)
      );
      shown = key;
      region.removeAttribute("aria-busy");
    }, PAUSE_MS);
  }

  /* A result with `more` lists only the best pages: Material counts those, so the count is
     restated (this listener runs after Material's), and "Show all" asks for every page. */
  var more = null;
  function receive(message) {
    if (!message || message.type !== RESULT) return;
    var result = message.data || {};
    more = result.more || null;
    if (more && meta && translations["search.result.other"])
      meta.textContent = translations["search.result.other"].replace("#", count(more.total));
    show(result);
  }
  worker.addEventListener("message", function (event) {
    receive(event.data);
  });
  if (fuzzy.last && input.value.trim()) receive(fuzzy.last); // the result shown before this script came
  else region.removeAttribute("aria-busy"); // set while this script loaded

  /* The region's own links search here; Material would close the search on a link's click. */
  region.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-action]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    var query = link.getAttribute("data-query");
    input.focus();
    if (link.getAttribute("data-action") === "all") {
      if (more) worker.postMessage({ type: QUERY, data: more.query, verbatim: more.verbatim, all: true });
    } else if (link.getAttribute("data-action") === "verbatim") {
      worker.postMessage({ type: QUERY, data: query, verbatim: true });
    } else {
      input.value = query;
      input.dispatchEvent(new KeyboardEvent("keyup")); // Material reads the box on keyup
    }
  });
})();
