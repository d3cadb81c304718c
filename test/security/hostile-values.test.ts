/**
 * Hostile environment, part 3: extreme values in the arithmetic that moves money. A token with an
 * enormous supply lets donors, funders and payers use amounts near 2^256; the quadratic matching
 * sums are 128-bit. Every overflow must revert cleanly with a custom error (never wrap, never
 * over-pay), and a huge matching pool or income must never lock a round or a membrane.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import type { MockERC20 } from "../../typechain-types";
import {
  ONE,
  Phase,
  applyAndApprove,
  createRound,
  deployFundingFixture,
  moveTo,
  moveToOpenClaims,
} from "../helpers/funding";
import { Commercial, DAY, deployLicensingFixture, makeTerms, registerWork } from "../helpers/licensing";

const MAX = ethers.MaxUint256;

/** A round in a 'whale' token (supply near 2^256) with two approved projects and a 20 % cap. */
async function deployWhaleRoundFixture() {
  const fx = await deployFundingFixture();
  const whale = (await ethers.deployContract("MockERC20", ["Whale", "WHL", 0])) as unknown as MockERC20;
  const round = await createRound(fx, { token: await whale.getAddress(), matchCapBps: 2_000 });
  const ids = await applyAndApprove(fx, round, fx.owners.slice(0, 2));
  const roundAddr = await round.getAddress();
  for (const s of [...fx.funders, ...fx.donors.slice(0, 4)]) {
    await whale.mint(s.address, MAX / 8n);
    await whale.connect(s).approve(roundAddr, MAX);
  }
  await moveTo(round, Phase.Donations);
  return { ...fx, whale, round, ids };
}

describe("security: extreme values", function () {
  describe("Round (quadratic matching)", function () {
    it("a donation beyond 128 bits reverts with SafeCast's error, not a panic; nothing is credited", async function () {
      const { round, donors, ids } = await loadFixture(deployWhaleRoundFixture);
      for (const amount of [2n ** 128n, 2n ** 200n, MAX / 8n]) {
        await expect(round.connect(donors[0]).donate(ids[0], amount, "0x"))
          .to.be.revertedWithCustomError(round, "SafeCastOverflowedUintDowncast")
          .withArgs(128, amount);
      }
      expect(await round.donationOf(ids[0], donors[0].address)).to.equal(0n);
      expect((await round.project(ids[0])).sumContributions).to.equal(0n);
    });

    it("a cart whose amounts would overflow their total reverts with a custom error", async function () {
      const { round, donors, ids } = await loadFixture(deployWhaleRoundFixture);
      const huge = MAX / 2n + 1n;
      await expect(
        round.connect(donors[0]).donateMany(
          [
            { projectId: ids[0], amount: huge },
            { projectId: ids[1], amount: huge },
          ],
          "0x",
        ),
      )
        .to.be.revertedWithCustomError(round, "SafeCastOverflowedUintDowncast")
        .withArgs(128, huge);
    });

    it("matching sums that would pass 128 bits revert cleanly; below that, payouts stay within pool plus donations", async function () {
      const { round, donors, ids, funders, owners, whale } = await loadFixture(deployWhaleRoundFixture);
      const big = 2n ** 126n;
      await round.connect(donors[0]).donate(ids[0], big, "0x");
      await round.connect(donors[1]).donate(ids[0], big, "0x");
      // A third donor would make the ideal match 6 * 2^126 > 2^128: refused, not wrapped.
      await expect(round.connect(donors[2]).donate(ids[0], big, "0x")).to.be.revertedWithCustomError(
        round,
        "SafeCastOverflowedUintDowncast",
      );
      expect(await round.totalIdealMatch()).to.equal(2n ** 127n);
      await round.connect(funders[0]).fund(2n ** 120n);
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await moveToOpenClaims(round); // past the owners' claim period: anyone may claim
      const held = await whale.balanceOf(await round.getAddress());
      await round.claim(ids[0]);
      const paid = await whale.balanceOf(owners[0].address);
      expect(paid).to.equal(2n * big + (await round.matchOf(ids[0])));
      expect(paid).to.be.lessThanOrEqual(held);
      expect(await round.matchOf(ids[0])).to.be.lessThanOrEqual(2n ** 120n);
    });

    it("a matching pool near 2^256 with a percentage cap still finalises and pays", async function () {
      const { round, donors, ids, funders, owners, whale } = await loadFixture(deployWhaleRoundFixture);
      await round.connect(funders[0]).fund(MAX / 8n);
      await round.connect(funders[1]).fund(MAX / 8n);
      await round.connect(donors[0]).donate(ids[0], ONE, "0x");
      await round.connect(donors[1]).donate(ids[0], 4n * ONE, "0x");
      await moveTo(round, Phase.Tallying);
      expect(await round.matchOf(ids[0])).to.equal(4n * ONE); // ideal (1 + 2)^2 - 5, far below the cap
      await round.finalize();
      await moveToOpenClaims(round); // past the owners' claim period: anyone may claim
      await round.claim(ids[0]);
      expect(await whale.balanceOf(owners[0].address)).to.equal(9n * ONE);
      for (const f of funders) await round.connect(f).reclaimFunding();
      expect(await whale.balanceOf(await round.getAddress())).to.be.lessThanOrEqual(2n);
    });
  });

  describe("Membrane", function () {
    it("an income near 2^256 is split at the close instead of locking the asset's epochs", async function () {
      const f = await loadFixture(deployLicensingFixture);
      const { membrane, company } = f;
      const whale = (await ethers.deployContract("MockERC20", ["Whale", "WHL", 0])) as unknown as MockERC20;
      const asset = await whale.getAddress();
      await f.token.connect(f.minter).mint(f.alice.address, 1n);
      await whale.mint(company.address, MAX / 2n);
      await whale.connect(company).approve(await membrane.getAddress(), MAX);
      await membrane.connect(company).depositIncome(asset, MAX / 2n);
      await time.increase(DAY);
      await membrane.closeEpoch(asset);
      const e = await membrane.epoch(asset, 1n);
      expect(e.toTreasury).to.equal((MAX / 2n / 10_000n) * 2_000n + (((MAX / 2n) % 10_000n) * 2_000n) / 10_000n);
      expect(e.toTreasury + e.toContributors).to.equal(MAX / 2n);
      await membrane.connect(f.alice).claim(asset, [1n]);
      await membrane.payTreasury(asset);
      expect(await whale.balanceOf(await membrane.getAddress())).to.equal(0n);
    });
  });

  describe("LicenceRegistry", function () {
    it("a revenue near 2^256 yields its exact share instead of a panic", async function () {
      const { registry, membrane, company, steward } = await loadFixture(deployLicensingFixture);
      const whale = (await ethers.deployContract("MockERC20", ["Whale", "WHL", 0])) as unknown as MockERC20;
      const terms = makeTerms({ feeToken: await whale.getAddress(), revenueShareBps: 500 });
      const workId = await registerWork(registry, steward, await membrane.getAddress(), terms);
      await whale.mint(company.address, MAX / 2n);
      await whale.connect(company).approve(await registry.getAddress(), MAX);
      await registry.connect(company).requestLicence(workId, 1n, Commercial, 0n, 500);
      const revenue = MAX / 4n;
      const share = (revenue / 10_000n) * 500n + ((revenue % 10_000n) * 500n) / 10_000n;
      await expect(registry.connect(company).reportRevenue(1n, revenue, "ipfs://report", ethers.ZeroHash))
        .to.emit(registry, "RevenueReported")
        .withArgs(1n, revenue, share, "ipfs://report", ethers.ZeroHash);
      expect(await whale.balanceOf(await membrane.getAddress())).to.equal(share);
    });
  });
});
