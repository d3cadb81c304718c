// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {IDonorEligibility} from "../../interfaces/IDonorEligibility.sol";

/// @title MerkleAllowlistEligibility
/// @notice Donors are the addresses of an allowlist published as a Merkle root, in the format of
/// OpenZeppelin's merkle-tree library (`StandardMerkleTree.of([[address], ...], ["address"])`).
/// @dev `config` is the root; `proof` is `abi.encode(bytes32[] proof)`.
contract MerkleAllowlistEligibility is IDonorEligibility {
    /// @inheritdoc IDonorEligibility
    function isEligible(address donor, bytes32 config, bytes calldata proof) external pure returns (bool) {
        if (proof.length == 0) return false;
        bytes32[] memory path = abi.decode(proof, (bytes32[]));
        // Standard tree leaf: keccak256(bytes.concat(keccak256(abi.encode(donor)))).
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(donor))));
        return MerkleProof.verify(path, config, leaf);
    }
}
