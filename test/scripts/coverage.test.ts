import path from "node:path";

import { expect } from "chai";

import { GATE, checkCoverage, type Totals } from "../../scripts/coverage-gate";
import { GROUPS, NOT_COVERED, groupGlob, mergeCoverage, summarise, ungroupedFolders } from "../../scripts/coverage-run";

/** One file's istanbul coverage with the given line and branch hits. */
function fileCoverage(file: string, lines: number[], branches: number[][]) {
  const byIndex = <T>(xs: T[]) => Object.fromEntries(xs.map((x, i) => [String(i + 1), x]));
  return { path: file, l: byIndex(lines), s: byIndex(lines), f: {}, b: byIndex(branches) };
}

describe("coverage gate (scripts/coverage-run.ts, scripts/coverage-gate.ts)", function () {
  it("sums the hits of the groups, so a line one group missed counts when another covered it", function () {
    const a = { "A.sol": fileCoverage("A.sol", [1, 0, 0], [[1, 0]]) };
    const b = { "A.sol": fileCoverage("A.sol", [0, 2, 0], [[0, 3]]), "B.sol": fileCoverage("B.sol", [1], []) };
    const merged = mergeCoverage(mergeCoverage({}, a), b);
    expect(merged["A.sol"].l).to.deep.equal({ 1: 1, 2: 2, 3: 0 });
    expect(merged["A.sol"].b).to.deep.equal({ 1: [1, 3] });
    expect(Object.keys(merged)).to.deep.equal(["A.sol", "B.sol"]);
    // The first group's map is copied, not aliased.
    expect(a["A.sol"].l).to.deep.equal({ 1: 1, 2: 0, 3: 0 });

    const summary = summarise(merged);
    expect(summary.total.lines).to.deep.equal({ covered: 3, total: 4, pct: 75 });
    expect(summary.total.branches).to.deep.equal({ covered: 2, total: 2, pct: 100 });
    expect(summary["A.sol"].lines.pct).to.equal(66.66);
  });

  it("fails below 100 % of lines or the branch gate, naming the files; passes at the gate", function () {
    const totals = (lines: number, branches: number): Totals => ({
      lines: { pct: lines, covered: 0, total: 0 },
      branches: { pct: branches, covered: 0, total: 0 },
    });
    expect(checkCoverage({ total: totals(100, GATE.branches), "X.sol": totals(100, GATE.branches) })).to.deep.equal([]);
    const failures = checkCoverage({ total: totals(99.9, 94), [path.resolve("X.sol")]: totals(99.9, 100) });
    expect(failures).to.deep.equal([
      `lines 99.9% < 100%`,
      `branches 94% < ${GATE.branches}%`,
      "  X.sol: lines 99.9%, branches 100%",
    ]);
    expect(checkCoverage({ total: totals(100, 100), "Y.sol": totals(100, GATE.branches - 0.01) })).to.have.length(1);
  });

  it("puts every test folder in a group or leaves it out on purpose", function () {
    expect(ungroupedFolders(path.join(__dirname, ".."))).to.deep.equal([]);
    expect(groupGlob(["funding"])).to.equal("test/funding/**/*.ts");
    expect(groupGlob(["scripts", "security"])).to.equal("test/{scripts,security}/**/*.ts");
    // Each folder in one lane only: its tests run once in `npm test`.
    const lanes = [...GROUPS.flat(), ...NOT_COVERED];
    expect(new Set(lanes).size).to.equal(lanes.length);
  });
});
