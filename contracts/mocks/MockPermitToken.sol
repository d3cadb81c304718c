// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice A plain ERC-20 with EIP-2612 permit and open minting, for tests.
contract MockPermitToken is ERC20Permit {
    constructor() ERC20("Mock Permit Token", "MPT") ERC20Permit("Mock Permit Token") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
