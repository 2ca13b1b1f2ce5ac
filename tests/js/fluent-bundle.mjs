// Loads one locale of an exported site the way a client runtime would: messages.json says which
// .ftl resources to load; @fluent/bundle formats them. Prints what it formatted, as JSON, for
// the Rust test that runs this script (tests/cli/export_web_external.rs).
// Usage: node fluent-bundle.mjs <export dir> <locale> <message id> <count>
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource } from "@fluent/bundle";

const [dir, locale, id, count] = process.argv.slice(2);
const base = join(dir, locale);
const manifest = JSON.parse(readFileSync(join(base, "messages.json"), "utf8"));
const bundle = new FluentBundle(locale, { useIsolating: false });
const errors = [];
for (const resource of manifest.resources) {
  const text = readFileSync(join(base, resource), "utf8");
  errors.push(...bundle.addResource(new FluentResource(text)).map(String));
}
const message = bundle.getMessage(id);
const formatted = bundle.formatPattern(message.value, { count: Number(count), query: "q" }, errors);
console.log(JSON.stringify({ formatted, errors, manifest: manifest.messages[id] }));
