// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IMembership} from "../interfaces/IMembership.sol";

/// @title MockMembership
/// @notice Test stand-in for a community's (or the federation's) membership view.
contract MockMembership is IMembership {
    mapping(address account => bool) private _members;

    /// @notice Sets whether `account` is a member.
    function setMember(address account, bool member) external {
        _members[account] = member;
    }

    /// @inheritdoc IMembership
    function isMember(address account) external view returns (bool) {
        return _members[account];
    }
}
