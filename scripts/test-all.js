#!/usr/bin/env node
/**
 * Runs the mocha suites of `npm test` in two Hardhat processes at once: the in-process tests
 * (unit, integration, properties, security, gas regression) and the end-to-end tests in test/e2e,
 * which spend most of their time waiting on task processes and nodes of their own (free ports,
 * their own deployment records). On two cores this halves the wall time of the test run.
 * The in-process run streams its output; the end-to-end run's output follows when it ends.
 * Exits non-zero when either run fails.
 */
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const hardhat = path.join(root, "node_modules", ".bin", "hardhat");

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

function run(label, files, stream) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(hardhat, ["test", "--no-compile", ...files], { cwd: root, env: process.env });
    let buffered = "";
    const sink = (d) => (stream ? process.stdout.write(d) : (buffered += d.toString()));
    child.stdout.on("data", sink);
    child.stderr.on("data", sink);
    child.on("close", (code) => {
      if (!stream) process.stdout.write(buffered);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      console.log(`\n${label}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds} s`);
      resolve(code ?? 1);
    });
  });
}

(async () => {
  const [a, b] = await Promise.all([run("in-process tests", inProcess, true), run("end-to-end tests", e2e, false)]);
  process.exit(a === 0 && b === 0 ? 0 : 1);
})();
