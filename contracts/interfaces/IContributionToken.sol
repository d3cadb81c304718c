// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title IContributionToken
/// @notice A community's non-transferable record of recognised contributions. Balances are
/// checkpointed (for income shares) as well as votes (for governance), both on a timestamp clock.
interface IContributionToken is IERC5805 {
    /// @notice Transfers and approvals are not part of a contribution token.
    error ContributionTokenNonTransferable();
    /// @notice A burn asked for more than `account` holds.
    error ContributionTokenBurnExceedsBalance(address account, uint256 balance, uint256 amount);
    /// @notice Minting or burning zero, or for the zero address.
    error ContributionTokenInvalidAmount();
    /// @notice The zero address was given where an account is required.
    error ContributionTokenInvalidAccount();
    /// @notice `founders` and `amounts` differ in length.
    error ContributionTokenLengthMismatch(uint256 founders, uint256 amounts);
    /// @notice A past balance was asked for at `timepoint`, which is not in the past (`clock`).
    error ContributionTokenFutureLookup(uint256 timepoint, uint48 clock);

    /// @notice A half-life outside [`min`, `max`] seconds (0, no decay, is allowed too).
    error ContributionTokenInvalidHalfLife(uint256 halfLife, uint256 min, uint256 max);
    /// @notice The half-life is `halfLife` already.
    error ContributionTokenHalfLifeUnchanged(uint256 halfLife);
    /// @notice The level (half-lives elapsed, 64 fractional bits) passed the 2**24 eras a checkpoint can
    /// record: 91,000 years at the shortest half-life. Past weights stay readable; nothing more is written.
    error ContributionTokenRecencyRangeExceeded(uint256 level);

    /// @notice The half-life became `halfLife` seconds (0: no decay) from now on, at `level` half-lives
    /// elapsed (64 fractional bits); weights before now are unchanged.
    event HalfLifeChanged(uint256 previousHalfLife, uint256 halfLife, uint256 level);
    /// @notice `amount` tokens were minted to `account` by `minter` (an accounting contract, or the
    /// factory for founders at creation).
    event ContributionMinted(address indexed account, uint256 amount, address indexed minter);
    /// @notice Governance burned `amount` from `account`, for the reason at `reasonURI`.
    event ContributionBurned(address indexed account, uint256 amount, string reasonURI);

    /// @notice Mints `amount` to `account`. Only the community's accounting contracts (MINTER_ROLE).
    function mint(address account, uint256 amount) external;

    /// @notice Burns `amount` from `account` (recovery from fraud). Only governance.
    function burn(address account, uint256 amount, string calldata reasonURI) external;

    /// @notice Sets the half-life (seconds; 0 stops decay) from now on: weights up to now are unchanged,
    /// and fade at the new pace afterwards. Only governance. Reverts for an unchanged value or one
    /// outside [`MIN_HALF_LIFE`, `MAX_HALF_LIFE`] other than 0.
    function setHalfLife(uint256 newHalfLife) external;

    /// @notice `account`'s balance at `timepoint` (a timestamp strictly in the past), weighed as then: its
    /// nominal balance when decay is off, its contributions' decayed weight when on.
    function getPastBalance(address account, uint256 timepoint) external view returns (uint256);

    /// @notice `account`'s own contributions weighed now (its nominal balance is `balanceOf`).
    function weightOf(address account) external view returns (uint256);

    /// @notice Every contribution weighed now (the nominal total is `totalSupply`).
    function totalWeight() external view returns (uint256);

    /// @notice The half-life in seconds now; 0 when weights do not fade.
    function halfLife() external view returns (uint256);

    /// @notice Half-lives elapsed at `timepoint` (64 fractional bits) since decay first began; a weight
    /// minted at level a counts `2**-(b - a)` of its amount at level b. For a future timepoint, as if the
    /// half-life did not change.
    function levelAt(uint256 timepoint) external view returns (uint256);

    /// @notice The total quadratic weight at `timepoint` (a timestamp strictly in the past): the sum over
    /// all accounts of `floor(sqrt(votes))`, votes in the token's smallest unit, each rounded down. This
    /// is the whole weight a quadratic governor can count, the base of its quorum.
    function getPastTotalQuadraticWeight(uint256 timepoint) external view returns (uint256);
}
