// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {ICommunityFactory} from "../interfaces/ICommunityFactory.sol";

/// @title FederationMockFactory
/// @notice Test double of the community factory's record: tests write communities, the registry reads them.
contract FederationMockFactory {
    mapping(uint256 id => ICommunityFactory.Community) private _communities;
    mapping(address timelockOrGovernor => uint256 id) private _communityIdOf;

    /// @notice Records community `id` as the factory would.
    function setCommunity(uint256 id, ICommunityFactory.Community calldata community) external {
        _communities[id] = community;
        _communityIdOf[community.timelock] = id;
        _communityIdOf[community.governor] = id;
    }

    /// @notice The id of the community whose timelock or governor is `account`; 0 if none.
    function communityIdOf(address account) external view returns (uint256) {
        return _communityIdOf[account];
    }

    /// @notice Community `id`; reverts as the factory does for an unknown id.
    function getCommunity(uint256 id) external view returns (ICommunityFactory.Community memory) {
        ICommunityFactory.Community memory c = _communities[id];
        if (c.timelock == address(0)) revert ICommunityFactory.CommunityFactoryUnknownCommunity(id);
        return c;
    }
}
