// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title IFederationRegistry
/// @notice The cosmo-local federation's list of bioregions and guilds, and of the affiliations
/// between them. A community is known by its governance address (its timelock): that is the
/// address that proposes, accepts and ends affiliations, and funds and receives funding.
interface IFederationRegistry {
    /// @notice What binds a community's members: a place (bioregion) or a craft (guild).
    enum CommunityKind {
        None,
        Bioregion,
        Guild
    }

    /// @notice Where a bioregion and a guild stand with each other.
    enum AffiliationStatus {
        None,
        ProposedByBioregion,
        ProposedByGuild,
        Active
    }

    /// @notice A community as the federation lists it.
    /// @param kind Bioregion or guild.
    /// @param fromFactory Created by the suite's community factory (true), or registered by its own
    /// governance (false).
    /// @param registeredAt When it was registered (timestamp).
    /// @param factoryId Its id in the factory (0 when registered by its governance).
    /// @param governor Its governor (where its members vote).
    /// @param token Its contribution token.
    /// @param membership Its membership list (`IMembership`); zero when it has none.
    /// @param profile Its identity record (name, area or domain, charter) kept by its own governance;
    /// zero when it has none.
    /// @param name Its name when it was registered (or last updated here).
    /// @param metadataURI Further metadata it published here (a bioregion's area, a guild's domain of
    /// practice, a charter ...).
    struct Community {
        CommunityKind kind;
        bool fromFactory;
        uint64 registeredAt;
        uint256 factoryId;
        address governor;
        address token;
        address membership;
        address profile;
        string name;
        string metadataURI;
    }

    /// @notice An affiliation between a bioregion and a guild.
    /// @param status None, proposed by one side, or active.
    /// @param epoch How many times the two have become affiliated (1 for the first time); funding
    /// made during an affiliation is tied to its epoch.
    /// @param since When the current status began (timestamp).
    struct Affiliation {
        AffiliationStatus status;
        uint64 epoch;
        uint64 since;
    }

    /// @notice `community` is already registered.
    error FederationRegistryAlreadyRegistered(address community);

    /// @notice `community` is the timelock of the factory's community `id`: it registers from the factory's
    /// record, with `register(id)`, so that it counts as a factory community.
    error FederationRegistryUseFactoryRecord(address community, uint256 id);
    /// @notice `community` is not registered.
    error FederationRegistryUnknownCommunity(address community);
    /// @notice `kind` is not a bioregion or a guild.
    error FederationRegistryInvalidKind(uint8 kind);
    /// @notice A required address (governor or token) is zero.
    error FederationRegistryZeroAddress();
    /// @notice An empty name was given.
    error FederationRegistryEmptyName();
    /// @notice An affiliation needs one bioregion and one guild; `a` and `b` are of kinds `kindA`, `kindB`.
    error FederationRegistryKindsCannotAffiliate(address a, CommunityKind kindA, address b, CommunityKind kindB);
    /// @notice `proposer` already proposed an affiliation with `counterpart`; the other side must accept.
    error FederationRegistryAlreadyProposed(address proposer, address counterpart);
    /// @notice `a` and `b` are already affiliated.
    error FederationRegistryAlreadyAffiliated(address a, address b);
    /// @notice There is no affiliation or proposal between `a` and `b` to end.
    error FederationRegistryNotAffiliated(address a, address b);

    /// @notice `community` joined the federation's list.
    event CommunityRegistered(
        address indexed community,
        CommunityKind kind,
        bool fromFactory,
        uint256 factoryId,
        address governor,
        address token,
        address membership,
        address profile,
        string name,
        string metadataURI
    );
    /// @notice `community`'s governance changed its name or metadata.
    event CommunityMetadataUpdated(address indexed community, string name, string metadataURI);
    /// @notice `proposer` (one side's governance) proposed an affiliation; the other side has not accepted yet.
    event AffiliationProposed(address indexed bioregion, address indexed guild, address indexed proposer);
    /// @notice A proposal was withdrawn by `by` before the other side accepted.
    event AffiliationProposalWithdrawn(address indexed bioregion, address indexed guild, address indexed by);
    /// @notice Both sides approved: the affiliation is active from `since`, as its `epoch`-th time.
    event AffiliationFormed(address indexed bioregion, address indexed guild, uint64 epoch, uint64 since);
    /// @notice `by` ended the affiliation of `epoch` at `endedAt`.
    event AffiliationEnded(
        address indexed bioregion,
        address indexed guild,
        address indexed by,
        uint64 epoch,
        uint64 endedAt
    );

    /// @notice Lists the factory's community `id`; anyone may call. Its governance is its timelock.
    /// @return community The governance address the community is known by.
    function register(uint256 id) external returns (address community);

    /// @notice Lists the calling governance (a timelock of a community not made by the factory).
    /// @param kind Bioregion or guild.
    /// @param governor The community's governor.
    /// @param token The community's contribution token.
    /// @param membership The community's membership list (zero if none).
    /// @param profile The community's identity record (zero if none).
    /// @param name The community's name.
    /// @param metadataURI The community's metadata.
    function registerSelf(
        CommunityKind kind,
        address governor,
        address token,
        address membership,
        address profile,
        string calldata name,
        string calldata metadataURI
    ) external;

    /// @notice Changes the calling community's name and metadata. Only its governance.
    function updateMetadata(string calldata name, string calldata metadataURI) external;

    /// @notice Proposes an affiliation with `counterpart`, or accepts its proposal. Only a registered
    /// community's governance; the counterpart must be of the other kind.
    /// @return status The affiliation's status after the call (proposed or active).
    function affiliate(address counterpart) external returns (AffiliationStatus status);

    /// @notice Ends the affiliation with `counterpart`, or withdraws a proposal not yet accepted.
    /// Either side's governance.
    function leave(address counterpart) external;

    /// @notice The factory whose communities anyone can register.
    function factory() external view returns (address);

    /// @notice Whether `community` is registered.
    function isRegistered(address community) external view returns (bool);

    /// @notice Whether `community` counts as part of the federation: made by the factory, or
    /// registered by its governance and affiliated with at least one community made by the factory.
    function isRecognised(address community) external view returns (bool);

    /// @notice The kind of `community` (None when not registered).
    function kindOf(address community) external view returns (CommunityKind);

    /// @notice Everything listed about `community`.
    function getCommunity(address community) external view returns (Community memory);

    /// @notice The governance address of the factory's community `id` once registered (else zero).
    function communityOfFactoryId(uint256 id) external view returns (address);

    /// @notice Number of registered communities.
    function communityCount() external view returns (uint256);

    /// @notice The registered community at `index` (0 .. communityCount()-1, in order of registration).
    function communityAt(uint256 index) external view returns (address);

    /// @notice The affiliation between `a` and `b` (in either order).
    function getAffiliation(address a, address b) external view returns (Affiliation memory);

    /// @notice Whether `a` and `b` (in either order) are affiliated now.
    function isAffiliated(address a, address b) external view returns (bool);

    /// @notice Until when the `epoch`-th affiliation of `a` and `b` lasted: its end, or
    /// type(uint64).max while it is active, or 0 if it never existed.
    function affiliationEnd(address a, address b, uint64 epoch) external view returns (uint64);

    /// @notice The counterparts `community` is affiliated with or has a pending proposal with, and
    /// the status of each.
    function affiliationsOf(
        address community
    ) external view returns (address[] memory counterparts, AffiliationStatus[] memory statuses);
}
