/**
 * Hostile environment, part 1: ERC-20s that misbehave the way real ones do (answer `false`, answer
 * nothing like USDT, revert for blocklisted accounts like USDC) and recipients that refuse native
 * currency, against every contract that moves value: the quadratic funding Round, the Membrane and
 * the LicenceRegistry's fee path. The rules checked: a refused transfer reverts the whole call and
 * changes nothing; a token without return values works; one blocked or refusing recipient never
 * blocks anybody else's payout.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { deployClone } from "../../scripts/lib/community";
import type { Membrane, MockQuirkyToken, MockRefusingRecipient } from "../../typechain-types";
import {
  ONE,
  Phase,
  applyAndApprove,
  createRound,
  deployFundingFixture,
  moveTo,
  moveToOpenClaims,
} from "../helpers/funding";
import { Commercial, DAY, NATIVE, deployLicensingFixture, makeTerms, registerWork } from "../helpers/licensing";

const Mode = { Normal: 0, ReturnFalse: 1, NoReturn: 2 } as const;

async function quirkyToken(): Promise<MockQuirkyToken> {
  return (await ethers.deployContract("MockQuirkyToken")) as unknown as MockQuirkyToken;
}

/** A round paid in the quirky token: two approved projects, a 100-token pool, donors approved. */
async function deployQuirkyRoundFixture() {
  const fx = await deployFundingFixture();
  const qrk = await quirkyToken();
  const round = await createRound(fx, { token: await qrk.getAddress() });
  const ids = await applyAndApprove(fx, round, fx.owners.slice(0, 2));
  const roundAddr = await round.getAddress();
  for (const s of [...fx.funders, ...fx.donors.slice(0, 4)]) {
    await qrk.mint(s.address, 1_000n * ONE);
    await qrk.connect(s).approve(roundAddr, ethers.MaxUint256);
  }
  await round.connect(fx.funders[0]).fund(100n * ONE);
  await moveTo(round, Phase.Donations);
  return { ...fx, qrk, round, ids };
}

/** A membrane with income in the quirky token (one closed epoch) and native income. */
async function deployQuirkyMembraneFixture() {
  const f = await deployLicensingFixture();
  const { token, minter, alice, bob, company, membrane } = f;
  await token.connect(minter).mint(alice.address, 1n);
  await token.connect(minter).mint(bob.address, 1n);
  const qrk = await quirkyToken();
  await qrk.mint(company.address, 1_000n);
  await qrk.connect(company).approve(await membrane.getAddress(), ethers.MaxUint256);
  await membrane.connect(company).depositIncome(await qrk.getAddress(), 1_000n);
  await company.sendTransaction({ to: await membrane.getAddress(), value: 1_000n });
  await time.increase(DAY);
  await membrane.closeEpoch(await qrk.getAddress());
  await membrane.closeEpoch(NATIVE);
  return { ...f, qrk };
}

describe("security: hostile tokens and refusing recipients", function () {
  describe("Round", function () {
    it("a token that answers false to transferFrom: funding and donations revert, nothing is credited", async function () {
      const { round, qrk, funders, donors, ids } = await loadFixture(deployQuirkyRoundFixture);
      await qrk.setMode(Mode.ReturnFalse);
      const pool = await round.pool();
      await expect(round.connect(funders[1]).fund(ONE))
        .to.be.revertedWithCustomError(round, "SafeERC20FailedOperation")
        .withArgs(await qrk.getAddress());
      await expect(round.connect(donors[0]).donate(ids[0], ONE, "0x"))
        .to.be.revertedWithCustomError(round, "SafeERC20FailedOperation")
        .withArgs(await qrk.getAddress());
      await expect(round.connect(donors[0]).donateMany([{ projectId: ids[0], amount: ONE }], "0x"))
        .to.be.revertedWithCustomError(round, "SafeERC20FailedOperation")
        .withArgs(await qrk.getAddress());
      expect(await round.pool()).to.equal(pool);
      expect(await round.fundingOf(funders[1].address)).to.equal(0n);
      expect(await round.donationOf(ids[0], donors[0].address)).to.equal(0n);
    });

    it("a token that answers false to transfer: a payout reverts and stays claimable", async function () {
      const { round, qrk, donors, ids, owners } = await loadFixture(deployQuirkyRoundFixture);
      await round.connect(donors[0]).donate(ids[0], ONE, "0x");
      await round.connect(donors[1]).donate(ids[0], ONE, "0x");
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await moveToOpenClaims(round); // past the owners' claim period: anyone may claim
      await qrk.setMode(Mode.ReturnFalse);
      await expect(round.claim(ids[0]))
        .to.be.revertedWithCustomError(round, "SafeERC20FailedOperation")
        .withArgs(await qrk.getAddress());
      expect((await round.project(ids[0])).paid).to.equal(false);
      await qrk.setMode(Mode.Normal);
      const payout = 2n * ONE + (await round.matchOf(ids[0]));
      await round.claim(ids[0]);
      expect(await qrk.balanceOf(owners[0].address)).to.equal(payout);
    });

    it("a USDT-style token without return values: a whole round funds, donates, pays out and returns the rest", async function () {
      const { round, qrk, funders, donors, ids, owners } = await loadFixture(deployQuirkyRoundFixture);
      await qrk.setMode(Mode.NoReturn);
      await round.connect(funders[1]).fund(50n * ONE);
      await round.connect(donors[0]).donate(ids[0], 4n * ONE, "0x");
      await round.connect(donors[1]).donate(ids[0], ONE, "0x");
      await round.connect(donors[2]).donateMany(
        [
          { projectId: ids[0], amount: ONE },
          { projectId: ids[1], amount: ONE },
        ],
        "0x",
      );
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await moveToOpenClaims(round); // past the owners' claim period: anyone may claim
      const roundAddr = await round.getAddress();
      for (const [i, id] of ids.entries()) {
        const due = (await round.project(id)).sumContributions + (await round.matchOf(id));
        await round.claim(id);
        expect(await qrk.balanceOf(owners[i].address)).to.equal(due);
      }
      for (const f of funders) await round.connect(f).reclaimFunding();
      // What is left is the floor dust the contract documents: at most one wei per project and funder.
      expect(await qrk.balanceOf(roundAddr)).to.be.lessThanOrEqual(BigInt(ids.length + funders.length));
    });

    it("a blocklisted recipient cannot be paid, blocks nobody else, and its owner redirects the payout", async function () {
      const { round, qrk, donors, ids, owners } = await loadFixture(deployQuirkyRoundFixture);
      for (const id of ids) {
        await round.connect(donors[0]).donate(id, ONE, "0x");
        await round.connect(donors[1]).donate(id, ONE, "0x");
      }
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await moveToOpenClaims(round); // past the owners' claim period: anyone may claim
      await qrk.setBlocked(owners[0].address, true);
      await expect(round.claim(ids[0])).to.be.revertedWithCustomError(qrk, "MockBlocked").withArgs(owners[0].address);
      const due1 = 2n * ONE + (await round.matchOf(ids[1]));
      await round.claim(ids[1]);
      expect(await qrk.balanceOf(owners[1].address)).to.equal(due1);
      const fresh = ethers.Wallet.createRandom().address;
      await round.connect(owners[0]).updateRecipient(ids[0], fresh);
      await round.claim(ids[0]);
      expect(await qrk.balanceOf(fresh)).to.equal(2n * ONE + (await round.matchOf(ids[0])));
    });

    it("a blocklisted donor of a cancelled round cannot take its refund; other donors and funders can", async function () {
      const { round, qrk, donors, ids, funders, operator } = await loadFixture(deployQuirkyRoundFixture);
      await round.connect(donors[0]).donate(ids[0], ONE, "0x");
      await round.connect(donors[1]).donate(ids[0], 2n * ONE, "0x");
      await round.connect(operator).cancel();
      await qrk.setBlocked(donors[0].address, true);
      await expect(round.connect(donors[0]).refund(ids[0]))
        .to.be.revertedWithCustomError(qrk, "MockBlocked")
        .withArgs(donors[0].address);
      expect(await round.donationOf(ids[0], donors[0].address)).to.equal(ONE);
      const before = await qrk.balanceOf(donors[1].address);
      await round.connect(donors[1]).refund(ids[0]);
      expect(await qrk.balanceOf(donors[1].address)).to.equal(before + 2n * ONE);
      await round.connect(funders[0]).reclaimFunding();
      expect(await round.fundingOf(funders[0].address)).to.equal(0n);
    });
  });

  describe("Membrane", function () {
    it("a token that answers false: claims and the treasury payment revert and stay owed", async function () {
      const { membrane, qrk, alice, company } = await loadFixture(deployQuirkyMembraneFixture);
      const asset = await qrk.getAddress();
      await qrk.setMode(Mode.ReturnFalse);
      await expect(membrane.connect(alice).claim(asset, [1n]))
        .to.be.revertedWithCustomError(membrane, "SafeERC20FailedOperation")
        .withArgs(asset);
      await expect(membrane.payTreasury(asset))
        .to.be.revertedWithCustomError(membrane, "SafeERC20FailedOperation")
        .withArgs(asset);
      await expect(membrane.connect(company).depositIncome(asset, 1n))
        .to.be.revertedWithCustomError(membrane, "SafeERC20FailedOperation")
        .withArgs(asset);
      expect(await membrane.claimable(asset, 1n, alice.address)).to.equal(400n);
      expect(await membrane.treasuryOwed(asset)).to.equal(200n);
      expect(await membrane.accounted(asset)).to.equal(1_000n);
    });

    it("a USDT-style token: deposits, claims and the treasury payment work and add up", async function () {
      const { membrane, qrk, alice, bob, company, governance } = await loadFixture(deployQuirkyMembraneFixture);
      const asset = await qrk.getAddress();
      await qrk.setMode(Mode.NoReturn);
      await qrk.mint(company.address, 10n);
      await membrane.connect(company).depositIncome(asset, 10n);
      await membrane.connect(alice).claim(asset, [1n]);
      await membrane.connect(bob).claim(asset, [1n]);
      await membrane.payTreasury(asset);
      expect(await qrk.balanceOf(alice.address)).to.equal(400n);
      expect(await qrk.balanceOf(bob.address)).to.equal(400n);
      expect(await qrk.balanceOf(governance.address)).to.equal(200n);
      expect(await qrk.balanceOf(await membrane.getAddress())).to.equal(await membrane.accounted(asset));
    });

    it("a blocklisted contributor or treasury blocks only itself", async function () {
      const { membrane, qrk, alice, bob, governance } = await loadFixture(deployQuirkyMembraneFixture);
      const asset = await qrk.getAddress();
      await qrk.setBlocked(alice.address, true);
      await qrk.setBlocked(governance.address, true);
      await expect(membrane.connect(alice).claim(asset, [1n]))
        .to.be.revertedWithCustomError(qrk, "MockBlocked")
        .withArgs(alice.address);
      await expect(membrane.payTreasury(asset))
        .to.be.revertedWithCustomError(qrk, "MockBlocked")
        .withArgs(governance.address);
      await membrane.connect(bob).claim(asset, [1n]);
      expect(await qrk.balanceOf(bob.address)).to.equal(400n);
      expect(await membrane.claimable(asset, 1n, alice.address)).to.equal(400n);
      expect(await membrane.treasuryOwed(asset)).to.equal(200n);
    });

    it("a contributor or a treasury that refuses native currency blocks only itself", async function () {
      const f = await loadFixture(deployQuirkyMembraneFixture);
      const { membrane, token, minter, bob, governance } = f;
      const refusing = (await ethers.deployContract("MockRefusingRecipient")) as unknown as MockRefusingRecipient;
      const r = await refusing.getAddress();
      // A second epoch in which the refusing contract holds half the tokens.
      await token.connect(minter).mint(r, 2n);
      await governance.sendTransaction({ to: await membrane.getAddress(), value: 1_000n });
      await time.increase(DAY);
      await membrane.closeEpoch(NATIVE);
      await expect(
        ethers.provider.call({
          from: r,
          to: await membrane.getAddress(),
          data: membrane.interface.encodeFunctionData("claim", [NATIVE, [2n]]),
        }),
      ).to.be.revertedWithCustomError(membrane, "MembraneNativeTransferFailed");
      await expect(membrane.connect(bob).claim(NATIVE, [1n, 2n])).to.changeEtherBalance(bob, 400n + 200n);
      expect(await membrane.claimable(NATIVE, 2n, r)).to.equal(400n);

      // A membrane whose treasury refuses native currency: the treasury's debt stays, claims go on.
      const m2 = (await ethers.getContractAt(
        "Membrane",
        await deployClone(governance, await f.membraneImpl.getAddress()),
      )) as unknown as Membrane;
      await m2.initialize(await token.getAddress(), r, governance.address, 5_000);
      await governance.sendTransaction({ to: await m2.getAddress(), value: 1_000n });
      await time.increase(DAY);
      await m2.closeEpoch(NATIVE);
      await expect(m2.payTreasury(NATIVE))
        .to.be.revertedWithCustomError(m2, "MembraneNativeTransferFailed")
        .withArgs(r, 500n);
      const bobShare = await m2.claimable(NATIVE, 1n, bob.address);
      expect(bobShare).to.be.greaterThan(0n);
      await expect(m2.connect(bob).claim(NATIVE, [1n])).to.changeEtherBalance(bob, bobShare);
      expect(await m2.treasuryOwed(NATIVE)).to.equal(500n);
    });
  });

  describe("LicenceRegistry fee path", function () {
    it("a fee token that answers false: the licence is not granted and no fee is recorded", async function () {
      const { registry, membrane, company, steward } = await loadFixture(deployLicensingFixture);
      const qrk = await quirkyToken();
      const terms = makeTerms({ feeToken: await qrk.getAddress(), feePerPeriod: 100n });
      const workId = await registerWork(registry, steward, await membrane.getAddress(), terms);
      await qrk.mint(company.address, 1_000n);
      await qrk.connect(company).approve(await registry.getAddress(), ethers.MaxUint256);
      await qrk.setMode(Mode.ReturnFalse);
      await expect(registry.connect(company).requestLicence(workId, 1n, Commercial, 100n, 0))
        .to.be.revertedWithCustomError(registry, "SafeERC20FailedOperation")
        .withArgs(await qrk.getAddress());
      expect(await registry.licenceOf(workId, company.address)).to.equal(0n);
      expect(await registry.counts()).to.deep.equal([1n, 0n]);
    });

    it("a USDT-style fee token: the fee arrives in the membrane, is accounted, and nothing stays in the registry", async function () {
      const { registry, membrane, company, steward } = await loadFixture(deployLicensingFixture);
      const qrk = await quirkyToken();
      const asset = await qrk.getAddress();
      const workId = await registerWork(
        registry,
        steward,
        await membrane.getAddress(),
        makeTerms({ feeToken: asset, feePerPeriod: 100n }),
      );
      await qrk.mint(company.address, 1_000n);
      await qrk.connect(company).approve(await registry.getAddress(), ethers.MaxUint256);
      await qrk.setMode(Mode.NoReturn);
      await registry.connect(company).requestLicence(workId, 1n, Commercial, 100n, 0);
      expect(await registry.isLicensed(workId, company.address)).to.equal(true);
      expect(await qrk.balanceOf(await membrane.getAddress())).to.equal(100n);
      expect(await membrane.accounted(asset)).to.equal(100n);
      expect(await qrk.balanceOf(await registry.getAddress())).to.equal(0n);
    });

    it("a blocklisted beneficiary blocks only its own work's fees", async function () {
      const { registry, membrane, company, steward, alice } = await loadFixture(deployLicensingFixture);
      const qrk = await quirkyToken();
      const asset = await qrk.getAddress();
      const terms = makeTerms({ feeToken: asset, feePerPeriod: 100n });
      const blockedWork = await registerWork(registry, steward, alice.address, terms, "Blocked work");
      const openWork = await registerWork(registry, steward, await membrane.getAddress(), terms, "Open work");
      await qrk.mint(company.address, 1_000n);
      await qrk.connect(company).approve(await registry.getAddress(), ethers.MaxUint256);
      await qrk.setBlocked(alice.address, true);
      await expect(registry.connect(company).requestLicence(blockedWork, 1n, Commercial, 100n, 0))
        .to.be.revertedWithCustomError(qrk, "MockBlocked")
        .withArgs(alice.address);
      await registry.connect(company).requestLicence(openWork, 1n, Commercial, 100n, 0);
      expect(await registry.isLicensed(openWork, company.address)).to.equal(true);
      expect(await registry.isLicensed(blockedWork, company.address)).to.equal(false);
    });
  });
});
