// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title IFederationRegistry
/// @notice The cosmo-local federation's list of bioregions and guilds, and of the affiliations
/// between them. A community is known by its governance address (its timelock): that is the
/// address that proposes, accepts and ends affiliations, and funds and receives funding.
/// Being listed is not being part of the federation: a community counts (`isRecognised`) only when
/// the founding act named it, or when the governance of a community that is recognised vouched for
/// it, through a chain of vouches that leads back to a founding community.
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
    /// @param fromFactory Listed from the suite's community factory's record (true), or registered
    /// by its own governance (false). Says where the record came from, not whether it counts.
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

    /// @notice Only the founder named at deployment may perform the founding act; `caller` is not it.
    error FederationRegistryNotFounder(address caller);
    /// @notice The founding act was performed already; recognition now comes only from vouches.
    error FederationRegistryAlreadyFounded();
    /// @notice The founding act needs at least one community.
    error FederationRegistryNothingToFound();
    /// @notice `voucher` is not recognised, so its governance cannot vouch for anyone.
    error FederationRegistryVoucherNotRecognised(address voucher);
    /// @notice `community` is recognised already (vouches are only for communities that are not).
    error FederationRegistryAlreadyRecognised(address community);
    /// @notice `voucher` is `maxDepth` vouches away from a founding community: a community it vouched
    /// for would be too far to check cheaply.
    error FederationRegistryTooDeep(address voucher, uint256 maxDepth);
    /// @notice `caller` is neither the community that vouched for `community` nor `community` itself.
    error FederationRegistryNotVoucher(address caller, address community);
    /// @notice Nobody vouched for `community` and it is not a founding community: there is nothing to withdraw.
    error FederationRegistryNotVouched(address community);

    /// @notice `community` is already registered.
    error FederationRegistryAlreadyRegistered(address community);

    /// @notice `community` is the timelock of the factory's community `id`: it registers from the factory's
    /// record, with `register(id)`, so that its record is the factory's.
    error FederationRegistryUseFactoryRecord(address community, uint256 id);
    /// @notice `community` is not registered.
    error FederationRegistryUnknownCommunity(address community);
    /// @notice `kind` is not a bioregion or a guild.
    error FederationRegistryInvalidKind(uint8 kind);
    /// @notice A required address (governor or token) is zero.
    error FederationRegistryZeroAddress();
    /// @notice An empty name was given.
    error FederationRegistryEmptyName();
    /// @notice The name given is `length` bytes long; at most `maxLength` are allowed.
    error FederationRegistryNameTooLong(uint256 length, uint256 maxLength);
    /// @notice The metadata URI given is `length` bytes long; at most `maxLength` are allowed.
    error FederationRegistryMetadataURITooLong(uint256 length, uint256 maxLength);
    /// @notice An affiliation needs one bioregion and one guild; `a` and `b` are of kinds `kindA`, `kindB`.
    error FederationRegistryKindsCannotAffiliate(address a, CommunityKind kindA, address b, CommunityKind kindB);
    /// @notice `proposer` already proposed an affiliation with `counterpart`; the other side must accept.
    error FederationRegistryAlreadyProposed(address proposer, address counterpart);
    /// @notice `a` and `b` are already affiliated.
    error FederationRegistryAlreadyAffiliated(address a, address b);
    /// @notice There is no affiliation or proposal between `a` and `b` to end.
    error FederationRegistryNotAffiliated(address a, address b);

    /// @notice The founding act named `community` as one of the federation's first communities.
    event CommunityFounded(address indexed community, address indexed founder);
    /// @notice The governance of the recognised `voucher` vouched for `community`, which is
    /// recognised from now on, `depth` vouches away from a founding community.
    event CommunityVouched(address indexed community, address indexed voucher, uint256 depth);
    /// @notice `by` (the voucher, or the community itself) withdrew the vouch `voucher` gave
    /// `community` (the zero address for a founding community's founding status): `community`, and
    /// every community whose chain of vouches runs through it, are no longer recognised.
    event RecognitionWithdrawn(address indexed community, address indexed voucher, address indexed by);

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

    /// @notice The founding act: names the federation's first communities, which are recognised from
    /// now on. Callable once, only by the founder named at deployment, who has no power afterwards.
    /// @param communities Registered communities (their governance addresses).
    function found(address[] calldata communities) external;

    /// @notice Vouches for `community`, which is recognised from now on. Only the governance of a
    /// recognised community, fewer than `MAX_DEPTH` vouches away from a founding community; the
    /// vouched community must be registered and not recognised already. Recognises `community`
    /// alone: vouches it gave before it lost a former recognition do not count again.
    function vouch(address community) external;

    /// @notice Withdraws recognition of `community`: by the governance that vouched for it, or by
    /// the community's own governance (which also gives up a founding status). The communities it
    /// vouched for, and theirs in turn, stop being recognised with it, for good: a later vouch for
    /// `community` recognises it alone, and each community below needs a new vouch of its own.
    function withdrawRecognition(address community) external;

    /// @notice Lists the factory's community `id`; anyone may call. Its governance is its timelock.
    /// Listing does not make it part of the federation: see `isRecognised`. Its factory name must fit
    /// `MAX_NAME_LENGTH` bytes (`FederationRegistryNameTooLong`).
    /// @return community The governance address the community is known by.
    function register(uint256 id) external returns (address community);

    /// @notice Lists the calling governance (a timelock of a community not made by the factory).
    /// Listing does not make it part of the federation: see `isRecognised`.
    /// @param kind Bioregion or guild.
    /// @param governor The community's governor.
    /// @param token The community's contribution token.
    /// @param membership The community's membership list (zero if none).
    /// @param profile The community's identity record (zero if none).
    /// @param name The community's name (1 to `MAX_NAME_LENGTH` bytes).
    /// @param metadataURI The community's metadata (at most `MAX_METADATA_URI_LENGTH` bytes).
    function registerSelf(
        CommunityKind kind,
        address governor,
        address token,
        address membership,
        address profile,
        string calldata name,
        string calldata metadataURI
    ) external;

    /// @notice Changes the calling community's name (1 to `MAX_NAME_LENGTH` bytes) and metadata URI (at
    /// most `MAX_METADATA_URI_LENGTH` bytes). Only its governance.
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

    /// @notice Whether `community` counts as part of the federation: named by the founding act, or
    /// vouched for by a community that is itself recognised (walking at most `MAX_DEPTH` vouches).
    function isRecognised(address community) external view returns (bool);

    /// @notice Whether `community` is recognised, and how many vouches away from a founding
    /// community (0 for a founding community; meaningless when not recognised).
    function recognition(address community) external view returns (bool recognised, uint256 depth);

    /// @notice The community whose governance vouched for `community` (zero when none did, or its
    /// recognition was withdrawn). The vouch may no longer count: see `isRecognised`.
    function voucherOf(address community) external view returns (address);

    /// @notice Whether the founding act named `community` (and it has not given that up).
    function isFounding(address community) external view returns (bool);

    /// @notice The account named at deployment to perform the founding act.
    function founder() external view returns (address);

    /// @notice Whether the founding act was performed.
    function founded() external view returns (bool);

    /// @notice The most vouches a recognised community may be away from a founding community.
    function maxDepth() external pure returns (uint256);

    /// @notice The kind of `community` (None when not registered).
    function kindOf(address community) external view returns (CommunityKind);

    /// @notice Everything listed about `community`. Copies its name and metadata URI (bounded by
    /// `MAX_NAME_LENGTH` and `MAX_METADATA_URI_LENGTH`); membership checks use `membershipOf`.
    function getCommunity(address community) external view returns (Community memory);

    /// @notice The membership list of `community` (zero when it has none or is not registered): one
    /// storage read, whatever its name and metadata, for membership checks under a gas cap.
    function membershipOf(address community) external view returns (address);

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
