// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";

import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {IEpochAllocations} from "../interfaces/IEpochAllocations.sol";

/// @title EpochAllocations
/// @notice Contribution tokens the community allocates per epoch (for example after a peer
/// allocation round): governance publishes the Merkle root of the epoch's list, and each
/// contributor (or anyone on their behalf) claims their line with a proof. Nothing is minted
/// until it is claimed, so an unclaimed allocation never needs sweeping.
/// @dev Leaves are those of the StandardMerkleTree of OpenZeppelin's merkle-tree library with the encoding
/// `["uint256", "address", "uint256"]` = (index, account, amount), hashed twice:
/// `keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))))`. The index selects a bit
/// in a per-epoch bitmap, so 256 claims share one storage word.
/// Deployed once as an implementation and used through minimal clones made by the community factory.
contract EpochAllocations is IEpochAllocations, Initializable {
    using BitMaps for BitMaps.BitMap;

    IContributionToken private _token;
    address private _governance;
    Epoch[] private _epochs;
    mapping(uint256 epoch => BitMaps.BitMap) private _claimed;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IEpochAllocations
    function initialize(IContributionToken token_, address governance_) external initializer {
        if (address(token_) == address(0) || governance_ == address(0)) revert EpochAllocationsInvalidAccount();
        _token = token_;
        _governance = governance_;
    }

    /// @inheritdoc IEpochAllocations
    function publishEpoch(bytes32 root, string calldata uri, uint64 claimDeadline) external returns (uint256 epoch) {
        if (msg.sender != _governance) revert EpochAllocationsUnauthorized(msg.sender);
        if (root == bytes32(0)) revert EpochAllocationsInvalidRoot();
        if (claimDeadline != 0 && claimDeadline <= block.timestamp) {
            revert EpochAllocationsInvalidDeadline(claimDeadline, block.timestamp);
        }
        epoch = _epochs.length;
        _epochs.push(Epoch({root: root, claimDeadline: claimDeadline}));
        emit EpochPublished(epoch, root, uri, claimDeadline);
    }

    /// @inheritdoc IEpochAllocations
    function claim(uint256 epoch, uint256 index, address account, uint256 amount, bytes32[] calldata proof) external {
        if (epoch >= _epochs.length) revert EpochAllocationsUnknownEpoch(epoch, _epochs.length);
        Epoch memory e = _epochs[epoch];
        if (e.claimDeadline != 0 && block.timestamp > e.claimDeadline) {
            revert EpochAllocationsClaimClosed(epoch, e.claimDeadline);
        }
        BitMaps.BitMap storage claimed = _claimed[epoch];
        if (claimed.get(index)) revert EpochAllocationsAlreadyClaimed(epoch, index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
        if (!MerkleProof.verifyCalldata(proof, e.root, leaf)) {
            revert EpochAllocationsInvalidProof(epoch, index, account, amount);
        }
        claimed.set(index);
        emit AllocationClaimed(epoch, index, account, amount, msg.sender);
        _token.mint(account, amount);
    }

    /// @inheritdoc IEpochAllocations
    function isClaimed(uint256 epoch, uint256 index) external view returns (bool) {
        return _claimed[epoch].get(index);
    }

    /// @inheritdoc IEpochAllocations
    function getEpoch(uint256 epoch) external view returns (Epoch memory) {
        if (epoch >= _epochs.length) revert EpochAllocationsUnknownEpoch(epoch, _epochs.length);
        return _epochs[epoch];
    }

    /// @inheritdoc IEpochAllocations
    function epochCount() external view returns (uint256) {
        return _epochs.length;
    }

    /// @inheritdoc IEpochAllocations
    function token() external view returns (IContributionToken) {
        return _token;
    }

    /// @inheritdoc IEpochAllocations
    function governance() external view returns (address) {
        return _governance;
    }
}
