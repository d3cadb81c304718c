/**
 * Bad input for a community's governance (CommunityGovernor, CommunityTimelock): every
 * state-changing function called with invalid arguments, for an unknown proposal or by the wrong
 * account reverts with its specific custom error, and the proposal, the treasury and the settings
 * are unchanged. Machinery: test/helpers/bad-input.ts.
 */
import { ethers } from "hardhat";

import { describeBadInput } from "../helpers/bad-input";
import { coins, deployTreasuryCommunity } from "../helpers/security";
import { TIMELOCK_DELAY, Vote, buildProposal, ops, propose, stateBitmap } from "../helpers/dao";

const e = coins;
const UNKNOWN = 12345n;

/** The treasury community with bob's proposal (paying dave 1 coin) pending. */
async function deployGovernanceFixture() {
  const { governor, timelock, alice, bob, carol, dave } = await deployTreasuryCommunity();
  const p = await buildProposal(governor, [{ target: dave.address, value: e(1) }], "Pay dave");
  await propose(governor, bob, p);
  return { governor, timelock, p, alice, bob, carol, dave };
}

type Governance = Awaited<ReturnType<typeof deployGovernanceFixture>>;

async function governanceViews(f: Governance): Promise<unknown[]> {
  const g = f.governor;
  return [
    await g.state(f.p.id),
    await g.proposalSnapshot(f.p.id),
    await g.votingDelay(),
    await g.votingPeriod(),
    await g.proposalThreshold(),
    await g["quorumNumerator()"](),
    await g.timelock(),
    await f.timelock.getMinDelay(),
    await Promise.all([f.alice, f.bob, f.carol, f.dave].map((s) => g.nonces(s.address))),
  ];
}

const badSig = ethers.concat([ethers.id("r"), ethers.id("s"), "0x1b"]);

describeBadInput<Governance>({
  contract: "CommunityGovernor",
  fixture: deployGovernanceFixture,
  target: (f) => f.governor,
  snapshot: governanceViews,
  balances: async (f) => [await f.timelock.getAddress()],
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: async (f) =>
        f.governor.initialize("X", await f.governor.token(), await f.governor.timelock(), {
          votingDelay: 1,
          votingPeriod: 100,
          proposalThreshold: 0,
          quorumNumerator: 1,
          lateQuorumExtension: 0,
        }),
      error: "InvalidInitialization",
    },
    {
      fn: "propose",
      what: "by an account below the proposal threshold",
      send: (f) => f.governor.connect(f.dave).propose([f.dave.address], [0n], ["0x"], "mine"),
      error: "GovernorInsufficientProposerVotes",
      args: async (f) => [f.dave.address, 0n, await f.governor.proposalThreshold()],
    },
    {
      fn: "propose",
      what: "targets, values and calldatas of different lengths",
      send: (f) => f.governor.connect(f.carol).propose([f.dave.address], [], ["0x"], "bad"),
      error: "GovernorInvalidProposalLength",
      args: () => [1n, 1n, 0n],
    },
    {
      fn: "propose",
      what: "the same proposal twice",
      send: (f) => f.governor.connect(f.carol).propose(f.p.targets, f.p.values, f.p.calldatas, f.p.description),
      error: "GovernorUnexpectedProposalState",
      args: (f) => [f.p.id, 0n, ethers.ZeroHash],
    },
    {
      fn: "castVote",
      what: "an unknown proposal",
      send: (f) => f.governor.connect(f.carol).castVote(UNKNOWN, Vote.For),
      error: "GovernorNonexistentProposal",
      args: () => [UNKNOWN],
    },
    {
      fn: "castVote",
      what: "before the vote opens",
      send: (f) => f.governor.connect(f.carol).castVote(f.p.id, Vote.For),
      error: "GovernorUnexpectedProposalState",
      args: (f) => [f.p.id, 0n, stateBitmap(1n)],
    },
    {
      fn: "castVoteWithReason",
      what: "an unknown proposal",
      send: (f) => f.governor.connect(f.carol).castVoteWithReason(UNKNOWN, Vote.For, "why"),
      error: "GovernorNonexistentProposal",
      args: () => [UNKNOWN],
    },
    {
      fn: "castVoteWithReasonAndParams",
      what: "an unknown proposal",
      send: (f) => f.governor.connect(f.carol).castVoteWithReasonAndParams(UNKNOWN, Vote.For, "why", "0x"),
      error: "GovernorNonexistentProposal",
      args: () => [UNKNOWN],
    },
    {
      fn: "castVoteBySig",
      what: "a signature that is not the voter's",
      send: (f) => f.governor.castVoteBySig(f.p.id, Vote.For, f.carol.address, badSig),
      error: "GovernorInvalidSignature",
      args: (f) => [f.carol.address],
    },
    {
      fn: "castVoteWithReasonAndParamsBySig",
      what: "a signature that is not the voter's",
      send: (f) => f.governor.castVoteWithReasonAndParamsBySig(f.p.id, Vote.For, f.carol.address, "why", "0x", badSig),
      error: "GovernorInvalidSignature",
      args: (f) => [f.carol.address],
    },
    {
      fn: "queue",
      what: "an unknown proposal",
      send: (f) => f.governor.queue([f.dave.address], [0n], ["0x"], ethers.id("nothing")),
      error: "GovernorNonexistentProposal",
      args: async (f) => [await f.governor.hashProposal([f.dave.address], [0n], ["0x"], ethers.id("nothing"))],
    },
    {
      fn: "execute",
      what: "a proposal that has not passed",
      send: (f) => f.governor.execute(...ops(f.p)),
      error: "GovernorUnexpectedProposalState",
      args: (f) => [f.p.id, 0n, stateBitmap(5n)],
    },
    {
      fn: "cancel",
      what: "by someone other than the proposer",
      send: (f) => f.governor.connect(f.alice).cancel(...ops(f.p)),
      error: "GovernorUnableToCancel",
      args: (f) => [f.p.id, f.alice.address],
    },
    {
      fn: "cancelExpired",
      what: "an unknown proposal",
      send: async (f) => f.governor.cancelExpired([f.dave.address], [0n], ["0x"], ethers.id("nothing")),
      error: "GovernorNonexistentProposal",
      args: async (f) => [await f.governor.hashProposal([f.dave.address], [0n], ["0x"], ethers.id("nothing"))],
    },
    {
      fn: "cancelExpired",
      what: "a proposal that is not expired (pending)",
      send: (f) => f.governor.connect(f.alice).cancelExpired(...ops(f.p)),
      error: "CommunityGovernorProposalNotExpired",
      args: (f) => [f.p.id, 0n],
    },
    {
      fn: "relay",
      what: "by anyone but governance",
      send: (f) => f.governor.connect(f.carol).relay(f.carol.address, 0n, "0x"),
      error: "GovernorOnlyExecutor",
      args: (f) => [f.carol.address],
    },
    {
      fn: "setVotingDelay",
      what: "by anyone but governance",
      send: (f) => f.governor.connect(f.carol).setVotingDelay(0),
      error: "GovernorOnlyExecutor",
      args: (f) => [f.carol.address],
    },
    {
      fn: "setVotingPeriod",
      what: "by anyone but governance",
      send: (f) => f.governor.connect(f.carol).setVotingPeriod(1),
      error: "GovernorOnlyExecutor",
      args: (f) => [f.carol.address],
    },
    {
      fn: "setProposalThreshold",
      what: "by anyone but governance",
      send: (f) => f.governor.connect(f.carol).setProposalThreshold(0),
      error: "GovernorOnlyExecutor",
      args: (f) => [f.carol.address],
    },
    {
      fn: "setLateQuorumVoteExtension",
      what: "by anyone but governance",
      send: (f) => f.governor.connect(f.carol).setLateQuorumVoteExtension(0),
      error: "GovernorOnlyExecutor",
      args: (f) => [f.carol.address],
    },
    {
      fn: "updateQuorumNumerator",
      what: "by anyone but governance",
      send: (f) => f.governor.connect(f.carol).updateQuorumNumerator(0),
      error: "GovernorOnlyExecutor",
      args: (f) => [f.carol.address],
    },
    {
      fn: "updateTimelock",
      what: "by anyone but governance",
      send: (f) => f.governor.connect(f.carol).updateTimelock(f.carol.address),
      error: "GovernorOnlyExecutor",
      args: (f) => [f.carol.address],
    },
  ],
  exempt: {
    onERC721Received: "token receipt hook: accepts any token sent to the governor (it holds none itself)",
    onERC1155Received: "token receipt hook: accepts any token sent to the governor",
    onERC1155BatchReceived: "token receipt hook: accepts any token sent to the governor",
  },
});

const PROPOSER = ethers.id("PROPOSER_ROLE");
const CANCELLER = ethers.id("CANCELLER_ROLE");
const ADMIN = ethers.ZeroHash;

describeBadInput<Governance>({
  contract: "CommunityTimelock",
  fixture: deployGovernanceFixture,
  target: (f) => f.timelock,
  snapshot: governanceViews,
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: (f) => f.timelock.initialize(0, [], [], f.alice.address),
      error: "InvalidInitialization",
    },
    {
      fn: "schedule",
      what: "by anyone but the governor",
      send: (f) =>
        f.timelock
          .connect(f.carol)
          .schedule(f.dave.address, e(1), "0x", ethers.ZeroHash, ethers.ZeroHash, TIMELOCK_DELAY),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.carol.address, PROPOSER],
    },
    {
      fn: "scheduleBatch",
      what: "by anyone but the governor",
      send: (f) =>
        f.timelock
          .connect(f.carol)
          .scheduleBatch([f.dave.address], [e(1)], ["0x"], ethers.ZeroHash, ethers.ZeroHash, TIMELOCK_DELAY),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.carol.address, PROPOSER],
    },
    {
      fn: "execute",
      what: "an operation never scheduled",
      send: (f) => f.timelock.connect(f.carol).execute(f.dave.address, e(1), "0x", ethers.ZeroHash, ethers.ZeroHash),
      error: "TimelockUnexpectedOperationState",
      args: async (f) => [
        await f.timelock.hashOperation(f.dave.address, e(1), "0x", ethers.ZeroHash, ethers.ZeroHash),
        stateBitmap(2n),
      ],
    },
    {
      fn: "executeBatch",
      what: "an operation never scheduled",
      send: (f) =>
        f.timelock.connect(f.carol).executeBatch([f.dave.address], [e(1)], ["0x"], ethers.ZeroHash, ethers.ZeroHash),
      error: "TimelockUnexpectedOperationState",
      args: async (f) => [
        await f.timelock.hashOperationBatch([f.dave.address], [e(1)], ["0x"], ethers.ZeroHash, ethers.ZeroHash),
        stateBitmap(2n),
      ],
    },
    {
      fn: "cancel",
      what: "by anyone but the governor",
      send: (f) => f.timelock.connect(f.carol).cancel(ethers.ZeroHash),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.carol.address, CANCELLER],
    },
    {
      fn: "updateDelay",
      what: "by anyone but the timelock itself",
      send: (f) => f.timelock.connect(f.carol).updateDelay(0),
      error: "TimelockUnauthorizedCaller",
      args: (f) => [f.carol.address],
    },
    {
      fn: "grantRole",
      what: "by anyone but the timelock itself",
      send: (f) => f.timelock.connect(f.carol).grantRole(PROPOSER, f.carol.address),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.carol.address, ADMIN],
    },
    {
      fn: "revokeRole",
      what: "by anyone but the timelock itself",
      send: async (f) => f.timelock.connect(f.carol).revokeRole(PROPOSER, await f.governor.getAddress()),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.carol.address, ADMIN],
    },
    {
      fn: "renounceRole",
      what: "on behalf of another account",
      send: async (f) => f.timelock.connect(f.carol).renounceRole(PROPOSER, await f.governor.getAddress()),
      error: "AccessControlBadConfirmation",
    },
  ],
  exempt: {
    onERC721Received: "token receipt hook: the treasury accepts any token",
    onERC1155Received: "token receipt hook: the treasury accepts any token",
    onERC1155BatchReceived: "token receipt hook: the treasury accepts any token",
  },
});
