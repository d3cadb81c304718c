// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

import {ICommunityProfile} from "../interfaces/ICommunityProfile.sol";

/// @title CommunityProfile
/// @notice A community's identity: its name; for a bioregion the area it cares for (a boundary
/// URI and content hash), for a guild its domain of practice; and the charter its members accept.
/// Only the community's governance (its timelock) can change it, and every change is an event.
/// @dev Used through minimal clones initialised by the community factory.
contract CommunityProfile is ICommunityProfile, Initializable {
    address private _governance;
    Identity private _identity;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ICommunityProfile
    function initialize(address governance_, Identity calldata identity_) external initializer {
        if (governance_ == address(0)) revert CommunityProfileInvalidGovernance();
        if (bytes(identity_.name).length == 0) revert CommunityProfileEmptyName();
        if (identity_.kind == CommunityKind.Bioregion) {
            if (bytes(identity_.areaURI).length == 0) revert CommunityProfileMissingArea();
            if (bytes(identity_.domain).length != 0) revert CommunityProfileFieldNotForKind(identity_.kind);
        } else {
            if (bytes(identity_.domain).length == 0) revert CommunityProfileMissingDomain();
            if (bytes(identity_.areaURI).length != 0 || identity_.areaHash != bytes32(0)) {
                revert CommunityProfileFieldNotForKind(identity_.kind);
            }
        }
        _governance = governance_;
        _identity = identity_;
        emit ProfileInitialized(governance_, identity_);
    }

    /// @inheritdoc ICommunityProfile
    function setName(string calldata name_) external {
        _checkGovernance();
        if (bytes(name_).length == 0) revert CommunityProfileEmptyName();
        _identity.name = name_;
        emit NameChanged(name_);
    }

    /// @inheritdoc ICommunityProfile
    function setArea(string calldata areaURI, bytes32 areaHash) external {
        _checkGovernance();
        _checkKind(CommunityKind.Bioregion);
        if (bytes(areaURI).length == 0) revert CommunityProfileMissingArea();
        _identity.areaURI = areaURI;
        _identity.areaHash = areaHash;
        emit AreaChanged(areaURI, areaHash);
    }

    /// @inheritdoc ICommunityProfile
    function setDomain(string calldata domain) external {
        _checkGovernance();
        _checkKind(CommunityKind.Guild);
        if (bytes(domain).length == 0) revert CommunityProfileMissingDomain();
        _identity.domain = domain;
        emit DomainChanged(domain);
    }

    /// @inheritdoc ICommunityProfile
    function setCharter(string calldata charterURI, bytes32 charterHash) external {
        _checkGovernance();
        _identity.charterURI = charterURI;
        _identity.charterHash = charterHash;
        emit CharterChanged(charterURI, charterHash);
    }

    /// @inheritdoc ICommunityProfile
    function identity() external view returns (Identity memory) {
        return _identity;
    }

    /// @inheritdoc ICommunityProfile
    function kind() external view returns (CommunityKind) {
        return _identity.kind;
    }

    /// @inheritdoc ICommunityProfile
    function name() external view returns (string memory) {
        return _identity.name;
    }

    /// @inheritdoc ICommunityProfile
    function governance() external view returns (address) {
        return _governance;
    }

    function _checkGovernance() private view {
        if (msg.sender != _governance) revert CommunityProfileUnauthorized(msg.sender);
    }

    function _checkKind(CommunityKind expected) private view {
        CommunityKind actual = _identity.kind;
        if (actual != expected) revert CommunityProfileFieldNotForKind(actual);
    }
}
