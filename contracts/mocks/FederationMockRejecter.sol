// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

/// @title FederationMockRejecter
/// @notice A recipient that refuses native currency, and can try to re-enter the escrow when paid.
contract FederationMockRejecter {
    /// @notice Always refused.
    error FederationMockRejecterRefused();

    /// @notice Refuses every payment.
    receive() external payable {
        revert FederationMockRejecterRefused();
    }
}
