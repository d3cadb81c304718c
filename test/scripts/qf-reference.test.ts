import { expect } from "chai";
import fc from "fast-check";

import { isqrt } from "../../scripts/lib/math";
import {
  funderReturn,
  idealMatch,
  projectSums,
  referenceRound,
  type ClusterMap,
  type DonationRecord,
} from "../../scripts/lib/qf-reference";

const E = 10n ** 18n;
const ana = "0x00000000000000000000000000000000000000a1";
const ben = "0x00000000000000000000000000000000000000b2";

describe("scripts/lib/qf-reference", function () {
  it("isqrt is the floor of the square root, up to 2^256", function () {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (n) => {
        const r = isqrt(n);
        return r * r <= n && (r + 1n) * (r + 1n) > n;
      }),
      { numRuns: 2000 },
    );
    expect(isqrt(0n)).to.equal(0n);
    expect(isqrt(15n)).to.equal(3n);
    expect(isqrt(99n)).to.equal(9n);
    expect(() => isqrt(-1n)).to.throw(RangeError);
    expect(() => isqrt(-1n)).to.throw(RangeError);
  });

  it("reproduces the worked example of docs/quadratic-funding.md", function () {
    const projects = [
      {
        id: 1,
        donations: [
          { donor: ana, amount: E },
          { donor: ben, amount: 4n * E },
        ],
      },
      {
        id: 2,
        donations: [
          { donor: ana, amount: E / 4n },
          { donor: ben, amount: E },
        ],
      },
    ];
    const full = referenceRound({ pool: 10n * E, projects });
    expect(full.projects.get(1)!.match).to.equal(4n * E);
    expect(full.projects.get(2)!.match).to.equal(E);
    expect(full.scale.leftover).to.equal(5n * E);
    expect(funderReturn(6n * E, full.scale.leftover, 10n * E)).to.equal(3n * E);
    const short = referenceRound({ pool: (5n * E) / 2n, projects });
    expect(short.projects.get(1)!.match).to.equal(2n * E);
    expect(short.projects.get(2)!.match).to.equal(E / 2n);
    expect(short.scale.leftover).to.equal(0n);
    const capped = referenceRound({ pool: 10n * E, matchCapBps: 3000n, projects });
    expect(capped.projects.get(1)!.match).to.equal(3n * E);
    expect(capped.projects.get(2)!.match).to.equal(E);
    expect(capped.scale.leftover).to.equal(6n * E);
    // Ben's 4 in four donations of 1: the same sums.
    const split = projectSums([{ donor: ana, amount: E }, ...[1, 2, 3, 4].map(() => ({ donor: ben, amount: E }))]);
    expect(split.idealMatch).to.equal(4n * E);
    // Rounding: 1 wei and 2 wei give 2 wei (exactly 2.83), never more.
    expect(
      projectSums([
        { donor: ana, amount: 1n },
        { donor: ben, amount: 2n },
      ]).idealMatch,
    ).to.equal(2n);
    expect(idealMatch(E, E)).to.equal(0n); // one donor: no match
  });

  describe("cluster matching", function () {
    it("reproduces the cluster worked example of docs/quadratic-funding.md", function () {
      const ring = Array.from({ length: 10 }, (_, i) => `0x${(100 + i).toString(16).padStart(40, "0")}`);
      const spread = Array.from({ length: 10 }, (_, i) => `0x${(200 + i).toString(16).padStart(40, "0")}`);
      const clusters: ClusterMap = new Map([
        ...ring.map((a): [string, bigint[]] => [a, [1n]]),
        ...spread.map((a, i): [string, bigint[]] => [a, [BigInt(10 + i)]]),
      ]);
      const projects = [
        { id: 1, donations: ring.map((donor) => ({ donor, amount: E })) },
        { id: 2, donations: spread.map((donor) => ({ donor, amount: E })) },
      ];
      const standard = referenceRound({ pool: 100n * E, clusters, projects });
      expect([1, 2].map((id) => standard.projects.get(id)!.idealMatch)).to.deep.equal([90n * E, 90n * E]);
      expect([1, 2].map((id) => standard.projects.get(id)!.match)).to.deep.equal([50n * E, 50n * E]);
      expect(standard.scale.leftover).to.equal(0n);
      const plural = referenceRound({ pool: 100n * E, matching: "cluster", clusters, projects });
      expect(plural.projects.get(1)!.idealMatch).to.equal(0n);
      expect(plural.projects.get(1)!.match).to.equal(0n);
      expect(plural.projects.get(2)!.idealMatch).to.equal(90n * E - 4n);
      expect(plural.projects.get(2)!.match).to.equal(90n * E - 4n);
      expect(plural.scale.leftover).to.equal(10n * E + 4n);
    });

    const donorArb = fc.integer({ min: 1, max: 8 });
    const groupArb = fc.uniqueArray(fc.bigInt({ min: 1n, max: 6n }), { maxLength: 4 });
    const donationsArb = fc.array(fc.record({ donor: donorArb, amount: fc.bigInt({ min: 1n, max: 10n * E }) }), {
      minLength: 1,
      maxLength: 16,
    });
    const addr = (i: number) => `0x${i.toString(16).padStart(40, "0")}`;
    const records = (ds: { donor: number; amount: bigint }[]): DonationRecord[] =>
      ds.map((d) => ({ donor: addr(d.donor), amount: d.amount }));
    const clusterMap = (groups: bigint[][]): ClusterMap =>
      new Map(groups.map((g, i) => [addr(i + 1), [...g].sort((a, b) => (a < b ? -1 : 1))]));

    it("a donor's accounts inside its clusters never raise the match: splitting one into several with the same clusters changes nothing", function () {
      fc.assert(
        fc.property(
          donationsArb,
          fc.array(groupArb, { minLength: 8, maxLength: 8 }),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 2, max: 20 }),
          (donations, groups, who, accounts) => {
            const clusters = clusterMap(groups);
            const before = projectSums(records(donations), "cluster", clusters);
            // `who`'s donations spread over `accounts` fresh accounts, each in `who`'s clusters.
            const spread: DonationRecord[] = [];
            for (const [k, d] of donations.entries()) {
              if (d.donor !== who) spread.push({ donor: addr(d.donor), amount: d.amount });
              else spread.push({ donor: addr(100 + (k % accounts)), amount: d.amount });
            }
            for (let a = 0; a < accounts; a++) clusters.set(addr(100 + a), clusters.get(addr(who))!);
            const after = projectSums(spread, "cluster", clusters);
            expect(after.idealMatch).to.be.lessThanOrEqual(before.idealMatch);
            expect(after.idealMatch).to.equal(before.idealMatch);
          },
        ),
        { numRuns: 300 },
      );
    });

    it("with every donor alone in its own cluster, is standard matching (up to the rounding of the roots)", function () {
      fc.assert(
        fc.property(donationsArb, (donations) => {
          const clusters: ClusterMap = new Map(donations.map((d) => [addr(d.donor), [BigInt(d.donor)]]));
          const plural = projectSums(records(donations), "cluster", clusters).idealMatch;
          const standard = projectSums(records(donations)).idealMatch;
          // Each of at most 8 roots is floored by less than one unit (1e-9 of a unit's root), so the
          // squared sums fall short by less than 2 * 8 * sumRoots / 1e9 units (sumRoots < 8 sqrt(total)
          // by Cauchy-Schwarz), on each side, plus the final floors.
          const diff = plural > standard ? plural - standard : standard - plural;
          const sumContributions = donations.reduce((a, d) => a + d.amount, 0n);
          expect(diff).to.be.lessThanOrEqual((256n * (isqrt(sumContributions) + 1n)) / 10n ** 9n + 4n);
        }),
        { numRuns: 300 },
      );
    });

    it("one cluster gets no match however many accounts give in it, and neither does one donor", function () {
      fc.assert(
        fc.property(donationsArb, fc.bigInt({ min: 1n, max: 1000n }), (donations, g) => {
          const clusters: ClusterMap = new Map(donations.map((d) => [addr(d.donor), [g]]));
          expect(projectSums(records(donations), "cluster", clusters).idealMatch).to.equal(0n);
          // Unaffiliated donors are one cluster too.
          expect(projectSums(records(donations), "cluster", new Map()).idealMatch).to.equal(0n);
        }),
        { numRuns: 200 },
      );
    });
  });
});
