import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { ethers } from "hardhat";

import { referenceRound, type DonationRecord } from "../../scripts/lib/qf-reference";
import type { MockRoundAttacker, Round } from "../../typechain-types";
import {
  ONE,
  Phase,
  Status,
  applyAndApprove,
  createRound,
  deployFundingFixture,
  gasOf,
  moveTo,
  moveToOpenClaims,
  roundConfig,
  schedule,
  signPermit,
  type FundingFixture,
} from "../helpers/funding";

/** A native round in its donations phase with three approved projects and a 10 ETH pool. */
async function deployDonatingRoundFixture() {
  const fx = await deployFundingFixture();
  const round = await createRound(fx);
  const ids = await applyAndApprove(fx, round, fx.owners.slice(0, 3));
  await round.connect(fx.funders[0]).fund(10n * ONE, { value: 10n * ONE });
  await moveTo(round, Phase.Donations);
  return { ...fx, round, ids };
}

/** An ERC-20 (permit) round in its donations phase, two approved projects, donors approved. */
async function deployTokenRoundFixture() {
  const fx = await deployFundingFixture();
  const round = await createRound(fx, { token: await fx.token.getAddress() });
  const ids = await applyAndApprove(fx, round, fx.owners.slice(0, 2));
  for (const s of [...fx.funders, ...fx.donors.slice(0, 6)]) {
    await fx.token.connect(s).approve(await round.getAddress(), ethers.MaxUint256);
  }
  await round.connect(fx.funders[0]).fund(100n * ONE);
  await moveTo(round, Phase.Donations);
  return { ...fx, round, ids };
}

async function balanceOf(account: string): Promise<bigint> {
  return ethers.provider.getBalance(account);
}

describe("funding/Round", function () {
  describe("factory and initialize", function () {
    it("clones the implementation, records the round and emits RoundCreated", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const config = await roundConfig(fx);
      const address = await fx.factory.createRound.staticCall(config);
      await expect(fx.factory.createRound(config))
        .to.emit(fx.factory, "RoundCreated")
        .withArgs(address, fx.deployer.address, ethers.ZeroAddress, fx.operator.address, 0n, "ipfs://round");
      expect(await fx.factory.roundCount()).to.equal(1n);
      expect(await fx.factory.roundAt(0)).to.equal(address);
      expect(await fx.factory.implementation()).to.equal(await fx.roundImpl.getAddress());
      const round = await ethers.getContractAt("Round", address);
      expect((await round.config()).operator).to.equal(fx.operator.address);
      expect(await round.phase()).to.equal(Phase.Applications);
    });

    it("rejects a factory without an implementation contract", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const Factory = await ethers.getContractFactory("RoundFactory");
      await expect(Factory.deploy(fx.deployer.address))
        .to.be.revertedWithCustomError(fx.factory, "RoundFactoryNotAContract")
        .withArgs(fx.deployer.address);
    });

    it("cannot initialise the implementation or a clone twice", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const config = await roundConfig(fx);
      await expect(fx.roundImpl.initialize(config)).to.be.revertedWithCustomError(
        fx.roundImpl,
        "InvalidInitialization",
      );
      const round = await createRound(fx);
      await expect(round.initialize(config)).to.be.revertedWithCustomError(round, "InvalidInitialization");
    });

    it("rejects a bad schedule, reviewers, cap or operator", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const c = await roundConfig(fx);
      const r = fx.roundImpl;
      await expect(fx.factory.createRound({ ...c, donationsEnd: c.donationsStart }))
        .to.be.revertedWithCustomError(r, "RoundInvalidSchedule")
        .withArgs(c.applicationsStart, c.applicationsEnd, c.donationsStart, c.donationsStart);
      await expect(fx.factory.createRound({ ...c, applicationsEnd: BigInt(c.donationsStart) + 1n }))
        .to.be.revertedWithCustomError(r, "RoundInvalidSchedule")
        .withArgs(c.applicationsStart, BigInt(c.donationsStart) + 1n, c.donationsStart, c.donationsEnd);
      await expect(fx.factory.createRound({ ...c, applicationsStart: BigInt(c.applicationsEnd) + 1n }))
        .to.be.revertedWithCustomError(r, "RoundInvalidSchedule")
        .withArgs(BigInt(c.applicationsEnd) + 1n, c.applicationsEnd, c.donationsStart, c.donationsEnd);
      await expect(fx.factory.createRound({ ...c, reviewThreshold: 0n }))
        .to.be.revertedWithCustomError(r, "RoundInvalidReviewers")
        .withArgs(1n, 0n);
      await expect(fx.factory.createRound({ ...c, reviewThreshold: 2n }))
        .to.be.revertedWithCustomError(r, "RoundInvalidReviewers")
        .withArgs(1n, 2n);
      const dup = [fx.reviewers[0].address, fx.reviewers[0].address];
      await expect(fx.factory.createRound({ ...c, reviewers: dup }))
        .to.be.revertedWithCustomError(r, "RoundInvalidReviewers")
        .withArgs(2n, 1n);
      await expect(fx.factory.createRound({ ...c, reviewers: [ethers.ZeroAddress] }))
        .to.be.revertedWithCustomError(r, "RoundInvalidReviewers")
        .withArgs(1n, 1n);
      const many = Array.from({ length: 256 }, (_, i) =>
        ethers.getAddress(`0x${(i + 1).toString(16).padStart(40, "0")}`),
      );
      await expect(fx.factory.createRound({ ...c, reviewers: many }))
        .to.be.revertedWithCustomError(r, "RoundInvalidReviewers")
        .withArgs(256n, 1n);
      await expect(fx.factory.createRound({ ...c, matchCapBps: 10_001 }))
        .to.be.revertedWithCustomError(r, "RoundInvalidCap")
        .withArgs(10_001);
      await expect(fx.factory.createRound({ ...c, operator: ethers.ZeroAddress })).to.be.revertedWithCustomError(
        r,
        "RoundZeroOperator",
      );
      expect(await fx.factory.roundCount()).to.equal(0n);
    });
  });

  describe("applications and review", function () {
    it("a project applies during applications only", async function () {
      const fx = await loadFixture(deployFundingFixture);
      // A day ahead: after loadFixture, time.latest() is the snapshot's block, which can be minutes
      // behind the next block's timestamp on a busy machine.
      const now = BigInt(await time.latest());
      const round = await createRound(fx, schedule(now + 86_400n));
      const owner = fx.owners[0];
      await expect(round.connect(owner).applyProject(owner.address, "ipfs://p"))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Upcoming, Phase.Applications);
      await time.increaseTo(now + 86_400n);
      await expect(round.connect(owner).applyProject(ethers.ZeroAddress, "ipfs://p")).to.be.revertedWithCustomError(
        round,
        "RoundZeroRecipient",
      );
      await expect(round.connect(owner).applyProject(owner.address, "ipfs://p"))
        .to.emit(round, "ProjectApplied")
        .withArgs(1n, owner.address, owner.address, "ipfs://p");
      const p = await round.project(1);
      expect(p.status).to.equal(Status.Pending);
      expect(p.metadataURI).to.equal("ipfs://p");
      await moveTo(round, Phase.Review);
      await expect(round.connect(owner).applyProject(owner.address, "ipfs://q"))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Review, Phase.Applications);
      await expect(round.project(2)).to.be.revertedWithCustomError(round, "RoundUnknownProject").withArgs(2n);
      await expect(round.project(0)).to.be.revertedWithCustomError(round, "RoundUnknownProject").withArgs(0n);
    });

    it("reviewers admit or reject at a threshold, then may vote to remove; each votes once per stage", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const [a, b, c] = fx.reviewers;
      const round = await createRound(fx, { reviewers: [a.address, b.address, c.address], reviewThreshold: 2n });
      await round.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://1");
      await round.connect(fx.owners[1]).applyProject(fx.owners[1].address, "ipfs://2");
      await expect(round.connect(fx.owners[0]).reviewApplication(1, true))
        .to.be.revertedWithCustomError(round, "RoundNotReviewer")
        .withArgs(fx.owners[0].address);
      await expect(round.connect(fx.owners[0]).voteRemoval(1))
        .to.be.revertedWithCustomError(round, "RoundNotReviewer")
        .withArgs(fx.owners[0].address);
      await expect(round.connect(a).reviewApplication(1, true))
        .to.emit(round, "ApplicationReviewed")
        .withArgs(1n, a.address, true, 1, 0);
      await expect(round.connect(a).reviewApplication(1, false))
        .to.be.revertedWithCustomError(round, "RoundAlreadyReviewed")
        .withArgs(1n, a.address);
      // A removal vote on a project still pending is about a stage it has not reached.
      await expect(round.connect(a).voteRemoval(1))
        .to.be.revertedWithCustomError(round, "RoundStageChanged")
        .withArgs(1n, Status.Approved, Status.Pending);
      await expect(round.connect(b).reviewApplication(1, true))
        .to.emit(round, "ProjectStatusChanged")
        .withArgs(1n, Status.Approved, 0n);
      expect(await round.approvedProjects()).to.deep.equal([1n]);
      await round.connect(a).reviewApplication(2, false);
      await expect(round.connect(c).reviewApplication(2, false))
        .to.emit(round, "ApplicationReviewed")
        .withArgs(2n, c.address, false, 0, 2)
        .and.to.emit(round, "ProjectStatusChanged")
        .withArgs(2n, Status.Rejected, 0n);
      await expect(round.connect(b).reviewApplication(2, true))
        .to.be.revertedWithCustomError(round, "RoundStageChanged")
        .withArgs(2n, Status.Pending, Status.Rejected);
      await expect(round.connect(a).reviewApplication(9, true))
        .to.be.revertedWithCustomError(round, "RoundUnknownProject")
        .withArgs(9n);
      // The admission votes cast before do not count as removal votes: removal needs the threshold anew.
      await expect(round.connect(c).reviewApplication(1, true))
        .to.be.revertedWithCustomError(round, "RoundStageChanged")
        .withArgs(1n, Status.Pending, Status.Approved);
      await expect(round.connect(a).voteRemoval(1)).to.emit(round, "RemovalVoted").withArgs(1n, a.address, 1);
      expect((await round.project(1)).status).to.equal(Status.Approved);
      await expect(round.connect(a).voteRemoval(1))
        .to.be.revertedWithCustomError(round, "RoundAlreadyReviewed")
        .withArgs(1n, a.address);
      await expect(round.connect(c).voteRemoval(1))
        .to.emit(round, "RemovalVoted")
        .withArgs(1n, c.address, 2)
        .and.to.emit(round, "ProjectStatusChanged")
        .withArgs(1n, Status.Removed, 0n);
      expect(await round.approvedProjects()).to.deep.equal([]);
      const p = await round.project(1);
      expect([p.approvals, p.rejections, p.removalVotes]).to.deep.equal([2n, 0n, 2n]);
      await expect(round.connect(b).voteRemoval(1))
        .to.be.revertedWithCustomError(round, "RoundStageChanged")
        .withArgs(1n, Status.Approved, Status.Removed);
    });

    it("no review before applications open or after finalisation", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const now = BigInt(await time.latest());
      const early = await createRound(fx, schedule(now + 86_400n));
      await expect(early.connect(fx.reviewers[0]).reviewApplication(1, true))
        .to.be.revertedWithCustomError(early, "RoundWrongPhase")
        .withArgs(Phase.Upcoming, Phase.Review);
      await expect(early.connect(fx.reviewers[0]).voteRemoval(1))
        .to.be.revertedWithCustomError(early, "RoundWrongPhase")
        .withArgs(Phase.Upcoming, Phase.Review);
      const round = await createRound(fx);
      await round.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://1");
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await expect(round.connect(fx.reviewers[0]).reviewApplication(1, true))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Finalized, Phase.Review);
      await expect(round.connect(fx.reviewers[0]).voteRemoval(1))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Finalized, Phase.Review);
    });

    it("bounds approved projects by MAX_PROJECTS; removal frees a place", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      const max = await round.MAX_PROJECTS();
      expect(max).to.equal(100n);
      const reviewer = fx.reviewers[0];
      for (let i = 0n; i <= max; i++) await round.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://x");
      for (let i = 1n; i <= max; i++) await round.connect(reviewer).reviewApplication(i, true);
      await expect(round.connect(reviewer).reviewApplication(max + 1n, true))
        .to.be.revertedWithCustomError(round, "RoundTooManyProjects")
        .withArgs(max);
      expect((await round.project(max + 1n)).status).to.equal(Status.Pending);
      await round.connect(reviewer).voteRemoval(7);
      await round.connect(reviewer).reviewApplication(max + 1n, true);
      expect((await round.approvedProjects()).length).to.equal(Number(max));
    });

    it("the owner updates the recipient until paid", async function () {
      const fx = await loadFixture(deployDonatingRoundFixture);
      const { round, owners, donors } = fx;
      await expect(round.connect(donors[0]).updateRecipient(1, donors[0].address))
        .to.be.revertedWithCustomError(round, "RoundNotProjectOwner")
        .withArgs(1n, donors[0].address);
      await expect(round.connect(owners[0]).updateRecipient(1, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        round,
        "RoundZeroRecipient",
      );
      await expect(round.connect(owners[0]).updateRecipient(1, donors[8].address))
        .to.emit(round, "ProjectRecipientUpdated")
        .withArgs(1n, donors[8].address);
      await round.connect(donors[0]).donate(1, ONE, "0x", { value: ONE });
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await moveToOpenClaims(round);
      await expect(round.claim(1)).to.changeEtherBalance(donors[8], ONE);
      await expect(round.connect(owners[0]).updateRecipient(1, owners[0].address))
        .to.be.revertedWithCustomError(round, "RoundAlreadyPaid")
        .withArgs(1n);
    });
  });

  describe("funding the pool", function () {
    it("anyone funds any number of times until donations close; shares are recorded", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      const [f1, f2] = fx.funders;
      await expect(round.connect(f1).fund(ONE, { value: ONE }))
        .to.emit(round, "MatchingFunded")
        .withArgs(f1.address, ONE, ONE, ONE);
      await round.connect(f1).fund(ONE, { value: ONE });
      await moveTo(round, Phase.Donations);
      await expect(round.connect(f2).fund(3n * ONE, { value: 3n * ONE }))
        .to.emit(round, "MatchingFunded")
        .withArgs(f2.address, 3n * ONE, 3n * ONE, 5n * ONE);
      expect(await round.fundingOf(f1.address)).to.equal(2n * ONE);
      expect(await round.pool()).to.equal(5n * ONE);
      await expect(round.connect(f1).fund(ONE, { value: 2n * ONE }))
        .to.be.revertedWithCustomError(round, "RoundWrongValue")
        .withArgs(2n * ONE, ONE);
      await expect(round.connect(f1).fund(0)).to.be.revertedWithCustomError(round, "RoundZeroAmount");
      await moveTo(round, Phase.Tallying);
      await expect(round.connect(f1).fund(ONE, { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Tallying, Phase.Donations);
      expect(await round.pool()).to.equal(5n * ONE);
    });

    it("ERC-20: by allowance or permit; a fee-on-transfer token is credited what arrived", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const [f1] = fx.funders;
      const round = await createRound(fx, { token: await fx.token.getAddress() });
      const roundAddr = await round.getAddress();
      await expect(round.connect(f1).fund(ONE, { value: 1n }))
        .to.be.revertedWithCustomError(round, "RoundWrongValue")
        .withArgs(1n, 0n);
      const deadline = BigInt(await time.latest()) + 3600n;
      const { v, r, s } = await signPermit(fx.token, f1, roundAddr, 5n * ONE, deadline);
      await expect(round.connect(f1).fundWithPermit(5n * ONE, deadline, v, r, s)).to.changeTokenBalances(
        fx.token,
        [f1, round],
        [-5n * ONE, 5n * ONE],
      );
      // The same permit again fails, but is ignored: transferFrom then fails for lack of allowance.
      await expect(round.connect(f1).fundWithPermit(5n * ONE, deadline, v, r, s)).to.be.revertedWithCustomError(
        fx.token,
        "ERC20InsufficientAllowance",
      );
      const feeRound = await createRound(fx, { token: await fx.feeToken.getAddress() });
      await fx.feeToken.connect(f1).approve(await feeRound.getAddress(), ethers.MaxUint256);
      await expect(feeRound.connect(f1).fund(100n * ONE))
        .to.emit(feeRound, "MatchingFunded")
        .withArgs(f1.address, 99n * ONE, 99n * ONE, 99n * ONE);
      const native = await createRound(fx);
      await expect(native.connect(f1).fundWithPermit(ONE, deadline, v, r, s)).to.be.revertedWithCustomError(
        native,
        "RoundNoPermitForNative",
      );
    });
  });

  describe("donations", function () {
    it("credits a donation and keeps the sums current", async function () {
      const { round, donors } = await loadFixture(deployDonatingRoundFixture);
      const [d1, d2] = donors;
      await round.connect(d1).donate(1, 4n * ONE, "0x", { value: 4n * ONE });
      // One donor: no match (4 - 4 = 0).
      expect(await round.idealMatchOf(1)).to.equal(0n);
      const tx = round.connect(d2).donate(1, ONE, "0x", { value: ONE });
      // (2 + 1)^2 - 5 = 4 (roots are exact here).
      await expect(tx)
        .to.emit(round, "Donated")
        .withArgs(1n, d2.address, ONE, ONE, 5n * ONE, 3n * 10n ** 18n, 4n * ONE, 4n * ONE);
      expect(await round.matchOf(1)).to.equal(4n * ONE);
      expect(await round.donationOf(1, d1.address)).to.equal(4n * ONE);
    });

    it("rejects every bad donation and leaves the state unchanged", async function () {
      const fx = await loadFixture(deployDonatingRoundFixture);
      const { round, donors, owners, reviewers } = fx;
      const d = donors[0];
      await round.connect(d).donate(1, ONE, "0x", { value: ONE });
      await expect(round.connect(d).donate(9, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundUnknownProject")
        .withArgs(9n);
      await expect(round.connect(d).donate(1, ONE, "0x", { value: ONE - 1n }))
        .to.be.revertedWithCustomError(round, "RoundWrongValue")
        .withArgs(ONE - 1n, ONE);
      await expect(round.connect(d).donate(1, 0, "0x"))
        .to.be.revertedWithCustomError(round, "RoundBelowMinimum")
        .withArgs(0n, 1n);
      await expect(round.connect(d).donateMany([], "0x")).to.be.revertedWithCustomError(round, "RoundEmptyCart");
      await expect(round.connect(d).donateMany([{ projectId: 1, amount: ONE }], "0x", { value: 1n }))
        .to.be.revertedWithCustomError(round, "RoundWrongValue")
        .withArgs(1n, ONE);
      await round.connect(reviewers[0]).voteRemoval(2);
      await expect(round.connect(d).donate(2, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundProjectNotApproved")
        .withArgs(2n, Status.Removed);
      expect(await round.donationOf(1, d.address)).to.equal(ONE);
      expect((await round.project(1)).sumContributions).to.equal(ONE);
      await moveTo(round, Phase.Tallying);
      await expect(round.connect(d).donate(1, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Tallying, Phase.Donations);
      await expect(round.connect(d).donateMany([{ projectId: 1, amount: ONE }], "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Tallying, Phase.Donations);
      expect(owners.length).to.be.greaterThan(0);
    });

    it("enforces the minimum donation and rejects pending projects", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx, { minDonation: ONE });
      await applyAndApprove(fx, round, [fx.owners[0]]);
      await round.connect(fx.owners[1]).applyProject(fx.owners[1].address, "ipfs://pending");
      await moveTo(round, Phase.Donations);
      const d = fx.donors[0];
      await expect(round.connect(d).donate(1, ONE - 1n, "0x", { value: ONE - 1n }))
        .to.be.revertedWithCustomError(round, "RoundBelowMinimum")
        .withArgs(ONE - 1n, ONE);
      await expect(round.connect(d).donate(2, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundProjectNotApproved")
        .withArgs(2n, Status.Pending);
      await round.connect(d).donate(1, ONE, "0x", { value: ONE });
    });

    it("splitting one donation into many does not change the match", async function () {
      const fx = await loadFixture(deployDonatingRoundFixture);
      const { round, donors } = fx;
      const amounts = [1_234_567_891_234_567n, 98_765_432_109_876n, 5_555_555_555_555_555n];
      // Project 1: each donor gives once. Project 2: each donor gives the same total in 7 pieces.
      for (const [i, a] of amounts.entries()) {
        await round.connect(donors[i]).donate(1, a, "0x", { value: a });
        const pieces = [a / 7n, a / 7n, a / 7n, a / 7n, a / 7n, a / 7n];
        pieces.push(a - pieces.reduce((x, y) => x + y, 0n));
        await round.connect(donors[i]).donateMany(
          pieces.map((amount) => ({ projectId: 2, amount })),
          "0x",
          { value: a },
        );
      }
      const p1 = await round.project(1);
      const p2 = await round.project(2);
      expect(p2.sumRoots).to.equal(p1.sumRoots);
      expect(await round.idealMatchOf(2)).to.equal(await round.idealMatchOf(1));
      expect(await round.idealMatchOf(1)).to.be.greaterThan(0n);
      expect(await round.matchOf(2)).to.equal(await round.matchOf(1));
    });

    it("a Merkle allowlist admits listed donors only", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const [d1, d2] = fx.donors;
      const tree = StandardMerkleTree.of([[d1.address], [fx.donors[5].address]], ["address"]);
      const round = await createRound(fx, {
        eligibility: await fx.merkleEligibility.getAddress(),
        eligibilityConfig: tree.root,
      });
      await applyAndApprove(fx, round, [fx.owners[0]]);
      await moveTo(round, Phase.Donations);
      const proof = ethers.AbiCoder.defaultAbiCoder().encode(["bytes32[]"], [tree.getProof([d1.address])]);
      await round.connect(d1).donate(1, ONE, proof, { value: ONE });
      await expect(round.connect(d2).donate(1, ONE, proof, { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundIneligibleDonor")
        .withArgs(d2.address);
      await expect(round.connect(d1).donate(1, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundIneligibleDonor")
        .withArgs(d1.address);
      await expect(round.connect(d2).donateMany([{ projectId: 1, amount: ONE }], proof, { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundIneligibleDonor")
        .withArgs(d2.address);
    });

    it("membership of a community admits its members only", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const [d1, d2] = fx.donors;
      const round = await createRound(fx, {
        eligibility: await fx.membershipEligibility.getAddress(),
        eligibilityConfig: ethers.zeroPadValue(await fx.membership.getAddress(), 32),
      });
      await applyAndApprove(fx, round, [fx.owners[0]]);
      await moveTo(round, Phase.Donations);
      await fx.membership.setMember(d1.address, true);
      await round.connect(d1).donate(1, ONE, "0x", { value: ONE });
      await expect(round.connect(d2).donate(1, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundIneligibleDonor")
        .withArgs(d2.address);
      await fx.membership.setMember(d1.address, false);
      await expect(round.connect(d1).donate(1, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundIneligibleDonor")
        .withArgs(d1.address);
    });

    it("ERC-20: allowance, permit and cart; a fee-on-transfer token is credited what arrived, refused in a cart", async function () {
      const fx = await loadFixture(deployTokenRoundFixture);
      const { round, token, donors } = fx;
      const [d1, d2] = donors;
      await expect(round.connect(d1).donate(1, ONE, "0x")).to.changeTokenBalances(token, [d1, round], [-ONE, ONE]);
      await expect(round.connect(d1).donate(1, ONE, "0x", { value: 1n }))
        .to.be.revertedWithCustomError(round, "RoundWrongValue")
        .withArgs(1n, 0n);
      const fresh = donors[8];
      const deadline = BigInt(await time.latest()) + 3600n;
      const { v, r, s } = await signPermit(token, fresh, await round.getAddress(), 2n * ONE, deadline);
      await round.connect(fresh).donateWithPermit(2, 2n * ONE, "0x", deadline, v, r, s);
      expect(await round.donationOf(2, fresh.address)).to.equal(2n * ONE);
      await round.connect(d2).donateMany(
        [
          { projectId: 1, amount: ONE },
          { projectId: 2, amount: 3n * ONE },
        ],
        "0x",
      );
      expect(await round.donationOf(2, d2.address)).to.equal(3n * ONE);

      const feeRound = await createRound(fx, { token: await fx.feeToken.getAddress() });
      await applyAndApprove(fx, feeRound, [fx.owners[0]]);
      await fx.feeToken.connect(d1).approve(await feeRound.getAddress(), ethers.MaxUint256);
      await moveTo(feeRound, Phase.Donations);
      await feeRound.connect(d1).donate(1, 100n * ONE, "0x");
      expect(await feeRound.donationOf(1, d1.address)).to.equal(99n * ONE);
      await expect(feeRound.connect(d1).donateMany([{ projectId: 1, amount: 100n * ONE }], "0x"))
        .to.be.revertedWithCustomError(feeRound, "RoundTransferShortfall")
        .withArgs(100n * ONE, 99n * ONE);
    });

    it("prints gas: first ERC-20 donation (< 140,000), native, repeat, cart of 10", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx, { token: await fx.token.getAddress() });
      const ids = await applyAndApprove(fx, round, fx.owners);
      const native = await createRound(fx);
      await applyAndApprove(fx, native, fx.owners.slice(0, 2));
      const [d1, d2, d3] = fx.donors;
      for (const d of [d1, d2, d3]) await fx.token.connect(d).approve(await round.getAddress(), ethers.MaxUint256);
      await moveTo(round, Phase.Donations);
      await moveTo(native, Phase.Donations);
      await round.connect(d2).donate(1, ONE, "0x"); // someone else warmed the project
      const firstErc20 = await gasOf(round.connect(d1).donate(1, ONE, "0x"));
      const repeatErc20 = await gasOf(round.connect(d1).donate(1, ONE, "0x"));
      await native.connect(d2).donate(1, ONE, "0x", { value: ONE });
      const firstNative = await gasOf(native.connect(d1).donate(1, ONE, "0x", { value: ONE }));
      const repeatNative = await gasOf(native.connect(d1).donate(1, ONE, "0x", { value: ONE }));
      const cart = Array.from({ length: 10 }, (_, i) => ({ projectId: ids[i % ids.length], amount: ONE + BigInt(i) }));
      const cart10 = await gasOf(round.connect(d3).donateMany(cart, "0x"));
      console.log(
        `      gas: first ERC-20 donation ${firstErc20}, repeat ERC-20 ${repeatErc20}, ` +
          `first native ${firstNative}, repeat native ${repeatNative}, ERC-20 cart of 10 ${cart10}`,
      );
      expect(firstErc20).to.be.lessThan(140_000n);
      expect(repeatErc20).to.be.lessThan(firstErc20);
    });
  });

  describe("finalisation and payouts", function () {
    it("pays ideal matches when the pool suffices and returns the rest to funders pro rata", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      await applyAndApprove(fx, round, fx.owners.slice(0, 2));
      const [f1, f2] = fx.funders;
      await round.connect(f1).fund(30n * ONE, { value: 30n * ONE });
      await round.connect(f2).fund(10n * ONE, { value: 10n * ONE });
      await moveTo(round, Phase.Donations);
      const [d1, d2, d3] = fx.donors;
      await round.connect(d1).donate(1, ONE, "0x", { value: ONE });
      await round.connect(d2).donate(1, ONE, "0x", { value: ONE });
      await round.connect(d3).donate(1, ONE, "0x", { value: ONE });
      await round.connect(d1).donate(2, 9n * ONE, "0x", { value: 9n * ONE });
      await expect(round.claim(1))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Donations, Phase.Finalized);
      await expect(round.finalize())
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Donations, Phase.Tallying);
      await expect(round.connect(f1).reclaimFunding())
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Donations, Phase.Finalized);
      await moveTo(round, Phase.Tallying);
      // Project 1: (1+1+1)^2 - 3 = 6; project 2: one donor, 0. Leftover 40 - 6 = 34.
      await expect(round.finalize())
        .to.emit(round, "RoundFinalized")
        .withArgs(40n * ONE, 6n * ONE, ethers.MaxUint256, 1n, 1n, 34n * ONE, anyValue);
      await expect(round.finalize())
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Finalized, Phase.Tallying);
      await moveToOpenClaims(round);
      await expect(round.claim(1)).to.changeEtherBalances([fx.owners[0], round], [9n * ONE, -9n * ONE]);
      await expect(round.claim(1)).to.be.revertedWithCustomError(round, "RoundAlreadyPaid").withArgs(1n);
      await expect(round.claim(2))
        .to.emit(round, "ProjectPaid")
        .withArgs(2n, fx.owners[1].address, 9n * ONE, 0n);
      await expect(round.connect(f1).reclaimFunding()).to.changeEtherBalance(f1, (30n * 34n * ONE) / 40n);
      await expect(round.connect(f1).reclaimFunding())
        .to.be.revertedWithCustomError(round, "RoundNothingToReclaim")
        .withArgs(f1.address);
      await expect(round.connect(f2).reclaimFunding()).to.changeEtherBalance(f2, (10n * 34n * ONE) / 40n);
      await expect(round.connect(d1).refund(2))
        .to.be.revertedWithCustomError(round, "RoundNotRefundable")
        .withArgs(2n, Status.Approved);
      expect(await balanceOf(await round.getAddress())).to.equal(0n);
    });

    it("scales matches down pro rata when the pool is short, as the reference says", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      await applyAndApprove(fx, round, fx.owners.slice(0, 3));
      await round.connect(fx.funders[0]).fund(ONE, { value: ONE });
      await moveTo(round, Phase.Donations);
      const gifts: [number, number, bigint][] = [
        [0, 1, 3n * ONE],
        [1, 1, ONE / 3n],
        [2, 1, 7n * ONE],
        [0, 2, ONE],
        [3, 2, ONE / 7n],
        [4, 3, 2n * ONE],
        [5, 3, 2n * ONE],
      ];
      const byProject = new Map<number, DonationRecord[]>([
        [1, []],
        [2, []],
        [3, []],
      ]);
      for (const [d, p, a] of gifts) {
        await round.connect(fx.donors[d]).donate(p, a, "0x", { value: a });
        byProject.get(p)!.push({ donor: fx.donors[d].address, amount: a });
      }
      const ref = referenceRound({
        pool: ONE,
        projects: [...byProject].map(([id, donations]) => ({ id, donations })),
      });
      expect(ref.scale.denominator).to.be.greaterThan(ref.scale.numerator);
      for (const id of [1, 2, 3]) expect(await round.matchOf(id)).to.equal(ref.projects.get(id)!.match);
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await moveToOpenClaims(round);
      for (const id of [1, 2, 3]) {
        await expect(round.claim(id)).to.changeEtherBalance(fx.owners[id - 1], ref.projects.get(id)!.payout);
      }
      const dust = await balanceOf(await round.getAddress());
      expect(dust).to.equal(ref.matchDust);
      expect(dust).to.be.lessThanOrEqual(3n);
      await expect(round.connect(fx.funders[0]).reclaimFunding())
        .to.be.revertedWithCustomError(round, "RoundNothingToReclaim")
        .withArgs(fx.funders[0].address);
    });

    it("caps a project's match and shares the excess among the others", async function () {
      const fx = await loadFixture(deployFundingFixture);
      // Cap at 40 % of a 10 ETH pool = 4 ETH.
      const round = await createRound(fx, { matchCapBps: 4000 });
      await applyAndApprove(fx, round, fx.owners.slice(0, 3));
      await round.connect(fx.funders[0]).fund(10n * ONE, { value: 10n * ONE });
      await moveTo(round, Phase.Donations);
      // Project 1: 4 donors of 4 -> (4*2)^2 - 16 = 48; project 2: 2 donors of 1 -> 2; project 3: 3 of 1 -> 6.
      for (let i = 0; i < 4; i++) await round.connect(fx.donors[i]).donate(1, 4n * ONE, "0x", { value: 4n * ONE });
      for (let i = 0; i < 2; i++) await round.connect(fx.donors[i]).donate(2, ONE, "0x", { value: ONE });
      for (let i = 0; i < 3; i++) await round.connect(fx.donors[i]).donate(3, ONE, "0x", { value: ONE });
      await moveTo(round, Phase.Tallying);
      // Pass 1 (scale 10/56) caps project 1 at 4; pass 2 shares the remaining 6 over 2 + 6 = 8, which
      // puts project 3 at 4.5 > 4: capped too; pass 3: project 2 alone, 2 <= 2, gets its ideal match.
      await expect(round.finalize())
        .to.emit(round, "RoundFinalized")
        .withArgs(10n * ONE, 56n * ONE, 4n * ONE, 1n, 1n, 0n, anyValue);
      expect(await round.matchOf(1)).to.equal(4n * ONE);
      expect(await round.matchOf(2)).to.equal(2n * ONE);
      expect(await round.matchOf(3)).to.equal(4n * ONE);
    });

    it("an amount cap leaves a leftover when every project is capped", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx, { matchCapAmount: ONE, matchCapBps: 9000 });
      await applyAndApprove(fx, round, fx.owners.slice(0, 2));
      await round.connect(fx.funders[0]).fund(10n * ONE, { value: 10n * ONE });
      await moveTo(round, Phase.Donations);
      for (const p of [1, 2]) {
        for (let i = 0; i < 3; i++) await round.connect(fx.donors[i]).donate(p, ONE, "0x", { value: ONE });
      }
      await moveTo(round, Phase.Tallying);
      await expect(round.finalize())
        .to.emit(round, "RoundFinalized")
        .withArgs(10n * ONE, 12n * ONE, ONE, 1n, 1n, 8n * ONE, anyValue);
      expect(await round.matchOf(1)).to.equal(ONE);
    });

    it("a refusing recipient blocks nobody else and can be replaced", async function () {
      const fx = await loadFixture(deployDonatingRoundFixture);
      const { round, owners, donors } = fx;
      const refusing = await ethers.deployContract("MockRefusingRecipient");
      await round.connect(owners[0]).updateRecipient(1, await refusing.getAddress());
      for (const p of [1, 2]) {
        await round.connect(donors[0]).donate(p, ONE, "0x", { value: ONE });
        await round.connect(donors[1]).donate(p, ONE, "0x", { value: ONE });
      }
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await moveToOpenClaims(round);
      const payout = 2n * ONE + (await round.matchOf(1));
      await expect(round.claim(1))
        .to.be.revertedWithCustomError(round, "RoundTransferFailed")
        .withArgs(await refusing.getAddress(), payout);
      await expect(round.claim(2)).to.changeEtherBalance(owners[1], payout);
      await round.connect(owners[0]).updateRecipient(1, owners[0].address);
      await expect(round.claim(1)).to.changeEtherBalance(owners[0], payout);
    });

    it("matchOf is 0 for projects that are not approved", async function () {
      const fx = await loadFixture(deployDonatingRoundFixture);
      await fx.round.connect(fx.donors[0]).donate(1, ONE, "0x", { value: ONE });
      await fx.round.connect(fx.donors[1]).donate(1, ONE, "0x", { value: ONE });
      expect(await fx.round.matchOf(1)).to.equal(2n * ONE);
      await fx.round.connect(fx.reviewers[0]).voteRemoval(1);
      expect(await fx.round.matchOf(1)).to.equal(0n);
      expect(await fx.round.totalIdealMatch()).to.equal(0n);
      await expect(fx.round.claim(1))
        .to.be.revertedWithCustomError(fx.round, "RoundWrongPhase")
        .withArgs(Phase.Donations, Phase.Finalized);
      await moveTo(fx.round, Phase.Tallying);
      await fx.round.finalize();
      await expect(fx.round.claim(1))
        .to.be.revertedWithCustomError(fx.round, "RoundProjectNotApproved")
        .withArgs(1n, Status.Removed);
    });
  });

  describe("cancellation, removal and refunds", function () {
    it("a removed project's donors pull refunds, even after finalisation", async function () {
      const fx = await loadFixture(deployDonatingRoundFixture);
      const { round, donors, reviewers } = fx;
      await round.connect(donors[0]).donate(1, 2n * ONE, "0x", { value: 2n * ONE });
      await round.connect(donors[1]).donate(1, ONE, "0x", { value: ONE });
      await expect(round.connect(donors[0]).refund(1))
        .to.be.revertedWithCustomError(round, "RoundNotRefundable")
        .withArgs(1n, Status.Approved);
      await round.connect(reviewers[0]).voteRemoval(1);
      await expect(round.connect(donors[0]).refund(1))
        .to.emit(round, "DonationRefunded")
        .withArgs(1n, donors[0].address, 2n * ONE);
      await expect(round.connect(donors[0]).refund(1))
        .to.be.revertedWithCustomError(round, "RoundNothingToRefund")
        .withArgs(1n, donors[0].address);
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await expect(round.connect(donors[1]).refund(1)).to.changeEtherBalance(donors[1], ONE);
    });

    it("the operator cancels before finalisation; donors and funders take everything back", async function () {
      const fx = await loadFixture(deployDonatingRoundFixture);
      const { round, donors, operator, funders } = fx;
      await round.connect(donors[0]).donate(1, ONE, "0x", { value: ONE });
      await round.connect(donors[0]).donate(2, 2n * ONE, "0x", { value: 2n * ONE });
      await expect(round.connect(donors[0]).cancel())
        .to.be.revertedWithCustomError(round, "RoundNotOperator")
        .withArgs(donors[0].address);
      await expect(round.connect(operator).cancel()).to.emit(round, "RoundCancelled").withArgs(operator.address);
      const end = (await round.config()).donationsEnd;
      await expect(round.connect(operator).extendPhase(Phase.Donations, end + 100n))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Cancelled, Phase.Donations);
      expect(await round.phase()).to.equal(Phase.Cancelled);
      expect(await round.matchOf(1)).to.equal(0n);
      await expect(round.connect(operator).cancel())
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Cancelled, Phase.Tallying);
      await expect(round.connect(donors[0]).donate(1, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Cancelled, Phase.Donations);
      await expect(round.finalize())
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Cancelled, Phase.Tallying);
      await expect(round.connect(donors[0]).refund(2)).to.changeEtherBalance(donors[0], 2n * ONE);
      await expect(round.connect(donors[0]).refund(1)).to.changeEtherBalance(donors[0], ONE);
      await expect(round.connect(donors[0]).refund(3))
        .to.be.revertedWithCustomError(round, "RoundNothingToRefund")
        .withArgs(3n, donors[0].address);
      await expect(round.connect(funders[0]).reclaimFunding())
        .to.emit(round, "FundingReturned")
        .withArgs(funders[0].address, 10n * ONE);
      await expect(round.connect(funders[1]).reclaimFunding())
        .to.be.revertedWithCustomError(round, "RoundNothingToReclaim")
        .withArgs(funders[1].address);
      expect(await balanceOf(await round.getAddress())).to.equal(0n);
    });

    it("cannot cancel after finalisation", async function () {
      const fx = await loadFixture(deployDonatingRoundFixture);
      await moveTo(fx.round, Phase.Tallying);
      await fx.round.connect(fx.operator).cancel();
      const round = await createRound(fx);
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await expect(round.connect(fx.operator).cancel())
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Finalized, Phase.Tallying);
    });
  });

  describe("extendPhase", function () {
    it("moves a still-open phase's end later, never reopens a closed one", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      const c = await round.config();
      await expect(round.connect(fx.donors[0]).extendPhase(Phase.Applications, c.applicationsEnd + 10n))
        .to.be.revertedWithCustomError(round, "RoundNotOperator")
        .withArgs(fx.donors[0].address);
      await expect(round.connect(fx.operator).extendPhase(Phase.Applications, c.applicationsEnd + 10n))
        .to.emit(round, "PhaseExtended")
        .withArgs(Phase.Applications, c.applicationsEnd, c.applicationsEnd + 10n);
      await expect(round.connect(fx.operator).extendPhase(Phase.Applications, c.donationsStart + 1n))
        .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
        .withArgs(Phase.Applications, c.applicationsEnd + 10n, c.donationsStart + 1n);
      await expect(round.connect(fx.operator).extendPhase(Phase.Applications, c.applicationsEnd))
        .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
        .withArgs(Phase.Applications, c.applicationsEnd + 10n, c.applicationsEnd);
      await expect(round.connect(fx.operator).extendPhase(Phase.Review, c.donationsStart + 10n))
        .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
        .withArgs(Phase.Review, 0n, c.donationsStart + 10n);
      await moveTo(round, Phase.Review);
      await expect(round.connect(fx.operator).extendPhase(Phase.Applications, c.applicationsEnd + 20n))
        .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
        .withArgs(Phase.Applications, c.applicationsEnd + 10n, c.applicationsEnd + 20n);
      await round.connect(fx.operator).extendPhase(Phase.Donations, c.donationsEnd + 500n);
      await time.increaseTo(c.donationsEnd);
      expect(await round.phase()).to.equal(Phase.Donations);
      await expect(round.connect(fx.operator).extendPhase(Phase.Donations, c.donationsEnd + 400n))
        .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
        .withArgs(Phase.Donations, c.donationsEnd + 500n, c.donationsEnd + 400n);
      await time.increaseTo(c.donationsEnd + 500n);
      expect(await round.phase()).to.equal(Phase.Tallying);
      await expect(round.connect(fx.operator).extendPhase(Phase.Donations, c.donationsEnd + 900n))
        .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
        .withArgs(Phase.Donations, c.donationsEnd + 500n, c.donationsEnd + 900n);
      await round.connect(fx.operator).cancel();
    });

    it("refuses the current end (no change) and every phase but applications and donations", async function () {
      // Killed mutants (docs/mutation.md): `newEnd <= currentEnd` -> `<`, `phase_ == Donations` -> `>=`.
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      const c = await round.config();
      await expect(round.connect(fx.operator).extendPhase(Phase.Applications, c.applicationsEnd))
        .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
        .withArgs(Phase.Applications, c.applicationsEnd, c.applicationsEnd);
      await expect(round.connect(fx.operator).extendPhase(Phase.Donations, c.donationsEnd))
        .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
        .withArgs(Phase.Donations, c.donationsEnd, c.donationsEnd);
      for (const p of [Phase.Upcoming, Phase.Tallying, Phase.Finalized, Phase.Cancelled]) {
        await expect(round.connect(fx.operator).extendPhase(p, c.donationsEnd + 100n))
          .to.be.revertedWithCustomError(round, "RoundInvalidExtension")
          .withArgs(p, 0n, c.donationsEnd + 100n);
      }
      const after = await round.config();
      expect([after.applicationsEnd, after.donationsEnd]).to.deep.equal([c.applicationsEnd, c.donationsEnd]);
    });
  });

  describe("re-entrancy", function () {
    const Attack = {
      Refund: 1,
      Claim: 2,
      Reclaim: 3,
      Donate: 4,
      Fund: 5,
      FundWithPermit: 6,
      DonateWithPermit: 7,
      DonateMany: 8,
      DonateFor: 9,
      Checkout: 10,
      Inflate: 11,
    } as const;

    async function attacker(round: Round): Promise<MockRoundAttacker> {
      const Attacker = await ethers.getContractFactory("MockRoundAttacker");
      return (await Attacker.deploy(await round.getAddress())) as unknown as MockRoundAttacker;
    }

    it("a native-currency attacker re-entering on refund, claim and reclaim gains nothing", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx);
      const evil = await attacker(round);
      await evil.applyProject("ipfs://evil");
      await round.connect(fx.reviewers[0]).reviewApplication(1, true);
      await applyAndApprove(fx, round, [fx.owners[0]]);
      await evil.fund(ONE, { value: ONE });
      await round.connect(fx.funders[0]).fund(9n * ONE, { value: 9n * ONE });
      await moveTo(round, Phase.Donations);
      await evil.donate(2, ONE, { value: ONE });
      await round.connect(fx.donors[0]).donate(1, ONE, "0x", { value: ONE });
      await round.connect(fx.donors[1]).donate(1, ONE, "0x", { value: ONE });
      await round.connect(fx.reviewers[0]).voteRemoval(2); // project 2 removed: evil may refund
      await evil.setAttack(Attack.Refund, 2);
      await expect(evil.refund(2)).to.changeEtherBalance(evil, ONE);
      expect(await evil.reentries()).to.equal(1n);
      expect(await evil.reentrySucceeded()).to.equal(0n);
      await moveTo(round, Phase.Tallying);
      await round.finalize();
      await moveToOpenClaims(round);
      await evil.setAttack(Attack.Claim, 1); // Claim again from inside the payout
      const payout = 2n * ONE + (await round.matchOf(1));
      await expect(round.claim(1)).to.changeEtherBalance(evil, payout);
      expect(await evil.reentrySucceeded()).to.equal(0n);
      await evil.setAttack(Attack.Reclaim, 0); // Reclaim again from inside the return
      // Leftover: 10 - 2 = 8, of which evil gave a tenth.
      await expect(evil.reclaimFunding()).to.changeEtherBalance(evil, (8n * ONE) / 10n);
      expect(await evil.reentries()).to.equal(3n);
      expect(await evil.reentrySucceeded()).to.equal(0n);
      await expect(evil.reclaimFunding()).to.be.revertedWithCustomError(round, "RoundNothingToReclaim");
    });

    it("an ERC-777-style hook attacker re-entering on donation and refund gains nothing", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const round = await createRound(fx, { token: await fx.hookToken.getAddress() });
      const evil = await attacker(round);
      await applyAndApprove(fx, round, [fx.owners[0]]);
      await fx.hookToken.mint(await evil.getAddress(), 10n * ONE);
      await evil.approve(await fx.hookToken.getAddress(), await round.getAddress(), ethers.MaxUint256);
      await moveTo(round, Phase.Donations);
      await evil.setAttack(Attack.Donate, 1); // Donate again from inside tokensToSend
      await evil.donate(1, ONE);
      expect(await evil.reentries()).to.equal(1n);
      expect(await evil.reentrySucceeded()).to.equal(0n);
      expect(await round.donationOf(1, await evil.getAddress())).to.equal(ONE);
      await round.connect(fx.operator).cancel();
      await evil.setAttack(Attack.Refund, 1); // Refund again from inside tokensReceived
      await evil.refund(1);
      expect(await evil.reentrySucceeded()).to.equal(0n);
      expect(await fx.hookToken.balanceOf(await evil.getAddress())).to.equal(10n * ONE);
      expect(await fx.hookToken.balanceOf(await round.getAddress())).to.equal(0n);
    });

    it("re-entering any entry point from a token hook fails; a token that inflates a transfer is not over-credited", async function () {
      const fx = await loadFixture(deployFundingFixture);
      const token = fx.hookToken;
      const round = await createRound(fx, { token: await token.getAddress() });
      const roundAddr = await round.getAddress();
      const evil = await attacker(round);
      const evilAddr = await evil.getAddress();
      await applyAndApprove(fx, round, [fx.owners[0]]);
      await token.mint(evilAddr, 100n * ONE);
      await evil.approve(await token.getAddress(), roundAddr, ethers.MaxUint256);
      await evil.approve(await token.getAddress(), await fx.factory.getAddress(), ethers.MaxUint256);
      await moveTo(round, Phase.Donations);
      const viaDonate = [Attack.Donate, Attack.DonateWithPermit, Attack.DonateMany, Attack.DonateFor];
      for (const a of viaDonate) {
        await evil.setAttack(a, 1);
        await evil.donate(1, ONE);
      }
      for (const a of [Attack.Fund, Attack.FundWithPermit]) {
        await evil.setAttack(a, 1);
        await evil.fund(ONE);
      }
      await evil.setAttack(Attack.Checkout, 1);
      await evil.checkout(1, ONE);
      expect(await evil.reentries()).to.equal(7n);
      expect(await evil.reentrySucceeded()).to.equal(0n);
      expect(await round.donationOf(1, evilAddr)).to.equal(5n * ONE);
      expect(await round.fundingOf(evilAddr)).to.equal(2n * ONE);
      expect(await token.balanceOf(roundAddr)).to.equal(7n * ONE);
      // One extra token arrives during the transfer: the donor is credited the amount asked, no more.
      await evil.setAttack(Attack.Inflate, 1);
      await evil.donate(1, ONE);
      expect(await round.donationOf(1, evilAddr)).to.equal(6n * ONE);
      expect(await token.balanceOf(roundAddr)).to.equal(8n * ONE + 1n);
    });
  });
});
