// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title ReferenceVotesToken
/// @notice Benchmark reference only: OpenZeppelin's ERC20Votes token, as the wizard composes it,
/// on the same timestamp clock as the contribution token, so that our governor's gas is compared
/// with OpenZeppelin's own governor doing the same work. Not part of the suite.
contract ReferenceVotesToken is ERC20, ERC20Permit, ERC20Votes {
    constructor() ERC20("Reference Votes", "RVOTE") ERC20Permit("Reference Votes") {}

    /// @notice Mints freely: a benchmark fixture, never deployed outside tests and benchmarks.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice ERC-6372 clock: the block timestamp, as the contribution token.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
