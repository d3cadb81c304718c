#!/usr/bin/env node
/**
 * `npm test` (and so CI): the checks and every test suite, in parallel lanes. Which folder of test/
 * runs in which lane is written in scripts/test-lanes.json (scripts/coverage-run.ts explains it).
 *
 * From the start, side by side:
 *   - the coverage gate (scripts/coverage-run.ts), the longest lane: the unit, integration and
 *     security tests (the "coverage" folders) against the instrumented build that solidity-coverage
 *     compiles in a folder of its own (.coverage-build), in groups, failing below 100 % of lines or
 *     95 % of branches of contracts/. It needs neither the optimised build nor the TypeChain
 *     bindings (the tests import their types only), so it does not wait for them;
 *   - solhint and the static checks;
 *   - the optimised compile (artifacts/, typechain-types/).
 * Once the optimised compile is done, beside the coverage lane:
 *   - `tsc --noEmit` over the TypeScript of the project;
 *   - the tests that run on the optimised build (the "optimised" folders: the gas regression, the
 *     property tests, the tests of the task library), and every test file that behaves differently
 *     under coverage (it mentions __SOLIDITY_COVERAGE_RUNNING);
 *   - the end-to-end tests in test/e2e, which run the tasks against nodes of their own (free ports,
 *     their own deployment records) on the optimised build, and spend much of their time waiting;
 *   - the wallet app's browser tests (app/test): the app's own dependencies installed when missing
 *     (`npm ci --prefix app`), the app built, then Chromium driving it against a node of its own.
 * So every test file runs once (those that behave differently under coverage, twice). On two cores,
 * running every coverage test a second time against the optimised build would push CI past its
 * budget; `npm run test:unit` does that, and the e2e and gas runs exercise the optimised bytecode of
 * every part.
 * The coverage run streams its output; the others' output follows when each ends.
 * Exits non-zero when any of them fails.
 */
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
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

const lanes = require("./test-lanes.json");
/** Whether test file `f` is in one of `folders` of test/. */
const inFolders = (folders) => (f) => folders.some((d) => f.startsWith(path.join("test", d) + path.sep));

const all = testFiles(path.join(root, "test")).filter((f) => !inFolders(lanes.noTests)(f));
const e2e = all.filter(inFolders(lanes.endToEnd));
const optimised = all.filter(
  (f) =>
    inFolders(lanes.optimised)(f) ||
    (!e2e.includes(f) && fs.readFileSync(path.join(root, f), "utf8").includes("__SOLIDITY_COVERAGE_RUNNING")),
);

/**
 * Where `nice` exists (any Linux), the end-to-end lane runs at a lower priority: it is long, mostly
 * waits on its nodes, and has a budget of minutes per test, so it takes what CPU the coverage lane
 * (the longest) leaves. The short lanes (tsc, the gas tests, whose mocha timeout is ten minutes)
 * keep the normal priority and are done early.
 */
const NICE = ["/usr/bin/nice", "/bin/nice"].find((p) => fs.existsSync(p));

/**
 * Where GNU time exists (Debian and most Linux), each suite's CPU time (user + system, of the suite
 * and every process it started) is printed beside its wall time: on two cores CPU, not wall time,
 * says where CI's minutes go (the lanes share the cores, and CI machines are shared too).
 */
const TIME = ["/usr/bin/time"].find((p) => fs.existsSync(p));
let cpuTotal = 0;
let suites = 0;

/**
 * Runs one suite. `stream` shows its output as it comes; otherwise it is shown when the suite ends.
 * `background` lowers its priority (see NICE).
 */
function run(label, command, args, { stream = false, cwd = root, background = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const cpuFile = TIME && path.join(os.tmpdir(), `cosmolocal-test-cpu-${process.pid}-${suites++}`);
    let [cmd, argv] = background && NICE ? [NICE, ["-n", "10", command, ...args]] : [command, args];
    if (cpuFile) [cmd, argv] = [TIME, ["-f", "%U %S", "-o", cpuFile, cmd, ...argv]];
    const child = spawn(cmd, argv, { cwd, env: process.env });
    let buffered = "";
    const sink = (d) => (stream ? process.stdout.write(d) : (buffered += d.toString()));
    child.stdout.on("data", sink);
    child.stderr.on("data", sink);
    child.on("close", (code) => {
      if (!stream) process.stdout.write(buffered);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      let cpu = "";
      if (cpuFile && fs.existsSync(cpuFile)) {
        // The last line is "user system" (a line before it may say the exit status).
        const [user, system] = fs.readFileSync(cpuFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
        fs.rmSync(cpuFile, { force: true });
        if (user >= 0 && system >= 0) {
          cpuTotal += user + system;
          cpu = `, CPU ${(user + system).toFixed(0)} s`;
        }
      }
      console.log(`\n${label}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds} s${cpu}`);
      resolve(code ?? 1);
    });
  });
}

/** The browser lane: install the app when needed, build it, run its browser tests. */
async function browserLane() {
  const app = path.join(root, "app");
  const started = Date.now();
  if (!fs.existsSync(path.join(app, "node_modules"))) {
    const code = await run("app dependencies (npm ci --prefix app)", "npm", [
      "ci",
      "--no-audit",
      "--no-fund",
      "--prefix",
      app,
    ]);
    if (code !== 0) return code;
  }
  const built = await run("app build", "npm", ["run", "build", "--prefix", app]);
  if (built !== 0) return built;
  const code = await run("browser tests (wallet app)", "npm", ["run", "test:browser"], { cwd: app });
  console.log(`browser lane: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  return code;
}

/** Lint beside the optimised compile, then every lane that needs the optimised build, side by side. */
async function optimisedLanes() {
  const [lint, compiled] = await Promise.all([
    run("solhint and static checks", "npm", ["run", "-s", "lint:sol"]),
    run("compile (optimised)", hardhat, ["compile", "--quiet"]),
  ]);
  if (compiled !== 0) return [lint, compiled];
  const codes = await Promise.all([
    run("tsc --noEmit", path.join(root, "node_modules", ".bin", "tsc"), ["--noEmit"]),
    browserLane(),
    run("optimised-build tests", hardhat, ["test", "--no-compile", ...optimised]),
    run("end-to-end tests", hardhat, ["test", "--no-compile", ...e2e], { background: true }),
  ]);
  return [lint, ...codes];
}

(async () => {
  const started = Date.now();
  const [coverage, others] = await Promise.all([
    run("coverage gate (in-process tests, instrumented)", tsNode, [path.join("scripts", "coverage-run.ts")], {
      stream: true,
    }),
    optimisedLanes(),
  ]);
  const ok = [coverage, ...others].every((c) => c === 0);
  const cpu = TIME ? `, CPU ${cpuTotal.toFixed(0)} s in all` : "";
  console.log(`\nnpm test: ${ok ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s${cpu}`);
  process.exit(ok ? 0 : 1);
})();
