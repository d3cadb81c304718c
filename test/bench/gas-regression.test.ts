import { expect } from "chai";
import hre from "hardhat";

import { GasRecorder, readCommittedResults } from "../../bench/lib";
import { OPERATION_GROUPS } from "../../bench/operations";

/**
 * Re-measures the core operations of the gas benchmark and fails when one grows by more than 2%
 * over the committed bench/results.json: a regression must be a deliberate decision, made by
 * running `npm run bench` and committing the new figures.
 */
describe("gas regression check (against bench/results.json)", function () {
  const TOLERANCE = 0.02;

  it("no core operation costs more than 2% above its committed figure", async function () {
    const committed = readCommittedResults();
    expect(committed, "bench/results.json is missing: run npm run bench").to.not.equal(undefined);
    const snapshot = (await hre.network.provider.send("evm_snapshot", [])) as string;
    const rec = new GasRecorder();
    try {
      for (const group of OPERATION_GROUPS.filter((g) => g.core)) await group.measure(hre, rec);
    } finally {
      await hre.network.provider.send("evm_revert", [snapshot]);
    }
    const grown: string[] = [];
    for (const [name, now] of Object.entries(rec.results().operations)) {
      const before = committed!.operations[name];
      if (!before) {
        grown.push(`${name}: measured ${now.gas} but not in bench/results.json (run npm run bench)`);
      } else if (now.gas > before.gas * (1 + TOLERANCE)) {
        grown.push(`${name}: ${before.gas} -> ${now.gas} (+${((now.gas / before.gas - 1) * 100).toFixed(1)}%)`);
      }
    }
    expect(grown, grown.join("\n")).to.deep.equal([]);
  });
});
