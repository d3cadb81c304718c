// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IFederatedMembership} from "../interfaces/IFederatedMembership.sol";
import {IFederationRegistry} from "../interfaces/IFederationRegistry.sol";
import {IMembership} from "../interfaces/IMembership.sol";

/// @title FederatedMembership
/// @notice Membership of the federation as a whole: an account is a federated member while it is a
/// member of at least one community of the federation. Funding rounds use it for donor
/// eligibility and the licence registry for commons exemptions, through `IMembership.isMember`.
/// @dev Bound: each account lists at most `MAX_COMMUNITIES` (4) communities, so `isMember` makes at
/// most 8 external calls (the registry's `isRecognised` and the community's `isMember` for each
/// listed community) whatever the size of the federation. Nothing is trusted from the list
/// itself: every answer is checked live, so a member removed from a community, or a community
/// that left the federation, stops counting at once, before anyone prunes the list.
contract FederatedMembership is IFederatedMembership {
    /// @notice The most communities one account may list (the bound on the cost of `isMember`).
    uint256 public constant MAX_COMMUNITIES = 4;

    /// @dev A listed community and its membership list (copied from the registry at listing; a
    /// community's membership contract never changes).
    struct Listing {
        address community;
        address membership;
    }

    IFederationRegistry private immutable _registry;

    mapping(address account => Listing[]) private _listings;

    /// @param registry_ The federation registry.
    constructor(IFederationRegistry registry_) {
        _registry = registry_;
    }

    /// @inheritdoc IFederatedMembership
    function join(address account, address community) external {
        if (!_registry.isRecognised(community)) revert FederatedMembershipNotRecognised(community);
        address membership = _registry.getCommunity(community).membership;
        if (membership == address(0) || !IMembership(membership).isMember(account))
            revert FederatedMembershipNotMember(account, community);
        (bool listed, ) = _find(account, community);
        if (listed) revert FederatedMembershipAlreadyListed(account, community);
        Listing[] storage listings = _listings[account];
        if (listings.length == MAX_COMMUNITIES) revert FederatedMembershipTooManyCommunities(account, MAX_COMMUNITIES);
        listings.push(Listing({community: community, membership: membership}));
        emit FederatedMembershipListed(account, community, membership, msg.sender);
    }

    /// @inheritdoc IFederatedMembership
    function leave(address community) external {
        _unlist(msg.sender, community);
    }

    /// @inheritdoc IFederatedMembership
    function prune(address account, address community) external {
        (bool listed, uint256 index) = _find(account, community);
        if (listed && _holds(account, _listings[account][index])) {
            revert FederatedMembershipStillValid(account, community);
        }
        _unlist(account, community);
    }

    /// @inheritdoc IMembership
    function isMember(address account) external view returns (bool) {
        Listing[] storage listings = _listings[account];
        uint256 count = listings.length;
        for (uint256 i = 0; i < count; ++i) {
            if (_holds(account, listings[i])) return true;
        }
        return false;
    }

    /// @inheritdoc IFederatedMembership
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IFederatedMembership
    function listedCommunitiesOf(address account) external view returns (address[] memory communities) {
        Listing[] storage listings = _listings[account];
        communities = new address[](listings.length);
        for (uint256 i = 0; i < communities.length; ++i) communities[i] = listings[i].community;
    }

    /// @inheritdoc IFederatedMembership
    function memberCommunitiesOf(address account) external view returns (address[] memory communities) {
        Listing[] storage listings = _listings[account];
        communities = new address[](listings.length);
        uint256 found;
        for (uint256 i = 0; i < listings.length; ++i) {
            if (_holds(account, listings[i])) communities[found++] = listings[i].community;
        }
        // Shrink the array to the communities found: `found` <= its allocated length.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            mstore(communities, found)
        }
    }

    /// @inheritdoc IFederatedMembership
    function isMemberOf(address account, address community) external view returns (bool) {
        if (!_registry.isRecognised(community)) return false;
        address membership = _registry.getCommunity(community).membership;
        return membership != address(0) && IMembership(membership).isMember(account);
    }

    function _unlist(address account, address community) private {
        (bool listed, uint256 index) = _find(account, community);
        if (!listed) revert FederatedMembershipNotListed(account, community);
        Listing[] storage listings = _listings[account];
        listings[index] = listings[listings.length - 1];
        listings.pop();
        emit FederatedMembershipUnlisted(account, community, msg.sender);
    }

    function _find(address account, address community) private view returns (bool listed, uint256 index) {
        Listing[] storage listings = _listings[account];
        for (uint256 i = 0; i < listings.length; ++i) {
            if (listings[i].community == community) return (true, i);
        }
        return (false, 0);
    }

    /// @dev Whether the listing holds now: the community is part of the federation and `account` is its member.
    function _holds(address account, Listing storage listing) private view returns (bool) {
        return _registry.isRecognised(listing.community) && IMembership(listing.membership).isMember(account);
    }
}
