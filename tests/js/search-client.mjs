// Runs fluentpress's search client (the exported site's assets/search.js) under Node against an
// exported index, the way the browser does, and prints what it finds as JSON, one line per query:
//   node search-client.mjs [--decoded] SITE LOCALE QUERY...
// The client gets each index file's bytes as stored (gzip-compressed), or with `--decoded` as a
// host that answers them with `Content-Encoding: gzip` delivers them: already inflated.
// Each line: {query, total, results: [{url, title, snippet: [{text, mark}]}], fetched: [paths],
// nodes: [node kinds the snippet of the first result is built from]}. `fetched` lists the index
// files the query read (relative to the locale's search folder), in order, fresh per query.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { gunzipSync } from "node:zlib";

const args = process.argv.slice(2);
const decoded = args[0] === "--decoded";
const [site, locale, ...queries] = decoded ? args.slice(1) : args;
// What a browser gives the client: Node 20 has the same web APIs.
const context = { Intl, console, URLSearchParams, Blob, Response, DecompressionStream, TextDecoder };
context.globalThis = context;
vm.createContext(context);
vm.runInContext(readFileSync(join(site, "assets", "search.js"), "utf8"), context);
const api = context.fluentpressSearch;
const folder = join(site, locale, "search");

// A document that records what the snippet renderer builds: it has no way to take HTML.
const recordingDocument = {
  createDocumentFragment: () => ({ kind: "fragment", children: [], appendChild(c) { this.children.push(c); } }),
  createElement: (name) => ({ kind: name, children: [], appendChild(c) { this.children.push(c); } }),
  createTextNode: (text) => ({ kind: "#text", text }),
};

for (const query of queries) {
  const fetched = [];
  const index = api.open("", async (path) => {
    fetched.push(path);
    const bytes = readFileSync(join(folder, path));
    return decoded ? gunzipSync(bytes) : bytes;
  });
  const result = await index.search(query);
  const shown = result.ranked.slice(0, api.PAGE_SIZE);
  const results = [];
  for (const r of shown) {
    const f = await index.fragment(r.doc);
    results.push({ url: f.u, title: f.t, snippet: api.snippet(f.x, result.highlight) });
  }
  let nodes = [];
  if (results.length) {
    const built = api.renderSnippet(results[0].snippet, recordingDocument);
    nodes = built.children.map((c) => c.kind === "#text" ? "#text" : `${c.kind}>${c.children.map((g) => g.kind).join(",")}`);
  }
  console.log(JSON.stringify({
    query,
    total: result.total,
    results,
    fetched,
    nodes,
    count: api.countText(index.manifest.results, result.total, query),
  }));
}
