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
 * Cluster (plural) matching, `matching: "cluster"` with each donor's clusters (none: unaffiliated, 0):
 *   C12_g        = sum over donors d in g of total_d * (12 / k_d)   twelfths; k_d = d's number of clusters
 *   sumRoots     = sum over clusters g of isqrt(C12_g * 1e18)
 *   ideal        = max(0, floor(sumRoots^2 / 12e18) - sumContributions)
 * where numerator/denominator scales the ideal matches down to the pool (1/1 when they fit) and,
 * with a cap, shares the excess above the cap among the uncapped projects (water-filling).
 */

import { isqrt } from "./math";

/** Fixed-point scale of square roots: isqrt(x * 1e18) is sqrt(x) with 9 more decimals. */
export const ROOT_SCALE = 10n ** 18n;
export const BPS = 10_000n;
export const MAX_UINT256 = 2n ** 256n - 1n;
/** Cluster totals are in twelfths: 12 = lcm(1, 2, 3, 4), a donor counts in at most MAX_CLUSTERS clusters. */
export const CLUSTER_WEIGHT = 12n;
export const MAX_CLUSTERS = 4;
/** The cluster of donors that belong to none. */
export const UNAFFILIATED = 0n;

export type Matching = "standard" | "cluster";

/** A donor's clusters (lower-cased address -> ids); a donor missing, or with none, is unaffiliated. */
export type ClusterMap = Map<string, bigint[]>;

/** A donor's root: isqrt(total * 1e18). */
export function donorRoot(total: bigint): bigint {
  return isqrt(total * ROOT_SCALE);
}

/** What a project's squared sum of roots is divided by: 1e18, or 12e18 with cluster matching. */
export function rootScale(matching: Matching = "standard"): bigint {
  return matching === "standard" ? ROOT_SCALE : ROOT_SCALE * CLUSTER_WEIGHT;
}

/** A project's ideal match from its sums: max(0, floor(sumRoots^2 / rootScale) - sumContributions). */
export function idealMatch(sumRoots: bigint, sumContributions: bigint, matching: Matching = "standard"): bigint {
  const squared = (sumRoots * sumRoots) / rootScale(matching);
  return squared > sumContributions ? squared - sumContributions : 0n;
}

/** The clusters a donor counts in: its own, or [UNAFFILIATED]. */
export function clustersOfDonor(clusters: ClusterMap | undefined, donor: string): bigint[] {
  const own = clusters?.get(donor.toLowerCase()) ?? [];
  if (own.length > MAX_CLUSTERS) throw new Error(`${donor} is in ${own.length} clusters (at most ${MAX_CLUSTERS})`);
  return own.length === 0 ? [UNAFFILIATED] : own;
}

export interface DonationRecord {
  donor: string;
  amount: bigint;
}

export interface ProjectSums {
  /** Each donor's total (lower-cased address). */
  donors: Map<string, bigint>;
  /** Cluster matching: each cluster's total, in twelfths of a unit (empty with standard matching). */
  clusters: Map<bigint, bigint>;
  sumContributions: bigint;
  sumRoots: bigint;
  idealMatch: bigint;
}

/**
 * Sums a project's donations per donor and, with cluster matching, per cluster (the order and splitting
 * of donations do not matter).
 */
export function projectSums(
  donations: DonationRecord[],
  matching: Matching = "standard",
  clusterMap?: ClusterMap,
): ProjectSums {
  const donors = new Map<string, bigint>();
  for (const d of donations) {
    const key = d.donor.toLowerCase();
    donors.set(key, (donors.get(key) ?? 0n) + d.amount);
  }
  const clusters = new Map<bigint, bigint>();
  let sumRoots = 0n;
  let sumContributions = 0n;
  for (const [donor, total] of donors) {
    sumContributions += total;
    if (matching === "standard") {
      sumRoots += donorRoot(total);
    } else {
      const own = clustersOfDonor(clusterMap, donor);
      const share = total * (CLUSTER_WEIGHT / BigInt(own.length));
      for (const g of own) clusters.set(g, (clusters.get(g) ?? 0n) + share);
    }
  }
  for (const twelfths of clusters.values()) sumRoots += donorRoot(twelfths);
  return { donors, clusters, sumContributions, sumRoots, idealMatch: idealMatch(sumRoots, sumContributions, matching) };
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
  /** Standard (default) or cluster matching. */
  matching?: Matching;
  /** Cluster matching: each donor's clusters (missing: unaffiliated). */
  clusters?: ClusterMap;
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
  const sums = input.projects.map((p) => ({
    id: p.id,
    sums: projectSums(p.donations, input.matching, input.clusters),
  }));
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
