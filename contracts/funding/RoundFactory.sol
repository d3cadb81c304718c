// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IRound} from "../interfaces/IRound.sol";
import {IRoundFactory} from "../interfaces/IRoundFactory.sol";

/// @title RoundFactory
/// @notice Creates quadratic funding rounds as minimal clones of one `Round` implementation, so a
/// new round costs a small fraction of deploying the contract afresh, and offers a checkout that
/// donates to projects of several of its rounds in one transaction.
/// @dev The checkout holds nothing between calls: native currency is forwarded with each round's
/// cart, ERC-20 tokens are pulled from the donor and approved to the round, which pulls them at once.
contract RoundFactory is IRoundFactory, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IRoundFactory
    address public immutable implementation;

    address[] private _rounds;
    mapping(address round => bool) private _isRound;

    /// @param implementation_ The `Round` implementation (its own initializer disabled).
    constructor(address implementation_) {
        if (implementation_.code.length == 0) revert RoundFactoryNotAContract(implementation_);
        implementation = implementation_;
    }

    /// @inheritdoc IRoundFactory
    function createRound(IRound.Config calldata config) external returns (address round) {
        round = _clone(config);
        IRound(round).initialize(config);
    }

    /// @inheritdoc IRoundFactory
    function createRoundWithMatching(
        IRound.Config calldata config,
        IRound.Matching matching,
        bytes32 clusterSource
    ) external returns (address round) {
        round = _clone(config);
        IRound(round).initializeWithMatching(config, matching, clusterSource);
    }

    /// @inheritdoc IRoundFactory
    function checkout(Cart[] calldata carts) external payable nonReentrant {
        _checkout(carts);
    }

    /// @inheritdoc IRoundFactory
    function checkoutWithPermits(Cart[] calldata carts, Permit[] calldata permits) external payable nonReentrant {
        for (uint256 i = 0; i < permits.length; ++i) {
            Permit calldata p = permits[i];
            // A permit front-run by someone else fails here but leaves the allowance in place: ignore the
            // failure and let transferFrom decide (as `Round.donateWithPermit` does).
            // solhint-disable-next-line no-empty-blocks
            try IERC20Permit(p.token).permit(msg.sender, address(this), p.value, p.deadline, p.v, p.r, p.s) {} catch {}
        }
        _checkout(carts);
    }

    /// @inheritdoc IRoundFactory
    function roundCount() external view returns (uint256) {
        return _rounds.length;
    }

    /// @inheritdoc IRoundFactory
    function roundAt(uint256 index) external view returns (address) {
        return _rounds[index];
    }

    /// @inheritdoc IRoundFactory
    function isRound(address round) external view returns (bool) {
        return _isRound[round];
    }

    /// @dev The checkout itself, for `checkout` and `checkoutWithPermits`: each round's cart is summed,
    /// its native value forwarded or its tokens pulled from the caller and approved to the round.
    function _checkout(Cart[] calldata carts) private {
        uint256 count = carts.length;
        if (count == 0) revert RoundFactoryEmptyCheckout();
        uint256 nativeTotal = 0;
        for (uint256 i = 0; i < count; ++i) {
            Cart calldata cart = carts[i];
            if (!_isRound[cart.round]) revert RoundFactoryUnknownRound(cart.round);
            uint256 total = 0;
            for (uint256 j = 0; j < cart.donations.length; ++j) {
                // No round accepts an amount above 2^128 - 1; refusing it here keeps the sums far from
                // overflowing (a cart would need 2^128 items), so a huge cart fails with a named error.
                uint256 amount = cart.donations[j].amount;
                if (amount > type(uint128).max) revert RoundFactoryAmountTooLarge(amount);
                total += amount;
            }
            address token = IRound(cart.round).token();
            if (token == address(0)) {
                nativeTotal += total;
                if (nativeTotal > msg.value) revert RoundFactoryWrongValue(msg.value, nativeTotal);
                IRound(cart.round).donateFor{value: total}(msg.sender, cart.donations, cart.proof);
            } else {
                uint256 before = IERC20(token).balanceOf(address(this));
                IERC20(token).safeTransferFrom(msg.sender, address(this), total);
                uint256 received = IERC20(token).balanceOf(address(this)) - before;
                if (received != total) revert RoundFactoryTransferShortfall(total, received);
                IERC20(token).forceApprove(cart.round, total);
                IRound(cart.round).donateFor(msg.sender, cart.donations, cart.proof);
            }
        }
        if (nativeTotal != msg.value) revert RoundFactoryWrongValue(msg.value, nativeTotal);
    }

    /// @dev A new clone, listed and announced (the caller initialises it).
    function _clone(IRound.Config calldata config) private returns (address round) {
        round = Clones.clone(implementation);
        _rounds.push(round);
        _isRound[round] = true;
        emit RoundCreated(round, msg.sender, config.token, config.operator, _rounds.length - 1, config.metadataURI);
    }
}
