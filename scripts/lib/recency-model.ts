/**
 * Recency: the arithmetic of a contribution token whose weight fades with a half-life, exactly as
 * `contracts/contributions/ContributionToken.sol` does it (BigInt, the same fixed point, the same
 * floors), so that tests can hold the contract to it to the wei and an indexer or a task can compute
 * both numbers (nominal contributions and current weight) from events alone.
 *
 * Formulas (see docs/contributions.md, "Recency"):
 *   level(t)      = level(s) + floor((t - s) * 2^64 / H)     within a stretch starting at s with H > 0
 *   era(level)    = floor(level / 2^65)                        (two half-lives)
 *   units(w, L)   = floor(w * pow2(frac(L - 2^65*era)) / 2^(127 - int(L - 2^65*era)))
 *   weight(u, e, L) = floor(floor(u / 2^int(d)) * 2^127 / pow2(frac(d))),  d = L - e * 2^65
 *   convert(u, e -> e') = floor(u / 4^(e' - e))
 * where pow2(f) = 2^(f / 2^64) in 127-bit fixed point, computed bit by bit from the table below.
 */

import { isqrt } from "./math";

export const ONE = 1n << 64n; // one half-life, in level units
export const FRAC_MASK = ONE - 1n;
export const Q127 = 1n << 127n;
export const MIN_HALF_LIFE = 86_400n; // one day
export const MAX_HALF_LIFE = 100n * 365n * 86_400n; // a hundred years
export const ERA_BITS = 24n;
export const MAX_ERA = (1n << ERA_BITS) - 1n;

/** ROOTS[i] = 2^(2^-(i+1)) in 127-bit fixed point, rounded down: sqrt(2), 2^(1/4), ..., 2^(2^-64). */
export const ROOTS: readonly bigint[] = (() => {
  // Square roots at 256 fractional bits, then truncated, so that every entry is exact to its last bit.
  const out: bigint[] = [];
  let x = 2n << 256n;
  for (let i = 0; i < 64; i++) {
    x = isqrt(x << 256n);
    out.push(x >> 129n);
  }
  return out;
})();

/** 2^(f / 2^64) for 0 <= f < 2^64, in 127-bit fixed point: in [2^127, 2^128). */
export function pow2(f: bigint): bigint {
  let r = Q127;
  for (let i = 0; i < 64; i++) {
    if ((f >> BigInt(63 - i)) & 1n) r = (r * ROOTS[i]) >> 127n;
  }
  return r;
}

export function eraOf(level: bigint): bigint {
  return level >> 65n;
}

/** Units a mint of `amount` adds at `level` (in the level's era). */
export function unitsOf(amount: bigint, level: bigint): bigint {
  const d = level - (eraOf(level) << 65n);
  if (d === 0n) return amount;
  return (amount * pow2(d & FRAC_MASK)) >> (127n - (d >> 64n));
}

/** Weight at `level` of `units` stored in era `era`. */
export function weightOf(units: bigint, era: bigint, level: bigint): bigint {
  const d = level - (era << 65n);
  if (d === 0n) return units;
  return ((units >> (d >> 64n)) * Q127) / pow2(d & FRAC_MASK);
}

/** Quadratic weight at `level` of a quadratic total stored in era `era` (it decays by the square root). */
export function quadraticWeightOf(roots: bigint, era: bigint, level: bigint): bigint {
  const half = (level - (era << 65n)) >> 1n;
  if (half === 0n) return roots;
  return ((roots >> (half >> 64n)) * Q127) / pow2(half & FRAC_MASK);
}

/** `units` of era `from` in era `to` (to >= from): two bits fewer per era. */
export function convertUnits(units: bigint, from: bigint, to: bigint): bigint {
  const shift = 2n * (to - from);
  return shift >= 256n ? 0n : units >> shift;
}

/** A stretch of time with one half-life (0: no decay), starting at `start` at `level`. */
export interface Stretch {
  start: bigint;
  halfLife: bigint;
  level: bigint;
}

/** The half-life history of a token: the level (half-lives elapsed, 64 fractional bits) at any time. */
export class HalfLifeSchedule {
  readonly stretches: Stretch[] = [];

  constructor(start: bigint, halfLife: bigint) {
    if (halfLife !== 0n) this.stretches.push({ start, halfLife, level: 0n });
  }

  get halfLife(): bigint {
    return this.stretches.length === 0 ? 0n : this.stretches[this.stretches.length - 1].halfLife;
  }

  levelAt(t: bigint): bigint {
    for (let i = this.stretches.length - 1; i >= 0; i--) {
      const s = this.stretches[i];
      if (s.start <= t) return s.halfLife === 0n ? s.level : s.level + ((t - s.start) << 64n) / s.halfLife;
    }
    return 0n;
  }

  /** Governance sets a new half-life at `t` (future only: the level is continuous at t). */
  set(t: bigint, halfLife: bigint): bigint {
    const level = this.levelAt(t);
    const last = this.stretches[this.stretches.length - 1];
    if (last !== undefined && last.start === t) last.halfLife = halfLife;
    else this.stretches.push({ start: t, halfLife, level });
    return level;
  }
}

/** A value as a checkpoint stores it: units in the era it was written in. */
interface Stored {
  era: bigint;
  units: bigint;
}
interface Checkpoint<T> {
  key: bigint;
  value: T;
}

function lookup<T>(trace: Checkpoint<T>[], t: bigint, empty: T): T {
  for (let i = trace.length - 1; i >= 0; i--) if (trace[i].key <= t) return trace[i].value;
  return empty;
}
function latest<T>(trace: Checkpoint<T>[], empty: T): T {
  return trace.length === 0 ? empty : trace[trace.length - 1].value;
}
function push<T>(trace: Checkpoint<T>[], key: bigint, value: T): void {
  const last = trace[trace.length - 1];
  if (last !== undefined && last.key === key) last.value = value;
  else trace.push({ key, value });
}

const ZERO: Stored = { era: 0n, units: 0n };
interface Totals {
  era: bigint;
  supply: bigint;
  roots: bigint;
}
const NO_TOTALS: Totals = { era: 0n, supply: 0n, roots: 0n };

/**
 * The contribution token's votes, balances and totals with recency, transaction by transaction.
 * Accounts never delegate in the property tests' histories unless `delegate` is called; every
 * method takes the block timestamp of the transaction it models.
 */
export class RecencyToken {
  readonly schedule: HalfLifeSchedule;
  readonly nominal = new Map<string, bigint>();
  nominalSupply = 0n;
  private readonly votes = new Map<string, Checkpoint<Stored>[]>();
  private readonly delegatedIn = new Map<string, Checkpoint<Stored>[]>();
  private readonly balances = new Map<string, Checkpoint<Stored>[]>();
  private readonly delegatedAwayAt = new Map<string, bigint>();
  private readonly delegateOf = new Map<string, string>();
  private readonly totals: Checkpoint<Totals>[] = [];

  constructor(start: bigint, halfLife: bigint) {
    this.schedule = new HalfLifeSchedule(start, halfLife);
  }

  private trace(map: Map<string, Checkpoint<Stored>[]>, account: string): Checkpoint<Stored>[] {
    let t = map.get(account);
    if (t === undefined) map.set(account, (t = []));
    return t;
  }

  private current(map: Map<string, Checkpoint<Stored>[]>, account: string, era: bigint): bigint {
    const s = latest(this.trace(map, account), ZERO);
    return convertUnits(s.units, s.era, era);
  }

  delegates(account: string): string {
    return this.delegateOf.get(account) ?? account;
  }

  private ownUnits(account: string, era: bigint): bigint {
    if (this.delegatedAwayAt.has(account)) return this.current(this.balances, account, era);
    return this.current(this.votes, account, era) - this.current(this.delegatedIn, account, era);
  }

  mint(t: bigint, account: string, amount: bigint): void {
    const level = this.schedule.levelAt(t);
    const era = eraOf(level);
    this.nominal.set(account, (this.nominal.get(account) ?? 0n) + amount);
    this.nominalSupply += amount;
    this.moveUnits(t, era, undefined, account, unitsOf(amount, level));
  }

  burn(t: bigint, account: string, amount: bigint): void {
    const era = eraOf(this.schedule.levelAt(t));
    const balance = this.nominal.get(account) ?? 0n;
    const own = this.ownUnits(account, era);
    const units = (own * amount + balance - 1n) / balance; // rounded up
    this.nominal.set(account, balance - amount);
    this.nominalSupply -= amount;
    this.moveUnits(t, era, account, undefined, units);
  }

  /** A mint (from undefined) or a burn (to undefined) of `units` of the current era. */
  private moveUnits(t: bigint, era: bigint, from: string | undefined, to: string | undefined, units: bigint): void {
    if (from !== undefined) {
      const d = this.delegates(from);
      if (this.delegatedAwayAt.has(from)) {
        push(this.trace(this.balances, from), t, { era, units: this.current(this.balances, from, era) - units });
      }
      if (d !== from) {
        push(this.trace(this.delegatedIn, d), t, { era, units: this.current(this.delegatedIn, d, era) - units });
      }
      this.moveVotes(t, era, d, undefined, units, false, true);
    } else if (to !== undefined) {
      const d = this.delegates(to);
      if (this.delegatedAwayAt.has(to)) {
        push(this.trace(this.balances, to), t, { era, units: this.current(this.balances, to, era) + units });
      }
      if (d !== to) {
        push(this.trace(this.delegatedIn, d), t, { era, units: this.current(this.delegatedIn, d, era) + units });
      }
      this.moveVotes(t, era, undefined, d, units, true, false);
    }
  }

  delegate(t: bigint, account: string, delegatee: string): void {
    const era = eraOf(this.schedule.levelAt(t));
    const newDelegate = delegatee === "0x0000000000000000000000000000000000000000" ? account : delegatee;
    const oldDelegate = this.delegates(account);
    if (oldDelegate === newDelegate) return;
    if (newDelegate !== account && !this.delegatedAwayAt.has(account)) {
      const own = this.ownUnits(account, era);
      this.delegatedAwayAt.set(account, t);
      push(this.trace(this.balances, account), t, { era, units: own });
    }
    const units = this.ownUnits(account, era);
    if (units !== 0n) {
      if (oldDelegate !== account) {
        const cur = this.current(this.delegatedIn, oldDelegate, era);
        push(this.trace(this.delegatedIn, oldDelegate), t, { era, units: cur - units });
      }
      if (newDelegate !== account) {
        const cur = this.current(this.delegatedIn, newDelegate, era);
        push(this.trace(this.delegatedIn, newDelegate), t, { era, units: cur + units });
      }
    }
    this.delegateOf.set(account, newDelegate);
    this.moveVotes(t, era, oldDelegate, newDelegate, units, false, false);
  }

  private moveVotes(
    t: bigint,
    era: bigint,
    from: string | undefined,
    to: string | undefined,
    units: bigint,
    minted: boolean,
    burned: boolean,
  ): void {
    if (from === to || units === 0n) return;
    const last = latest(this.totals, NO_TOTALS);
    let supply = convertUnits(last.supply, last.era, era);
    let roots = last.era === era ? last.roots : era - last.era >= 256n ? 0n : last.roots >> (era - last.era);
    if (from !== undefined) {
      const v = this.current(this.votes, from, era);
      roots -= isqrt(v) - isqrt(v - units);
      push(this.trace(this.votes, from), t, { era, units: v - units });
    }
    if (to !== undefined) {
      const v = this.current(this.votes, to, era);
      roots += isqrt(v + units) - isqrt(v);
      push(this.trace(this.votes, to), t, { era, units: v + units });
    }
    if (minted) supply += units;
    if (burned) supply -= units;
    push(this.totals, t, { era, supply, roots });
  }

  setHalfLife(t: bigint, halfLife: bigint): void {
    this.schedule.set(t, halfLife);
  }

  // Views, as the contract answers them (timepoints strictly in the past for the `getPast*`).

  getVotes(account: string, now: bigint): bigint {
    const s = latest(this.trace(this.votes, account), ZERO);
    return weightOf(s.units, s.era, this.schedule.levelAt(now));
  }

  getPastVotes(account: string, t: bigint): bigint {
    const s = lookup(this.trace(this.votes, account), t, ZERO);
    return weightOf(s.units, s.era, this.schedule.levelAt(t));
  }

  getPastTotalSupply(t: bigint): bigint {
    const s = lookup(this.totals, t, NO_TOTALS);
    return weightOf(s.supply, s.era, this.schedule.levelAt(t));
  }

  getPastTotalQuadraticWeight(t: bigint): bigint {
    const s = lookup(this.totals, t, NO_TOTALS);
    return quadraticWeightOf(s.roots, s.era, this.schedule.levelAt(t));
  }

  totalWeight(now: bigint): bigint {
    const s = latest(this.totals, NO_TOTALS);
    return weightOf(s.supply, s.era, this.schedule.levelAt(now));
  }

  getPastBalance(account: string, t: bigint): bigint {
    const level = this.schedule.levelAt(t);
    const era = eraOf(level);
    const awayAt = this.delegatedAwayAt.get(account);
    if (awayAt !== undefined && t >= awayAt) {
      const s = lookup(this.trace(this.balances, account), t, ZERO);
      return weightOf(s.units, s.era, level);
    }
    const v = lookup(this.trace(this.votes, account), t, ZERO);
    const d = lookup(this.trace(this.delegatedIn, account), t, ZERO);
    return weightOf(convertUnits(v.units, v.era, era) - convertUnits(d.units, d.era, era), era, level);
  }

  weightOfAccount(account: string, now: bigint): bigint {
    const level = this.schedule.levelAt(now);
    const era = eraOf(level);
    return weightOf(this.ownUnits(account, era), era, level);
  }
}

/**
 * The weight, at each time in `times`, of contributions `mints` (time, amount) under a constant
 * half-life `halfLife` from `start`: what the worked example and the plot in the docs show.
 */
export function weightsOverTime(
  start: bigint,
  halfLife: bigint,
  mints: readonly { t: bigint; amount: bigint }[],
  times: readonly bigint[],
): bigint[] {
  const token = new RecencyToken(start, halfLife);
  const sorted = [...mints].sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  const out: bigint[] = [];
  let i = 0;
  for (const t of times) {
    while (i < sorted.length && sorted[i].t <= t) {
      token.mint(sorted[i].t, "member", sorted[i].amount);
      i++;
    }
    out.push(token.weightOfAccount("member", t));
  }
  return out;
}
