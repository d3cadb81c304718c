// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title ReferenceMerkleDistributor
/// @notice Benchmark reference only: a plain Merkle distributor as the widely used ones are written
/// (Uniswap's MerkleDistributor): a bitmap against double claims and an ERC-20 transfer on claim.
/// Leaves are StandardMerkleTree leaves (the OpenZeppelin merkle-tree library) of
/// (uint256 index, address account, uint256 amount). Not part of the suite.
contract ReferenceMerkleDistributor {
    using SafeERC20 for IERC20;

    /// @notice The claim at `index` was already made.
    error ReferenceAlreadyClaimed(uint256 index);
    /// @notice The proof does not lead to the root.
    error ReferenceInvalidProof();

    /// @notice `account` claimed `amount` with the leaf at `index`.
    event Claimed(uint256 index, address account, uint256 amount);

    IERC20 public immutable token;
    bytes32 public immutable merkleRoot;
    mapping(uint256 wordIndex => uint256 bits) private _claimedBitMap;

    constructor(IERC20 token_, bytes32 merkleRoot_) {
        token = token_;
        merkleRoot = merkleRoot_;
    }

    /// @notice Whether the leaf at `index` was claimed.
    function isClaimed(uint256 index) public view returns (bool) {
        return _claimedBitMap[index / 256] & (1 << (index % 256)) != 0;
    }

    /// @notice Claims `amount` for `account` with the leaf at `index`.
    function claim(uint256 index, address account, uint256 amount, bytes32[] calldata merkleProof) external {
        if (isClaimed(index)) revert ReferenceAlreadyClaimed(index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
        if (!MerkleProof.verifyCalldata(merkleProof, merkleRoot, leaf)) revert ReferenceInvalidProof();
        _claimedBitMap[index / 256] |= 1 << (index % 256);
        token.safeTransfer(account, amount);
        emit Claimed(index, account, amount);
    }
}
