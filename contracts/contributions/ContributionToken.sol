// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {ERC20VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IContributionToken} from "../interfaces/IContributionToken.sol";

/// @title ContributionToken
/// @notice What a community recognises its members for: minted only when a contribution is
/// accepted (attested work, an epoch allocation, a steward's voucher), never bought, sold or moved.
/// It is the source of voting power in the community's governor and of each member's share of
/// income in its membrane.
/// @dev Deliberate deviations from ERC-20, stated here once:
/// - `transfer`, `transferFrom` and `approve` always revert with `ContributionTokenNonTransferable`;
///   `allowance` is always zero.
/// - A holder's votes count as their own from the first mint, with no `delegate` transaction:
///   `delegates(account)` returns `account` until the holder delegates elsewhere, and delegating
///   to the zero address means delegating back to oneself.
/// - Balances are checkpointed as well as votes (`getPastBalance`), so income can be shared by
///   what each member held at a past time even when they delegated their votes. An account's past
///   balance is its past votes minus what others had delegated to it then (a checkpoint written only
///   by the delegators' own transactions), until the account itself first delegates away; from then
///   on its balance gets checkpoints of its own. So a contributor's mint writes no second checkpoint,
///   and nobody else's action (a delegation to it, from a holder or an empty account) changes the gas
///   of its mints: each account pays for its own choices only.
/// - The total supply is checkpointed together with the total quadratic weight, `sum floor(sqrt(votes))`
///   over all accounts (`getPastTotalQuadraticWeight`), in one slot of two 104-bit halves; a quadratic
///   governor's quorum is a share of that weight. Hence the supply cap is `2**104 - 1` (about 2e13
///   tokens of 18 decimals) instead of ERC20Votes' `2**208 - 1`.
/// - Recency (docs/contributions.md): with a half-life H (0, the default: none), a token's weight halves
///   every H after its mint. Balances and `totalSupply` stay nominal (what members earned); votes
///   (`getVotes`, `getPastVotes`), `getPastTotalSupply`, `getPastTotalQuadraticWeight` and
///   `getPastBalance` are weights. Checkpoints hold units scaled by `2^level` (half-lives elapsed)
///   from an anchor that moves every two half-lives (an era, stored in each checkpoint's top bits),
///   so time passing writes nothing and the arithmetic stays in range for 2^24 eras. OpenZeppelin's
///   own vote checkpoints are therefore never written: the token keeps its own (`votes`).
/// The clock is the block timestamp (ERC-6372 `mode=timestamp`).
/// Deployed once as an implementation and used through minimal clones made by the community
/// factory, so the implementation's own initializer is disabled.
contract ContributionToken is IContributionToken, ERC20VotesUpgradeable, AccessControlUpgradeable {
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Role of the community's accounting contracts, which mint accepted contributions.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @custom:storage-location erc7201:cosmolocal.storage.ContributionToken
    struct ContributionTokenStorage {
        /// @dev The account's own balance checkpoints, written since `delegatedAwayAt` only.
        mapping(address account => Checkpoints.Trace208) balanceCheckpoints;
        /// @dev When the account first delegated its votes to another account; 0 while it never did.
        mapping(address account => uint48) delegatedAwayAt;
        /// @dev Votes other accounts delegated to the account (its votes minus its own balance, while
        /// it did not delegate away), checkpointed by those accounts' delegations, mints and burns.
        mapping(address account => Checkpoints.Trace208) delegatedIn;
        /// @dev Era (top 24 bits), total supply units (106 bits) and total quadratic units (low 78 bits),
        /// checkpointed together; OpenZeppelin's own total-supply checkpoints are never written.
        Checkpoints.Trace208 totals;
        /// @dev Each delegate's votes: era (top 24 bits) and units (low 184 bits), as every account trace.
        mapping(address delegatee => Checkpoints.Trace208) votes;
        /// @dev The current stretch of the half-life schedule: level at its start (high 160 bits, 64
        /// fractional), half-life in seconds (48 bits), start (low 48 bits); 0 while decay never was on.
        uint256 stretch;
        /// @dev Earlier stretches, oldest first, for the level at past timepoints.
        uint256[] earlierStretches;
    }
    // keccak256(abi.encode(uint256(keccak256("cosmolocal.storage.ContributionToken")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xb327106741fdb81ace8be0c2e7a06380f4696d9748fc955f8d10ac1452d83900;

    /// @notice The shortest half-life a community may choose (besides 0, no decay).
    uint256 public constant MIN_HALF_LIFE = 1 days;
    /// @notice The longest half-life a community may choose; a longer one is almost surely a unit mistake.
    uint256 public constant MAX_HALF_LIFE = 36_500 days;

    /// @dev The largest nominal total supply: units are below 4 times it, 2**106, in a `totals` checkpoint.
    uint256 private constant MAX_SUPPLY = (1 << 104) - 1;
    /// @dev Every checkpoint stores its era above bit 184 (24 bits, 2**24 eras of two half-lives each).
    uint256 private constant ERA_SHIFT = 184;
    uint256 private constant UNITS_MASK = (1 << ERA_SHIFT) - 1;
    uint256 private constant MAX_ERA = (1 << 24) - 1;
    /// @dev A `totals` checkpoint: supply units in bits 78..183, quadratic units in bits 0..77.
    uint256 private constant SUPPLY_SHIFT = 78;
    uint256 private constant SUPPLY_MASK = (1 << 106) - 1;
    uint256 private constant ROOTS_MASK = (1 << SUPPLY_SHIFT) - 1;
    /// @dev Levels count half-lives with 64 fractional bits; an era is two half-lives.
    uint256 private constant LEVEL_ONE_BITS = 64;
    uint256 private constant ERA_LEVEL_BITS = 65;
    uint256 private constant FRACTION_MASK = (1 << LEVEL_ONE_BITS) - 1;
    /// @dev Fixed point of `_pow2`: 2**127 is 1.
    uint256 private constant Q127 = 1 << 127;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets up a community's token.
    /// @param name_ Token name, for example "Watershed Contribution".
    /// @param symbol_ Token symbol, for example "cWATER".
    /// @param governance The community's timelock: the only admin, the only account that can burn.
    /// @param minters The community's accounting contracts (attestations, epochs, vouchers).
    /// @param founders Founding members, credited at creation for the work that started the community.
    /// @param amounts What each founder is credited, in the same order as `founders`.
    /// @param halfLife_ Seconds in which a contribution's weight halves; 0: weights never fade.
    // Memory, not calldata, for four of the parameters: with all seven in calldata the stack is too deep.
    // solhint-disable-next-line gas-calldata-parameters
    function initialize(
        string memory name_,
        string memory symbol_,
        address governance,
        address[] memory minters,
        address[] memory founders,
        uint256[] calldata amounts,
        uint256 halfLife_
    ) external initializer {
        if (governance == address(0)) revert ContributionTokenInvalidAccount();
        if (founders.length != amounts.length) revert ContributionTokenLengthMismatch(founders.length, amounts.length);
        if (halfLife_ != 0) {
            _checkHalfLife(halfLife_);
            _getStorage().stretch = (halfLife_ << 48) | clock();
            emit HalfLifeChanged(0, halfLife_, 0);
        }
        __ERC20_init(name_, symbol_);
        __EIP712_init(name_, "1");
        __ERC20Votes_init();
        __AccessControl_init();
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        for (uint256 i = 0; i < minters.length; ++i) {
            if (minters[i] == address(0)) revert ContributionTokenInvalidAccount();
            _grantRole(MINTER_ROLE, minters[i]);
        }
        for (uint256 i = 0; i < founders.length; ++i) {
            _mintContribution(founders[i], amounts[i]);
        }
    }

    /// @inheritdoc IContributionToken
    function mint(address account, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mintContribution(account, amount);
    }

    /// @inheritdoc IContributionToken
    function burn(address account, uint256 amount, string calldata reasonURI) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (account == address(0)) revert ContributionTokenInvalidAccount();
        if (amount == 0) revert ContributionTokenInvalidAmount();
        uint256 balance = balanceOf(account);
        if (amount > balance) revert ContributionTokenBurnExceedsBalance(account, balance, amount);
        _burn(account, amount);
        emit ContributionBurned(account, amount, reasonURI);
    }

    /// @inheritdoc IContributionToken
    function setHalfLife(uint256 newHalfLife) external onlyRole(DEFAULT_ADMIN_ROLE) {
        ContributionTokenStorage storage $ = _getStorage();
        uint256 stretch = $.stretch;
        uint256 previous = uint48(stretch >> 48);
        if (newHalfLife == previous) revert ContributionTokenHalfLifeUnchanged(newHalfLife);
        if (newHalfLife != 0) _checkHalfLife(newHalfLife);
        uint48 now_ = clock();
        uint256 level = _levelIn(stretch, now_);
        // A second change at the same timestamp replaces the first; otherwise the stretch is history.
        if (stretch != 0 && uint48(stretch) != now_) $.earlierStretches.push(stretch);
        $.stretch = (level << 96) | (newHalfLife << 48) | now_;
        emit HalfLifeChanged(previous, newHalfLife, level);
    }

    /// @notice Always reverts: contribution tokens never move between accounts.
    function transfer(address, uint256) public pure override returns (bool) {
        revert ContributionTokenNonTransferable();
    }

    /// @notice Always reverts: contribution tokens never move between accounts.
    function transferFrom(address, address, uint256) public pure override returns (bool) {
        revert ContributionTokenNonTransferable();
    }

    /// @notice Always reverts: there is nothing to approve.
    function approve(address, uint256) public pure override returns (bool) {
        revert ContributionTokenNonTransferable();
    }

    /// @notice Always zero: there is nothing to approve.
    function allowance(address, address) public pure override returns (uint256) {
        return 0;
    }

    /// @inheritdoc IContributionToken
    function getPastBalance(address account, uint256 timepoint) external view returns (uint256) {
        uint48 currentTimepoint = clock();
        if (timepoint >= currentTimepoint) revert ContributionTokenFutureLookup(timepoint, currentTimepoint);
        // Cannot truncate: timepoint < currentTimepoint, a uint48.
        uint48 t = uint48(timepoint);
        ContributionTokenStorage storage $ = _getStorage();
        uint256 level = _levelAt($, t);
        uint48 awayAt = $.delegatedAwayAt[account];
        if (awayAt != 0 && t >= awayAt) return _weightOf($.balanceCheckpoints[account].upperLookupRecent(t), level);
        // Until it first delegated away, the account's votes were its balance plus what others delegated to it.
        uint256 era = level >> ERA_LEVEL_BITS;
        uint256 units =
            _unitsIn($.votes[account].upperLookupRecent(t), era) -
                _unitsIn($.delegatedIn[account].upperLookupRecent(t), era);
        return _weight(units, era, level);
    }

    /// @inheritdoc IContributionToken
    function getPastTotalQuadraticWeight(uint256 timepoint) external view returns (uint256) {
        ContributionTokenStorage storage $ = _getStorage();
        uint256 stored = $.totals.upperLookupRecent(_validateTimepoint(timepoint));
        uint256 level = _levelAt($, timepoint);
        // The quadratic units decay by the square root of the factor: half the level, one bit per era.
        uint256 half = (level - ((stored >> ERA_SHIFT) << ERA_LEVEL_BITS)) >> 1;
        return _decay(stored & ROOTS_MASK, half);
    }

    /// @notice Total weight at `timepoint` (a timestamp strictly in the past): the total supply when
    /// decay is off, the sum of every account's decayed contributions (to within rounding, never less) when on.
    function getPastTotalSupply(uint256 timepoint) public view override(IVotes, VotesUpgradeable) returns (uint256) {
        ContributionTokenStorage storage $ = _getStorage();
        return _supplyWeight($.totals.upperLookupRecent(_validateTimepoint(timepoint)), _levelAt($, timepoint));
    }

    /// @notice The votes of `account` now: the weight of its own contributions and of those delegated to it.
    function getVotes(address account) public view override(IVotes, VotesUpgradeable) returns (uint256) {
        ContributionTokenStorage storage $ = _getStorage();
        return _weightOf($.votes[account].latest(), _levelAt($, clock()));
    }

    /// @notice The votes of `account` at `timepoint` (a timestamp strictly in the past), with the weights of then.
    function getPastVotes(
        address account,
        uint256 timepoint
    ) public view override(IVotes, VotesUpgradeable) returns (uint256) {
        ContributionTokenStorage storage $ = _getStorage();
        uint256 stored = $.votes[account].upperLookupRecent(_validateTimepoint(timepoint));
        // Decay never was on: every checkpoint is of era 0, its units are the votes (the cheap path of a vote).
        if ($.stretch == 0) return stored;
        return _weightOf(stored, _levelAt($, timepoint));
    }

    /// @inheritdoc IContributionToken
    function weightOf(address account) external view returns (uint256) {
        ContributionTokenStorage storage $ = _getStorage();
        uint256 level = _levelAt($, clock());
        uint256 era = level >> ERA_LEVEL_BITS;
        return _weight(_ownUnits($, account, era), era, level);
    }

    /// @inheritdoc IContributionToken
    function totalWeight() external view returns (uint256) {
        ContributionTokenStorage storage $ = _getStorage();
        return _supplyWeight($.totals.latest(), _levelAt($, clock()));
    }

    /// @inheritdoc IContributionToken
    function halfLife() external view returns (uint256) {
        return uint48(_getStorage().stretch >> 48);
    }

    /// @inheritdoc IContributionToken
    function levelAt(uint256 timepoint) external view returns (uint256) {
        return _levelAt(_getStorage(), timepoint);
    }

    /// @notice When `account` first delegated its votes to another account (0: never); its own balance
    /// checkpoints start then.
    function delegatedAwayAt(address account) external view returns (uint256) {
        return _getStorage().delegatedAwayAt[account];
    }

    /// @notice Number of balance checkpoints of `account` (written only since `delegatedAwayAt(account)`).
    function numBalanceCheckpoints(address account) external view returns (uint256) {
        return _getStorage().balanceCheckpoints[account].length();
    }

    /// @notice The account whose votes `account`'s tokens count for: `account` itself unless it delegated.
    function delegates(address account) public view override(IVotes, VotesUpgradeable) returns (address) {
        address delegatee = super.delegates(account);
        return delegatee == address(0) ? account : delegatee;
    }

    /// @notice ERC-6372 clock: the block timestamp.
    function clock() public view override(IERC6372, VotesUpgradeable) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(IERC6372, VotesUpgradeable) returns (string memory) {
        return "mode=timestamp";
    }

    /// @dev Only mints and burns reach here (every transfer path reverts before), but the check
    /// keeps the token non-transferable even if a future override forgets one. Its revert branch is
    /// therefore unreachable and left uncovered by the tests.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) revert ContributionTokenNonTransferable();
        super._update(from, to, value);
    }

    function _mintContribution(address account, uint256 amount) private {
        if (account == address(0)) revert ContributionTokenInvalidAccount();
        if (amount == 0) revert ContributionTokenInvalidAmount();
        _mint(account, amount);
        emit ContributionMinted(account, amount, msg.sender);
    }

    /// @dev Delegating to the zero address means delegating back to oneself. An account that delegates to
    /// another starts its own balance checkpoints (its votes no longer include its balance); the units it
    /// moves are recorded as delegated in to the delegates they leave and join.
    function _delegate(address account, address delegatee) internal override {
        address newDelegate = delegatee == address(0) ? account : delegatee;
        address oldDelegate = delegates(account);
        if (oldDelegate != newDelegate) {
            ContributionTokenStorage storage $ = _getStorage();
            uint256 era = _currentEra($);
            if (newDelegate != account && $.delegatedAwayAt[account] == 0) {
                uint256 own = _ownUnits($, account, era);
                $.delegatedAwayAt[account] = clock();
                _pushUnits($.balanceCheckpoints[account], era, own, true);
            }
            uint256 units = _ownUnits($, account, era);
            if (units != 0) {
                if (oldDelegate != account) _pushUnits($.delegatedIn[oldDelegate], era, units, false);
                if (newDelegate != account) _pushUnits($.delegatedIn[newDelegate], era, units, true);
            }
        }
        super._delegate(account, newDelegate);
    }

    /// @dev What `_delegate` moves: the account's own units, in the current era.
    function _getVotingUnits(address account) internal view override returns (uint256) {
        ContributionTokenStorage storage $ = _getStorage();
        return _ownUnits($, account, _currentEra($));
    }

    /// @dev Every mint and burn (never a transfer, see `_update`), of `amount` nominal tokens. Replaces
    /// OpenZeppelin's version, which would write its own checkpoints: a mint adds the amount's units at
    /// the current level, a burn removes the burnt share of the account's units (rounded up, so that a
    /// full burn leaves none), to the account's delegate, its delegated-in record and balance checkpoints
    /// where it has them, and to the totals.
    function _transferVotingUnits(address from, address to, uint256 amount) internal override {
        ContributionTokenStorage storage $ = _getStorage();
        uint256 level = _levelAt($, clock());
        uint256 era = _checkEra(level);
        address account = from == address(0) ? to : from;
        bool minted = from == address(0);
        uint256 units =
            minted
                ? _units(amount, level)
                : Math.mulDiv(_ownUnits($, from, era), amount, balanceOf(from) + amount, Math.Rounding.Ceil);
        address delegate = delegates(account);
        if (delegate != account) _pushUnits($.delegatedIn[delegate], era, units, minted);
        if ($.delegatedAwayAt[account] != 0) _pushUnits($.balanceCheckpoints[account], era, units, minted);
        if (minted) _moveVotesAndTotals($, era, level, address(0), delegate, units, true);
        else _moveVotesAndTotals($, era, level, delegate, address(0), units, false);
    }

    /// @dev Reached from `_delegate` only (mints and burns go through `_transferVotingUnits`).
    function _moveDelegateVotes(address from, address to, uint256 amount) internal override {
        ContributionTokenStorage storage $ = _getStorage();
        uint256 level = _levelAt($, clock());
        _moveVotesAndTotals($, level >> ERA_LEVEL_BITS, level, from, to, amount, false);
    }

    /// @dev Moves `units` (of era `era`) of votes from delegate `from` to delegate `to` (zero: minted or
    /// burned) and checkpoints the totals: supply units and quadratic units, the square roots of the two
    /// delegates' units before and after, rounded down each (what a quadratic governor counts for them).
    /// A total converted from an older era is never less than the sum of its parts converted one by one
    /// (floor(a + b) >= floor(a) + floor(b), and floor(sqrt(v / 4**k)) = floor(floor(sqrt(v)) / 2**k)), so
    /// the subtractions below cannot underflow.
    function _moveVotesAndTotals(
        ContributionTokenStorage storage $,
        uint256 era,
        uint256 level,
        address from,
        address to,
        uint256 units,
        bool minted
    ) private {
        if (from == to || units == 0) return; // Nothing moves (OpenZeppelin's own check).
        uint256 latest = $.totals.latest();
        uint256 eras = era - (latest >> ERA_SHIFT);
        uint256 supply = ((latest >> SUPPLY_SHIFT) & SUPPLY_MASK) >> (2 * eras);
        uint256 roots = (latest & ROOTS_MASK) >> eras;
        if (from != address(0)) {
            uint256 votes = _unitsIn($.votes[from].latest(), era);
            roots -= Math.sqrt(votes) - Math.sqrt(votes - units);
            _pushVotes($, from, era, level, votes, votes - units);
            if (to == address(0)) supply -= units;
        }
        if (to != address(0)) {
            uint256 votes = _unitsIn($.votes[to].latest(), era);
            roots += Math.sqrt(votes + units) - Math.sqrt(votes);
            _pushVotes($, to, era, level, votes, votes + units);
            if (minted) supply += units;
        }
        // Every field fits: supply units are below 4 * MAX_SUPPLY < 2**106 (each mint's units are below 4
        // times its amount, and ERC20Votes caps the nominal supply before this call); the quadratic units are
        // at most sqrt(holders * supply) by Cauchy-Schwarz, below 2**78 for fewer than 2**50 holders.
        $.totals.push(clock(), uint208((era << ERA_SHIFT) | (supply << SUPPLY_SHIFT) | roots));
    }

    function _pushVotes(
        ContributionTokenStorage storage $,
        address delegate,
        uint256 era,
        uint256 level,
        uint256 before,
        uint256 next
    ) private {
        // Cannot truncate: era <= MAX_ERA (checked by the callers) and units < 2**106.
        $.votes[delegate].push(clock(), uint208((era << ERA_SHIFT) | next));
        emit DelegateVotesChanged(delegate, _weight(before, era, level), _weight(next, era, level));
    }

    /// @dev The supply cap: a `totals` checkpoint holds the supply's units in 106 bits.
    function _maxSupply() internal pure override returns (uint256) {
        return MAX_SUPPLY;
    }

    function _numCheckpoints(address account) internal view override returns (uint32) {
        return SafeCast.toUint32(_getStorage().votes[account].length());
    }

    /// @dev A vote checkpoint with its votes as they were weighed at its own time.
    function _checkpoints(
        address account,
        uint32 pos
    ) internal view override returns (Checkpoints.Checkpoint208 memory checkpoint) {
        ContributionTokenStorage storage $ = _getStorage();
        checkpoint = $.votes[account].at(pos);
        checkpoint._value = uint208(_weightOf(checkpoint._value, _levelAt($, checkpoint._key)));
    }

    /// @dev Adds (or removes) `units` of era `era` to the latest value of `trace`.
    function _pushUnits(Checkpoints.Trace208 storage trace, uint256 era, uint256 units, bool add) private {
        uint256 current = _unitsIn(trace.latest(), era);
        // Cannot truncate: era <= MAX_ERA and units < 2**106.
        trace.push(clock(), uint208((era << ERA_SHIFT) | (add ? current + units : current - units)));
    }

    /// @dev The account's own units in era `era`: its balance checkpoints once it delegated away, its
    /// votes less what others delegated to it before.
    function _ownUnits(
        ContributionTokenStorage storage $,
        address account,
        uint256 era
    ) private view returns (uint256) {
        if ($.delegatedAwayAt[account] != 0) return _unitsIn($.balanceCheckpoints[account].latest(), era);
        return _unitsIn($.votes[account].latest(), era) - _unitsIn($.delegatedIn[account].latest(), era);
    }

    function _currentEra(ContributionTokenStorage storage $) private view returns (uint256) {
        return _checkEra(_levelAt($, clock()));
    }

    /// @dev The era of `level`, which writes can store (2**24 eras: 91,000 years at the shortest half-life).
    function _checkEra(uint256 level) private pure returns (uint256 era) {
        era = level >> ERA_LEVEL_BITS;
        if (era > MAX_ERA) revert ContributionTokenRecencyRangeExceeded(level);
    }

    /// @dev Half-lives elapsed at `t` (64 fractional bits), from the stretch of the schedule that holds `t`.
    function _levelAt(ContributionTokenStorage storage $, uint256 t) private view returns (uint256) {
        uint256 stretch = $.stretch;
        if (stretch == 0) return 0; // Decay never was on: the level is 0 at every time.
        if (t < uint48(stretch)) {
            uint256[] storage earlier = $.earlierStretches;
            stretch = 0; // Before the first stretch, the level is 0.
            for (uint256 i = earlier.length; i != 0; --i) {
                if (uint48(earlier[i - 1]) <= t) {
                    stretch = earlier[i - 1];
                    break;
                }
            }
        }
        return _levelIn(stretch, t);
    }

    /// @dev `level(start) + (t - start) * 2**64 / halfLife` for `t` in `stretch` (not before its start).
    function _levelIn(uint256 stretch, uint256 t) private pure returns (uint256) {
        uint256 level = stretch >> 96;
        uint256 halfLife_ = uint48(stretch >> 48);
        if (halfLife_ == 0) return level;
        return level + ((t - uint48(stretch)) << LEVEL_ONE_BITS) / halfLife_;
    }

    /// @dev The units a mint of `amount` adds at `level`: amount * 2**(level - 2 * era), below 4 * amount.
    function _units(uint256 amount, uint256 level) private pure returns (uint256) {
        uint256 d = level & ((1 << ERA_LEVEL_BITS) - 1);
        if (d == 0) return amount;
        // Cannot overflow: amount <= MAX_SUPPLY < 2**104 and _pow2 < 2**128.
        return (amount * _pow2(d & FRACTION_MASK)) >> (127 - (d >> LEVEL_ONE_BITS));
    }

    /// @dev The units of a stored value (era in its top bits) in era `era`, not older: 2 bits fewer per era.
    function _unitsIn(uint256 stored, uint256 era) private pure returns (uint256) {
        // A shift of 256 or more gives 0: units of an era so old they weigh nothing.
        return (stored & UNITS_MASK) >> (2 * (era - (stored >> ERA_SHIFT)));
    }

    function _weightOf(uint256 stored, uint256 level) private pure returns (uint256) {
        return _weight(stored & UNITS_MASK, stored >> ERA_SHIFT, level);
    }

    function _supplyWeight(uint256 stored, uint256 level) private pure returns (uint256) {
        return _weight((stored >> SUPPLY_SHIFT) & SUPPLY_MASK, stored >> ERA_SHIFT, level);
    }

    /// @dev The weight at `level` of `units` of era `era`: units * 2**-(level - 2 * era).
    function _weight(uint256 units, uint256 era, uint256 level) private pure returns (uint256) {
        return _decay(units, level - (era << ERA_LEVEL_BITS));
    }

    /// @dev floor(floor(units / 2**int(d)) * 2**127 / _pow2(frac(d))): units * 2**-d, d with 64 fractional bits.
    function _decay(uint256 units, uint256 d) private pure returns (uint256) {
        if (d == 0) return units;
        return ((units >> (d >> LEVEL_ONE_BITS)) * Q127) / _pow2(d & FRACTION_MASK);
    }

    /// @dev 2**(f / 2**64) for f < 2**64, in 127-bit fixed point (in [2**127, 2**128)): the product of
    /// 2**(2**-i) over the bits i of f, each constant rounded down (`ROOTS` in scripts/lib/recency-model.ts).
    function _pow2(uint256 f) private pure returns (uint256) {
        return _pow2Low(f, _pow2High(f));
    }

    /// @dev The first half of `_pow2`: r = 2**127 times the roots of the 32 high bits of f.
    function _pow2High(uint256 f) private pure returns (uint256 r) {
        r = Q127;
        // Cannot overflow: r < 2**128 and every constant < 2**127.5, so each product < 2**256.
        unchecked {
            if (f & 0x8000000000000000 != 0) r = (r * 0xb504f333f9de6484597d89b3754abe9f) >> 127;
            if (f & 0x4000000000000000 != 0) r = (r * 0x9837f0518db8a96f46ad23182e42f6f6) >> 127;
            if (f & 0x2000000000000000 != 0) r = (r * 0x8b95c1e3ea8bd6e6fbe4628758a53c90) >> 127;
            if (f & 0x1000000000000000 != 0) r = (r * 0x85aac367cc487b14c5c95b8c2154c1b2) >> 127;
            if (f & 0x800000000000000 != 0) r = (r * 0x82cd8698ac2ba1d73e2a475b46520bff) >> 127;
            if (f & 0x400000000000000 != 0) r = (r * 0x8164d1f3bc0307737be56527bd14def4) >> 127;
            if (f & 0x200000000000000 != 0) r = (r * 0x80b1ed4fd999ab6c25335719b6e6fd20) >> 127;
            if (f & 0x100000000000000 != 0) r = (r * 0x8058d7d2d5e5f6b094d589f608ee4aa2) >> 127;
            if (f & 0x80000000000000 != 0) r = (r * 0x802c6436d0e04f50ff8ce94a6797b3ce) >> 127;
            if (f & 0x40000000000000 != 0) r = (r * 0x8016302f174676283690dfe44d11d008) >> 127;
            if (f & 0x20000000000000 != 0) r = (r * 0x800b179c82028fd0945e54e2ae18f2f0) >> 127;
            if (f & 0x10000000000000 != 0) r = (r * 0x80058baf7fee3b5d1c718b38e549cb93) >> 127;
            if (f & 0x8000000000000 != 0) r = (r * 0x8002c5d00fdcfcb6b6566a58c048be1f) >> 127;
            if (f & 0x4000000000000 != 0) r = (r * 0x800162e61bed4a48e84c2e1a463473d9) >> 127;
            if (f & 0x2000000000000 != 0) r = (r * 0x8000b17292f702a3aa22beacca949013) >> 127;
            if (f & 0x1000000000000 != 0) r = (r * 0x800058b92abbae02030c5fa5256f41fe) >> 127;
            if (f & 0x800000000000 != 0) r = (r * 0x80002c5c8dade4d71776c0f4dbea67d6) >> 127;
            if (f & 0x400000000000 != 0) r = (r * 0x8000162e44eaf636526be456600bdbe4) >> 127;
            if (f & 0x200000000000 != 0) r = (r * 0x80000b1721fa7c188307016c1cd4e8b6) >> 127;
            if (f & 0x100000000000 != 0) r = (r * 0x8000058b90de7e4cecfc487503488bb1) >> 127;
            if (f & 0x80000000000 != 0) r = (r * 0x800002c5c8678f36cbfce50a6de60b14) >> 127;
            if (f & 0x40000000000 != 0) r = (r * 0x80000162e431db9f80b2347b5d62e516) >> 127;
            if (f & 0x20000000000 != 0) r = (r * 0x800000b1721872d0c7b08cf1e0114152) >> 127;
            if (f & 0x10000000000 != 0) r = (r * 0x80000058b90c1aa8a5c3736cb77e8dff) >> 127;
            if (f & 0x8000000000 != 0) r = (r * 0x8000002c5c8605a4635f2efc2362d978) >> 127;
            if (f & 0x4000000000 != 0) r = (r * 0x800000162e4300e635cf4a109e3939bd) >> 127;
            if (f & 0x2000000000 != 0) r = (r * 0x8000000b17217ff81bef9c551590cf83) >> 127;
            if (f & 0x1000000000 != 0) r = (r * 0x800000058b90bfdd4e39cd52c0cfa27c) >> 127;
            if (f & 0x800000000 != 0) r = (r * 0x80000002c5c85fe6f72d669e0e76e411) >> 127;
            if (f & 0x400000000 != 0) r = (r * 0x8000000162e42ff18f9ad35186d0df28) >> 127;
            if (f & 0x200000000 != 0) r = (r * 0x80000000b17217f84cce71aa0dcfffe7) >> 127;
            if (f & 0x100000000 != 0) r = (r * 0x8000000058b90bfc07a77ad56ed22aaa) >> 127;
        }
    }

    /// @dev The second half of `_pow2`: r times the roots of the 32 low bits of f.
    function _pow2Low(uint256 f, uint256 r) private pure returns (uint256) {
        // Cannot overflow, as in `_pow2High`.
        unchecked {
            if (f & 0x80000000 != 0) r = (r * 0x800000002c5c85fdfc23cdead40da8d6) >> 127;
            if (f & 0x40000000 != 0) r = (r * 0x80000000162e42fefc25eb1571853a66) >> 127;
            if (f & 0x20000000 != 0) r = (r * 0x800000000b17217f7d97f692baacded5) >> 127;
            if (f & 0x10000000 != 0) r = (r * 0x80000000058b90bfbead3b8b5dd254d7) >> 127;
            if (f & 0x8000000 != 0) r = (r * 0x8000000002c5c85fdf4eedd62f084e67) >> 127;
            if (f & 0x4000000 != 0) r = (r * 0x800000000162e42fefa58aef378bf586) >> 127;
            if (f & 0x2000000 != 0) r = (r * 0x8000000000b17217f7d24a78a3c7ef02) >> 127;
            if (f & 0x1000000 != 0) r = (r * 0x800000000058b90bfbe9067c93e474a6) >> 127;
            if (f & 0x800000 != 0) r = (r * 0x80000000002c5c85fdf47b8e5a72599f) >> 127;
            if (f & 0x400000 != 0) r = (r * 0x8000000000162e42fefa3bdb315934a2) >> 127;
            if (f & 0x200000 != 0) r = (r * 0x80000000000b17217f7d1d7299b49c46) >> 127;
            if (f & 0x100000 != 0) r = (r * 0x8000000000058b90bfbe8e9a8d1c4ea0) >> 127;
            if (f & 0x80000 != 0) r = (r * 0x800000000002c5c85fdf4745969ea76f) >> 127;
            if (f & 0x40000 != 0) r = (r * 0x80000000000162e42fefa3a0df5373bf) >> 127;
            if (f & 0x20000 != 0) r = (r * 0x800000000000b17217f7d1cff4aac1e1) >> 127;
            if (f & 0x10000 != 0) r = (r * 0x80000000000058b90bfbe8e7db95a2f1) >> 127;
            if (f & 0x8000 != 0) r = (r * 0x8000000000002c5c85fdf473e61ae1f8) >> 127;
            if (f & 0x4000 != 0) r = (r * 0x800000000000162e42fefa39f121751c) >> 127;
            if (f & 0x2000 != 0) r = (r * 0x8000000000000b17217f7d1cf815bb96) >> 127;
            if (f & 0x1000 != 0) r = (r * 0x800000000000058b90bfbe8e7bec1e0d) >> 127;
            if (f & 0x800 != 0) r = (r * 0x80000000000002c5c85fdf473dee5f17) >> 127;
            if (f & 0x400 != 0) r = (r * 0x8000000000000162e42fefa39ef5438f) >> 127;
            if (f & 0x200 != 0) r = (r * 0x80000000000000b17217f7d1cf7a26c8) >> 127;
            if (f & 0x100 != 0) r = (r * 0x8000000000000058b90bfbe8e7bcf4a4) >> 127;
            if (f & 0x80 != 0) r = (r * 0x800000000000002c5c85fdf473de72a2) >> 127;
            if (f & 0x40 != 0) r = (r * 0x80000000000000162e42fefa39ef3765) >> 127;
            if (f & 0x20 != 0) r = (r * 0x800000000000000b17217f7d1cf79b37) >> 127;
            if (f & 0x10 != 0) r = (r * 0x80000000000000058b90bfbe8e7bcd7d) >> 127;
            if (f & 0x8 != 0) r = (r * 0x8000000000000002c5c85fdf473de6b6) >> 127;
            if (f & 0x4 != 0) r = (r * 0x800000000000000162e42fefa39ef359) >> 127;
            if (f & 0x2 != 0) r = (r * 0x8000000000000000b17217f7d1cf79ac) >> 127;
            if (f & 0x1 != 0) r = (r * 0x800000000000000058b90bfbe8e7bcd6) >> 127;
        }
        return r;
    }

    function _checkHalfLife(uint256 halfLife_) private pure {
        if (halfLife_ < MIN_HALF_LIFE || halfLife_ > MAX_HALF_LIFE) {
            revert ContributionTokenInvalidHalfLife(halfLife_, MIN_HALF_LIFE, MAX_HALF_LIFE);
        }
    }

    function _getStorage() private pure returns (ContributionTokenStorage storage $) {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
