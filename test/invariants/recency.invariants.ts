/**
 * Property-based tests of recency (contribution weight that fades with a half-life) over random
 * histories of mints, delegations, burns, half-life changes and quiet periods of up to two years:
 * - the contract equals the model (`scripts/lib/recency-model.ts`) to the wei after every step:
 *   votes, own weights, nominal balances, total weight, nominal supply;
 * - past votes, balances, totals and quadratic totals at every step's timestamp never change later,
 *   and equal the model's;
 * - members who receive nothing keep their relative weights, to within rounding;
 * - at any past timepoint the members' weights add up to no more than the total weight (the
 *   membrane's shares never exceed its pot).
 * Short in `npm test`; the long run is `FC_RUNS=500 npx hardhat test test/invariants/recency.invariants.ts`.
 */
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import fc from "fast-check";

import { RecencyToken } from "../../scripts/lib/recency-model";
import { DAY, QUARTER, YEAR, deployRecencyCommunity } from "../helpers/recency";

const RUNS = Number(process.env.FC_RUNS ?? "4");
const HALF_LIVES = [0n, DAY, 30n * DAY, QUARTER, YEAR] as const;

type Action =
  | { kind: "mint"; who: number; amount: bigint }
  | { kind: "delegate"; who: number; to: number }
  | { kind: "burn"; who: number; part: number }
  | { kind: "halfLife"; pick: number };

const step = fc.record({
  wait: fc.oneof(fc.bigInt(1n, 3600n), fc.bigInt(1n, 2n * YEAR)),
  action: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("mint" as const),
        who: fc.nat(3),
        amount: fc.oneof(fc.bigInt(1n, 10n ** 6n), fc.bigInt(1n, 10n ** 24n)),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("delegate" as const), who: fc.nat(3), to: fc.nat(4) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("burn" as const), who: fc.nat(3), part: fc.nat(100) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("halfLife" as const), pick: fc.nat(4) }) },
  ) as fc.Arbitrary<Action>,
});

async function dayFixture() {
  return deployRecencyCommunity(DAY);
}
async function quarterFixture() {
  return deployRecencyCommunity(QUARTER);
}
async function yearFixture() {
  return deployRecencyCommunity(YEAR);
}
const FIXTURES = [dayFixture, quarterFixture, yearFixture];

describe("invariants: recency", function () {
  it(`contract == model; past snapshots never change; untouched members keep their ratios (${RUNS} runs)`, async function () {
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.array(step, { minLength: 1, maxLength: 20 }), async (pick, steps) => {
        const f = await loadFixture(FIXTURES[pick]);
        const model = new RecencyToken(f.start, await f.token.halfLife());
        const people = [f.alice, f.bob, f.carol, f.dave];
        const who = people.map((p) => p.address);
        const seen: { t: bigint; votes: bigint[]; balances: bigint[]; supply: bigint; roots: bigint }[] = [];
        let t = BigInt(await time.latest());
        let weights: bigint[] = who.map(() => 0n);
        for (const s of steps) {
          t += s.wait;
          await time.setNextBlockTimestamp(t);
          const touched = new Set<number>();
          const a = s.action;
          if (a.kind === "mint") {
            await f.token.connect(f.minter).mint(who[a.who], a.amount);
            model.mint(t, who[a.who], a.amount);
            touched.add(a.who);
          } else if (a.kind === "delegate") {
            const to = a.to === 4 ? ZeroAddress : who[a.to];
            await f.token.connect(people[a.who]).delegate(to);
            model.delegate(t, who[a.who], to);
          } else if (a.kind === "burn") {
            const balance = model.nominal.get(who[a.who]) ?? 0n;
            const amount = (balance * BigInt(a.part)) / 100n;
            if (amount === 0n) {
              await time.increaseTo(t);
            } else {
              await f.token.connect(f.governance).burn(who[a.who], amount, "ipfs://why");
              model.burn(t, who[a.who], amount);
              touched.add(a.who);
            }
          } else {
            const h = HALF_LIVES[a.pick];
            if (h === model.schedule.halfLife) {
              await time.increaseTo(t);
            } else {
              await f.token.connect(f.governance).setHalfLife(h);
              model.setHalfLife(t, h);
            }
          }
          // Current views, to the wei.
          const next: bigint[] = [];
          for (const [i, account] of who.entries()) {
            expect(await f.token.getVotes(account)).to.equal(model.getVotes(account, t));
            const w = await f.token.weightOf(account);
            expect(w).to.equal(model.weightOfAccount(account, t));
            expect(await f.token.balanceOf(account)).to.equal(model.nominal.get(account) ?? 0n);
            next.push(w);
            void i;
          }
          expect(await f.token.totalWeight()).to.equal(model.totalWeight(t));
          expect(await f.token.totalSupply()).to.equal(model.nominalSupply);
          // Members who received nothing keep their ratio, to within rounding.
          for (let i = 0; i < who.length; i++) {
            for (let j = i + 1; j < who.length; j++) {
              if (touched.has(i) || touched.has(j)) continue;
              const [wi0, wj0, wi1, wj1] = [weights[i], weights[j], next[i], next[j]];
              if (wi1 < 10n ** 12n || wj1 < 10n ** 12n) continue;
              const before = Number(wi0) / Number(wj0);
              const after = Number(wi1) / Number(wj1);
              expect(Math.abs(after / before - 1)).to.be.lessThan(1e-9);
            }
          }
          weights = next;
          // What the past looks like one second later: recorded now, checked again at the end.
          await time.increase(1n);
          seen.push({
            t,
            votes: await Promise.all(who.map((x) => f.token.getPastVotes(x, t))),
            balances: await Promise.all(who.map((x) => f.token.getPastBalance(x, t))),
            supply: await f.token.getPastTotalSupply(t),
            roots: await f.token.getPastTotalQuadraticWeight(t),
          });
          t += 1n;
        }
        await time.increase(3n * YEAR);
        for (const p of seen) {
          const votes = await Promise.all(who.map((x) => f.token.getPastVotes(x, p.t)));
          const balances = await Promise.all(who.map((x) => f.token.getPastBalance(x, p.t)));
          expect(votes).to.deep.equal(p.votes);
          expect(balances).to.deep.equal(p.balances);
          expect(await f.token.getPastTotalSupply(p.t)).to.equal(p.supply);
          expect(await f.token.getPastTotalQuadraticWeight(p.t)).to.equal(p.roots);
          expect(votes).to.deep.equal(who.map((x) => model.getPastVotes(x, p.t)));
          expect(balances).to.deep.equal(who.map((x) => model.getPastBalance(x, p.t)));
          expect(p.supply).to.equal(model.getPastTotalSupply(p.t));
          expect(p.roots).to.equal(model.getPastTotalQuadraticWeight(p.t));
          expect(balances.reduce((x, y) => x + y, 0n)).to.be.lessThanOrEqual(p.supply);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
