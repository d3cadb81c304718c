// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

import {ContributionToken} from "./ContributionToken.sol";
import {ICommunityMembership} from "../interfaces/ICommunityMembership.sol";
import {IContributionRegistry} from "../interfaces/IContributionRegistry.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {IEpochAllocations} from "../interfaces/IEpochAllocations.sol";
import {IMembership} from "../interfaces/IMembership.sol";

/// @title CommunityClones
/// @notice A community's contribution accounting (token, membership, registry, epochs) for local
/// and test use, before a community factory is on the network: its constructor clones the four
/// implementations and initialises every clone, in the one transaction that deploys it, so nobody
/// can call an initializer in between. It keeps no state and holds no role afterwards; the clones'
/// addresses are in its `CommunityCloned` event.
/// @dev The roles are those the community factory gives: the token is governed by `governance` and
/// minted by the registry and the epochs (founders credited at initialisation), the membership and
/// the registry are governed by `governance`, the registry's stewards are `stewards`.
contract CommunityClones {
    /// @notice The implementations the community is cloned from.
    struct Implementations {
        address token;
        address membership;
        address registry;
        address epochs;
    }

    /// @notice What the community is made with (see each contract's `initialize`).
    struct Settings {
        string name;
        string symbol;
        address governance;
        address[] founders;
        address[] creditedFounders;
        uint256[] credits;
        address[] stewards;
        uint256 endorsementThreshold;
        uint256 attestationThreshold;
        uint256 challengeWindow;
        IContributionRegistry.KindSpec[] kinds;
    }

    /// @notice The community's clones were created and initialised.
    event CommunityCloned(address token, address membership, address registry, address epochs);

    /// @notice Clones and initialises the community's token, membership, registry and epochs.
    constructor(Implementations memory impls, Settings memory settings) {
        address token = Clones.clone(impls.token);
        address membership = Clones.clone(impls.membership);
        address registry = Clones.clone(impls.registry);
        address epochs = Clones.clone(impls.epochs);
        address[] memory minters = new address[](2);
        minters[0] = registry;
        minters[1] = epochs;
        ContributionToken(token).initialize(
            settings.name,
            settings.symbol,
            settings.governance,
            minters,
            settings.creditedFounders,
            settings.credits,
            0 // No decay: a community that wants recency is made by the factory.
        );
        ICommunityMembership(membership).initialize(
            settings.governance,
            settings.founders,
            settings.endorsementThreshold
        );
        IContributionRegistry(registry).initialize(
            IContributionToken(token),
            IMembership(membership),
            settings.governance,
            settings.stewards,
            settings.attestationThreshold,
            settings.challengeWindow,
            settings.kinds
        );
        IEpochAllocations(epochs).initialize(IContributionToken(token), settings.governance);
        emit CommunityCloned(token, membership, registry, epochs);
    }
}
