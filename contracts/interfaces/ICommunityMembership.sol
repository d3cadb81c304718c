// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IMembership} from "./IMembership.sol";

/// @title ICommunityMembership
/// @notice The roll of a community's members: founders at creation, then admission by governance or,
/// when the community chose so, by a number of endorsements from existing members. Members can
/// leave; governance can remove an account (a member, or one who left), and only governance can
/// admit a removed account again.
/// Other contracts read it through `IMembership.isMember`.
interface ICommunityMembership is IMembership {
    /// @notice Only the community's governance (its timelock) may do this; `caller` is not it.
    error MembershipUnauthorized(address caller);
    /// @notice The zero address was given where an account is required.
    error MembershipInvalidAccount();
    /// @notice `account` is already a member.
    error MembershipAlreadyMember(address account);
    /// @notice `account` is not a member.
    error MembershipNotMember(address account);
    /// @notice The community admits by governance only (its endorsement threshold is zero).
    error MembershipEndorsementDisabled();
    /// @notice `endorser` already endorsed `nominee` for this admission.
    error MembershipAlreadyEndorsed(address nominee, address endorser);
    /// @notice Governance removed `nominee`; only governance can admit them again, not endorsements.
    error MembershipRemovedByGovernance(address nominee);
    /// @notice Governance removed `account` already and has not admitted it since.
    error MembershipAlreadyRemoved(address account);

    /// @notice `account` became a member; `byEndorsement` is false for founders and admission by governance.
    event MemberAdmitted(address indexed account, bool byEndorsement);
    /// @notice `endorser` endorsed `nominee`, who now has `endorsements` of the `threshold` needed.
    event MemberEndorsed(address indexed nominee, address indexed endorser, uint256 endorsements, uint256 threshold);
    /// @notice `account` left the community of their own accord.
    event MemberLeft(address indexed account);
    /// @notice Governance removed `account` (a member then or not), for the reason at `reasonURI`.
    event MemberRemoved(address indexed account, string reasonURI);
    /// @notice Governance admitted `account` again after removing them (a `MemberAdmitted` follows).
    event RemovalLifted(address indexed account);
    /// @notice Governance changed how many endorsements admit a nominee (0: governance only).
    event EndorsementThresholdChanged(uint256 previousThreshold, uint256 newThreshold);

    /// @notice Sets up a community's membership.
    /// @param governance_ The community's timelock: admits, removes, sets the endorsement threshold.
    /// @param founders Founding members (no duplicates, no zero address).
    /// @param endorsementThreshold_ Endorsements from members that admit a nominee; 0 admits by governance only.
    function initialize(address governance_, address[] calldata founders, uint256 endorsementThreshold_) external;

    /// @notice Admits `account`, lifting a removal by governance. Only governance.
    function admit(address account) external;

    /// @notice Endorses `nominee` for admission; the endorsement that reaches the threshold admits them.
    /// Only members, only when the endorsement threshold is not zero, never for an account governance removed.
    function endorse(address nominee) external;

    /// @notice The caller leaves the community.
    function leave() external;

    /// @notice Removes `account`, for the reason at `reasonURI`; until governance admits them again,
    /// endorsements cannot. Only governance. `account` need not be a member now: one who left (for
    /// example while the removal was being voted) is marked removed all the same, and only a member
    /// loses its membership. Emits `MemberRemoved` either way; reverts with `MembershipAlreadyRemoved`
    /// if `account` is removed already, `MembershipInvalidAccount` for the zero address.
    function remove(address account, string calldata reasonURI) external;

    /// @notice Sets how many endorsements admit a nominee (0: governance only). Only governance.
    function setEndorsementThreshold(uint256 newThreshold) external;

    /// @notice Whether governance removed `account` and has not admitted them since.
    function isRemoved(address account) external view returns (bool);

    /// @notice The community's governance (its timelock).
    function governance() external view returns (address);

    /// @notice How many members the community has now.
    function memberCount() external view returns (uint256);

    /// @notice Endorsements that admit a nominee (0: governance only).
    function endorsementThreshold() external view returns (uint256);

    /// @notice Endorsements `nominee` has gathered towards their next admission.
    function endorsementsOf(address nominee) external view returns (uint256);

    /// @notice Whether `endorser` endorsed `nominee` towards their next admission.
    function hasEndorsed(address nominee, address endorser) external view returns (bool);
}
