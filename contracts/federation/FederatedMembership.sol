// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {IFederatedMembership} from "../interfaces/IFederatedMembership.sol";
import {IFederationRegistry} from "../interfaces/IFederationRegistry.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {MembershipCheck} from "../libraries/MembershipCheck.sol";

/// @title FederatedMembership
/// @notice Membership of the federation as a whole: an account is a federated member while it is a
/// member of at least one recognised community of the federation that it listed. Funding rounds use
/// it for donor eligibility and the licence registry for commons exemptions, through
/// `IMembership.isMember`.
/// @dev Bounds: each account lists at most `MAX_COMMUNITIES` (4) communities, and only the account
/// lists them (itself or by its EIP-712 signature), so nobody can fill another account's listings.
/// `isMember` makes at most 8 external calls whatever the size of the federation: the registry's
/// `isRecognised` (trusted, deployed with this contract) and the community's `isMember`, which is
/// not trusted: it runs as a `staticcall` capped at `MEMBERSHIP_GAS`, and a revert, an out-of-gas
/// or a malformed answer counts as "not a member" (`MembershipCheck`). A call with too little gas
/// left for a full check reverts instead of reading "no", so a pruner cannot starve a check to
/// remove a listing that holds. Nothing is trusted from the list itself: every answer is checked
/// live, so a member removed from a community, or a community no longer recognised, stops counting
/// at once, before anyone prunes the list. A community's membership contract is read with the
/// registry's one-slot `membershipOf`, never by copying its record, so no community's name or
/// metadata can make the check of another listing run out of gas.
contract FederatedMembership is IFederatedMembership, EIP712, Nonces {
    /// @notice The most communities one account may list (the bound on the cost of `isMember`).
    uint256 public constant MAX_COMMUNITIES = 4;
    /// @notice The most gas one community's membership check may use (a mapping read behind a proxy
    /// costs under 10,000).
    uint256 public constant MEMBERSHIP_GAS = 30_000;
    /// @notice EIP-712 type of a signed listing.
    bytes32 public constant JOIN_TYPEHASH = keccak256(
        "Join(address account,address community,uint256 nonce,uint256 deadline)"
    );

    /// @dev A listed community and its membership list (copied from the registry at listing; a
    /// community's membership contract never changes).
    struct Listing {
        address community;
        address membership;
    }

    IFederationRegistry private immutable _registry;

    mapping(address account => Listing[]) private _listings;

    /// @param registry_ The federation registry.
    constructor(IFederationRegistry registry_) EIP712("FederatedMembership", "1") {
        _registry = registry_;
    }

    /// @inheritdoc IFederatedMembership
    function join(address community) external {
        _list(msg.sender, community);
    }

    /// @inheritdoc IFederatedMembership
    function joinWithSignature(
        address account,
        address community,
        uint256 deadline,
        bytes calldata signature
    ) external {
        if (block.timestamp > deadline) revert FederatedMembershipExpiredSignature(deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(JOIN_TYPEHASH, account, community, _useNonce(account), deadline))
        );
        if (!SignatureChecker.isValidSignatureNowCalldata(account, digest, signature)) {
            revert FederatedMembershipInvalidSignature(account);
        }
        _list(account, community);
    }

    /// @inheritdoc IFederatedMembership
    function leave(address community) external {
        _unlist(msg.sender, community);
    }

    /// @inheritdoc IFederatedMembership
    function prune(address account, address community) external {
        (bool listed, uint256 index) = _find(account, community);
        if (listed && _holds(account, _listings[account][index])) {
            revert FederatedMembershipStillValid(account, community);
        }
        _unlist(account, community);
    }

    /// @inheritdoc IMembership
    function isMember(address account) external view returns (bool) {
        Listing[] storage listings = _listings[account];
        uint256 count = listings.length;
        for (uint256 i = 0; i < count; ++i) {
            if (_holds(account, listings[i])) return true;
        }
        return false;
    }

    /// @inheritdoc IFederatedMembership
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IFederatedMembership
    function listedCommunitiesOf(address account) external view returns (address[] memory communities) {
        Listing[] storage listings = _listings[account];
        communities = new address[](listings.length);
        for (uint256 i = 0; i < communities.length; ++i) communities[i] = listings[i].community;
    }

    /// @inheritdoc IFederatedMembership
    function memberCommunitiesOf(address account) external view returns (address[] memory communities) {
        Listing[] storage listings = _listings[account];
        communities = new address[](listings.length);
        uint256 found;
        for (uint256 i = 0; i < listings.length; ++i) {
            if (_holds(account, listings[i])) communities[found++] = listings[i].community;
        }
        // Shrink the array to the communities found: `found` <= its allocated length.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            mstore(communities, found)
        }
    }

    /// @inheritdoc IFederatedMembership
    function isMemberOf(address account, address community) external view returns (bool) {
        if (!_registry.isRecognised(community)) return false;
        address membership = _registry.membershipOf(community);
        return membership != address(0) && MembershipCheck.isMember(membership, account, MEMBERSHIP_GAS);
    }

    /// @inheritdoc IFederatedMembership
    function nonces(address owner) public view override(IFederatedMembership, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @dev Lists `community` for `account` after checking that it is recognised and `account` its member.
    function _list(address account, address community) private {
        if (!_registry.isRecognised(community)) revert FederatedMembershipNotRecognised(community);
        address membership = _registry.membershipOf(community);
        if (membership == address(0) || !MembershipCheck.isMember(membership, account, MEMBERSHIP_GAS)) {
            revert FederatedMembershipNotMember(account, community);
        }
        (bool listed, ) = _find(account, community);
        if (listed) revert FederatedMembershipAlreadyListed(account, community);
        Listing[] storage listings = _listings[account];
        if (listings.length == MAX_COMMUNITIES) revert FederatedMembershipTooManyCommunities(account, MAX_COMMUNITIES);
        listings.push(Listing({community: community, membership: membership}));
        emit FederatedMembershipListed(account, community, membership, msg.sender);
    }

    function _unlist(address account, address community) private {
        (bool listed, uint256 index) = _find(account, community);
        if (!listed) revert FederatedMembershipNotListed(account, community);
        Listing[] storage listings = _listings[account];
        listings[index] = listings[listings.length - 1];
        listings.pop();
        emit FederatedMembershipUnlisted(account, community, msg.sender);
    }

    function _find(address account, address community) private view returns (bool listed, uint256 index) {
        Listing[] storage listings = _listings[account];
        for (uint256 i = 0; i < listings.length; ++i) {
            if (listings[i].community == community) return (true, i);
        }
        return (false, 0);
    }

    /// @dev Whether the listing holds now: the community is recognised and `account` is its member
    /// (a capped check: a failing membership contract means "no").
    function _holds(address account, Listing storage listing) private view returns (bool) {
        return
            _registry.isRecognised(listing.community) &&
            MembershipCheck.isMember(listing.membership, account, MEMBERSHIP_GAS);
    }
}
