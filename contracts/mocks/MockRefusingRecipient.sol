// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

/// @notice A recipient that refuses native currency (its payouts always fail).
contract MockRefusingRecipient {
    error MockRefused();

    receive() external payable {
        revert MockRefused();
    }
}
