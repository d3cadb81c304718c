// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FederationMockHookedToken
/// @notice A mintable ERC-20 whose transfers first call a hook (to test re-entrancy into the
/// federation's escrow), bubbling up the hook's revert.
contract FederationMockHookedToken is ERC20 {
    address private _hookTarget;
    bytes private _hookData;

    constructor() ERC20("Hooked", "HOOK") {}

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
        super._update(from, to, value);
    }
}
