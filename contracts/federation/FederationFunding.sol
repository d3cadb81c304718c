// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IFederationFunding} from "../interfaces/IFederationFunding.sol";
import {IFederationRegistry} from "../interfaces/IFederationRegistry.sol";

/// @title FederationFunding
/// @notice The federation's shared escrow: a guild directs resources to the places where its
/// practice is rooted. A community's governance escrows a grant for an affiliated community (or a
/// project inside it) up front, as one payment or a schedule of tranches; due tranches are pulled
/// to the recipient by anyone; when the affiliation ends, what falls due after the end goes back
/// to the funder, and what fell due before stays the recipient's.
/// @dev Nobody can take money out other than by `claim` (to the recipient) and `reclaim` (to the
/// funder, only what the end of the affiliation cut off). `owed(token)` is the sum of every open
/// tranche and the escrow always holds at least that much of each token.
contract FederationFunding is IFederationFunding, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The most tranches one grant may have (weekly for a year and then some); bounds the
    /// loops of `fund`, `claim` and `reclaim`.
    uint256 public constant MAX_TRANCHES = 64;

    IFederationRegistry private immutable _registry;

    uint256 private _grantCount;
    mapping(uint256 grantId => Grant) private _grants;
    mapping(uint256 grantId => mapping(uint256 index => Tranche)) private _tranches;
    mapping(address token => uint256) private _owed;

    /// @param registry_ The federation registry whose affiliations grants follow.
    constructor(IFederationRegistry registry_) {
        _registry = registry_;
    }

    /// @inheritdoc IFederationFunding
    function fund(
        address beneficiary,
        address recipient,
        address token,
        Tranche[] calldata tranches,
        string calldata purposeURI
    ) external payable nonReentrant returns (uint256 grantId) {
        // One registry call on the way that succeeds; the second only says why it failed.
        IFederationRegistry.Affiliation memory affiliation = _registry.getAffiliation(msg.sender, beneficiary);
        if (affiliation.status != IFederationRegistry.AffiliationStatus.Active) {
            if (!_registry.isRegistered(msg.sender)) revert FederationFundingUnknownFunder(msg.sender);
            revert FederationFundingNotAffiliated(msg.sender, beneficiary);
        }
        uint256 total = _checkSchedule(tranches);
        uint256 expectedValue = token == address(0) ? total : 0;
        if (msg.value != expectedValue) revert FederationFundingWrongValue(msg.value, expectedValue);
        if (token != address(0) && token.code.length == 0) revert FederationFundingNotAContract(token);
        grantId = _record(
            beneficiary,
            recipient == address(0) ? beneficiary : recipient,
            token,
            affiliation.epoch,
            tranches,
            purposeURI
        );
        _owed[token] += total;
        if (token != address(0)) {
            IERC20 erc20 = IERC20(token);
            uint256 before = erc20.balanceOf(address(this));
            erc20.safeTransferFrom(msg.sender, address(this), total);
            uint256 received = erc20.balanceOf(address(this)) - before;
            if (received != total) revert FederationFundingTransferShortfall(received, total);
        }
    }

    /// @inheritdoc IFederationFunding
    function claim(uint256 grantId) external nonReentrant returns (uint256 amount) {
        Grant storage g = _requireGrant(grantId);
        uint8 from = g.nextTranche;
        uint8 to;
        (amount, to) = _claimable(grantId, g);
        if (amount == 0) _revertNothingDue(grantId, g);
        g.nextTranche = to;
        _owed[g.token] -= amount;
        emit TranchesClaimed(grantId, g.recipient, from, to, amount);
        _pay(g.token, g.recipient, amount);
    }

    /// @inheritdoc IFederationFunding
    function reclaim(uint256 grantId) external nonReentrant returns (uint256 amount) {
        Grant storage g = _requireGrant(grantId);
        uint8 to = g.endTranche;
        uint8 from;
        uint64 end;
        (amount, from, end) = _reclaimable(grantId, g);
        if (amount == 0) revert FederationFundingNothingToReclaim(grantId, end);
        g.endTranche = from;
        _owed[g.token] -= amount;
        emit TranchesReclaimed(grantId, g.funder, from, to, amount, end);
        _pay(g.token, g.funder, amount);
    }

    /// @inheritdoc IFederationFunding
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IFederationFunding
    function maxTranches() external pure returns (uint256) {
        return MAX_TRANCHES;
    }

    /// @inheritdoc IFederationFunding
    function grantCount() external view returns (uint256) {
        return _grantCount;
    }

    /// @inheritdoc IFederationFunding
    function getGrant(uint256 grantId) external view returns (Grant memory) {
        return _requireGrant(grantId);
    }

    /// @inheritdoc IFederationFunding
    function getTranches(uint256 grantId) external view returns (Tranche[] memory tranches) {
        Grant storage g = _requireGrant(grantId);
        tranches = new Tranche[](g.trancheCount);
        for (uint256 i = 0; i < tranches.length; ++i) tranches[i] = _tranches[grantId][i];
    }

    /// @inheritdoc IFederationFunding
    function claimable(uint256 grantId) external view returns (uint256 amount, uint8 toIndex) {
        return _claimable(grantId, _requireGrant(grantId));
    }

    /// @inheritdoc IFederationFunding
    function reclaimable(uint256 grantId) external view returns (uint256 amount, uint8 fromIndex) {
        (amount, fromIndex, ) = _reclaimable(grantId, _requireGrant(grantId));
    }

    /// @inheritdoc IFederationFunding
    function owed(address token) external view returns (uint256) {
        return _owed[token];
    }

    /// @dev Open tranches due now and no later than the end of the grant's affiliation: their sum
    /// and the index after the last of them.
    function _claimable(uint256 grantId, Grant storage g) private view returns (uint256 amount, uint8 to) {
        uint64 cutoff = _affiliationEnd(g);
        if (block.timestamp < cutoff) cutoff = uint64(block.timestamp);
        mapping(uint256 => Tranche) storage ts = _tranches[grantId];
        uint8 end = g.endTranche;
        to = g.nextTranche;
        while (to < end) {
            Tranche storage t = ts[to];
            if (t.dueAt > cutoff) break;
            amount += t.amount;
            ++to;
        }
    }

    /// @dev Open tranches due after the end of the grant's affiliation (none while it holds): their
    /// sum, the index of the first of them, and the end.
    function _reclaimable(
        uint256 grantId,
        Grant storage g
    ) private view returns (uint256 amount, uint8 from, uint64 end) {
        end = _affiliationEnd(g);
        from = g.endTranche;
        if (end == type(uint64).max) return (0, from, end);
        mapping(uint256 => Tranche) storage ts = _tranches[grantId];
        uint8 next = g.nextTranche;
        while (from > next) {
            Tranche storage t = ts[from - 1];
            if (t.dueAt <= end) break;
            amount += t.amount;
            --from;
        }
    }

    /// @dev Says why `claim` has nothing to pay: the next tranche is not due yet, or it fell due
    /// after the affiliation ended, or nothing is left.
    function _revertNothingDue(uint256 grantId, Grant storage g) private view {
        uint8 next = g.nextTranche;
        if (next == g.endTranche) revert FederationFundingNothingDue(grantId, 0);
        uint64 dueAt = _tranches[grantId][next].dueAt;
        uint64 end = _affiliationEnd(g);
        if (dueAt > end) {
            revert FederationFundingAffiliationEnded(grantId, next, dueAt, end);
        }
        revert FederationFundingNothingDue(grantId, dueAt);
    }

    function _affiliationEnd(Grant storage g) private view returns (uint64) {
        return _registry.affiliationEnd(g.funder, g.beneficiary, g.affiliationEpoch);
    }

    function _requireGrant(uint256 grantId) private view returns (Grant storage g) {
        g = _grants[grantId];
        if (g.funder == address(0)) revert FederationFundingUnknownGrant(grantId);
    }

    function _pay(address token, address to, uint256 amount) private {
        if (token == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(token).safeTransfer(to, amount);
    }

    /// @dev Checks the number, amounts and order of the tranches and returns their total.
    function _checkSchedule(Tranche[] calldata tranches) private pure returns (uint256 total) {
        uint256 count = tranches.length;
        if (count == 0 || count > MAX_TRANCHES) revert FederationFundingInvalidTrancheCount(count, MAX_TRANCHES);
        uint64 previousDueAt;
        for (uint256 i = 0; i < count; ++i) {
            Tranche calldata t = tranches[i];
            if (t.amount == 0) revert FederationFundingZeroTranche(i);
            if (t.dueAt < previousDueAt) revert FederationFundingUnorderedTranches(i, t.dueAt, previousDueAt);
            previousDueAt = t.dueAt;
            total += t.amount;
        }
    }

    /// @dev Stores a checked grant from `msg.sender` and emits its events.
    function _record(
        address beneficiary,
        address recipient,
        address token,
        uint64 epoch,
        Tranche[] calldata tranches,
        string calldata purposeURI
    ) private returns (uint256 grantId) {
        grantId = ++_grantCount;
        // Fits: `_checkSchedule` allowed at most MAX_TRANCHES (64).
        uint8 count = uint8(tranches.length);
        _grants[grantId] = Grant({
            funder: msg.sender,
            beneficiary: beneficiary,
            recipient: recipient,
            token: token,
            affiliationEpoch: epoch,
            trancheCount: count,
            nextTranche: 0,
            endTranche: count
        });
        mapping(uint256 => Tranche) storage stored = _tranches[grantId];
        uint256 total;
        for (uint256 i = 0; i < count; ++i) {
            stored[i] = tranches[i];
            total += tranches[i].amount;
            emit TrancheScheduled(grantId, i, tranches[i].amount, tranches[i].dueAt);
        }
        emit GrantFunded(grantId, msg.sender, beneficiary, recipient, token, total, epoch, count, purposeURI);
    }
}
