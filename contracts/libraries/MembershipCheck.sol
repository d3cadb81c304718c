// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IMembership} from "../interfaces/IMembership.sol";

/// @title MembershipCheck
/// @notice Asks a membership contract that is not trusted whether an account is a member, so that
/// it cannot harm the one asking: the call is a `staticcall` with at most `gasCap` gas, and a revert,
/// an out-of-gas, or an answer that is not exactly one ABI-encoded bool counts as "not a member".
/// The answer is never copied into memory beyond its first word, so a huge answer costs nothing.
/// @dev Starvation: a caller who sends too little gas could make an honest check run out of gas and
/// read as "no". `isMember` therefore reverts with `MembershipCheckGasTooLow` unless the call can be
/// given its whole `gasCap` (by the 63/64 rule, `gasCap * 64 / 63` plus the call's own overhead
/// must be left), so a "no" is always the membership contract's own answer or its own failure.
library MembershipCheck {
    /// @notice Gas kept aside for the cold account access and the call itself, on top of what the
    /// 63/64 rule needs to forward `gasCap`.
    uint256 internal constant CALL_OVERHEAD = 5_000;

    /// @notice Fewer than `needed` gas were left (`left`) for a membership check: the caller sent too
    /// little gas, and the check would not be the membership contract's own answer.
    error MembershipCheckGasTooLow(uint256 left, uint256 needed);

    /// @notice Whether `membership` says `account` is a member; false when it reverts, runs out of
    /// gas, holds no code or answers anything but an ABI-encoded bool (a word other than 0 or 1
    /// included).
    /// @param gasCap The most gas the membership contract may use.
    function isMember(address membership, address account, uint256 gasCap) internal view returns (bool) {
        // The least gas that forwards all of `gasCap`: ceil(gasCap * 64 / 63) plus the call's overhead.
        uint256 needed = (gasCap * 64 + 62) / 63 + CALL_OVERHEAD;
        uint256 left = gasleft();
        if (left < needed) revert MembershipCheckGasTooLow(left, needed);
        bytes4 selector = IMembership.isMember.selector;
        bool ok;
        uint256 size;
        uint256 word;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 4), account)
            ok := staticcall(gasCap, membership, ptr, 0x24, ptr, 0x20)
            size := returndatasize()
            word := mload(ptr)
        }
        // An account without code "succeeds" with no answer: size 0, so not a member.
        return ok && size == 32 && word == 1;
    }
}
