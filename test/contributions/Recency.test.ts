/**
 * Recency: contribution weight that fades with a half-life (docs/contributions.md). Every figure is
 * held to the TypeScript model (`scripts/lib/recency-model.ts`) to the wei.
 */
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers, network } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";

import { HalfLifeSchedule, RecencyToken, pow2, weightOf as modelWeight } from "../../scripts/lib/recency-model";
import {
  DAY,
  HUNDRED_YEARS,
  ONE_HALF_LIFE,
  QUARTER,
  YEAR,
  atTime,
  deployRecencyCommunity,
  now,
  type RecencyCommunity,
} from "../helpers/recency";

const E = (n: number | bigint | string) => parseEther(String(n));

async function quarterFixture() {
  return deployRecencyCommunity(QUARTER);
}
async function offFixture() {
  return deployRecencyCommunity(0n);
}
async function dayFixture() {
  return deployRecencyCommunity(DAY);
}

/** The fixture with a model of its own (`loadFixture` returns the same objects to every test). */
async function load(fixture: () => Promise<RecencyCommunity>): Promise<RecencyCommunity> {
  const f = await loadFixture(fixture);
  return { ...f, model: new RecencyToken(f.start, await f.token.halfLife()) };
}

/** Mints `amount` to `who` at `t` on the contract and in the model. */
async function mintAt(f: RecencyCommunity, t: bigint, who: string, amount: bigint): Promise<void> {
  await atTime(t, () => f.token.connect(f.minter).mint(who, amount));
  f.model.mint(t, who, amount);
}

/** The contract's current views of `accounts` equal the model's. */
async function expectCurrent(f: RecencyCommunity, accounts: string[]): Promise<void> {
  const t = await now();
  for (const a of accounts) {
    expect(await f.token.getVotes(a), `votes of ${a}`).to.equal(f.model.getVotes(a, t));
    expect(await f.token.weightOf(a), `weight of ${a}`).to.equal(f.model.weightOfAccount(a, t));
    expect(await f.token.balanceOf(a), `nominal of ${a}`).to.equal(f.model.nominal.get(a) ?? 0n);
  }
  expect(await f.token.totalWeight()).to.equal(f.model.totalWeight(t));
  expect(await f.token.totalSupply()).to.equal(f.model.nominalSupply);
}

describe("ContributionToken: recency", function () {
  describe("half-life at creation", function () {
    it("records it, emits HalfLifeChanged(0, H, 0) and starts the level at 0", async function () {
      const f = await load(quarterFixture);
      expect(await f.token.halfLife()).to.equal(QUARTER);
      const [ev] = await f.token.queryFilter(f.token.filters.HalfLifeChanged());
      expect(ev.args.previousHalfLife).to.equal(0n);
      expect(ev.args.halfLife).to.equal(QUARTER);
      expect(ev.args.level).to.equal(0n);
      expect(await f.token.levelAt(f.start)).to.equal(0n);
      expect(await f.token.levelAt(f.start + QUARTER)).to.equal(ONE_HALF_LIFE);
      expect(await f.token.levelAt(f.start - 1n)).to.equal(0n);
    });

    it("with 0 (the default) nothing fades: weights are the balances, and no HalfLifeChanged", async function () {
      const f = await load(offFixture);
      expect(await f.token.halfLife()).to.equal(0n);
      expect(await f.token.queryFilter(f.token.filters.HalfLifeChanged())).to.have.length(0);
      await mintAt(f, f.start + 10n, f.alice.address, E(7));
      await time.increase(10n * YEAR);
      expect(await f.token.getVotes(f.alice.address)).to.equal(E(7));
      expect(await f.token.weightOf(f.alice.address)).to.equal(E(7));
      expect(await f.token.totalWeight()).to.equal(E(7));
      expect(await f.token.levelAt(await now())).to.equal(0n);
    });

    it("rejects a half-life outside [1 day, 100 years] at initialisation", async function () {
      const [, governance] = await ethers.getSigners();
      const impl = await (await ethers.getContractFactory("ContributionToken")).deploy();
      const { deployClone } = await import("../../scripts/lib/community");
      for (const bad of [DAY - 1n, HUNDRED_YEARS + 1n]) {
        const clone = await ethers.getContractAt(
          "ContributionToken",
          await deployClone(governance, await impl.getAddress()),
        );
        await expect(clone.initialize("N", "S", governance.address, [], [], [], bad))
          .to.be.revertedWithCustomError(clone, "ContributionTokenInvalidHalfLife")
          .withArgs(bad, DAY, HUNDRED_YEARS);
      }
      expect(await impl.MIN_HALF_LIFE()).to.equal(DAY);
      expect(await impl.MAX_HALF_LIFE()).to.equal(HUNDRED_YEARS);
    });
  });

  describe("weights", function () {
    it("halve every half-life while the nominal balance stays what was earned", async function () {
      const f = await load(quarterFixture);
      await mintAt(f, f.start + 100n, f.alice.address, E(100));
      await expectCurrent(f, [f.alice.address]);
      await time.increaseTo(f.start + 100n + QUARTER);
      const w = await f.token.getVotes(f.alice.address);
      expect(w).to.equal(f.model.getVotes(f.alice.address, await now()));
      // Half, to within the fixed point's rounding (a few wei of 1e20).
      expect(w - E(50))
        .to.be.lessThan(10n ** 4n)
        .and.greaterThan(-(10n ** 4n));
      expect(await f.token.balanceOf(f.alice.address)).to.equal(E(100));
      await time.increaseTo(f.start + 100n + 2n * QUARTER);
      const w2 = await f.token.getVotes(f.alice.address);
      expect(w2 - E(25))
        .to.be.lessThan(10n ** 4n)
        .and.greaterThan(-(10n ** 4n));
      await expectCurrent(f, [f.alice.address]);
    });

    it("weigh a recent contribution more than an old one of the same amount", async function () {
      const f = await load(quarterFixture);
      await mintAt(f, f.start + 10n, f.alice.address, E(10));
      await mintAt(f, f.start + YEAR, f.bob.address, E(10));
      expect(await f.token.getVotes(f.bob.address)).to.be.greaterThan(await f.token.getVotes(f.alice.address));
      await expectCurrent(f, [f.alice.address, f.bob.address]);
      const t = await now();
      const ratio = Number(await f.token.getVotes(f.bob.address)) / Number(await f.token.getVotes(f.alice.address));
      expect(ratio).to.be.closeTo(2 ** (Number(YEAR - 10n) / Number(QUARTER)), 1e-6);
      expect(f.model.getVotes(f.alice.address, t)).to.be.greaterThan(0n);
    });

    it("keep past votes, balances and totals at a snapshot as they were", async function () {
      const f = await load(quarterFixture);
      await mintAt(f, f.start + 10n, f.alice.address, E(10));
      await mintAt(f, f.start + 20n, f.bob.address, E(30));
      const snapshot = f.start + 30n;
      await mine(1, { interval: 0 });
      await time.increaseTo(snapshot + 1n);
      const before = [
        await f.token.getPastVotes(f.alice.address, snapshot),
        await f.token.getPastBalance(f.bob.address, snapshot),
        await f.token.getPastTotalSupply(snapshot),
        await f.token.getPastTotalQuadraticWeight(snapshot),
      ];
      await mintAt(f, f.start + 3n * YEAR, f.alice.address, E(1000));
      await f.token.connect(f.governance).setHalfLife(7n * DAY);
      await time.increase(5n * YEAR);
      expect([
        await f.token.getPastVotes(f.alice.address, snapshot),
        await f.token.getPastBalance(f.bob.address, snapshot),
        await f.token.getPastTotalSupply(snapshot),
        await f.token.getPastTotalQuadraticWeight(snapshot),
      ]).to.deep.equal(before);
      expect(before).to.deep.equal([
        f.model.getPastVotes(f.alice.address, snapshot),
        f.model.getPastBalance(f.bob.address, snapshot),
        f.model.getPastTotalSupply(snapshot),
        f.model.getPastTotalQuadraticWeight(snapshot),
      ]);
    });

    it("report each vote checkpoint with the weight of its own time", async function () {
      const f = await load(quarterFixture);
      await mintAt(f, f.start + 10n, f.alice.address, E(4));
      await mintAt(f, f.start + 10n + QUARTER, f.alice.address, E(4));
      expect(await f.token.numCheckpoints(f.alice.address)).to.equal(2n);
      const second = await f.token.checkpoints(f.alice.address, 1);
      expect(second._key).to.equal(f.start + 10n + QUARTER);
      expect(second._value).to.equal(f.model.getVotes(f.alice.address, f.start + 10n + QUARTER));
      const first = await f.token.checkpoints(f.alice.address, 0);
      expect(first._value).to.equal(f.model.getPastVotes(f.alice.address, f.start + 10n));
      // A mint's weight right after it is its amount, to within a wei or two of fixed-point rounding.
      expect(E(4) - first._value)
        .to.be.lessThan(3n)
        .and.greaterThanOrEqual(0n);
    });

    it("emit DelegateVotesChanged with weights, ContributionMinted with the nominal amount", async function () {
      const f = await load(quarterFixture);
      await mintAt(f, f.start + 10n, f.alice.address, E(4));
      const t = f.start + 10n + 2n * QUARTER;
      const old = f.model.getVotes(f.alice.address, t);
      await time.setNextBlockTimestamp(t);
      const tx = f.token.connect(f.minter).mint(f.alice.address, E(4));
      f.model.mint(t, f.alice.address, E(4));
      await expect(tx)
        .to.emit(f.token, "DelegateVotesChanged")
        .withArgs(f.alice.address, old, f.model.getVotes(f.alice.address, t))
        .and.to.emit(f.token, "ContributionMinted")
        .withArgs(f.alice.address, E(4), f.minter.address);
    });

    it("move with delegation, and a burn removes the burnt share of the weight (all of it for a full burn)", async function () {
      const f = await load(quarterFixture);
      const [a, b, c] = [f.alice.address, f.bob.address, f.carol.address];
      await mintAt(f, f.start + 10n, a, E(10));
      await mintAt(f, f.start + 20n, b, E(6));
      const d1 = f.start + QUARTER;
      await atTime(d1, () => f.token.connect(f.alice).delegate(b));
      f.model.delegate(d1, a, b);
      await expectCurrent(f, [a, b, c]);
      await mintAt(f, f.start + 3n * QUARTER, a, E(5));
      const d2 = f.start + 5n * QUARTER;
      await atTime(d2, () => f.token.connect(f.alice).delegate(c));
      f.model.delegate(d2, a, c);
      await expectCurrent(f, [a, b, c]);
      const b1 = f.start + 6n * QUARTER;
      await atTime(b1, () => f.token.connect(f.governance).burn(a, E(5), "ipfs://why"));
      f.model.burn(b1, a, E(5));
      await expectCurrent(f, [a, b, c]);
      const b2 = f.start + 7n * QUARTER;
      await atTime(b2, () => f.token.connect(f.governance).burn(b, E(6), "ipfs://why"));
      f.model.burn(b2, b, E(6));
      await expectCurrent(f, [a, b, c]);
      expect(await f.token.weightOf(b)).to.equal(0n);
      await time.increase(1n);
      for (const t of [d1, d2 + 1n, b1, b2]) {
        for (const who of [a, b, c]) {
          expect(await f.token.getPastBalance(who, t)).to.equal(f.model.getPastBalance(who, t));
          expect(await f.token.getPastVotes(who, t)).to.equal(f.model.getPastVotes(who, t));
        }
        expect(await f.token.getPastTotalSupply(t)).to.equal(f.model.getPastTotalSupply(t));
        expect(await f.token.getPastTotalQuadraticWeight(t)).to.equal(f.model.getPastTotalQuadraticWeight(t));
      }
    });
  });

  describe("setHalfLife", function () {
    it("only governance; applies from now on, continuous at the change, and emits HalfLifeChanged", async function () {
      const f = await load(quarterFixture);
      await mintAt(f, f.start + 10n, f.alice.address, E(10));
      const t = f.start + QUARTER + 10n;
      const level = f.model.schedule.levelAt(t);
      await time.setNextBlockTimestamp(t);
      await expect(f.token.connect(f.governance).setHalfLife(YEAR))
        .to.emit(f.token, "HalfLifeChanged")
        .withArgs(QUARTER, YEAR, level);
      f.model.setHalfLife(t, YEAR);
      expect(await f.token.halfLife()).to.equal(YEAR);
      expect(await f.token.levelAt(t)).to.equal(level);
      expect(await f.token.levelAt(t + YEAR)).to.equal(level + ONE_HALF_LIFE);
      expect(await f.token.levelAt(t - QUARTER)).to.equal(f.model.schedule.levelAt(t - QUARTER));
      await time.increaseTo(t + YEAR);
      await expectCurrent(f, [f.alice.address]);
    });

    it("can switch decay off (the level freezes) and on again; earlier stretches answer past levels", async function () {
      const f = await load(quarterFixture);
      await mintAt(f, f.start + 10n, f.alice.address, E(10));
      const off = f.start + QUARTER;
      await atTime(off, () => f.token.connect(f.governance).setHalfLife(0n));
      f.model.setHalfLife(off, 0n);
      await time.increaseTo(off + YEAR);
      expect(await f.token.levelAt(off + YEAR)).to.equal(await f.token.levelAt(off));
      await expectCurrent(f, [f.alice.address]);
      const on = off + 2n * YEAR;
      await atTime(on, () => f.token.connect(f.governance).setHalfLife(DAY));
      f.model.setHalfLife(on, DAY);
      await time.increaseTo(on + 10n * DAY);
      await expectCurrent(f, [f.alice.address]);
      for (const t of [f.start - 5n, f.start + 5n, off + 5n, on - 5n, on + 5n]) {
        expect(await f.token.levelAt(t)).to.equal(f.model.schedule.levelAt(t));
      }
    });

    it("a second change at the same timestamp replaces the first", async function () {
      const f = await load(quarterFixture);
      const t = f.start + 1000n;
      await network.provider.send("evm_setAutomine", [false]);
      try {
        await f.token.connect(f.governance).setHalfLife(YEAR);
        await f.token.connect(f.governance).setHalfLife(2n * YEAR);
        await time.setNextBlockTimestamp(t);
        await mine();
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      const s = new HalfLifeSchedule(f.start, QUARTER);
      s.set(t, YEAR);
      s.set(t, 2n * YEAR);
      expect(s.stretches).to.have.length(2);
      expect(await f.token.halfLife()).to.equal(2n * YEAR);
      expect(await f.token.levelAt(t + 2n * YEAR)).to.equal(s.levelAt(t + 2n * YEAR));
      expect(await f.token.levelAt(t - 1n)).to.equal(s.levelAt(t - 1n));
    });

    it("turns decay on in a community created without it", async function () {
      const f = await load(offFixture);
      await mintAt(f, f.start + 10n, f.alice.address, E(10));
      const t = f.start + YEAR;
      await expect(atTime(t, () => f.token.connect(f.governance).setHalfLife(QUARTER)))
        .to.emit(f.token, "HalfLifeChanged")
        .withArgs(0n, QUARTER, 0n);
      f.model.setHalfLife(t, QUARTER);
      await time.increaseTo(t + QUARTER);
      await expectCurrent(f, [f.alice.address]);
      expect(await f.token.getPastVotes(f.alice.address, t - 1n)).to.equal(E(10));
    });
  });

  describe("range", function () {
    // These tests move the clock thousands of years ahead. Later test files sign deadlines such as 2**40
    // (year 36,812): put the clock back where it was, as reverting to a snapshot alone does not.
    after(async function () {
      await loadFixture(dayFixture);
      await time.setNextBlockTimestamp((await now()) + 1n);
      await mine();
    });

    it("50 years at a 90-day half-life (203 half-lives, 101 eras): old weight reaches 0, new mints are whole", async function () {
      const f = await load(quarterFixture);
      const [a, b] = [f.alice.address, f.bob.address];
      await mintAt(f, f.start + 10n, a, 2n ** 103n);
      for (let year = 1n; year < 50n; year += 7n) await mintAt(f, f.start + year * YEAR, b, E(year));
      const end = f.start + 50n * YEAR;
      await mintAt(f, end, a, E(1));
      await expectCurrent(f, [a, b]);
      const w = await f.token.weightOf(a);
      // 2^103 wei decayed by 2^-202 is nothing: what is left is the last mint's weight.
      expect(E(1) - w)
        .to.be.lessThan(10n)
        .and.greaterThanOrEqual(0n);
      await time.increase(1n);
      expect(await f.token.getPastTotalSupply(end)).to.equal(f.model.getPastTotalSupply(end));
      expect(await f.token.getPastVotes(a, f.start + 11n)).to.equal(f.model.getPastVotes(a, f.start + 11n));
    });

    it("100 years at the smallest half-life (36,500 half-lives): shifts past 256 bits give 0, nothing locks", async function () {
      const f = await load(dayFixture);
      const [a, b] = [f.alice.address, f.bob.address];
      await mintAt(f, f.start + 10n, a, E(1_000_000));
      await mintAt(f, f.start + 100n * YEAR, b, E(3));
      await expectCurrent(f, [a, b]);
      expect(await f.token.weightOf(a)).to.equal(0n);
      await atTime(f.start + 100n * YEAR + 5n, () => f.token.connect(f.alice).delegate(b));
      f.model.delegate(f.start + 100n * YEAR + 5n, a, b);
      await atTime(f.start + 100n * YEAR + 6n, () => f.token.connect(f.governance).burn(a, E(1_000_000), ""));
      f.model.burn(f.start + 100n * YEAR + 6n, a, E(1_000_000));
      await expectCurrent(f, [a, b]);
    });

    it("past 2^24 eras (91,000 years at a day) writes revert with ContributionTokenRecencyRangeExceeded; reads go on", async function () {
      const f = await load(dayFixture);
      await mintAt(f, f.start + 10n, f.alice.address, E(1));
      const beyond = f.start + (1n << 25n) * DAY;
      await time.setNextBlockTimestamp(beyond);
      const level = f.model.schedule.levelAt(beyond);
      await expect(f.token.connect(f.minter).mint(f.alice.address, E(1)))
        .to.be.revertedWithCustomError(f.token, "ContributionTokenRecencyRangeExceeded")
        .withArgs(level);
      await expect(f.token.connect(f.alice).delegate(f.bob.address))
        .to.be.revertedWithCustomError(f.token, "ContributionTokenRecencyRangeExceeded")
        .withArgs(f.model.schedule.levelAt(beyond + 1n));
      expect(await f.token.getVotes(f.alice.address)).to.equal(0n);
      expect(await f.token.getPastVotes(f.alice.address, f.start + 11n)).to.equal(
        f.model.getPastVotes(f.alice.address, f.start + 11n),
      );
    });
  });

  describe("model", function () {
    it("pow2 is 2^(f/2^64) in 127-bit fixed point, and one half-life halves a weight exactly", function () {
      const q = 1n << 127n;
      expect(pow2(0n)).to.equal(q);
      expect(Number(pow2(1n << 63n)) / Number(q)).to.be.closeTo(Math.SQRT2, 1e-15);
      expect(modelWeight(1000n, 0n, ONE_HALF_LIFE)).to.equal(500n);
      const m = new RecencyToken(0n, QUARTER);
      m.mint(1n, "a", 10n);
      expect(m.getVotes("a", 1n)).to.be.lessThanOrEqual(10n);
    });
  });
});
