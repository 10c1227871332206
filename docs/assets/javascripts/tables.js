/* Sortable and filterable tables.
 *
 * Why: the comparison tables (agents at a glance, claims checked) are long and wide;
 * readers need to reorder them by any column and narrow them to the rows they care about.
 *
 * 1. Sorting: every plain Markdown table in the article gets Tablesort (vendored in
 *    vendor/tablesort.min.js, MIT). A column heading sorts on click or Enter; the
 *    heading's aria-sort attribute tells assistive technology the current order.
 *    Citation markers (superscript numbers) are ignored when sorting and filtering.
 * 2. Filtering: a table inside <div class="filterable-table" markdown> gets a labelled
 *    text box above it. Rows that do not contain every typed word are hidden, and a
 *    polite live region reports how many rows are shown. An optional data-filter-label
 *    attribute on the wrapper sets the label text.
 *
 * Material for MkDocs replaces the page content on instant navigation, so the set-up
 * runs through its document$ observable, which emits on the first load and after every
 * navigation. This file loads only on pages with such a table (hooks/table_assets.py),
 * inside the content that instant navigation swaps, so it runs again on each of them:
 * it subscribes once per browser page. Without JavaScript the tables stay ordinary,
 * complete HTML tables.
 */
(function () {
  "use strict";

  if (window.__tablesSetUp) return;
  window.__tablesSetUp = true;

  /* Citation markers and the commas the build puts between adjacent markers. */
  var CITATION = 'sup[id^="fnref"], sup.cite-sep';
  var filterCount = 0;

  /* Text of an element without its citation markers, in lower case, spaces collapsed. */
  function plainText(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(CITATION).forEach(function (sup) {
      sup.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function makeSortable(table) {
    if (typeof Tablesort === "undefined" || table.dataset.sortable === "true") return;
    if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 2) return;
    /* Sort on the visible words, not on the citation numbers that follow them. */
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (cell.querySelector(CITATION)) cell.setAttribute("data-sort", plainText(cell));
      });
    });
    new Tablesort(table);
    table.dataset.sortable = "true";
  }

  function makeFilterable(wrapper) {
    var table = wrapper.querySelector("table");
    if (!table || !table.tBodies.length || wrapper.dataset.filterReady === "true") return;
    wrapper.dataset.filterReady = "true";
    filterCount += 1;

    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) {
      return plainText(row).toLowerCase();
    });
    var total = rows.length;
    var inputId = "table-filter-" + filterCount;
    if (!table.id) table.id = "filterable-table-" + filterCount;

    var controls = document.createElement("div");
    controls.className = "filterable-table__controls";

    var label = document.createElement("label");
    label.htmlFor = inputId;
    label.textContent = wrapper.getAttribute("data-filter-label") || "Filter rows";

    var input = document.createElement("input");
    input.type = "search";
    input.id = inputId;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-controls", table.id);

    var status = document.createElement("p");
    status.className = "filterable-table__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.textContent = "Showing all " + total + " rows.";

    controls.appendChild(label);
    controls.appendChild(input);
    controls.appendChild(status);
    wrapper.insertBefore(controls, wrapper.firstChild);

    var timer = null;

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, index) {
        var match = words.every(function (word) {
          return texts[index].indexOf(word) !== -1;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      /* Announce after typing pauses, so a screen reader is not interrupted at every key. */
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (!words.length) {
          status.textContent = "Showing all " + total + " rows.";
        } else if (shown === 0) {
          status.textContent = "No rows match \u201c" + input.value.trim() + "\u201d.";
        } else {
          status.textContent = "Showing " + shown + " of " + total + " rows.";
        }
      }, 400);
    }

    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        apply();
      }
    });
  }

  /* After instant navigation Material re-inserts this page's scripts all at once, so this
   * file may run before vendor/tablesort.min.js: set up again once that file has loaded. */
  function whenTablesortLoads() {
    var vendor = document.querySelector('script[src*="tablesort"]');
    if (vendor && !vendor.dataset.setUpOnLoad) {
      vendor.dataset.setUpOnLoad = "true";
      vendor.addEventListener("load", setUp);
    }
  }

  function setUp() {
    if (typeof Tablesort === "undefined") whenTablesortLoads();
    filterCount = 0;
    document.querySelectorAll("article .filterable-table").forEach(makeFilterable);
    document.querySelectorAll("article table:not([class])").forEach(makeSortable);
  }

  if (typeof document$ !== "undefined" && document$ && typeof document$.subscribe === "function") {
    document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
