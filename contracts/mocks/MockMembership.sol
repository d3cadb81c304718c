// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IMembership} from "../interfaces/IMembership.sol";

/// @notice Test stand-in for a community's membership view: anyone may set who is a member.
contract MockMembership is IMembership {
    mapping(address account => bool) private _members;

    function setMember(address account, bool member) external {
        _members[account] = member;
    }

    function isMember(address account) external view returns (bool) {
        return _members[account];
    }
}
