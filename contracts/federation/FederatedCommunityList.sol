// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IFederatedCommunityList} from "../interfaces/IFederatedCommunityList.sol";
import {IFederatedMembership} from "../interfaces/IFederatedMembership.sol";
import {IFederationRegistry} from "../interfaces/IFederationRegistry.sol";
import {IMembership} from "../interfaces/IMembership.sol";

/// @title FederatedCommunityList
/// @notice The members of some communities of the federation, named once: a round that welcomes
/// the donors of three bioregions, or a work whose commons exemption is for the members of the
/// guilds it came from, points at a list instead of at the whole federation. An account counts
/// while it is a member of a named community that is still recognised and that it listed in the
/// federated membership view (`FederatedMembership.join`).
/// @dev Immutable, no owner: anyone creates one (`fed:community-list`), and whoever points a round
/// or a work at it should read `federated()` and `communities()` first. `isMember` walks only the
/// account's own listings (at most `FederatedMembership.MAX_COMMUNITIES`), so its cost does not grow
/// with the length of the list; each listing named here is checked live by `isMemberOf`.
contract FederatedCommunityList is IFederatedCommunityList {
    /// @notice The most communities one list may name (bounds `communities()` and the constructor).
    uint256 public constant MAX_NAMED = 64;

    IFederatedMembership private immutable _federated;

    address[] private _communities;
    mapping(address community => bool) private _named;

    /// @param federated_ The federated membership view (whose registry the communities are listed in).
    /// @param communities_ The communities that count (their governance addresses), 1 to `MAX_NAMED`.
    constructor(IFederatedMembership federated_, address[] memory communities_) {
        uint256 count = communities_.length;
        if (count == 0 || count > MAX_NAMED) revert FederatedCommunityListInvalidSize(count, MAX_NAMED);
        IFederationRegistry registry = IFederationRegistry(federated_.registry());
        for (uint256 i = 0; i < count; ++i) {
            address community = communities_[i];
            if (!registry.isRegistered(community)) revert FederatedCommunityListUnknownCommunity(community);
            if (_named[community]) revert FederatedCommunityListDuplicate(community);
            _named[community] = true;
        }
        _federated = federated_;
        _communities = communities_;
        emit FederatedCommunityListCreated(address(federated_), communities_);
    }

    /// @inheritdoc IMembership
    function isMember(address account) external view returns (bool) {
        address[] memory listed = _federated.listedCommunitiesOf(account);
        for (uint256 i = 0; i < listed.length; ++i) {
            if (_named[listed[i]] && _federated.isMemberOf(account, listed[i])) return true;
        }
        return false;
    }

    /// @inheritdoc IFederatedCommunityList
    function federated() external view returns (address) {
        return address(_federated);
    }

    /// @inheritdoc IFederatedCommunityList
    function communities() external view returns (address[] memory) {
        return _communities;
    }

    /// @inheritdoc IFederatedCommunityList
    function isNamed(address community) external view returns (bool) {
        return _named[community];
    }
}
