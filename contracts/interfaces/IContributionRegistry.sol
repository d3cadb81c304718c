// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

import {IContributionToken} from "./IContributionToken.sol";
import {IMembership} from "./IMembership.sol";

/// @title IContributionRegistry
/// @notice A community's contributive accounting: the kinds of contribution it recognises and
/// their value, contributions submitted with evidence and approved by peers' attestations, and
/// vouchers signed by stewards. Each path ends in contribution tokens minted to the contributor.
interface IContributionRegistry {
    /// @notice Where a submitted contribution stands. "Accepted" is not a stored state: a `Pending`
    /// or `Cleared` contribution whose attestations reached its threshold is claimable once its
    /// challenge window (`claimableAt`) has passed.
    enum ContributionStatus {
        None,
        Pending,
        Challenged,
        Cleared,
        Rejected,
        Claimed
    }

    /// @notice A kind of contribution (care, code, design ...) and its value per unit, in token units.
    struct ContributionKind {
        string name;
        uint128 valuePerUnit;
        bool active;
    }

    /// @notice A kind given at initialisation.
    struct KindSpec {
        string name;
        uint128 valuePerUnit;
    }

    /// @notice A submitted contribution. `amount` (units × value) and the attestation policy are
    /// fixed at submission, so later governance changes never alter a contribution in flight.
    struct Contribution {
        address contributor;
        uint32 kind;
        uint16 attestations;
        uint16 threshold;
        ContributionStatus status;
        uint128 amount;
        uint48 challengeWindow;
        uint48 claimableAt;
    }

    /// @notice A steward's signed promise of `units` of `kind` to `contributor`, worth units × the
    /// kind's value per unit at redemption, redeemable once (by `id`) until `deadline`.
    struct Voucher {
        address contributor;
        uint32 kind;
        uint256 units;
        uint256 id;
        uint256 deadline;
    }

    /// @notice The zero address was given where an account is required.
    error ContributionRegistryInvalidAccount();
    /// @notice Only members may do this; `account` is not one.
    error ContributionRegistryNotMember(address account);
    /// @notice Only governance or a steward may resolve challenges; `caller` is neither.
    error ContributionRegistryNotResolver(address caller);
    /// @notice No kind `kind`; `kindCount` kinds exist.
    error ContributionRegistryUnknownKind(uint256 kind, uint256 kindCount);
    /// @notice Kind `kind` is not active.
    error ContributionRegistryInactiveKind(uint256 kind);
    /// @notice A value per unit of zero.
    error ContributionRegistryInvalidValue();
    /// @notice `units` units are not a valid submission (zero, or worth more than 2^128 - 1 token units).
    error ContributionRegistryInvalidUnits(uint256 units);
    /// @notice An attestation threshold of `threshold` (must be 1 to 65535) or a challenge window of
    /// `challengeWindow` seconds (at most 2^32 - 1).
    error ContributionRegistryInvalidPolicy(uint256 threshold, uint256 challengeWindow);
    /// @notice No contribution `id`.
    error ContributionRegistryUnknownContribution(uint256 id);
    /// @notice `attestor` submitted contribution `id` and cannot attest it.
    error ContributionRegistrySelfAttestation(uint256 id, address attestor);
    /// @notice `attestor` already attested contribution `id`.
    error ContributionRegistryAlreadyAttested(uint256 id, address attestor);
    /// @notice Contribution `id` is `status`, in which this cannot be done.
    error ContributionRegistryWrongStatus(uint256 id, ContributionStatus status);
    /// @notice Contribution `id` is not claimable yet: its attestations have not reached the threshold
    /// (`claimableAt` is 0) or its challenge window ends at `claimableAt`.
    error ContributionRegistryNotClaimable(uint256 id, uint256 claimableAt);
    /// @notice Contribution `id` can no longer be challenged: it became claimable at `claimableAt`.
    error ContributionRegistryChallengeWindowClosed(uint256 id, uint256 claimableAt);
    /// @notice Only the contributor may do this; `caller` is not `contributor`.
    error ContributionRegistryNotContributor(address caller, address contributor);
    /// @notice The signature is not a valid signature of `signer` over the typed data.
    error ContributionRegistryInvalidSignature(address signer);
    /// @notice The signature expired at `deadline`.
    error ContributionRegistryExpired(uint256 deadline);
    /// @notice `signer` is not a steward of the community.
    error ContributionRegistryNotSteward(address signer);
    /// @notice Voucher `id` was already redeemed.
    error ContributionRegistryVoucherRedeemed(uint256 id);
    /// @notice `challenger` submitted contribution `id` and cannot challenge it.
    error ContributionRegistrySelfChallenge(uint256 id, address challenger);
    /// @notice `steward` signed a voucher to itself; vouchers pay only other members.
    error ContributionRegistrySelfVoucher(address steward);
    /// @notice A steward budget of `budget` (at most 2^128 - 1 token units per period).
    error ContributionRegistryInvalidBudget(uint256 budget);
    /// @notice `steward`'s vouchers may mint only `remaining` more this period; this one is worth `amount`.
    error ContributionRegistryStewardBudgetExceeded(address steward, uint256 amount, uint256 remaining);

    /// @notice Governance added `kind` named `name` worth `valuePerUnit` per unit (active).
    event KindAdded(uint256 indexed kind, string name, uint256 valuePerUnit);
    /// @notice Governance changed the value per unit of `kind`.
    event KindValueChanged(uint256 indexed kind, uint256 previousValue, uint256 newValue);
    /// @notice Governance activated or deactivated `kind`.
    event KindActiveChanged(uint256 indexed kind, bool active);
    /// @notice Governance set the attestations a new contribution needs and its challenge window.
    event AttestationPolicyChanged(uint256 threshold, uint256 challengeWindow);
    /// @notice `contributor` submitted contribution `id`: `units` of `kind`, worth `amount`, with
    /// evidence at `evidenceURI` hashing to `evidenceHash`; it needs `threshold` attestations and
    /// then `challengeWindow` seconds without a successful challenge.
    event ContributionSubmitted(
        uint256 indexed id,
        address indexed contributor,
        uint256 indexed kind,
        uint256 units,
        uint256 amount,
        string evidenceURI,
        bytes32 evidenceHash,
        uint256 threshold,
        uint256 challengeWindow
    );
    /// @notice `attestor` attested contribution `id`, which now has `attestations`; it becomes
    /// claimable at `claimableAt` (0 while the threshold is not reached).
    event ContributionAttested(uint256 indexed id, address indexed attestor, uint256 attestations, uint256 claimableAt);
    /// @notice `challenger` challenged contribution `id`, for the reason at `reasonURI`.
    event ContributionChallenged(uint256 indexed id, address indexed challenger, string reasonURI);
    /// @notice `resolver` resolved the challenge of `id`: `upheld` rejects the contribution for good;
    /// otherwise it is cleared and can no longer be challenged.
    event ChallengeResolved(uint256 indexed id, address indexed resolver, bool upheld, string reasonURI);
    /// @notice An attestation by `attestor` after a dismissed challenge returned contribution `id` to
    /// `Pending`: it can be challenged again until its `claimableAt`.
    event ContributionReopened(uint256 indexed id, address indexed attestor);
    /// @notice Governance set what `steward`'s vouchers may mint per `STEWARD_BUDGET_PERIOD`.
    event StewardBudgetSet(address indexed steward, uint256 previousBudget, uint256 newBudget);
    /// @notice `amount` tokens were minted to `contributor` for contribution `id`.
    event ContributionClaimed(uint256 indexed id, address indexed contributor, uint256 amount);
    /// @notice Voucher `id`, signed by `steward`, minted `amount` tokens (`units` of `kind`) to
    /// `contributor`, counted against the steward's budget of the period.
    event VoucherRedeemed(
        uint256 indexed id,
        address indexed contributor,
        uint256 indexed kind,
        uint256 units,
        uint256 amount,
        address steward
    );

    /// @notice Sets up a community's registry.
    /// @param token_ The community's contribution token (this contract needs its MINTER_ROLE).
    /// @param membership_ The community's membership: who may submit, attest and challenge.
    /// @param governance The community's timelock: DEFAULT_ADMIN_ROLE (kinds, policy, stewards, resolution).
    /// @param stewards Accounts given STEWARD_ROLE (resolve challenges, sign vouchers); may be empty.
    /// @param threshold Attestations a contribution needs (1 to 65535).
    /// @param challengeWindow Seconds a contribution stays challengeable after reaching its threshold.
    /// @param kinds Initial kinds, numbered 0, 1, 2 ... in this order.
    function initialize(
        IContributionToken token_,
        IMembership membership_,
        address governance,
        address[] calldata stewards,
        uint256 threshold,
        uint256 challengeWindow,
        KindSpec[] calldata kinds
    ) external;

    /// @notice Adds an active kind. Only governance.
    /// @return kind The new kind's number.
    function addKind(string calldata name, uint128 valuePerUnit) external returns (uint256 kind);

    /// @notice Changes the value per unit of `kind` for contributions submitted from now on. Only governance.
    function setKindValue(uint256 kind, uint128 valuePerUnit) external;

    /// @notice Activates or deactivates `kind` (inactive kinds take no submissions or vouchers). Only governance.
    function setKindActive(uint256 kind, bool active) external;

    /// @notice Sets the attestation threshold and challenge window for contributions submitted from now on.
    /// Only governance.
    function setAttestationPolicy(uint256 threshold, uint256 challengeWindow) external;

    /// @notice Sets what `steward`'s vouchers may mint per `STEWARD_BUDGET_PERIOD` (0, the default,
    /// disables its vouchers). Takes effect at once, including for the current period. Only governance.
    function setStewardBudget(address steward, uint256 budgetPerPeriod) external;

    /// @notice Submits a contribution of the caller. Only members.
    /// @return id The contribution's id (1, 2, 3 ...).
    function submit(
        uint256 kind,
        uint256 units,
        string calldata evidenceURI,
        bytes32 evidenceHash
    ) external returns (uint256 id);

    /// @notice The caller attests contribution `id`. Only members, never one's own, once each.
    function attest(uint256 id) external;

    /// @notice Records `attestor`'s EIP-712 `Attestation(uint256 contributionId,address contributor,uint32 kind,
    /// uint256 amount,bytes32 evidenceHash,address attestor,uint256 deadline)` signature (ECDSA or ERC-1271),
    /// whose contributor, kind, amount and evidence hash must be those of contribution `id`. Anyone may send it.
    function attestBySig(uint256 id, address attestor, uint256 deadline, bytes calldata signature) external;

    /// @notice The caller challenges contribution `id` before its challenge window ends. Only members,
    /// never the contributor. A cleared contribution can be challenged again only after a new attestation
    /// re-opened it (`ContributionReopened`).
    function challenge(uint256 id, string calldata reasonURI) external;

    /// @notice Resolves the challenge of `id`: `upheld` rejects it for good, otherwise it is cleared.
    /// Only governance or a steward.
    function resolveChallenge(uint256 id, bool upheld, string calldata reasonURI) external;

    /// @notice Mints an accepted contribution's tokens to its contributor. Only the contributor, while a member
    /// (a contributor who left or was removed claims once re-admitted).
    function claim(uint256 id) external;

    /// @notice Redeems a steward's EIP-712 `Voucher(address contributor,uint32 kind,uint256 units,uint256 id,uint256 deadline)`
    /// (ECDSA or ERC-1271 signature), minting units × the kind's value to the contributor and counting it against
    /// the steward's budget of the period. Only the contributor, a current member other than the steward.
    function redeemVoucher(Voucher calldata voucher, address steward, bytes calldata signature) external;

    /// @notice The evidence hash contribution `id` was submitted with.
    function evidenceHashOf(uint256 id) external view returns (bytes32);

    /// @notice What `steward`'s vouchers may mint per period, what they minted in the current period, and
    /// when that period ends.
    function stewardBudget(
        address steward
    ) external view returns (uint256 budgetPerPeriod, uint256 spentThisPeriod, uint256 periodEndsAt);

    /// @notice The kind `kind`.
    function getKind(uint256 kind) external view returns (ContributionKind memory);

    /// @notice How many kinds exist.
    function kindCount() external view returns (uint256);

    /// @notice Contribution `id`.
    function getContribution(uint256 id) external view returns (Contribution memory);

    /// @notice How many contributions were submitted (ids run from 1 to this).
    function contributionCount() external view returns (uint256);

    /// @notice Whether contribution `id` can be claimed now (its contributor must be a member).
    function isClaimable(uint256 id) external view returns (bool);

    /// @notice Whether `attestor` attested contribution `id`.
    function hasAttested(uint256 id, address attestor) external view returns (bool);

    /// @notice Whether voucher `id` was redeemed.
    function isVoucherRedeemed(uint256 id) external view returns (bool);

    /// @notice The attestation threshold and challenge window for new contributions.
    function attestationPolicy() external view returns (uint256 threshold, uint256 challengeWindow);

    /// @notice The community's contribution token.
    function token() external view returns (IContributionToken);

    /// @notice The community's membership.
    function membership() external view returns (IMembership);
}
