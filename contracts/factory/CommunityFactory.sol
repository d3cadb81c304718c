// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

import {ContributionToken} from "../contributions/ContributionToken.sol";
import {ICommunityFactory} from "../interfaces/ICommunityFactory.sol";
import {ICommunityGovernor} from "../interfaces/ICommunityGovernor.sol";
import {ICommunityProfile} from "../interfaces/ICommunityProfile.sol";

/// @title CommunityFactory
/// @notice Where bioregions and guilds are born: one transaction creates a whole community (its
/// contribution token with the founders credited, its governor, its timelock treasury and its
/// profile) as minimal clones of implementations deployed once, wires every role to the
/// community's own timelock and keeps none for itself.
/// @dev Clones are made first, so every address is known before anything is initialised; then
/// each clone is initialised with the others' addresses. The factory has no owner and no role in
/// any community; it only remembers which addresses belong to which community.
contract CommunityFactory is ICommunityFactory {
    address private immutable _token;
    address private immutable _governorSimple;
    address private immutable _governorQuadratic;
    address private immutable _timelock;
    address private immutable _profile;

    uint256 private _communityCount;
    mapping(uint256 id => Community) private _communities;
    mapping(address timelockOrGovernor => uint256 id) private _communityIdOf;

    /// @param impls The implementations to clone; token, both governors, timelock and profile are required.
    constructor(Implementations memory impls) {
        if (impls.token == address(0)) revert CommunityFactoryMissingImplementation("token");
        if (impls.governorSimple == address(0)) revert CommunityFactoryMissingImplementation("governorSimple");
        if (impls.governorQuadratic == address(0)) revert CommunityFactoryMissingImplementation("governorQuadratic");
        if (impls.timelock == address(0)) revert CommunityFactoryMissingImplementation("timelock");
        if (impls.profile == address(0)) revert CommunityFactoryMissingImplementation("profile");
        _token = impls.token;
        _governorSimple = impls.governorSimple;
        _governorQuadratic = impls.governorQuadratic;
        _timelock = impls.timelock;
        _profile = impls.profile;
    }

    /// @inheritdoc ICommunityFactory
    function createCommunity(
        CommunityConfig calldata config,
        address[] calldata founders,
        uint256[] calldata amounts
    ) external returns (uint256 id) {
        if (founders.length == 0) revert CommunityFactoryNoFounders();
        if (bytes(config.symbol).length == 0) revert CommunityFactoryEmptySymbol();

        Community memory c;
        c.kind = config.identity.kind;
        c.counting = config.counting;
        c.name = config.identity.name;
        c.token = Clones.clone(_token);
        c.governor = Clones.clone(config.counting == Counting.Simple ? _governorSimple : _governorQuadratic);
        c.timelock = Clones.clone(_timelock);
        c.profile = Clones.clone(_profile);

        // The governor is the timelock's only proposer (and so its only canceller); executors are
        // anyone (the zero address) or the governor only; no admin but the timelock itself.
        address[] memory proposers = new address[](1);
        proposers[0] = c.governor;
        address[] memory executors = new address[](1);
        executors[0] = config.openExecution ? address(0) : c.governor;
        TimelockControllerUpgradeable(payable(c.timelock)).initialize(
            config.timelockDelay,
            proposers,
            executors,
            address(0)
        );
        ContributionToken(c.token).initialize(
            config.identity.name,
            config.symbol,
            c.timelock,
            new address[](0),
            founders,
            amounts
        );
        ICommunityGovernor(c.governor).initialize(
            config.identity.name,
            IVotes(c.token),
            TimelockControllerUpgradeable(payable(c.timelock)),
            config.governor
        );
        ICommunityProfile(c.profile).initialize(c.timelock, config.identity);

        id = ++_communityCount;
        _communities[id] = c;
        _communityIdOf[c.timelock] = id;
        _communityIdOf[c.governor] = id;
        emit CommunityCreated(id, msg.sender, c.timelock, c);
    }

    /// @inheritdoc ICommunityFactory
    function getCommunity(uint256 id) external view returns (Community memory) {
        if (id == 0 || id > _communityCount) revert CommunityFactoryUnknownCommunity(id);
        return _communities[id];
    }

    /// @inheritdoc ICommunityFactory
    function communityIdOf(address account) external view returns (uint256) {
        return _communityIdOf[account];
    }

    /// @inheritdoc ICommunityFactory
    function communityCount() external view returns (uint256) {
        return _communityCount;
    }

    /// @inheritdoc ICommunityFactory
    function implementations() external view returns (Implementations memory impls) {
        impls.token = _token;
        impls.governorSimple = _governorSimple;
        impls.governorQuadratic = _governorQuadratic;
        impls.timelock = _timelock;
        impls.profile = _profile;
    }
}
