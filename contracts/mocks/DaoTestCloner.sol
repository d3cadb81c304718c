// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @title DaoTestCloner
/// @notice Test-only: makes an uninitialised minimal clone, to test initializers' own checks.
contract DaoTestCloner {
    /// @notice A clone of `implementation` was made at `clone`.
    event Cloned(address clone);

    /// @notice Makes a minimal clone of `implementation`.
    function clone(address implementation) external returns (address instance) {
        instance = Clones.clone(implementation);
        emit Cloned(instance);
    }
}
