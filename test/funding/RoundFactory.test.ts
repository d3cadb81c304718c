import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  ONE,
  Phase,
  applyAndApprove,
  createRound,
  deployFundingFixture,
  gasOf,
  moveTo,
  signPermit,
} from "../helpers/funding";

/** Two native rounds and one ERC-20 round, each with two approved projects, in donations. */
async function deployCheckoutFixture() {
  const fx = await deployFundingFixture();
  const a = await createRound(fx);
  const b = await createRound(fx);
  const t = await createRound(fx, { token: await fx.token.getAddress() });
  for (const r of [a, b, t]) await applyAndApprove(fx, r, fx.owners.slice(0, 2));
  for (const r of [a, b, t]) await moveTo(r, Phase.Donations);
  return { ...fx, a, b, t };
}

describe("funding/RoundFactory checkout", function () {
  it("donates to projects of several rounds (native and ERC-20) in one transaction, as the caller", async function () {
    const fx = await loadFixture(deployCheckoutFixture);
    const { a, b, t, token, factory } = fx;
    const d = fx.donors[0];
    await token.connect(d).approve(await factory.getAddress(), 3n * ONE);
    const carts = [
      { round: await a.getAddress(), donations: [{ projectId: 1, amount: ONE }], proof: "0x" },
      {
        round: await b.getAddress(),
        donations: [
          { projectId: 1, amount: 2n * ONE },
          { projectId: 2, amount: ONE },
        ],
        proof: "0x",
      },
      { round: await t.getAddress(), donations: [{ projectId: 2, amount: 3n * ONE }], proof: "0x" },
    ];
    const gas = await gasOf(factory.connect(d).checkout(carts, { value: 4n * ONE }));
    console.log(`      gas: checkout of 4 donations over 3 rounds ${gas}`);
    expect(await a.donationOf(1, d.address)).to.equal(ONE);
    expect(await b.donationOf(1, d.address)).to.equal(2n * ONE);
    expect(await b.donationOf(2, d.address)).to.equal(ONE);
    expect(await t.donationOf(2, d.address)).to.equal(3n * ONE);
    expect(await token.balanceOf(await t.getAddress())).to.equal(3n * ONE);
    expect(await token.balanceOf(await factory.getAddress())).to.equal(0n);
    expect(await ethers.provider.getBalance(await factory.getAddress())).to.equal(0n);
    expect(await factory.isRound(await a.getAddress())).to.equal(true);
    expect(await a.factory()).to.equal(await factory.getAddress());
  });

  it("rejects an empty checkout, an unknown round, a wrong value and a short-delivering token", async function () {
    const fx = await loadFixture(deployCheckoutFixture);
    const { a, factory, donors } = fx;
    const d = donors[0];
    const cart = { round: await a.getAddress(), donations: [{ projectId: 1, amount: ONE }], proof: "0x" };
    await expect(factory.connect(d).checkout([])).to.be.revertedWithCustomError(factory, "RoundFactoryEmptyCheckout");
    await expect(factory.connect(d).checkout([{ ...cart, round: d.address }], { value: ONE }))
      .to.be.revertedWithCustomError(factory, "RoundFactoryUnknownRound")
      .withArgs(d.address);
    await expect(factory.connect(d).checkout([cart], { value: ONE - 1n }))
      .to.be.revertedWithCustomError(factory, "RoundFactoryWrongValue")
      .withArgs(ONE - 1n, ONE);
    await expect(factory.connect(d).checkout([cart], { value: ONE + 1n }))
      .to.be.revertedWithCustomError(factory, "RoundFactoryWrongValue")
      .withArgs(ONE + 1n, ONE);
    await expect(a.connect(d).donateFor(d.address, cart.donations, "0x", { value: ONE }))
      .to.be.revertedWithCustomError(a, "RoundNotFactory")
      .withArgs(d.address);
    const fee = await createRound(fx, { token: await fx.feeToken.getAddress() });
    await applyAndApprove(fx, fee, [fx.owners[0]]);
    await moveTo(fee, Phase.Donations);
    await fx.feeToken.connect(d).approve(await factory.getAddress(), ethers.MaxUint256);
    await expect(
      factory
        .connect(d)
        .checkout([{ round: await fee.getAddress(), donations: [{ projectId: 1, amount: 100n }], proof: "0x" }]),
    )
      .to.be.revertedWithCustomError(factory, "RoundFactoryTransferShortfall")
      .withArgs(100n, 99n);
    expect(await a.donationOf(1, d.address)).to.equal(0n);
  });

  it("checks each round's eligibility against the donor, not the factory", async function () {
    const fx = await loadFixture(deployFundingFixture);
    const round = await createRound(fx, {
      eligibility: await fx.membershipEligibility.getAddress(),
      eligibilityConfig: ethers.zeroPadValue(await fx.membership.getAddress(), 32),
    });
    await applyAndApprove(fx, round, [fx.owners[0]]);
    await moveTo(round, Phase.Donations);
    await fx.membership.setMember(await fx.factory.getAddress(), true);
    const d = fx.donors[1];
    const carts = [{ round: await round.getAddress(), donations: [{ projectId: 1, amount: ONE }], proof: "0x" }];
    await expect(fx.factory.connect(d).checkout(carts, { value: ONE }))
      .to.be.revertedWithCustomError(round, "RoundIneligibleDonor")
      .withArgs(d.address);
    await fx.membership.setMember(d.address, true);
    await fx.factory.connect(d).checkout(carts, { value: ONE });
    expect(await round.donationOf(1, d.address)).to.equal(ONE);
  });

  describe("checkoutWithPermits", function () {
    /** Gil's cart: one permit-token donation (round t) and one native donation (round a). */
    async function cartOf(fx: Awaited<ReturnType<typeof deployCheckoutFixture>>) {
      return [
        { round: await fx.a.getAddress(), donations: [{ projectId: 1, amount: ONE }], proof: "0x" },
        {
          round: await fx.t.getAddress(),
          donations: [
            { projectId: 1, amount: 2n * ONE },
            { projectId: 2, amount: ONE },
          ],
          proof: "0x",
        },
      ];
    }

    it("applies the donor's permit for the factory, so a permit-token cart needs no approval transaction", async function () {
      const fx = await loadFixture(deployCheckoutFixture);
      const d = fx.donors[1];
      const factory = await fx.factory.getAddress();
      expect(await fx.token.allowance(d.address, factory)).to.equal(0n);
      const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3600n;
      const sig = await signPermit(fx.token, d, factory, 3n * ONE, deadline);
      const permit = { token: await fx.token.getAddress(), value: 3n * ONE, deadline, ...sig };
      const nonce = await fx.token.nonces(d.address);
      const gas = await gasOf(fx.factory.connect(d).checkoutWithPermits(await cartOf(fx), [permit], { value: ONE }));
      console.log(`      gas: checkout with one permit, 3 donations over 2 rounds ${gas}`);
      expect(await fx.a.donationOf(1, d.address)).to.equal(ONE);
      expect(await fx.t.donationOf(1, d.address)).to.equal(2n * ONE);
      expect(await fx.t.donationOf(2, d.address)).to.equal(ONE);
      expect(await fx.token.nonces(d.address)).to.equal(nonce + 1n, "the permit was used");
      expect(await fx.token.allowance(d.address, factory)).to.equal(0n, "the allowance was spent in full");
      expect(await fx.token.balanceOf(factory)).to.equal(0n);
      expect(await ethers.provider.getBalance(factory)).to.equal(0n);
    });

    it("stands on the allowance in place when the permit was front-run, and refuses when there is none", async function () {
      const fx = await loadFixture(deployCheckoutFixture);
      const d = fx.donors[1];
      const factory = await fx.factory.getAddress();
      const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3600n;
      const sig = await signPermit(fx.token, d, factory, 3n * ONE, deadline);
      const permit = { token: await fx.token.getAddress(), value: 3n * ONE, deadline, ...sig };
      // Someone submits the permit first: it is spent, but the allowance it granted stays.
      await fx.token.connect(fx.donors[2]).permit(d.address, factory, 3n * ONE, deadline, permit.v, permit.r, permit.s);
      await fx.factory.connect(d).checkoutWithPermits(await cartOf(fx), [permit], { value: ONE });
      expect(await fx.t.donationOf(1, d.address)).to.equal(2n * ONE);
      // The same permit again: it fails, no allowance is left, and the token's own error names the shortfall.
      await expect(fx.factory.connect(d).checkoutWithPermits(await cartOf(fx), [permit], { value: ONE }))
        .to.be.revertedWithCustomError(fx.token, "ERC20InsufficientAllowance")
        .withArgs(factory, 0n, 3n * ONE);
      expect(await fx.t.donationOf(1, d.address)).to.equal(2n * ONE, "nothing changed");
      expect(await fx.a.donationOf(1, d.address)).to.equal(ONE, "nothing changed");
    });

    it("works with no permit at all, as `checkout` does", async function () {
      const fx = await loadFixture(deployCheckoutFixture);
      const d = fx.donors[1];
      const carts = [{ round: await fx.b.getAddress(), donations: [{ projectId: 2, amount: ONE }], proof: "0x" }];
      await fx.factory.connect(d).checkoutWithPermits(carts, [], { value: ONE });
      expect(await fx.b.donationOf(2, d.address)).to.equal(ONE);
    });
  });
});
