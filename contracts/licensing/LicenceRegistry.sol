// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ILicenceRegistry} from "../interfaces/ILicenceRegistry.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IMembrane} from "../interfaces/IMembrane.sol";

/// @title LicenceRegistry
/// @notice The shared registry of reciprocity licences (the peer production licence idea): a work's
/// steward says who uses it freely (non-commercial users, commons-based users) and what commercial
/// users give back (a fee per period and/or a share of their revenue). Fees go, in the same
/// transaction, to the work's beneficiary, normally its community's membrane, which shares them
/// between the treasury and the contributors. A licensee's request names the terms version it saw,
/// and the licence is granted under that version, so terms cannot change between quote and grant.
/// @dev Terms are versioned and never edited: a licence points at the version its licensee requested.
/// Fees are pushed to the beneficiary. An ERC-20 fee moves from the payer to the beneficiary with
/// `transferFrom`, then the beneficiary's `notifyIncome(token)` is called (gas-capped, its failure
/// ignored: a membrane credits what arrived at its next `notifyIncome` or `closeEpoch`). A native fee
/// is forwarded with a gas-capped call that a membrane's `receive` accounts; when the beneficiary
/// refuses it (or runs out of the gas given), the fee is held here for the beneficiary to withdraw
/// (`withdrawHeldFees`), and the licence is paid all the same: a beneficiary cannot end a licence by
/// refusing its fees. Held fees are the only funds the registry holds.
contract LicenceRegistry is ILicenceRegistry, EIP712, Nonces, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Shortest answer window terms may give a suspended licensee.
    uint64 public constant MIN_ANSWER_WINDOW = 1 days;
    /// @notice `expiresAt` of a licence that does not expire.
    uint64 public constant NO_EXPIRY = type(uint64).max;
    /// @notice Gas given to the beneficiary: its `receive` for a native fee, its `notifyIncome` after an
    /// ERC-20 fee.
    uint256 public constant NOTIFY_GAS = 150_000;
    /// @notice EIP-712 type of a charter acceptance.
    bytes32 public constant CHARTER_TYPEHASH = keccak256(
        "CharterAcceptance(address signer,bytes32 charterHash,uint256 nonce,uint256 deadline)"
    );
    /// @dev 100 % in basis points.
    uint16 private constant BPS = 10_000;

    uint256 private _workCount;
    uint256 private _licenceCount;
    mapping(uint256 workId => Work) private _works;
    mapping(uint256 workId => mapping(uint256 version => Terms)) private _terms;
    mapping(uint256 licenceId => Licence) private _licences;
    mapping(uint256 workId => mapping(address licensee => uint256 licenceId)) private _licenceOf;
    mapping(address steward => mapping(address cooperative => bool)) private _cooperatives;
    mapping(address signer => mapping(bytes32 charterHash => bool)) private _charters;
    mapping(uint256 workId => mapping(address licensee => bool)) private _revoked;
    mapping(address beneficiary => uint256 amount) private _heldFees;

    modifier onlySteward(uint256 workId) {
        _checkSteward(workId);
        _;
    }

    constructor() EIP712("Cosmolocal LicenceRegistry", "1") {}

    /// @inheritdoc ILicenceRegistry
    function registerWork(
        string calldata title,
        string calldata uri,
        bytes32 contentHash,
        address beneficiary,
        Terms calldata terms_
    ) external returns (uint256 workId) {
        if (beneficiary == address(0)) revert LicenceRegistryInvalidAddress();
        _checkTerms(terms_);
        workId = _newWork(title, uri, contentHash, beneficiary, 0);
        _terms[workId][1] = terms_;
        emit TermsSet(workId, 1, terms_);
    }

    /// @inheritdoc ILicenceRegistry
    function supersedeWork(
        uint256 workId,
        string calldata title,
        string calldata uri,
        bytes32 contentHash
    ) external onlySteward(workId) returns (uint256 newWorkId) {
        Work storage old = _works[workId];
        if (old.supersededBy != 0) revert LicenceRegistryWorkSuperseded(workId, old.supersededBy);
        newWorkId = _newWork(title, uri, contentHash, old.beneficiary, workId);
        old.supersededBy = newWorkId;
        _terms[newWorkId][1] = _terms[workId][old.termsVersion];
        emit TermsSet(newWorkId, 1, _terms[newWorkId][1]);
        emit WorkSuperseded(workId, newWorkId);
    }

    /// @inheritdoc ILicenceRegistry
    function setTerms(uint256 workId, Terms calldata terms_) external onlySteward(workId) returns (uint256 version) {
        _checkTerms(terms_);
        version = ++_works[workId].termsVersion;
        _terms[workId][version] = terms_;
        emit TermsSet(workId, version, terms_);
    }

    /// @inheritdoc ILicenceRegistry
    function offerStewardship(uint256 workId, address newSteward) external onlySteward(workId) {
        _works[workId].pendingSteward = newSteward;
        emit StewardshipOffered(workId, msg.sender, newSteward);
    }

    /// @inheritdoc ILicenceRegistry
    function acceptStewardship(uint256 workId) external {
        Work storage w = _existingWork(workId);
        if (msg.sender != w.pendingSteward) revert LicenceRegistryNotPendingSteward(workId, msg.sender);
        address previous = w.steward;
        w.steward = msg.sender;
        w.pendingSteward = address(0);
        emit StewardshipAccepted(workId, previous, msg.sender);
    }

    /// @inheritdoc ILicenceRegistry
    function setBeneficiary(uint256 workId, address beneficiary) external onlySteward(workId) {
        if (beneficiary == address(0)) revert LicenceRegistryInvalidAddress();
        _works[workId].beneficiary = beneficiary;
        emit BeneficiaryChanged(workId, beneficiary);
    }

    /// @inheritdoc ILicenceRegistry
    function recogniseCooperative(address cooperative, bool recognised) external {
        if (cooperative == address(0)) revert LicenceRegistryInvalidAddress();
        _cooperatives[msg.sender][cooperative] = recognised;
        emit CooperativeRecognised(msg.sender, cooperative, recognised);
    }

    /// @inheritdoc ILicenceRegistry
    function acceptCharter(address signer, bytes32 charterHash, uint256 deadline, bytes calldata signature) external {
        if (block.timestamp > deadline) revert LicenceRegistrySignatureExpired(deadline);
        uint256 nonce = _useNonce(signer);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(CHARTER_TYPEHASH, signer, charterHash, nonce, deadline))
        );
        if (!SignatureChecker.isValidSignatureNow(signer, digest, signature))
            revert LicenceRegistryInvalidSignature(signer);
        _charters[signer][charterHash] = true;
        emit CharterAccepted(signer, charterHash, nonce);
    }

    /// @inheritdoc ILicenceRegistry
    function requestLicence(
        uint256 workId,
        uint256 termsVersion,
        LicenceClass licenceClass,
        uint256 maxFee,
        uint16 maxRevenueShareBps
    ) external payable nonReentrant returns (uint256 licenceId) {
        Work storage w = _existingWork(workId);
        if (w.supersededBy != 0) revert LicenceRegistryWorkSuperseded(workId, w.supersededBy);
        if (termsVersion != w.termsVersion) revert LicenceRegistryTermsChanged(workId, termsVersion, w.termsVersion);
        uint256 previous = _licenceOf[workId][msg.sender];
        if (previous != 0) {
            Licence storage p = _licences[previous];
            LicenceStatus s = p.status;
            if (
                s == LicenceStatus.Requested ||
                s == LicenceStatus.Suspended ||
                (s == LicenceStatus.Active && !_expired(p))
            ) {
                revert LicenceRegistryAlreadyLicensed(previous, msg.sender);
            }
        }
        licenceId = ++_licenceCount;
        Licence storage lic = _licences[licenceId];
        lic.workId = SafeCast.toUint64(workId);
        lic.licensee = msg.sender;
        lic.licenceClass = licenceClass;
        lic.status = LicenceStatus.Requested;
        lic.termsVersion = SafeCast.toUint64(termsVersion);
        if (maxFee != 0) lic.maxFee = maxFee;
        lic.maxRevenueShareBps = maxRevenueShareBps;
        _licenceOf[workId][msg.sender] = licenceId;
        emit LicenceRequested(licenceId, workId, msg.sender, licenceClass, maxFee, maxRevenueShareBps);
        // A licensee ever revoked from this work never gets an automatic grant: the steward decides.
        if (!_revoked[workId][msg.sender] && _grantsAutomatically(w, _terms[workId][termsVersion], licenceClass)) {
            _grant(licenceId, lic, address(this));
        } else if (msg.value != 0) {
            revert LicenceRegistryWrongValue(msg.value, 0);
        }
    }

    /// @inheritdoc ILicenceRegistry
    function grantLicence(uint256 licenceId) external {
        Licence storage lic = _requested(licenceId);
        _grant(licenceId, lic, msg.sender);
    }

    /// @inheritdoc ILicenceRegistry
    function refuseLicence(uint256 licenceId, string calldata reasonURI, bytes32 reasonHash) external {
        Licence storage lic = _requested(licenceId);
        lic.status = LicenceStatus.Refused;
        emit LicenceRefused(licenceId, reasonURI, reasonHash);
    }

    /// @inheritdoc ILicenceRegistry
    function renewLicence(uint256 licenceId) external payable nonReentrant {
        Licence storage lic = _ownLicence(licenceId, LicenceStatus.Active);
        Terms storage t = _terms[lic.workId][lic.termsVersion];
        bool firstPayment = lic.awaitingPayment;
        // The first payment is always due, even of a one-time fee (period 0); renewals need renewable
        // terms with a period.
        if (!firstPayment && (t.period == 0 || !t.renewable)) revert LicenceRegistryNotRenewable(licenceId);
        if (lic.licenceClass == LicenceClass.Commons && !_isCommons(_works[lic.workId].steward, t, msg.sender)) {
            revert LicenceRegistryNotCommons(licenceId, msg.sender);
        }
        uint64 expiresAt;
        if (firstPayment) {
            expiresAt = _expiry(t.period);
        } else {
            expiresAt = (lic.expiresAt < block.timestamp ? uint64(block.timestamp) : lic.expiresAt) + t.period;
        }
        lic.expiresAt = expiresAt;
        lic.awaitingPayment = false;
        emit LicenceRenewed(licenceId, expiresAt);
        _collect(licenceId, t.feeToken, lic.licenceClass == LicenceClass.Commercial ? t.feePerPeriod : 0, lic.workId);
    }

    /// @inheritdoc ILicenceRegistry
    function reportRevenue(
        uint256 licenceId,
        uint256 revenue,
        string calldata reportURI,
        bytes32 reportHash
    ) external payable nonReentrant returns (uint256 share) {
        Licence storage lic = _existingLicence(licenceId);
        if (msg.sender != lic.licensee) revert LicenceRegistryNotLicensee(licenceId, msg.sender);
        if (lic.grantedAt == 0) revert LicenceRegistryWrongStatus(licenceId, lic.status);
        Terms storage t = _terms[lic.workId][lic.termsVersion];
        if (lic.licenceClass != LicenceClass.Commercial || t.revenueShareBps == 0)
            revert LicenceRegistryNoRevenueShare(licenceId);
        // Rounded down: the licensee never pays more than the share.
        // mulDiv: a huge reported revenue yields its exact share instead of an overflow panic.
        share = Math.mulDiv(revenue, t.revenueShareBps, BPS);
        emit RevenueReported(licenceId, revenue, share, reportURI, reportHash);
        _collect(licenceId, t.feeToken, share, lic.workId);
    }

    /// @inheritdoc ILicenceRegistry
    function suspendLicence(uint256 licenceId, string calldata reasonURI, bytes32 reasonHash) external {
        Licence storage lic = _stewardedLicence(licenceId, LicenceStatus.Active);
        uint64 deadline = uint64(block.timestamp) + _terms[lic.workId][lic.termsVersion].answerWindow;
        lic.status = LicenceStatus.Suspended;
        lic.answerDeadline = deadline;
        lic.answered = false;
        emit LicenceSuspended(licenceId, reasonURI, reasonHash, deadline);
    }

    /// @inheritdoc ILicenceRegistry
    function answerSuspension(uint256 licenceId, string calldata answerURI, bytes32 answerHash) external {
        Licence storage lic = _ownLicence(licenceId, LicenceStatus.Suspended);
        if (block.timestamp > lic.answerDeadline)
            revert LicenceRegistryAnswerWindowClosed(licenceId, lic.answerDeadline);
        lic.answered = true;
        emit LicenceAnswered(licenceId, answerURI, answerHash);
    }

    /// @inheritdoc ILicenceRegistry
    function reinstateLicence(uint256 licenceId, string calldata noteURI) external {
        Licence storage lic = _stewardedLicence(licenceId, LicenceStatus.Suspended);
        lic.status = LicenceStatus.Active;
        emit LicenceReinstated(licenceId, noteURI);
    }

    /// @inheritdoc ILicenceRegistry
    function revokeLicence(uint256 licenceId, string calldata reasonURI, bytes32 reasonHash) external {
        Licence storage lic = _stewardedLicence(licenceId, LicenceStatus.Suspended);
        if (!lic.answered && block.timestamp <= lic.answerDeadline) {
            revert LicenceRegistryAnswerWindowOpen(licenceId, lic.answerDeadline);
        }
        lic.status = LicenceStatus.Revoked;
        _revoked[lic.workId][lic.licensee] = true;
        emit LicenceRevoked(licenceId, reasonURI, reasonHash);
    }

    /// @inheritdoc ILicenceRegistry
    function withdrawHeldFees(address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert LicenceRegistryInvalidAddress();
        amount = _heldFees[msg.sender];
        if (amount == 0) revert LicenceRegistryNothingHeld(msg.sender);
        _heldFees[msg.sender] = 0;
        emit HeldFeesWithdrawn(msg.sender, to, amount);
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert LicenceRegistryPaymentFailed(to, amount);
    }

    /// @inheritdoc ILicenceRegistry
    function isLicensed(uint256 workId, address licensee) external view returns (bool) {
        uint256 id = _licenceOf[workId][licensee];
        if (id == 0) return false;
        Licence storage lic = _licences[id];
        return lic.status == LicenceStatus.Active && !lic.awaitingPayment && !_expired(lic);
    }

    /// @inheritdoc ILicenceRegistry
    function licenceOf(uint256 workId, address licensee) external view returns (uint256) {
        return _licenceOf[workId][licensee];
    }

    /// @inheritdoc ILicenceRegistry
    function licence(uint256 licenceId) external view returns (Licence memory) {
        return _existingLicence(licenceId);
    }

    /// @inheritdoc ILicenceRegistry
    function licenceTerms(uint256 licenceId) external view returns (Terms memory) {
        Licence storage lic = _existingLicence(licenceId);
        return _terms[lic.workId][lic.termsVersion];
    }

    /// @inheritdoc ILicenceRegistry
    function work(uint256 workId) external view returns (Work memory) {
        return _existingWork(workId);
    }

    /// @inheritdoc ILicenceRegistry
    function terms(uint256 workId, uint256 version) external view returns (Terms memory) {
        Work storage w = _existingWork(workId);
        if (version == 0 || version > w.termsVersion) revert LicenceRegistryUnknownWork(workId);
        return _terms[workId][version];
    }

    /// @inheritdoc ILicenceRegistry
    function isCommonsUser(uint256 workId, address account) external view returns (bool) {
        Work storage w = _existingWork(workId);
        return _isCommons(w.steward, _terms[workId][w.termsVersion], account);
    }

    /// @inheritdoc ILicenceRegistry
    function wasRevoked(uint256 workId, address licensee) external view returns (bool) {
        return _revoked[workId][licensee];
    }

    /// @inheritdoc ILicenceRegistry
    function heldFees(address beneficiary) external view returns (uint256) {
        return _heldFees[beneficiary];
    }

    /// @inheritdoc ILicenceRegistry
    function charterAccepted(address signer, bytes32 charterHash) external view returns (bool) {
        return _charters[signer][charterHash];
    }

    /// @inheritdoc ILicenceRegistry
    function isRecognisedCooperative(address steward, address cooperative) external view returns (bool) {
        return _cooperatives[steward][cooperative];
    }

    /// @inheritdoc ILicenceRegistry
    function counts() external view returns (uint256 works, uint256 licences) {
        return (_workCount, _licenceCount);
    }

    /// @notice The EIP-712 domain separator (for signing charter acceptances).
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev Records a work stewarded by the caller, with terms version 1 still to be written.
    function _newWork(
        string calldata title,
        string calldata uri,
        bytes32 contentHash,
        address beneficiary,
        uint256 previousVersion
    ) private returns (uint256 workId) {
        if (bytes(title).length == 0 || bytes(uri).length == 0 || contentHash == 0) revert LicenceRegistryInvalidWork();
        workId = ++_workCount;
        Work storage w = _works[workId];
        w.steward = msg.sender;
        w.beneficiary = beneficiary;
        w.previousVersion = previousVersion;
        w.contentHash = contentHash;
        w.title = title;
        w.uri = uri;
        w.termsVersion = 1;
        emit WorkRegistered(workId, msg.sender, beneficiary, previousVersion, contentHash, title, uri);
    }

    /// @dev Activates a requested licence under the terms version its licensee requested, within the
    /// licensee's maximums. An automatic commercial grant collects the first fee from the caller;
    /// a steward's grant leaves it awaiting the licensee's first payment.
    function _grant(uint256 licenceId, Licence storage lic, address grantedBy) private {
        uint256 workId = lic.workId;
        uint256 version = lic.termsVersion;
        Terms storage t = _terms[workId][version];
        uint256 fee;
        if (lic.licenceClass == LicenceClass.Commercial) {
            fee = t.feePerPeriod;
            if (fee > lic.maxFee || t.revenueShareBps > lic.maxRevenueShareBps) {
                revert LicenceRegistryTermsAboveMaximum(fee, lic.maxFee, t.revenueShareBps, lic.maxRevenueShareBps);
            }
        }
        bool awaiting = fee != 0 && grantedBy != address(this);
        uint64 expiresAt = awaiting ? uint64(block.timestamp) : _expiry(t.period);
        lic.status = LicenceStatus.Active;
        lic.grantedAt = uint48(block.timestamp);
        lic.expiresAt = expiresAt;
        lic.awaitingPayment = awaiting;
        emit LicenceGranted(licenceId, workId, lic.licensee, lic.licenceClass, version, grantedBy, expiresAt, awaiting);
        if (grantedBy == address(this)) _collect(licenceId, t.feeToken, fee, workId);
    }

    /// @dev Takes `amount` of `token` from the caller to the work's beneficiary (see the contract notes).
    function _collect(uint256 licenceId, address token, uint256 amount, uint256 workId) private {
        uint256 expectedValue = token == address(0) ? amount : 0;
        if (msg.value != expectedValue) revert LicenceRegistryWrongValue(msg.value, expectedValue);
        if (amount == 0) return;
        address beneficiary = _works[workId].beneficiary;
        bool notified;
        if (token == address(0)) {
            notified = _callCapped(beneficiary, amount, "");
            if (!notified) {
                // The licence stays paid: the fee waits here for the beneficiary to pull it.
                _heldFees[beneficiary] += amount;
                emit FeeHeld(licenceId, beneficiary, amount);
            }
        } else {
            IERC20(token).safeTransferFrom(msg.sender, beneficiary, amount);
            if (beneficiary.code.length != 0) {
                // A beneficiary that is not a membrane may refuse the notification; the fee has arrived
                // either way, and `FeePaid.notified` records whether the membrane was told.
                notified = _callCapped(beneficiary, 0, abi.encodeCall(IMembrane.notifyIncome, (token)));
            }
        }
        emit FeePaid(licenceId, msg.sender, beneficiary, token, amount, notified);
    }

    /// @dev Calls `to` with `value` and `data`, giving it at most `NOTIFY_GAS` and copying none of its
    /// return data (a beneficiary cannot make the payer pay for a huge answer). Returns whether it succeeded.
    function _callCapped(address to, uint256 value, bytes memory data) private returns (bool ok) {
        uint256 gasCap = NOTIFY_GAS;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            ok := call(gasCap, to, value, add(data, 0x20), mload(data), 0, 0)
        }
    }

    /// @dev Whether a request of `licenceClass` by the caller is granted without the steward. A charter
    /// anyone can sign is not enough: a charter signer's first commons licence waits for the steward.
    function _grantsAutomatically(
        Work storage w,
        Terms storage t,
        LicenceClass licenceClass
    ) private view returns (bool) {
        if (licenceClass == LicenceClass.NonCommercial) return true;
        if (licenceClass == LicenceClass.Commons) return _isRecognisedCommons(w.steward, t, msg.sender);
        return t.commercialAutoGrant;
    }

    /// @dev A commons user: a signer of the terms' charter, or recognised (see `_isRecognisedCommons`).
    /// What `isCommonsUser` answers and `renewLicence` requires; automatic grants use the narrower
    /// `_isRecognisedCommons` instead.
    function _isCommons(address steward, Terms storage t, address account) private view returns (bool) {
        bytes32 charter = t.charterHash;
        if (charter != 0 && _charters[account][charter]) return true;
        return _isRecognisedCommons(steward, t, account);
    }

    /// @dev A commons user someone other than the user vouches for: a cooperative the steward
    /// recognises (when the terms free cooperatives) or a member of the terms' membership.
    function _isRecognisedCommons(address steward, Terms storage t, address account) private view returns (bool) {
        if (t.cooperativesFree && _cooperatives[steward][account]) return true;
        address membership = t.membership;
        return membership != address(0) && IMembership(membership).isMember(account);
    }

    function _checkTerms(Terms calldata t) private pure {
        if (bytes(t.uri).length == 0 || t.hash == 0) revert LicenceRegistryInvalidTerms();
        if (t.revenueShareBps > BPS) revert LicenceRegistryInvalidShare(t.revenueShareBps);
        if (t.answerWindow < MIN_ANSWER_WINDOW)
            revert LicenceRegistryAnswerWindowTooShort(t.answerWindow, MIN_ANSWER_WINDOW);
    }

    function _checkSteward(uint256 workId) private view {
        if (_existingWork(workId).steward != msg.sender) revert LicenceRegistryNotSteward(workId, msg.sender);
    }

    function _existingWork(uint256 workId) private view returns (Work storage w) {
        w = _works[workId];
        if (w.steward == address(0)) revert LicenceRegistryUnknownWork(workId);
    }

    function _existingLicence(uint256 licenceId) private view returns (Licence storage lic) {
        lic = _licences[licenceId];
        if (lic.licensee == address(0)) revert LicenceRegistryUnknownLicence(licenceId);
    }

    /// @dev A licence of one of the caller's works, in `status`.
    function _stewardedLicence(uint256 licenceId, LicenceStatus status) private view returns (Licence storage lic) {
        lic = _existingLicence(licenceId);
        _checkSteward(lic.workId);
        if (lic.status != status) revert LicenceRegistryWrongStatus(licenceId, lic.status);
    }

    /// @dev A requested licence of one of the caller's works.
    function _requested(uint256 licenceId) private view returns (Licence storage) {
        return _stewardedLicence(licenceId, LicenceStatus.Requested);
    }

    /// @dev The caller's own licence, in `status`.
    function _ownLicence(uint256 licenceId, LicenceStatus status) private view returns (Licence storage lic) {
        lic = _existingLicence(licenceId);
        if (msg.sender != lic.licensee) revert LicenceRegistryNotLicensee(licenceId, msg.sender);
        if (lic.status != status) revert LicenceRegistryWrongStatus(licenceId, lic.status);
    }

    function _expired(Licence storage lic) private view returns (bool) {
        return lic.expiresAt <= block.timestamp;
    }

    function _expiry(uint64 period) private view returns (uint64) {
        return period == 0 ? NO_EXPIRY : uint64(block.timestamp) + period;
    }
}
