/**
 * Property: whatever sequence of grants, claims, reclaims, departures and re-affiliations happens,
 * the escrow holds exactly what it owes in each currency, every wei funded ends up paid, returned
 * or still owed, and no tranche is paid that was not due before the end of its affiliation.
 *
 * A second property covers recognition (founding act, vouches, withdrawals) below.
 *
 *   FC_RUNS=500 npx hardhat test test/invariants/federation.invariants.ts
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";

import { deployFederationFixture, MAX_UINT64, registerOutsider, type TestCommunity } from "../helpers/federation";

const RUNS = Number(process.env.FC_RUNS ?? "6");

type Action =
  | { kind: "fund"; pair: number; erc20: boolean; amounts: number[]; gaps: number[] }
  | { kind: "wait"; seconds: number }
  | { kind: "claim"; grant: number }
  | { kind: "reclaim"; grant: number }
  | { kind: "toggle"; pair: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant("fund" as const),
    pair: fc.nat(3),
    erc20: fc.boolean(),
    amounts: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 5 }),
    gaps: fc.array(fc.nat(2_000), { minLength: 5, maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 1, max: 3_000 }) }),
  fc.record({ kind: fc.constant("claim" as const), grant: fc.nat(20) }),
  fc.record({ kind: fc.constant("reclaim" as const), grant: fc.nat(20) }),
  fc.record({ kind: fc.constant("toggle" as const), pair: fc.nat(3) }),
);

interface ModelGrant {
  pair: number;
  token: string;
  tranches: { amount: bigint; dueAt: bigint }[];
  epoch: bigint;
}

describe("invariants: federation funding escrow", function () {
  it(`holds exactly what it owes over random sequences (${RUNS} runs)`, async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
        const f = await loadFixture(deployFederationFixture);
        const { registry, funding, token } = f;
        const tokenAddr = await token.getAddress();
        const pairs: [TestCommunity, TestCommunity][] = [
          [f.guild1, f.bio1],
          [f.guild1, f.bio2],
          [f.guild2, f.bio1],
          [f.guild2, f.bio2],
        ];
        const active = [false, false, false, false];
        for (const [guild] of pairs) {
          await token.mint(guild.gov.address, 10n ** 12n);
          await token.connect(guild.gov).approve(await funding.getAddress(), ethers.MaxUint256);
        }
        const grants: ModelGrant[] = [];
        const funded = new Map<string, bigint>([
          [ethers.ZeroAddress, 0n],
          [tokenAddr, 0n],
        ]);
        const paidOut = new Map<string, bigint>([
          [ethers.ZeroAddress, 0n],
          [tokenAddr, 0n],
        ]);

        for (const a of actions) {
          if (a.kind === "toggle") {
            const [guild, bio] = pairs[a.pair];
            if (active[a.pair]) await registry.connect(bio.gov).leave(guild.gov.address);
            else {
              await registry.connect(guild.gov).affiliate(bio.gov.address);
              await registry.connect(bio.gov).affiliate(guild.gov.address);
            }
            active[a.pair] = !active[a.pair];
          } else if (a.kind === "wait") {
            await time.increase(a.seconds);
          } else if (a.kind === "fund") {
            const [guild, bio] = pairs[a.pair];
            const now = BigInt(await time.latest());
            let due = now - 100n;
            const tranches = a.amounts.map((amount, i) => {
              due += BigInt(a.gaps[i]);
              return { amount: BigInt(amount), dueAt: due };
            });
            const total = tranches.reduce((s, t) => s + t.amount, 0n);
            const tokenOf = a.erc20 ? tokenAddr : ethers.ZeroAddress;
            const call = funding
              .connect(guild.gov)
              .fund(bio.gov.address, ethers.ZeroAddress, tokenOf, tranches, "", { value: a.erc20 ? 0n : total });
            if (!active[a.pair]) {
              await expect(call).to.be.revertedWithCustomError(funding, "FederationFundingNotAffiliated");
              continue;
            }
            await call;
            const epoch = (await registry.getAffiliation(guild.gov.address, bio.gov.address)).epoch;
            grants.push({ pair: a.pair, token: tokenOf, tranches, epoch });
            funded.set(tokenOf, funded.get(tokenOf)! + total);
          } else {
            const id = a.grant % Math.max(grants.length, 1);
            if (grants.length === 0) continue;
            const g = grants[id];
            const before = await funding.getGrant(id + 1);
            const [guild, bio] = pairs[g.pair];
            const end = await registry.affiliationEnd(guild.gov.address, bio.gov.address, g.epoch);
            const pending = a.kind === "claim" ? await funding.claimable(id + 1) : await funding.reclaimable(id + 1);
            const tx = a.kind === "claim" ? funding.claim(id + 1) : funding.reclaim(id + 1);
            if (pending[0] === 0n) {
              await expect(tx).to.be.reverted;
              continue;
            }
            await tx;
            const now = BigInt(await time.latest());
            const after = await funding.getGrant(id + 1);
            if (a.kind === "claim") {
              // Every tranche paid fell due by now and by the end of its affiliation.
              for (let i = Number(before.nextTranche); i < Number(after.nextTranche); i++) {
                expect(g.tranches[i].dueAt <= now && g.tranches[i].dueAt <= end).to.equal(true);
              }
            } else {
              // Every tranche returned fell due after the end of an ended affiliation.
              expect(end).to.not.equal(MAX_UINT64);
              for (let i = Number(after.endTranche); i < Number(before.endTranche); i++) {
                expect(g.tranches[i].dueAt > end).to.equal(true);
              }
            }
            paidOut.set(g.token, paidOut.get(g.token)! + pending[0]);
          }

          // The escrow holds exactly what it owes, in each currency.
          const escrow = await funding.getAddress();
          const owedNative = await funding.owed(ethers.ZeroAddress);
          const owedToken = await funding.owed(tokenAddr);
          expect(await ethers.provider.getBalance(escrow)).to.equal(owedNative);
          expect(await token.balanceOf(escrow)).to.equal(owedToken);
          // Every wei funded is paid, returned or still owed.
          expect(paidOut.get(ethers.ZeroAddress)! + owedNative).to.equal(funded.get(ethers.ZeroAddress));
          expect(paidOut.get(tokenAddr)! + owedToken).to.equal(funded.get(tokenAddr));
        }

        // Nothing is stuck: once every tranche is due, claims and reclaims empty the escrow.
        await time.increase(1_000_000);
        for (let id = 1; id <= grants.length; id++) {
          if ((await funding.claimable(id))[0] > 0n) await funding.claim(id);
          if ((await funding.reclaimable(id))[0] > 0n) await funding.reclaim(id);
        }
        expect(await funding.owed(ethers.ZeroAddress)).to.equal(0);
        expect(await funding.owed(tokenAddr)).to.equal(0);
        expect(await ethers.provider.getBalance(await funding.getAddress())).to.equal(0);
        expect(await token.balanceOf(await funding.getAddress())).to.equal(0);
      }),
      { numRuns: RUNS },
    );
  });
});

type RecognitionAction = { kind: "vouch"; by: number; of: number } | { kind: "withdraw"; by: number; of: number };

const recognitionAction: fc.Arbitrary<RecognitionAction> = fc.record({
  kind: fc.constantFrom("vouch" as const, "withdraw" as const),
  by: fc.nat(9),
  of: fc.nat(9),
});

/**
 * Property: whatever vouches and withdrawals the communities' governances send, a community is
 * recognised exactly when a chain of vouches of at most MAX_DEPTH links leads from it to a founding
 * community, each vouch given in its voucher's current generation (so re-vouching a community whose
 * recognition was withdrawn or lost never restores the vouches it gave before); a model of the
 * forest predicts every answer, success or refusal, and an account counts as a federated member
 * only through a recognised community.
 */
describe("invariants: federation recognition", function () {
  it(`recognises exactly the communities a chain of vouches ties to a founder (${RUNS} runs)`, async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(recognitionAction, { minLength: 1, maxLength: 20 }), async (actions) => {
        const f = await loadFixture(deployFederationFixture);
        const { registry, federated } = f;
        const signers = await ethers.getSigners();
        // Four founding communities, then six listed by their own governance, nobody vouching yet.
        const govs = [f.bio1.gov, f.bio2.gov, f.guild1.gov, f.guild2.gov, ...signers.slice(10, 16)];
        const membership = await ethers.deployContract("MockMembership");
        for (const gov of govs.slice(4)) {
          await registerOutsider(registry, gov, "guild", `Outsider ${gov.address}`, await membership.getAddress());
        }
        await membership.setMember(f.alice.address, true);
        const maxDepth = Number(await registry.MAX_DEPTH());
        const founding = govs.map((_, i) => i < 4);
        const voucher: (number | undefined)[] = govs.map(() => undefined);
        // Each community's generation (increased when its recognition is withdrawn and when it is
        // vouched for), and the voucher's generation each vouch was given in: a vouch counts only
        // while its voucher is still in that generation, so a cut-off subtree stays cut off.
        const generation = govs.map(() => 0);
        const voucherGeneration = govs.map(() => 0);
        const model = (i: number): [boolean, number] => {
          let current = i;
          for (let depth = 0; depth <= maxDepth; ++depth) {
            if (founding[current]) return [true, depth];
            const up = voucher[current];
            if (up === undefined || generation[up] !== voucherGeneration[current]) return [false, 0];
            current = up;
          }
          return [false, 0];
        };
        let listed = false;
        for (const a of actions) {
          const [by, of] = [govs[a.by], govs[a.of]];
          if (a.kind === "vouch") {
            const [byOk, byDepth] = model(a.by);
            const ok = byOk && byDepth < maxDepth && !model(a.of)[0];
            const sent = registry.connect(by).vouch(of.address);
            if (ok) {
              await sent;
              voucher[a.of] = a.by;
              voucherGeneration[a.of] = generation[a.by];
              generation[a.of] += 1;
            } else await expect(sent).to.be.reverted;
          } else {
            const ok = (voucher[a.of] === a.by || a.by === a.of) && (voucher[a.of] !== undefined || founding[a.of]);
            const sent = registry.connect(by).withdrawRecognition(of.address);
            if (ok) {
              await sent;
              voucher[a.of] = undefined;
              founding[a.of] = false;
              generation[a.of] += 1;
            } else await expect(sent).to.be.reverted;
          }
          // Alice lists the first outsider community as soon as it is recognised.
          if (!listed && model(4)[0]) {
            await federated.connect(f.alice).join(govs[4].address);
            listed = true;
          }
          for (let i = 0; i < govs.length; ++i) {
            const [recognised, depth] = model(i);
            expect(await registry.recognition(govs[i].address)).to.deep.equal([recognised, BigInt(depth)]);
          }
          expect(await federated.isMember(f.alice.address)).to.equal(listed && model(4)[0]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
