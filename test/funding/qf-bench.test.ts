import { expect } from "chai";
import hre from "hardhat";

import { measureFunding, measureFundingAtScale } from "../../scripts/lib/qf-bench";

describe("scripts/lib/qf-bench (the benchmark's funding operations)", function () {
  it("records every operation; finalisation costs the same after 10 and 300 donations", async function () {
    const gas = new Map<string, number>();
    const rec = { record: (name: string, g: number) => void gas.set(name, g) };
    await measureFunding(hre, rec);
    await measureFundingAtScale(hre, rec, 300);
    for (const name of [
      "qf.donate.erc20.first",
      "qf.donate.erc20.repeat",
      "qf.donate.native.first",
      "qf.donate.native.repeat",
      "qf.donate.cart10",
      "qf.finalize.10",
      "qf.finalize.300",
    ]) {
      expect(gas.get(name), name).to.be.greaterThan(21_000);
    }
    expect(gas.get("qf.donate.erc20.first")).to.be.lessThan(140_000);
    expect(gas.get("qf.finalize.300")).to.equal(gas.get("qf.finalize.10"));
  });
});
