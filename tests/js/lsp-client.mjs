// A third-party LSP client (vscode-jsonrpc, the JSON-RPC layer of VS Code's language client)
// driving `fluentpress lsp`: handshake, a translation opened, its diagnostics, a hover, shutdown.
// Usage: node lsp-client.mjs BINARY PROJECT_DIR FILE; prints what it saw as JSON.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";

const [binary, root, file] = process.argv.slice(2);
const server = spawn(binary, ["lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
const connection = createMessageConnection(
  new StreamMessageReader(server.stdout),
  new StreamMessageWriter(server.stdin),
);
const uri = pathToFileURL(file).href;
const published = new Promise((resolve) => {
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    if (params.uri === uri) resolve(params.diagnostics);
  });
});
connection.listen();
const timer = setTimeout(() => { console.error("timed out"); process.exit(3); }, 30000);

const init = await connection.sendRequest("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(root).href,
  capabilities: {},
  workspaceFolders: [{ uri: pathToFileURL(root).href, name: "project" }],
});
await connection.sendNotification("initialized", {});
await connection.sendNotification("textDocument/didOpen", {
  textDocument: { uri, languageId: "fluent", version: 1, text: readFileSync(file, "utf8") },
});
const diagnostics = await published;
const hover = await connection.sendRequest("textDocument/hover", {
  textDocument: { uri },
  position: { line: 1, character: 1 },
});
await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
const code = await new Promise((resolve) => server.on("exit", resolve));
clearTimeout(timer);
connection.dispose();
console.log(JSON.stringify({ server: init.serverInfo, diagnostics, hover, code }));
