/**
 * Property tests of vote counting over random communities and random votes, for both counting
 * modes, against a TypeScript model:
 *   - each voter's counted weight is their tokens (simple) or floor(sqrt(tokens)) (quadratic);
 *   - tallies are the sums of counted weights by support; each account counts once;
 *   - the state after the deadline is Succeeded iff quorum (for + abstain >= quorum) and for > against;
 *   - quadratic quorum means what it says: with random delegations before the vote, the token's total
 *     quadratic weight at the snapshot is the sum of floor(sqrt(votes)) over all accounts, and the
 *     quorum is met iff 100 x (for + abstain) >= q x that total (no rounding in the voters' favour);
 *   - past balances stay each holder's own through those delegations.
 * Short in `npm test`; the long run: FC_RUNS=500 npx hardhat test test/invariants/dao.invariants.ts
 */
import { expect } from "chai";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import { isqrt } from "../../scripts/lib/math";
import {
  QUORUM_PERCENT,
  State,
  buildProposal,
  communityConfig,
  createCommunity,
  deployCommunitiesFixture,
  propose,
  toDeadline,
  toVoting,
} from "../helpers/dao";

const RUNS = Number(process.env.FC_RUNS ?? "6");
const VOTERS = 6;

describe("invariants: DAO vote counting", function () {
  async function deployInvariantFixture() {
    const { factory, signers } = await deployCommunitiesFixture();
    return { factory, voters: signers.slice(1, 1 + VOTERS) };
  }

  for (const mode of ["simple", "quadratic"] as const) {
    it(`${mode}: tallies, quorum and outcome match the model on random votes (${RUNS} runs)`, async function () {
      const { factory, voters } = await loadFixture(deployInvariantFixture);
      await fc.assert(
        fc.asyncProperty(
          // Balances in wei, from 1 wei to 10^24 (a million tokens), so rounding of sqrt matters.
          fc.array(fc.bigInt({ min: 1n, max: 10n ** 24n }), { minLength: VOTERS, maxLength: VOTERS }),
          // For each voter: not voting (3) or against/for/abstain.
          fc.array(fc.integer({ min: 0, max: 3 }), { minLength: VOTERS, maxLength: VOTERS }),
          // For each voter: keep its votes (-1) or delegate them to voter i.
          fc.array(fc.integer({ min: -1, max: VOTERS - 1 }), { minLength: VOTERS, maxLength: VOTERS }),
          async (balances, choices, delegations) => {
            const config = communityConfig("guild", mode, {
              governor: { ...communityConfig("guild", mode).governor, proposalThreshold: 0n },
            });
            const { community: c } = await createCommunity(
              factory,
              config,
              voters.map((v) => v.address),
              balances,
            );
            const p = await buildProposal(c.governor, [{ target: voters[0].address }], `random ${Date.now()}`);
            await propose(c.governor, voters[0], p);
            // Delegations after the proposal, before its snapshot: they count in the vote.
            const votes = [...balances];
            for (let i = 0; i < VOTERS; i++) {
              const to = delegations[i];
              if (to < 0 || to === i) continue;
              await c.token.connect(voters[i]).delegate(voters[to].address);
              votes[i] -= balances[i];
              votes[to] += balances[i];
            }
            await toVoting(c.governor, p.id);
            const snapshot = await c.governor.proposalSnapshot(p.id);
            for (let i = 0; i < VOTERS; i++) {
              expect(await c.token.getPastBalance(voters[i].address, snapshot)).to.equal(balances[i]);
              expect(await c.token.getPastVotes(voters[i].address, snapshot)).to.equal(votes[i]);
            }
            const totalWeight = votes.reduce((a, v) => a + isqrt(v), 0n);
            expect(await c.token.getPastTotalQuadraticWeight(snapshot)).to.equal(totalWeight);
            const tally = [0n, 0n, 0n];
            for (let i = 0; i < VOTERS; i++) {
              // An account with no votes at the snapshot (all delegated away) counts zero; skip it.
              if (choices[i] === 3 || votes[i] === 0n) continue;
              await c.governor.connect(voters[i]).castVote(p.id, choices[i]);
              tally[choices[i]] += mode === "simple" ? votes[i] : isqrt(votes[i]);
            }
            expect(await c.governor.proposalVotes(p.id)).to.deep.equal(tally);
            const supply = balances.reduce((a, b) => a + b, 0n);
            // Simple: OpenZeppelin's floor(q% of supply); quadratic: ceil(q% of the total weight).
            const quorum =
              mode === "simple" ? (supply * QUORUM_PERCENT) / 100n : (totalWeight * QUORUM_PERCENT + 99n) / 100n;
            expect(await c.governor.quorum(snapshot)).to.equal(quorum);
            const [against, forVotes, abstain] = tally;
            const reached = forVotes + abstain >= quorum;
            if (mode === "quadratic")
              expect(reached).to.equal((forVotes + abstain) * 100n >= QUORUM_PERCENT * totalWeight);
            await toDeadline(c.governor, p.id);
            const expected = reached && forVotes > against ? State.Succeeded : State.Defeated;
            expect(await c.governor.state(p.id)).to.equal(expected);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  it("isqrt is floor(sqrt(n)) and sums of roots are never below the root of the sum", function () {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 2n ** 200n }), { minLength: 1, maxLength: 8 }), (xs) => {
        for (const x of xs) {
          const r = isqrt(x);
          expect(r * r <= x && (r + 1n) * (r + 1n) > x).to.equal(true);
        }
        const sumOfRoots = xs.reduce((a, x) => a + isqrt(x), 0n);
        expect(sumOfRoots >= isqrt(xs.reduce((a, x) => a + x, 0n))).to.equal(true);
      }),
      { numRuns: RUNS * 20 },
    );
  });
});
