import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import CommunitiesModule from "./Communities";

/**
 * The cosmo-local federation, shared by every community: the registry of bioregions, guilds and
 * their affiliations (reading communities from the suite's factory), the funding escrow between
 * affiliated communities, and the federated membership view. None has an owner or a setting.
 *
 * Parameter `founder` (default: the deploying account) is the one account that may perform the
 * founding act once (`FederationRegistry.found`, task `fed:found`), naming the federation's first
 * communities after they are created; it has no power afterwards. Until then no community is
 * recognised and nobody is a federated member.
 */
const FederationModule = buildModule("Federation", (m) => {
  const { communityFactory } = m.useModule(CommunitiesModule);
  const founder = m.getParameter("founder", m.getAccount(0));
  const federationRegistry = m.contract("FederationRegistry", [communityFactory, founder]);
  const federationFunding = m.contract("FederationFunding", [federationRegistry]);
  const federatedMembership = m.contract("FederatedMembership", [federationRegistry]);
  return { federationRegistry, federationFunding, federatedMembership };
});

export default FederationModule;
