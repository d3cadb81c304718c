// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

import {IRound} from "../interfaces/IRound.sol";
import {IRoundFactory} from "../interfaces/IRoundFactory.sol";

/// @title RoundFactory
/// @notice Creates quadratic funding rounds as minimal clones of one `Round` implementation, so a
/// new round costs a small fraction of deploying the contract afresh.
contract RoundFactory is IRoundFactory {
    /// @inheritdoc IRoundFactory
    address public immutable implementation;

    address[] private _rounds;

    /// @param implementation_ The `Round` implementation (its own initializer disabled).
    constructor(address implementation_) {
        if (implementation_.code.length == 0) revert RoundFactoryNotAContract(implementation_);
        implementation = implementation_;
    }

    /// @inheritdoc IRoundFactory
    function createRound(IRound.Config calldata config) external returns (address round) {
        round = Clones.clone(implementation);
        _rounds.push(round);
        emit RoundCreated(round, msg.sender, config.token, config.operator, _rounds.length - 1, config.metadataURI);
        IRound(round).initialize(config);
    }

    /// @inheritdoc IRoundFactory
    function roundCount() external view returns (uint256) {
        return _rounds.length;
    }

    /// @inheritdoc IRoundFactory
    function roundAt(uint256 index) external view returns (address) {
        return _rounds[index];
    }
}
