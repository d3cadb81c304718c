// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

// OpenZeppelin module paths are longer than a line.
// solhint-disable max-line-length
import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorCountingFractionalUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorCountingFractionalUpgradeable.sol";
import {GovernorSettingsUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSettingsUpgradeable.sol";
import {GovernorVotesQuorumFractionUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesQuorumFractionUpgradeable.sol";
import {GovernorTimelockControlUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorTimelockControlUpgradeable.sol";
import {GovernorPreventLateQuorumUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorPreventLateQuorumUpgradeable.sol";
import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {ICommunityGovernor} from "../interfaces/ICommunityGovernor.sol";
// solhint-enable max-line-length

/// @title CommunityGovernor
/// @notice How a community decides: members propose, vote with the weight of their recognised
/// contributions (by transaction or by EIP-712 signature, relayable, ERC-1271 signers included),
/// and what passes is executed by the community's timelock after its delay.
/// This is the simple-counting governor: each member's weight is their contribution votes, cast
/// for, against or abstain; an account may also split its weight across the three (fractional
/// votes), which is how a federated community's timelock votes for its members' mixed views.
/// {CommunityGovernorQuadratic} derives from it and weighs each voter by a square root.
/// @dev OpenZeppelin's Governor composed from its modules, with no change to their code: settings
/// (delay, period, threshold), votes from the community's `ContributionToken` (timestamp clock),
/// quorum as a fraction of past total supply, fractional counting (a vote without params is an
/// ordinary for/against/abstain vote of the whole weight), timelock execution and protection
/// against late quorum. Used through minimal clones initialised by the community factory.
contract CommunityGovernor is
    ICommunityGovernor,
    GovernorUpgradeable,
    GovernorSettingsUpgradeable,
    GovernorCountingFractionalUpgradeable,
    GovernorVotesQuorumFractionUpgradeable,
    GovernorTimelockControlUpgradeable,
    GovernorPreventLateQuorumUpgradeable
{
    /// @notice How long a decision stays valid: a proposal that succeeded but was not queued within this
    /// time after its deadline, or was queued but not executed within this time after its eta, is
    /// `Expired` and can no longer be queued or executed through the governor. 30 days, like
    /// Compound's timelock grace period, so stale decisions are not executed in changed circumstances.
    uint256 private constant EXPIRY_PERIOD = 30 days;

    /// @dev True only inside `cancelExpired`, where `state` reports an expired proposal as OpenZeppelin
    /// sees it (Succeeded or Queued), so that OpenZeppelin's `_cancel` accepts it.
    bool private transient _cancellingExpired;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ICommunityGovernor
    function initialize(
        string calldata name_,
        IVotes token,
        TimelockControllerUpgradeable timelock,
        Settings calldata settings
    ) external initializer {
        __Governor_init(name_);
        __GovernorSettings_init(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold);
        __GovernorVotes_init(token);
        __GovernorVotesQuorumFraction_init(settings.quorumNumerator);
        __GovernorTimelockControl_init(timelock);
        __GovernorPreventLateQuorum_init(settings.lateQuorumExtension);
    }

    /// @inheritdoc ICommunityGovernor
    // Memory, like OpenZeppelin's `cancel`, so that both share one decoder: the governor is near the size limit.
    function cancelExpired(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public returns (uint256 proposalId) {
        proposalId = getProposalId(targets, values, calldatas, descriptionHash);
        ProposalState current = state(proposalId);
        if (current != ProposalState.Expired) revert CommunityGovernorProposalNotExpired(proposalId, current);
        _cancellingExpired = true;
        _cancel(targets, values, calldatas, descriptionHash);
        _cancellingExpired = false;
        emit ExpiredProposalCancelled(proposalId, _msgSender());
    }

    /// @inheritdoc GovernorUpgradeable
    function votingDelay() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc GovernorUpgradeable
    function votingPeriod() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalThreshold()
        public
        view
        override(GovernorUpgradeable, GovernorSettingsUpgradeable)
        returns (uint256)
    {
        return super.proposalThreshold();
    }

    /// @inheritdoc GovernorUpgradeable
    function quorum(
        uint256 timepoint
    ) public view virtual override(GovernorUpgradeable, GovernorVotesQuorumFractionUpgradeable) returns (uint256) {
        return super.quorum(timepoint);
    }

    /// @notice The state of a proposal: OpenZeppelin's, plus `Expired` 30 days after the deadline
    /// (if not queued) or after the eta (if not executed). An expired proposal can be cancelled by
    /// anyone (`cancelExpired`), which also cancels its timelock operation.
    function state(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (ProposalState) {
        ProposalState current = super.state(proposalId);
        if (_cancellingExpired) return current;
        if (current == ProposalState.Succeeded) {
            if (clock() > proposalDeadline(proposalId) + EXPIRY_PERIOD) return ProposalState.Expired;
        } else if (current == ProposalState.Queued) {
            if (clock() > proposalEta(proposalId) + EXPIRY_PERIOD) return ProposalState.Expired;
        }
        return current;
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalDeadline(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorPreventLateQuorumUpgradeable) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function _tallyUpdated(
        uint256 proposalId
    ) internal override(GovernorUpgradeable, GovernorPreventLateQuorumUpgradeable) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor()
        internal
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (address)
    {
        return super._executor();
    }
}
