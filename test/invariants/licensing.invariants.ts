/**
 * Property-based tests of the LicenceRegistry's fee path over random sequences of commercial
 * licences taken, renewed and reported on by several licensees, across four works (a native fee
 * into the community's membrane, an ERC-20 fee into the membrane, a fee-on-transfer token paid to a
 * person, a native fee to a beneficiary that refuses native currency), with time travel in between.
 * After every step:
 * - nothing stays in the registry but the native fees refused by their beneficiary, which are held
 *   for it exactly (`heldFees`), while its licences stay paid; it holds no token (fees are pushed);
 * - every fee and revenue share is exactly what the frozen terms say (fee per period,
 *   floor(revenue * share / 10,000)): no licensee pays more, no beneficiary receives less than arrived;
 * - the membrane has accounted every fee that reached it (its `accounted` equals what arrived), and
 *   a person beneficiary received the fees minus the token's own transfer fee;
 * - `isLicensed` agrees with the model's expiry (period from the grant, renewals extend from the
 *   expiry, or from now once expired).
 * Short in `npm test`; the long run is `FC_RUNS=500 npx hardhat test test/invariants/licensing.invariants.ts`.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";

import { Commercial, DAY, NATIVE, deployLicensingFixture, makeTerms, registerWork } from "../helpers/licensing";

const RUNS = Number(process.env.FC_RUNS ?? "4");
const PERIOD = 30 * DAY;

/** The works' terms: native fee, ERC-20 fee, fee-on-transfer fee (1 % burnt by the token), refused native fee. */
const FEES = [10n ** 15n, 10n ** 18n, 10n ** 18n, 10n ** 15n];
const SHARES = [500n, 250n, 0n, 0n];
const WORKS = FEES.length;

type Action =
  | { kind: "take"; who: number; work: number }
  | { kind: "renew"; who: number; work: number }
  | { kind: "report"; who: number; work: number; revenue: bigint }
  | { kind: "wait"; days: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("take" as const), who: fc.nat(2), work: fc.nat(3) }),
  fc.record({ kind: fc.constant("renew" as const), who: fc.nat(2), work: fc.nat(3) }),
  fc.record({
    kind: fc.constant("report" as const),
    who: fc.nat(2),
    work: fc.nat(1),
    revenue: fc.bigInt(0n, 10n ** 21n),
  }),
  fc.record({ kind: fc.constant("wait" as const), days: fc.nat(45) }),
);

async function deployFeeWorksFixture() {
  const f = await deployLicensingFixture();
  const { registry, steward, membrane, erc20, fotToken, company, alice, bob, others } = f;
  const m = await membrane.getAddress();
  const person = others[0];
  const refusing = await (await (await ethers.getContractFactory("MockRefusingRecipient")).deploy()).getAddress();
  const tokens = [NATIVE, await erc20.getAddress(), await fotToken.getAddress(), NATIVE];
  const beneficiaries = [m, m, person.address, refusing];
  for (let w = 0; w < WORKS; w++) {
    const terms = makeTerms({
      feeToken: tokens[w],
      feePerPeriod: FEES[w],
      revenueShareBps: Number(SHARES[w]),
      period: PERIOD,
    });
    await registerWork(registry, steward, beneficiaries[w], terms, `Work ${w}`);
  }
  const licensees = [company, alice, bob];
  for (const s of licensees) {
    for (const t of [erc20, fotToken]) {
      await t.mint(s.address, 10n ** 26n);
      await t.connect(s).approve(await registry.getAddress(), ethers.MaxUint256);
    }
  }
  return { ...f, licensees, tokens, person, refusing };
}

describe("invariants: licence fees", function () {
  it(`every fee is exactly the terms', arrives in full and nothing stays in the registry (${RUNS} runs)`, async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 20 }), async (actions) => {
        const f = await loadFixture(deployFeeWorksFixture);
        const { registry, membrane, erc20, fotToken, licensees, tokens, person, refusing } = f;
        const reg = await registry.getAddress();
        const m = await membrane.getAddress();
        // Model: licence id and expiry per (licensee, work); what arrived where; what each paid in tokens.
        const licence: { id: bigint; expiresAt: bigint }[][] = licensees.map(() =>
          FEES.map(() => ({ id: 0n, expiresAt: 0n })),
        );
        const arrived = { native: 0n, erc20: 0n, person: 0n, held: 0n };
        const spent = licensees.map(() => [0n, 0n]);

        const pay = async (who: number, work: number, amount: bigint, sent: Promise<{ wait(): Promise<unknown> }>) => {
          const receipt = (await (await sent).wait()) as { logs: never[]; blockNumber: number };
          let feePaid = 0n;
          for (const log of receipt.logs) {
            const parsed = registry.interface.parseLog(log);
            if (parsed?.name === "FeePaid") feePaid += parsed.args.amount as bigint;
          }
          expect(feePaid).to.equal(amount);
          if (work === 0) arrived.native += amount;
          else if (work === 3) arrived.held += amount;
          else if (work === 1) {
            arrived.erc20 += amount;
            spent[who][0] += amount;
          } else {
            arrived.person += amount - amount / 100n;
            spent[who][1] += amount;
          }
          return BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
        };

        for (const a of actions) {
          const now = BigInt(await time.latest());
          if (a.kind === "wait") {
            await time.increase(a.days * DAY + 1);
          } else if (a.kind === "take") {
            const l = licence[a.who][a.work];
            if (l.id !== 0n && l.expiresAt > now + 1n) continue; // still licensed: a request would be refused
            const id = (await registry.counts())[1] + 1n;
            const value = tokens[a.work] === NATIVE ? FEES[a.work] : 0n;
            const t = await pay(
              a.who,
              a.work,
              FEES[a.work],
              registry
                .connect(licensees[a.who])
                .requestLicence(a.work + 1, 1n, Commercial, FEES[a.work], 10_000, { value }),
            );
            licence[a.who][a.work] = { id, expiresAt: t + BigInt(PERIOD) };
          } else if (a.kind === "renew") {
            const l = licence[a.who][a.work];
            if (l.id === 0n) continue;
            const value = tokens[a.work] === NATIVE ? FEES[a.work] : 0n;
            const t = await pay(
              a.who,
              a.work,
              FEES[a.work],
              registry.connect(licensees[a.who]).renewLicence(l.id, { value }),
            );
            l.expiresAt = (l.expiresAt < t ? t : l.expiresAt) + BigInt(PERIOD);
          } else {
            const l = licence[a.who][a.work];
            if (l.id === 0n) continue;
            const share = (a.revenue * SHARES[a.work]) / 10_000n;
            const value = a.work === 0 ? share : 0n;
            await pay(
              a.who,
              a.work,
              share,
              registry
                .connect(licensees[a.who])
                .reportRevenue(l.id, a.revenue, "ipfs://report", ethers.ZeroHash, { value }),
            );
          }

          // Nothing stays in the registry but the fees held for the beneficiary that refused them.
          expect(await ethers.provider.getBalance(reg)).to.equal(arrived.held);
          expect(await registry.heldFees(refusing)).to.equal(arrived.held);
          expect(await erc20.balanceOf(reg)).to.equal(0n);
          expect(await fotToken.balanceOf(reg)).to.equal(0n);
          // Everything that arrived is accounted by the membrane or held by the person beneficiary.
          expect(await membrane.accounted(NATIVE)).to.equal(arrived.native);
          expect(await ethers.provider.getBalance(m)).to.equal(arrived.native);
          expect(await membrane.accounted(tokens[1])).to.equal(arrived.erc20);
          expect(await erc20.balanceOf(m)).to.equal(arrived.erc20);
          expect(await fotToken.balanceOf(person.address)).to.equal(arrived.person);
          // Each licensee paid exactly what the terms asked, and licences are valid exactly until their expiry.
          const t = BigInt(await time.latest());
          for (const [i, s] of licensees.entries()) {
            expect(10n ** 26n - (await erc20.balanceOf(s.address))).to.equal(spent[i][0]);
            expect(10n ** 26n - (await fotToken.balanceOf(s.address))).to.equal(spent[i][1]);
            for (let w = 0; w < WORKS; w++) {
              const l = licence[i][w];
              if (l.id !== 0n) expect((await registry.licence(l.id)).expiresAt).to.equal(l.expiresAt);
              expect(await registry.isLicensed(w + 1, s.address)).to.equal(l.id !== 0n && l.expiresAt > t);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
