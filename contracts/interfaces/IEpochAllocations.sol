// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IContributionToken} from "./IContributionToken.sol";

/// @title IEpochAllocations
/// @notice Contribution tokens allocated per epoch (for example by a peer allocation round),
/// published by governance as the Merkle root of a StandardMerkleTree (OpenZeppelin's merkle-tree library)
/// with leaves `["uint256", "address", "uint256"]` = (index, account, amount), and claimed with a proof.
interface IEpochAllocations {
    /// @notice A published epoch: its root and the time after which claims close (0: never).
    struct Epoch {
        bytes32 root;
        uint64 claimDeadline;
    }

    /// @notice Only the community's governance (its timelock) may do this; `caller` is not it.
    error EpochAllocationsUnauthorized(address caller);
    /// @notice The zero address was given where an account is required.
    error EpochAllocationsInvalidAccount();
    /// @notice A root of zero cannot be published.
    error EpochAllocationsInvalidRoot();
    /// @notice The claim deadline `deadline` is not after the current time `nowTime`.
    error EpochAllocationsInvalidDeadline(uint256 deadline, uint256 nowTime);
    /// @notice No epoch `epoch`; `epochCount` epochs were published.
    error EpochAllocationsUnknownEpoch(uint256 epoch, uint256 epochCount);
    /// @notice Claims for `epoch` closed at `deadline`.
    error EpochAllocationsClaimClosed(uint256 epoch, uint256 deadline);
    /// @notice Leaf `index` of `epoch` was already claimed.
    error EpochAllocationsAlreadyClaimed(uint256 epoch, uint256 index);
    /// @notice The proof does not show that (`index`, `account`, `amount`) is a leaf of `epoch`.
    error EpochAllocationsInvalidProof(uint256 epoch, uint256 index, address account, uint256 amount);

    /// @notice Governance published `epoch` with `root`; the full list is at `uri`; claims close at
    /// `claimDeadline` (0: never).
    event EpochPublished(uint256 indexed epoch, bytes32 root, string uri, uint256 claimDeadline);
    /// @notice `amount` was minted to `account` for leaf `index` of `epoch`, in a transaction sent by `sender`.
    event AllocationClaimed(
        uint256 indexed epoch,
        uint256 index,
        address indexed account,
        uint256 amount,
        address indexed sender
    );

    /// @notice Sets up a community's epoch allocations.
    /// @param token_ The community's contribution token (this contract needs its MINTER_ROLE).
    /// @param governance_ The community's timelock: the only account that publishes epochs.
    function initialize(IContributionToken token_, address governance_) external;

    /// @notice Publishes the next epoch. Only governance.
    /// @param root Root of the StandardMerkleTree of (index, account, amount) leaves.
    /// @param uri Where the full list (the tree with its proofs) is published.
    /// @param claimDeadline Timestamp after which claims close; 0 for no deadline.
    /// @return epoch The new epoch's number (0, 1, 2 ...).
    function publishEpoch(bytes32 root, string calldata uri, uint64 claimDeadline) external returns (uint256 epoch);

    /// @notice Mints `amount` to `account` for leaf `index` of `epoch`. Anyone may send it on the
    /// account's behalf; the tokens always go to `account`.
    function claim(uint256 epoch, uint256 index, address account, uint256 amount, bytes32[] calldata proof) external;

    /// @notice Whether leaf `index` of `epoch` was claimed.
    function isClaimed(uint256 epoch, uint256 index) external view returns (bool);

    /// @notice The published `epoch`.
    function getEpoch(uint256 epoch) external view returns (Epoch memory);

    /// @notice How many epochs were published.
    function epochCount() external view returns (uint256);

    /// @notice The community's contribution token.
    function token() external view returns (IContributionToken);

    /// @notice The community's governance (its timelock).
    function governance() external view returns (address);
}
