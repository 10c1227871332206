/* Search that forgives spelling (issue 16): started by overrides/partials/search.html in
   place of Material's search worker (?material=URL), it imports that worker unchanged and
   stands between it and the page. A query word that matches nothing (not even as the start
   of a word) is replaced by the closest word of the lunr index's own vocabulary (lunr's
   fuzzy matching, as in `term~1`), and Material's handler searches the corrected query.
   The RESULT for a QUERY carries `fuzzy`, which Material ignores and search-fuzzy.js shows:
   {query, corrected}, or {query, suggestion} for a QUERY sent with `verbatim: true`.
   Never corrected: words of 3 letters or fewer, abbreviations (2+ capitals), words with
   digits or symbols, stop words, lunr syntax. Rules: SearchFuzzy.plan; tests:
   tests/browser/test_search_fuzzy.py and test_search.py.
   Speed (the budget is 50 ms from keystroke to results): Material is given only the documents
   of the best pages (search-best-pages.js; RESULT then carries `more`: {shown, total, query,
   verbatim}, and a QUERY with `all: true` gets every page); and a query still waiting when a
   newer one arrives is dropped (RESULT carries `answers`: how many QUERY messages it answers,
   when 2 or more). */

var SearchFuzzy = (function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var HEADING_BOOST = 100; // fields weighted at least this much (title, keywords, ...) name what a page is about

  /* Edit distance allowed for a word of this many letters: none up to 3, then 1, then 2 from 8. */
  function maxDistance(word) {
    return Math.min(2, Math.floor(Array.from(word).length / 4));
  }

  /* Two or more capitals (LH, GnRH, OXTR, ERa) mark an abbreviation or a code name, never fuzzed.
     A long word in capitals is a word typed with caps lock, not an abbreviation. */
  function isAbbreviation(word) {
    var capitals = (word.match(/\p{Lu}/gu) || []).length;
    return capitals >= 2 && !(capitals === Array.from(word).length && capitals >= 6);
  }

  /* A word that may be corrected: letters only, at least four, not an abbreviation. */
  function isFuzzable(word) {
    return /^\p{L}+$/u.test(word) && maxDistance(word) > 0 && !isAbbreviation(word);
  }

  /* Optimal string alignment distance: insertion, deletion, substitution and the swap of two
     neighbouring letters each count 1, as in lunr's fuzzy matching. */
  function distance(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) rows[i].push(i === 0 ? j : 0);
    }
    for (i = 1; i <= a.length; i++)
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          best = Math.min(best, rows[i - 2][j - 2] + 1);
        rows[i][j] = best;
      }
    return rows[a.length][b.length];
  }

  /* The replacement in the case the reader typed: Oxitocin -> Oxytocin, OXITOCIN -> OXYTOCIN. */
  function matchCase(typed, word) {
    if (typed === typed.toUpperCase() && typed !== typed.toLowerCase()) return word.toUpperCase();
    var first = typed.charAt(0);
    if (first !== first.toLowerCase()) return word.charAt(0).toUpperCase() + word.slice(1);
    return word;
  }

  /* The words of a query with their positions, split where the index splits text. */
  function words(query, separator) {
    var found = [];
    var pattern = new RegExp(separator.source || separator, "g");
    var start = 0;
    var match;
    while ((match = pattern.exec(query)) !== null) {
      if (match.index > start) found.push({ text: query.slice(start, match.index), start: start });
      start = match.index + match[0].length;
      if (match[0].length === 0) pattern.lastIndex++;
    }
    if (start < query.length) found.push({ text: query.slice(start), start: start });
    return found;
  }

  /* Rank candidate words for a typed word: closest, then same first letter, then most used. */
  function best(typed, candidates) {
    var lower = typed.toLowerCase();
    var limit = maxDistance(typed);
    var ranked = [];
    candidates.forEach(function (candidate) {
      var d = distance(lower, candidate.term);
      if (d > 0 && d <= limit)
        ranked.push({ term: candidate.term, weight: candidate.weight, d: d, other: candidate.term[0] !== lower[0] });
    });
    ranked.sort(function (x, y) {
      return x.d - y.d || x.other - y.other || y.weight - x.weight || (x.term < y.term ? -1 : 1);
    });
    return ranked.length ? ranked[0].term : null;
  }

  /* The corrections for a query: [{start, text, replacement}], empty when nothing needs one.
     vocabulary: {known(word), isStopWord(word), candidates(word, distance) -> [{term, weight}]},
     all on lower-case words. Queries that use lunr's syntax (quotes, ~, ^, a field such as
     title:) are left alone; a word with + - or * is not letters only, so it is never corrected. */
  function plan(query, separator, vocabulary) {
    if (/["~^]|\b(?:title|text|tags):/.test(query)) return [];
    var changes = [];
    words(query, separator).forEach(function (word) {
      if (!isFuzzable(word.text)) return;
      var lower = word.text.toLowerCase();
      if (vocabulary.isStopWord(lower) || vocabulary.known(lower)) return;
      var term = best(word.text, vocabulary.candidates(lower, maxDistance(word.text)));
      if (term) changes.push({ start: word.start, text: word.text, replacement: matchCase(word.text, term) });
    });
    return changes;
  }

  /* The query with the corrections made. */
  function apply(query, changes) {
    var out = query;
    changes
      .slice()
      .sort(function (x, y) {
        return y.start - x.start;
      })
      .forEach(function (change) {
        out = out.slice(0, change.start) + change.replacement + out.slice(change.start + change.text.length);
      });
    return out;
  }

  /* The vocabulary of a lunr index: its terms (lower case, as Material's tokenizer makes them). */
  function lunrVocabulary(lunr, index, boosts) {
    var weights = Object.create(null);
    function weight(term) {
      if (!(term in weights)) {
        var posting = index.invertedIndex[term] || {};
        var w = 0;
        index.fields.forEach(function (field) {
          var docs = posting[field] ? Object.keys(posting[field]).length : 0;
          w += docs * ((boosts[field] || 1) >= HEADING_BOOST ? 10 : 1);
        });
        weights[term] = w;
      }
      return weights[term];
    }
    return {
      /* A term of the index, or the start of one (Material adds a trailing wildcard to every word). */
      known: function (word) {
        var node = index.tokenSet;
        for (var i = 0; i < word.length && node; i++) node = node.edges[word.charAt(i)];
        return Boolean(node);
      },
      isStopWord: function (word) {
        return typeof lunr.stopWordFilter === "function" && lunr.stopWordFilter(new lunr.Token(word)) === undefined;
      },
      candidates: function (word, editDistance) {
        /* The index's set first: lunr's intersect reads wildcards (the edits) from its argument. */
        return index.tokenSet
          .intersect(lunr.TokenSet.fromFuzzyString(word, editDistance))
          .toArray()
          .map(function (term) {
            return { term: term, weight: weight(term) };
          });
      },
    };
  }

  /* ------------------------------------------------------------------ the worker */

  /* Material's worker URL, only from this origin and only Material's search worker file. */
  function materialUrl(location) {
    var given = new URL(location.href).searchParams.get("material");
    if (!given) return null;
    var url = new URL(given, location.href);
    return url.origin === location.origin && /\/workers\/search\.[0-9a-f]+\.min\.js$/.test(url.pathname)
      ? url.href
      : null;
  }

  function startWorker(scope) {
    var url = materialUrl(scope.location);
    if (!url) throw new Error("search-fuzzy: no Material search worker given (?material=)");

    /* Keep Material's message handler instead of letting it listen, and catch its answers. */
    var handler = null;
    var pending = null;
    var post = scope.postMessage.bind(scope);
    var listen = scope.addEventListener.bind(scope);
    scope.addEventListener = function (type, listener, options) {
      if (type === "message" && !handler) handler = listener;
      else listen(type, listener, options);
    };
    scope.postMessage = function (message) {
      var resolve = pending;
      pending = null;
      if (resolve) resolve(message);
      else post(message);
    };
    scope.importScripts(new URL("search-best-pages.js", scope.location.href).href, url);
    delete scope.addEventListener;
    var best = scope.SearchBestPages;
    if (!handler) throw new Error("search-fuzzy: Material's search worker registered no message handler");

    /* The lunr index Material builds: its vocabulary is what corrections are drawn from. */
    var lunr = scope.lunr;
    var index = null;
    var build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.build = function () {
      index = build.apply(this, arguments);
      return index;
    };

    var vocabulary = null;
    var separator = null;
    var groups = null;
    var limit = Infinity; // pages Material is given for the query it is searching
    var total = 0; // pages that match it

    /* One message through Material's handler; resolves with its answer. */
    function material(message) {
      return new Promise(function (resolve) {
        pending = resolve;
        handler({ data: message });
      });
    }

    /* Material's answer for one query, with only the best pages unless `all`. */
    function search(query, all) {
      limit = all || !groups ? Infinity : best.LIMIT;
      total = 0;
      return material({ type: QUERY, data: query }).then(function (result) {
        var items = (result.data && result.data.items) || [];
        if (total > limit) {
          result.data.items = items.slice(0, limit); // Material's own first `limit` pages
          result.data.more = { shown: limit, total: total };
        }
        return result;
      });
    }

    function answer(query, verbatim, all) {
      var changes = [];
      if (vocabulary && query.trim()) {
        try {
          changes = plan(query, separator, vocabulary);
        } catch (error) {
          console.warn("search-fuzzy: no correction for", query, error);
        }
      }
      var done = function (result) {
        if (result.data.more) {
          result.data.more.query = query;
          result.data.more.verbatim = verbatim;
        }
        return result;
      };
      if (!changes.length) return search(query, all).then(done);
      var corrected = apply(query, changes);
      if (verbatim)
        return search(query, all).then(function (result) {
          result.data.fuzzy = { query: query, suggestion: corrected };
          return done(result);
        });
      return search(corrected, all).then(function (result) {
        // Cannot happen: every replacement is an indexed word.
        if (!result.data.items.length) return search(query, all).then(done);
        result.data.fuzzy = { query: query, corrected: corrected };
        return done(result);
      });
    }

    function handle(message, answers) {
      if (!message || (message.type !== SETUP && message.type !== QUERY)) {
        handler({ data: message }); // Material answers anything else with an error, as before
        return Promise.resolve();
      }
      if (message.type === SETUP) {
        var docs = (message.data && message.data.docs) || [];
        return material(message).then(function (ready) {
          var config = message.data.config;
          separator = new RegExp(config.separator);
          var boosts = {};
          Object.keys(config.fields || {}).forEach(function (field) {
            boosts[field] = (config.fields[field] || {}).boost || 1;
          });
          if (index) {
            vocabulary = lunrVocabulary(lunr, index, boosts);
            groups = best.documentGroups(docs);
            var lunrSearch = index.search;
            var isStopWord = function (word) {
              return !(typeof lunr.stopWordFilter === "function" && lunr.stopWordFilter(word)); // as Material asks
            };
            index.search = function (query) {
              var results = lunrSearch.apply(this, arguments);
              if (limit === Infinity) return results;
              try {
                var found = best.keep(results, groups, limit, best.queryTerms(lunr, query), isStopWord);
              } catch (error) {
                console.warn("search-fuzzy: every result kept for", query, error);
                return results;
              }
              total = found.total;
              return found.results;
            };
          }
          post(ready);
        });
      }
      return answer(String(message.data), message.verbatim === true, message.all === true).then(function (result) {
        if (answers > 1) result.data.answers = answers;
        post(result);
      });
    }

    /* Messages are answered one at a time, in order, as Material's worker does; but a query
       still waiting when a newer one arrives is dropped, its answer would be replaced at once.
       Each message is taken up in a task of its own, after the messages that came meanwhile. */
    var waiting = [];
    var busy = false;
    function next() {
      var item = waiting.shift();
      if (!item) {
        busy = false;
        return;
      }
      handle(item.message, item.answers)
        .catch(function (error) {
          console.warn("search-fuzzy:", error);
        })
        .then(function () {
          setTimeout(next, 0);
        });
    }
    listen("message", function (event) {
      var last = waiting[waiting.length - 1];
      var isQuery = event.data && event.data.type === QUERY;
      if (isQuery && last && last.message && last.message.type === QUERY) {
        last.message = event.data;
        last.answers += 1;
      } else waiting.push({ message: event.data, answers: 1 });
      if (!busy) {
        busy = true;
        setTimeout(next, 0);
      }
    });
  }

  if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) startWorker(self);

  return {
    maxDistance: maxDistance,
    isAbbreviation: isAbbreviation,
    isFuzzable: isFuzzable,
    distance: distance,
    matchCase: matchCase,
    words: words,
    best: best,
    plan: plan,
    apply: apply,
    lunrVocabulary: lunrVocabulary,
    materialUrl: materialUrl,
  };
})();
