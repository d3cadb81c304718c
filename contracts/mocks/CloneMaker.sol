// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @title CloneMaker
/// @notice Makes minimal clones (OpenZeppelin `Clones`) of implementations, as the community factory
/// does, for tests and example scripts that need a community before the factory exists.
contract CloneMaker {
    /// @notice A clone of `implementation` was made at `instance`.
    event Cloned(address indexed implementation, address instance);

    /// @notice Makes a minimal clone of `implementation`.
    function clone(address implementation) external returns (address instance) {
        instance = Clones.clone(implementation);
        emit Cloned(implementation, instance);
    }
}
