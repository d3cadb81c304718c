/** Prints the JavaScript the first screen loads (the entry and its static imports), gzipped. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const files = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const f of files) total += zlib.gzipSync(fs.readFileSync(path.join(dist, f))).length;
console.log(`first screen: ${files.length} JavaScript files, ${(total / 1024).toFixed(1)} kB gzipped`);
