/**
 * Hostile environment, part 4: re-entrancy on the treasury's payouts. A community's timelock pays
 * out what its governance decided; a payee that re-enters the governor (or, with open execution,
 * the timelock itself) while being paid must get nothing more: the whole execution reverts, the
 * proposal stays queued and the treasury keeps its funds, and the genuine payout works afterwards.
 * (Rounds, the membrane and the licence registry have their own re-entrancy tests, listed in
 * docs/SECURITY.md.)
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import type { MockRoundAttacker, Reenterer } from "../../typechain-types";
import { ONE, Phase, createRound, deployFundingFixture, moveTo, moveToOpenClaims } from "../helpers/funding";
import { coins, deployTreasuryCommunity } from "../helpers/security";
import { State, TIMELOCK_DELAY, Vote, buildProposal, openVote, ops, toDeadline } from "../helpers/dao";

const e = coins;

/** A community whose treasury holds 5 coins, and a queued proposal paying 1 coin to a Reenterer. */
async function deployQueuedPayoutFixture() {
  const { governor, timelock, alice, bob, carol } = await deployTreasuryCommunity();
  const payee = (await ethers.deployContract("Reenterer")) as unknown as Reenterer;
  const p = await buildProposal(governor, [{ target: await payee.getAddress(), value: e(1) }], "Pay the payee");
  await openVote(governor, bob, p);
  await governor.connect(carol).castVote(p.id, Vote.For);
  await toDeadline(governor, p.id);
  await governor.queue(...ops(p));
  await time.increase(TIMELOCK_DELAY + 1);
  return { governor, timelock, payee, p, alice };
}

describe("security: re-entrancy on treasury payouts", function () {
  it("a payee re-entering the governor while the timelock pays it gets nothing more", async function () {
    const { governor, timelock, payee, p } = await loadFixture(deployQueuedPayoutFixture);
    const treasury = await timelock.getAddress();
    await payee.setReentry(await governor.getAddress(), governor.interface.encodeFunctionData("execute", [...ops(p)]));
    await expect(governor.execute(...ops(p))).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    expect(await governor.state(p.id)).to.equal(State.Queued);
    expect(await ethers.provider.getBalance(treasury)).to.equal(e(5));
    expect(await ethers.provider.getBalance(await payee.getAddress())).to.equal(0n);

    // Without the re-entry, the payout is made once.
    await payee.setReentry(ethers.ZeroAddress, "0x");
    await governor.execute(...ops(p));
    expect(await governor.state(p.id)).to.equal(State.Executed);
    expect(await ethers.provider.getBalance(await payee.getAddress())).to.equal(e(1));
    expect(await ethers.provider.getBalance(treasury)).to.equal(e(4));
  });

  it("a payee re-entering the timelock directly (open execution) cannot be paid twice", async function () {
    const { governor, timelock, payee, p } = await loadFixture(deployQueuedPayoutFixture);
    const treasury = await timelock.getAddress();
    // The governor's salt for the timelock: bytes20(governor) ^ descriptionHash.
    const salt = ethers.toBeHex((BigInt(await governor.getAddress()) << 96n) ^ BigInt(p.descriptionHash), 32);
    const id = await timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ethers.ZeroHash, salt);
    expect(await timelock.isOperationReady(id)).to.equal(true); // the re-entry names the very operation being paid
    const batch = timelock.interface.encodeFunctionData("executeBatch", [
      p.targets,
      p.values,
      p.calldatas,
      ethers.ZeroHash,
      salt,
    ]);
    await payee.setReentry(treasury, batch);
    await expect(governor.execute(...ops(p))).to.be.reverted;
    expect(await governor.state(p.id)).to.equal(State.Queued);
    expect(await ethers.provider.getBalance(treasury)).to.equal(e(5));
    expect(await ethers.provider.getBalance(await payee.getAddress())).to.equal(0n);
  });

  /** A native round in its applications phase and a MockRoundAttacker pointed at it. */
  async function roundWithAttacker() {
    const fx = await deployFundingFixture();
    const round = await createRound(fx);
    const attacker = (await ethers.deployContract("MockRoundAttacker", [
      await round.getAddress(),
    ])) as unknown as MockRoundAttacker;
    return { fx, round, attacker };
  }

  it("a project recipient re-entering another entry point of the round while it is paid is refused", async function () {
    // Cross-function re-entrancy: while the round pays the attacker its project's payout, the
    // attacker asks for a refund it is genuinely owed (a removed project it donated to). Checks-
    // effects-interactions alone would let that nested refund through; the guard refuses it.
    const { fx, round, attacker } = await roundWithAttacker();
    await attacker.applyProject("ipfs://attacker");
    await round.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://other");
    await round.connect(fx.reviewers[0]).reviewApplication(1, true);
    await round.connect(fx.reviewers[0]).reviewApplication(2, true);
    await moveTo(round, Phase.Donations);
    await attacker.donate(2, ONE, { value: ONE });
    await round.connect(fx.donors[0]).donate(1, ONE, "0x", { value: ONE });
    await round.connect(fx.reviewers[0]).voteRemoval(2); // removed: the attacker is owed a refund
    await moveTo(round, Phase.Tallying);
    await round.finalize();
    await moveToOpenClaims(round); // past the owners' claim period: anyone may claim
    await attacker.setAttack(1 /* Refund */, 2);
    await round.claim(1);
    expect(await attacker.reentries()).to.equal(1n);
    expect(await attacker.reentrySucceeded()).to.equal(0n);
    expect(await round.donationOf(2, await attacker.getAddress())).to.equal(ONE);
    // Outside the payout the refund is the attacker's to take, once.
    await attacker.setAttack(0, 0);
    await attacker.refund(2);
    expect(await round.donationOf(2, await attacker.getAddress())).to.equal(0n);
  });

  it("a funder re-entering refund while its funding of a cancelled round is returned is refused", async function () {
    // Same cross-function case on reclaimFunding (a mutant without its guard survived the other
    // tests, docs/mutation.md): the attacker funded and donated, the round is cancelled, and while
    // its funding comes back it asks for its donation's refund. The guard refuses the nested call.
    const { fx, round, attacker } = await roundWithAttacker();
    await round.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://other");
    await round.connect(fx.reviewers[0]).reviewApplication(1, true);
    await attacker.fund(2n * ONE, { value: 2n * ONE });
    await moveTo(round, Phase.Donations);
    await attacker.donate(1, ONE, { value: ONE });
    await round.connect(fx.operator).cancel();
    await attacker.setAttack(1 /* Refund */, 1);
    await expect(attacker.reclaimFunding()).to.changeEtherBalance(attacker, 2n * ONE);
    expect(await attacker.reentries()).to.equal(1n);
    expect(await attacker.reentrySucceeded()).to.equal(0n);
    expect(await round.donationOf(1, await attacker.getAddress())).to.equal(ONE);
    await attacker.setAttack(0, 0);
    await expect(attacker.refund(1)).to.changeEtherBalance(attacker, ONE);
  });
});
