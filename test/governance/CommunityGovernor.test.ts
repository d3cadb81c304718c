import { expect } from "chai";
import { artifacts, ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import {
  BALLOT_TYPES,
  EXTENDED_BALLOT_TYPES,
  EXPIRY_PERIOD,
  LATE_QUORUM_EXTENSION,
  State,
  TIMELOCK_DELAY,
  VOTING_PERIOD,
  Vote,
  buildProposal,
  communityConfig,
  createCommunity,
  deployCommunitiesFixture,
  governorDomain,
  openVote,
  ops,
  propose,
  stateBitmap,
  toDeadline,
  toVoting,
  ZERO_HASH,
  timelockSalt,
  type Community,
} from "../helpers/dao";

const e = (n: number | string) => ethers.parseEther(String(n));

/** Founders alice 100, bob 400, carol 900 tokens; dave is not a member. One community per counting mode. */
async function deployGovernorFixture() {
  const { factory, signers } = await deployCommunitiesFixture();
  const [, alice, bob, carol, dave, relayer] = signers;
  const founders = [alice.address, bob.address, carol.address];
  const amounts = [e(100), e(400), e(900)];
  const simple = (await createCommunity(factory, communityConfig("bioregion", "simple"), founders, amounts)).community;
  const quadratic = (
    await createCommunity(factory, communityConfig("guild", "quadratic", { openExecution: false }), founders, amounts)
  ).community;
  const erc20 = await ethers.deployContract("MockERC20", ["Dao Test Token", "DTT", 0]);
  for (const c of [simple, quadratic]) {
    await alice.sendTransaction({ to: await c.timelock.getAddress(), value: e(5) });
    await erc20.mint(await c.timelock.getAddress(), e(1000));
  }
  return { factory, simple, quadratic, erc20, alice, bob, carol, dave, relayer };
}

type Fixture = Awaited<ReturnType<typeof deployGovernorFixture>>;

/** A proposal paying dave 1 native coin and 100 test tokens out of the treasury. */
async function payoutProposal(f: Fixture, c: Community, description = "Pay dave for the seed library") {
  return buildProposal(
    c.governor,
    [
      { target: f.dave.address, value: e(1) },
      {
        target: await f.erc20.getAddress(),
        data: f.erc20.interface.encodeFunctionData("transfer", [f.dave.address, e(100)]),
      },
    ],
    description,
  );
}

describe("CommunityGovernor", function () {
  describe("standard interfaces", function () {
    it("reports IGovernor through ERC-165, the counting mode of each variant, and the timestamp clock", async function () {
      const { simple, quadratic } = await loadFixture(deployGovernorFixture);
      // IGovernor interface id as OpenZeppelin's Governor computes it.
      // type(IGovernor).interfaceId: the XOR of its own selectors (not those of IERC165 and IERC6372).
      const inherited = new Set(["supportsInterface", "clock", "CLOCK_MODE"]);
      const igovernor = (await ethers.getContractFactory("CommunityGovernor")).interface;
      const iface = new ethers.Interface((await artifacts.readArtifact("IGovernor")).abi);
      let id = 0n;
      iface.forEachFunction((fn) => {
        if (!inherited.has(fn.name)) id ^= BigInt(fn.selector);
      });
      for (const c of [simple, quadratic]) {
        expect(await c.governor.supportsInterface(ethers.toBeHex(id, 4))).to.equal(true);
        expect(await c.governor.supportsInterface("0x01ffc9a7")).to.equal(true); // ERC-165
        expect(await c.governor.supportsInterface("0xffffffff")).to.equal(false);
      }
      expect(igovernor.getFunction("castVoteBySig")).to.not.equal(null);
      expect(await simple.governor.COUNTING_MODE()).to.equal(
        "support=bravo,fractional&quorum=for,abstain&params=fractional",
      );
      expect(await quadratic.governor.COUNTING_MODE()).to.equal(
        "support=bravo,fractional&quorum=for,abstain&params=fractional&weight=sqrt",
      );
      expect(await simple.governor.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await simple.governor.clock()).to.equal(await time.latest());
      expect(await simple.governor.name()).to.equal("Cascadia Watershed Commons");
      expect(await simple.governor.token()).to.equal(await simple.token.getAddress());
      expect(await simple.governor.timelock()).to.equal(await simple.timelock.getAddress());
      expect(await simple.governor.lateQuorumVoteExtension()).to.equal(LATE_QUORUM_EXTENSION);
    });

    it("refuses to be initialised twice", async function () {
      const { simple } = await loadFixture(deployGovernorFixture);
      const settings = communityConfig("bioregion", "simple").governor;
      await expect(
        simple.governor.initialize("x", await simple.token.getAddress(), await simple.timelock.getAddress(), settings),
      ).to.be.revertedWithCustomError(simple.governor, "InvalidInitialization");
    });
  });

  for (const mode of ["simple", "quadratic"] as const) {
    describe(`full proposal lifecycle, ${mode} counting`, function () {
      const pick = (f: Fixture) => (mode === "simple" ? f.simple : f.quadratic);
      const weight = (tokens: number) => (mode === "simple" ? e(tokens) : BigInt(Math.floor(Math.sqrt(tokens * 1e18))));

      it("goes pending, active, succeeded, queued, executed and pays out of the treasury", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await expect(propose(c.governor, f.bob, p)).to.emit(c.governor, "ProposalCreated");
        expect(await c.governor.state(p.id)).to.equal(State.Pending);
        await expect(c.governor.connect(f.carol).castVote(p.id, Vote.For))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnexpectedProposalState")
          .withArgs(p.id, State.Pending, stateBitmap(State.Active));

        await toVoting(c.governor, p.id);
        expect(await c.governor.state(p.id)).to.equal(State.Active);
        await expect(c.governor.connect(f.carol).castVoteWithReason(p.id, Vote.For, "seeds matter"))
          .to.emit(c.governor, "VoteCast")
          .withArgs(f.carol.address, p.id, Vote.For, weight(900), "seeds matter");
        await c.governor.connect(f.alice).castVote(p.id, Vote.Against);
        await c.governor.connect(f.bob).castVote(p.id, Vote.Abstain);
        expect(await c.governor.proposalVotes(p.id)).to.deep.equal([weight(100), weight(900), weight(400)]);
        expect(await c.governor.hasVoted(p.id, f.carol.address)).to.equal(true);
        expect(await c.governor.hasVoted(p.id, f.dave.address)).to.equal(false);

        await toDeadline(c.governor, p.id);
        expect(await c.governor.state(p.id)).to.equal(State.Succeeded);
        await expect(c.governor.execute(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnexpectedProposalState")
          .withArgs(p.id, State.Succeeded, stateBitmap(State.Queued));
        await expect(c.governor.queue(...ops(p))).to.emit(c.governor, "ProposalQueued");
        expect(await c.governor.state(p.id)).to.equal(State.Queued);
        await expect(c.governor.queue(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnexpectedProposalState")
          .withArgs(p.id, State.Queued, stateBitmap(State.Succeeded));
        await expect(c.governor.execute(...ops(p))).to.be.revertedWithCustomError(
          c.timelock,
          "TimelockUnexpectedOperationState",
        );

        await time.increaseTo(await c.governor.proposalEta(p.id));
        const tx = c.governor.execute(...ops(p));
        await expect(tx).to.changeEtherBalances([c.timelock, f.dave], [-e(1), e(1)]);
        await expect(tx).to.changeTokenBalances(f.erc20, [c.timelock, f.dave], [-e(100), e(100)]);
        expect(await c.governor.state(p.id)).to.equal(State.Executed);
        await expect(c.governor.execute(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnexpectedProposalState")
          .withArgs(p.id, State.Executed, stateBitmap(State.Queued));
      });

      it("is defeated when more weight votes against, and cannot be queued", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        await c.governor.connect(f.carol).castVote(p.id, Vote.Against);
        await c.governor.connect(f.bob).castVote(p.id, Vote.For);
        await toDeadline(c.governor, p.id);
        expect(await c.governor.state(p.id)).to.equal(State.Defeated);
        await expect(c.governor.queue(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnexpectedProposalState")
          .withArgs(p.id, State.Defeated, stateBitmap(State.Succeeded));
      });

      it("is defeated when quorum is not reached", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        await c.governor.connect(f.alice).castVote(p.id, Vote.For);
        await toDeadline(c.governor, p.id);
        expect(await c.governor.state(p.id)).to.equal(State.Defeated);
      });

      it("can be cancelled by its proposer while pending, and by nobody else", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await propose(c.governor, f.bob, p);
        await expect(c.governor.connect(f.carol).cancel(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnableToCancel")
          .withArgs(p.id, f.carol.address);
        await expect(c.governor.connect(f.bob).cancel(...ops(p)))
          .to.emit(c.governor, "ProposalCanceled")
          .withArgs(p.id);
        expect(await c.governor.state(p.id)).to.equal(State.Canceled);
        await expect(c.governor.connect(f.carol).castVote(p.id, Vote.For))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnexpectedProposalState")
          .withArgs(p.id, State.Canceled, stateBitmap(State.Active));
      });

      it("expires when succeeded but not queued within 30 days", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        await c.governor.connect(f.carol).castVote(p.id, Vote.For);
        const deadline = await c.governor.proposalDeadline(p.id);
        await time.increaseTo(deadline + BigInt(EXPIRY_PERIOD));
        expect(await c.governor.state(p.id)).to.equal(State.Succeeded);
        await time.increase(1);
        expect(await c.governor.state(p.id)).to.equal(State.Expired);
        await expect(c.governor.queue(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnexpectedProposalState")
          .withArgs(p.id, State.Expired, stateBitmap(State.Succeeded));
      });

      it("expires when queued but not executed within 30 days of its eta", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        await c.governor.connect(f.carol).castVote(p.id, Vote.For);
        await toDeadline(c.governor, p.id);
        await c.governor.queue(...ops(p));
        await time.increaseTo((await c.governor.proposalEta(p.id)) + BigInt(EXPIRY_PERIOD) + 1n);
        expect(await c.governor.state(p.id)).to.equal(State.Expired);
        await expect(c.governor.execute(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "GovernorUnexpectedProposalState")
          .withArgs(p.id, State.Expired, stateBitmap(State.Queued));
      });

      it("anyone can cancel the timelock operation of an expired proposal, so it can never run", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        await c.governor.connect(f.carol).castVote(p.id, Vote.For);
        await toDeadline(c.governor, p.id);
        await c.governor.queue(...ops(p));
        const salt = timelockSalt(await c.governor.getAddress(), p.descriptionHash);
        const opId = await c.timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ZERO_HASH, salt);
        expect(await c.timelock.isOperationPending(opId)).to.equal(true);
        await time.increaseTo((await c.governor.proposalEta(p.id)) + BigInt(EXPIRY_PERIOD) + 1n);
        expect(await c.governor.state(p.id)).to.equal(State.Expired);
        await expect(c.governor.connect(f.dave).cancelExpired(...ops(p)))
          .to.emit(c.governor, "ExpiredProposalCancelled")
          .withArgs(p.id, f.dave.address)
          .and.to.emit(c.governor, "ProposalCanceled")
          .withArgs(p.id)
          .and.to.emit(c.timelock, "Cancelled")
          .withArgs(opId);
        expect(await c.timelock.isOperation(opId)).to.equal(false);
        expect(await c.governor.state(p.id)).to.equal(State.Canceled);
        // Not even an open-execution timelock (the simple community's) runs it any more.
        if (mode === "simple") {
          await expect(c.timelock.connect(f.dave).executeBatch(p.targets, p.values, p.calldatas, ZERO_HASH, salt))
            .to.be.revertedWithCustomError(c.timelock, "TimelockUnexpectedOperationState")
            .withArgs(opId, stateBitmap(2n)); // OperationState.Ready
        }
        await expect(c.governor.connect(f.dave).cancelExpired(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "CommunityGovernorProposalNotExpired")
          .withArgs(p.id, State.Canceled);
      });

      it("cancels an expired proposal that was never queued, and refuses every state but Expired", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        const notExpired = (s: bigint) =>
          expect(c.governor.connect(f.dave).cancelExpired(...ops(p)))
            .to.be.revertedWithCustomError(c.governor, "CommunityGovernorProposalNotExpired")
            .withArgs(p.id, s);
        await expect(c.governor.cancelExpired(...ops(p)))
          .to.be.revertedWithCustomError(c.governor, "GovernorNonexistentProposal")
          .withArgs(p.id);
        await propose(c.governor, f.bob, p);
        await notExpired(State.Pending);
        await toVoting(c.governor, p.id);
        await notExpired(State.Active);
        await c.governor.connect(f.carol).castVote(p.id, Vote.For);
        await toDeadline(c.governor, p.id);
        await notExpired(State.Succeeded);
        await time.increase(EXPIRY_PERIOD);
        expect(await c.governor.state(p.id)).to.equal(State.Expired);
        await expect(c.governor.connect(f.dave).cancelExpired(...ops(p)))
          .to.emit(c.governor, "ExpiredProposalCancelled")
          .withArgs(p.id, f.dave.address)
          .and.not.to.emit(c.timelock, "Cancelled");
        expect(await c.governor.state(p.id)).to.equal(State.Canceled);
        // A queued proposal, then executed, is not expired either.
        const q = await payoutProposal(f, c, "Pay dave again");
        await openVote(c.governor, f.bob, q);
        await c.governor.connect(f.carol).castVote(q.id, Vote.For);
        await toDeadline(c.governor, q.id);
        await c.governor.queue(...ops(q));
        await expect(c.governor.cancelExpired(...ops(q)))
          .to.be.revertedWithCustomError(c.governor, "CommunityGovernorProposalNotExpired")
          .withArgs(q.id, State.Queued);
        await time.increaseTo(await c.governor.proposalEta(q.id));
        await c.governor.execute(...ops(q));
        await expect(c.governor.cancelExpired(...ops(q)))
          .to.be.revertedWithCustomError(c.governor, "CommunityGovernorProposalNotExpired")
          .withArgs(q.id, State.Executed);
      });

      it("extends the vote when quorum is reached late", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await propose(c.governor, f.bob, p);
        const deadline = await c.governor.proposalDeadline(p.id);
        await time.increaseTo(deadline - 10n);
        await expect(c.governor.connect(f.carol).castVote(p.id, Vote.For)).to.emit(c.governor, "ProposalExtended");
        const extended = await c.governor.proposalDeadline(p.id);
        expect(extended).to.equal(BigInt(await time.latest()) + BigInt(LATE_QUORUM_EXTENSION));
        await time.increaseTo(deadline + 1n);
        expect(await c.governor.state(p.id)).to.equal(State.Active);
      });

      it("refuses a second vote, an unknown vote type and votes beyond the voter's weight", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        await expect(c.governor.connect(f.bob).castVote(p.id, 3)).to.be.revertedWithCustomError(
          c.governor,
          "GovernorInvalidVoteType",
        );
        await c.governor.connect(f.bob).castVote(p.id, Vote.For);
        await expect(c.governor.connect(f.bob).castVote(p.id, Vote.Against))
          .to.be.revertedWithCustomError(c.governor, "GovernorAlreadyCastVote")
          .withArgs(f.bob.address);
        expect(await c.governor.proposalVotes(p.id)).to.deep.equal([0n, weight(400), 0n]);
        // A member whose weight is zero (not a member) cannot vote either.
        await expect(c.governor.connect(f.dave).castVote(p.id, Vote.For))
          .to.be.revertedWithCustomError(c.governor, "GovernorAlreadyCastVote")
          .withArgs(f.dave.address);
      });

      it("lets an account split its weight (fractional votes) and refuses more than its weight", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        const w = weight(900);
        const split = (against: bigint, forVotes: bigint, abstain: bigint) =>
          ethers.solidityPacked(["uint128", "uint128", "uint128"], [against, forVotes, abstain]);
        await c.governor.connect(f.carol).castVoteWithReasonAndParams(p.id, 255, "", split(w / 3n, w / 3n, 0n));
        await expect(c.governor.connect(f.carol).castVoteWithReasonAndParams(p.id, 255, "", split(w, 0n, 0n)))
          .to.be.revertedWithCustomError(c.governor, "GovernorExceedRemainingWeight")
          .withArgs(f.carol.address, w, w - 2n * (w / 3n));
        await c.governor.connect(f.carol).castVote(p.id, Vote.Abstain);
        expect(await c.governor.proposalVotes(p.id)).to.deep.equal([w / 3n, w / 3n, w - 2n * (w / 3n)]);
      });

      it("refuses proposals from members below the threshold", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await expect(propose(c.governor, f.dave, p))
          .to.be.revertedWithCustomError(c.governor, "GovernorInsufficientProposerVotes")
          .withArgs(f.dave.address, 0n, await c.governor.proposalThreshold());
      });

      it("counts votes by EIP-712 signature, relayed by anyone, once", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        const nonce = await c.governor.nonces(f.carol.address);
        const signature = await f.carol.signTypedData(await governorDomain(c.governor), BALLOT_TYPES, {
          proposalId: p.id,
          support: Vote.For,
          voter: f.carol.address,
          nonce,
        });
        const tx = await c.governor.connect(f.relayer).castVoteBySig(p.id, Vote.For, f.carol.address, signature);
        await expect(tx).to.emit(c.governor, "VoteCast").withArgs(f.carol.address, p.id, Vote.For, weight(900), "");
        const receipt = await tx.wait();
        console.log(`      gas castVoteBySig (${mode}): ${receipt!.gasUsed}`);
        await expect(c.governor.connect(f.relayer).castVoteBySig(p.id, Vote.For, f.carol.address, signature))
          .to.be.revertedWithCustomError(c.governor, "GovernorInvalidSignature")
          .withArgs(f.carol.address);
        // An extended ballot carries a reason (and params), signed too.
        const extended = await f.bob.signTypedData(await governorDomain(c.governor), EXTENDED_BALLOT_TYPES, {
          proposalId: p.id,
          support: Vote.Abstain,
          voter: f.bob.address,
          nonce: await c.governor.nonces(f.bob.address),
          reason: "need more data",
          params: "0x",
        });
        await expect(
          c.governor
            .connect(f.relayer)
            .castVoteWithReasonAndParamsBySig(p.id, Vote.Abstain, f.bob.address, "need more data", "0x", extended),
        )
          .to.emit(c.governor, "VoteCast")
          .withArgs(f.bob.address, p.id, Vote.Abstain, weight(400), "need more data");
        // A signature by someone else for bob is not bob's vote.
        const forged = await f.alice.signTypedData(await governorDomain(c.governor), BALLOT_TYPES, {
          proposalId: p.id,
          support: Vote.Against,
          voter: f.dave.address,
          nonce: await c.governor.nonces(f.dave.address),
        });
        await expect(c.governor.connect(f.relayer).castVoteBySig(p.id, Vote.Against, f.dave.address, forged))
          .to.be.revertedWithCustomError(c.governor, "GovernorInvalidSignature")
          .withArgs(f.dave.address);
      });

      it("measures castVote gas", async function () {
        const f = await loadFixture(deployGovernorFixture);
        const c = pick(f);
        const p = await payoutProposal(f, c);
        await openVote(c.governor, f.bob, p);
        const r1 = await (await c.governor.connect(f.alice).castVote(p.id, Vote.For)).wait();
        const r2 = await (await c.governor.connect(f.bob).castVote(p.id, Vote.Against)).wait();
        console.log(`      gas castVote (${mode}): first ${r1!.gasUsed}, second ${r2!.gasUsed}`);
        expect(r1!.gasUsed).to.be.lessThan(150_000n);
      });
    });
  }

  describe("quadratic counting, exact numbers", function () {
    /** Four members of 100 tokens and a whale of 900, in both modes, plus members of 8 and 9 tokens. */
    async function deployQuadraticFixture() {
      const { factory, signers } = await deployCommunitiesFixture();
      const [, a, b, c, d, whale, eight, nine] = signers;
      const founders = [a, b, c, d, whale, eight, nine].map((s) => s.address);
      const amounts = [e(100), e(100), e(100), e(100), e(900), e(8), e(9)];
      const simple = (await createCommunity(factory, communityConfig("guild", "simple"), founders, amounts)).community;
      const quadratic = (await createCommunity(factory, communityConfig("guild", "quadratic"), founders, amounts))
        .community;
      return { simple, quadratic, small: [a, b, c, d], whale, eight, nine };
    }

    it("weighs each member by the square root of their tokens, rounded down", async function () {
      const { quadratic, small, whale, eight } = await loadFixture(deployQuadraticFixture);
      await time.increase(1);
      const t = (await time.latest()) - 1;
      expect(await quadratic.governor.getVotes(small[0].address, t)).to.equal(10_000_000_000n); // sqrt(100e18)
      expect(await quadratic.governor.getVotes(whale.address, t)).to.equal(30_000_000_000n); // sqrt(900e18)
      expect(await quadratic.governor.getVotes(eight.address, t)).to.equal(2_828_427_124n); // floor(sqrt(8e18))
      // Total weight 4 x 1e10 + 3e10 + 2_828_427_124 + 3e9 = 75_828_427_124; quorum 20%, rounded up.
      expect(await quadratic.token.getPastTotalQuadraticWeight(t)).to.equal(75_828_427_124n);
      expect(await quadratic.governor.quorum(t)).to.equal(15_165_685_425n);
      expect(await quadratic.token.getPastTotalSupply(t)).to.equal(e(1317));
    });

    it("lets four members of 100 outvote a member of 900, who wins under simple counting", async function () {
      const { simple, quadratic, small, whale } = await loadFixture(deployQuadraticFixture);
      for (const c of [simple, quadratic]) {
        const p = await buildProposal(
          c.governor,
          [
            {
              target: await c.profile.getAddress(),
              data: c.profile.interface.encodeFunctionData("setDomain", ["cob and straw"]),
            },
          ],
          "Rename the craft",
        );
        await openVote(c.governor, whale, p);
        for (const s of small) await c.governor.connect(s).castVote(p.id, Vote.For);
        await c.governor.connect(whale).castVote(p.id, Vote.Against);
        await toDeadline(c.governor, p.id);
        if (c === simple) {
          expect(await c.governor.proposalVotes(p.id)).to.deep.equal([e(900), e(400), 0n]);
          expect(await c.governor.state(p.id)).to.equal(State.Defeated);
        } else {
          expect(await c.governor.proposalVotes(p.id)).to.deep.equal([30_000_000_000n, 40_000_000_000n, 0n]);
          expect(await c.governor.state(p.id)).to.equal(State.Succeeded);
        }
      }
    });

    it("compares quorum in weight units: two members of 100 reach it, one does not", async function () {
      const { quadratic, small } = await loadFixture(deployQuadraticFixture);
      const c = quadratic;
      const mk = (d: string) => buildProposal(c.governor, [{ target: small[0].address }], d);
      const one = await mk("one voter");
      const two = await mk("two voters");
      await propose(c.governor, small[0], one);
      await propose(c.governor, small[0], two);
      await toVoting(c.governor, two.id);
      await c.governor.connect(small[0]).castVote(one.id, Vote.For); // 1e10 < 1.52e10
      await c.governor.connect(small[0]).castVote(two.id, Vote.For);
      await c.governor.connect(small[1]).castVote(two.id, Vote.For); // 2e10 >= 1.52e10
      await toDeadline(c.governor, two.id);
      expect(await c.governor.state(one.id)).to.equal(State.Defeated);
      expect(await c.governor.state(two.id)).to.equal(State.Succeeded);
    });

    it("a quadratic quorum of 20% needs 20% of the total quadratic weight: 5 of 100 equal members do not reach it", async function () {
      const { factory, signers } = await deployCommunitiesFixture();
      const voters = signers.slice(1, 6);
      const others = Array.from({ length: 95 }, (_, i) => ethers.getAddress(ethers.toBeHex(0x1000 + i, 20)));
      const founders = [...voters.map((v) => v.address), ...others];
      // 100 members of 9 tokens each: each weighs sqrt(9e18) = 3e9, 3e11 in all.
      const { community: c } = await createCommunity(
        factory,
        communityConfig("guild", "quadratic"),
        founders,
        founders.map(() => e(9)),
      );
      const p = await buildProposal(c.governor, [{ target: voters[0].address }], "five of a hundred");
      await openVote(c.governor, voters[0], p);
      for (const v of voters) await c.governor.connect(v).castVote(p.id, Vote.For);
      const snapshot = await c.governor.proposalSnapshot(p.id);
      expect(await c.governor.proposalVotes(p.id)).to.deep.equal([0n, 15_000_000_000n, 0n]);
      await toDeadline(c.governor, p.id);
      expect(await c.governor.state(p.id)).to.equal(State.Defeated);
      expect(await c.governor.quorum(snapshot)).to.equal(60_000_000_000n); // 20% of 3e11
      expect(await c.token.getPastTotalQuadraticWeight(snapshot)).to.equal(300_000_000_000n);
    });

    it("compares the proposal threshold in weight units: 9 tokens (3e9) may propose, 8 tokens may not", async function () {
      const { quadratic, eight, nine } = await loadFixture(deployQuadraticFixture);
      const c = quadratic;
      expect(await c.governor.proposalThreshold()).to.equal(3_000_000_000n);
      const p = await buildProposal(c.governor, [{ target: eight.address }], "threshold");
      await expect(propose(c.governor, eight, p))
        .to.be.revertedWithCustomError(c.governor, "GovernorInsufficientProposerVotes")
        .withArgs(eight.address, 2_828_427_124n, 3_000_000_000n);
      await expect(propose(c.governor, nine, p)).to.emit(c.governor, "ProposalCreated");
    });
  });

  describe("governance of its own rules and of the community", function () {
    it("changes voting period, threshold, quorum and the profile only through a proposal", async function () {
      const f = await loadFixture(deployGovernorFixture);
      const c = f.simple;
      await expect(c.governor.connect(f.carol).setVotingPeriod(7200))
        .to.be.revertedWithCustomError(c.governor, "GovernorOnlyExecutor")
        .withArgs(f.carol.address);
      await expect(c.governor.connect(f.carol).updateQuorumNumerator(50))
        .to.be.revertedWithCustomError(c.governor, "GovernorOnlyExecutor")
        .withArgs(f.carol.address);
      const g = await c.governor.getAddress();
      const profile = await c.profile.getAddress();
      const p = await buildProposal(
        c.governor,
        [
          { target: g, data: c.governor.interface.encodeFunctionData("setVotingPeriod", [7200]) },
          { target: g, data: c.governor.interface.encodeFunctionData("setProposalThreshold", [e(50)]) },
          { target: g, data: c.governor.interface.encodeFunctionData("updateQuorumNumerator", [30]) },
          {
            target: profile,
            data: c.profile.interface.encodeFunctionData("setArea", ["ipfs://new-boundary", ethers.id("new")]),
          },
          {
            target: profile,
            data: c.profile.interface.encodeFunctionData("setCharter", ["ipfs://charter-2", ethers.id("c2")]),
          },
          { target: profile, data: c.profile.interface.encodeFunctionData("setName", ["Salish Sea Commons"]) },
        ],
        "Update the rules and the boundary",
      );
      await openVote(c.governor, f.carol, p);
      await c.governor.connect(f.carol).castVote(p.id, Vote.For);
      await toDeadline(c.governor, p.id);
      await c.governor.queue(...ops(p));
      await time.increase(TIMELOCK_DELAY);
      await expect(c.governor.connect(f.dave).execute(...ops(p)))
        .to.emit(c.profile, "AreaChanged")
        .withArgs("ipfs://new-boundary", ethers.id("new"));
      expect(await c.governor.votingPeriod()).to.equal(7200);
      expect(await c.governor.proposalThreshold()).to.equal(e(50));
      expect(await c.governor["quorumNumerator()"]()).to.equal(30);
      expect(await c.profile.name()).to.equal("Salish Sea Commons");
      expect((await c.profile.identity()).charterURI).to.equal("ipfs://charter-2");
    });

    it("refuses native deposits to the governor itself (the timelock holds the treasury)", async function () {
      const f = await loadFixture(deployGovernorFixture);
      await expect(
        f.alice.sendTransaction({ to: await f.simple.governor.getAddress(), value: 1n }),
      ).to.be.revertedWithCustomError(f.simple.governor, "GovernorDisabledDeposit");
    });

    it("keeps the vote period of the old rules for proposals already open", async function () {
      const f = await loadFixture(deployGovernorFixture);
      const p = await payoutProposal(f, f.simple);
      await propose(f.simple.governor, f.bob, p);
      expect(
        (await f.simple.governor.proposalDeadline(p.id)) - (await f.simple.governor.proposalSnapshot(p.id)),
      ).to.equal(VOTING_PERIOD);
    });
  });

  describe("ERC-1271 voters", function () {
    it("counts a vote signed for a smart-account member", async function () {
      const { factory, signers } = await deployCommunitiesFixture();
      const [, owner, relayer] = signers;
      const wallet = await ethers.deployContract("ERC1271WalletMock", [owner.address]);
      const w = await wallet.getAddress();
      // Threshold 0, so that a relayer can propose: the wallet cannot send transactions itself here.
      const { community: open } = await createCommunity(
        factory,
        communityConfig("guild", "simple", {
          governor: { ...communityConfig("guild", "simple").governor, proposalThreshold: 0n },
        }),
        [w],
        [e(100)],
      );
      const q = await buildProposal(open.governor, [{ target: owner.address }], "smart account");
      await propose(open.governor, relayer, q);
      await toVoting(open.governor, q.id);
      const signature = await owner.signTypedData(await governorDomain(open.governor), BALLOT_TYPES, {
        proposalId: q.id,
        support: Vote.For,
        voter: w,
        nonce: 0n,
      });
      await expect(open.governor.connect(relayer).castVoteBySig(q.id, Vote.For, w, signature))
        .to.emit(open.governor, "VoteCast")
        .withArgs(w, q.id, Vote.For, e(100), "");
    });
  });
});
