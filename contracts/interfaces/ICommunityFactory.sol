// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IContributionRegistry} from "./IContributionRegistry.sol";
import {ICommunityGovernor} from "./ICommunityGovernor.sol";
import {ICommunityProfile} from "./ICommunityProfile.sol";

/// @title ICommunityFactory
/// @notice Creates a whole bioregional or guild community in one transaction, from implementations
/// deployed once, as minimal clones (EIP-1167) with every role wired to the community's timelock.
/// Other parts (federation, funding, licensing) read communities from here.
interface ICommunityFactory {
    /// @notice How votes are counted: simple (for/against/abstain, fractional splits allowed) or
    /// quadratic (each voter's weight is the square root of their votes).
    enum Counting {
        Simple,
        Quadratic
    }

    /// @notice Everything a new community is created with.
    /// @param identity Name, kind, area or domain, charter.
    /// @param symbol Symbol of the community's contribution token (its name is the community's).
    /// @param counting Simple or quadratic counting of votes.
    /// @param governor The governor's voting rules.
    /// @param timelockDelay Minimum seconds between queueing and executing a proposal.
    /// @param openExecution True: anyone may execute a queued proposal; false: only through the governor.
    struct CommunityConfig {
        ICommunityProfile.Identity identity;
        string symbol;
        Counting counting;
        ICommunityGovernor.Settings governor;
        uint256 timelockDelay;
        bool openExecution;
    }

    /// @notice How a new community recognises contributions and shares income. `createCommunity`
    /// uses the defaults of {defaultAccounting}; governance can change every one of them later.
    /// @param endorsementThreshold Members' endorsements that admit a new member (0: by governance only).
    /// @param stewards Accounts that may resolve challenges and sign vouchers (may be empty).
    /// @param attestationThreshold Peer attestations a submitted contribution needs (at least 1).
    /// @param challengeWindow Seconds a contribution stays challengeable once attested.
    /// @param kinds Kinds of contribution (care, code, ...) with their value per unit.
    /// @param membraneTreasuryShareBps Share of income kept by the treasury, in basis points; the rest
    /// goes to contributors by their contribution tokens.
    /// @param halfLife Seconds in which a contribution's weight halves (recency); 0, the default: never.
    struct AccountingSettings {
        uint256 endorsementThreshold;
        address[] stewards;
        uint256 attestationThreshold;
        uint256 challengeWindow;
        IContributionRegistry.KindSpec[] kinds;
        uint16 membraneTreasuryShareBps;
        uint256 halfLife;
    }

    /// @notice The addresses and kind of a community. Contracts a community does not have are zero;
    /// `vouchers` is always zero: stewards' vouchers are redeemed by the `registry`.
    struct Community {
        ICommunityProfile.CommunityKind kind;
        Counting counting;
        string name;
        address token;
        address governor;
        address timelock;
        address profile;
        address membership;
        address registry;
        address epochs;
        address vouchers;
        address membrane;
    }

    /// @notice The implementations every community is cloned from (`vouchers` unused, always zero).
    struct Implementations {
        address token;
        address governorSimple;
        address governorQuadratic;
        address timelock;
        address profile;
        address membership;
        address registry;
        address epochs;
        address vouchers;
        address membrane;
    }

    /// @notice A required implementation address was zero (`which` names it).
    error CommunityFactoryMissingImplementation(string which);
    /// @notice A community needs at least one founder, or nobody could ever propose or vote.
    error CommunityFactoryNoFounders();
    /// @notice A contribution token needs a symbol.
    error CommunityFactoryEmptySymbol();
    /// @notice No community has id `id`.
    error CommunityFactoryUnknownCommunity(uint256 id);

    /// @notice Community `id` was created by `creator`, with every address it is made of.
    event CommunityCreated(uint256 indexed id, address indexed creator, address indexed timelock, Community community);

    /// @notice Creates a community with the default accounting settings ({defaultAccounting}): clones
    /// and initialises its contracts, credits the founders (who also become its first members), wires
    /// every role to the community's timelock and keeps none for the factory.
    /// @param config Identity, token symbol, counting mode, governor settings, timelock delay and executors.
    /// @param founders Founding members, credited with contribution tokens.
    /// @param amounts What each founder is credited, in the same order as `founders`.
    /// @return id The new community's id (ids start at 1).
    function createCommunity(
        CommunityConfig calldata config,
        address[] calldata founders,
        uint256[] calldata amounts
    ) external returns (uint256 id);

    /// @notice Creates a community as {createCommunity} does, with the accounting settings given.
    /// @param config Identity, token symbol, counting mode, governor settings, timelock delay and executors.
    /// @param accounting Membership, attestation, kinds and membrane settings.
    /// @param founders Founding members, credited with contribution tokens.
    /// @param amounts What each founder is credited, in the same order as `founders`.
    /// @return id The new community's id.
    function createCommunityWithAccounting(
        CommunityConfig calldata config,
        AccountingSettings calldata accounting,
        address[] calldata founders,
        uint256[] calldata amounts
    ) external returns (uint256 id);

    /// @notice The accounting settings {createCommunity} uses: admission by governance only, no
    /// stewards, 2 attestations, a 3-day challenge window, no kinds yet, half of income to the treasury,
    /// no decay of contribution weight (half-life 0).
    function defaultAccounting() external pure returns (AccountingSettings memory);

    /// @notice The addresses, kind and name of community `id`; reverts for an unknown id.
    function getCommunity(uint256 id) external view returns (Community memory);

    /// @notice The id of the community whose timelock or governor is `account`; 0 if none.
    function communityIdOf(address account) external view returns (uint256);

    /// @notice How many communities were created (the highest id).
    function communityCount() external view returns (uint256);

    /// @notice The implementations communities are cloned from.
    function implementations() external view returns (Implementations memory);
}
