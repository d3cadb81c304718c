/**
 * Property-based tests of the RoundFactory's checkout (one transaction, carts over several rounds,
 * native and ERC-20) over random sequences of carts by several donors. After every checkout:
 * - nothing stays in the factory: no native currency, no tokens, no allowance left to a round;
 * - every donation is credited to the donor (never to the factory) in the right round and project,
 *   exactly as the model says, and each round holds exactly its pool plus its donations;
 * - a checkout whose value does not match its native total changes nothing;
 * - a checkout paid by permit (`checkoutWithPermits`, the ERC-20 part's total signed for the factory)
 *   credits the same as one paid by allowance, uses the permit's nonce and leaves no allowance behind.
 * Short in `npm test`; the long run is `FC_RUNS=500 npx hardhat test test/invariants/factory.invariants.ts`.
 */
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";

import { ONE, Phase, applyAndApprove, createRound, deployFundingFixture, moveTo, signPermit } from "../helpers/funding";

const RUNS = Number(process.env.FC_RUNS ?? "4");
const DONORS = 3;
const PROJECTS = 2;

interface Item {
  round: number;
  project: number;
  amount: bigint;
}

const item: fc.Arbitrary<Item> = fc.record({
  round: fc.nat(2),
  project: fc.nat(PROJECTS - 1),
  amount: fc.oneof(fc.bigInt(1n, 1000n), fc.bigInt(1n, 3n * ONE)),
});
const checkout = fc.record({
  donor: fc.nat(DONORS - 1),
  items: fc.array(item, { minLength: 1, maxLength: 6 }),
  valueSkew: fc.oneof(fc.constant(0n), fc.constant(0n), fc.bigInt(-2n, 2n)),
  viaPermit: fc.boolean(),
});

/** Two native rounds and an ERC-20 round, all taking donations, each with two approved projects. */
async function deployCheckoutFixture() {
  const fx = await deployFundingFixture();
  const token = await fx.token.getAddress();
  const rounds = [await createRound(fx), await createRound(fx), await createRound(fx, { token })];
  for (const r of rounds) {
    await applyAndApprove(fx, r, fx.owners.slice(0, PROJECTS));
  }
  for (const s of fx.donors.slice(0, DONORS))
    await fx.token.connect(s).approve(await fx.factory.getAddress(), ethers.MaxUint256);
  await rounds[0].connect(fx.funders[0]).fund(ONE, { value: ONE });
  for (const r of rounds) await moveTo(r, Phase.Donations);
  return { ...fx, rounds };
}

describe("invariants: RoundFactory checkout", function () {
  it(`credits every cart to its donor and keeps nothing in the factory (${RUNS} runs)`, async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(checkout, { minLength: 1, maxLength: 8 }), async (checkouts) => {
        const fx = await loadFixture(deployCheckoutFixture);
        const { factory, rounds, token, donors } = fx;
        const factoryAddr = await factory.getAddress();
        const roundAddrs = await Promise.all(rounds.map((r) => r.getAddress()));
        const model = new Map<string, bigint>(); // round|project|donor -> total
        const key = (r: number, p: number, d: number) => `${r}|${p}|${d}`;
        const pools = await Promise.all(rounds.map((r) => r.pool()));

        for (const c of checkouts) {
          const carts = [0, 1, 2]
            .map((r) => ({
              round: roundAddrs[r],
              donations: c.items
                .filter((i) => i.round === r)
                .map((i) => ({ projectId: BigInt(i.project + 1), amount: i.amount })),
              proof: "0x",
            }))
            .filter((cart) => cart.donations.length > 0);
          const nativeTotal = c.items.filter((i) => i.round < 2).reduce((s, i) => s + i.amount, 0n);
          const value = nativeTotal + c.valueSkew < 0n ? 0n : nativeTotal + c.valueSkew;
          const tokenTotal = c.items.filter((i) => i.round === 2).reduce((s, i) => s + i.amount, 0n);
          const donor = donors[c.donor];
          const permit = c.viaPermit && tokenTotal > 0n;
          const nonce = await token.nonces(donor.address);
          let call;
          if (permit) {
            // The permit replaces the standing allowance with exactly the cart's token total.
            const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3600n;
            const sig = await signPermit(token, donor, factoryAddr, tokenTotal, deadline);
            const p = { token: await token.getAddress(), value: tokenTotal, deadline, ...sig };
            call = factory.connect(donor).checkoutWithPermits(carts, [p], { value });
          } else {
            call = factory.connect(donor).checkout(carts, { value });
          }
          if (value !== nativeTotal) {
            await expect(call).to.be.revertedWithCustomError(factory, "RoundFactoryWrongValue");
            // Reverted as a whole: the permit was not used either.
            if (permit) expect(await token.nonces(donor.address)).to.equal(nonce);
          } else {
            await (await call).wait();
            for (const i of c.items) {
              const k = key(i.round, i.project, c.donor);
              model.set(k, (model.get(k) ?? 0n) + i.amount);
            }
            if (permit) {
              expect(await token.nonces(donor.address)).to.equal(nonce + 1n);
              expect(await token.allowance(donor.address, factoryAddr)).to.equal(0n);
            }
          }
          // Back to the standing approval for the next checkouts.
          if (permit) await token.connect(donor).approve(factoryAddr, ethers.MaxUint256);

          expect(await ethers.provider.getBalance(factoryAddr)).to.equal(0n);
          expect(await token.balanceOf(factoryAddr)).to.equal(0n);
          expect(await token.allowance(factoryAddr, roundAddrs[2])).to.equal(0n);
          expect(await factory.roundCount()).to.equal(3n);
          for (let r = 0; r < 3; r++) {
            let sum = 0n;
            for (let p = 0; p < PROJECTS; p++) {
              for (let d = 0; d < DONORS; d++) {
                const want = model.get(key(r, p, d)) ?? 0n;
                expect(await rounds[r].donationOf(p + 1, donors[d].address)).to.equal(want);
                sum += want;
              }
              expect(await rounds[r].donationOf(p + 1, factoryAddr)).to.equal(0n);
            }
            const held = r < 2 ? await ethers.provider.getBalance(roundAddrs[r]) : await token.balanceOf(roundAddrs[r]);
            expect(held).to.equal(pools[r] + sum);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
