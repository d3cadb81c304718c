// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IDonorEligibility} from "../../interfaces/IDonorEligibility.sol";
import {IMembership} from "../../interfaces/IMembership.sol";

/// @title MembershipEligibility
/// @notice Donors are the members of a (federated) community, as its `IMembership` view says at
/// the moment of the donation.
/// @dev `config` is the membership contract's address, left-padded: `bytes32(uint256(uint160(m)))`.
/// `proof` is ignored.
contract MembershipEligibility is IDonorEligibility {
    /// @inheritdoc IDonorEligibility
    function isEligible(address donor, bytes32 config, bytes calldata) external view returns (bool) {
        return IMembership(address(uint160(uint256(config)))).isMember(donor);
    }
}
