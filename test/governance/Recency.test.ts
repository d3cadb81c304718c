/**
 * Recency in governance and income: a proposal created before a long quiet period and one created
 * after it, with the same votes cast, count the decayed weights the model predicts (simple and
 * quadratic counting), quorum and the proposal threshold read the same weights, and the membrane
 * shares an epoch's income by them.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";

import { isqrt } from "../../scripts/lib/math";
import { RecencyToken } from "../../scripts/lib/recency-model";
import {
  QUORUM_PERCENT,
  Vote,
  buildProposal,
  communityAt,
  communityConfig,
  deployCommunitiesFixture,
  openVote,
} from "../helpers/dao";
import { QUARTER, YEAR, createdAt, deployRecencyCommunity } from "../helpers/recency";

const E = (n: number) => ethers.parseEther(String(n));

async function deployDecayingCommunities() {
  const { factory, signers } = await deployCommunitiesFixture();
  const [, alice, bob, carol, minter] = signers;
  const d = await factory.defaultAccounting();
  const accounting = {
    endorsementThreshold: d.endorsementThreshold,
    stewards: [],
    attestationThreshold: d.attestationThreshold,
    challengeWindow: d.challengeWindow,
    kinds: [],
    membraneTreasuryShareBps: d.membraneTreasuryShareBps,
    halfLife: QUARTER,
  };
  const made = [];
  for (const counting of ["simple", "quadratic"] as const) {
    await factory.createCommunityWithAccounting(
      communityConfig("guild", counting),
      accounting,
      [alice.address, bob.address],
      [E(100), E(20)],
    );
    const community = await communityAt(factory, await factory.communityCount());
    // Governance lets a test minter stand in for the registry (as a proposal may).
    const timelock = await community.timelock.getAddress();
    await impersonateAccount(timelock);
    await setBalance(timelock, E(1));
    const governance = await ethers.getSigner(timelock);
    await community.token.connect(governance).grantRole(await community.token.MINTER_ROLE(), minter.address);
    made.push({ community, governance, counting, start: await createdAt(community.token) });
  }
  return { made, alice, bob, carol, minter };
}

describe("Recency in governance and income", function () {
  for (const index of [0, 1]) {
    const mode = index === 0 ? "simple" : "quadratic";
    it(`${mode} counting: the same votes before and after two quiet years count the decayed weights the model predicts`, async function () {
      const f = await loadFixture(deployDecayingCommunities);
      const { community, start } = f.made[index];
      const { token, governor } = community;
      expect(await token.halfLife()).to.equal(QUARTER);
      const model = new RecencyToken(start, QUARTER);
      model.mint(start, f.alice.address, E(100));
      model.mint(start, f.bob.address, E(20));
      const count = (w: bigint) => (mode === "simple" ? w : isqrt(w));
      const voters = [f.alice, f.bob];

      const runProposal = async (description: string, proposer: (typeof voters)[number]) => {
        const p = await buildProposal(governor, [{ target: await token.getAddress(), data: "0x" }], description);
        await openVote(governor, proposer, p);
        for (const v of voters) await governor.connect(v).castVote(p.id, Vote.For);
        const snapshot = await governor.proposalSnapshot(p.id);
        const votes = await governor.proposalVotes(p.id);
        const expected = voters.reduce((sum, v) => sum + count(model.getPastVotes(v.address, snapshot)), 0n);
        expect(votes.forVotes).to.equal(expected);
        const total =
          mode === "simple" ? model.getPastTotalSupply(snapshot) : model.getPastTotalQuadraticWeight(snapshot);
        const quorum = mode === "simple" ? (total * QUORUM_PERCENT) / 100n : (total * QUORUM_PERCENT + 99n) / 100n;
        expect(await governor.quorum(snapshot)).to.equal(quorum);
        return { id: p.id, snapshot, forVotes: votes.forVotes, quorum };
      };

      const before = await runProposal("before the quiet period", f.alice);
      await time.increase(2n * YEAR);
      // Carol contributes now; the founders receive nothing.
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await token.connect(f.minter).mint(f.carol.address, E(30));
      model.mint(t, f.carol.address, E(30));
      voters.push(f.carol);
      const after = await runProposal("after the quiet period", f.carol);
      // Two years are 8.1 half-lives: the founders' 120 tokens now weigh about 0.4, carol's 30 about 30; alice can no longer propose, carol can.
      expect(after.forVotes).to.be.lessThan(before.forVotes);
      expect(model.getPastVotes(f.carol.address, after.snapshot)).to.be.greaterThan(
        model.getPastVotes(f.alice.address, after.snapshot),
      );
      // The first proposal's tally and quorum are those of its own snapshot, still.
      expect((await governor.proposalVotes(before.id)).forVotes).to.equal(before.forVotes);
      expect(await governor.quorum(before.snapshot)).to.equal(before.quorum);
    });
  }

  it("the proposal threshold reads decayed weight: a founder who stopped contributing falls below it", async function () {
    const f = await loadFixture(deployDecayingCommunities);
    const { community } = f.made[0];
    const p = await buildProposal(community.governor, [{ target: await community.token.getAddress() }], "late");
    await time.increase(2n * YEAR);
    const threshold = await community.governor.proposalThreshold();
    const votes = await community.token.getVotes(f.bob.address);
    expect(votes).to.be.lessThan(threshold);
    await expect(community.governor.connect(f.bob).propose(p.targets, p.values, p.calldatas, p.description))
      .to.be.revertedWithCustomError(community.governor, "GovernorInsufficientProposerVotes")
      .withArgs(f.bob.address, await community.token.getVotes(f.bob.address), threshold);
  });

  it("the membrane shares an epoch's income by the decayed weights at its snapshot", async function () {
    const f = await deployRecencyCommunity(QUARTER);
    const model = new RecencyToken(f.start, QUARTER);
    const t1 = f.start + 10n;
    await time.setNextBlockTimestamp(t1);
    await f.token.connect(f.minter).mint(f.alice.address, E(100));
    model.mint(t1, f.alice.address, E(100));
    const t2 = f.start + YEAR;
    await time.setNextBlockTimestamp(t2);
    await f.token.connect(f.minter).mint(f.bob.address, E(10));
    model.mint(t2, f.bob.address, E(10));
    const m = await f.membrane.getAddress();
    await f.deployer.sendTransaction({ to: m, value: E(1) });
    await time.increase(30n * 86_400n);
    await f.membrane.closeEpoch(ethers.ZeroAddress);
    const e = await f.membrane.epoch(ethers.ZeroAddress, 1n);
    expect(e.supply).to.equal(model.getPastTotalSupply(e.snapshot));
    for (const who of [f.alice, f.bob]) {
      const weight = model.getPastBalance(who.address, e.snapshot);
      const share = (e.toContributors * weight) / e.supply;
      await expect(f.membrane.connect(who).claim(ethers.ZeroAddress, [1n])).to.changeEtherBalance(who, share);
    }
    // Bob's recent 10 tokens earn more than alice's 100 of a year ago (4 half-lives).
    expect(model.getPastBalance(f.bob.address, e.snapshot)).to.be.greaterThan(
      model.getPastBalance(f.alice.address, e.snapshot),
    );
  });
});
