// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

/// @title MockHostileMembership
/// @notice Test stand-in for a membership view that misbehaves on demand: it answers honestly
/// (mode 0), reverts (1), returns malformed data (2: too short; 3: a word that is not a bool),
/// or burns all the gas it is given (4). Shaped like `IMembership`.
contract MockHostileMembership {
    mapping(address account => bool) private _members;
    uint8 private _mode;

    /// @notice Sets whether `account` is a member (when answering honestly).
    function setMember(address account, bool member) external {
        _members[account] = member;
    }

    /// @notice Sets how `isMember` misbehaves (0 honest, 1 revert, 2 short answer, 3 not a bool, 4 burn gas).
    function setMode(uint8 mode) external {
        _mode = mode;
    }

    /// @notice `IMembership.isMember`, misbehaving as set.
    function isMember(address account) external view returns (bool) {
        uint8 mode = _mode;
        if (mode == 1) revert("no");
        // solhint-disable no-inline-assembly
        if (mode == 2) {
            assembly {
                mstore(0, 1)
                return(0, 16)
            }
        }
        if (mode == 3) {
            assembly {
                mstore(0, 2)
                return(0, 32)
            }
        }
        if (mode == 4) {
            assembly {
                invalid()
            }
        }
        // solhint-enable no-inline-assembly
        return _members[account];
    }
}
