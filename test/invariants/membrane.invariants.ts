/**
 * Property-based tests of the membrane over random sequences of contributions (mints), incomes,
 * closes, claims, treasury payments and share changes, checked against a model in TypeScript:
 * - every claim equals floor(toContributors * balance at snapshot / supply at snapshot), to the wei;
 * - after every step the contract holds exactly what it owes (open income + what is carried to the
 *   next contributors + treasury debt + unclaimed shares), and treasury + claims never exceed the
 *   income received;
 * - the treasury takes its share of each income once: what is carried (an epoch's rounding dust once
 *   its last holder has claimed, or the contributors' part of an epoch nobody held) goes to the next
 *   epoch's contributors only, so the treasury's total is exactly the sum of floor(income x bps) per
 *   epoch, and after everyone claims, income = treasury + claims + open + carried: nothing is lost.
 * Short in `npm test`; the long run is `FC_RUNS=500 npx hardhat test test/invariants/membrane.invariants.ts`.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import fc from "fast-check";

import { DAY, NATIVE, deployLicensingFixture } from "../helpers/licensing";

const RUNS = Number(process.env.FC_RUNS ?? "4");

type Action =
  | { kind: "mint"; who: number; amount: bigint }
  | { kind: "income"; amount: bigint }
  | { kind: "close" }
  | { kind: "claim"; who: number; pick: number }
  | { kind: "payTreasury" }
  | { kind: "share"; bps: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("mint" as const), who: fc.nat(3), amount: fc.bigInt(1n, 10n ** 21n) }),
  fc.record({ kind: fc.constant("income" as const), amount: fc.bigInt(1n, 10n ** 20n) }),
  fc.record({ kind: fc.constant("close" as const) }),
  fc.record({ kind: fc.constant("claim" as const), who: fc.nat(3), pick: fc.nat() }),
  fc.record({ kind: fc.constant("payTreasury" as const) }),
  fc.record({ kind: fc.constant("share" as const), bps: fc.nat(10_000) }),
);

interface ModelEpoch {
  supply: bigint;
  toContributors: bigint;
  weights: bigint[];
  claimed: boolean[];
  claimedSum: bigint;
  claimedWeight: bigint;
}

describe("invariants: membrane", function () {
  it(`splits income exactly and loses no wei over random histories (${RUNS} runs)`, async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 24 }), async (actions) => {
        const { membrane, token, minter, governance, alice, bob, carol, company, others } =
          await loadFixture(deployLicensingFixture);
        const people = [alice, bob, carol, others[1]];
        const m = await membrane.getAddress();
        const balances = [0n, 0n, 0n, 0n];
        const epochs: ModelEpoch[] = [];
        let bps = 2_000n;
        let pending = 0n;
        let carried = 0n;
        let treasuryTotal = 0n;
        let owed = 0n;
        let income = 0n;
        let claimedTotal = 0n;
        let treasuryPaid = 0n;

        const claimAll = async (who: number, ids: number[]) => {
          let expected = 0n;
          let counted = false;
          for (const id of ids) {
            const e = epochs[id - 1];
            const w = e.weights[who];
            if (e.toContributors === 0n || w === 0n) continue;
            // A holder counts as having claimed even when their share rounds to zero.
            counted = true;
            const share = (e.toContributors * w) / e.supply;
            e.claimed[who] = true;
            e.claimedSum += share;
            e.claimedWeight += w;
            expected += share;
            if (e.claimedWeight === e.supply && e.claimedSum < e.toContributors) {
              carried += e.toContributors - e.claimedSum;
              e.claimedSum = e.toContributors;
            }
          }
          const call = membrane.connect(people[who]).claim(
            NATIVE,
            ids.map((i) => BigInt(i)),
          );
          if (!counted) {
            await expect(call).to.be.revertedWithCustomError(membrane, "MembraneNothingToClaim");
            return;
          }
          const receipt = await (await call).wait();
          let paid = 0n;
          for (const log of receipt!.logs) {
            const parsed = membrane.interface.parseLog(log);
            if (parsed?.name === "IncomeClaimed") paid += parsed.args.amount as bigint;
          }
          expect(paid).to.equal(expected);
          claimedTotal += paid;
        };

        const unclaimed = (who: number) => epochs.map((e, i) => (e.claimed[who] ? 0 : i + 1)).filter((id) => id !== 0);

        for (const a of actions) {
          if (a.kind === "mint") {
            await token.connect(minter).mint(people[a.who].address, a.amount);
            balances[a.who] += a.amount;
          } else if (a.kind === "income") {
            await company.sendTransaction({ to: m, value: a.amount });
            pending += a.amount;
            income += a.amount;
          } else if (a.kind === "close") {
            await time.increase(DAY);
            await membrane.closeEpoch(NATIVE);
            const supply = balances.reduce((s, b) => s + b, 0n);
            const toTreasury = (pending * bps) / 10_000n;
            let toContributors = pending - toTreasury + carried;
            carried = 0n;
            if (supply === 0n) {
              carried = toContributors;
              toContributors = 0n;
            }
            const onChain = await membrane.epoch(NATIVE, BigInt(epochs.length + 1));
            expect(onChain.toContributors).to.equal(toContributors);
            expect(onChain.toTreasury).to.equal(toTreasury);
            expect(onChain.supply).to.equal(supply);
            epochs.push({
              supply,
              toContributors,
              weights: [...balances],
              claimed: [false, false, false, false],
              claimedSum: 0n,
              claimedWeight: 0n,
            });
            owed += toTreasury;
            treasuryTotal += toTreasury;
            pending = 0n;
          } else if (a.kind === "claim") {
            const open = unclaimed(a.who);
            if (open.length === 0) continue;
            // A random non-empty subset of the epochs not yet claimed (at most 64).
            const ids = open
              .filter((_, i) => ((a.pick >> (i % 31)) & 1) === 1 || i === a.pick % open.length)
              .slice(0, 64);
            await claimAll(a.who, ids);
          } else if (a.kind === "payTreasury") {
            if (owed === 0n) {
              await expect(membrane.payTreasury(NATIVE)).to.be.revertedWithCustomError(membrane, "MembraneNothingOwed");
            } else {
              await membrane.payTreasury(NATIVE);
              treasuryPaid += owed;
              owed = 0n;
            }
          } else {
            await membrane.connect(governance).setTreasuryShare(a.bps);
            bps = BigInt(a.bps);
          }
          const reserved = epochs.reduce((s, e) => s + e.toContributors - e.claimedSum, 0n);
          expect(await membrane.pendingIncome(NATIVE)).to.equal(pending);
          expect(await membrane.carriedToContributors(NATIVE)).to.equal(carried);
          expect(await membrane.treasuryOwed(NATIVE)).to.equal(owed);
          expect(treasuryPaid + owed).to.equal(treasuryTotal);
          expect(await membrane.accounted(NATIVE)).to.equal(pending + carried + owed + reserved);
          expect(await ethers.provider.getBalance(m)).to.equal(pending + carried + owed + reserved);
          expect(treasuryPaid + owed + claimedTotal + reserved + pending + carried).to.equal(income);
        }

        // Everyone claims everything: every epoch's dust is carried to the next contributors, nothing is lost.
        for (let who = 0; who < 4; who++) {
          const open = unclaimed(who).filter((id) => epochs[id - 1].weights[who] > 0n);
          for (let i = 0; i < open.length; i += 64) await claimAll(who, open.slice(i, i + 64));
        }
        for (const e of epochs) expect(e.claimedSum).to.equal(e.toContributors);
        expect(await membrane.pendingIncome(NATIVE)).to.equal(pending);
        expect(await membrane.carriedToContributors(NATIVE)).to.equal(carried);
        expect(await ethers.provider.getBalance(m)).to.equal(pending + carried + owed);
        expect(treasuryPaid + owed + claimedTotal + pending + carried).to.equal(income);
      }),
      { numRuns: RUNS },
    );
  });
});
