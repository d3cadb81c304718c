// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

/// @title Reenterer
/// @notice An account that makes one call, and while receiving native currency calls back into a
/// contract (tests reentrancy guards). Its reentrant call's failure makes the payment fail.
contract Reenterer {
    address private _target;
    bytes private _reentry;

    /// @notice Sets the call made while receiving native currency.
    function setReentry(address target, bytes calldata data) external {
        _target = target;
        _reentry = data;
    }

    /// @notice Calls `target` with `data` (and `msg.value`), bubbling up a revert.
    function act(address target, bytes calldata data) external payable {
        (bool ok, bytes memory ret) = target.call{value: msg.value}(data);
        if (!ok) _bubble(ret);
    }

    /// @notice Calls back into the target while being paid.
    receive() external payable {
        (bool ok, bytes memory ret) = _target.call(_reentry);
        if (!ok) _bubble(ret);
    }

    function _bubble(bytes memory ret) private pure {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            revert(add(ret, 32), mload(ret))
        }
    }
}
