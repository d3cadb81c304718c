// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title ILicenceRegistry
/// @notice The shared registry of reciprocity licences: commons share freely, commercial users give
/// back. Stewards (a person, or a community's timelock) register works with terms; anyone requests a
/// licence under a class; fees and revenue shares go straight to each work's beneficiary (its
/// community's membrane); anyone can verify a licence; breaches are handled with due process.
/// @dev `address(0)` as a fee token stands for the native currency.
interface ILicenceRegistry {
    /// @notice The use a licensee claims.
    enum LicenceClass {
        NonCommercial,
        Commons,
        Commercial
    }

    /// @notice Where a licence stands.
    enum LicenceStatus {
        None,
        Requested,
        Active,
        Suspended,
        Revoked,
        Refused
    }

    /// @notice What a work's terms say about derivative works.
    enum Derivatives {
        NotAllowed,
        ShareAlike,
        Allowed
    }

    /// @notice A work's licence terms. Each change makes a new version; licences keep the version
    /// frozen at their grant.
    /// @param uri Where the licence text is; `hash` its keccak-256 or content hash.
    /// @param membership An IMembership whose members are commons users (address(0): none).
    /// @param charterHash Signers of this charter (EIP-712) are commons users (zero: none).
    /// @param cooperativesFree Whether cooperatives recognised by the steward are commons users.
    /// @param commercialAutoGrant Whether commercial requests are granted without the steward.
    /// @param renewable Whether a licence may be renewed after its first period.
    /// @param attributionRequired Whether users must attribute the work.
    /// @param derivatives Whether derivative works are allowed, and on which terms.
    /// @param feeToken Token of the commercial fee and revenue share (address(0): native).
    /// @param feePerPeriod Commercial fee for each period (for the whole licence when `period` is 0).
    /// @param revenueShareBps Share of reported revenue a commercial licensee pays, in basis points.
    /// @param period Length of a licence period in seconds (0: the licence does not expire).
    /// @param answerWindow Seconds a suspended licensee has to answer before revocation.
    struct Terms {
        string uri;
        bytes32 hash;
        address membership;
        bytes32 charterHash;
        bool cooperativesFree;
        bool commercialAutoGrant;
        bool renewable;
        bool attributionRequired;
        Derivatives derivatives;
        address feeToken;
        uint256 feePerPeriod;
        uint16 revenueShareBps;
        uint64 period;
        uint64 answerWindow;
    }

    /// @notice A registered work.
    struct Work {
        address steward;
        address pendingSteward;
        address beneficiary;
        uint256 previousVersion;
        uint256 supersededBy;
        uint256 termsVersion;
        bytes32 contentHash;
        string title;
        string uri;
    }

    /// @notice A licence. `termsVersion` is the version its licensee requested, kept at the grant.
    /// Packed in three storage slots.
    struct Licence {
        address licensee;
        LicenceClass licenceClass;
        LicenceStatus status;
        bool awaitingPayment;
        bool answered;
        uint16 maxRevenueShareBps;
        uint48 grantedAt;
        uint64 workId;
        uint64 termsVersion;
        uint64 expiresAt;
        uint64 answerDeadline;
        uint256 maxFee;
    }

    /// @notice Work `workId` does not exist.
    error LicenceRegistryUnknownWork(uint256 workId);
    /// @notice Licence `licenceId` does not exist.
    error LicenceRegistryUnknownLicence(uint256 licenceId);
    /// @notice Only the steward of `workId` may do this; `caller` is not.
    error LicenceRegistryNotSteward(uint256 workId, address caller);
    /// @notice Only the licensee of `licenceId` may do this; `caller` is not.
    error LicenceRegistryNotLicensee(uint256 licenceId, address caller);
    /// @notice Only the offered steward of `workId` may accept it; `caller` is not.
    error LicenceRegistryNotPendingSteward(uint256 workId, address caller);
    /// @notice The zero address was given where an account is required.
    error LicenceRegistryInvalidAddress();
    /// @notice A work with an empty title or URI, or a zero content hash.
    error LicenceRegistryInvalidWork();
    /// @notice Terms with an empty URI or a zero hash.
    error LicenceRegistryInvalidTerms();
    /// @notice A revenue share above 100 % (10,000 basis points).
    error LicenceRegistryInvalidShare(uint256 bps);
    /// @notice An answer window shorter than the minimum.
    error LicenceRegistryAnswerWindowTooShort(uint64 given, uint64 minimum);
    /// @notice Work `workId` was superseded by `newWorkId`; request the new version.
    error LicenceRegistryWorkSuperseded(uint256 workId, uint256 newWorkId);
    /// @notice `licensee` already holds licence `licenceId` of the work, still requested, active or suspended.
    error LicenceRegistryAlreadyLicensed(uint256 licenceId, address licensee);
    /// @notice Licence `licenceId` is `status`, not what the call needs.
    error LicenceRegistryWrongStatus(uint256 licenceId, LicenceStatus status);
    /// @notice The terms ask `fee` (and `shareBps`) but the payer accepted at most `maxFee` (`maxShareBps`).
    error LicenceRegistryTermsAboveMaximum(uint256 fee, uint256 maxFee, uint16 shareBps, uint16 maxShareBps);
    /// @notice `sent` native currency was sent where `expected` was due.
    error LicenceRegistryWrongValue(uint256 sent, uint256 expected);
    /// @notice Sending `amount` of native currency to `to` (where held fees were withdrawn to) failed.
    error LicenceRegistryPaymentFailed(address to, uint256 amount);
    /// @notice Licence `licenceId` cannot be renewed (terms not renewable, or no expiry).
    error LicenceRegistryNotRenewable(uint256 licenceId);
    /// @notice Licence `licenceId` is not commercial, or its terms ask no revenue share.
    error LicenceRegistryNoRevenueShare(uint256 licenceId);
    /// @notice A commons licence was renewed by `licensee`, who no longer qualifies.
    error LicenceRegistryNotCommons(uint256 licenceId, address licensee);
    /// @notice The answer window of `licenceId` closed at `deadline`.
    error LicenceRegistryAnswerWindowClosed(uint256 licenceId, uint64 deadline);
    /// @notice Licence `licenceId` cannot be revoked before `deadline` unless its licensee answered.
    error LicenceRegistryAnswerWindowOpen(uint256 licenceId, uint64 deadline);
    /// @notice The charter signature expired at `deadline`.
    error LicenceRegistrySignatureExpired(uint256 deadline);
    /// @notice The charter signature is not `signer`'s.
    error LicenceRegistryInvalidSignature(address signer);
    /// @notice The request named terms version `seen` of `workId`, but its terms are now at `current`.
    error LicenceRegistryTermsChanged(uint256 workId, uint256 seen, uint256 current);
    /// @notice No fees are held for `beneficiary`.
    error LicenceRegistryNothingHeld(address beneficiary);

    /// @notice Work `workId` was registered by `steward`, paying fees to `beneficiary`;
    /// `previousVersion` is the work it supersedes (0: none).
    event WorkRegistered(
        uint256 indexed workId,
        address indexed steward,
        address indexed beneficiary,
        uint256 previousVersion,
        bytes32 contentHash,
        string title,
        string uri
    );
    /// @notice Work `workId` has terms version `version`.
    event TermsSet(uint256 indexed workId, uint256 indexed version, Terms terms);
    /// @notice Work `oldWorkId` was superseded by `newWorkId`; its licences stay as they are.
    event WorkSuperseded(uint256 indexed oldWorkId, uint256 indexed newWorkId);
    /// @notice The steward of `workId` offered stewardship to `newSteward`.
    event StewardshipOffered(uint256 indexed workId, address indexed steward, address indexed newSteward);
    /// @notice `newSteward` accepted stewardship of `workId` from `previousSteward`.
    event StewardshipAccepted(uint256 indexed workId, address indexed previousSteward, address indexed newSteward);
    /// @notice Fees of `workId` now go to `beneficiary`.
    event BeneficiaryChanged(uint256 indexed workId, address indexed beneficiary);
    /// @notice `steward` recognised (or stopped recognising) `cooperative` as a commons user.
    event CooperativeRecognised(address indexed steward, address indexed cooperative, bool recognised);
    /// @notice `signer` accepted the charter `charterHash` by EIP-712 signature.
    event CharterAccepted(address indexed signer, bytes32 indexed charterHash, uint256 nonce);
    /// @notice `licensee` asked for licence `licenceId` of `workId` as `licenceClass`, accepting at most
    /// `maxFee` per period and `maxRevenueShareBps`.
    event LicenceRequested(
        uint256 indexed licenceId,
        uint256 indexed workId,
        address indexed licensee,
        LicenceClass licenceClass,
        uint256 maxFee,
        uint16 maxRevenueShareBps
    );
    /// @notice Licence `licenceId` was granted by `grantedBy` (the registry itself when automatic)
    /// under terms version `termsVersion`, valid until `expiresAt` (max uint64: no expiry).
    event LicenceGranted(
        uint256 indexed licenceId,
        uint256 indexed workId,
        address indexed licensee,
        LicenceClass licenceClass,
        uint256 termsVersion,
        address grantedBy,
        uint64 expiresAt,
        bool awaitingPayment
    );
    /// @notice The steward refused licence request `licenceId`, for the reason at `reasonURI`.
    event LicenceRefused(uint256 indexed licenceId, string reasonURI, bytes32 reasonHash);
    /// @notice `payer` paid `amount` of `token` for licence `licenceId` to `beneficiary` (`notified`:
    /// the beneficiary was called successfully in the same transaction; native: its `receive` took the
    /// fee, and when it did not the fee is held (`FeeHeld`); ERC-20: its `notifyIncome(token)` did not revert).
    event FeePaid(
        uint256 indexed licenceId,
        address indexed payer,
        address indexed beneficiary,
        address token,
        uint256 amount,
        bool notified
    );
    /// @notice The native fee `amount` of licence `licenceId` could not be pushed to `beneficiary` (it
    /// refused it or ran out of gas); it is held for the beneficiary to withdraw. The licence is paid.
    event FeeHeld(uint256 indexed licenceId, address indexed beneficiary, uint256 amount);
    /// @notice `beneficiary` withdrew `amount` of its held native fees to `to`.
    event HeldFeesWithdrawn(address indexed beneficiary, address indexed to, uint256 amount);
    /// @notice Licence `licenceId` was renewed (or paid for the first time) until `expiresAt`.
    event LicenceRenewed(uint256 indexed licenceId, uint64 expiresAt);
    /// @notice The licensee of `licenceId` reported `revenue` (report at `reportURI`) and paid `share`.
    event RevenueReported(
        uint256 indexed licenceId,
        uint256 revenue,
        uint256 share,
        string reportURI,
        bytes32 reportHash
    );
    /// @notice Licence `licenceId` was suspended for the reason at `reasonURI`; the licensee may
    /// answer until `answerDeadline`.
    event LicenceSuspended(uint256 indexed licenceId, string reasonURI, bytes32 reasonHash, uint64 answerDeadline);
    /// @notice The licensee of `licenceId` answered the suspension (answer at `answerURI`).
    event LicenceAnswered(uint256 indexed licenceId, string answerURI, bytes32 answerHash);
    /// @notice The steward lifted the suspension of `licenceId` (note at `noteURI`).
    event LicenceReinstated(uint256 indexed licenceId, string noteURI);
    /// @notice The steward revoked `licenceId` for the reason at `reasonURI`. Final.
    event LicenceRevoked(uint256 indexed licenceId, string reasonURI, bytes32 reasonHash);

    /// @notice Registers a work with the caller as its steward.
    /// @param title Human title; @param uri Where the work is; @param contentHash Its content hash.
    /// @param beneficiary Where fees go (the community's membrane, or any account).
    /// @param terms The first version of its terms.
    /// @return workId The new work's id (the first is 1).
    function registerWork(
        string calldata title,
        string calldata uri,
        bytes32 contentHash,
        address beneficiary,
        Terms calldata terms
    ) external returns (uint256 workId);

    /// @notice Registers a new version of `workId` (same steward, beneficiary and current terms),
    /// marking the old one superseded. Licences of the old version stay as granted. Only the steward.
    /// @return newWorkId The new version's id.
    function supersedeWork(
        uint256 workId,
        string calldata title,
        string calldata uri,
        bytes32 contentHash
    ) external returns (uint256 newWorkId);

    /// @notice Sets a new version of the terms of `workId`; granted licences keep theirs. Only the steward.
    /// @return version The new terms version.
    function setTerms(uint256 workId, Terms calldata terms) external returns (uint256 version);

    /// @notice Offers stewardship of `workId` to `newSteward` (zero address: withdraws the offer). Only the steward.
    function offerStewardship(uint256 workId, address newSteward) external;

    /// @notice Accepts stewardship of `workId`. Only the account it was offered to.
    function acceptStewardship(uint256 workId) external;

    /// @notice Sends future fees of `workId` to `beneficiary`. Only the steward.
    function setBeneficiary(uint256 workId, address beneficiary) external;

    /// @notice Recognises `cooperative` as a commons user of the caller's works (or stops).
    function recogniseCooperative(address cooperative, bool recognised) external;

    /// @notice Records that `signer` accepted the charter `charterHash`, by their EIP-712 signature
    /// (`CharterAcceptance(address signer,bytes32 charterHash,uint256 nonce,uint256 deadline)`;
    /// ERC-1271 for contract accounts). Anyone may relay it. Anyone can sign, so a signature alone does
    /// not grant a commons licence: the signer's first commons licence waits for the steward, and a
    /// granted one is renewed while the signature stands.
    function acceptCharter(address signer, bytes32 charterHash, uint256 deadline, bytes calldata signature) external;

    /// @notice Asks for a licence of `workId` as `licenceClass` under terms version `termsVersion` (the
    /// one the licensee read; the call fails if the work's terms have changed since), accepting at most
    /// `maxFee` per period and `maxRevenueShareBps`. Granted at once when those terms allow it (a
    /// commercial fee is then paid with this call, native currency as `msg.value`), otherwise left for
    /// the steward, who can only grant it under the same version. Non-commercial use is granted at once;
    /// commons use when the licensee is a member of the terms' membership or a cooperative the steward
    /// recognises (a charter signer waits for the steward); commercial use when the terms say so. A
    /// licensee ever revoked from this work waits for the steward whatever the terms say.
    /// @return licenceId The licence's id (the first is 1).
    function requestLicence(
        uint256 workId,
        uint256 termsVersion,
        LicenceClass licenceClass,
        uint256 maxFee,
        uint16 maxRevenueShareBps
    ) external payable returns (uint256 licenceId);

    /// @notice Grants a requested licence under the terms version the licensee requested, within the
    /// maximums it accepted. A commercial licence with a fee then awaits its first payment. Only the steward.
    function grantLicence(uint256 licenceId) external;

    /// @notice Refuses a requested licence, with a reason. Only the steward.
    function refuseLicence(uint256 licenceId, string calldata reasonURI, bytes32 reasonHash) external;

    /// @notice Pays the first fee of a steward-granted commercial licence (for its first period, or for
    /// good when the terms have no period: a one-time fee), or renews a licence with renewable terms for
    /// one more period under its frozen terms (commercial: pays the frozen fee; commons: the licensee
    /// must still qualify). Only the licensee.
    function renewLicence(uint256 licenceId) external payable;

    /// @notice Reports `revenue` earned under a commercial licence and pays the frozen revenue share
    /// to the work's beneficiary. Only the licensee.
    /// @return share What was paid.
    function reportRevenue(
        uint256 licenceId,
        uint256 revenue,
        string calldata reportURI,
        bytes32 reportHash
    ) external payable returns (uint256 share);

    /// @notice Suspends an active licence for breach; the licensee may answer within the frozen
    /// answer window. Only the steward.
    function suspendLicence(uint256 licenceId, string calldata reasonURI, bytes32 reasonHash) external;

    /// @notice The licensee's answer to a suspension, before its deadline.
    function answerSuspension(uint256 licenceId, string calldata answerURI, bytes32 answerHash) external;

    /// @notice Lifts a suspension. Only the steward.
    function reinstateLicence(uint256 licenceId, string calldata noteURI) external;

    /// @notice Revokes a suspended licence, once the licensee has answered or the window has closed.
    /// Final, and remembered for the work and licensee: their later requests always wait for the
    /// steward. Only the steward (a community's timelock: its governance).
    function revokeLicence(uint256 licenceId, string calldata reasonURI, bytes32 reasonHash) external;

    /// @notice Sends the native fees held for the caller (a beneficiary that refused them) to `to`.
    /// @return amount What was sent.
    function withdrawHeldFees(address to) external returns (uint256 amount);

    /// @notice Whether `licensee` holds an active, unexpired, paid licence of `workId`.
    function isLicensed(uint256 workId, address licensee) external view returns (bool);

    /// @notice The latest licence of `licensee` for `workId` (0: none).
    function licenceOf(uint256 workId, address licensee) external view returns (uint256);

    /// @notice Licence `licenceId`.
    function licence(uint256 licenceId) external view returns (Licence memory);

    /// @notice The terms of licence `licenceId`: the version its licensee requested.
    function licenceTerms(uint256 licenceId) external view returns (Terms memory);

    /// @notice Work `workId`.
    function work(uint256 workId) external view returns (Work memory);

    /// @notice Version `version` of the terms of `workId`.
    function terms(uint256 workId, uint256 version) external view returns (Terms memory);

    /// @notice Whether `account` qualifies as a commons user of `workId` under its current terms: it
    /// signed those terms' charter, or is a cooperative the steward recognises (when the terms free
    /// cooperatives), or a member of the terms' membership. This is the test `renewLicence` applies
    /// to a commons licence (under the licence's own terms version), NOT the test for an automatic
    /// grant: a charter signer qualifies here, yet its commons request waits for the steward, since
    /// `requestLicence` grants a commons licence by itself only to a recognised cooperative or a member
    /// (and never to an account whose licence of the work was revoked). True says nothing about
    /// holding a licence (`isLicensed`).
    function isCommonsUser(uint256 workId, address account) external view returns (bool);

    /// @notice Whether a licence of `licensee` for `workId` was ever revoked.
    function wasRevoked(uint256 workId, address licensee) external view returns (bool);

    /// @notice Native fees held for `beneficiary` to withdraw.
    function heldFees(address beneficiary) external view returns (uint256);

    /// @notice Whether `signer` accepted the charter `charterHash`.
    function charterAccepted(address signer, bytes32 charterHash) external view returns (bool);

    /// @notice Whether `steward` recognises `cooperative`.
    function isRecognisedCooperative(address steward, address cooperative) external view returns (bool);

    /// @notice Number of works and of licences so far.
    function counts() external view returns (uint256 works, uint256 licences);
}
