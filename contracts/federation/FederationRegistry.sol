// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import {IFederationRegistry} from "../interfaces/IFederationRegistry.sol";
import {ICommunityFactory} from "../interfaces/ICommunityFactory.sol";
import {ICommunityProfile} from "../interfaces/ICommunityProfile.sol";

/// @title FederationRegistry
/// @notice The cosmo-local federation: which bioregions and guilds take part, and which of them are
/// affiliated. A bioregion's people take part in the guilds of their crafts and a guild recognises
/// the places its practice is rooted in; each side decides by its own governance, either may
/// propose first, the other accepts, and either may end it.
/// @dev One registry is shared by every community. Communities are keyed by their governance
/// address (the timelock), which is the `msg.sender` of every decision they take. Communities made
/// by the suite's factory are listed from the factory's own record by anyone; others list
/// themselves through their governance. Listing is not recognition: anyone can make a community,
/// so a community counts as part of the federation (`isRecognised`) only when the founding act
/// named it or the governance of a recognised community vouched for it. Each recognised community
/// holds one vouch (from its voucher), so recognition forms a forest rooted at the founding
/// communities: `isRecognised` walks up at most `MAX_DEPTH` vouches, withdrawing a vouch cuts off
/// everything below it at once, and no cycle can form (a vouch is only for a community that is not
/// recognised, whose chain therefore cannot lead back to the voucher). A cut-off subtree stays cut
/// off: each community has a generation, increased when its recognition is withdrawn and each time
/// it is vouched for (so also when it is vouched for again after losing its recognition through a
/// community above it), and a vouch counts only while its voucher is still in the generation it was
/// in when it vouched. Vouching for a community again therefore recognises that community alone;
/// the communities below it need new vouches. Names and metadata URIs are bounded
/// (`MAX_NAME_LENGTH`, `MAX_METADATA_URI_LENGTH`), and membership checks read only the
/// `membershipOf` slot, never the whole record.
contract FederationRegistry is IFederationRegistry {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice The most vouches a recognised community may be away from a founding community; bounds
    /// the walk of `isRecognised` to `MAX_DEPTH + 1` storage reads.
    uint256 public constant MAX_DEPTH = 8;
    /// @notice The longest name a community may have here, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 128;
    /// @notice The longest metadata URI a community may publish here, in bytes.
    uint256 public constant MAX_METADATA_URI_LENGTH = 512;

    /// @dev How a community came to be recognised: named by the founding act, or vouched for by
    /// `voucher` (zero when neither) while the voucher was in its generation `voucherGeneration`.
    /// `generation` is the community's own, increased when its recognition is withdrawn and each
    /// time it is vouched for: the vouches it gave before then stop counting. One storage slot; 2^32
    /// generations take as many governance decisions, so the checked increment never reverts in practice.
    struct Recognition {
        address voucher;
        bool founding;
        uint32 voucherGeneration;
        uint32 generation;
    }

    ICommunityFactory private immutable _factory;
    address private immutable _founder;

    bool private _founded;
    mapping(address community => Recognition) private _recognition;

    mapping(address community => Community) private _communities;
    address[] private _communityList;
    mapping(uint256 factoryId => address community) private _byFactoryId;
    mapping(bytes32 pair => Affiliation) private _affiliations;
    mapping(bytes32 pair => mapping(uint64 epoch => uint64 endedAt)) private _endedAt;
    mapping(address community => EnumerableSet.AddressSet) private _links;

    /// @param factory_ The suite's community factory, whose communities anyone may list.
    /// @param founder_ The account that performs the founding act (`found`), once.
    constructor(ICommunityFactory factory_, address founder_) {
        if (address(factory_) == address(0) || founder_ == address(0)) revert FederationRegistryZeroAddress();
        _factory = factory_;
        _founder = founder_;
    }

    /// @inheritdoc IFederationRegistry
    function found(address[] calldata communities) external {
        if (msg.sender != _founder) revert FederationRegistryNotFounder(msg.sender);
        if (_founded) revert FederationRegistryAlreadyFounded();
        if (communities.length == 0) revert FederationRegistryNothingToFound();
        _founded = true;
        for (uint256 i = 0; i < communities.length; ++i) {
            address community = communities[i];
            _requireRegistered(community);
            Recognition storage r = _recognition[community];
            if (r.founding) revert FederationRegistryAlreadyRecognised(community);
            r.founding = true;
            emit CommunityFounded(community, msg.sender);
        }
    }

    /// @inheritdoc IFederationRegistry
    function vouch(address community) external {
        (bool voucherRecognised, uint256 depth) = _recognitionOf(msg.sender);
        if (!voucherRecognised) revert FederationRegistryVoucherNotRecognised(msg.sender);
        if (depth >= MAX_DEPTH) revert FederationRegistryTooDeep(msg.sender, MAX_DEPTH);
        _requireRegistered(community);
        (bool recognised, ) = _recognitionOf(community);
        if (recognised) revert FederationRegistryAlreadyRecognised(community);
        Recognition storage r = _recognition[community];
        r.voucher = msg.sender;
        r.voucherGeneration = _recognition[msg.sender].generation;
        // A new generation: vouches `community` gave while it was recognised before do not come back.
        ++r.generation;
        emit CommunityVouched(community, msg.sender, depth + 1);
    }

    /// @inheritdoc IFederationRegistry
    function withdrawRecognition(address community) external {
        Recognition storage r = _recognition[community];
        address voucher = r.voucher;
        if (msg.sender != voucher && msg.sender != community) {
            revert FederationRegistryNotVoucher(msg.sender, community);
        }
        if (voucher == address(0) && !r.founding) revert FederationRegistryNotVouched(community);
        // Keeps only the generation, increased: the vouches `community` gave stop counting for good.
        _recognition[community] = Recognition({
            voucher: address(0),
            founding: false,
            voucherGeneration: 0,
            generation: r.generation + 1
        });
        emit RecognitionWithdrawn(community, voucher, msg.sender);
    }

    /// @inheritdoc IFederationRegistry
    function register(uint256 id) external returns (address community) {
        ICommunityFactory.Community memory c = _factory.getCommunity(id);
        CommunityKind kind =
            c.kind == ICommunityProfile.CommunityKind.Bioregion ? CommunityKind.Bioregion : CommunityKind.Guild;
        _register(c.timelock, kind, true, id, c.governor, c.token, c.membership, c.profile, c.name, "");
        _byFactoryId[id] = c.timelock;
        return c.timelock;
    }

    /// @inheritdoc IFederationRegistry
    function registerSelf(
        CommunityKind kind,
        address governor,
        address token,
        address membership,
        address profile,
        string calldata name,
        string calldata metadataURI
    ) external {
        uint256 id = _factory.communityIdOf(msg.sender);
        if (id != 0) revert FederationRegistryUseFactoryRecord(msg.sender, id);
        _register(msg.sender, kind, false, 0, governor, token, membership, profile, name, metadataURI);
    }

    /// @inheritdoc IFederationRegistry
    function updateMetadata(string calldata name, string calldata metadataURI) external {
        Community storage c = _requireRegistered(msg.sender);
        _checkText(name, metadataURI);
        c.name = name;
        c.metadataURI = metadataURI;
        emit CommunityMetadataUpdated(msg.sender, name, metadataURI);
    }

    /// @inheritdoc IFederationRegistry
    function affiliate(address counterpart) external returns (AffiliationStatus) {
        (address bioregion, address guild, bytes32 key) = _pairWith(counterpart);
        Affiliation storage a = _affiliations[key];
        AffiliationStatus status = a.status;
        if (status == AffiliationStatus.Active) revert FederationRegistryAlreadyAffiliated(bioregion, guild);
        AffiliationStatus mine =
            msg.sender == bioregion ? AffiliationStatus.ProposedByBioregion : AffiliationStatus.ProposedByGuild;
        if (status == mine) revert FederationRegistryAlreadyProposed(msg.sender, counterpart);
        uint64 now_ = uint64(block.timestamp);
        a.since = now_;
        if (status == AffiliationStatus.None) {
            a.status = mine;
            _links[bioregion].add(guild);
            _links[guild].add(bioregion);
            emit AffiliationProposed(bioregion, guild, msg.sender);
            return mine;
        }
        // The other side proposed: this call is the acceptance.
        a.status = AffiliationStatus.Active;
        // Cannot overflow: one increment per governance decision on each side.
        unchecked {
            a.epoch += 1;
        }
        emit AffiliationFormed(bioregion, guild, a.epoch, now_);
        return AffiliationStatus.Active;
    }

    /// @inheritdoc IFederationRegistry
    function leave(address counterpart) external {
        (address bioregion, address guild, bytes32 key) = _pairWith(counterpart);
        Affiliation storage a = _affiliations[key];
        AffiliationStatus status = a.status;
        if (status == AffiliationStatus.None) revert FederationRegistryNotAffiliated(msg.sender, counterpart);
        uint64 now_ = uint64(block.timestamp);
        a.status = AffiliationStatus.None;
        a.since = now_;
        _links[bioregion].remove(guild);
        _links[guild].remove(bioregion);
        if (status == AffiliationStatus.Active) {
            _endedAt[key][a.epoch] = now_;
            emit AffiliationEnded(bioregion, guild, msg.sender, a.epoch, now_);
        } else {
            emit AffiliationProposalWithdrawn(bioregion, guild, msg.sender);
        }
    }

    /// @inheritdoc IFederationRegistry
    function factory() external view returns (address) {
        return address(_factory);
    }

    /// @inheritdoc IFederationRegistry
    function isRegistered(address community) public view returns (bool) {
        return _communities[community].kind != CommunityKind.None;
    }

    /// @inheritdoc IFederationRegistry
    function isRecognised(address community) external view returns (bool recognised) {
        (recognised, ) = _recognitionOf(community);
    }

    /// @inheritdoc IFederationRegistry
    function recognition(address community) external view returns (bool recognised, uint256 depth) {
        return _recognitionOf(community);
    }

    /// @inheritdoc IFederationRegistry
    function voucherOf(address community) external view returns (address) {
        return _recognition[community].voucher;
    }

    /// @inheritdoc IFederationRegistry
    function isFounding(address community) external view returns (bool) {
        return _recognition[community].founding;
    }

    /// @inheritdoc IFederationRegistry
    function founder() external view returns (address) {
        return _founder;
    }

    /// @inheritdoc IFederationRegistry
    function founded() external view returns (bool) {
        return _founded;
    }

    /// @inheritdoc IFederationRegistry
    function maxDepth() external pure returns (uint256) {
        return MAX_DEPTH;
    }

    /// @inheritdoc IFederationRegistry
    function kindOf(address community) external view returns (CommunityKind) {
        return _communities[community].kind;
    }

    /// @inheritdoc IFederationRegistry
    function getCommunity(address community) external view returns (Community memory) {
        return _communities[community];
    }

    /// @inheritdoc IFederationRegistry
    function membershipOf(address community) external view returns (address) {
        return _communities[community].membership;
    }

    /// @inheritdoc IFederationRegistry
    function communityOfFactoryId(uint256 id) external view returns (address) {
        return _byFactoryId[id];
    }

    /// @inheritdoc IFederationRegistry
    function communityCount() external view returns (uint256) {
        return _communityList.length;
    }

    /// @inheritdoc IFederationRegistry
    function communityAt(uint256 index) external view returns (address) {
        return _communityList[index];
    }

    /// @inheritdoc IFederationRegistry
    function getAffiliation(address a, address b) external view returns (Affiliation memory) {
        (bool valid, bytes32 key) = _tryPairKey(a, b);
        Affiliation memory none;
        return valid ? _affiliations[key] : none;
    }

    /// @inheritdoc IFederationRegistry
    function isAffiliated(address a, address b) external view returns (bool) {
        (bool valid, bytes32 key) = _tryPairKey(a, b);
        return valid && _affiliations[key].status == AffiliationStatus.Active;
    }

    /// @inheritdoc IFederationRegistry
    function affiliationEnd(address a, address b, uint64 epoch) external view returns (uint64) {
        (bool valid, bytes32 key) = _tryPairKey(a, b);
        if (!valid) return 0;
        Affiliation storage aff = _affiliations[key];
        if (epoch == aff.epoch && aff.status == AffiliationStatus.Active) return type(uint64).max;
        return _endedAt[key][epoch];
    }

    /// @inheritdoc IFederationRegistry
    function affiliationsOf(
        address community
    ) external view returns (address[] memory counterparts, AffiliationStatus[] memory statuses) {
        counterparts = _links[community].values();
        statuses = new AffiliationStatus[](counterparts.length);
        for (uint256 i = 0; i < counterparts.length; ++i) {
            (, bytes32 key) = _tryPairKey(community, counterparts[i]);
            statuses[i] = _affiliations[key].status;
        }
    }

    function _register(
        address community,
        CommunityKind kind,
        bool fromFactory,
        uint256 factoryId,
        address governor,
        address token,
        address membership,
        address profile,
        string memory name,
        string memory metadataURI
    ) private {
        if (kind == CommunityKind.None) revert FederationRegistryInvalidKind(uint8(kind));
        if (governor == address(0) || token == address(0)) revert FederationRegistryZeroAddress();
        _checkText(name, metadataURI);
        if (isRegistered(community)) revert FederationRegistryAlreadyRegistered(community);
        _communities[community] = Community({
            kind: kind,
            fromFactory: fromFactory,
            registeredAt: uint64(block.timestamp),
            factoryId: factoryId,
            governor: governor,
            token: token,
            membership: membership,
            profile: profile,
            name: name,
            metadataURI: metadataURI
        });
        _communityList.push(community);
        emit CommunityRegistered(
            community,
            kind,
            fromFactory,
            factoryId,
            governor,
            token,
            membership,
            profile,
            name,
            metadataURI
        );
    }

    /// @dev Walks up the vouches from `community` to a founding community, at most `MAX_DEPTH` of
    /// them: recognised when it gets there, with the number of vouches walked. A community whose
    /// voucher is no longer recognised is not recognised either, nor one whose vouch was given in an
    /// earlier generation of its voucher (so a voucher vouched for again further away brings none of
    /// the communities below it along). One storage read per step, as without generations: the
    /// voucher's record read for the check is the next step's.
    function _recognitionOf(address community) private view returns (bool recognised, uint256 depth) {
        Recognition memory r = _recognition[community];
        // Bounded at `MAX_DEPTH` steps. Since vouches carry generations, no chain of counting vouches
        // is longer than that (a community taken in again further away cuts off those below it), so
        // the bound is a second line of defence, not a case of its own.
        for (depth = 0; ; ++depth) {
            if (r.founding) return (true, depth);
            if (r.voucher == address(0) || depth == MAX_DEPTH) return (false, 0);
            Recognition memory up = _recognition[r.voucher];
            if (up.generation != r.voucherGeneration) return (false, 0);
            r = up;
        }
    }

    /// @dev Reverts unless `name` is not empty and both fit their bounds.
    function _checkText(string memory name, string memory metadataURI) private pure {
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0) revert FederationRegistryEmptyName();
        if (nameLength > MAX_NAME_LENGTH) revert FederationRegistryNameTooLong(nameLength, MAX_NAME_LENGTH);
        uint256 uriLength = bytes(metadataURI).length;
        if (uriLength > MAX_METADATA_URI_LENGTH) {
            revert FederationRegistryMetadataURITooLong(uriLength, MAX_METADATA_URI_LENGTH);
        }
    }

    function _requireRegistered(address community) private view returns (Community storage c) {
        c = _communities[community];
        if (c.kind == CommunityKind.None) revert FederationRegistryUnknownCommunity(community);
    }

    /// @dev The calling community and `counterpart` as (bioregion, guild) and their pair's key;
    /// reverts unless both are registered and of different kinds.
    function _pairWith(address counterpart) private view returns (address bioregion, address guild, bytes32 key) {
        _requireRegistered(msg.sender);
        _requireRegistered(counterpart);
        bool valid;
        (valid, bioregion, guild) = _tryOrder(msg.sender, counterpart);
        if (!valid) {
            revert FederationRegistryKindsCannotAffiliate(
                msg.sender,
                _communities[msg.sender].kind,
                counterpart,
                _communities[counterpart].kind
            );
        }
        key = _pairKey(bioregion, guild);
    }

    function _tryOrder(address a, address b) private view returns (bool valid, address bioregion, address guild) {
        CommunityKind kindA = _communities[a].kind;
        CommunityKind kindB = _communities[b].kind;
        if (kindA == CommunityKind.Bioregion && kindB == CommunityKind.Guild) return (true, a, b);
        if (kindA == CommunityKind.Guild && kindB == CommunityKind.Bioregion) return (true, b, a);
        return (false, address(0), address(0));
    }

    function _tryPairKey(address a, address b) private view returns (bool valid, bytes32 key) {
        (bool ok, address bioregion, address guild) = _tryOrder(a, b);
        return ok ? (true, _pairKey(bioregion, guild)) : (false, bytes32(0));
    }

    function _pairKey(address bioregion, address guild) private pure returns (bytes32) {
        return keccak256(abi.encode(bioregion, guild));
    }
}
