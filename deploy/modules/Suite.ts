import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import FundingModule from "./Funding";

/**
 * The core suite, deployed once per network: the implementations every community is cloned from,
 * and the factories and registries that tie them together. Each later part adds its own module
 * here with `m.useModule`. Every value returned is written to the deployment record under its key.
 */
const SuiteModule = buildModule("Suite", (m) => {
  const contributionTokenImpl = m.contract("ContributionToken", [], { id: "ContributionTokenImpl" });
  const { roundImpl, roundFactory, merkleEligibility, membershipEligibility } = m.useModule(FundingModule);
  return { contributionTokenImpl, roundImpl, roundFactory, merkleEligibility, membershipEligibility };
});

export default SuiteModule;
