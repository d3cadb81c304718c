/**
 * Random quadratic funding rounds, standard and cluster matching, held to the reference implementation
 * to the wei; and, in both modes, the same donations in another order and split differently give the
 * same matches.
 * Short in `npm test`; the long run: FC_RUNS=500 npx hardhat test test/invariants/funding.invariants.ts
 */
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import type { ContractTransactionResponse } from "ethers";

import {
  funderReturn,
  referenceRound,
  type ClusterMap,
  type DonationRecord,
  type Matching as MatchingMode,
} from "../../scripts/lib/qf-reference";
import type { Round } from "../../typechain-types";
import { Matching, clusterProof, clusterTree, createMatchingRound } from "../helpers/clusters";
import {
  ONE,
  Phase,
  createRound,
  deployFundingFixture,
  moveTo,
  moveToOpenClaims,
  moveToTallyWindow,
  type FundingFixture,
} from "../helpers/funding";

const RUNS = Number(process.env.FC_RUNS ?? "12");

interface Scenario {
  matching: MatchingMode;
  /** Cluster matching: the groups the operator publishes for donors 0 to 5 (empty: none, so unaffiliated). */
  groups: bigint[][];
  projects: number;
  funds: { funder: number; amount: bigint }[];
  donations: { donor: number; project: number; amount: bigint }[];
  removed: boolean[];
  cap: { amount: bigint; bps: number };
  cancel: boolean;
  /** Removals (and the cancel) come in the tally window, after donations closed, rather than during donations. */
  late: boolean;
}

const amountArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 1000n }),
  fc.bigInt({ min: 1n, max: 5n * ONE }),
  fc.constantFrom(ONE, ONE / 3n, 2n * ONE),
);

/** Groups of donors 0 to 5: each in 0 to 4 of the clusters 1 to 5. */
const groupsArb = fc.array(fc.uniqueArray(fc.bigInt({ min: 1n, max: 5n }), { maxLength: 4 }), {
  minLength: 6,
  maxLength: 6,
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 1, max: 5 }).chain((projects) =>
  fc.record({
    matching: fc.constantFrom<MatchingMode>("standard", "cluster"),
    groups: groupsArb,
    projects: fc.constant(projects),
    funds: fc.array(
      fc.record({ funder: fc.integer({ min: 0, max: 1 }), amount: fc.bigInt({ min: 1n, max: 20n * ONE }) }),
      { maxLength: 3 },
    ),
    donations: fc.array(
      fc.record({
        donor: fc.integer({ min: 0, max: 5 }),
        project: fc.integer({ min: 1, max: projects }),
        amount: amountArb,
      }),
      { minLength: 1, maxLength: 20 },
    ),
    // About one project in four is removed after the donations (its donors then pull refunds).
    removed: fc.array(fc.constantFrom(false, false, false, true), { minLength: projects, maxLength: projects }),
    cap: fc.oneof(
      fc.constant({ amount: 0n, bps: 0 }),
      fc.record({ amount: fc.bigInt({ min: 1n, max: 5n * ONE }), bps: fc.constant(0) }),
      fc.record({ amount: fc.constant(0n), bps: fc.integer({ min: 1, max: 10_000 }) }),
    ),
    cancel: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))), // about 1 in 4
    late: fc.boolean(),
  }),
);

async function gasAndLogs(round: Round, sent: Promise<ContractTransactionResponse>) {
  const receipt = await (await sent).wait();
  if (!receipt) throw new Error("dropped");
  return receipt.logs.map((l) => round.interface.parseLog(l)).filter((l) => l !== null);
}

/**
 * A round with the scenario's matching; in cluster mode the donors' groups are published as a Merkle
 * root (sorted, as leaves must be) and each donor with a group proves it. Returns the clusters as the
 * reference takes them.
 */
async function openRound(
  fx: FundingFixture,
  matching: MatchingMode,
  groups: bigint[][],
  overrides: Parameters<typeof createRound>[1] = {},
): Promise<{ round: Round; clusters: ClusterMap; prove: () => Promise<void> }> {
  if (matching === "standard")
    return { round: await createRound(fx, overrides), clusters: new Map(), prove: async () => {} };
  const sorted = groups.map((g) => [...g].sort((a, b) => (a < b ? -1 : 1)));
  const published = new Map<string, bigint[]>(
    sorted.flatMap((g, i) => (g.length > 0 ? [[fx.donors[i].address, g] as [string, bigint[]]] : [])),
  );
  // A tree needs a leaf: someone who never donates.
  published.set(fx.deployer.address, [99n]);
  const tree = clusterTree(published);
  const round = await createMatchingRound(fx, Matching.ClusterMerkle, tree.root, overrides);
  const clusters: ClusterMap = new Map([...published].map(([a, g]) => [a.toLowerCase(), g]));
  const prove = async () => {
    for (const [i, g] of sorted.entries()) {
      if (g.length > 0) await round.connect(fx.donors[i]).proveClusters(g, clusterProof(tree, fx.donors[i].address));
    }
  };
  return { round, clusters, prove };
}

async function runScenario(fx: FundingFixture, s: Scenario): Promise<void> {
  const { round, clusters, prove } = await openRound(fx, s.matching, s.groups, {
    matchCapAmount: s.cap.amount,
    matchCapBps: s.cap.bps,
  });
  const roundAddr = await round.getAddress();
  const provider = round.runner!.provider!;
  const owner = fx.owners[0];
  const reviewer = fx.reviewers[0];
  for (let i = 0; i < s.projects; i++) {
    await round.connect(owner).applyProject(fx.owners[i % fx.owners.length].address, `ipfs://${i}`);
    await round.connect(reviewer).reviewApplication(i + 1, true);
  }
  let deposited = 0n;
  const funded = [0n, 0n];
  for (const f of s.funds) {
    await round.connect(fx.funders[f.funder]).fund(f.amount, { value: f.amount });
    funded[f.funder] += f.amount;
    deposited += f.amount;
  }
  await moveTo(round, Phase.Donations);
  await prove();
  // Consecutive donations by the same donor go in one cart.
  const byProject = new Map<number, DonationRecord[]>();
  for (let i = 1; i <= s.projects; i++) byProject.set(i, []);
  let i = 0;
  while (i < s.donations.length) {
    let j = i;
    while (j < s.donations.length && s.donations[j].donor === s.donations[i].donor) j++;
    const group = s.donations.slice(i, j);
    const donor = fx.donors[group[0].donor];
    const total = group.reduce((a, d) => a + d.amount, 0n);
    if (group.length === 1) {
      await round.connect(donor).donate(group[0].project, group[0].amount, "0x", { value: total });
    } else {
      await round.connect(donor).donateMany(
        group.map((d) => ({ projectId: d.project, amount: d.amount })),
        "0x",
        { value: total },
      );
    }
    for (const d of group) byProject.get(d.project)!.push({ donor: donor.address, amount: d.amount });
    deposited += total;
    i = j;
  }
  if (s.late) {
    // Donations closed: during the tally window nobody finalises, reviewers still remove, the operator may cancel.
    await moveToTallyWindow(round);
    await expect(round.connect(fx.donors[6]).finalize()).to.be.revertedWithCustomError(round, "RoundTallyWindowOpen");
  }
  for (let p = 1; p <= s.projects; p++) if (s.removed[p - 1]) await round.connect(reviewer).voteRemoval(p);
  for (let p = 1; p <= s.projects; p++) {
    // Admission and removal votes are counted apart, with their real counts (threshold 1).
    const stored = await round.project(p);
    expect([stored.approvals, stored.rejections, stored.removalVotes]).to.deep.equal([
      1n,
      0n,
      s.removed[p - 1] ? 1n : 0n,
    ]);
  }

  const approved = [...byProject].filter(([id]) => !s.removed[id - 1]);
  const pool = funded[0] + funded[1];
  const ref = referenceRound({
    pool,
    matching: s.matching,
    clusters,
    matchCapAmount: s.cap.amount,
    matchCapBps: BigInt(s.cap.bps),
    projects: approved.map(([id, donations]) => ({ id, donations })),
  });
  expect(await round.totalIdealMatch()).to.equal(ref.totalIdealMatch);
  for (const [id] of approved) {
    expect(await round.idealMatchOf(id)).to.equal(ref.projects.get(id)!.idealMatch);
    expect(await round.matchOf(id)).to.equal(ref.projects.get(id)!.match); // estimate during the round
  }

  let paidOut = 0n;
  const refundAll = async (ids: number[]) => {
    for (const id of ids) {
      for (const donor of new Set(byProject.get(id)!.map((d) => d.donor))) {
        const signer = fx.donors.find((x) => x.address === donor)!;
        const expected = await round.donationOf(id, donor);
        const logs = await gasAndLogs(round, round.connect(signer).refund(id));
        const ev = logs.find((l) => l.name === "DonationRefunded")!;
        expect(ev.args.amount).to.equal(expected);
        paidOut += expected;
        await expect(round.connect(signer).refund(id)).to.be.revertedWithCustomError(round, "RoundNothingToRefund");
      }
    }
  };

  if (s.cancel) {
    await round.connect(fx.operator).cancel();
    await refundAll([...byProject.keys()]);
    for (const f of [0, 1]) {
      if (funded[f] === 0n) continue;
      const logs = await gasAndLogs(round, round.connect(fx.funders[f]).reclaimFunding());
      expect(logs.find((l) => l.name === "FundingReturned")!.args.amount).to.equal(funded[f]);
      paidOut += funded[f];
    }
    expect(await provider.getBalance(roundAddr)).to.equal(0n);
    expect(paidOut).to.equal(deposited);
    return;
  }

  await moveTo(round, Phase.Tallying);
  const fin = (await gasAndLogs(round, round.finalize())).find((l) => l.name === "RoundFinalized")!;
  if (approved.length > 0) {
    // Until the owners' claim period ends, a stranger cannot trigger a payout.
    await expect(round.connect(fx.donors[6]).claim(approved[0][0])).to.be.revertedWithCustomError(
      round,
      "RoundClaimReserved",
    );
  }
  await moveToOpenClaims(round); // past the owners' claim period: anyone may claim
  expect(fin.args.numerator).to.equal(ref.scale.numerator);
  expect(fin.args.denominator).to.equal(ref.scale.denominator);
  expect(fin.args.leftover).to.equal(ref.scale.leftover);
  for (const [id] of approved) {
    const logs = await gasAndLogs(round, round.claim(id));
    const paid = logs.find((l) => l.name === "ProjectPaid")!;
    const want = ref.projects.get(id)!;
    expect(paid.args.matchAmount).to.equal(want.match);
    expect(paid.args.donations + paid.args.matchAmount).to.equal(want.payout);
    paidOut += want.payout;
    await expect(round.claim(id)).to.be.revertedWithCustomError(round, "RoundAlreadyPaid");
  }
  await refundAll([...byProject.keys()].filter((id) => s.removed[id - 1]));
  for (const f of [0, 1]) {
    if (funded[f] === 0n) continue;
    const back = funderReturn(funded[f], ref.scale.leftover, pool);
    if (back === 0n) {
      await expect(round.connect(fx.funders[f]).reclaimFunding()).to.be.revertedWithCustomError(
        round,
        "RoundNothingToReclaim",
      );
    } else {
      const logs = await gasAndLogs(round, round.connect(fx.funders[f]).reclaimFunding());
      expect(logs.find((l) => l.name === "FundingReturned")!.args.amount).to.equal(back);
      await expect(round.connect(fx.funders[f]).reclaimFunding()).to.be.revertedWithCustomError(
        round,
        "RoundNothingToReclaim",
      );
    }
    paidOut += back;
  }
  const funderDust =
    ref.scale.leftover - [0, 1].reduce((a, f) => a + funderReturn(funded[f], ref.scale.leftover, pool), 0n);
  // Everything deposited is paid, refunded or returned, except the stated rounding dust:
  // at most one wei per approved project (scaled matches) and one per funder (leftover shares).
  const held = await provider.getBalance(roundAddr);
  expect(paidOut + held).to.equal(deposited);
  expect(held).to.equal(ref.matchDust + funderDust);
  expect(held).to.be.lessThanOrEqual(BigInt(approved.length + 2));
}

/** The same donations twice: in the order given, then shuffled with each split in one to three parts. */
const reorderArb = fc.record({
  matching: fc.constantFrom<MatchingMode>("standard", "cluster"),
  groups: groupsArb,
  donations: fc.array(
    fc.record({
      donor: fc.integer({ min: 0, max: 5 }),
      project: fc.integer({ min: 1, max: 3 }),
      amount: amountArb,
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  seed: fc.integer(),
});

/** `amount` cut at the given fractions into parts of at least 1 (fewer parts when it is too small). */
function split(amount: bigint, cuts: number[]): bigint[] {
  const points = [...new Set(cuts.map((c) => (BigInt(Math.floor(c * 1e6)) * amount) / 1_000_000n))]
    .filter((p) => p > 0n && p < amount)
    .sort((a, b) => (a < b ? -1 : 1));
  const parts: bigint[] = [];
  let last = 0n;
  for (const p of [...points, amount]) {
    parts.push(p - last);
    last = p;
  }
  return parts;
}

describe("invariants: funding rounds against the reference implementation", function () {
  it(`in both modes, reordering and splitting donations never changes a match, over ${RUNS} random rounds`, async function () {
    this.timeout(0);
    const fx = await loadFixture(deployFundingFixture);
    await fc.assert(
      fc.asyncProperty(reorderArb, async (s) => {
        const rounds: Round[] = [];
        const orders = [
          s.donations.map((d) => ({ ...d, amount: d.amount })),
          fc
            .sample(fc.shuffledSubarray(s.donations, { minLength: s.donations.length }), {
              seed: s.seed,
              numRuns: 1,
            })[0]
            .flatMap((d) => split(d.amount, d.cuts).map((amount) => ({ ...d, amount }))),
        ];
        for (const order of orders) {
          const { round, prove } = await openRound(fx, s.matching, s.groups);
          for (let i = 0; i < 3; i++) {
            await round.connect(fx.owners[0]).applyProject(fx.owners[i].address, `ipfs://${i}`);
            await round.connect(fx.reviewers[0]).reviewApplication(i + 1, true);
          }
          await moveTo(round, Phase.Donations);
          await prove();
          for (const d of order) {
            await round.connect(fx.donors[d.donor]).donate(d.project, d.amount, "0x", { value: d.amount });
          }
          rounds.push(round);
        }
        for (let id = 1; id <= 3; id++) {
          const [a, b] = await Promise.all(rounds.map((r) => r.project(id)));
          expect([b.sumRoots, b.sumContributions]).to.deep.equal([a.sumRoots, a.sumContributions]);
          expect(await rounds[1].idealMatchOf(id)).to.equal(await rounds[0].idealMatchOf(id));
        }
        expect(await rounds[1].totalIdealMatch()).to.equal(await rounds[0].totalIdealMatch());
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it(`holds every payout to the reference, to the wei, over ${RUNS} random rounds`, async function () {
    this.timeout(0);
    const fx = await loadFixture(deployFundingFixture);
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        await runScenario(fx, s);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
