// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

/// @title MockMemberCommunities
/// @notice Test stand-in for a federated membership view whose `memberCommunitiesOf` answers whatever
/// list the test sets (more communities than `FederatedMembership` would ever return included).
contract MockMemberCommunities {
    mapping(address account => address[]) private _communities;

    /// @notice Sets the communities `account` is said to belong to.
    function setCommunities(address account, address[] calldata communities) external {
        _communities[account] = communities;
    }

    /// @notice The communities set for `account`.
    function memberCommunitiesOf(address account) external view returns (address[] memory) {
        return _communities[account];
    }
}
