/**
 * A static server for the built app (dist/), the way any static host serves it, plus a
 * deployments.json given on the command line (for a local node). No dependency.
 *
 *   node scripts/serve.mjs [--port 5173] [--deployments file.json]
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Serves `root`; `/deployments.json` comes from `deploymentsFile` when given. Resolves with the server. */
export function serve({ root = path.join(here, "..", "dist"), port = 0, deploymentsFile } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (url.pathname === "/deployments.json" && deploymentsFile) file = deploymentsFile;
    else if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const server = await serve({ port: Number(arg("port", "5173")), deploymentsFile: arg("deployments") });
  console.log(`Cosmolocal app on http://127.0.0.1:${server.address().port}/`);
}
