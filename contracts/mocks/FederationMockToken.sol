// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FederationMockToken
/// @notice A plain ERC-20 anyone can mint, for funding tests. With a non-zero fee it keeps that
/// many basis points of every transfer (a fee-on-transfer token, which the escrow must refuse).
/// With a hook set, every transfer first calls the hook's target (to test re-entrancy) and
/// bubbles up its revert.
contract FederationMockToken is ERC20 {
    uint256 private immutable _feeBps;
    address private _hookTarget;
    bytes private _hookData;

    /// @param feeBps Basis points kept from every transfer (0 for a plain token).
    constructor(uint256 feeBps) ERC20("Federation Mock", "FMOCK") {
        _feeBps = feeBps;
    }

    /// @notice Mints `amount` to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Makes every transfer call `target` with `data` first (zero target: no hook).
    function setHook(address target, bytes calldata data) external {
        _hookTarget = target;
        _hookData = data;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (_hookTarget != address(0) && from != address(0)) {
            (bool ok, bytes memory reason) = _hookTarget.call(_hookData);
            if (!ok) {
                // solhint-disable-next-line no-inline-assembly
                assembly {
                    revert(add(reason, 32), mload(reason))
                }
            }
        }
        if (_feeBps == 0 || from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = (value * _feeBps) / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
