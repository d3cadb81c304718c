// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title DevToken
/// @notice A test token for local chains (`dev:token`): an ERC-20 with EIP-2612 permit and the
/// decimals of the real token it stands for (6 for a USDC-like stablecoin). Anyone may mint: never
/// deploy it where it could be mistaken for money.
contract DevToken is ERC20Permit {
    uint8 private immutable _decimals;

    /// @param name_ The token's name (also its EIP-712 domain name).
    /// @param symbol_ The token's symbol.
    /// @param decimals_ The token's decimals.
    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) ERC20Permit(name_) {
        _decimals = decimals_;
    }

    /// @notice Mints `amount` (in the smallest unit) to `to`; open to anyone (a test token).
    /// @param to Who receives the tokens.
    /// @param amount How many, in the smallest unit.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
