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

    /// @notice `amount` tokens were minted to `account` by `minter` (an accounting contract, or the
    /// factory for founders at creation).
    event ContributionMinted(address indexed account, uint256 amount, address indexed minter);
    /// @notice Governance burned `amount` from `account`, for the reason at `reasonURI`.
    event ContributionBurned(address indexed account, uint256 amount, string reasonURI);

    /// @notice Mints `amount` to `account`. Only the community's accounting contracts (MINTER_ROLE).
    function mint(address account, uint256 amount) external;

    /// @notice Burns `amount` from `account` (recovery from fraud). Only governance.
    function burn(address account, uint256 amount, string calldata reasonURI) external;

    /// @notice `account`'s balance at `timepoint` (a timestamp strictly in the past).
    function getPastBalance(address account, uint256 timepoint) external view returns (uint256);

    /// @notice The total quadratic weight at `timepoint` (a timestamp strictly in the past): the sum over
    /// all accounts of `floor(sqrt(votes))`, votes in the token's smallest unit, each rounded down. This
    /// is the whole weight a quadratic governor can count, the base of its quorum.
    function getPastTotalQuadraticWeight(uint256 timepoint) external view returns (uint256);
}
