// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

// OpenZeppelin module paths are longer than a line.
// solhint-disable max-line-length
import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorCountingFractionalUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorCountingFractionalUpgradeable.sol";
import {GovernorVotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {CommunityGovernor} from "./CommunityGovernor.sol";
// solhint-enable max-line-length

/// @title CommunityGovernorQuadratic
/// @notice A community governor where each member's weight is the square root of their
/// contribution votes, so a member with four times the contributions has twice the voice.
/// Quorum and proposal threshold are in the same square-root units.
/// @dev The quadratic counting module: {CommunityGovernor} with three overrides. Everything the
/// governor reports is in weight units, `floor(sqrt(votes))` with votes in the token's smallest
/// unit (a holder of 100 tokens of 18 decimals, 1e20, weighs 1e10):
/// - `getVotes` / `getVotesWithParams` return the weight, and voting counts it (rounded down,
///   `Math.sqrt`); a weight may still be split across for, against and abstain (fractional votes);
/// - `proposalThreshold` is compared with that weight, so it is set in weight units;
/// - `quorum(t)` is `floor(sqrt(numerator * pastTotalSupply(t) / denominator))`, the weight one
///   holder of the token quorum would have. As `sum floor(sqrt(x_i)) >= floor(sqrt(sum x_i))`,
///   voters whose tokens reach the token quorum always reach the quadratic quorum: a proposal
///   never misses quorum only because of the change of units.
/// The vote path adds no storage access to OpenZeppelin's, only the square root.
/// See `contracts/governance/README.md` for why quadratic weighting is reasonable for
/// contribution tokens and what it does not prevent.
contract CommunityGovernorQuadratic is CommunityGovernor {
    /// @notice Bravo or fractional support, quorum counts for and abstain, weights are square roots of votes.
    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE()
        public
        pure
        override(IGovernor, GovernorCountingFractionalUpgradeable)
        returns (string memory)
    {
        return "support=bravo,fractional&quorum=for,abstain&params=fractional&weight=sqrt";
    }

    /// @notice Quorum at `timepoint`, in weight units: the square root (rounded down) of the token quorum.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return Math.sqrt(super.quorum(timepoint));
    }

    /// @dev The voting weight of `account`: the square root of its votes, rounded down.
    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory params
    ) internal view override(GovernorUpgradeable, GovernorVotesUpgradeable) returns (uint256) {
        return Math.sqrt(super._getVotes(account, timepoint, params));
    }
}
