import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ContributionsModule from "./Contributions";
import LicensingModule from "./Licensing";

/**
 * Bioregional and guild communities: the implementations every community is cloned from (governors
 * for simple and quadratic counting, timelock, profile) and the factory that creates a whole
 * community in one transaction, also cloning the contribution-accounting implementations (token,
 * membership, registry, epochs) and the membrane. Implementations disable their own initializers.
 */
const CommunitiesModule = buildModule("Communities", (m) => {
  const { contributionTokenImpl, membershipImpl, registryImpl, epochsImpl } = m.useModule(ContributionsModule);
  const { membraneImpl } = m.useModule(LicensingModule);
  const governorSimpleImpl = m.contract("CommunityGovernor", [], { id: "CommunityGovernorImpl" });
  const governorQuadraticImpl = m.contract("CommunityGovernorQuadratic", [], { id: "CommunityGovernorQuadraticImpl" });
  const timelockImpl = m.contract("CommunityTimelock", [], { id: "CommunityTimelockImpl" });
  const profileImpl = m.contract("CommunityProfile", [], { id: "CommunityProfileImpl" });
  const communityFactory = m.contract("CommunityFactory", [
    {
      token: contributionTokenImpl,
      governorSimple: governorSimpleImpl,
      governorQuadratic: governorQuadraticImpl,
      timelock: timelockImpl,
      profile: profileImpl,
      membership: membershipImpl,
      registry: registryImpl,
      epochs: epochsImpl,
      vouchers: "0x0000000000000000000000000000000000000000",
      membrane: membraneImpl,
    },
  ]);
  return { communityFactory, governorSimpleImpl, governorQuadraticImpl, timelockImpl, profileImpl };
});

export default CommunitiesModule;
