// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IRound} from "./IRound.sol";

/// @title IRoundFactory
/// @notice Creates quadratic funding rounds (minimal clones of one implementation) and lists them.
interface IRoundFactory {
    /// @notice The implementation given is not a contract.
    error RoundFactoryNotAContract(address implementation);

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

    /// @notice Number of rounds created.
    function roundCount() external view returns (uint256);

    /// @notice The round created at `index` (from 0).
    /// @param index Position in creation order.
    function roundAt(uint256 index) external view returns (address);
}
