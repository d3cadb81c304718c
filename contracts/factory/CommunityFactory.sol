// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

import {CommunityMembership} from "../contributions/CommunityMembership.sol";
import {ContributionRegistry} from "../contributions/ContributionRegistry.sol";
import {ContributionToken} from "../contributions/ContributionToken.sol";
import {EpochAllocations} from "../contributions/EpochAllocations.sol";
import {ICommunityFactory} from "../interfaces/ICommunityFactory.sol";
import {ICommunityGovernor} from "../interfaces/ICommunityGovernor.sol";
import {ICommunityProfile} from "../interfaces/ICommunityProfile.sol";
import {IContributionRegistry} from "../interfaces/IContributionRegistry.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {Membrane} from "../membrane/Membrane.sol";

/// @title CommunityFactory
/// @notice Where bioregions and guilds are born: one transaction creates a whole community (its
/// contribution token with the founders credited, its membership roll, contribution registry and
/// epoch allocations, its governor, its timelock treasury, its income membrane and its profile)
/// as minimal clones of implementations deployed once, wires every role to the community's own
/// timelock and keeps none for itself.
/// @dev Clones are made first, so every address is known before anything is initialised; then
/// each clone is initialised with the others' addresses. The factory has no owner and no role in
/// any community; it only remembers which addresses belong to which community.
contract CommunityFactory is ICommunityFactory {
    address private immutable _token;
    address private immutable _governorSimple;
    address private immutable _governorQuadratic;
    address private immutable _timelock;
    address private immutable _profile;
    address private immutable _membership;
    address private immutable _registry;
    address private immutable _epochs;
    address private immutable _membrane;

    uint256 private _communityCount;
    mapping(uint256 id => Community) private _communities;
    mapping(address timelockOrGovernor => uint256 id) private _communityIdOf;

    /// @param impls The implementations to clone; all are required but `vouchers`.
    constructor(Implementations memory impls) {
        _requireImplementation(impls.token, "token");
        _requireImplementation(impls.governorSimple, "governorSimple");
        _requireImplementation(impls.governorQuadratic, "governorQuadratic");
        _requireImplementation(impls.timelock, "timelock");
        _requireImplementation(impls.profile, "profile");
        _requireImplementation(impls.membership, "membership");
        _requireImplementation(impls.registry, "registry");
        _requireImplementation(impls.epochs, "epochs");
        _requireImplementation(impls.membrane, "membrane");
        _token = impls.token;
        _governorSimple = impls.governorSimple;
        _governorQuadratic = impls.governorQuadratic;
        _timelock = impls.timelock;
        _profile = impls.profile;
        _membership = impls.membership;
        _registry = impls.registry;
        _epochs = impls.epochs;
        _membrane = impls.membrane;
    }

    /// @inheritdoc ICommunityFactory
    function createCommunity(
        CommunityConfig calldata config,
        address[] calldata founders,
        uint256[] calldata amounts
    ) external returns (uint256 id) {
        return _create(config, defaultAccounting(), founders, amounts);
    }

    /// @inheritdoc ICommunityFactory
    function createCommunityWithAccounting(
        CommunityConfig calldata config,
        AccountingSettings calldata accounting,
        address[] calldata founders,
        uint256[] calldata amounts
    ) external returns (uint256 id) {
        return _create(config, accounting, founders, amounts);
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
        impls.membership = _membership;
        impls.registry = _registry;
        impls.epochs = _epochs;
        impls.membrane = _membrane;
    }

    /// @inheritdoc ICommunityFactory
    function defaultAccounting() public pure returns (AccountingSettings memory accounting) {
        accounting.attestationThreshold = 2;
        accounting.challengeWindow = 3 days;
        accounting.membraneTreasuryShareBps = 5_000;
    }

    function _create(
        CommunityConfig calldata config,
        AccountingSettings memory accounting,
        address[] calldata founders,
        uint256[] calldata amounts
    ) private returns (uint256 id) {
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
        c.membership = Clones.clone(_membership);
        c.registry = Clones.clone(_registry);
        c.epochs = Clones.clone(_epochs);
        c.membrane = Clones.clone(_membrane);

        _initializeGovernance(c, config);
        _initializeAccounting(c, config, accounting, founders, amounts);

        id = ++_communityCount;
        _communities[id] = c;
        _communityIdOf[c.timelock] = id;
        _communityIdOf[c.governor] = id;
        emit CommunityCreated(id, msg.sender, c.timelock, c);
    }

    /// @dev Timelock (the governor its only proposer and canceller; executors anyone, the zero
    /// address, or the governor only; no admin but itself), governor and profile.
    function _initializeGovernance(Community memory c, CommunityConfig calldata config) private {
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
        ICommunityGovernor(c.governor).initialize(
            config.identity.name,
            IVotes(c.token),
            TimelockControllerUpgradeable(payable(c.timelock)),
            config.governor
        );
        ICommunityProfile(c.profile).initialize(c.timelock, config.identity);
    }

    /// @dev Token (governed by the timelock, minted by the registry and the epochs, founders
    /// credited), membership (founders admitted), registry, epochs and membrane (income to the
    /// timelock's treasury and to contributors), all governed by the timelock.
    function _initializeAccounting(
        Community memory c,
        CommunityConfig calldata config,
        AccountingSettings memory accounting,
        address[] calldata founders,
        uint256[] calldata amounts
    ) private {
        _initializeToken(c, config, founders, amounts, accounting.halfLife);
        CommunityMembership(c.membership).initialize(c.timelock, founders, accounting.endorsementThreshold);
        _initializeRegistry(c, accounting);
        EpochAllocations(c.epochs).initialize(IContributionToken(c.token), c.timelock);
        Membrane(payable(c.membrane)).initialize(c.token, c.timelock, c.timelock, accounting.membraneTreasuryShareBps);
    }

    function _initializeToken(
        Community memory c,
        CommunityConfig calldata config,
        address[] calldata founders,
        uint256[] calldata amounts,
        uint256 halfLife
    ) private {
        address[] memory minters = new address[](2);
        minters[0] = c.registry;
        minters[1] = c.epochs;
        ContributionToken(c.token).initialize(
            config.identity.name,
            config.symbol,
            c.timelock,
            minters,
            founders,
            amounts,
            halfLife
        );
    }

    function _initializeRegistry(Community memory c, AccountingSettings memory accounting) private {
        IContributionRegistry.KindSpec[] memory kinds = accounting.kinds;
        ContributionRegistry(c.registry).initialize(
            IContributionToken(c.token),
            IMembership(c.membership),
            c.timelock,
            accounting.stewards,
            accounting.attestationThreshold,
            accounting.challengeWindow,
            kinds
        );
    }

    function _requireImplementation(address implementation, string memory which) private pure {
        if (implementation == address(0)) revert CommunityFactoryMissingImplementation(which);
    }
}
