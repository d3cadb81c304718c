// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title IFederationFunding
/// @notice Funding across the federation: a community's governance (typically a guild's timelock)
/// escrows a grant to an affiliated community (typically a bioregion) or a project inside it, in
/// native currency or an ERC-20, paid at once or as a schedule of tranches. Due tranches are
/// pulled to the recipient; when the affiliation ends, tranches that fall due after its end go back
/// to the funder, and tranches already due stay the recipient's.
interface IFederationFunding {
    /// @notice One payment of a grant: `amount` becomes claimable at `dueAt` (timestamp).
    struct Tranche {
        uint128 amount;
        uint64 dueAt;
    }

    /// @notice A grant.
    /// @param funder Governance of the funding community, which gets back what the end of the
    /// affiliation cuts off.
    /// @param beneficiary Governance of the funded community (the affiliation is between these two).
    /// @param recipient Who receives the tranches: the beneficiary itself or a project inside it.
    /// @param token The ERC-20 paid, or the zero address for native currency.
    /// @param affiliationEpoch The affiliation (of funder and beneficiary) the grant was made under.
    /// @param trancheCount Number of tranches scheduled.
    /// @param nextTranche Index of the first tranche not yet paid to the recipient.
    /// @param endTranche Tranches from this index on were returned to the funder (trancheCount when none).
    /// @dev What the grant is for (its purpose URI) is in the `GrantFunded` event only, to keep
    /// `fund` cheap; the last four fields share one storage slot.
    struct Grant {
        address funder;
        address beneficiary;
        address recipient;
        address token;
        uint64 affiliationEpoch;
        uint8 trancheCount;
        uint8 nextTranche;
        uint8 endTranche;
    }

    /// @notice `funder` is not a community of the federation's registry.
    error FederationFundingUnknownFunder(address funder);
    /// @notice `funder` and `beneficiary` are not affiliated now.
    error FederationFundingNotAffiliated(address funder, address beneficiary);
    /// @notice A grant needs between 1 and `max` tranches; `count` were given.
    error FederationFundingInvalidTrancheCount(uint256 count, uint256 max);
    /// @notice Tranche `index` has a zero amount.
    error FederationFundingZeroTranche(uint256 index);
    /// @notice Tranche `index` falls due at `dueAt`, before the tranche ahead of it (`previousDueAt`).
    error FederationFundingUnorderedTranches(uint256 index, uint64 dueAt, uint64 previousDueAt);
    /// @notice `sent` native currency came with the call; `expected` was needed.
    error FederationFundingWrongValue(uint256 sent, uint256 expected);
    /// @notice `token` holds no code, so it cannot be an ERC-20.
    error FederationFundingNotAContract(address token);
    /// @notice The token delivered `received` of the `expected` amount (fee-on-transfer tokens are refused).
    error FederationFundingTransferShortfall(uint256 received, uint256 expected);
    /// @notice There is no grant `grantId`.
    error FederationFundingUnknownGrant(uint256 grantId);
    /// @notice Nothing of grant `grantId` is due now; its next tranche falls due at `nextDueAt`
    /// (0 when every tranche was paid or returned).
    error FederationFundingNothingDue(uint256 grantId, uint64 nextDueAt);
    /// @notice Tranche `index` of grant `grantId`, due at `dueAt`, falls after the end of the grant's
    /// affiliation at `affiliationEnd`: it is not payable (its funder can reclaim it).
    error FederationFundingAffiliationEnded(uint256 grantId, uint256 index, uint64 dueAt, uint64 affiliationEnd);
    /// @notice Nothing of grant `grantId` can go back to its funder: its affiliation still holds
    /// (`affiliationEnd` is type(uint64).max) or every tranche fell due before it ended.
    error FederationFundingNothingToReclaim(uint256 grantId, uint64 affiliationEnd);

    /// @notice `funder` escrowed `total` of `token` for `recipient` in `beneficiary`, as `trancheCount`
    /// tranches (each in `TrancheScheduled`), under affiliation epoch `affiliationEpoch`.
    event GrantFunded(
        uint256 indexed grantId,
        address indexed funder,
        address indexed beneficiary,
        address recipient,
        address token,
        uint256 total,
        uint64 affiliationEpoch,
        uint8 trancheCount,
        string purposeURI
    );
    /// @notice Tranche `index` of grant `grantId`: `amount` due at `dueAt`.
    event TrancheScheduled(uint256 indexed grantId, uint256 index, uint128 amount, uint64 dueAt);
    /// @notice Tranches `fromIndex` .. `toIndex - 1` of grant `grantId` were paid: `amount` to `recipient`.
    event TranchesClaimed(
        uint256 indexed grantId,
        address indexed recipient,
        uint8 fromIndex,
        uint8 toIndex,
        uint256 amount
    );
    /// @notice Tranches `fromIndex` .. `toIndex - 1` fell due after the affiliation ended at
    /// `affiliationEnd` and went back to `funder`: `amount`.
    event TranchesReclaimed(
        uint256 indexed grantId,
        address indexed funder,
        uint8 fromIndex,
        uint8 toIndex,
        uint256 amount,
        uint64 affiliationEnd
    );

    /// @notice Escrows a grant from the calling community's governance to the affiliated
    /// `beneficiary`. Native currency: send the total as value. ERC-20: approve this contract first.
    /// @param beneficiary Governance of an affiliated community.
    /// @param recipient Who receives the tranches (zero: the beneficiary itself).
    /// @param token The ERC-20, or the zero address for native currency.
    /// @param tranches The schedule, in order of due time; a tranche due now or earlier is payable at once.
    /// @param purposeURI What the grant is for.
    /// @return grantId The new grant's id (from 1).
    function fund(
        address beneficiary,
        address recipient,
        address token,
        Tranche[] calldata tranches,
        string calldata purposeURI
    ) external payable returns (uint256 grantId);

    /// @notice Pays the recipient every tranche of `grantId` due now (and due before the end of its
    /// affiliation, if it ended). Anyone may call: the money only goes to the recipient.
    /// @return amount What was paid.
    function claim(uint256 grantId) external returns (uint256 amount);

    /// @notice After the grant's affiliation ended, returns to the funder the tranches that fall
    /// due after the end. Anyone may call: the money only goes to the funder.
    /// @return amount What was returned.
    function reclaim(uint256 grantId) external returns (uint256 amount);

    /// @notice The registry whose affiliations grants follow.
    function registry() external view returns (address);

    /// @notice The most tranches one grant may have.
    function maxTranches() external view returns (uint256);

    /// @notice Number of grants made.
    function grantCount() external view returns (uint256);

    /// @notice Grant `grantId`.
    function getGrant(uint256 grantId) external view returns (Grant memory);

    /// @notice The tranches of grant `grantId`.
    function getTranches(uint256 grantId) external view returns (Tranche[] memory);

    /// @notice What `claim(grantId)` would pay now, and the index it would pay up to (exclusive).
    function claimable(uint256 grantId) external view returns (uint256 amount, uint8 toIndex);

    /// @notice What `reclaim(grantId)` would return now, and the index it would return from.
    function reclaimable(uint256 grantId) external view returns (uint256 amount, uint8 fromIndex);

    /// @notice What the escrow owes in `token` (zero address: native) over every open tranche.
    function owed(address token) external view returns (uint256);
}
