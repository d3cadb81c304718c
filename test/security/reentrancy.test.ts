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

import type { Reenterer } from "../../typechain-types";
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
});
