// SuMo mutation testing of the money-moving contracts: `npm run test:mutation` (scripts/mutation.js).
// SuMo compiles and tests every mutant in turn, running the given test files once per mutant, so
// each contract is mutated on its own and tested with the test files that exercise it only.
// MUTATE (comma-separated target names, e.g. MUTATE=Round,Membrane) chooses the targets; without it
// every target below is mutated and tested with the union of their test files. Gas-figure tests
// (test/bench, *.gas.test.ts) and end-to-end tests are never in a set: a mutant may change gas
// without being wrong, and a node per mutant is too slow. The operators are chosen by
// scripts/mutation.js (OPS), SuMo's own settings are below.
const fs = require("node:fs");
const path = require("node:path");

/** Mutation targets: contract (path under contracts/) and the tests that exercise it (under test/). */
const TARGETS = {
  Round: {
    contract: "funding/Round.sol",
    tests: [
      "funding/Round.test.ts",
      "funding/Round.hardening.test.ts",
      "security/bad-input.funding.test.ts",
      "invariants/funding.invariants.ts",
      "security/hostile-tokens.test.ts",
      "security/hostile-values.test.ts",
      "security/reentrancy.test.ts",
    ],
  },
  Membrane: {
    contract: "membrane/Membrane.sol",
    tests: [
      "membrane/Membrane.test.ts",
      "licensing/LicenceFeeToContributor.test.ts",
      "security/bad-input.income.test.ts",
      "invariants/membrane.invariants.ts",
      "security/hostile-tokens.test.ts",
      "security/hostile-values.test.ts",
    ],
  },
  LicenceRegistry: {
    contract: "licensing/LicenceRegistry.sol",
    tests: [
      "licensing/LicenceRegistry.test.ts",
      "licensing/LicenceFeeToContributor.test.ts",
      "security/bad-input.income.test.ts",
      "security/signatures.test.ts",
      "invariants/licensing.invariants.ts",
      "security/hostile-tokens.test.ts",
      "security/hostile-values.test.ts",
    ],
  },
  FederationFunding: {
    contract: "federation/FederationFunding.sol",
    tests: ["federation/FederationFunding.test.ts", "federation/story.test.ts", "invariants/federation.invariants.ts"],
  },
  // Mints voting power: vouchers within a steward's budget, claims of attested contributions.
  ContributionRegistry: {
    contract: "contributions/ContributionRegistry.sol",
    tests: [
      "contributions/ContributionRegistry.test.ts",
      "security/bad-input.community.test.ts",
      "security/signatures.test.ts",
      "invariants/contributions.invariants.ts",
    ],
  },
  // Who may attest, challenge, claim and redeem: a removal by governance must stick.
  CommunityMembership: {
    contract: "contributions/CommunityMembership.sol",
    tests: [
      "contributions/CommunityMembership.test.ts",
      "contributions/ContributionRegistry.test.ts",
      "security/bad-input.community.test.ts",
      "invariants/contributions.invariants.ts",
    ],
  },
  FederationRegistry: {
    contract: "federation/FederationRegistry.sol",
    tests: [
      "federation/FederationRegistry.test.ts",
      "federation/regressions.test.ts",
      "security/bad-input.federation.test.ts",
      "invariants/federation.invariants.ts",
    ],
  },
  FederatedMembership: {
    contract: "federation/FederatedMembership.sol",
    tests: [
      "federation/FederatedMembership.test.ts",
      "federation/FederatedCommunityList.test.ts",
      "federation/regressions.test.ts",
      "security/bad-input.federation.test.ts",
      "invariants/federation.invariants.ts",
    ],
  },
  EpochAllocations: {
    contract: "contributions/EpochAllocations.sol",
    tests: [
      "contributions/EpochAllocations.test.ts",
      "security/bad-input.community.test.ts",
      "invariants/contributions.invariants.ts",
      "federation/story.test.ts",
    ],
  },
  // Votes, past balances and the total quadratic weight every quorum and income share is computed from.
  ContributionToken: {
    contract: "contributions/ContributionToken.sol",
    tests: [
      "contributions/ContributionToken.test.ts",
      "invariants/dao.invariants.ts",
      "invariants/contributions.invariants.ts",
      "membrane/Membrane.test.ts",
    ],
  },
  // The quadratic quorum and the expiry / cancelExpired paths.
  CommunityGovernorQuadratic: {
    contract: "governance/CommunityGovernorQuadratic.sol",
    tests: ["governance/CommunityGovernor.test.ts", "invariants/dao.invariants.ts"],
  },
  CommunityGovernor: {
    contract: "governance/CommunityGovernor.sol",
    tests: [
      "governance/CommunityGovernor.test.ts",
      "security/bad-input.governance.test.ts",
      "invariants/dao.invariants.ts",
    ],
  },
};

const names = (process.env.MUTATE ?? Object.keys(TARGETS).join(","))
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
for (const n of names) {
  if (!TARGETS[n]) throw new Error(`MUTATE: unknown target "${n}" (known: ${Object.keys(TARGETS).join(", ")})`);
}
const MUTATED = names.map((n) => TARGETS[n].contract);
const TESTS = [...new Set(names.flatMap((n) => TARGETS[n].tests))];

/** Every file under `dir` (relative paths) that `keep` does not select: SuMo takes skip lists. */
function everythingBut(dir, keep) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(__dirname, dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (keep.some((k) => k === r || k.startsWith(`${r}/`))) {
        if (e.isDirectory()) walk(r);
      } else {
        out.push(r);
      }
    }
  };
  walk("");
  return out;
}

module.exports = {
  TARGETS,
  // SuMo empties its build dir before the pre-test; pointing it at a scratch folder keeps Hardhat's
  // artifacts, so each mutant recompiles only the mutated contract and the files importing it.
  buildDir: ".sumo/build",
  contractsDir: "contracts",
  testDir: "test",
  skipContracts: everythingBut("contracts", MUTATED),
  skipTests: everythingBut("test", TESTS),
  testingTimeOutInSec: 300,
  network: "none",
  testingFramework: "hardhat",
  minimal: false,
  tce: false,
};
