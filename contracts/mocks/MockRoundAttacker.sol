// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRound} from "../interfaces/IRound.sol";
import {IRoundFactory} from "../interfaces/IRoundFactory.sol";

/// @notice A donor, funder and project recipient that re-enters the round (or its factory) whenever
/// it receives native currency or an ERC-777-style hook, trying to be paid or credited twice. It
/// counts re-entries that succeeded (there should be none) and swallows the failures so the outer
/// call completes. `Inflate` instead sends the round one extra token in the middle of a transfer,
/// to check that a donor is never credited more than the amount asked.
contract MockRoundAttacker {
    enum Attack {
        None,
        Refund,
        Claim,
        Reclaim,
        Donate,
        Fund,
        FundWithPermit,
        DonateWithPermit,
        DonateMany,
        DonateFor,
        Checkout,
        Inflate
    }

    IRound public immutable round;
    Attack public attack;
    uint256 public projectId;
    uint256 public reentries;
    uint256 public reentrySucceeded;

    constructor(IRound round_) {
        round = round_;
    }

    receive() external payable {
        _reenter();
    }

    function setAttack(Attack attack_, uint256 projectId_) external {
        attack = attack_;
        projectId = projectId_;
    }

    function approve(IERC20 token, address spender, uint256 amount) external {
        token.approve(spender, amount);
    }

    function applyProject(string calldata uri) external returns (uint256) {
        return round.applyProject(address(this), uri);
    }

    function donate(uint256 id, uint256 amount) external payable {
        round.donate{value: msg.value}(id, amount, "");
    }

    function checkout(uint256 id, uint256 amount) external {
        IRoundFactory.Cart[] memory carts = new IRoundFactory.Cart[](1);
        carts[0].round = address(round);
        carts[0].donations = _one(id, amount);
        IRoundFactory(round.factory()).checkout(carts);
    }

    function fund(uint256 amount) external payable {
        round.fund{value: msg.value}(amount);
    }

    function refund(uint256 id) external {
        round.refund(id);
    }

    function reclaimFunding() external {
        round.reclaimFunding();
    }

    function claim(uint256 id) external {
        round.claim(id);
    }

    function tokensToSend(address, address, uint256) external {
        _reenter();
    }

    function tokensReceived(address, address, uint256) external {
        _reenter();
    }

    function _reenter() internal {
        Attack a = attack;
        if (a == Attack.None) return;
        reentries += 1;
        address target = address(round);
        bytes memory data;
        if (a == Attack.Refund) data = abi.encodeCall(IRound.refund, (projectId));
        else if (a == Attack.Claim) data = abi.encodeCall(IRound.claim, (projectId));
        else if (a == Attack.Reclaim) data = abi.encodeCall(IRound.reclaimFunding, ());
        else if (a == Attack.Donate) data = abi.encodeCall(IRound.donate, (projectId, 1, ""));
        else if (a == Attack.Fund) data = abi.encodeCall(IRound.fund, (1));
        else if (a == Attack.FundWithPermit) data = abi.encodeCall(IRound.fundWithPermit, (1, 0, 0, 0, 0));
        else if (a == Attack.DonateWithPermit) {
            data = abi.encodeCall(IRound.donateWithPermit, (projectId, 1, "", 0, 0, 0, 0));
        } else if (a == Attack.DonateMany) data = abi.encodeCall(IRound.donateMany, (_one(projectId, 1), ""));
        else if (a == Attack.DonateFor) {
            data = abi.encodeCall(IRound.donateFor, (address(this), _one(projectId, 1), ""));
        } else if (a == Attack.Checkout) {
            target = round.factory();
            data = abi.encodeCall(IRoundFactory.checkout, (new IRoundFactory.Cart[](0)));
        } else {
            // Inflate: one extra token straight to the round, with the hooks switched off meanwhile.
            attack = Attack.None;
            IERC20(msg.sender).transfer(address(round), 1);
            attack = Attack.Inflate;
            return;
        }
        (bool ok, ) = target.call(data);
        if (ok) reentrySucceeded += 1;
    }

    function _one(uint256 id, uint256 amount) internal pure returns (IRound.Donation[] memory cart) {
        cart = new IRound.Donation[](1);
        cart[0] = IRound.Donation(id, amount);
    }
}
