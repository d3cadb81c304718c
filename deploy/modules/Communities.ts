import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Bioregional and guild communities: the implementations every community is cloned from (governors
 * for simple and quadratic counting, timelock, profile) and the factory that creates a whole
 * community in one transaction, with the contribution token implementation the factory clones.
 * Implementations disable their own initializers in their constructors.
 * (The token implementation is deployed here, not taken from the Suite module, because the Suite
 * uses this module and Ignition modules cannot depend on each other both ways.)
 */
const CommunitiesModule = buildModule("Communities", (m) => {
  const communityTokenImpl = m.contract("ContributionToken", [], { id: "ContributionTokenImpl" });
  const governorSimpleImpl = m.contract("CommunityGovernor", [], { id: "CommunityGovernorImpl" });
  const governorQuadraticImpl = m.contract("CommunityGovernorQuadratic", [], { id: "CommunityGovernorQuadraticImpl" });
  const timelockImpl = m.contract("CommunityTimelock", [], { id: "CommunityTimelockImpl" });
  const profileImpl = m.contract("CommunityProfile", [], { id: "CommunityProfileImpl" });
  const none = "0x0000000000000000000000000000000000000000";
  const communityFactory = m.contract("CommunityFactory", [
    {
      token: communityTokenImpl,
      governorSimple: governorSimpleImpl,
      governorQuadratic: governorQuadraticImpl,
      timelock: timelockImpl,
      profile: profileImpl,
      membership: none,
      registry: none,
      epochs: none,
      vouchers: none,
      membrane: none,
    },
  ]);
  return { communityFactory, communityTokenImpl, governorSimpleImpl, governorQuadraticImpl, timelockImpl, profileImpl };
});

export default CommunitiesModule;
