/**
 * Runs `hardhat coverage` over groups of test files, one process per group, merges what each
 * group covered, writes coverage/coverage-summary.json for the whole suite and applies the gate
 * (scripts/coverage-gate.ts).
 *
 * Why groups: in one long `hardhat coverage` process (Hardhat 2.29 with EDR, solidity-coverage
 * 0.8.17) hits stop being recorded part-way through the suite: every test still passes, but the
 * contracts exercised only by later test files show 0-35 % coverage, although the same files run
 * alone (or in smaller groups) cover them fully. Splitting the run keeps each process short
 * enough; merging sums the hit counts, so the figures are those of the whole suite.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { reportGate, type Totals } from "./coverage-gate";
import lanes from "./test-lanes.json";

/** Where the instrumented contracts are compiled, away from the optimised artifacts. */
export const COVERAGE_BUILD_DIR = ".coverage-build";

/**
 * Which folder of test/ runs in which lane of `npm test` (scripts/test-all.js reads the same file):
 *   - coverage: in groups, one coverage process per group, against the instrumented build;
 *   - optimised: against the optimised build, not under coverage. The gas tests compare the
 *     optimised build's gas with the committed figures; the property tests (invariants) and the
 *     tests of the task library (scripts) are meant to reach no line or branch of contracts/ that
 *     the coverage folders miss (the gate says so when it is not true any more), and under
 *     instrumentation, where every EVM step is handed to solidity-coverage, they were among the
 *     slowest groups (the property tests hit their mocha timeouts on a loaded two-core machine);
 *   - endToEnd: tasks run as processes against nodes of their own, which coverage does not see;
 *   - noTests: helpers.
 */
export const LANES: { coverage: string[][]; optimised: string[]; endToEnd: string[]; noTests: string[] } = lanes;

/** Folders of test/ whose tests run under coverage, in groups: one coverage process per group. */
export const GROUPS = LANES.coverage;

/** Folders of test/ left out of coverage (see LANES). */
export const NOT_COVERED = [...LANES.optimised, ...LANES.endToEnd, ...LANES.noTests];

/** The glob `hardhat coverage --testfiles` takes for a group. */
export function groupGlob(group: string[]): string {
  return group.length === 1 ? `test/${group[0]}/**/*.ts` : `test/{${group.join(",")}}/**/*.ts`;
}

/** Folders of `testDir` that are in no group and not deliberately left out (must be none). */
export function ungroupedFolders(testDir: string): string[] {
  const grouped = new Set([...GROUPS.flat(), ...NOT_COVERED]);
  return fs
    .readdirSync(testDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !grouped.has(e.name))
    .map((e) => e.name)
    .sort();
}

interface FileCoverage {
  path: string;
  l: Record<string, number>;
  s: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
  [key: string]: unknown;
}

type CoverageMap = Record<string, FileCoverage>;

/** Adds the hits of `next` to `into` (same instrumentation: same keys). */
export function mergeCoverage(into: CoverageMap, next: CoverageMap): CoverageMap {
  for (const [file, cov] of Object.entries(next)) {
    const acc = into[file];
    if (!acc) {
      into[file] = JSON.parse(JSON.stringify(cov)) as FileCoverage;
      continue;
    }
    for (const k of ["l", "s", "f"] as const) {
      for (const [id, n] of Object.entries(cov[k])) acc[k][id] = (acc[k][id] ?? 0) + n;
    }
    for (const [id, counts] of Object.entries(cov.b)) {
      acc.b[id] = counts.map((n, i) => (acc.b[id]?.[i] ?? 0) + n);
    }
  }
  return into;
}

function pct(covered: number, total: number): number {
  return total === 0 ? 100 : Math.floor((covered / total) * 10_000) / 100;
}

/** The json-summary of a coverage map (lines and branches, per file and in total). */
export function summarise(map: CoverageMap): Record<string, Totals> {
  const summary: Record<string, Totals> = {};
  let lines = [0, 0];
  let branches = [0, 0];
  for (const [file, cov] of Object.entries(map)) {
    const l = Object.values(cov.l);
    const b = Object.values(cov.b).flat();
    const fl = [l.filter((n) => n > 0).length, l.length];
    const fb = [b.filter((n) => n > 0).length, b.length];
    summary[file] = {
      lines: { covered: fl[0], total: fl[1], pct: pct(fl[0], fl[1]) },
      branches: { covered: fb[0], total: fb[1], pct: pct(fb[0], fb[1]) },
    };
    lines = [lines[0] + fl[0], lines[1] + fl[1]];
    branches = [branches[0] + fb[0], branches[1] + fb[1]];
  }
  return {
    total: {
      lines: { covered: lines[0], total: lines[1], pct: pct(lines[0], lines[1]) },
      branches: { covered: branches[0], total: branches[1], pct: pct(branches[0], branches[1]) },
    },
    ...summary,
  };
}

if (require.main === module) {
  const root = path.join(__dirname, "..");
  const ungrouped = ungroupedFolders(path.join(root, "test"));
  if (ungrouped.length) {
    console.error(`test folders in no coverage group (add them to a lane in scripts/test-lanes.json): ${ungrouped}`);
    process.exit(1);
  }
  // solidity-coverage numbers its probes with one counter across all files, so a file's
  // instrumented code depends on every file instrumented before it; Hardhat's compile cache only
  // looks at the original sources. An instrumented build left by an earlier run of other sources
  // would be reused in part, with probes whose numbers no longer match, and their hits would be
  // lost. The first group compiles afresh; the others reuse its build (same sources, same numbers).
  fs.rmSync(path.join(root, COVERAGE_BUILD_DIR), { recursive: true, force: true });
  let merged: CoverageMap = {};
  for (const group of GROUPS.map(groupGlob)) {
    console.log(`coverage: ${group}`);
    const r = spawnSync("npx", ["hardhat", "coverage", "--testfiles", group], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? "--max-old-space-size=4096",
        // Instrumented artifacts go to a folder of their own (see hardhat.config.ts).
        COSMO_COVERAGE_BUILD_DIR: COVERAGE_BUILD_DIR,
      },
    });
    if (r.status !== 0) {
      console.error(`coverage of ${group} failed (exit ${r.status})`);
      process.exit(1);
    }
    merged = mergeCoverage(
      merged,
      JSON.parse(fs.readFileSync(path.join(root, "coverage.json"), "utf8")) as CoverageMap,
    );
  }
  const summary = summarise(merged);
  fs.mkdirSync(path.join(root, "coverage"), { recursive: true });
  fs.writeFileSync(path.join(root, "coverage", "coverage-merged.json"), JSON.stringify(merged));
  fs.writeFileSync(path.join(root, "coverage", "coverage-summary.json"), JSON.stringify(summary, null, 2));
  for (const [file, s] of Object.entries(summary)) {
    if (file !== "total") console.log(`  ${file}: lines ${s.lines.pct}%, branches ${s.branches.pct}%`);
  }
  if (!reportGate(summary, "contracts/ (all groups)")) process.exit(1);
}
