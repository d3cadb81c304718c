// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title IMembrane
/// @notice A community's income membrane: market income (licence fees, sales, grants) in the native
/// currency or any ERC-20 is split, epoch by epoch and asset by asset, between the community's
/// treasury and its contributors, each contributor's part proportional to their contribution-token
/// balance at the epoch's snapshot. Contributors pull their shares; nothing loops over holders.
/// @dev `address(0)` stands for the native currency wherever an asset is expected.
interface IMembrane {
    /// @notice An epoch of one asset as it was closed.
    /// @param snapshot The timepoint whose balances and total supply share the epoch (close time - 1).
    /// @param closedAt When the epoch was closed.
    /// @param supply Total contribution-token supply at `snapshot`.
    /// @param income Income credited during the epoch.
    /// @param toTreasury Part of `income` owed to the treasury.
    /// @param toContributors What contributors share: `income - toTreasury` plus what earlier epochs
    /// carried to contributors (rounding dust, or a part nobody could claim); zero when `supply` is
    /// zero: then all of it carries to the next epoch's contributors.
    /// @param claimed What contributors have claimed so far.
    /// @param claimedWeight Sum of the snapshot balances of contributors who claimed.
    struct Epoch {
        uint48 snapshot;
        uint48 closedAt;
        uint256 supply;
        uint256 income;
        uint256 toTreasury;
        uint256 toContributors;
        uint256 claimed;
        uint256 claimedWeight;
    }

    /// @notice The zero address was given for the token, treasury or governance.
    error MembraneInvalidAddress();
    /// @notice A treasury share above 100 % (10,000 basis points).
    error MembraneInvalidShare(uint256 bps);
    /// @notice Only the community's governance (its timelock) may do this; `caller` is not it.
    error MembraneUnauthorized(address caller);
    /// @notice An epoch of `asset` can be closed from `openableAt`; it is now `now_`.
    error MembraneEpochTooShort(address asset, uint256 openableAt, uint256 now_);
    /// @notice Epoch `epochId` of `asset` does not exist (not closed yet); `closed` epochs exist.
    error MembraneUnknownEpoch(address asset, uint256 epochId, uint256 closed);
    /// @notice `account` already claimed epoch `epochId` of `asset`.
    error MembraneAlreadyClaimed(address asset, uint256 epochId, address account);
    /// @notice A claim named `count` epochs; between 1 and `max` are allowed.
    error MembraneTooManyEpochs(uint256 count, uint256 max);
    /// @notice `account` has nothing to claim in the epochs named.
    error MembraneNothingToClaim(address asset, address account);
    /// @notice Nothing is owed to the treasury in `asset`.
    error MembraneNothingOwed(address asset);
    /// @notice An ERC-20 deposit of zero, or native currency sent with an ERC-20 deposit.
    error MembraneInvalidDeposit(address asset, uint256 amount, uint256 value);
    /// @notice Sending `amount` of the native currency to `to` failed.
    error MembraneNativeTransferFailed(address to, uint256 amount);

    /// @notice The membrane was set up for a community.
    event MembraneInitialized(
        address indexed token,
        address indexed treasury,
        address indexed governance,
        uint16 treasuryShareBps
    );
    /// @notice `amount` of `asset` arrived as income from `from` (address(0) when found by balance)
    /// and was added to the open epoch of that asset.
    event IncomeReceived(address indexed asset, address indexed from, uint256 amount);
    /// @notice Epoch `epochId` of `asset` was closed by `closer`.
    event EpochClosed(
        address indexed asset,
        uint256 indexed epochId,
        address indexed closer,
        uint48 snapshot,
        uint256 supply,
        uint256 income,
        uint256 toTreasury,
        uint256 toContributors
    );
    /// @notice `amount` of `asset` carried from epoch `fromEpochId` to the contributors of the next epoch
    /// to close (never to the treasury): rounding dust once every snapshot holder has claimed, or, at a
    /// close with a zero supply, the whole contributors' part (including what was carried into it).
    event DustCarried(address indexed asset, uint256 indexed fromEpochId, uint256 amount);
    /// @notice `account` claimed `amount` of `asset` for epoch `epochId` (their balance `weight`).
    event IncomeClaimed(
        address indexed asset,
        uint256 indexed epochId,
        address indexed account,
        uint256 weight,
        uint256 amount
    );
    /// @notice `amount` of `asset` owed to the treasury was sent to it.
    event TreasuryPaid(address indexed asset, address indexed treasury, uint256 amount);
    /// @notice Governance changed the treasury's share (applies from the next close).
    event TreasuryShareChanged(uint16 previousBps, uint16 newBps);
    /// @notice Governance changed the minimum epoch length (applies from the next close).
    event MinEpochLengthChanged(uint48 previousSeconds, uint48 newSeconds);

    /// @notice Sets up a community's membrane (called once, by the community factory, on a clone).
    /// @param token The community's ContributionToken (its past balances share the income).
    /// @param treasury Where the treasury's part is paid (the community's timelock).
    /// @param governance Who may change the treasury share and the minimum epoch length (the timelock).
    /// @param treasuryShareBps The treasury's share of each epoch's income, in basis points.
    function initialize(address token, address treasury, address governance, uint16 treasuryShareBps) external;

    /// @notice Credits `asset` that arrived without a deposit call (an ERC-20 transfer, a licence fee
    /// whose notification failed, forced native currency) to the open epoch: what the contract holds
    /// beyond what it owes. Anyone may call it; a second call credits nothing. `closeEpoch` does the same
    /// before it splits, so such income is credited at the latest at the next close.
    /// @return arrived The amount newly credited.
    function notifyIncome(address asset) external returns (uint256 arrived);

    /// @notice Pulls `amount` of the ERC-20 `asset` from the caller as income. Fee-on-transfer tokens
    /// are credited by what arrived. Native currency is sent to the contract directly instead.
    /// @return arrived The amount credited.
    function depositIncome(address asset, uint256 amount) external returns (uint256 arrived);

    /// @notice Closes the open epoch of `asset`: credits what arrived unnotified (as `notifyIncome`),
    /// snapshots the contribution token at the previous second and splits the epoch's income, adding
    /// to the contributors' part what earlier epochs carried to them. Anyone may call it once
    /// `minEpochLength` has passed since the asset's previous close (or since initialisation).
    /// @return epochId The id of the closed epoch (the first is 1).
    function closeEpoch(address asset) external returns (uint256 epochId);

    /// @notice Claims the caller's shares of `asset` in `epochIds` (at most `MAX_CLAIM_EPOCHS`):
    /// for each, `toContributors * balance(snapshot) / supply(snapshot)` rounded down, paid at once.
    /// @return amount What was paid.
    function claim(address asset, uint256[] calldata epochIds) external returns (uint256 amount);

    /// @notice Sends what the treasury is owed in `asset` to the treasury. Anyone may call it.
    /// @return amount What was paid.
    function payTreasury(address asset) external returns (uint256 amount);

    /// @notice Sets the treasury's share of future epochs. Only governance.
    function setTreasuryShare(uint16 bps) external;

    /// @notice Sets the minimum time between two closes of the same asset. Only governance.
    function setMinEpochLength(uint48 seconds_) external;

    /// @notice What `account` can claim of `asset` in epoch `epochId` (zero once claimed).
    function claimable(address asset, uint256 epochId, address account) external view returns (uint256);

    /// @notice Whether `account` has claimed its share of `asset` in epoch `epochId` (a share that
    /// rounded to zero counts once claimed: the epoch's remainder carries forward when every holder has).
    function hasClaimed(address asset, uint256 epochId, address account) external view returns (bool);

    /// @notice Epoch `epochId` of `asset`.
    function epoch(address asset, uint256 epochId) external view returns (Epoch memory);

    /// @notice How many epochs of `asset` were closed (the open epoch's id is this + 1).
    function epochCount(address asset) external view returns (uint256);

    /// @notice Income of `asset` waiting in the open epoch.
    function pendingIncome(address asset) external view returns (uint256);

    /// @notice What earlier epochs of `asset` carried to the contributors of the next epoch to close.
    function carriedToContributors(address asset) external view returns (uint256);

    /// @notice What the treasury is owed in `asset`, not yet paid.
    function treasuryOwed(address asset) external view returns (uint256);

    /// @notice Everything the contract owes in `asset` (open income, carried, treasury, unclaimed shares).
    function accounted(address asset) external view returns (uint256);

    /// @notice When the open epoch of `asset` may be closed.
    function nextCloseAt(address asset) external view returns (uint256);

    /// @notice The community's contribution token.
    function token() external view returns (address);

    /// @notice Where the treasury's part is paid.
    function treasury() external view returns (address);

    /// @notice Who may change the treasury share and the minimum epoch length.
    function governance() external view returns (address);

    /// @notice The treasury's share of each epoch's income, in basis points.
    function treasuryShareBps() external view returns (uint16);

    /// @notice Minimum seconds between two closes of the same asset.
    function minEpochLength() external view returns (uint48);
}
