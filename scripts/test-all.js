#!/usr/bin/env node
/**
 * Runs the test suites of `npm test` (and so of CI) in three processes at once:
 *   - the in-process tests (unit, integration, properties, security, gas regression) against the
 *     optimised build;
 *   - the coverage gate (scripts/coverage-run.ts): the same in-process tests again, against the
 *     instrumented build solidity-coverage makes in its own folders, failing below 100 % of lines or
 *     95 % of branches of contracts/;
 *   - the end-to-end tests in test/e2e, which spend most of their time waiting on task processes and
 *     nodes of their own (free ports, their own deployment records).
 * The in-process run streams its output; the others' output follows when each ends.
 * Exits non-zero when any of them fails.
 */
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const hardhat = path.join(root, "node_modules", ".bin", "hardhat");
const tsNode = path.join(root, "node_modules", ".bin", "ts-node");

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return p.endsWith(".ts") ? [path.relative(root, p)] : [];
  });
}

const all = testFiles(path.join(root, "test")).filter((f) => !f.startsWith(path.join("test", "helpers")));
const e2e = all.filter((f) => f.startsWith(path.join("test", "e2e")));
const inProcess = all.filter((f) => !e2e.includes(f));

/**
 * Runs one suite. `stream` shows its output as it comes; otherwise it is shown when the suite ends,
 * cut to what follows `summaryFrom` (when given) if the suite passed.
 */
function run(label, command, args, { stream = false, summaryFrom } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, env: process.env });
    let buffered = "";
    const sink = (d) => (stream ? process.stdout.write(d) : (buffered += d.toString()));
    child.stdout.on("data", sink);
    child.stderr.on("data", sink);
    child.on("close", (code) => {
      if (!stream) {
        const at = summaryFrom && code === 0 ? buffered.lastIndexOf(summaryFrom) : -1;
        process.stdout.write(at >= 0 ? buffered.slice(at) : buffered);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      console.log(`\n${label}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds} s`);
      resolve(code ?? 1);
    });
  });
}

(async () => {
  const codes = await Promise.all([
    run("in-process tests", hardhat, ["test", "--no-compile", ...inProcess], { stream: true }),
    run("coverage gate", tsNode, [path.join("scripts", "coverage-run.ts")], { summaryFrom: "coverage of contracts/" }),
    run("end-to-end tests", hardhat, ["test", "--no-compile", ...e2e]),
  ]);
  process.exit(codes.every((c) => c === 0) ? 0 : 1);
})();
