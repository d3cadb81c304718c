// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRound} from "../interfaces/IRound.sol";

/// @notice A donor, funder and project recipient that re-enters the round whenever it receives
/// native currency or an ERC-777-style hook, trying to be paid twice. It records whether a re-entry
/// succeeded (it never should) and swallows the failure so the outer call can complete.
contract MockRoundAttacker {
    enum Attack {
        None,
        Refund,
        Claim,
        Reclaim,
        Donate
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

    function approve(IERC20 token, uint256 amount) external {
        token.approve(address(round), amount);
    }

    function applyProject(string calldata uri) external returns (uint256) {
        return round.applyProject(address(this), uri);
    }

    function donate(uint256 id, uint256 amount) external payable {
        round.donate{value: msg.value}(id, amount, "");
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
        bool ok;
        if (a == Attack.Refund) {
            (ok, ) = address(round).call(abi.encodeCall(IRound.refund, (projectId)));
        } else if (a == Attack.Claim) {
            (ok, ) = address(round).call(abi.encodeCall(IRound.claim, (projectId)));
        } else if (a == Attack.Reclaim) {
            (ok, ) = address(round).call(abi.encodeCall(IRound.reclaimFunding, ()));
        } else {
            (ok, ) = address(round).call(abi.encodeCall(IRound.donate, (projectId, 1, "")));
        }
        if (ok) reentrySucceeded += 1;
    }
}
