// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

/// @notice An ERC-20 with the quirks of real tokens, switchable at run time (hostile-environment
/// tests): `ReturnFalse` answers `false` to a transfer it refuses instead of reverting (moving
/// nothing); `NoReturn` moves the tokens but returns no data at all, like USDT; and any mode
/// reverts transfers to (or from) accounts on its blocklist, like USDC's blacklist.
contract MockQuirkyToken {
    enum Mode {
        Normal,
        ReturnFalse,
        NoReturn
    }

    error MockBlocked(address account);
    error MockInsufficient(address account, uint256 balance, uint256 needed);

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    string public constant name = "Quirky Token";
    string public constant symbol = "QRK";
    uint8 public constant decimals = 18;

    Mode public mode;
    uint256 public totalSupply;
    mapping(address account => uint256) public balanceOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;
    mapping(address account => bool) public blocked;

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        totalSupply += amount;
        emit Transfer(address(0), to, amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        return _transfer(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (mode != Mode.ReturnFalse) {
            uint256 allowed = allowance[from][msg.sender];
            if (allowed < amount) revert MockInsufficient(msg.sender, allowed, amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        return _transfer(from, to, amount);
    }

    function _transfer(address from, address to, uint256 amount) private returns (bool) {
        if (blocked[from]) revert MockBlocked(from);
        if (blocked[to]) revert MockBlocked(to);
        if (mode == Mode.ReturnFalse) return false;
        uint256 balance = balanceOf[from];
        if (balance < amount) revert MockInsufficient(from, balance, amount);
        balanceOf[from] = balance - amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        if (mode == Mode.NoReturn) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                return(0, 0)
            }
        }
        return true;
    }
}
