import { expect } from "chai";
import fc from "fast-check";

import { isqrt } from "../../scripts/lib/math";
import { funderReturn, idealMatch, projectSums, referenceRound } from "../../scripts/lib/qf-reference";

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
});
