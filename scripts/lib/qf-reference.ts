/**
 * Reference implementation of quadratic funding matching, with exactly the arithmetic of
 * `contracts/funding/Round.sol` (BigInt, the same integer square root and the same floors), so a
 * round's results can be checked to the wei from its donations alone.
 *
 *   const r = referenceRound({ pool, matchCapAmount, matchCapBps, projects: [{ id, donations }] });
 *   r.projects.get(id)!.match  // what the project is paid on top of its donations
 *
 * Formulas (see docs/quadratic-funding.md):
 *   root(total)  = isqrt(total * 1e18)                     per donor, from the donor's total
 *   ideal        = max(0, floor(sumRoots^2 / 1e18) - sumContributions)
 *   match        = min(cap, floor(ideal * numerator / denominator))
 * where numerator/denominator scales the ideal matches down to the pool (1/1 when they fit) and,
 * with a cap, shares the excess above the cap among the uncapped projects (water-filling).
 */

import { isqrt } from "./math";

/** Fixed-point scale of square roots: isqrt(x * 1e18) is sqrt(x) with 9 more decimals. */
export const ROOT_SCALE = 10n ** 18n;
export const BPS = 10_000n;
export const MAX_UINT256 = 2n ** 256n - 1n;

/** A donor's root: isqrt(total * 1e18). */
export function donorRoot(total: bigint): bigint {
  return isqrt(total * ROOT_SCALE);
}

/** A project's ideal match from its sums: max(0, floor(sumRoots^2 / 1e18) - sumContributions). */
export function idealMatch(sumRoots: bigint, sumContributions: bigint): bigint {
  const squared = (sumRoots * sumRoots) / ROOT_SCALE;
  return squared > sumContributions ? squared - sumContributions : 0n;
}

export interface DonationRecord {
  donor: string;
  amount: bigint;
}

export interface ProjectSums {
  /** Each donor's total (lower-cased address). */
  donors: Map<string, bigint>;
  sumContributions: bigint;
  sumRoots: bigint;
  idealMatch: bigint;
}

/** Sums a project's donations per donor (the order and splitting of donations do not matter). */
export function projectSums(donations: DonationRecord[]): ProjectSums {
  const donors = new Map<string, bigint>();
  for (const d of donations) {
    const key = d.donor.toLowerCase();
    donors.set(key, (donors.get(key) ?? 0n) + d.amount);
  }
  let sumRoots = 0n;
  let sumContributions = 0n;
  for (const total of donors.values()) {
    sumRoots += donorRoot(total);
    sumContributions += total;
  }
  return { donors, sumContributions, sumRoots, idealMatch: idealMatch(sumRoots, sumContributions) };
}

/** The cap on any project's match: the smaller of the amount and the share of the pool (none: MAX_UINT256). */
export function effectiveCap(pool: bigint, matchCapAmount: bigint, matchCapBps: bigint): bigint {
  let cap = MAX_UINT256;
  if (matchCapAmount !== 0n) cap = matchCapAmount;
  if (matchCapBps !== 0n) {
    const share = (pool * matchCapBps) / BPS;
    if (share < cap) cap = share;
  }
  return cap;
}

export interface Scale {
  cap: bigint;
  numerator: bigint;
  denominator: bigint;
  /** What goes back to the funders (pro rata to what each gave). */
  leftover: bigint;
}

/** The scale applied to ideal matches of the approved projects (see Round._computeScale). */
export function computeScale(pool: bigint, ideals: bigint[], cap: bigint): Scale {
  let available = pool;
  let total = ideals.reduce((a, b) => a + b, 0n);
  if (cap !== MAX_UINT256) {
    const open = [...ideals];
    let changed = true;
    while (changed && total !== 0n) {
      changed = false;
      const [num, den] = total > available ? [available, total] : [1n, 1n];
      for (let i = 0; i < open.length; i++) {
        if (open[i] !== 0n && (open[i] * num) / den > cap) {
          available -= cap;
          total -= open[i];
          open[i] = 0n;
          changed = true;
        }
      }
    }
  }
  const [numerator, denominator] = total > available ? [available, total] : [1n, 1n];
  const leftover = available - (available < total ? available : total);
  return { cap, numerator, denominator, leftover };
}

/** A project's match under a scale: min(cap, floor(ideal * numerator / denominator)). */
export function scaledMatch(ideal: bigint, scale: Scale): bigint {
  const m = (ideal * scale.numerator) / scale.denominator;
  return m < scale.cap ? m : scale.cap;
}

export interface ReferenceProjectInput {
  id: number;
  donations: DonationRecord[];
}

export interface ReferenceRoundInput {
  pool: bigint;
  matchCapAmount?: bigint;
  matchCapBps?: bigint;
  /** Approved (not removed) projects only. */
  projects: ReferenceProjectInput[];
}

export interface ReferenceProjectResult extends ProjectSums {
  match: bigint;
  /** Donations plus match. */
  payout: bigint;
}

export interface ReferenceRoundResult {
  scale: Scale;
  totalIdealMatch: bigint;
  projects: Map<number, ReferenceProjectResult>;
  /** Sum of all matches paid. */
  totalMatch: bigint;
  /** pool - totalMatch - leftover: wei of rounding that stays in the round, owed to nobody. */
  matchDust: bigint;
}

/** The whole round, from its donations and pool. */
export function referenceRound(input: ReferenceRoundInput): ReferenceRoundResult {
  const sums = input.projects.map((p) => ({ id: p.id, sums: projectSums(p.donations) }));
  const ideals = sums.map((s) => s.sums.idealMatch);
  const cap = effectiveCap(input.pool, input.matchCapAmount ?? 0n, input.matchCapBps ?? 0n);
  const scale = computeScale(input.pool, ideals, cap);
  const projects = new Map<number, ReferenceProjectResult>();
  let totalMatch = 0n;
  for (const { id, sums: s } of sums) {
    const match = scaledMatch(s.idealMatch, scale);
    totalMatch += match;
    projects.set(id, { ...s, match, payout: s.sumContributions + match });
  }
  return {
    scale,
    totalIdealMatch: ideals.reduce((a, b) => a + b, 0n),
    projects,
    totalMatch,
    matchDust: input.pool - totalMatch - scale.leftover,
  };
}

/** A funder's share of the leftover: floor(funding * leftover / pool). */
export function funderReturn(funding: bigint, leftover: bigint, pool: bigint): bigint {
  return pool === 0n ? 0n : (funding * leftover) / pool;
}
