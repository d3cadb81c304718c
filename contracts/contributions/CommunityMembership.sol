// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

import {ICommunityMembership} from "../interfaces/ICommunityMembership.sol";
import {IMembership} from "../interfaces/IMembership.sol";

/// @title CommunityMembership
/// @notice Who belongs to a bioregion or a guild. Founders belong from the start; others are
/// admitted by the community's governance or, when the community set an endorsement threshold,
/// by that many endorsements from existing members. Members may leave; governance may remove an
/// account, whether it is a member now or left before the removal took effect, and a removal sticks:
/// endorsements cannot admit a removed account, only governance can.
/// @dev Endorsements count towards one admission: when a member leaves or an account is removed, their
/// next admission starts from zero. An endorsement stays counted if its endorser later leaves.
/// Deployed once as an implementation and used through minimal clones made by the community factory.
contract CommunityMembership is ICommunityMembership, Initializable {
    address private _governance;
    uint256 private _memberCount;
    uint256 private _endorsementThreshold;

    mapping(address account => bool) private _isMember;
    /// @dev Incremented each time an account stops being a member, so old endorsements no longer count.
    mapping(address account => uint256) private _admissionRound;
    mapping(address nominee => mapping(uint256 round => uint256)) private _endorsements;
    mapping(address nominee => mapping(uint256 round => mapping(address endorser => bool))) private _endorsed;
    /// @dev Set by `remove`, cleared when governance admits the account again.
    mapping(address account => bool) private _removed;

    modifier onlyGovernance() {
        _checkGovernance();
        _;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ICommunityMembership
    function initialize(
        address governance_,
        address[] calldata founders,
        uint256 endorsementThreshold_
    ) external initializer {
        if (governance_ == address(0)) revert MembershipInvalidAccount();
        _governance = governance_;
        _setEndorsementThreshold(endorsementThreshold_);
        for (uint256 i = 0; i < founders.length; ++i) {
            _admit(founders[i], false);
        }
    }

    /// @inheritdoc ICommunityMembership
    function admit(address account) external onlyGovernance {
        if (_removed[account]) {
            _removed[account] = false;
            emit RemovalLifted(account);
        }
        _admit(account, false);
    }

    /// @inheritdoc ICommunityMembership
    function endorse(address nominee) external {
        uint256 threshold = _endorsementThreshold;
        if (threshold == 0) revert MembershipEndorsementDisabled();
        if (!_isMember[msg.sender]) revert MembershipNotMember(msg.sender);
        if (nominee == address(0)) revert MembershipInvalidAccount();
        if (_isMember[nominee]) revert MembershipAlreadyMember(nominee);
        if (_removed[nominee]) revert MembershipRemovedByGovernance(nominee);
        uint256 round = _admissionRound[nominee];
        if (_endorsed[nominee][round][msg.sender]) revert MembershipAlreadyEndorsed(nominee, msg.sender);
        _endorsed[nominee][round][msg.sender] = true;
        uint256 count = _endorsements[nominee][round] + 1;
        _endorsements[nominee][round] = count;
        emit MemberEndorsed(nominee, msg.sender, count, threshold);
        if (count >= threshold) _admit(nominee, true);
    }

    /// @inheritdoc ICommunityMembership
    function leave() external {
        _removeMember(msg.sender);
        emit MemberLeft(msg.sender);
    }

    /// @inheritdoc ICommunityMembership
    function remove(address account, string calldata reasonURI) external onlyGovernance {
        if (account == address(0)) revert MembershipInvalidAccount();
        if (_removed[account]) revert MembershipAlreadyRemoved(account);
        _removed[account] = true;
        // A member who left before the removal took effect (or an account never admitted) is marked
        // removed all the same, so that endorsements cannot admit it; its pending endorsements lapse.
        if (_isMember[account]) {
            _removeMember(account);
        } else {
            // Cannot overflow: one increment per removal or departure of the account.
            unchecked {
                ++_admissionRound[account];
            }
        }
        emit MemberRemoved(account, reasonURI);
    }

    /// @inheritdoc ICommunityMembership
    function setEndorsementThreshold(uint256 newThreshold) external onlyGovernance {
        _setEndorsementThreshold(newThreshold);
    }

    /// @inheritdoc IMembership
    function isMember(address account) external view returns (bool) {
        return _isMember[account];
    }

    /// @inheritdoc ICommunityMembership
    function isRemoved(address account) external view returns (bool) {
        return _removed[account];
    }

    /// @inheritdoc ICommunityMembership
    function governance() external view returns (address) {
        return _governance;
    }

    /// @inheritdoc ICommunityMembership
    function memberCount() external view returns (uint256) {
        return _memberCount;
    }

    /// @inheritdoc ICommunityMembership
    function endorsementThreshold() external view returns (uint256) {
        return _endorsementThreshold;
    }

    /// @inheritdoc ICommunityMembership
    function endorsementsOf(address nominee) external view returns (uint256) {
        return _endorsements[nominee][_admissionRound[nominee]];
    }

    /// @inheritdoc ICommunityMembership
    function hasEndorsed(address nominee, address endorser) external view returns (bool) {
        return _endorsed[nominee][_admissionRound[nominee]][endorser];
    }

    function _checkGovernance() internal view {
        if (msg.sender != _governance) revert MembershipUnauthorized(msg.sender);
    }

    function _admit(address account, bool byEndorsement) private {
        if (account == address(0)) revert MembershipInvalidAccount();
        if (_isMember[account]) revert MembershipAlreadyMember(account);
        _isMember[account] = true;
        // Cannot overflow: one increment per admitted account, far below 2^256.
        unchecked {
            ++_memberCount;
        }
        emit MemberAdmitted(account, byEndorsement);
    }

    function _removeMember(address account) private {
        if (!_isMember[account]) revert MembershipNotMember(account);
        _isMember[account] = false;
        // Cannot underflow: `account` was a member, so the count is at least one.
        unchecked {
            --_memberCount;
            ++_admissionRound[account];
        }
    }

    function _setEndorsementThreshold(uint256 newThreshold) private {
        uint256 previous = _endorsementThreshold;
        _endorsementThreshold = newThreshold;
        emit EndorsementThresholdChanged(previous, newThreshold);
    }
}
