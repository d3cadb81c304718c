/**
 * Property-based tests of contribution accounting: random sequences of submit / attest / challenge /
 * resolve / claim / voucher / epoch claim / delegate / removal and re-admission / time, run against the contracts and against a
 * model. Each call must succeed exactly when the model says so (or fail with the model's error), and
 * after every step:
 *   - total supply == founders' credit + everything claimed (attested, vouchers, epochs);
 *   - what was claimed from attested contributions <= what was accepted;
 *   - the steward's vouchers never mint more than its budget in one period;
 *   - every balance and every vote count equals the model's;
 * and at the end every past balance and past vote count equals the model's history.
 *
 * Short by default (npm test); the long run: FC_RUNS=500 npx hardhat test test/invariants/contributions.invariants.ts
 */
import { expect } from "chai";
import fc from "fast-check";
import { parseEther, type ContractTransactionResponse } from "ethers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import {
  CARE_VALUE,
  CODE_VALUE,
  EVIDENCE_HASH,
  EVIDENCE_URI,
  FOUNDER_CREDIT,
  Status as S,
  THRESHOLD,
  WINDOW,
  deployContributionsFixture,
  registryDomain,
  signVoucher,
} from "../helpers/contributions";

const RUNS = Number(process.env.FC_RUNS ?? "6");
const VALUES = [CARE_VALUE, CODE_VALUE];
/** The steward's budget per period: four care units, so a few vouchers exhaust it. */
const STEWARD_BUDGET = 4n * CARE_VALUE;

type Cmd =
  | { t: "submit"; who: number; kind: number; units: number }
  | { t: "attest"; rel: number; id: number }
  | { t: "challenge"; who: number; id: number }
  | { t: "resolve"; who: number; id: number; upheld: boolean }
  | { t: "claim"; other: boolean; id: number }
  | { t: "voucher"; who: number; units: number; vid: number }
  | { t: "membership"; who: number }
  | { t: "epoch"; row: number }
  | { t: "delegate"; who: number; to: number }
  | { t: "advance"; dt: number };

// Actors: 0..3 members (alice, bob, carol, dave), 4 outsider, 5 steward, 6 governance.
const actor = fc.integer({ min: 0, max: 4 });
const resolver = fc.integer({ min: 3, max: 6 });
const member = fc.integer({ min: 0, max: 3 });
// A pick among existing contributions (resolved at run time), now and then an unknown id (20).
const id = fc.integer({ min: 0, max: 20 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("submit" as const),
      who: fc.oneof({ weight: 5, arbitrary: member }, { weight: 1, arbitrary: actor }),
      kind: fc.constantFrom(0, 0, 1, 1, 1, 2),
      units: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant("attest" as const),
      // 0..2: another member than the contributor, 3: the contributor, 4: the outsider.
      rel: fc.constantFrom(0, 0, 1, 1, 2, 2, 3, 4),
      id,
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("challenge" as const), who: actor, id }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("resolve" as const), who: resolver, id, upheld: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("claim" as const),
      other: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
      id,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("voucher" as const),
      who: actor,
      units: fc.integer({ min: 0, max: 3 }),
      vid: fc.integer({ min: 0, max: 3 }),
    }),
  },
  // Governance removes a member, or admits a removed one again.
  { weight: 1, arbitrary: fc.record({ t: fc.constant("membership" as const), who: member }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("epoch" as const), row: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("delegate" as const), who: actor, to: actor }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("advance" as const),
      dt: fc.constantFrom(1, 3600, Number(WINDOW) / 2, Number(WINDOW), Number(WINDOW)),
    }),
  },
);

interface ModelContribution {
  contributor: number;
  amount: bigint;
  attestors: Set<number>;
  status: S;
  claimableAt: bigint;
}

async function deployInvariantFixture() {
  const f = await deployContributionsFixture();
  const people = [f.alice, f.bob, f.carol, f.dave, f.outsider, f.steward, f.governance];
  const rows: [bigint, string, bigint][] = people
    .slice(0, 5)
    .map((p, i) => [BigInt(i), p.address, parseEther(String(i + 1))]);
  const tree = StandardMerkleTree.of(rows, ["uint256", "address", "uint256"]);
  await f.epochs.connect(f.governance).publishEpoch(tree.root, "ipfs://epoch-0", 0n);
  await f.registry.connect(f.governance).setStewardBudget(f.steward.address, STEWARD_BUDGET);
  const domain = await registryDomain(f.registry);
  const period = await f.registry.STEWARD_BUDGET_PERIOD();
  return { ...f, people, rows, tree, domain, period };
}

describe("invariants: contribution accounting", function () {
  // Up to 50 calls per run; a busy machine needs a few seconds per run.
  this.timeout(60_000 + RUNS * 5_000);
  it(`supply == claimed <= accepted; balances, votes and their history match the model (${RUNS} runs)`, async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 20, maxLength: 50 }), async (cmds) => {
        const f = await loadFixture(deployInvariantFixture);
        const members = new Set([0, 1, 2, 3]);
        const contributions: ModelContribution[] = [];
        const balance = new Array<bigint>(f.people.length).fill(0n);
        balance[0] = FOUNDER_CREDIT;
        const delegateOf = f.people.map((_, i) => i);
        const redeemed = new Set<number>();
        const epochClaimed = new Set<number>();
        let claimedAttested = 0n;
        let claimedOther = 0n;
        const voucherMinted = new Map<bigint, bigint>(); // period -> minted by the steward's vouchers
        let clock = BigInt(await time.latest());
        const history: { at: bigint; balances: bigint[]; votes: bigint[] }[] = [];
        const votesOf = () =>
          f.people.map((_, i) => balance.reduce((s, b, j) => (delegateOf[j] === i ? s + b : s), 0n));

        const run = async (expected: string | null, send: () => Promise<ContractTransactionResponse>) => {
          clock += 1n;
          await time.setNextBlockTimestamp(clock);
          if (expected === null) {
            const receipt = await (await send()).wait();
            const block = await receipt!.getBlock();
            expect(BigInt(block.timestamp)).to.equal(clock);
          } else {
            await expect(send()).to.be.revertedWithCustomError(
              f.registry.interface.getError(expected) ? f.registry : f.epochs,
              expected,
            );
          }
        };

        const pick = (n: number) =>
          n === 20 || contributions.length === 0 ? contributions.length + 1 : (n % contributions.length) + 1;
        for (const raw of cmds) {
          const c: Cmd = "id" in raw ? ({ ...raw, id: pick(raw.id) } as Cmd) : raw;
          switch (c.t) {
            case "submit": {
              const ok = members.has(c.who)
                ? c.kind < 2
                  ? c.units > 0
                    ? null
                    : "ContributionRegistryInvalidUnits"
                  : "ContributionRegistryUnknownKind"
                : "ContributionRegistryNotMember";
              await run(ok, () =>
                f.registry.connect(f.people[c.who]).submit(c.kind, c.units, EVIDENCE_URI, EVIDENCE_HASH),
              );
              if (ok === null) {
                contributions.push({
                  contributor: c.who,
                  amount: BigInt(c.units) * VALUES[c.kind],
                  attestors: new Set(),
                  status: S.Pending,
                  claimableAt: 0n,
                });
              }
              break;
            }
            case "attest": {
              const m = contributions[c.id - 1];
              const who = c.rel === 4 ? 4 : ((m?.contributor ?? 0) + (c.rel === 3 ? 0 : 1 + c.rel)) % 4;
              const err = !members.has(who)
                ? "ContributionRegistryNotMember"
                : !m
                  ? "ContributionRegistryUnknownContribution"
                  : m.status === S.Rejected || m.status === S.Claimed
                    ? "ContributionRegistryWrongStatus"
                    : m.contributor === who
                      ? "ContributionRegistrySelfAttestation"
                      : m.attestors.has(who)
                        ? "ContributionRegistryAlreadyAttested"
                        : null;
              await run(err, () => f.registry.connect(f.people[who]).attest(c.id));
              if (err === null) {
                m.attestors.add(who);
                // A dismissed challenge's door re-opens with a new attestation until claimableAt.
                if (m.status === S.Cleared && (m.claimableAt === 0n || clock < m.claimableAt)) m.status = S.Pending;
                if (m.claimableAt === 0n && BigInt(m.attestors.size) >= THRESHOLD) m.claimableAt = clock + WINDOW;
              }
              break;
            }
            case "challenge": {
              const m = contributions[c.id - 1];
              const err = !members.has(c.who)
                ? "ContributionRegistryNotMember"
                : !m
                  ? "ContributionRegistryUnknownContribution"
                  : m.status !== S.Pending
                    ? "ContributionRegistryWrongStatus"
                    : m.contributor === c.who
                      ? "ContributionRegistrySelfChallenge"
                      : m.claimableAt !== 0n && clock + 1n >= m.claimableAt
                        ? "ContributionRegistryChallengeWindowClosed"
                        : null;
              await run(err, () => f.registry.connect(f.people[c.who]).challenge(c.id, "ipfs://reason"));
              if (err === null) m.status = S.Challenged;
              break;
            }
            case "resolve": {
              const m = contributions[c.id - 1];
              const err =
                c.who < 5
                  ? "ContributionRegistryNotResolver"
                  : !m
                    ? "ContributionRegistryUnknownContribution"
                    : m.status !== S.Challenged
                      ? "ContributionRegistryWrongStatus"
                      : null;
              await run(err, () =>
                f.registry.connect(f.people[c.who]).resolveChallenge(c.id, c.upheld, "ipfs://decision"),
              );
              if (err === null) m.status = c.upheld ? S.Rejected : S.Cleared;
              break;
            }
            case "claim": {
              const m = contributions[c.id - 1];
              // Usually the contributor claims; sometimes someone else tries.
              const who = m ? (c.other ? (m.contributor + 1) % 5 : m.contributor) : 0;
              const err = !m
                ? "ContributionRegistryUnknownContribution"
                : m.contributor !== who
                  ? "ContributionRegistryNotContributor"
                  : !members.has(who)
                    ? "ContributionRegistryNotMember"
                    : m.status !== S.Pending && m.status !== S.Cleared
                      ? "ContributionRegistryWrongStatus"
                      : m.claimableAt === 0n || clock + 1n < m.claimableAt
                        ? "ContributionRegistryNotClaimable"
                        : null;
              await run(err, () => f.registry.connect(f.people[who]).claim(c.id));
              if (err === null) {
                m.status = S.Claimed;
                balance[who] += m.amount;
                claimedAttested += m.amount;
              }
              break;
            }
            case "voucher": {
              const amount = BigInt(c.units) * CARE_VALUE;
              const v = {
                contributor: f.people[c.who].address,
                kind: 0n,
                units: BigInt(c.units),
                id: BigInt(c.vid),
                deadline: clock + 1000n,
              };
              const sig = await signVoucher(f.steward, f.domain, v);
              const period = (clock + 1n) / f.period;
              const spent = voucherMinted.get(period) ?? 0n;
              const err = redeemed.has(c.vid)
                ? "ContributionRegistryVoucherRedeemed"
                : amount === 0n
                  ? "ContributionRegistryInvalidUnits"
                  : !members.has(c.who)
                    ? "ContributionRegistryNotMember"
                    : spent + amount > STEWARD_BUDGET
                      ? "ContributionRegistryStewardBudgetExceeded"
                      : null;
              await run(err, () => f.registry.connect(f.people[c.who]).redeemVoucher(v, f.steward.address, sig));
              if (err === null) {
                redeemed.add(c.vid);
                voucherMinted.set(period, spent + amount);
                balance[c.who] += amount;
                claimedOther += amount;
              }
              break;
            }
            case "membership": {
              const account = f.people[c.who].address;
              if (members.has(c.who)) {
                await run(null, () => f.membership.connect(f.governance).remove(account, "ipfs://decision"));
                members.delete(c.who);
              } else {
                await run(null, () => f.membership.connect(f.governance).admit(account));
                members.add(c.who);
              }
              break;
            }
            case "epoch": {
              const [index, account, amount] = f.rows[c.row];
              const err = epochClaimed.has(c.row) ? "EpochAllocationsAlreadyClaimed" : null;
              await run(err, () => f.epochs.claim(0n, index, account, amount, f.tree.getProof(c.row)));
              if (err === null) {
                epochClaimed.add(c.row);
                balance[c.row] += amount;
                claimedOther += amount;
              }
              break;
            }
            case "delegate": {
              await run(null, () => f.token.connect(f.people[c.who]).delegate(f.people[c.to].address));
              delegateOf[c.who] = c.to;
              break;
            }
            case "advance": {
              clock += BigInt(c.dt);
              break;
            }
          }

          // After every step.
          const accepted = contributions
            .filter(
              (m) =>
                m.status === S.Claimed ||
                ((m.status === S.Pending || m.status === S.Cleared) && m.claimableAt !== 0n && clock >= m.claimableAt),
            )
            .reduce((s, m) => s + m.amount, 0n);
          expect(await f.token.totalSupply()).to.equal(FOUNDER_CREDIT + claimedAttested + claimedOther);
          expect(claimedAttested <= accepted).to.equal(true);
          for (const minted of voucherMinted.values()) expect(minted <= STEWARD_BUDGET).to.equal(true);
          const votes = votesOf();
          for (let i = 0; i < 5; i++) {
            expect(await f.token.balanceOf(f.people[i].address)).to.equal(balance[i]);
            expect(await f.token.getVotes(f.people[i].address)).to.equal(votes[i]);
          }
          const last = BigInt(await time.latest());
          const entry = { at: last, balances: [...balance], votes };
          if (history.length && history[history.length - 1].at === last) history[history.length - 1] = entry;
          else history.push(entry);
        }

        // Every past balance and vote count equals the model's history.
        await time.increase(1);
        for (const h of history) {
          for (let i = 0; i < 5; i++) {
            expect(await f.token.getPastBalance(f.people[i].address, h.at)).to.equal(h.balances[i]);
            expect(await f.token.getPastVotes(f.people[i].address, h.at)).to.equal(h.votes[i]);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
