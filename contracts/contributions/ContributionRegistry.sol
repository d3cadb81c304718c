// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";

import {IContributionRegistry} from "../interfaces/IContributionRegistry.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {IMembership} from "../interfaces/IMembership.sol";

/// @title ContributionRegistry
/// @notice A community's contributive accounting. The community names the kinds of contribution
/// it recognises and what a unit of each is worth; members submit their contributions with
/// evidence; peers attest them (on-chain or by signature); any member may challenge one while it
/// is open, and governance or a steward resolves the challenge. Once enough peers attested and the
/// challenge window passed, the contributor claims the tokens from their own wallet. Stewards can
/// also sign vouchers, which the contributor redeems once, within a budget per period that
/// governance gives each steward (zero until it does).
/// @dev Roles: DEFAULT_ADMIN_ROLE is the community's governance (its timelock); it sets kinds and
/// the attestation policy, grants and revokes STEWARD_ROLE, and resolves challenges. STEWARD_ROLE
/// resolves challenges and signs vouchers, each steward minting at most its budget per
/// `STEWARD_BUDGET_PERIOD` (set by governance, zero by default). This contract needs MINTER_ROLE on the token.
/// EIP-712 domain: name "Cosmolocal ContributionRegistry", version "1", this chain and this clone.
/// Deployed once as an implementation and used through minimal clones made by the community factory.
contract ContributionRegistry is IContributionRegistry, AccessControlUpgradeable, EIP712Upgradeable {
    using BitMaps for BitMaps.BitMap;

    /// @notice Role of the community's stewards: resolve challenges, sign vouchers.
    bytes32 public constant STEWARD_ROLE = keccak256("STEWARD_ROLE");

    /// @notice EIP-712 type of a peer's attestation of a contribution: it names the contributor, the
    /// kind, the amount and the evidence hash, so it attests only the submission the attestor saw.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(uint256 contributionId,address contributor,uint32 kind,uint256 amount,bytes32 evidenceHash,"
        "address attestor,uint256 deadline)"
    );

    /// @notice EIP-712 type of a steward's voucher: `units` of `kind`, worth units × the kind's value
    /// at redemption.
    bytes32 public constant VOUCHER_TYPEHASH = keccak256(
        "Voucher(address contributor,uint32 kind,uint256 units,uint256 id,uint256 deadline)"
    );

    /// @notice Length of a steward's budget period: budgets apply per fixed 30-day period counted from
    /// Unix time 0 (period number = timestamp / 30 days).
    uint256 public constant STEWARD_BUDGET_PERIOD = 30 days;

    /// @dev What a steward's vouchers minted in its current period.
    struct StewardSpending {
        uint128 spent;
        uint64 period;
    }

    IContributionToken private _token;
    IMembership private _membership;
    uint16 private _threshold;
    uint48 private _challengeWindow;
    uint256 private _contributionCount;

    ContributionKind[] private _kinds;
    mapping(uint256 id => Contribution) private _contributions;
    mapping(uint256 id => mapping(address attestor => bool)) private _attested;
    BitMaps.BitMap private _redeemedVouchers;
    mapping(uint256 id => bytes32) private _evidenceHashes;
    mapping(address steward => uint256) private _stewardBudgets;
    mapping(address steward => StewardSpending) private _stewardSpending;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IContributionRegistry
    function initialize(
        IContributionToken token_,
        IMembership membership_,
        address governance,
        address[] calldata stewards,
        uint256 threshold,
        uint256 challengeWindow,
        KindSpec[] calldata kinds
    ) external initializer {
        if (address(token_) == address(0) || address(membership_) == address(0) || governance == address(0)) {
            revert ContributionRegistryInvalidAccount();
        }
        __AccessControl_init();
        __EIP712_init("Cosmolocal ContributionRegistry", "1");
        _token = token_;
        _membership = membership_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        for (uint256 i = 0; i < stewards.length; ++i) {
            if (stewards[i] == address(0)) revert ContributionRegistryInvalidAccount();
            _grantRole(STEWARD_ROLE, stewards[i]);
        }
        _setAttestationPolicy(threshold, challengeWindow);
        for (uint256 i = 0; i < kinds.length; ++i) {
            _addKind(kinds[i].name, kinds[i].valuePerUnit);
        }
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IContributionRegistry
    function addKind(
        string calldata name,
        uint128 valuePerUnit
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 kind) {
        return _addKind(name, valuePerUnit);
    }

    /// @inheritdoc IContributionRegistry
    function setKindValue(uint256 kind, uint128 valuePerUnit) external onlyRole(DEFAULT_ADMIN_ROLE) {
        ContributionKind storage k = _kind(kind);
        if (valuePerUnit == 0) revert ContributionRegistryInvalidValue();
        emit KindValueChanged(kind, k.valuePerUnit, valuePerUnit);
        k.valuePerUnit = valuePerUnit;
    }

    /// @inheritdoc IContributionRegistry
    function setKindActive(uint256 kind, bool active) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _kind(kind).active = active;
        emit KindActiveChanged(kind, active);
    }

    /// @inheritdoc IContributionRegistry
    function setAttestationPolicy(uint256 threshold, uint256 challengeWindow) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setAttestationPolicy(threshold, challengeWindow);
    }

    /// @inheritdoc IContributionRegistry
    function setStewardBudget(address steward, uint256 budgetPerPeriod) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (steward == address(0)) revert ContributionRegistryInvalidAccount();
        if (budgetPerPeriod > type(uint128).max) revert ContributionRegistryInvalidBudget(budgetPerPeriod);
        emit StewardBudgetSet(steward, _stewardBudgets[steward], budgetPerPeriod);
        _stewardBudgets[steward] = budgetPerPeriod;
    }

    // ---------------------------------------------------------------- attested contributions

    /// @inheritdoc IContributionRegistry
    function submit(
        uint256 kind,
        uint256 units,
        string calldata evidenceURI,
        bytes32 evidenceHash
    ) external returns (uint256 id) {
        _checkMember(msg.sender);
        uint128 valuePerUnit = _activeKind(kind).valuePerUnit;
        // units * valuePerUnit cannot overflow 256 bits once units is below 2^128; the product must fit 128 bits.
        if (units == 0 || units > type(uint128).max || units * valuePerUnit > type(uint128).max) {
            revert ContributionRegistryInvalidUnits(units);
        }
        uint256 amount = units * valuePerUnit;
        uint16 threshold = _threshold;
        uint48 window = _challengeWindow;
        id = ++_contributionCount;
        _evidenceHashes[id] = evidenceHash;
        _contributions[id] = Contribution({
            contributor: msg.sender,
            kind: uint32(kind),
            attestations: 0,
            threshold: threshold,
            status: ContributionStatus.Pending,
            amount: uint128(amount),
            challengeWindow: window,
            claimableAt: 0
        });
        emit ContributionSubmitted(id, msg.sender, kind, units, amount, evidenceURI, evidenceHash, threshold, window);
    }

    /// @inheritdoc IContributionRegistry
    function attest(uint256 id) external {
        _attest(id, msg.sender);
    }

    /// @inheritdoc IContributionRegistry
    function attestBySig(uint256 id, address attestor, uint256 deadline, bytes calldata signature) external {
        if (block.timestamp > deadline) revert ContributionRegistryExpired(deadline);
        Contribution storage c = _contribution(id);
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(
                    ATTESTATION_TYPEHASH,
                    id,
                    c.contributor,
                    c.kind,
                    c.amount,
                    _evidenceHashes[id],
                    attestor,
                    deadline
                )
            )
        );
        if (!SignatureChecker.isValidSignatureNow(attestor, digest, signature)) {
            revert ContributionRegistryInvalidSignature(attestor);
        }
        _attest(id, attestor);
    }

    /// @inheritdoc IContributionRegistry
    function challenge(uint256 id, string calldata reasonURI) external {
        _checkMember(msg.sender);
        Contribution storage c = _contribution(id);
        if (c.status != ContributionStatus.Pending) revert ContributionRegistryWrongStatus(id, c.status);
        if (msg.sender == c.contributor) revert ContributionRegistrySelfChallenge(id, msg.sender);
        uint256 claimableAt = c.claimableAt;
        if (claimableAt != 0 && block.timestamp >= claimableAt) {
            revert ContributionRegistryChallengeWindowClosed(id, claimableAt);
        }
        c.status = ContributionStatus.Challenged;
        emit ContributionChallenged(id, msg.sender, reasonURI);
    }

    /// @inheritdoc IContributionRegistry
    function resolveChallenge(uint256 id, bool upheld, string calldata reasonURI) external {
        if (!hasRole(DEFAULT_ADMIN_ROLE, msg.sender) && !hasRole(STEWARD_ROLE, msg.sender)) {
            revert ContributionRegistryNotResolver(msg.sender);
        }
        Contribution storage c = _contribution(id);
        if (c.status != ContributionStatus.Challenged) revert ContributionRegistryWrongStatus(id, c.status);
        c.status = upheld ? ContributionStatus.Rejected : ContributionStatus.Cleared;
        emit ChallengeResolved(id, msg.sender, upheld, reasonURI);
    }

    /// @inheritdoc IContributionRegistry
    function claim(uint256 id) external {
        Contribution storage c = _contribution(id);
        address contributor = c.contributor;
        if (msg.sender != contributor) revert ContributionRegistryNotContributor(msg.sender, contributor);
        // A contributor who left or was removed claims nothing until re-admitted: tokens are votes.
        _checkMember(contributor);
        ContributionStatus status = c.status;
        if (status != ContributionStatus.Pending && status != ContributionStatus.Cleared) {
            revert ContributionRegistryWrongStatus(id, status);
        }
        uint256 claimableAt = c.claimableAt;
        if (claimableAt == 0 || block.timestamp < claimableAt) revert ContributionRegistryNotClaimable(id, claimableAt);
        c.status = ContributionStatus.Claimed;
        uint256 amount = c.amount;
        emit ContributionClaimed(id, contributor, amount);
        _token.mint(contributor, amount);
    }

    // ---------------------------------------------------------------- vouchers

    /// @inheritdoc IContributionRegistry
    function redeemVoucher(Voucher calldata voucher, address steward, bytes calldata signature) external {
        address contributor = voucher.contributor;
        if (msg.sender != contributor) revert ContributionRegistryNotContributor(msg.sender, contributor);
        if (block.timestamp > voucher.deadline) revert ContributionRegistryExpired(voucher.deadline);
        if (_redeemedVouchers.get(voucher.id)) revert ContributionRegistryVoucherRedeemed(voucher.id);
        uint256 units = voucher.units;
        uint128 valuePerUnit = _activeKind(voucher.kind).valuePerUnit;
        // units * valuePerUnit cannot overflow 256 bits once units is below 2^128; the product must fit 128 bits.
        if (units == 0 || units > type(uint128).max || units * valuePerUnit > type(uint128).max) {
            revert ContributionRegistryInvalidUnits(units);
        }
        if (!hasRole(STEWARD_ROLE, steward)) revert ContributionRegistryNotSteward(steward);
        if (contributor == steward) revert ContributionRegistrySelfVoucher(steward);
        _checkMember(contributor);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(VOUCHER_TYPEHASH, contributor, voucher.kind, units, voucher.id, voucher.deadline))
        );
        if (!SignatureChecker.isValidSignatureNow(steward, digest, signature)) {
            revert ContributionRegistryInvalidSignature(steward);
        }
        uint256 amount = units * valuePerUnit;
        _spendStewardBudget(steward, amount);
        _redeemedVouchers.set(voucher.id);
        emit VoucherRedeemed(voucher.id, contributor, voucher.kind, units, amount, steward);
        _token.mint(contributor, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IContributionRegistry
    function getKind(uint256 kind) external view returns (ContributionKind memory) {
        return _kind(kind);
    }

    /// @inheritdoc IContributionRegistry
    function kindCount() external view returns (uint256) {
        return _kinds.length;
    }

    /// @inheritdoc IContributionRegistry
    function getContribution(uint256 id) external view returns (Contribution memory) {
        return _contribution(id);
    }

    /// @inheritdoc IContributionRegistry
    function contributionCount() external view returns (uint256) {
        return _contributionCount;
    }

    /// @inheritdoc IContributionRegistry
    function isClaimable(uint256 id) external view returns (bool) {
        Contribution storage c = _contributions[id];
        ContributionStatus status = c.status;
        uint256 claimableAt = c.claimableAt;
        return
            (status == ContributionStatus.Pending || status == ContributionStatus.Cleared) &&
            claimableAt != 0 &&
            block.timestamp >= claimableAt &&
            _membership.isMember(c.contributor);
    }

    /// @inheritdoc IContributionRegistry
    function evidenceHashOf(uint256 id) external view returns (bytes32) {
        _contribution(id);
        return _evidenceHashes[id];
    }

    /// @inheritdoc IContributionRegistry
    function stewardBudget(
        address steward
    ) external view returns (uint256 budgetPerPeriod, uint256 spentThisPeriod, uint256 periodEndsAt) {
        budgetPerPeriod = _stewardBudgets[steward];
        uint256 period = block.timestamp / STEWARD_BUDGET_PERIOD;
        StewardSpending storage s = _stewardSpending[steward];
        if (s.period == period) spentThisPeriod = s.spent;
        periodEndsAt = (period + 1) * STEWARD_BUDGET_PERIOD;
    }

    /// @inheritdoc IContributionRegistry
    function hasAttested(uint256 id, address attestor) external view returns (bool) {
        return _attested[id][attestor];
    }

    /// @inheritdoc IContributionRegistry
    function isVoucherRedeemed(uint256 id) external view returns (bool) {
        return _redeemedVouchers.get(id);
    }

    /// @inheritdoc IContributionRegistry
    function attestationPolicy() external view returns (uint256 threshold, uint256 challengeWindow) {
        return (_threshold, _challengeWindow);
    }

    /// @inheritdoc IContributionRegistry
    function token() external view returns (IContributionToken) {
        return _token;
    }

    /// @inheritdoc IContributionRegistry
    function membership() external view returns (IMembership) {
        return _membership;
    }

    /// @notice The EIP-712 domain separator of this registry (chain id and this contract's address).
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- internals

    function _attest(uint256 id, address attestor) private {
        _checkMember(attestor);
        Contribution storage c = _contribution(id);
        ContributionStatus status = c.status;
        if (status == ContributionStatus.Rejected || status == ContributionStatus.Claimed) {
            revert ContributionRegistryWrongStatus(id, status);
        }
        if (attestor == c.contributor) revert ContributionRegistrySelfAttestation(id, attestor);
        if (_attested[id][attestor]) revert ContributionRegistryAlreadyAttested(id, attestor);
        _attested[id][attestor] = true;
        uint16 attestations = c.attestations;
        uint48 claimableAt = c.claimableAt;
        // One attestation per member, so the count saturates only after 65,535 distinct members have
        // attested one contribution: the saturating (else) branch is left uncovered by the tests for
        // that reason; it exists so that an enormous community can never make `attest` revert.
        if (attestations < type(uint16).max) ++attestations;
        // A dismissal cleared the attestations it saw. One arriving later, before the contribution is
        // claimable, re-opens it to challenges until `claimableAt` (set below, a full window from now,
        // if this attestation is the one that reaches the threshold).
        if (status == ContributionStatus.Cleared && (claimableAt == 0 || block.timestamp < claimableAt)) {
            c.status = ContributionStatus.Pending;
            emit ContributionReopened(id, attestor);
        }
        if (claimableAt == 0 && attestations >= c.threshold) {
            claimableAt = uint48(block.timestamp) + c.challengeWindow;
            c.claimableAt = claimableAt;
        }
        c.attestations = attestations;
        emit ContributionAttested(id, attestor, attestations, claimableAt);
    }

    function _spendStewardBudget(address steward, uint256 amount) private {
        uint64 period = uint64(block.timestamp / STEWARD_BUDGET_PERIOD);
        StewardSpending storage s = _stewardSpending[steward];
        uint256 spent = s.period == period ? s.spent : 0;
        uint256 budget = _stewardBudgets[steward];
        // `spent` may exceed a budget that governance lowered during the period: nothing remains then.
        uint256 remaining = budget > spent ? budget - spent : 0;
        if (amount > remaining) revert ContributionRegistryStewardBudgetExceeded(steward, amount, remaining);
        // spent + amount <= budget <= 2^128 - 1 (setStewardBudget refuses more), so the cast is exact.
        s.spent = uint128(spent + amount);
        s.period = period;
    }

    function _addKind(string calldata name, uint128 valuePerUnit) private returns (uint256 kind) {
        if (valuePerUnit == 0) revert ContributionRegistryInvalidValue();
        kind = _kinds.length;
        _kinds.push(ContributionKind({name: name, valuePerUnit: valuePerUnit, active: true}));
        emit KindAdded(kind, name, valuePerUnit);
    }

    function _setAttestationPolicy(uint256 threshold, uint256 challengeWindow) private {
        if (threshold == 0 || threshold > type(uint16).max || challengeWindow > type(uint32).max) {
            revert ContributionRegistryInvalidPolicy(threshold, challengeWindow);
        }
        _threshold = uint16(threshold);
        _challengeWindow = uint48(challengeWindow);
        emit AttestationPolicyChanged(threshold, challengeWindow);
    }

    function _checkMember(address account) private view {
        if (!_membership.isMember(account)) revert ContributionRegistryNotMember(account);
    }

    function _kind(uint256 kind) private view returns (ContributionKind storage) {
        if (kind >= _kinds.length) revert ContributionRegistryUnknownKind(kind, _kinds.length);
        return _kinds[kind];
    }

    function _activeKind(uint256 kind) private view returns (ContributionKind storage k) {
        k = _kind(kind);
        if (!k.active) revert ContributionRegistryInactiveKind(kind);
    }

    function _contribution(uint256 id) private view returns (Contribution storage c) {
        c = _contributions[id];
        if (c.status == ContributionStatus.None) revert ContributionRegistryUnknownContribution(id);
    }
}
