// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title ICommunityProfile
/// @notice Who a community is: its name, what binds its members (a place for a bioregion, a craft
/// for a guild) and its charter. Changed only by the community's governance (its timelock).
interface ICommunityProfile {
    /// @notice What binds the members: a place (bioregion) or a shared domain of practice (guild).
    enum CommunityKind {
        Bioregion,
        Guild
    }

    /// @notice A community's identity as recorded at creation.
    /// @param kind Bioregion or guild.
    /// @param name The community's name, for example "Cascadia Watershed Commons".
    /// @param areaURI Bioregion only: URI of its boundary (for example GeoJSON on IPFS); empty for a guild.
    /// @param areaHash Bioregion only: content hash of the boundary document; zero for a guild.
    /// @param domain Guild only: its domain of practice, for example "natural building"; empty for a bioregion.
    /// @param charterURI URI of the charter members accept.
    /// @param charterHash Content hash of the charter.
    struct Identity {
        CommunityKind kind;
        string name;
        string areaURI;
        bytes32 areaHash;
        string domain;
        string charterURI;
        bytes32 charterHash;
    }

    /// @notice Only the community's governance (its timelock) may change the profile; `caller` is not it.
    error CommunityProfileUnauthorized(address caller);
    /// @notice The zero address was given as governance.
    error CommunityProfileInvalidGovernance();
    /// @notice A community needs a name.
    error CommunityProfileEmptyName();
    /// @notice A bioregion needs an area (a boundary URI).
    error CommunityProfileMissingArea();
    /// @notice A guild needs a domain of practice.
    error CommunityProfileMissingDomain();
    /// @notice A field was given, or changed, that a community of `kind` does not have (an area for a
    /// guild, a domain for a bioregion).
    error CommunityProfileFieldNotForKind(CommunityKind kind);

    /// @notice The profile was set up at creation.
    event ProfileInitialized(address indexed governance, Identity identity);
    /// @notice Governance renamed the community.
    event NameChanged(string name);
    /// @notice Governance changed a bioregion's area.
    event AreaChanged(string areaURI, bytes32 areaHash);
    /// @notice Governance changed a guild's domain of practice.
    event DomainChanged(string domain);
    /// @notice Governance changed the charter.
    event CharterChanged(string charterURI, bytes32 charterHash);

    /// @notice Sets up the profile of a new community (called once, by the factory).
    /// @param governance The community's timelock, the only account that can change the profile.
    /// @param identity The community's identity; a bioregion needs an area, a guild a domain.
    function initialize(address governance, Identity calldata identity) external;

    /// @notice Renames the community. Only governance.
    function setName(string calldata name) external;

    /// @notice Changes a bioregion's area (boundary URI and content hash). Only governance; bioregions only.
    function setArea(string calldata areaURI, bytes32 areaHash) external;

    /// @notice Changes a guild's domain of practice. Only governance; guilds only.
    function setDomain(string calldata domain) external;

    /// @notice Changes the charter (URI and content hash). Only governance.
    function setCharter(string calldata charterURI, bytes32 charterHash) external;

    /// @notice The community's identity as it stands now.
    function identity() external view returns (Identity memory);

    /// @notice Whether the community is a bioregion or a guild.
    function kind() external view returns (CommunityKind);

    /// @notice The community's name.
    function name() external view returns (string memory);

    /// @notice The account that may change the profile: the community's timelock.
    function governance() external view returns (address);
}
