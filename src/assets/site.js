// fluentpress site script: remembers the language a visitor picks, and runs the search page.
// The search index is a static JSON file per locale; terms are computed exactly as the
// exporter computes them (see src/export/web/search.rs).
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-locale]");
    if (link) {
      try { localStorage.setItem("fluentpress-locale", link.getAttribute("data-locale")); } catch (e) {}
    }
  });

  var root = document.getElementById("search");
  if (!root) { return; }

  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xac00 && n <= 0xd7af) ||
      (n >= 0xf900 && n <= 0xfaff) || (n >= 0x20000 && n <= 0x2ffff);
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // Query terms: folded words (matched as prefixes) and CJK runs (a single character is looked
  // up as it is, a longer run as its bigrams, all required).
  function queryTerms(text) {
    var out = [];
    var word = "";
    var run = [];
    function flushRun() {
      if (run.length === 1) { out.push({ term: run[0], prefix: false }); }
      for (var i = 0; i + 1 < run.length; i++) { out.push({ term: run[i] + run[i + 1], prefix: false }); }
      run = [];
    }
    function flushWord() {
      if (word) { out.push({ term: word, prefix: true }); word = ""; }
    }
    for (var c of fold(text)) {
      if (isCjk(c)) { flushWord(); run.push(c); }
      else if (/[\p{Alphabetic}\p{N}]/u.test(c)) { flushRun(); word += c; }
      else { flushRun(); flushWord(); }
    }
    flushRun();
    flushWord();
    return out;
  }

  function search(index, text) {
    var wanted = queryTerms(text);
    if (!wanted.length) { return []; }
    var keys = Object.keys(index.terms);
    var hits = null;
    wanted.forEach(function (q) {
      var docs = new Set();
      if (q.prefix) {
        keys.forEach(function (k) {
          if (k.lastIndexOf(q.term, 0) === 0) { index.terms[k].forEach(function (d) { docs.add(d); }); }
        });
      } else {
        (index.terms[q.term] || []).forEach(function (d) { docs.add(d); });
      }
      hits = hits === null ? docs : new Set(Array.from(hits).filter(function (d) { return docs.has(d); }));
    });
    // Pages whose title matches come first, then document order.
    var inTitle = function (d) {
      var title = fold(index.docs[d][1]);
      return wanted.every(function (q) { return title.indexOf(q.term) >= 0; }) ? 0 : 1;
    };
    return Array.from(hits).sort(function (a, b) { return inTitle(a) - inTitle(b) || a - b; });
  }

  function countText(results, count, query) {
    var template = results.exact[String(count)];
    if (template === undefined) {
      var category = "other";
      try { category = new Intl.PluralRules(results.lang).select(count); } catch (e) {}
      template = results.categories[category] || results.categories.other || "";
    }
    return template.split("{count}").join(String(count)).split("{query}").join(query);
  }

  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-count");
  var list = document.getElementById("search-results");
  var base = root.getAttribute("data-root");
  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) { return; }

  fetch(root.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(function (index) {
      var hits = search(index, query);
      status.textContent = countText(index.results, hits.length, query);
      hits.forEach(function (d) {
        var doc = index.docs[d];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = base + doc[0];
        link.textContent = doc[1];
        item.appendChild(link);
        if (doc[2]) {
          var description = document.createElement("p");
          description.textContent = doc[2];
          item.appendChild(description);
        }
        list.appendChild(item);
      });
      root.setAttribute("data-state", "done");
    })
    .catch(function () { root.setAttribute("data-state", "failed"); });
})();
