// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice Receives ERC-777-style hooks from MockHookToken.
interface ITokenHooks {
    function tokensToSend(address from, address to, uint256 amount) external;

    function tokensReceived(address from, address to, uint256 amount) external;
}

/// @notice An ERC-20 that, like ERC-777, calls the sender before and the recipient after every
/// transfer when they are contracts (hostile: gives them a chance to re-enter). Has EIP-2612 permit,
/// so the permit paths can be attacked too.
contract MockHookToken is ERC20Permit {
    constructor() ERC20("Hook Token", "HOOK") ERC20Permit("Hook Token") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        // Like an ERC-1820 lookup: accounts without the hook are skipped (a failing hook call is ignored).
        if (from != address(0) && from.code.length > 0) {
            (bool sent, ) = from.call(abi.encodeCall(ITokenHooks.tokensToSend, (from, to, value)));
            sent;
        }
        super._update(from, to, value);
        if (to != address(0) && to.code.length > 0) {
            (bool received, ) = to.call(abi.encodeCall(ITokenHooks.tokensReceived, (from, to, value)));
            received;
        }
    }
}
