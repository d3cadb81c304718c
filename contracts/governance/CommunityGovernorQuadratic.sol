// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

// OpenZeppelin module paths are longer than a line.
// solhint-disable max-line-length
import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorCountingFractionalUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorCountingFractionalUpgradeable.sol";
import {GovernorVotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {CommunityGovernor} from "./CommunityGovernor.sol";
// solhint-enable max-line-length

/// @title CommunityGovernorQuadratic
/// @notice A community governor where each member's weight is the square root of their
/// contribution votes, so a member with four times the contributions has twice the voice.
/// Quorum and proposal threshold are in the same square-root units; the quorum is a share of the
/// total square-root weight of all members.
/// @dev The quadratic counting module: {CommunityGovernor} with three overrides. Everything the
/// governor reports is in weight units, `floor(sqrt(votes))` with votes in the token's smallest
/// unit (a holder of 100 tokens of 18 decimals, 1e20, weighs 1e10):
/// - `getVotes` / `getVotesWithParams` return the weight, and voting counts it (rounded down,
///   `Math.sqrt`); a weight may still be split across for, against and abstain (fractional votes);
/// - `proposalThreshold` is compared with that weight, so it is set in weight units;
/// - `quorum(t)` is `ceil(numerator * W(t) / denominator)`, where `W(t)` is the token's total quadratic
///   weight at `t` (`getPastTotalQuadraticWeight`, the sum of every account's weight): a quorum of q%
///   is met exactly when the for and abstain weight is at least q% of all the weight that could vote.
///   Rounded up, so never one unit short of q%.
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

    /// @notice Quorum at `timepoint`, in weight units: the quorum numerator's share of the token's total
    /// quadratic weight at `timepoint`, rounded up.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        uint256 totalWeight = IContributionToken(address(token())).getPastTotalQuadraticWeight(timepoint);
        // Cannot overflow: the weight is below 2**104 (the token's supply cap) and the numerator at most 100.
        return Math.ceilDiv(totalWeight * quorumNumerator(timepoint), quorumDenominator());
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
