import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Quadratic funding: the `Round` implementation every round is cloned from, the factory that
 * clones it, and the stateless donor-eligibility modules rounds can point at (a round with no
 * module is open to everyone).
 */
const FundingModule = buildModule("Funding", (m) => {
  const roundImpl = m.contract("Round", [], { id: "RoundImpl" });
  const roundFactory = m.contract("RoundFactory", [roundImpl]);
  const merkleEligibility = m.contract("MerkleAllowlistEligibility", []);
  const membershipEligibility = m.contract("MembershipEligibility", []);
  return { roundImpl, roundFactory, merkleEligibility, membershipEligibility };
});

export default FundingModule;
