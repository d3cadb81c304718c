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
        /// @dev Total supply (high 104 bits) and total quadratic weight (low 104 bits), checkpointed
        /// together; OpenZeppelin's own total-supply checkpoints are never written.
        Checkpoints.Trace208 totals;
    }
    // keccak256(abi.encode(uint256(keccak256("cosmolocal.storage.ContributionToken")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xb327106741fdb81ace8be0c2e7a06380f4696d9748fc955f8d10ac1452d83900;

    /// @dev Width of each half of a `totals` checkpoint, and the largest total supply.
    uint256 private constant HALF_BITS = 104;
    uint256 private constant HALF_MASK = (1 << HALF_BITS) - 1;

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
    // Memory, not calldata, for three of the parameters: with all six in calldata the stack is too deep.
    // solhint-disable-next-line gas-calldata-parameters
    function initialize(
        string memory name_,
        string memory symbol_,
        address governance,
        address[] memory minters,
        address[] calldata founders,
        uint256[] calldata amounts
    ) external initializer {
        if (governance == address(0)) revert ContributionTokenInvalidAccount();
        if (founders.length != amounts.length) revert ContributionTokenLengthMismatch(founders.length, amounts.length);
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
        uint48 awayAt = $.delegatedAwayAt[account];
        if (awayAt != 0 && t >= awayAt) return $.balanceCheckpoints[account].upperLookupRecent(t);
        // Until it first delegated away, the account's votes were its balance plus what others delegated to it.
        return getPastVotes(account, t) - $.delegatedIn[account].upperLookupRecent(t);
    }

    /// @inheritdoc IContributionToken
    function getPastTotalQuadraticWeight(uint256 timepoint) external view returns (uint256) {
        return _getStorage().totals.upperLookupRecent(_validateTimepoint(timepoint)) & HALF_MASK;
    }

    /// @notice Total supply at `timepoint` (a timestamp strictly in the past).
    function getPastTotalSupply(uint256 timepoint) public view override(IVotes, VotesUpgradeable) returns (uint256) {
        return _getStorage().totals.upperLookupRecent(_validateTimepoint(timepoint)) >> HALF_BITS;
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
        ContributionTokenStorage storage $ = _getStorage();
        if (from != address(0) && $.delegatedAwayAt[from] != 0) _pushBalance($, from);
        if (to != address(0) && $.delegatedAwayAt[to] != 0) _pushBalance($, to);
    }

    function _mintContribution(address account, uint256 amount) private {
        if (account == address(0)) revert ContributionTokenInvalidAccount();
        if (amount == 0) revert ContributionTokenInvalidAmount();
        _mint(account, amount);
        emit ContributionMinted(account, amount, msg.sender);
    }

    /// @dev Delegating to the zero address means delegating back to oneself. An account that delegates to
    /// another starts its own balance checkpoints (its votes no longer include its balance); the votes it
    /// moves are recorded as delegated in to the delegates they leave and join.
    function _delegate(address account, address delegatee) internal override {
        address newDelegate = delegatee == address(0) ? account : delegatee;
        address oldDelegate = delegates(account);
        if (oldDelegate != newDelegate) {
            ContributionTokenStorage storage $ = _getStorage();
            if (newDelegate != account && $.delegatedAwayAt[account] == 0) {
                $.delegatedAwayAt[account] = clock();
                _pushBalance($, account);
            }
            uint256 units = balanceOf(account);
            if (units != 0) {
                if (oldDelegate != account) _pushDelegatedIn($, oldDelegate, units, false);
                if (newDelegate != account) _pushDelegatedIn($, newDelegate, units, true);
            }
        }
        super._delegate(account, newDelegate);
    }

    /// @dev Every mint and burn (never a transfer, see `_update`). Replaces OpenZeppelin's version, which
    /// would also write its own total-supply checkpoint: the supply is checkpointed with the quadratic
    /// weight in `_moveVotesAndTotals`. Votes of an account that delegated away are delegated in to its delegate.
    function _transferVotingUnits(address from, address to, uint256 amount) internal override {
        address fromDelegate = delegates(from);
        address toDelegate = delegates(to);
        ContributionTokenStorage storage $ = _getStorage();
        if (fromDelegate != from) _pushDelegatedIn($, fromDelegate, amount, false);
        if (toDelegate != to) _pushDelegatedIn($, toDelegate, amount, true);
        _moveVotesAndTotals($, fromDelegate, toDelegate, amount, from == address(0), to == address(0));
    }

    /// @dev Reached from `_delegate` only (mints and burns go through `_transferVotingUnits`).
    function _moveDelegateVotes(address from, address to, uint256 amount) internal override {
        _moveVotesAndTotals(_getStorage(), from, to, amount, false, false);
    }

    /// @dev Moves `amount` votes from delegate `from` to delegate `to` (zero: minted or burned) and
    /// checkpoints the total supply and the total quadratic weight: the square roots of the two delegates'
    /// votes before and after, rounded down each (what a quadratic governor counts for them).
    function _moveVotesAndTotals(
        ContributionTokenStorage storage $,
        address from,
        address to,
        uint256 amount,
        bool minted,
        bool burned
    ) private {
        if (from == to || amount == 0) return; // Nothing moves (OpenZeppelin's own check).
        uint256 latest = $.totals.latest();
        uint256 supply = latest >> HALF_BITS;
        uint256 weight = latest & HALF_MASK;
        if (from != address(0)) {
            uint256 votes = getVotes(from);
            // A delegate's square root is part of the total, so the total is at least its decrease.
            weight -= Math.sqrt(votes) - Math.sqrt(votes - amount);
        }
        if (to != address(0)) {
            uint256 votes = getVotes(to);
            weight += Math.sqrt(votes + amount) - Math.sqrt(votes);
        }
        if (minted) supply += amount;
        if (burned) supply -= amount;
        super._moveDelegateVotes(from, to, amount);
        // Both halves fit: supply <= _maxSupply() = HALF_MASK (checked by ERC20Votes before this call),
        // and weight <= supply, as floor(sqrt(v)) <= v for every delegate's votes v.
        $.totals.push(clock(), uint208((supply << HALF_BITS) | weight));
    }

    /// @dev The supply cap: a `totals` checkpoint holds the supply in 104 bits.
    function _maxSupply() internal pure override returns (uint256) {
        return HALF_MASK;
    }

    function _pushDelegatedIn(ContributionTokenStorage storage $, address delegate, uint256 units, bool add) private {
        Checkpoints.Trace208 storage trace = $.delegatedIn[delegate];
        uint256 current = trace.latest();
        trace.push(clock(), SafeCast.toUint208(add ? current + units : current - units));
    }

    function _pushBalance(ContributionTokenStorage storage $, address account) private {
        $.balanceCheckpoints[account].push(clock(), SafeCast.toUint208(balanceOf(account)));
    }

    function _getStorage() private pure returns (ContributionTokenStorage storage $) {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
