/* Search answers fast on a large site (issue 16, speed): imported by workers/search-fuzzy.js.
   On the 1,000-page corpus, Material's worker spends most of a query on documents no reader
   sees: it highlights and copies every matching document and sends them all to the page
   ("oxytocin": 6,022 documents, 4.6 MB), where it renders ten. Here lunr's results are cut
   down to the documents of the best LIMIT pages, ranked as Material ranks them, so Material
   shows exactly its own first LIMIT pages. Plain functions, tested in
   tests/browser/test_search_fuzzy.py; the whole in tests/browser/test_search.py. */

var SearchBestPages = (function () {
  "use strict";

  var LIMIT = 50; // pages in a result: five times what a screen shows; more than this site has

  /* Which page each document belongs to, as Material groups them (setupSearchDocumentMap): the
     first document of a path is the page, the others with that path its sections. A first
     document with a #fragment is one Material cannot find again, so it is left out.
     Returns location -> {group: the page's location, page: whether it is the page itself}. */
  function documentGroups(docs) {
    var pages = new Map();
    var groups = new Map();
    docs.forEach(function (doc) {
      var path = doc.location.split("#")[0];
      var page = pages.get(path);
      if (page === undefined) {
        pages.set(path, doc.location);
        if (doc.location === path) groups.set(path, { group: path, page: true });
      } else groups.set(doc.location, { group: page, page: false });
    });
    return groups;
  }

  /* The words of a query as Material weighs them (its parseSearchQuery): the terms of the
     clauses a document may match, without wildcards. query: as lunr receives it. */
  function queryTerms(lunr, query) {
    var parsed = new lunr.Query(["title", "text", "tags"]);
    new lunr.QueryParser(query, parsed).parse();
    return parsed.clauses
      .filter(function (clause) {
        return clause.presence !== lunr.Query.presence.PROHIBITED;
      })
      .map(function (clause) {
        return clause.term.replace(/^\*/, "").replace(/\*$/, "");
      });
  }

  /* The score Material gives a lunr result (Search.search): lunr's score times 1 + b², b being
     1 for a page (0 for a section) plus the share of the query's words it found, a word being
     found when a matched term starts with it; missing stop words do not count. */
  function materialScore(score, page, matched, terms, isStopWord) {
    var found = {};
    var open = terms.slice();
    matched.forEach(function (term) {
      for (var i = 0; i < open.length; )
        if (term.startsWith(open[i])) {
          found[open[i]] = true;
          open.splice(i, 1);
        } else i++;
    });
    open.forEach(function (word) {
      if (!isStopWord(word)) found[word] = false;
    });
    var words = Object.keys(found);
    var share =
      words.filter(function (word) {
        return found[word];
      }).length / words.length;
    return score * (1 + (+page + share) ** 2);
  }

  /* The lunr results Material needs for the best `limit` pages, and how many pages match.
     Material sorts results by its own score (a stable sort of lunr's order) and groups them by
     page in that order; the same order here picks the first `limit` pages, and every document of
     theirs is kept, so Material shows those pages exactly as it would have, without highlighting,
     copying and sending the others (most of its time on a large site). results: lunr's
     [{ref, score, matchData}]; groups: documentGroups(); terms: queryTerms(). */
  function keep(results, groups, limit, terms, isStopWord) {
    var scored = [];
    results.forEach(function (result) {
      var info = groups.get(result.ref);
      if (info === undefined) return; // Material cannot find it either
      var matched = Object.keys((result.matchData && result.matchData.metadata) || {});
      scored.push({ group: info.group, score: materialScore(result.score, info.page, matched, terms, isStopWord) });
    });
    var undefinedOrder = scored.some(function (entry) {
      return Number.isNaN(entry.score);
    });
    if (undefinedOrder) limit = Infinity; // a NaN score: Material's order is not defined, keep all
    scored.sort(function (x, y) {
      return y.score - x.score;
    });
    var pages = [];
    var seen = new Set();
    scored.forEach(function (entry) {
      if (!seen.has(entry.group)) {
        seen.add(entry.group);
        pages.push(entry.group);
      }
    });
    if (pages.length <= limit) return { results: results, total: pages.length };
    var chosen = new Set(pages.slice(0, limit));
    return {
      results: results.filter(function (result) {
        var info = groups.get(result.ref);
        return info !== undefined && chosen.has(info.group);
      }),
      total: pages.length,
    };
  }

  return {
    LIMIT: LIMIT,
    documentGroups: documentGroups,
    queryTerms: queryTerms,
    materialScore: materialScore,
    keep: keep,
  };
})();
