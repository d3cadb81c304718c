/**
 * ABIs for the app, generated from the suite's compiled Hardhat artifacts (`npx hardhat compile` at the
 * repository root first). Never hand-copied and never committed: `src/generated.ts` is rebuilt on
 * every `npm run build`, so a contract change flows into the app on the next build.
 */
import { defineConfig } from "@wagmi/cli";
import { hardhat } from "@wagmi/cli/plugins";

/** The contracts the app talks to (their artifact file names). */
const CONTRACTS = [
  "CommunityFactory",
  "CommunityGovernor",
  "CommunityGovernorQuadratic",
  "CommunityTimelock",
  "CommunityProfile",
  "CommunityMembership",
  "ContributionRegistry",
  "ContributionToken",
  "EpochAllocations",
  "Membrane",
  "Round",
  "RoundFactory",
  "LicenceRegistry",
  "FederationRegistry",
  "FederationFunding",
  "FederatedMembership",
  "FederatedCommunityList",
  "MockPermitToken",
];

export default defineConfig({
  out: "src/generated.ts",
  plugins: [
    hardhat({
      project: "..",
      include: CONTRACTS.map((name) => `${name}.sol/${name}.json`),
      // The repository root compiles (`npx hardhat compile`); the app only reads the artifacts.
      commands: { build: false, clean: false, rebuild: false },
    }),
  ],
});
