import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The contribution-accounting implementations every community is cloned from (deployed once per
 * network, initializers disabled): the contribution token, the membership roll, the contribution
 * registry (kinds, attested contributions, vouchers) and the epoch allocations (Merkle roots).
 */
const ContributionsModule = buildModule("Contributions", (m) => {
  const contributionTokenImpl = m.contract("ContributionToken", [], { id: "ContributionTokenImpl" });
  const membershipImpl = m.contract("CommunityMembership", [], { id: "CommunityMembershipImpl" });
  const registryImpl = m.contract("ContributionRegistry", [], { id: "ContributionRegistryImpl" });
  const epochsImpl = m.contract("EpochAllocations", [], { id: "EpochAllocationsImpl" });
  return { contributionTokenImpl, membershipImpl, registryImpl, epochsImpl };
});

export default ContributionsModule;
