import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import CommunitiesModule from "./Communities";

/**
 * The cosmo-local federation, shared by every community: the registry of bioregions, guilds and
 * their affiliations (reading communities from the suite's factory), the funding escrow between
 * affiliated communities, and the federated membership view. None has an owner or a setting.
 */
const FederationModule = buildModule("Federation", (m) => {
  const { communityFactory } = m.useModule(CommunitiesModule);
  const federationRegistry = m.contract("FederationRegistry", [communityFactory]);
  const federationFunding = m.contract("FederationFunding", [federationRegistry]);
  const federatedMembership = m.contract("FederatedMembership", [federationRegistry]);
  return { federationRegistry, federationFunding, federatedMembership };
});

export default FederationModule;
