#!/usr/bin/env node
// Mutation testing of the money-moving contracts with SuMo: `npm run test:mutation`.
//
//   MUTATE=Round,Membrane OPS="BOR CSC MOD" npm run test:mutation   # some targets, some operators
//   MUTANT_SAMPLE=1 npm run test:mutation                            # every mutant (days on 2 cores)
//   MUTANT_HASHES="m0a1b2c3d m..." MUTATE=Round npm run test:mutation  # re-test chosen mutants
//   node scripts/mutation.js preflight                               # count the mutants, test nothing
//
// Each target of sumo-config.js (a contract and the test files that exercise it) is run by its own
// SuMo process, so a mutant of one contract is tested only with that contract's tests. SuMo
// mutates contracts/ in place: this script refuses to start on uncommitted changes there, keeps a
// copy, and puts it back (and checks it is back) however the run ends. Results of each target are
// kept in .sumo/runs/<target>/ (results.csv, report.txt) and summed up in .sumo/runs/summary.md.
const { spawnSync, spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const sumoBin = require.resolve("@morenabarboni/sumo/index.js");
const sumoDir = path.join(root, ".sumo");
const runsDir = path.join(sumoDir, "runs");
const pristineDir = path.join(sumoDir, "pristine-contracts");

/** Operators that matter where money moves (see docs/mutation.md for the reasons). */
const DEFAULT_OPS = "MOD BOR CSC AOR UORD ILR RSD ETR";
/** Share of the non-MOD mutants tested (scripts/mutation-preload.js): all of them take days here. */
const DEFAULT_SAMPLE = "0.02";

// SuMo finds the project through app-root-path, which would otherwise resolve the symlinked
// node_modules to another checkout: pin it to this one.
const env = { ...process.env, APP_ROOT_PATH: root };
delete env.REPORT_GAS;
env.MUTANT_SAMPLE ??= DEFAULT_SAMPLE;

const { TARGETS } = require(path.join(root, "sumo-config.js"));
const targets = (process.env.MUTATE ?? Object.keys(TARGETS).join(","))
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const command = process.argv[2] ?? "test";
if (!["test", "preflight"].includes(command)) fail(`unknown command "${command}" (test or preflight)`);

function fail(message) {
  console.error(`mutation: ${message}`);
  process.exit(1);
}

function sumo(args, extraEnv = {}) {
  return spawnSync(process.execPath, ["-r", path.join(__dirname, "mutation-preload.js"), sumoBin, ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: "inherit",
  });
}

function copyDir(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

/** Files that differ between two trees (relative paths), both ways. */
function differences(a, b, rel = "") {
  const out = [];
  const names = new Set([
    ...(fs.existsSync(path.join(a, rel)) ? fs.readdirSync(path.join(a, rel)) : []),
    ...(fs.existsSync(path.join(b, rel)) ? fs.readdirSync(path.join(b, rel)) : []),
  ]);
  for (const n of names) {
    const r = path.join(rel, n);
    const pa = path.join(a, r);
    const pb = path.join(b, r);
    if (fs.existsSync(pa) && fs.statSync(pa).isDirectory()) out.push(...differences(a, b, r));
    else if (!fs.existsSync(pa) || !fs.existsSync(pb) || !fs.readFileSync(pa).equals(fs.readFileSync(pb))) out.push(r);
  }
  return out;
}

function restoreContracts() {
  if (!fs.existsSync(pristineDir)) return;
  const contracts = path.join(root, "contracts");
  const changed = differences(pristineDir, contracts);
  if (changed.length > 0) {
    console.error(`mutation: restoring ${changed.join(", ")}`);
    for (const r of changed) {
      const from = path.join(pristineDir, r);
      if (fs.existsSync(from)) fs.copyFileSync(from, path.join(contracts, r));
      else fs.rmSync(path.join(contracts, r), { force: true });
    }
  }
  if (differences(pristineDir, contracts).length > 0) fail("contracts/ could not be restored: check git status");
}

/** Parses SuMo's results.csv ('$'-separated, one mutant a line). */
function readResults(file) {
  if (!fs.existsSync(file)) return [];
  const [header, ...rows] = fs.readFileSync(file, "utf8").trim().split("\n");
  const cols = header.replace(/;\s*$/, "").split("$");
  return rows.map((line) => {
    const v = line.replace(/;\s*$/, "").split("$");
    return Object.fromEntries(cols.map((c, i) => [c.trim(), (v[i] ?? "").trim()]));
  });
}

function summarise(results) {
  if (command === "preflight") {
    return results
      .map(({ target, rows }) => {
        const byOp = {};
        for (const r of rows) byOp[r.Operator] = (byOp[r.Operator] ?? 0) + 1;
        return `${target}: ${rows.length} mutants (${Object.entries(byOp)
          .map(([o, n]) => `${o} ${n}`)
          .join(", ")})`;
      })
      .join("\n");
  }
  const lines = [
    "| target | mutants | killed | live | stillborn | timed out | score | minutes |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const live = [];
  for (const { target, rows, minutes } of results) {
    const count = (s) => rows.filter((r) => r.Status === s).length;
    const valid = count("killed") + count("live") + count("timedout");
    const score = valid ? `${((100 * (count("killed") + count("timedout"))) / valid).toFixed(1)}%` : "-";
    lines.push(
      `| ${target} | ${rows.length} | ${count("killed")} | ${count("live")} | ${count("stillborn")} | ${count("timedout")} | ${score} | ${minutes} |`,
    );
    for (const r of rows.filter((x) => x.Status === "live"))
      live.push(`- ${target} ${r.Hash} ${r.Operator} line ${r.StartLine}: \`${r.Original}\` -> \`${r.Replacement}\``);
  }
  return [...lines, "", `Operators: ${ops}`, "", "Live mutants:", ...(live.length ? live : ["(none)"]), ""].join("\n");
}

const ops = (process.env.OPS ?? DEFAULT_OPS).trim();
for (const t of targets) if (!TARGETS[t]) fail(`unknown target "${t}" (known: ${Object.keys(TARGETS).join(", ")})`);

const dirty = spawnSync("git", ["status", "--porcelain", "--", "contracts"], { cwd: root, encoding: "utf8" });
if (dirty.status !== 0 || dirty.stdout.trim() !== "")
  fail(`contracts/ has uncommitted changes (SuMo mutates it in place; commit or stash first):\n${dirty.stdout}`);

fs.mkdirSync(path.join(sumoDir, "build"), { recursive: true });
copyDir(path.join(root, "contracts"), pristineDir);
let child = null;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    if (child) child.kill("SIGTERM");
    restoreContracts();
    process.exit(130);
  });
}

async function main() {
  if (sumo(["disable"]).status !== 0 || sumo(["enable", ...ops.split(/\s+/)]).status !== 0)
    fail("cannot choose operators");
  if (spawnSync("npx", ["hardhat", "compile", "--quiet"], { cwd: root, env, stdio: "inherit" }).status !== 0)
    fail("compile failed");
  const results = [];
  for (const target of targets) {
    const started = Date.now();
    console.log(`\n=== ${command} ${target} (${TARGETS[target].contract}) with ${ops}`);
    const status = await new Promise((resolve) => {
      child = spawn(process.execPath, ["-r", path.join(__dirname, "mutation-preload.js"), sumoBin, command], {
        cwd: root,
        env: { ...env, MUTATE: target },
        stdio: "inherit",
      });
      child.on("exit", (code) => resolve(code));
    });
    child = null;
    restoreContracts();
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    const out = path.join(runsDir, target);
    copyDir(path.join(sumoDir, "results"), out);
    const file = command === "test" ? "results.csv" : "generated.csv";
    results.push({ target, rows: readResults(path.join(out, file)), minutes });
    if (status !== 0) console.error(`mutation: SuMo exited with ${status} on ${target}`);
  }
  const summary = summarise(results);
  fs.writeFileSync(path.join(runsDir, `summary-${command}.md`), summary);
  console.log(`\n${summary}`);
  // The last mutant's artifacts are still in artifacts/: rebuild the real contracts.
  spawnSync("npx", ["hardhat", "compile", "--quiet"], { cwd: root, env, stdio: "inherit" });
  restoreContracts();
}

main().catch((e) => {
  restoreContracts();
  fail(e.stack ?? String(e));
});
