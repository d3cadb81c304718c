// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FederationMockToken
/// @notice A plain ERC-20 anyone can mint, for funding tests. With a non-zero fee it keeps that
/// many basis points of every transfer (a fee-on-transfer token, which the escrow must refuse).
contract FederationMockToken is ERC20 {
    uint256 private immutable _feeBps;

    /// @param feeBps Basis points kept from every transfer (0 for a plain token).
    constructor(uint256 feeBps) ERC20("Federation Mock", "FMOCK") {
        _feeBps = feeBps;
    }

    /// @notice Mints `amount` to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (_feeBps == 0 || from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = (value * _feeBps) / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
