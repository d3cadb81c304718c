// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IMembership} from "./IMembership.sol";

/// @title IFederatedCommunityList
/// @notice "Is this address a member of one of THESE communities of the federation?" A fixed list of
/// communities, named once at creation, answered through the federated membership view: a round's
/// donor eligibility or a work's licence terms point at it (as an `IMembership`) to count only the
/// communities they trust, not the whole federation.
interface IFederatedCommunityList is IMembership {
    /// @notice A list names between 1 and `max` communities; `count` were given.
    error FederatedCommunityListInvalidSize(uint256 count, uint256 max);
    /// @notice `community` is not registered in the federation's registry.
    error FederatedCommunityListUnknownCommunity(address community);
    /// @notice `community` is named twice.
    error FederatedCommunityListDuplicate(address community);

    /// @notice The list was created over `federated`, naming `communities` (their governance addresses).
    event FederatedCommunityListCreated(address indexed federated, address[] communities);

    /// @notice The federated membership view the list answers through.
    function federated() external view returns (address);

    /// @notice The communities named (governance addresses, in the order given).
    function communities() external view returns (address[] memory);

    /// @notice Whether `community` is one of the communities named.
    function isNamed(address community) external view returns (bool);
}
