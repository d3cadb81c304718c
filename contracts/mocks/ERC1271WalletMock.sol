// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title ERC1271WalletMock
/// @notice Test double of a smart-contract wallet (a multisig, a DAO's Safe): a signature is valid
/// when it is its owner's ECDSA signature of the hash.
contract ERC1271WalletMock is IERC1271 {
    address private immutable _owner;

    constructor(address owner_) {
        _owner = owner_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, , ) = ECDSA.tryRecoverCalldata(hash, signature);
        return recovered == _owner ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}
