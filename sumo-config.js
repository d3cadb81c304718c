// SuMo mutation testing of the money-moving contracts (npm run test:mutation).
// Only the contracts in MUTATED are mutated, and each mutant is tested with the files in TESTS
// only (SuMo runs the tests once per mutant), so that a run fits in about twenty minutes on two
// cores. The operators are chosen by the npm script (`sumo disable && sumo enable ...`).
const fs = require("node:fs");
const path = require("node:path");

/** Contracts under mutation (paths under contracts/). */
const MUTATED = [
  "funding/Round.sol",
  "membrane/Membrane.sol",
  "licensing/LicenceRegistry.sol",
  "federation/FederationFunding.sol",
];
/** Test files that exercise them (paths under test/). */
const TESTS = [
  "funding/Round.test.ts",
  "membrane/Membrane.test.ts",
  "licensing/LicenceRegistry.test.ts",
  "licensing/LicenceFeeToContributor.test.ts",
  "federation/FederationFunding.test.ts",
  "security/hostile-tokens.test.ts",
  "security/hostile-values.test.ts",
  "security/bad-input.funding.test.ts",
  "security/bad-input.income.test.ts",
  "invariants/membrane.invariants.ts",
  "invariants/licensing.invariants.ts",
];

/** Every file under `dir` (relative paths) that `keep` does not select: SuMo takes skip lists. */
function everythingBut(dir, keep) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(__dirname, dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (keep.some((k) => k === r || k.startsWith(`${r}/`) || (k.endsWith("/") && r.startsWith(k)))) {
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
  buildDir: "artifacts",
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
