import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import CommunitiesModule from "./Communities";
import ContributionsModule from "./Contributions";
import FundingModule from "./Funding";
import FederationModule from "./Federation";
import LicensingModule from "./Licensing";

/**
 * The core suite, deployed once per network: the implementations every community is cloned from,
 * and the factories and registries that tie them together. Each part has its own module, used
 * here once. Every value returned is written to the deployment record under its key.
 */
const SuiteModule = buildModule("Suite", (m) => {
  const { contributionTokenImpl, membershipImpl, registryImpl, epochsImpl } = m.useModule(ContributionsModule);
  const { licenceRegistry, membraneImpl } = m.useModule(LicensingModule);
  const { communityFactory, governorSimpleImpl, governorQuadraticImpl, timelockImpl, profileImpl } =
    m.useModule(CommunitiesModule);
  const { roundImpl, roundFactory, merkleEligibility, membershipEligibility } = m.useModule(FundingModule);
  const { federationRegistry, federationFunding, federatedMembership } = m.useModule(FederationModule);
  return {
    contributionTokenImpl,
    membershipImpl,
    registryImpl,
    epochsImpl,
    licenceRegistry,
    membraneImpl,
    communityFactory,
    governorSimpleImpl,
    governorQuadraticImpl,
    timelockImpl,
    profileImpl,
    roundImpl,
    roundFactory,
    merkleEligibility,
    membershipEligibility,
    federationRegistry,
    federationFunding,
    federatedMembership,
  };
});

export default SuiteModule;
