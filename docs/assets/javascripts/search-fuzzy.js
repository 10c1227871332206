/* Search that forgives spelling: what the reader sees (issue 16).

   The search worker (assets/javascripts/workers/search-fuzzy.js, started by
   overrides/partials/search.html) corrects words the index does not know and marks its
   answer. This script shows what happened in the live region under the result count,
   from the templates in overrides/partials/search.html:
   * corrected: "Showing results for oxytocin. Search instead for oxitocin";
   * nothing found: "Nothing on this site matches …", with the glossary and the section
     indexes, and "Did you mean …?" when the query as typed had a correction.
   "Search instead for" asks the worker for the query as typed (`verbatim`); a suggested
   word replaces the query in the search box, so the share link carries it too.
   The region is role="status", so screen readers announce each message politely.

   The header (and with it these templates) stays in place on instant navigation, so the
   templates' relative links are made absolute once, on the page that loaded them. */
(function () {
  "use strict";

  var QUERY = 2;
  var RESULT = 3;
  /* Styles live here, with the only markup they apply to, so that the feature is one script. */
  var CSS = [
    ".search-fuzzy > p, .search-fuzzy > ul { margin: 0; padding: 0.4rem 0.8rem; font-size: 0.64rem;",
    "  line-height: 1.6; color: var(--md-default-fg-color); }",
    ".search-fuzzy > :first-child { padding-top: 0.6rem; }",
    ".search-fuzzy > :last-child { padding-bottom: 0.6rem; border-bottom: 0.05rem solid var(--md-default-fg-color--lightest); }",
    ".search-fuzzy ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; }",
    ".search-fuzzy a, .search-fuzzy button { font: inherit; color: var(--md-typeset-a-color);",
    "  text-decoration: underline; background: none; border: 0; padding: 0; cursor: pointer; }",
    ".search-fuzzy button { font-weight: 700; }",
    ".search-fuzzy a:focus-visible, .search-fuzzy button:focus-visible {",
    "  outline: 0.1rem solid var(--md-accent-fg-color); outline-offset: 0.1rem; }",
  ].join("\n");

  var worker = window.searchFuzzy && window.searchFuzzy.worker;
  var region = document.querySelector("[data-search-fuzzy]");
  var input = document.querySelector("[data-md-component=search-query]");
  if (!worker || !region || !input) return;

  var templates = {};
  ["corrected", "suggestion", "empty"].forEach(function (name) {
    var template = document.getElementById("search-fuzzy-" + name);
    if (!template) return;
    template.content.querySelectorAll("a[href]").forEach(function (link) {
      link.setAttribute("href", new URL(link.getAttribute("href"), location.href).href);
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
    content.querySelectorAll("button[data-action]").forEach(function (button) {
      button.setAttribute("data-query", button.textContent);
    });
    return content;
  }

  function show(result) {
    var fuzzy = result.fuzzy || {};
    var query = input.value.trim();
    var parts = [];
    var found = Boolean(result.items && result.items.length);
    if (fuzzy.corrected && found) parts.push(fill("corrected", { corrected: fuzzy.corrected, query: fuzzy.query }));
    if (fuzzy.suggestion) parts.push(fill("suggestion", { suggestion: fuzzy.suggestion }));
    if (query && !found) parts.push(fill("empty", { query: query }));
    region.replaceChildren.apply(
      region,
      parts.filter(function (part) {
        return part;
      })
    );
  }

  worker.addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === RESULT) show(message.data || {});
  });

  region.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-action]");
    if (!button) return;
    var query = button.getAttribute("data-query");
    input.focus();
    if (button.getAttribute("data-action") === "verbatim") {
      worker.postMessage({ type: QUERY, data: query, verbatim: true });
    } else {
      input.value = query;
      input.dispatchEvent(new KeyboardEvent("keyup")); // Material reads the box on keyup
    }
  });
})();
