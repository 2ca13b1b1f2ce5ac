// fluentpress search client: searches the locale's sharded index (written by
// src/export/web/search.rs) in the browser, from any static host.
//
// Every index file is JSON, gzip-compressed (`.fpz`, an extension no host knows, so it is
// served as it is); the client inflates it with the browser's DecompressionStream, unless the
// bytes no longer start with the gzip magic because the host already decoded them.
//
// It fetches the small manifest, then only the dictionary shards that hold the query's words,
// ranks pages by BM25 (title and heading words weigh more, query words side by side in a page
// lift it), and fetches the fragments (URL, title, text) of the ten results shown. The client
// never stems: a word whose stem differs is a key of the dictionary pointing at its stem, so
// index time and query time agree by construction. Snippets are built as text nodes and
// <mark> elements, never as HTML from the index.
(function (global) {
  "use strict";

  var PAGE_SIZE = 10;
  // BM25's usual constants; title and heading counts are multiplied before saturation (BM25F).
  var K1 = 1.2;
  var B = 0.75;
  var TITLE_WEIGHT = 4;
  var HEADING_WEIGHT = 2;
  // A word matched by its beginning only (typing "alum") counts for less than a whole word.
  var PREFIX_WEIGHT = 0.5;
  var MAX_EXPANSIONS = 24;
  // Shards fetched at most to expand one prefix: a one-letter prefix must not fetch them all.
  var MAX_PREFIX_SHARDS = 2;
  var SNIPPET_CHARS = 200;

  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xac00 && n <= 0xd7af) ||
      (n >= 0xf900 && n <= 0xfaff) || (n >= 0x20000 && n <= 0x2ffff);
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  // The query's words, in order: folded words (looked up whole and by their beginning) and,
  // for a run of CJK characters, its bigrams (a lone character as itself), each required.
  function queryTerms(text) {
    var out = [];
    var word = "";
    var run = [];
    function flushRun() {
      if (run.length === 1) { out.push({ term: run[0], prefix: false, cjk: true }); }
      for (var i = 0; i + 1 < run.length; i++) {
        out.push({ term: run[i] + run[i + 1], prefix: false, cjk: true });
      }
      run = [];
    }
    function flushWord() {
      if (word) { out.push({ term: word, prefix: true, cjk: false }); word = ""; }
    }
    for (var c of fold(text)) {
      if (isCjk(c)) { flushWord(); run.push(c); }
      else if (WORD_CHAR.test(c)) { flushRun(); word += c; }
      else { flushRun(); flushWord(); }
    }
    flushRun();
    flushWord();
    return out;
  }

  // One page's length from its one-number bucket (see length_bucket in search.rs).
  function bucketLength(b) {
    var e = b >> 3;
    var m = b & 7;
    return Math.max(0, Math.floor(((8 + m) * Math.pow(2, e)) / 8) - 1);
  }

  // The numbers of a postings string (encode_numbers in search.rs): five bits a character, the
  // lowest first; a character below 32 ends a number.
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) { DIGIT_VALUE[DIGITS.charCodeAt(d)] = d; }
  function decodeNumbers(text) {
    var out = [];
    var value = 0;
    var scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_VALUE[text.charCodeAt(i)];
      value += (digit & 31) * scale;
      if (digit < 32) { out.push(value); value = 0; scale = 1; } else { scale *= 32; }
    }
    return out;
  }

  // An entry's postings: [{doc, title, heading, body, length, positions}].
  function decodePostings(text) {
    var numbers = decodeNumbers(text);
    var out = [];
    var doc = 0;
    var i = 0;
    while (i + 2 < numbers.length) {
      doc += numbers[i];
      var code = numbers[i + 1];
      var posting = {
        doc: doc,
        title: code & 3,
        heading: (code >> 2) & 3,
        body: Math.floor(code / 16),
        length: bucketLength(numbers[i + 2]),
        positions: []
      };
      i += 3;
      var count = Math.min(posting.title + posting.body, 3);
      var at = 0;
      for (var j = 0; j < count && i < numbers.length; j++, i++) {
        at = j === 0 ? numbers[i] : at + numbers[i];
        posting.positions.push(at);
      }
      out.push(posting);
    }
    return out;
  }

  // The gzip magic (RFC 1952): JSON never starts with these bytes.
  function isGzip(bytes) {
    return bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  }

  // The JSON value in an index file's bytes (an ArrayBuffer or Uint8Array), inflating them
  // first when they are still compressed.
  function decode(buffer) {
    var bytes = ArrayBuffer.isView(buffer)
      ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
      : new Uint8Array(buffer);
    var plain = isGzip(bytes)
      ? new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()
      : Promise.resolve(bytes);
    return plain.then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
  }

  var EXTENSION = ".fpz";

  // `fetchBytes(url)` resolves to the bytes of an index file, as the host served them.
  function Index(base, fetchBytes) {
    this.base = base;
    this.fetchJson = function (url) { return fetchBytes(url).then(decode); };
    this.manifest = null;
    this.shards = {};
    this.loaded = {};
    this.fragments = {};
    this.postings = {};
  }

  Index.prototype.load = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.manifestPromise = this.fetchJson(this.base + "manifest" + EXTENSION).then(function (m) {
        self.manifest = m;
        return m;
      });
    }
    return this.manifestPromise;
  };

  // The shard whose range holds `key`: the last whose first key is not after it.
  Index.prototype.shardOf = function (key) {
    var seps = this.manifest.shards;
    var lo = 0;
    var hi = seps.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (seps[mid] <= key) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  };

  Index.prototype.shard = function (n) {
    var self = this;
    if (!this.shards[n]) {
      this.shards[n] = this.fetchJson(this.base + "t/" + n + EXTENSION).then(function (shard) {
        self.loaded[n] = shard;
        return shard;
      });
    }
    return this.shards[n];
  };

  // The words of the loaded shards that point at one of `keys`: the forms to highlight
  // ("refinery" for the stem "refineri"). A stem's forms mostly share its shard.
  Index.prototype.formsOf = function (keys) {
    var wanted = new Set(keys);
    var out = [];
    var loaded = this.loaded;
    Object.keys(loaded).forEach(function (n) {
      var shard = loaded[n];
      Object.keys(shard).forEach(function (k) {
        var e = shard[k];
        if (Array.isArray(e) && wanted.has(e[0])) { out.push(k); }
      });
    });
    return out;
  };

  Index.prototype.fragment = function (doc) {
    if (!this.fragments[doc]) {
      this.fragments[doc] = this.fetchJson(this.base + "f/" + doc + EXTENSION);
    }
    return this.fragments[doc];
  };

  // The entry of `key`, or null, fetching its shard.
  Index.prototype.entry = function (key) {
    return this.shard(this.shardOf(key)).then(function (shard) {
      return Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
    });
  };

  // The dictionary keys a query word stands for: itself, and when it may be a word being
  // typed, the keys it begins (from at most MAX_PREFIX_SHARDS shards), shortest first.
  Index.prototype.expand = function (q) {
    var self = this;
    var first = this.shardOf(q.term);
    var last = q.prefix ? Math.min(this.shardOf(q.term + "\uffff"), first + MAX_PREFIX_SHARDS - 1) : first;
    var loads = [];
    for (var n = first; n <= last; n++) { loads.push(this.shard(n)); }
    return Promise.all(loads).then(function (shards) {
      var found = [];
      var seen = {};
      shards.forEach(function (shard) {
        if (Object.prototype.hasOwnProperty.call(shard, q.term) && !seen[q.term]) {
          seen[q.term] = true;
          found.push({ key: q.term, weight: 1, entry: shard[q.term] });
        }
      });
      if (q.prefix) {
        var more = [];
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (k) {
            if (!seen[k] && k.length > q.term.length && k.lastIndexOf(q.term, 0) === 0) {
              seen[k] = true;
              more.push({ key: k, weight: PREFIX_WEIGHT, entry: shard[k] });
            }
          });
        });
        more.sort(function (a, b) { return a.key.length - b.key.length || (a.key < b.key ? -1 : 1); });
        found = found.concat(more.slice(0, MAX_EXPANSIONS));
      }
      if (found.length || q.cjk) { return self.resolve(found); }
      return self.truncated(q.term).then(function (f) { return self.resolve(f); });
    });
  };

  // A form of a word the site never writes ("economiques" where it has "économie") is in no
  // shard: its longest beginning that is a key stands for it (stems are mostly beginnings of
  // their words), dropping at most MAX_CUT characters and keeping at least MIN_STEM.
  var MAX_CUT = 4;
  var MIN_STEM = 4;
  Index.prototype.truncated = function (term) {
    var self = this;
    var chars = Array.from(term);
    function attempt(cut) {
      if (cut > MAX_CUT || chars.length - cut < MIN_STEM) { return Promise.resolve([]); }
      var candidate = chars.slice(0, chars.length - cut).join("");
      return self.entry(candidate).then(function (entry) {
        if (entry) { return [{ key: candidate, weight: PREFIX_WEIGHT, entry: entry }]; }
        return attempt(cut + 1);
      });
    }
    return attempt(1);
  };

  // Follows the pointers of word entries to their stems: [{key, weight, postings}], and the
  // words to highlight.
  Index.prototype.resolve = function (found) {
    var self = this;
    var byKey = {};
    var words = [];
    var pending = [];
    function add(key, weight, postings) {
      if (!byKey[key] || byKey[key].weight < weight) {
        byKey[key] = { key: key, weight: weight, postings: postings };
      }
    }
    found.forEach(function (f) {
      words.push(f.key);
      // A postings string, or [the key to look up, the word's own postings if any].
      var entry = f.entry;
      if (Array.isArray(entry)) {
        var target = entry[0];
        if (entry.length > 1) { add(f.key, f.weight, entry[1]); }
        pending.push(self.entry(target).then(function (t) {
          if (t) { add(target, f.weight, Array.isArray(t) ? t[1] || "" : t); }
        }));
      } else {
        add(f.key, f.weight, entry);
      }
    });
    return Promise.all(pending).then(function () {
      var keys = Object.keys(byKey).sort();
      return {
        words: words,
        keys: keys.map(function (k) {
          var item = byKey[k];
          if (!self.postings[k]) { self.postings[k] = decodePostings(item.postings); }
          return { key: k, weight: item.weight, postings: self.postings[k] };
        })
      };
    });
  };

  // Searches `text`: {total, ranked: [{doc, score}], highlight}. Every query word must match
  // (when none matches them all, the pages matching most of them are listed instead).
  Index.prototype.search = function (text) {
    var self = this;
    var wanted = queryTerms(text);
    var empty = { total: 0, ranked: [], highlight: { words: [], prefixes: [], cjk: [] } };
    if (!wanted.length) { return Promise.resolve(empty); }
    return this.load().then(function (manifest) {
      // A site without any text has no shard to look in.
      if (!manifest.shards.length) { return null; }
      return Promise.all(wanted.map(function (q) { return self.expand(q); }));
    }).then(function (groups) {
      if (!groups) { return empty; }
      var n = Math.max(1, self.manifest.docs);
      var avg = Math.max(1, self.manifest.length / n);
      // Per query word: doc → {score, positions}.
      var perWord = groups.map(function (group) {
        var docs = new Map();
        group.keys.forEach(function (k) {
          var df = k.postings.length;
          var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          k.postings.forEach(function (p) {
            var tf = TITLE_WEIGHT * p.title + HEADING_WEIGHT * p.heading + p.body;
            var score = k.weight * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * p.length / avg));
            var best = docs.get(p.doc);
            if (!best || best.score < score) { docs.set(p.doc, { score: score, positions: p.positions }); }
          });
        });
        return docs;
      });
      var candidates = new Map();
      perWord.forEach(function (docs, w) {
        docs.forEach(function (hit, doc) {
          var c = candidates.get(doc);
          if (!c) { c = { doc: doc, matched: 0, score: 0, hits: [] }; candidates.set(doc, c); }
          c.matched += 1;
          c.score += hit.score;
          c.hits[w] = hit;
        });
      });
      var all = Array.from(candidates.values());
      var most = all.reduce(function (m, c) { return Math.max(m, c.matched); }, 0);
      var required = all.some(function (c) { return c.matched === wanted.length; }) ? wanted.length : most;
      var ranked = all.filter(function (c) { return c.matched === required; }).map(function (c) {
        return { doc: c.doc, score: c.score * (1 + proximity(c.hits, wanted.length)) };
      });
      ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      var words = [];
      groups.forEach(function (g) {
        var keys = g.keys.map(function (k) { return k.key; });
        words = words.concat(g.words, keys, self.formsOf(keys));
      });
      return {
        total: ranked.length,
        ranked: ranked,
        highlight: {
          words: words,
          prefixes: wanted.filter(function (q) { return q.prefix; }).map(function (q) { return q.term; }),
          cjk: wanted.filter(function (q) { return q.cjk; }).map(function (q) { return q.term; })
        }
      };
    });
  };

  // How close consecutive query words stand in a page: side by side in order lifts it most.
  function proximity(hits, count) {
    var bonus = 0;
    for (var w = 0; w + 1 < count; w++) {
      var a = hits[w];
      var b = hits[w + 1];
      if (!a || !b) { continue; }
      var best = Infinity;
      a.positions.forEach(function (pa) {
        b.positions.forEach(function (pb) {
          var d = pb - pa;
          best = Math.min(best, d > 0 ? d : 2 - d);
        });
      });
      if (best === 1) { bonus += 1; }
      else if (best <= 3) { bonus += 0.5; }
      else if (best <= 8) { bonus += 0.2; }
    }
    return count > 1 ? bonus / (count - 1) : 0;
  }

  // The passage of `text` around its best match, as segments [{text, mark}]: the window of
  // SNIPPET_CHARS holding the most different query words.
  function snippet(text, highlight) {
    text = text || "";
    var words = new Set(highlight.words);
    var matches = [];
    var re = /[\p{L}\p{N}\p{M}]+/gu;
    var m;
    while ((m = re.exec(text)) !== null) {
      var folded = fold(m[0]);
      var hit = words.has(folded) || highlight.prefixes.some(function (p) {
        return p.length > 1 && folded.lastIndexOf(p, 0) === 0;
      });
      if (hit) { matches.push({ start: m.index, end: m.index + m[0].length, word: folded }); }
      if (matches.length > 500) { break; }
    }
    highlight.cjk.forEach(function (run) {
      var from = 0;
      var at;
      while ((at = text.indexOf(run, from)) >= 0 && matches.length < 1000) {
        matches.push({ start: at, end: at + run.length, word: run });
        from = at + run.length;
      }
    });
    matches.sort(function (a, b) { return a.start - b.start; });
    if (!matches.length) {
      var head = text.slice(0, SNIPPET_CHARS);
      return head ? [{ text: head + (text.length > SNIPPET_CHARS ? "…" : ""), mark: false }] : [];
    }
    var best = 0;
    var bestCount = -1;
    for (var i = 0; i < matches.length; i++) {
      var distinct = new Set();
      for (var j = i; j < matches.length && matches[j].end - matches[i].start <= SNIPPET_CHARS; j++) {
        distinct.add(matches[j].word);
      }
      if (distinct.size > bestCount) { bestCount = distinct.size; best = i; }
    }
    var start = Math.max(0, matches[best].start - 40);
    // Start at a word's beginning.
    if (start > 0) {
      var space = text.lastIndexOf(" ", start);
      start = space >= 0 && matches[best].start - space < 60 ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    var segments = [];
    if (start > 0) { segments.push({ text: "…", mark: false }); }
    var at2 = start;
    matches.forEach(function (match) {
      if (match.start < at2 || match.end > end) { return; }
      if (match.start > at2) { segments.push({ text: text.slice(at2, match.start), mark: false }); }
      segments.push({ text: text.slice(match.start, match.end), mark: true });
      at2 = match.end;
    });
    if (at2 < end) { segments.push({ text: text.slice(at2, end), mark: false }); }
    if (end < text.length) { segments.push({ text: "…", mark: false }); }
    return segments;
  }

  // Segments as DOM nodes: text nodes, and <mark> elements holding a text node.
  function renderSnippet(segments, doc) {
    var out = doc.createDocumentFragment();
    segments.forEach(function (s) {
      if (s.mark) {
        var mark = doc.createElement("mark");
        mark.appendChild(doc.createTextNode(s.text));
        out.appendChild(mark);
      } else {
        out.appendChild(doc.createTextNode(s.text));
      }
    });
    return out;
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

  var api = {
    PAGE_SIZE: PAGE_SIZE,
    fold: fold,
    queryTerms: queryTerms,
    decodePostings: decodePostings,
    decode: decode,
    open: function (base, fetchBytes) { return new Index(base, fetchBytes); },
    snippet: snippet,
    renderSnippet: renderSnippet,
    countText: countText
  };
  global.fluentpressSearch = api;

  if (typeof document === "undefined") { return; }
  var root = document.getElementById("search");
  if (!root) { return; }

  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-count");
  var list = document.getElementById("search-results");
  var pager = document.getElementById("search-pages");
  var base = root.getAttribute("data-root");
  var index = api.open(root.getAttribute("data-index"), function (url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.arrayBuffer();
    });
  });
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  var generation = 0;

  function pageUrl(query, page) {
    var p = new URLSearchParams();
    p.set("q", query);
    if (page > 1) { p.set("page", String(page)); }
    return "?" + p.toString();
  }

  function show(query, page, push) {
    var mine = ++generation;
    root.setAttribute("data-state", "loading");
    if (push !== undefined) {
      history[push ? "pushState" : "replaceState"](null, "", query.trim() ? pageUrl(query, page) : location.pathname);
    }
    if (!query.trim()) {
      status.textContent = "";
      list.textContent = "";
      pager.textContent = "";
      root.setAttribute("data-state", "done");
      return Promise.resolve();
    }
    var found;
    return index.search(query).then(function (result) {
      found = result;
      var pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      page = Math.min(Math.max(1, page), pages);
      var shown = result.ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      return Promise.all(shown.map(function (r) { return index.fragment(r.doc); }));
    }).then(function (fragments) {
      if (mine !== generation) { return; }
      status.textContent = countText(index.manifest.results, found.total, query);
      list.textContent = "";
      // Page 2 counts on from 11.
      list.setAttribute("start", String((page - 1) * PAGE_SIZE + 1));
      fragments.forEach(function (f) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = base + f.u;
        link.textContent = f.t;
        item.appendChild(link);
        var segments = snippet(f.x, found.highlight);
        if (!segments.some(function (s) { return s.mark; }) && f.d) {
          segments = [{ text: f.d, mark: false }];
        }
        if (segments.length) {
          var p = document.createElement("p");
          p.className = "search-snippet";
          p.appendChild(renderSnippet(segments, document));
          item.appendChild(p);
        }
        list.appendChild(item);
      });
      renderPager(query, page, Math.ceil(found.total / PAGE_SIZE));
      root.setAttribute("data-state", "done");
    }).catch(function () {
      if (mine === generation) { root.setAttribute("data-state", "failed"); }
    });
  }

  // Page numbers (in the locale's digits) as links that keep the query: results can be shared.
  function renderPager(query, page, pages) {
    pager.textContent = "";
    if (pages < 2) { return; }
    var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    for (var n = 1; n <= pages; n++) {
      if (pages > 9 && n > 2 && n < pages - 1 && Math.abs(n - page) > 2) {
        if (pager.lastChild && pager.lastChild.textContent !== "…") {
          pager.appendChild(document.createTextNode("…"));
        }
        continue;
      }
      var link = document.createElement("a");
      link.href = pageUrl(query, n);
      link.textContent = numbers.format(n);
      link.setAttribute("data-page", String(n));
      if (n === page) { link.setAttribute("aria-current", "page"); }
      pager.appendChild(link);
    }
  }

  pager.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-page]");
    if (!link) { return; }
    event.preventDefault();
    show(input.value, Number(link.getAttribute("data-page")), true);
  });

  // Results while typing: the last word counts by its beginning.
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value, 1, false); }, 150);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show(input.value, 1, true);
  });
  window.addEventListener("popstate", function () {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    show(input.value, Number(p.get("page")) || 1);
  });

  show(input.value, Number(params.get("page")) || 1);
})(typeof globalThis !== "undefined" ? globalThis : this);
