/**
 * Regression tests for the hardening of quadratic funding rounds (issue 14, items 11 to 15): each
 * test is named after the property it protects.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  ONE,
  Phase,
  Status,
  TALLY_WINDOW,
  applyAndApprove,
  createRound,
  deployFundingFixture,
  moveTo,
  moveToOpenClaims,
  moveToTallyWindow,
} from "../helpers/funding";

/** A native round with two approved projects, a 10-coin pool and two donations to project 1, as donations close. */
async function deployTallyingRoundFixture() {
  const fx = await deployFundingFixture();
  const round = await createRound(fx);
  const ids = await applyAndApprove(fx, round, fx.owners.slice(0, 2));
  await round.connect(fx.funders[0]).fund(10n * ONE, { value: 10n * ONE });
  await moveTo(round, Phase.Donations);
  await round.connect(fx.donors[0]).donate(1, ONE, "0x", { value: ONE });
  await round.connect(fx.donors[1]).donate(1, 4n * ONE, "0x", { value: 4n * ONE });
  await round.connect(fx.donors[0]).donate(2, ONE, "0x", { value: ONE });
  await moveToTallyWindow(round);
  return { ...fx, round, ids };
}

describe("funding/Round hardening", function () {
  describe("the tally window (item 11)", function () {
    it("nobody finalises during the tally window; reviewers may still remove and the operator cancel", async function () {
      const fx = await loadFixture(deployTallyingRoundFixture);
      const { round, donors, operator, reviewers } = fx;
      const c = await round.config();
      const end = c.donationsEnd + TALLY_WINDOW;
      expect(await round.tallyWindowEnd()).to.equal(end);
      expect(await round.phase()).to.equal(Phase.Tallying);
      await expect(round.connect(donors[5]).finalize())
        .to.be.revertedWithCustomError(round, "RoundTallyWindowOpen")
        .withArgs(end);
      await expect(round.connect(operator).finalize())
        .to.be.revertedWithCustomError(round, "RoundTallyWindowOpen")
        .withArgs(end);
      // A sybil found after donations closed is removed in time; its donors are refunded.
      await expect(round.connect(reviewers[0]).voteRemoval(2))
        .to.emit(round, "ProjectStatusChanged")
        .withArgs(2n, Status.Removed, await round.totalIdealMatch());
      await expect(round.connect(donors[0]).refund(2)).to.changeEtherBalance(donors[0], ONE);
      await time.setNextBlockTimestamp(end - 1n);
      await expect(round.connect(donors[5]).finalize()).to.be.revertedWithCustomError(round, "RoundTallyWindowOpen");
      await expect(round.connect(donors[5]).finalize()).to.emit(round, "RoundFinalized"); // mined at `end`
    });

    it("the operator may cancel during the tally window", async function () {
      const fx = await loadFixture(deployTallyingRoundFixture);
      const { round, operator, donors } = fx;
      await expect(round.connect(operator).cancel()).to.emit(round, "RoundCancelled").withArgs(operator.address);
      await expect(round.connect(donors[1]).refund(1)).to.changeEtherBalance(donors[1], 4n * ONE);
    });

    it("an extension of donations moves the tally window with it", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      const c = await round.config();
      await round.connect(fx.operator).extendPhase(Phase.Donations, c.donationsEnd + 500n);
      expect(await round.tallyWindowEnd()).to.equal(c.donationsEnd + 500n + TALLY_WINDOW);
    });
  });

  describe("review votes say what they mean (item 12)", function () {
    it("a retried admission vote is refused and never uses up the reviewer's removal vote", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      const reviewer = fx.reviewers[0];
      await round.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://1");
      await round.connect(reviewer).reviewApplication(1, true); // admitted (1 of 1)
      // The same approval, retried and mined after the first: refused, not counted as anything.
      await expect(round.connect(reviewer).reviewApplication(1, true))
        .to.be.revertedWithCustomError(round, "RoundStageChanged")
        .withArgs(1n, Status.Pending, Status.Approved);
      await round.connect(reviewer).voteRemoval(1);
      expect((await round.project(1)).status).to.equal(Status.Removed);
    });

    it("a removal vote on a project that was never admitted is refused", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const [a, b] = fx.reviewers;
      const round = await createRound(fx, { reviewers: [a.address, b.address], reviewThreshold: 2n });
      await round.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://1");
      await round.connect(a).reviewApplication(1, false);
      await round.connect(b).reviewApplication(1, false); // rejected
      await expect(round.connect(a).voteRemoval(1))
        .to.be.revertedWithCustomError(round, "RoundStageChanged")
        .withArgs(1n, Status.Approved, Status.Rejected);
    });
  });

  describe("extensions are bounded (item 13)", function () {
    it("the operator cannot extend donations past the maximum end fixed at creation", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      const c = await round.config();
      await expect(round.connect(fx.operator).extendPhase(Phase.Donations, c.donationsEnd + 10n * 365n * 86_400n))
        .to.be.revertedWithCustomError(round, "RoundExtensionBeyondMax")
        .withArgs(c.donationsEnd + 10n * 365n * 86_400n, c.maxDonationsEnd);
      await expect(round.connect(fx.operator).extendPhase(Phase.Donations, c.maxDonationsEnd))
        .to.emit(round, "PhaseExtended")
        .withArgs(Phase.Donations, c.donationsEnd, c.maxDonationsEnd);
      await expect(round.connect(fx.operator).extendPhase(Phase.Donations, c.maxDonationsEnd + 1n))
        .to.be.revertedWithCustomError(round, "RoundExtensionBeyondMax")
        .withArgs(c.maxDonationsEnd + 1n, c.maxDonationsEnd);
    });

    it("the operator cannot extend a phase of a cancelled round", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      await round.connect(fx.operator).cancel();
      const c = await round.config();
      await expect(round.connect(fx.operator).extendPhase(Phase.Applications, c.applicationsEnd + 10n))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Cancelled, Phase.Applications);
      await expect(round.connect(fx.operator).extendPhase(Phase.Donations, c.donationsEnd + 10n))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Cancelled, Phase.Donations);
    });

    it("the operator cannot extend a phase of a finalised round", async function () {
      const fx = await loadFixture(deployTallyingRoundFixture);
      const { round, operator } = fx;
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      const c = await round.config();
      await expect(round.connect(operator).extendPhase(Phase.Donations, c.maxDonationsEnd))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Finalized, Phase.Donations);
    });
  });

  describe("the owner's recipient change wins (item 14)", function () {
    it("after finalisation a stranger cannot claim before the owner's recipient change", async function () {
      const fx = await loadFixture(deployTallyingRoundFixture);
      const { round, donors, owners } = fx;
      expect(await round.openClaimAt()).to.equal(0n);
      await moveTo(round, Phase.Tallying);
      const finalizedAt = BigInt(await time.latest()) + 1n;
      const opensAt = finalizedAt + 3n * 86_400n;
      expect(await round.OWNER_CLAIM_PERIOD()).to.equal(3n * 86_400n);
      await expect(round.finalize())
        .to.emit(round, "RoundFinalized")
        .withArgs(
          10n * ONE,
          await round.totalIdealMatch(),
          ethers.MaxUint256,
          1n,
          1n,
          10n * ONE - (await round.totalIdealMatch()),
          opensAt,
        );
      expect(await round.openClaimAt()).to.equal(opensAt);
      // The stranger's claim would pay the old recipient before the owner's change is mined: refused.
      await expect(round.connect(donors[5]).claim(1))
        .to.be.revertedWithCustomError(round, "RoundClaimReserved")
        .withArgs(1n, donors[5].address, opensAt);
      await round.connect(owners[0]).updateRecipient(1, donors[8].address);
      const payout = 5n * ONE + (await round.matchOf(1));
      // The new recipient (or the owner) may claim at once.
      await expect(round.connect(donors[8]).claim(1)).to.changeEtherBalance(donors[8], payout);
      await expect(round.connect(owners[1]).claim(2)).to.changeEtherBalance(owners[1], ONE);
    });

    it("anyone may trigger a payout once the owners' claim period has passed", async function () {
      const fx = await loadFixture(deployTallyingRoundFixture);
      const { round, donors, owners } = fx;
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await time.setNextBlockTimestamp((await round.openClaimAt()) - 1n);
      await expect(round.connect(donors[5]).claim(2)).to.be.revertedWithCustomError(round, "RoundClaimReserved");
      await moveToOpenClaims(round);
      await expect(round.connect(donors[5]).claim(2)).to.changeEtherBalance(owners[1], ONE);
    });
  });

  describe("real counts and named errors (item 15)", function () {
    it("the deciding admission vote emits the real counts", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const [a, b] = fx.reviewers;
      const round = await createRound(fx, { reviewers: [a.address, b.address], reviewThreshold: 2n });
      await round.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://1");
      await round.connect(a).reviewApplication(1, true);
      await expect(round.connect(b).reviewApplication(1, true))
        .to.emit(round, "ApplicationReviewed")
        .withArgs(1n, b.address, true, 2, 0);
      const p = await round.project(1);
      expect([p.status, p.approvals, p.rejections]).to.deep.equal([BigInt(Status.Approved), 2n, 0n]);
    });

    it("checkout refuses an overflowing cart with a custom error, not a panic", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      await applyAndApprove(fx, round, fx.owners.slice(0, 2));
      await moveTo(round, Phase.Donations);
      const half = 2n ** 255n;
      const cart = {
        round: await round.getAddress(),
        donations: [
          { projectId: 1, amount: half },
          { projectId: 2, amount: half },
        ],
        proof: "0x",
      };
      await expect(fx.factory.connect(fx.donors[0]).checkout([cart]))
        .to.be.revertedWithCustomError(fx.factory, "RoundFactoryAmountTooLarge")
        .withArgs(half);
      const max = 2n ** 128n - 1n;
      await expect(
        fx.factory.connect(fx.donors[0]).checkout([{ ...cart, donations: [{ projectId: 1, amount: max + 1n }] }]),
      )
        .to.be.revertedWithCustomError(fx.factory, "RoundFactoryAmountTooLarge")
        .withArgs(max + 1n);
    });
  });
});
