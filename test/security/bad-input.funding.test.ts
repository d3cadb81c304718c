/**
 * Bad input for the funding contracts (Round, RoundFactory): every state-changing function called
 * with invalid arguments or by the wrong account reverts with its specific custom error, and the
 * round's key views and the accounts' balances are unchanged. Machinery: test/helpers/bad-input.ts.
 */
import { ethers } from "hardhat";

import type { Round } from "../../typechain-types";
import { describeBadInput } from "../helpers/bad-input";
import { Matching, clusterProof, clusterTree, createMatchingRound, padded } from "../helpers/clusters";
import {
  ONE,
  Phase,
  Status,
  applyAndApprove,
  createRound,
  deployFundingFixture,
  moveTo,
  roundConfig,
} from "../helpers/funding";

/**
 * A native round in its donation phase (projects 1 and 2 approved, 3 removed, a 10-coin pool, one
 * donation to each of 1 and 3 before 3 was removed) and a second round still taking applications
 * (two reviewers, threshold 2; project 1 approved once, project 2 rejected).
 */
async function deployRoundsFixture() {
  const fx = await deployFundingFixture();
  const round = await createRound(fx);
  await applyAndApprove(fx, round, fx.owners.slice(0, 3));
  const early = await createRound(fx, {
    applicationsEnd: BigInt(await ethers.provider.getBlock("latest").then((b) => b!.timestamp)) + 5000n,
    donationsStart: BigInt(await ethers.provider.getBlock("latest").then((b) => b!.timestamp)) + 6000n,
    donationsEnd: BigInt(await ethers.provider.getBlock("latest").then((b) => b!.timestamp)) + 7000n,
    reviewers: [fx.reviewers[0].address, fx.reviewers[1].address],
    reviewThreshold: 2n,
  });
  await early.connect(fx.owners[0]).applyProject(fx.owners[0].address, "ipfs://e1");
  await early.connect(fx.owners[1]).applyProject(fx.owners[1].address, "ipfs://e2");
  await early.connect(fx.reviewers[0]).reviewApplication(1, true);
  await early.connect(fx.reviewers[0]).reviewApplication(2, false);
  await early.connect(fx.reviewers[1]).reviewApplication(2, false);
  await round.connect(fx.funders[0]).fund(10n * ONE, { value: 10n * ONE });
  await moveTo(round, Phase.Donations);
  await round.connect(fx.donors[0]).donate(1, ONE, "0x", { value: ONE });
  await round.connect(fx.donors[0]).donate(3, ONE, "0x", { value: ONE });
  await round.connect(fx.reviewers[0]).voteRemoval(3); // removes project 3
  // A cluster round with groups published as a Merkle root: donors 0 and 1 listed, donor 0 already
  // fixed its clusters by proof.
  const tree = clusterTree(
    new Map([
      [fx.donors[0].address, [1n, 2n]],
      [fx.donors[1].address, [3n]],
    ]),
  );
  const clustered = await createMatchingRound(fx, Matching.ClusterMerkle, tree.root);
  await applyAndApprove(fx, clustered, fx.owners.slice(0, 1));
  await clustered.connect(fx.donors[0]).proveClusters([1n, 2n], clusterProof(tree, fx.donors[0].address));
  return { ...fx, round, early, clustered, tree };
}

type Rounds = Awaited<ReturnType<typeof deployRoundsFixture>>;

async function roundViews(r: Round, donors: string[]): Promise<unknown[]> {
  const count = await r.projectCount();
  const projects = [];
  for (let id = 1n; id <= count; id++) {
    const p = await r.project(id);
    projects.push([
      p.status,
      p.recipient,
      p.sumContributions,
      p.sumRoots,
      p.approvals,
      p.rejections,
      p.removalVotes,
      p.paid,
    ]);
    for (const d of donors) projects.push(await r.donationOf(id, d));
  }
  return [
    await r.phase(),
    await r.pool(),
    await r.totalIdealMatch(),
    await r.approvedProjects(),
    await r.config(),
    projects,
    await Promise.all(donors.map((d) => r.fundingOf(d))),
  ];
}

const people = (fx: Rounds) =>
  [...fx.donors.slice(0, 3), ...fx.funders, ...fx.owners, fx.operator].map((s) => s.address);
const later = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 10_000n;

describeBadInput<Rounds>({
  contract: "Round",
  fixture: deployRoundsFixture,
  target: (fx) => fx.round,
  snapshot: async (fx) => [
    await roundViews(fx.round, people(fx)),
    await roundViews(fx.early, people(fx)),
    await roundViews(fx.clustered, people(fx)),
    await Promise.all(people(fx).map((a) => fx.clustered.clustersOf(a))),
  ],
  balances: async (fx) => [await fx.early.getAddress(), await fx.factory.getAddress()],
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: async (fx) => fx.round.initialize(await roundConfig(fx)),
      error: "InvalidInitialization",
    },
    {
      fn: "initializeWithMatching",
      what: "a second initialisation",
      send: async (fx) =>
        fx.clustered.initializeWithMatching(await roundConfig(fx), Matching.ClusterMerkle, fx.tree.root),
      error: "InvalidInitialization",
    },
    {
      fn: "proveClusters",
      what: "in a round with standard matching",
      send: (fx) => fx.round.connect(fx.donors[1]).proveClusters([3n], clusterProof(fx.tree, fx.donors[1].address)),
      error: "RoundNotMerkleClusters",
      args: () => [Matching.Standard],
    },
    {
      fn: "proveClusters",
      what: "a donor whose clusters are already fixed",
      send: (fx) =>
        fx.clustered.connect(fx.donors[0]).proveClusters([1n, 2n], clusterProof(fx.tree, fx.donors[0].address)),
      error: "RoundClustersAlreadyFixed",
      args: (fx) => [fx.donors[0].address],
    },
    {
      fn: "proveClusters",
      what: "no cluster",
      send: (fx) => fx.clustered.connect(fx.donors[1]).proveClusters([], clusterProof(fx.tree, fx.donors[1].address)),
      error: "RoundInvalidClusterIds",
      args: (fx) => [fx.donors[1].address],
    },
    {
      fn: "proveClusters",
      what: "more than MAX_CLUSTERS clusters",
      send: (fx) => fx.clustered.connect(fx.donors[1]).proveClusters([1n, 2n, 3n, 4n, 5n], []),
      error: "RoundTooManyClusters",
      args: (fx) => [fx.donors[1].address, 5n, 4n],
    },
    {
      fn: "proveClusters",
      what: "clusters not in increasing order",
      send: (fx) => fx.clustered.connect(fx.donors[1]).proveClusters([3n, 1n], []),
      error: "RoundInvalidClusterIds",
      args: (fx) => [fx.donors[1].address],
    },
    {
      fn: "proveClusters",
      what: "the unaffiliated cluster (0)",
      send: (fx) => fx.clustered.connect(fx.donors[1]).proveClusters([0n], []),
      error: "RoundInvalidClusterIds",
      args: (fx) => [fx.donors[1].address],
    },
    {
      fn: "proveClusters",
      what: "clusters the operator did not publish for the donor",
      send: (fx) => fx.clustered.connect(fx.donors[1]).proveClusters([1n], clusterProof(fx.tree, fx.donors[1].address)),
      error: "RoundInvalidClusterProof",
      args: (fx) => [fx.donors[1].address],
    },
    {
      fn: "proveClusters",
      what: "another donor's leaf",
      send: (fx) => fx.clustered.connect(fx.donors[2]).proveClusters([3n], clusterProof(fx.tree, fx.donors[1].address)),
      error: "RoundInvalidClusterProof",
      args: (fx) => [fx.donors[2].address],
    },
    {
      fn: "applyProject",
      what: "after applications closed",
      send: (fx) => fx.round.connect(fx.owners[3]).applyProject(fx.owners[3].address, "ipfs://late"),
      error: "RoundWrongPhase",
      args: () => [Phase.Donations, Phase.Applications],
    },
    {
      fn: "applyProject",
      what: "zero recipient",
      send: (fx) => fx.early.connect(fx.owners[3]).applyProject(ethers.ZeroAddress, "ipfs://x"),
      error: "RoundZeroRecipient",
    },
    {
      fn: "reviewApplication",
      what: "by a non-reviewer",
      send: (fx) => fx.early.connect(fx.donors[0]).reviewApplication(1, true),
      error: "RoundNotReviewer",
      args: (fx) => [fx.donors[0].address],
    },
    {
      fn: "reviewApplication",
      what: "an unknown project (0)",
      send: (fx) => fx.early.connect(fx.reviewers[1]).reviewApplication(0, true),
      error: "RoundUnknownProject",
      args: () => [0n],
    },
    {
      fn: "reviewApplication",
      what: "an unknown project (past the last)",
      send: (fx) => fx.early.connect(fx.reviewers[1]).reviewApplication(3, true),
      error: "RoundUnknownProject",
      args: () => [3n],
    },
    {
      fn: "reviewApplication",
      what: "a second vote by the same reviewer",
      send: (fx) => fx.early.connect(fx.reviewers[0]).reviewApplication(1, false),
      error: "RoundAlreadyReviewed",
      args: (fx) => [1n, fx.reviewers[0].address],
    },
    {
      fn: "reviewApplication",
      what: "a rejected project (a vote whose stage changed)",
      send: (fx) => fx.early.connect(fx.reviewers[1]).reviewApplication(2, true),
      error: "RoundStageChanged",
      args: () => [2n, Status.Pending, Status.Rejected],
    },
    {
      fn: "reviewApplication",
      what: "an approved project (a retried admission vote)",
      send: (fx) => fx.round.connect(fx.reviewers[0]).reviewApplication(1, true),
      error: "RoundStageChanged",
      args: () => [1n, Status.Pending, Status.Approved],
    },
    {
      fn: "voteRemoval",
      what: "by a non-reviewer",
      send: (fx) => fx.round.connect(fx.donors[0]).voteRemoval(1),
      error: "RoundNotReviewer",
      args: (fx) => [fx.donors[0].address],
    },
    {
      fn: "voteRemoval",
      what: "an unknown project",
      send: (fx) => fx.round.connect(fx.reviewers[0]).voteRemoval(9),
      error: "RoundUnknownProject",
      args: () => [9n],
    },
    {
      fn: "voteRemoval",
      what: "a project still pending",
      send: (fx) => fx.early.connect(fx.reviewers[1]).voteRemoval(1),
      error: "RoundStageChanged",
      args: () => [1n, Status.Approved, Status.Pending],
    },
    {
      fn: "voteRemoval",
      what: "a project already removed",
      send: (fx) => fx.round.connect(fx.reviewers[0]).voteRemoval(3),
      error: "RoundStageChanged",
      args: () => [3n, Status.Approved, Status.Removed],
    },
    {
      fn: "updateRecipient",
      what: "by someone other than the project's owner",
      send: (fx) => fx.round.connect(fx.owners[1]).updateRecipient(1, fx.owners[1].address),
      error: "RoundNotProjectOwner",
      args: (fx) => [1n, fx.owners[1].address],
    },
    {
      fn: "updateRecipient",
      what: "zero recipient",
      send: (fx) => fx.round.connect(fx.owners[0]).updateRecipient(1, ethers.ZeroAddress),
      error: "RoundZeroRecipient",
    },
    {
      fn: "fund",
      what: "zero amount",
      send: (fx) => fx.round.connect(fx.funders[1]).fund(0),
      error: "RoundZeroAmount",
    },
    {
      fn: "fund",
      what: "value differing from the amount",
      send: (fx) => fx.round.connect(fx.funders[1]).fund(ONE, { value: 2n * ONE }),
      error: "RoundWrongValue",
      args: () => [2n * ONE, ONE],
    },
    {
      fn: "fundWithPermit",
      what: "a permit on a native-currency round",
      send: (fx) => fx.round.connect(fx.funders[1]).fundWithPermit(ONE, 0, 0, ethers.ZeroHash, ethers.ZeroHash),
      error: "RoundNoPermitForNative",
    },
    {
      fn: "donate",
      what: "an unknown project",
      send: (fx) => fx.round.connect(fx.donors[1]).donate(9, ONE, "0x", { value: ONE }),
      error: "RoundUnknownProject",
      args: () => [9n],
    },
    {
      fn: "donate",
      what: "a removed project",
      send: (fx) => fx.round.connect(fx.donors[1]).donate(3, ONE, "0x", { value: ONE }),
      error: "RoundProjectNotApproved",
      args: () => [3n, Status.Removed],
    },
    {
      fn: "donate",
      what: "zero amount",
      send: (fx) => fx.round.connect(fx.donors[1]).donate(1, 0, "0x"),
      error: "RoundBelowMinimum",
      args: () => [0n, 1n],
    },
    {
      fn: "donate",
      what: "value differing from the amount",
      send: (fx) => fx.round.connect(fx.donors[1]).donate(1, ONE, "0x", { value: ONE - 1n }),
      error: "RoundWrongValue",
      args: () => [ONE - 1n, ONE],
    },
    {
      fn: "donateWithPermit",
      what: "a permit on a native-currency round",
      send: (fx) =>
        fx.round.connect(fx.donors[1]).donateWithPermit(1, ONE, "0x", 0, 0, ethers.ZeroHash, ethers.ZeroHash),
      error: "RoundNoPermitForNative",
    },
    {
      fn: "donateMany",
      what: "an empty cart",
      send: (fx) => fx.round.connect(fx.donors[1]).donateMany([], "0x"),
      error: "RoundEmptyCart",
    },
    {
      fn: "donateMany",
      what: "value differing from the cart's total",
      send: (fx) =>
        fx.round.connect(fx.donors[1]).donateMany(
          [
            { projectId: 1, amount: ONE },
            { projectId: 2, amount: ONE },
          ],
          "0x",
          { value: ONE },
        ),
      error: "RoundWrongValue",
      args: () => [ONE, 2n * ONE],
    },
    {
      fn: "donateMany",
      what: "a cart naming a removed project",
      send: (fx) =>
        fx.round.connect(fx.donors[1]).donateMany(
          [
            { projectId: 1, amount: ONE },
            { projectId: 3, amount: ONE },
          ],
          "0x",
          { value: 2n * ONE },
        ),
      error: "RoundProjectNotApproved",
      args: () => [3n, Status.Removed],
    },
    {
      fn: "donateFor",
      what: "called by anyone but the factory",
      send: (fx) =>
        fx.round.connect(fx.donors[1]).donateFor(fx.donors[2].address, [{ projectId: 1, amount: ONE }], "0x", {
          value: ONE,
        }),
      error: "RoundNotFactory",
      args: (fx) => [fx.donors[1].address],
    },
    {
      fn: "finalize",
      what: "before donations close",
      send: (fx) => fx.round.finalize(),
      error: "RoundWrongPhase",
      args: () => [Phase.Donations, Phase.Tallying],
    },
    {
      fn: "claim",
      what: "before finalisation",
      send: (fx) => fx.round.connect(fx.owners[0]).claim(1),
      error: "RoundWrongPhase",
      args: () => [Phase.Donations, Phase.Finalized],
    },
    {
      fn: "refund",
      what: "a donation to an approved project of a live round",
      send: (fx) => fx.round.connect(fx.donors[0]).refund(1),
      error: "RoundNotRefundable",
      args: () => [1n, Status.Approved],
    },
    {
      fn: "refund",
      what: "a removed project by someone who did not donate to it",
      send: (fx) => fx.round.connect(fx.donors[1]).refund(3),
      error: "RoundNothingToRefund",
      args: (fx) => [3n, fx.donors[1].address],
    },
    {
      fn: "refund",
      what: "an unknown project",
      send: (fx) => fx.round.connect(fx.donors[0]).refund(7),
      error: "RoundUnknownProject",
      args: () => [7n],
    },
    {
      fn: "reclaimFunding",
      what: "before finalisation (round not cancelled)",
      send: (fx) => fx.round.connect(fx.funders[0]).reclaimFunding(),
      error: "RoundWrongPhase",
      args: () => [Phase.Donations, Phase.Finalized],
    },
    {
      fn: "extendPhase",
      what: "by someone other than the operator",
      send: async (fx) => fx.round.connect(fx.donors[0]).extendPhase(Phase.Donations, await later()),
      error: "RoundNotOperator",
      args: (fx) => [fx.donors[0].address],
    },
    {
      fn: "extendPhase",
      what: "reopening applications that have closed",
      send: async (fx) =>
        fx.round.connect(fx.operator).extendPhase(Phase.Applications, (await fx.round.config()).donationsStart),
      error: "RoundInvalidExtension",
      args: async (fx) => {
        const c = await fx.round.config();
        return [Phase.Applications, c.applicationsEnd, c.donationsStart];
      },
    },
    {
      fn: "extendPhase",
      what: "moving the donations' end earlier",
      send: async (fx) =>
        fx.round.connect(fx.operator).extendPhase(Phase.Donations, (await fx.round.config()).donationsEnd - 1n),
      error: "RoundInvalidExtension",
      args: async (fx) => {
        const c = await fx.round.config();
        return [Phase.Donations, c.donationsEnd, c.donationsEnd - 1n];
      },
    },
    {
      fn: "extendPhase",
      what: "donations past the latest end fixed at creation",
      send: async (fx) =>
        fx.round.connect(fx.operator).extendPhase(Phase.Donations, (await fx.round.config()).maxDonationsEnd + 1n),
      error: "RoundExtensionBeyondMax",
      args: async (fx) => {
        const c = await fx.round.config();
        return [c.maxDonationsEnd + 1n, c.maxDonationsEnd];
      },
    },
    {
      fn: "extendPhase",
      what: "a phase that has no end to extend",
      send: (fx) => fx.round.connect(fx.operator).extendPhase(Phase.Review, 1n << 40n),
      error: "RoundInvalidExtension",
      args: () => [Phase.Review, 0n, 1n << 40n],
    },
    {
      fn: "cancel",
      what: "by someone other than the operator",
      send: (fx) => fx.round.connect(fx.reviewers[0]).cancel(),
      error: "RoundNotOperator",
      args: (fx) => [fx.reviewers[0].address],
    },
  ],
});

describeBadInput<Rounds>({
  contract: "RoundFactory",
  fixture: deployRoundsFixture,
  target: (fx) => fx.factory,
  snapshot: async (fx) => [await fx.factory.roundCount(), await roundViews(fx.round, people(fx))],
  balances: async (fx) => [await fx.round.getAddress(), await fx.early.getAddress()],
  calls: [
    {
      fn: "createRound",
      what: "a zero operator",
      send: async (fx) => fx.factory.createRound(await roundConfig(fx, { operator: ethers.ZeroAddress })),
      error: "RoundZeroOperator",
      errorFrom: (fx) => fx.roundImpl,
    },
    {
      fn: "createRound",
      what: "a token address that holds no code",
      send: async (fx) => fx.factory.createRound(await roundConfig(fx, { token: fx.owners[0].address })),
      error: "RoundNotAContract",
      errorFrom: (fx) => fx.roundImpl,
      args: (fx) => [fx.owners[0].address],
    },
    {
      fn: "createRound",
      what: "an eligibility module that holds no code",
      send: async (fx) => fx.factory.createRound(await roundConfig(fx, { eligibility: fx.owners[1].address })),
      error: "RoundNotAContract",
      errorFrom: (fx) => fx.roundImpl,
      args: (fx) => [fx.owners[1].address],
    },
    {
      fn: "createRound",
      what: "donations ending before they start",
      send: async (fx) => {
        const c = await roundConfig(fx);
        return fx.factory.createRound({ ...c, donationsEnd: c.donationsStart });
      },
      error: "RoundInvalidSchedule",
      errorFrom: (fx) => fx.roundImpl,
      args: async (fx) => {
        // The config is built from the latest block, as in `send` (no block is mined in between).
        const c = await roundConfig(fx);
        return [c.applicationsStart, c.applicationsEnd, c.donationsStart, c.donationsStart];
      },
    },
    {
      fn: "createRound",
      what: "a latest donations end before the donations end",
      send: async (fx) => {
        const c = await roundConfig(fx);
        return fx.factory.createRound({ ...c, maxDonationsEnd: BigInt(c.donationsEnd) - 1n });
      },
      error: "RoundInvalidMaxDonationsEnd",
      errorFrom: (fx) => fx.roundImpl,
      args: async (fx) => {
        const c = await roundConfig(fx);
        return [c.donationsEnd, BigInt(c.donationsEnd) - 1n];
      },
    },
    {
      fn: "createRound",
      what: "a latest donations end more than a year after the donations end",
      send: async (fx) => {
        const c = await roundConfig(fx);
        return fx.factory.createRound({ ...c, maxDonationsEnd: BigInt(c.donationsEnd) + 365n * 86_400n + 1n });
      },
      error: "RoundInvalidMaxDonationsEnd",
      errorFrom: (fx) => fx.roundImpl,
      args: async (fx) => {
        const c = await roundConfig(fx);
        return [c.donationsEnd, BigInt(c.donationsEnd) + 365n * 86_400n + 1n];
      },
    },
    {
      fn: "createRound",
      what: "a tally window shorter than an hour",
      send: async (fx) => fx.factory.createRound(await roundConfig(fx, { tallyWindow: 3599n })),
      error: "RoundInvalidTallyWindow",
      errorFrom: (fx) => fx.roundImpl,
      args: () => [3599n],
    },
    {
      fn: "createRound",
      what: "a tally window longer than 30 days",
      send: async (fx) => fx.factory.createRound(await roundConfig(fx, { tallyWindow: 30n * 86_400n + 1n })),
      error: "RoundInvalidTallyWindow",
      errorFrom: (fx) => fx.roundImpl,
      args: () => [30n * 86_400n + 1n],
    },
    {
      fn: "createRound",
      what: "a cap above 100 %",
      send: async (fx) => fx.factory.createRound(await roundConfig(fx, { matchCapBps: 10_001 })),
      error: "RoundInvalidCap",
      errorFrom: (fx) => fx.roundImpl,
      args: () => [10_001],
    },
    {
      fn: "createRound",
      what: "a review threshold above the number of reviewers",
      send: async (fx) => fx.factory.createRound(await roundConfig(fx, { reviewThreshold: 2n })),
      error: "RoundInvalidReviewers",
      errorFrom: (fx) => fx.roundImpl,
      args: () => [1n, 2n],
    },
    {
      fn: "createRound",
      what: "a zero or repeated reviewer",
      send: async (fx) =>
        fx.factory.createRound(
          await roundConfig(fx, { reviewers: [fx.reviewers[0].address, fx.reviewers[0].address], reviewThreshold: 1n }),
        ),
      error: "RoundInvalidReviewers",
      errorFrom: (fx) => fx.roundImpl,
      args: () => [2n, 1n],
    },
    {
      fn: "createRoundWithMatching",
      what: "standard matching with a cluster source",
      send: async (fx) =>
        fx.factory.createRoundWithMatching(
          await roundConfig(fx),
          Matching.Standard,
          padded(fx.membership.target as string),
        ),
      error: "RoundInvalidClusterSource",
      errorFrom: (fx) => fx.roundImpl,
      args: (fx) => [Matching.Standard, padded(fx.membership.target as string)],
    },
    {
      fn: "createRoundWithMatching",
      what: "Merkle clusters without a root",
      send: async (fx) =>
        fx.factory.createRoundWithMatching(await roundConfig(fx), Matching.ClusterMerkle, ethers.ZeroHash),
      error: "RoundInvalidClusterSource",
      errorFrom: (fx) => fx.roundImpl,
      args: () => [Matching.ClusterMerkle, ethers.ZeroHash],
    },
    {
      fn: "createRoundWithMatching",
      what: "federation clusters from an address that holds no code",
      send: async (fx) =>
        fx.factory.createRoundWithMatching(
          await roundConfig(fx),
          Matching.ClusterFederation,
          padded(fx.owners[0].address),
        ),
      error: "RoundInvalidClusterSource",
      errorFrom: (fx) => fx.roundImpl,
      args: (fx) => [Matching.ClusterFederation, padded(fx.owners[0].address)],
    },
    {
      fn: "createRoundWithMatching",
      what: "federation clusters from a word that is not an address",
      send: async (fx) =>
        fx.factory.createRoundWithMatching(
          await roundConfig(fx),
          Matching.ClusterFederation,
          ethers.toBeHex((1n << 160n) | BigInt(fx.membership.target as string), 32),
        ),
      error: "RoundInvalidClusterSource",
      errorFrom: (fx) => fx.roundImpl,
      args: (fx) => [
        Matching.ClusterFederation,
        ethers.toBeHex((1n << 160n) | BigInt(fx.membership.target as string), 32),
      ],
    },
    {
      fn: "checkout",
      what: "no carts",
      send: (fx) => fx.factory.connect(fx.donors[1]).checkout([]),
      error: "RoundFactoryEmptyCheckout",
    },
    {
      fn: "checkout",
      what: "a round the factory did not create",
      send: (fx) =>
        fx.factory
          .connect(fx.donors[1])
          .checkout([{ round: fx.donors[2].address, donations: [{ projectId: 1, amount: ONE }], proof: "0x" }], {
            value: ONE,
          }),
      error: "RoundFactoryUnknownRound",
      args: (fx) => [fx.donors[2].address],
    },
    {
      fn: "checkout",
      what: "less value than the carts' total",
      send: async (fx) =>
        fx.factory
          .connect(fx.donors[1])
          .checkout([{ round: await fx.round.getAddress(), donations: [{ projectId: 1, amount: ONE }], proof: "0x" }], {
            value: ONE - 1n,
          }),
      error: "RoundFactoryWrongValue",
      args: () => [ONE - 1n, ONE],
    },
    {
      fn: "checkout",
      what: "more value than the carts' total (nothing may stay in the factory)",
      send: async (fx) =>
        fx.factory
          .connect(fx.donors[1])
          .checkout([{ round: await fx.round.getAddress(), donations: [{ projectId: 1, amount: ONE }], proof: "0x" }], {
            value: ONE + 1n,
          }),
      error: "RoundFactoryWrongValue",
      args: () => [ONE + 1n, ONE],
    },
    {
      fn: "checkout",
      what: "a cart item above 2^128 - 1 (two such items would overflow the sum)",
      send: async (fx) =>
        fx.factory.connect(fx.donors[1]).checkout([
          {
            round: await fx.round.getAddress(),
            donations: [
              { projectId: 1, amount: 2n ** 255n },
              { projectId: 2, amount: 2n ** 255n },
            ],
            proof: "0x",
          },
        ]),
      error: "RoundFactoryAmountTooLarge",
      args: () => [2n ** 255n],
    },
    {
      fn: "checkoutWithPermits",
      what: "no carts (permits alone buy nothing)",
      send: (fx) => fx.factory.connect(fx.donors[1]).checkoutWithPermits([], []),
      error: "RoundFactoryEmptyCheckout",
    },
    {
      fn: "checkoutWithPermits",
      what: "a round the factory did not create",
      send: (fx) =>
        fx.factory
          .connect(fx.donors[1])
          .checkoutWithPermits(
            [{ round: fx.donors[2].address, donations: [{ projectId: 1, amount: ONE }], proof: "0x" }],
            [],
            { value: ONE },
          ),
      error: "RoundFactoryUnknownRound",
      args: (fx) => [fx.donors[2].address],
    },
    {
      fn: "checkoutWithPermits",
      what: "less value than the native carts' total",
      send: async (fx) =>
        fx.factory
          .connect(fx.donors[1])
          .checkoutWithPermits(
            [{ round: await fx.round.getAddress(), donations: [{ projectId: 1, amount: ONE }], proof: "0x" }],
            [],
            { value: ONE - 1n },
          ),
      error: "RoundFactoryWrongValue",
      args: () => [ONE - 1n, ONE],
    },
  ],
});
