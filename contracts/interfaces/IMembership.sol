// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title IMembership
/// @notice Who belongs to a community. Read by quadratic funding rounds (donor eligibility),
/// the licence registry (commons exemptions) and the federation's membership view.
interface IMembership {
    /// @notice Whether `account` is currently a member of the community.
    function isMember(address account) external view returns (bool);
}
