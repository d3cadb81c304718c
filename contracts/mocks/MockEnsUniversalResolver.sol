// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

/// @title MockEnsUniversalResolver
/// @notice A stand-in for ENS's universal resolver on local chains, where ENS is not deployed: it
/// answers exactly the reverse lookup viem's `getEnsName` makes (`reverseWithGateways`), from names
/// that accounts set for themselves. It does no forward check and holds no registry: never deploy it
/// where its names could be mistaken for ENS names.
contract MockEnsUniversalResolver {
    mapping(address account => string name) private _names;

    /// @notice An account set (or cleared, with "") its own name.
    event NameSet(address indexed account, string name);

    /// @notice Sets the caller's primary name ("" clears it).
    /// @param name The name, e.g. "ana.eth".
    function setName(string calldata name) external {
        _names[msg.sender] = name;
        emit NameSet(msg.sender, name);
    }

    /// @notice The reverse lookup of ENS's universal resolver (ENSIP-19): the primary name of the
    /// address encoded in `lookupAddress` (20 bytes), "" when it has none. `coinType` and `gateways`
    /// are accepted and ignored (every name here is for every chain, and nothing is read off-chain).
    /// @param lookupAddress The address, as 20 bytes.
    /// @return name The primary name, or "".
    /// @return resolver This contract when a name is set, else address(0).
    /// @return reverseResolver This contract when a name is set, else address(0).
    function reverseWithGateways(
        bytes calldata lookupAddress,
        uint256,
        string[] calldata
    ) external view returns (string memory name, address resolver, address reverseResolver) {
        if (lookupAddress.length != 20) return ("", address(0), address(0));
        name = _names[address(bytes20(lookupAddress))];
        if (bytes(name).length != 0) (resolver, reverseResolver) = (address(this), address(this));
    }
}
