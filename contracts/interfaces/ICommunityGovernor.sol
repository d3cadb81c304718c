// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

/// @title ICommunityGovernor
/// @notice The set-up of a community's governor. Everything else is OpenZeppelin's standard
/// `IGovernor` (proposals, votes by transaction or EIP-712 signature, queue, execute, cancel),
/// so generic governor front ends work unchanged.
interface ICommunityGovernor {
    /// @notice `cancelExpired` was called for a proposal in state `current`, not `Expired`.
    error CommunityGovernorProposalNotExpired(uint256 proposalId, IGovernor.ProposalState current);

    /// @notice `caller` cancelled expired proposal `proposalId` and its timelock operation, if it was queued.
    event ExpiredProposalCancelled(uint256 indexed proposalId, address indexed caller);

    /// @notice A governor's rules at creation; all can be changed later by governance.
    /// @param votingDelay Seconds between a proposal and the start of its vote (the vote snapshot).
    /// @param votingPeriod Seconds the vote stays open.
    /// @param proposalThreshold Voting weight needed to propose (token units for simple counting,
    /// square-root units for quadratic counting).
    /// @param quorumNumerator Quorum, in percent of the past total supply (simple counting), or of the past
    /// total quadratic weight, the sum of every member's square-root weight (quadratic counting).
    /// @param lateQuorumExtension Seconds a vote is extended when quorum is reached late.
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint48 lateQuorumExtension;
    }

    /// @notice Sets up a community's governor (called once, by the factory).
    /// @param name_ The community's name, also the EIP-712 domain name of vote signatures.
    /// @param token The community's contribution token (source of votes and of the clock).
    /// @param timelock The community's timelock, which executes proposals and holds the treasury.
    /// @param settings Voting delay, period, threshold, quorum and late-quorum extension.
    function initialize(
        string calldata name_,
        IVotes token,
        TimelockControllerUpgradeable timelock,
        Settings calldata settings
    ) external;

    /// @notice Cancels a proposal that is `Expired` (succeeded but not queued within 30 days of its
    /// deadline, or queued but not executed within 30 days of its eta), and its timelock operation if it
    /// was queued, so that nobody can execute it on the timelock later. Anyone may call it.
    /// @dev Same arguments as `IGovernor.cancel`. Emits `ProposalCanceled`, the timelock's `Cancelled`
    /// (if queued) and `ExpiredProposalCancelled`; the proposal's state becomes `Canceled`.
    /// @return proposalId The cancelled proposal.
    function cancelExpired(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId);
}
