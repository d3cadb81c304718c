// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IMembership} from "./IMembership.sol";

/// @title IFederatedMembership
/// @notice "Is this address a member of any recognised community in the federation, and of which?"
/// Each account lists (itself, or by its EIP-712 signature) the at most `MAX_COMMUNITIES`
/// communities it belongs to; every answer checks those few live against the registry and each
/// community's own membership (gas-capped; a failing check means "not a member"), so the cost of a
/// check never grows with the number of communities in the federation.
interface IFederatedMembership is IMembership {
    /// @notice `community` is not part of the federation (`FederationRegistry.isRecognised`).
    error FederatedMembershipNotRecognised(address community);
    /// @notice `account` is not a member of `community` now.
    error FederatedMembershipNotMember(address account, address community);
    /// @notice `community` is already listed for `account`.
    error FederatedMembershipAlreadyListed(address account, address community);
    /// @notice `account` already lists the most communities allowed (`max`); it must leave one first.
    error FederatedMembershipTooManyCommunities(address account, uint256 max);
    /// @notice `community` is not listed for `account`.
    error FederatedMembershipNotListed(address account, address community);
    /// @notice `account` is still a member of the recognised `community`: only the account itself may unlist it.
    error FederatedMembershipStillValid(address account, address community);
    /// @notice The signed listing expired at `deadline`.
    error FederatedMembershipExpiredSignature(uint256 deadline);
    /// @notice The signature is not `account`'s over this listing and its current nonce.
    error FederatedMembershipInvalidSignature(address account);

    /// @notice `community` (whose membership list is `membership`) was listed for `account`, sent by
    /// `by` (the account, or whoever relayed its signature).
    event FederatedMembershipListed(
        address indexed account,
        address indexed community,
        address membership,
        address indexed by
    );
    /// @notice `community` was unlisted for `account` by `by` (the account, or anyone once it no
    /// longer held).
    event FederatedMembershipUnlisted(address indexed account, address indexed community, address indexed by);

    /// @notice Lists `community` for the caller after checking that the caller is a member of it
    /// and that it is recognised by the federation.
    function join(address community) external;

    /// @notice Lists `community` for `account` with `account`'s EIP-712 signature of
    /// `Join(account, community, nonce, deadline)` (an EIP-1271 wallet signs through its contract).
    /// Anyone may send it; the signature is good once (the nonce moves on).
    /// @param deadline Timestamp after which the signature is refused.
    function joinWithSignature(address account, address community, uint256 deadline, bytes calldata signature) external;

    /// @notice Unlists `community` for the caller.
    function leave(address community) external;

    /// @notice Unlists `community` for `account` once the account is no longer its member or the
    /// community is no longer part of the federation. Anyone may call.
    function prune(address account, address community) external;

    /// @notice The nonce `owner`'s next signed listing must carry.
    function nonces(address owner) external view returns (uint256);

    /// @notice The federation registry communities are checked against.
    function registry() external view returns (address);

    /// @notice The communities listed for `account` (each may or may not still hold).
    function listedCommunitiesOf(address account) external view returns (address[] memory);

    /// @notice The listed communities `account` is a member of now, checked live.
    function memberCommunitiesOf(address account) external view returns (address[] memory);

    /// @notice Whether `account` is a member of the recognised `community` now (listed or not).
    function isMemberOf(address account, address community) external view returns (bool);
}
