// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IDonorEligibility} from "../../interfaces/IDonorEligibility.sol";
import {MembershipCheck} from "../../libraries/MembershipCheck.sol";

/// @title MembershipEligibility
/// @notice Donors are the members of a community, or of the communities a round names, as an
/// `IMembership` view says at the moment of the donation. To count the whole federation, point the
/// round at `FederatedMembership`; to count only some communities of it, at a
/// `FederatedCommunityList` naming them; to count one community, at its membership list.
/// @dev `config` is the membership contract's address, left-padded: `bytes32(uint256(uint160(m)))`.
/// `proof` is ignored. The check is `MembershipCheck.isMember`: gas-capped, and a revert or a
/// malformed answer of the membership contract means "not eligible" (the round then refuses the
/// donation with its own error) rather than a revert the round cannot explain.
contract MembershipEligibility is IDonorEligibility {
    /// @notice The most gas the membership contract may use: enough for `FederatedMembership`
    /// (4 listed communities checked at up to 30,000 gas each, plus the registry's answers) or a
    /// `FederatedCommunityList` over it.
    uint256 public constant MEMBERSHIP_GAS = 300_000;

    /// @inheritdoc IDonorEligibility
    function isEligible(address donor, bytes32 config, bytes calldata) external view returns (bool) {
        return MembershipCheck.isMember(address(uint160(uint256(config))), donor, MEMBERSHIP_GAS);
    }
}
