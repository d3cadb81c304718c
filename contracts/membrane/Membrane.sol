// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {IMembrane} from "../interfaces/IMembrane.sol";

/// @title Membrane
/// @notice Where the market meets the commons: a community's income (licence fees, sales, grants)
/// passes through its membrane, which pays the treasury its share and lets every contributor pull
/// the rest in proportion to what the community recognised them for (their contribution-token
/// balance at each epoch's snapshot).
/// @dev Each asset (`address(0)` = native currency) has its own sequence of epochs. Closing an epoch
/// is open to anyone once `minEpochLength` has passed since that asset's previous close: the income
/// is split at the close, and nobody can choose a better moment than the one the calendar gives.
/// Income is credited when it arrives: native currency by `receive`, an ERC-20 by `depositIncome`, and
/// anything that arrived without a call (a plain transfer, a licence fee whose notification failed,
/// forced native currency) by `notifyIncome` or, at the latest, by the next `closeEpoch` of that asset.
/// Rounding: a contributor receives `floor(toContributors * balance / supply)`. The remainder (less
/// than one wei per claimant) is known only once every snapshot holder has claimed; at that moment it
/// is carried to the contributors of the asset's next epoch (`DustCarried`). Until then it is held for
/// the holders who have not claimed. When the snapshot supply is zero, the contributors' part is
/// carried to the next epoch's contributors in the same way. What is carried goes to contributors
/// only: the treasury took its share when the income arrived and never takes it twice.
/// Deployed once as an implementation and used through minimal clones, so its initializer is disabled.
contract Membrane is IMembrane, Initializable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Most epochs one claim may name (keeps a claim's gas bounded).
    uint256 public constant MAX_CLAIM_EPOCHS = 64;
    /// @notice Minimum epoch length until governance sets another.
    uint48 public constant DEFAULT_MIN_EPOCH_LENGTH = 1 days;
    /// @dev 100 % in basis points.
    uint16 private constant BPS = 10_000;

    /// @dev Per-asset book: income of the open epoch, what earlier epochs carried to the next epoch's
    /// contributors, treasury debt, everything owed, closes so far.
    struct AssetBook {
        uint256 pending;
        uint256 carried;
        uint256 treasuryOwed;
        uint256 accounted;
        uint256 epochCount;
        uint48 lastCloseAt;
    }

    IContributionToken private _token;
    address private _treasury;
    address private _governance;
    uint16 private _treasuryShareBps;
    uint48 private _minEpochLength;
    uint48 private _startedAt;

    mapping(address asset => AssetBook) private _books;
    mapping(address asset => mapping(uint256 epochId => Epoch)) private _epochs;
    mapping(address asset => mapping(uint256 epochId => mapping(address account => bool))) private _claimed;

    modifier onlyGovernance() {
        _checkGovernance();
        _;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IMembrane
    function initialize(
        address token_,
        address treasury_,
        address governance_,
        uint16 treasuryShareBps_
    ) external initializer {
        if (token_ == address(0) || treasury_ == address(0) || governance_ == address(0))
            revert MembraneInvalidAddress();
        if (treasuryShareBps_ > BPS) revert MembraneInvalidShare(treasuryShareBps_);
        _token = IContributionToken(token_);
        _treasury = treasury_;
        _governance = governance_;
        _treasuryShareBps = treasuryShareBps_;
        _minEpochLength = DEFAULT_MIN_EPOCH_LENGTH;
        _startedAt = uint48(block.timestamp);
        emit MembraneInitialized(token_, treasury_, governance_, treasuryShareBps_);
    }

    /// @notice Native currency sent here is income of the open native epoch.
    receive() external payable {
        _credit(address(0), msg.sender, msg.value);
    }

    /// @inheritdoc IMembrane
    function notifyIncome(address asset) external nonReentrant returns (uint256 arrived) {
        return _creditUnnotified(asset);
    }

    /// @inheritdoc IMembrane
    function depositIncome(address asset, uint256 amount) external nonReentrant returns (uint256 arrived) {
        if (asset == address(0) || amount == 0) revert MembraneInvalidDeposit(asset, amount, 0);
        uint256 before = IERC20(asset).balanceOf(address(this));
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        arrived = IERC20(asset).balanceOf(address(this)) - before;
        _credit(asset, msg.sender, arrived);
    }

    /// @inheritdoc IMembrane
    function closeEpoch(address asset) external nonReentrant returns (uint256 epochId) {
        AssetBook storage book = _books[asset];
        uint256 openableAt = _nextCloseAt(book);
        if (block.timestamp < openableAt) revert MembraneEpochTooShort(asset, openableAt, block.timestamp);
        _creditUnnotified(asset);
        uint48 snapshot = uint48(block.timestamp - 1);
        uint256 supply = _token.getPastTotalSupply(snapshot);
        uint256 income = book.pending;
        // Rounded down: the treasury never receives more than its share. mulDiv: an income near
        // 2^256 (a token with a huge supply) must not make every later close of this asset overflow.
        uint256 toTreasury = Math.mulDiv(income, _treasuryShareBps, BPS);
        // What earlier epochs carried is the contributors' alone: the treasury took its share of it already.
        uint256 toContributors = income - toTreasury + book.carried;
        uint256 carried;
        if (supply == 0) {
            carried = toContributors;
            toContributors = 0;
        }
        epochId = ++book.epochCount;
        _epochs[asset][epochId] = Epoch({
            snapshot: snapshot,
            closedAt: uint48(block.timestamp),
            supply: supply,
            income: income,
            toTreasury: toTreasury,
            toContributors: toContributors,
            claimed: 0,
            claimedWeight: 0
        });
        book.pending = 0;
        book.carried = carried;
        book.treasuryOwed += toTreasury;
        book.lastCloseAt = uint48(block.timestamp);
        emit EpochClosed(asset, epochId, msg.sender, snapshot, supply, income, toTreasury, toContributors);
        if (carried != 0) emit DustCarried(asset, epochId, carried);
    }

    /// @inheritdoc IMembrane
    function claim(address asset, uint256[] calldata epochIds) external nonReentrant returns (uint256 amount) {
        uint256 count = epochIds.length;
        if (count == 0 || count > MAX_CLAIM_EPOCHS) revert MembraneTooManyEpochs(count, MAX_CLAIM_EPOCHS);
        AssetBook storage book = _books[asset];
        uint256 closed = book.epochCount;
        bool counted;
        for (uint256 i = 0; i < count; ++i) {
            (uint256 share, bool held) = _claimEpoch(asset, book, closed, epochIds[i]);
            amount += share;
            counted = counted || held;
        }
        if (!counted) revert MembraneNothingToClaim(asset, msg.sender);
        // A holder whose share rounds to zero still counts as having claimed, so that the epoch's
        // remainder carries to the open epoch once every snapshot holder has.
        if (amount == 0) return 0;
        book.accounted -= amount;
        _send(asset, msg.sender, amount);
    }

    /// @inheritdoc IMembrane
    function payTreasury(address asset) external nonReentrant returns (uint256 amount) {
        AssetBook storage book = _books[asset];
        amount = book.treasuryOwed;
        if (amount == 0) revert MembraneNothingOwed(asset);
        book.treasuryOwed = 0;
        book.accounted -= amount;
        _send(asset, _treasury, amount);
        emit TreasuryPaid(asset, _treasury, amount);
    }

    /// @inheritdoc IMembrane
    function setTreasuryShare(uint16 bps) external onlyGovernance {
        if (bps > BPS) revert MembraneInvalidShare(bps);
        emit TreasuryShareChanged(_treasuryShareBps, bps);
        _treasuryShareBps = bps;
    }

    /// @inheritdoc IMembrane
    function setMinEpochLength(uint48 seconds_) external onlyGovernance {
        emit MinEpochLengthChanged(_minEpochLength, seconds_);
        _minEpochLength = seconds_;
    }

    /// @inheritdoc IMembrane
    function claimable(address asset, uint256 epochId, address account) external view returns (uint256) {
        if (epochId == 0 || epochId > _books[asset].epochCount || _claimed[asset][epochId][account]) return 0;
        Epoch storage e = _epochs[asset][epochId];
        if (e.toContributors == 0) return 0;
        return Math.mulDiv(e.toContributors, _token.getPastBalance(account, e.snapshot), e.supply);
    }

    /// @inheritdoc IMembrane
    function hasClaimed(address asset, uint256 epochId, address account) external view returns (bool) {
        return _claimed[asset][epochId][account];
    }

    /// @inheritdoc IMembrane
    function epoch(address asset, uint256 epochId) external view returns (Epoch memory) {
        return _epochs[asset][epochId];
    }

    /// @inheritdoc IMembrane
    function epochCount(address asset) external view returns (uint256) {
        return _books[asset].epochCount;
    }

    /// @inheritdoc IMembrane
    function pendingIncome(address asset) external view returns (uint256) {
        return _books[asset].pending;
    }

    /// @inheritdoc IMembrane
    function carriedToContributors(address asset) external view returns (uint256) {
        return _books[asset].carried;
    }

    /// @inheritdoc IMembrane
    function treasuryOwed(address asset) external view returns (uint256) {
        return _books[asset].treasuryOwed;
    }

    /// @inheritdoc IMembrane
    function accounted(address asset) external view returns (uint256) {
        return _books[asset].accounted;
    }

    /// @inheritdoc IMembrane
    function nextCloseAt(address asset) external view returns (uint256) {
        return _nextCloseAt(_books[asset]);
    }

    /// @inheritdoc IMembrane
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IMembrane
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IMembrane
    function governance() external view returns (address) {
        return _governance;
    }

    /// @inheritdoc IMembrane
    function treasuryShareBps() external view returns (uint16) {
        return _treasuryShareBps;
    }

    /// @inheritdoc IMembrane
    function minEpochLength() external view returns (uint48) {
        return _minEpochLength;
    }

    /// @dev Adds `amount` to the open epoch of `asset` and to what the contract owes.
    function _credit(address asset, address from, uint256 amount) private {
        if (amount == 0) return;
        AssetBook storage book = _books[asset];
        book.pending += amount;
        book.accounted += amount;
        emit IncomeReceived(asset, from, amount);
    }

    /// @dev Credits what the contract holds of `asset` beyond what it owes (income that arrived
    /// without a call) to the open epoch.
    function _creditUnnotified(address asset) private returns (uint256 arrived) {
        uint256 held = _balance(asset);
        uint256 owed = _books[asset].accounted;
        if (held <= owed) return 0;
        // Cannot underflow: held > owed was checked just above.
        unchecked {
            arrived = held - owed;
        }
        _credit(asset, address(0), arrived);
    }

    /// @dev Marks `epochId` claimed by the caller and returns their share; carries the epoch's dust
    /// to the next epoch's contributors once the last snapshot holder has claimed.
    function _claimEpoch(
        address asset,
        AssetBook storage book,
        uint256 closed,
        uint256 epochId
    ) private returns (uint256 share, bool held) {
        if (epochId == 0 || epochId > closed) revert MembraneUnknownEpoch(asset, epochId, closed);
        if (_claimed[asset][epochId][msg.sender]) revert MembraneAlreadyClaimed(asset, epochId, msg.sender);
        Epoch storage e = _epochs[asset][epochId];
        if (e.toContributors == 0) return (0, false);
        uint256 weight = _token.getPastBalance(msg.sender, e.snapshot);
        if (weight == 0) return (0, false);
        held = true;
        _claimed[asset][epochId][msg.sender] = true;
        // Rounded down, so the claims of an epoch never add up to more than toContributors.
        share = Math.mulDiv(e.toContributors, weight, e.supply);
        uint256 claimedWeight = e.claimedWeight + weight;
        uint256 claimedTotal = e.claimed + share;
        e.claimedWeight = claimedWeight;
        e.claimed = claimedTotal;
        emit IncomeClaimed(asset, epochId, msg.sender, weight, share);
        if (claimedWeight == e.supply && claimedTotal < e.toContributors) {
            // Cannot underflow: claimedTotal < toContributors was checked in the condition.
            unchecked {
                uint256 dust = e.toContributors - claimedTotal;
                e.claimed = e.toContributors;
                book.carried += dust;
                emit DustCarried(asset, epochId, dust);
            }
        }
    }

    /// @dev Pays `amount` of `asset` to `to`.
    function _send(address asset, address to, uint256 amount) private {
        if (asset == address(0)) {
            (bool ok, ) = to.call{value: amount}("");
            if (!ok) revert MembraneNativeTransferFailed(to, amount);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }

    function _checkGovernance() private view {
        if (msg.sender != _governance) revert MembraneUnauthorized(msg.sender);
    }

    function _balance(address asset) private view returns (uint256) {
        return asset == address(0) ? address(this).balance : IERC20(asset).balanceOf(address(this));
    }

    function _nextCloseAt(AssetBook storage book) private view returns (uint256) {
        uint48 last = book.lastCloseAt;
        return uint256(last == 0 ? _startedAt : last) + _minEpochLength;
    }
}
