// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DaoTestToken
/// @notice Test-only ERC-20 that anyone can mint, used to fund community treasuries in tests.
contract DaoTestToken is ERC20 {
    constructor() ERC20("Dao Test Token", "DTT") {}

    /// @notice Mints `amount` to `to` (tests only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
