// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IRound} from "./IRound.sol";

/// @title IRoundFactory
/// @notice Creates quadratic funding rounds (minimal clones of one implementation), lists them, and
/// donates to projects of several of its rounds in one transaction (a checkout).
interface IRoundFactory {
    /// @notice One round's part of a checkout.
    /// @param round A round created by this factory.
    /// @param donations The projects and amounts.
    /// @param proof The donor's eligibility proof for that round.
    struct Cart {
        address round;
        IRound.Donation[] donations;
        bytes proof;
    }

    /// @notice An EIP-2612 permit the donor signed for this factory, applied before a checkout.
    /// @param token The token (an ERC-20 with `permit`).
    /// @param value The allowance the permit grants this factory.
    /// @param deadline The permit's deadline.
    /// @param v Signature v.
    /// @param r Signature r.
    /// @param s Signature s.
    struct Permit {
        address token;
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice The implementation given is not a contract.
    error RoundFactoryNotAContract(address implementation);
    /// @notice The checkout names a round this factory did not create.
    error RoundFactoryUnknownRound(address round);
    /// @notice A checkout with no carts.
    error RoundFactoryEmptyCheckout();
    /// @notice The native currency sent does not equal the sum of the native rounds' carts.
    error RoundFactoryWrongValue(uint256 sent, uint256 expected);
    /// @notice A cart item above 2^128 - 1 (no round accepts it; refused before summing so a cart cannot overflow).
    error RoundFactoryAmountTooLarge(uint256 amount);
    /// @notice Fewer tokens arrived than the cart requires (fee-on-transfer tokens cannot be used in a checkout).
    error RoundFactoryTransferShortfall(uint256 expected, uint256 received);

    /// @notice A round was created.
    event RoundCreated(
        address indexed round,
        address indexed creator,
        address indexed token,
        address operator,
        uint256 index,
        string metadataURI
    );

    /// @notice The `Round` implementation every round is a clone of.
    function implementation() external view returns (address);

    /// @notice Creates and initialises a round.
    /// @param config The round's rules (see `IRound.Config`).
    /// @return round The new round's address.
    function createRound(IRound.Config calldata config) external returns (address round);

    /// @notice Creates and initialises a round with the matching mode given (see `IRound.initializeWithMatching`).
    /// @param config The round's rules (see `IRound.Config`).
    /// @param matching Standard or cluster matching.
    /// @param clusterSource The `FederatedMembership` contract (left-padded) or the groups' Merkle root; zero
    /// for standard matching.
    /// @return round The new round's address.
    function createRoundWithMatching(
        IRound.Config calldata config,
        IRound.Matching matching,
        bytes32 clusterSource
    ) external returns (address round);

    /// @notice Donates to projects of several rounds in one transaction, as the caller. Send the sum
    /// of the native rounds' carts as value; approve this factory for each ERC-20 round's sum.
    /// @param carts One cart per round.
    function checkout(Cart[] calldata carts) external payable;

    /// @notice `checkout` after EIP-2612 permits the caller signed for this factory, so that a cart
    /// paid in permit tokens needs no approval transaction. A permit that fails (already used, for
    /// example by someone who front-ran it) is ignored: the checkout then stands on the allowance in place,
    /// and a token pulled beyond it reverts with the token's own error.
    /// @param carts One cart per round (as in `checkout`).
    /// @param permits The permits to apply first, each for this factory as spender.
    function checkoutWithPermits(Cart[] calldata carts, Permit[] calldata permits) external payable;

    /// @notice Number of rounds created.
    function roundCount() external view returns (uint256);

    /// @notice The round created at `index` (from 0).
    /// @param index Position in creation order.
    function roundAt(uint256 index) external view returns (address);

    /// @notice Whether this factory created `round`.
    /// @param round An address.
    function isRound(address round) external view returns (bool);
}
