// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IMembrane} from "../interfaces/IMembrane.sol";

/// @title ReentrantClaimer
/// @notice A contributor contract that tries to claim again while being paid (tests the guard).
contract ReentrantClaimer {
    IMembrane private immutable _membrane;
    uint256[] private _epochIds;

    constructor(IMembrane membrane_) {
        _membrane = membrane_;
    }

    /// @notice Claims native income for `epochIds`.
    function claim(uint256[] calldata epochIds) external {
        _epochIds = epochIds;
        _membrane.claim(address(0), epochIds);
    }

    /// @notice Re-enters the membrane while receiving its payment.
    receive() external payable {
        _membrane.claim(address(0), _epochIds);
    }
}
