/**
 * Fails (exit 1) when the coverage of contracts/ (mocks and benchmark references excluded by
 * .solcover.js) is below the gate: 100% of lines, 95% of branches. Reads the json-summary that
 * `hardhat coverage` writes to coverage/coverage-summary.json.
 */
import fs from "node:fs";
import path from "node:path";

export interface Totals {
  lines: { pct: number; covered: number; total: number };
  branches: { pct: number; covered: number; total: number };
}

export const GATE = { lines: 100, branches: 95 };

export function checkCoverage(summary: Record<string, Totals>): string[] {
  const failures: string[] = [];
  const total = summary.total;
  if (total.lines.pct < GATE.lines) failures.push(`lines ${total.lines.pct}% < ${GATE.lines}%`);
  if (total.branches.pct < GATE.branches) failures.push(`branches ${total.branches.pct}% < ${GATE.branches}%`);
  for (const [file, t] of Object.entries(summary)) {
    if (file === "total") continue;
    if (t.lines.pct < 100 || t.branches.pct < GATE.branches) {
      failures.push(`  ${path.relative(process.cwd(), file)}: lines ${t.lines.pct}%, branches ${t.branches.pct}%`);
    }
  }
  return failures;
}

/** Prints the totals and any failures of `summary`; returns whether it passes the gate. */
export function reportGate(summary: Record<string, Totals>, scope = "contracts/"): boolean {
  const failures = checkCoverage(summary);
  const t = summary.total;
  console.log(
    `coverage of ${scope}: lines ${t.lines.pct}% (${t.lines.covered}/${t.lines.total}), ` +
      `branches ${t.branches.pct}% (${t.branches.covered}/${t.branches.total})`,
  );
  if (failures.length) {
    console.error(
      `coverage gate failed (lines >= ${GATE.lines}%, branches >= ${GATE.branches}%):\n${failures.join("\n")}`,
    );
    return false;
  }
  console.log("coverage gate passed");
  return true;
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "coverage", "coverage-summary.json");
  if (!fs.existsSync(file)) {
    console.error("coverage/coverage-summary.json is missing: run `npm run coverage` first");
    process.exit(1);
  }
  if (!reportGate(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Totals>)) process.exit(1);
}
