import { loadFixture, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import type { Signer } from "ethers";
import hre, { ethers } from "hardhat";

import type { Round } from "../../typechain-types";
import {
  ONE,
  Phase,
  applyAndApprove,
  createRound,
  deployFundingFixture,
  gasOf,
  moveTo,
  type FundingFixture,
} from "../helpers/funding";

/** Donates `count` donations spread over `projects` from `wallets`, in carts of up to 100. */
async function donateMany(round: Round, wallets: Signer[], projects: bigint[], count: number): Promise<void> {
  const perWallet = Math.ceil(count / wallets.length);
  let left = count;
  for (const w of wallets) {
    const n = Math.min(perWallet, left);
    if (n === 0) break;
    for (let start = 0; start < n; start += 100) {
      const cart = Array.from({ length: Math.min(100, n - start) }, (_, k) => ({
        projectId: projects[(start + k) % projects.length],
        amount: ONE / 100n + BigInt(k),
      }));
      const value = cart.reduce((a, c) => a + c.amount, 0n);
      await round.connect(w).donateMany(cart, "0x", { value });
    }
    left -= n;
  }
}

async function finalizeGas(fx: FundingFixture, wallets: Signer[], donations: number, capBps: number) {
  const round = await createRound(fx, { matchCapBps: capBps });
  const ids = await applyAndApprove(fx, round, fx.owners.slice(0, 3));
  // A small pool, so that in both rounds the ideal matches exceed it (same settlement shape).
  await round.connect(fx.funders[0]).fund(ONE / 1000n, { value: ONE / 1000n });
  await moveTo(round, Phase.Donations);
  await donateMany(round, wallets, ids, donations);
  await moveTo(round, Phase.Tallying);
  return gasOf(round.finalize());
}

describe("funding/Round finalisation gas", function () {
  // Thousands of donations are very slow on instrumented code, whose gas is not the real one either:
  // the coverage run leaves this out (.solcover.js), and npm test runs it on the optimised build.
  before(function () {
    if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING) this.skip();
  });

  it("is the same (within 1 %) for 10 and 2,000 donations across the same projects", async function () {
    this.timeout(0);
    const fx = await loadFixture(deployFundingFixture);
    const wallets = Array.from({ length: 20 }, () => ethers.Wallet.createRandom().connect(ethers.provider));
    for (const w of wallets) await setBalance(w.address, 1000n * ONE);
    // Without a cap finalisation is O(1); with a cap it loops over projects only (500 donations
    // are enough to show it does not depend on them, and keep the test short).
    for (const [capBps, many] of [
      [0, 2000],
      [2000, 500],
    ]) {
      const small = await finalizeGas(fx, wallets.slice(0, 5), 10, capBps);
      const large = await finalizeGas(fx, wallets, many, capBps);
      console.log(
        `      finalize gas (${capBps ? "cap 20 %" : "no cap"}): 10 donations ${small}, ${many.toLocaleString("en-US")} donations ${large}`,
      );
      const diff = small > large ? small - large : large - small;
      expect(diff * 100n).to.be.lessThanOrEqual(small);
    }
  });
});
