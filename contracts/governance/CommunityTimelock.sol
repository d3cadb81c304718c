// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

/// @title CommunityTimelock
/// @notice A community's treasury and the executor of its decisions: it holds native currency and
/// ERC-20s, and runs what the community's governor queued once the delay has passed. The governor
/// is its only proposer and canceller; executors are open or the governor only, as the community
/// chose at creation; it has no admin but itself.
/// @dev OpenZeppelin's `TimelockControllerUpgradeable` unchanged, used through minimal clones
/// initialised by the community factory; the implementation's own initializer is disabled.
contract CommunityTimelock is TimelockControllerUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }
}
