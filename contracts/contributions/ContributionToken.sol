// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {ERC20VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
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
///   what each member held at a past time even when they delegated their votes. While an account's
///   votes equal its balance (it never delegated away and nobody delegated to it, the common case),
///   its past balance is read from its vote checkpoints and no second checkpoint is written; from the
///   first delegation that changes its votes on, its balance gets checkpoints of its own. This keeps a
///   contributor's claim free of a second pair of checkpoint writes.
/// The clock is the block timestamp (ERC-6372 `mode=timestamp`).
/// Deployed once as an implementation and used through minimal clones made by the community
/// factory, so the implementation's own initializer is disabled.
contract ContributionToken is IContributionToken, ERC20VotesUpgradeable, AccessControlUpgradeable {
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Role of the community's accounting contracts, which mint accepted contributions.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @custom:storage-location erc7201:cosmolocal.storage.ContributionToken
    struct ContributionTokenStorage {
        mapping(address account => Checkpoints.Trace208) balanceCheckpoints;
        /// @dev When the account's votes first differed from its balance; 0 while they never did.
        mapping(address account => uint48) votesDivergedAt;
    }

    // keccak256(abi.encode(uint256(keccak256("cosmolocal.storage.ContributionToken")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xb327106741fdb81ace8be0c2e7a06380f4696d9748fc955f8d10ac1452d83900;

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
        ContributionTokenStorage storage $ = _getStorage();
        uint48 divergedAt = $.votesDivergedAt[account];
        // Before its votes first differed from its balance, the account's vote checkpoints are its balances.
        if (divergedAt == 0 || timepoint < divergedAt) return getPastVotes(account, timepoint);
        return $.balanceCheckpoints[account].upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @notice When `account`'s votes first differed from its balance (0: never); its own balance
    /// checkpoints start then.
    function votesDivergedAt(address account) external view returns (uint256) {
        return _getStorage().votesDivergedAt[account];
    }

    /// @notice Number of balance checkpoints of `account` (written only since `votesDivergedAt(account)`).
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
        if (from != address(0) && $.votesDivergedAt[from] != 0) _pushBalance($, from);
        if (to != address(0) && $.votesDivergedAt[to] != 0) _pushBalance($, to);
    }

    function _mintContribution(address account, uint256 amount) private {
        if (account == address(0)) revert ContributionTokenInvalidAccount();
        if (amount == 0) revert ContributionTokenInvalidAmount();
        _mint(account, amount);
        emit ContributionMinted(account, amount, msg.sender);
    }

    /// @dev Delegating to the zero address means delegating back to oneself. The accounts whose votes
    /// this moves (the previous and the new delegate) start their own balance checkpoints first.
    function _delegate(address account, address delegatee) internal override {
        address newDelegate = delegatee == address(0) ? account : delegatee;
        address oldDelegate = delegates(account);
        if (oldDelegate != newDelegate) {
            ContributionTokenStorage storage $ = _getStorage();
            _startBalanceCheckpoints($, oldDelegate);
            _startBalanceCheckpoints($, newDelegate);
        }
        super._delegate(account, newDelegate);
    }

    function _startBalanceCheckpoints(ContributionTokenStorage storage $, address account) private {
        if ($.votesDivergedAt[account] != 0) return;
        $.votesDivergedAt[account] = clock();
        _pushBalance($, account);
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
