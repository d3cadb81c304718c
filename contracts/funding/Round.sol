// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IDonorEligibility} from "../interfaces/IDonorEligibility.sol";
import {IFederatedMembership} from "../interfaces/IFederatedMembership.sol";
import {IRound} from "../interfaces/IRound.sol";

/// @title Round
/// @notice A quadratic funding round for a community's public goods. Many small donations count for
/// more than a few large ones: a project's ideal match is (sum of the square roots of its donors'
/// totals)^2 minus the sum of those totals, computed per donor so that splitting a donation changes
/// nothing, and kept current at every donation so that finalising costs the same however many
/// donations there were.
/// @dev Arithmetic, chosen so that every rounding goes against over-payment:
/// - a donor's root is `Math.sqrt(total * 1e18)` (floor), i.e. sqrt(total) with 9 extra decimals;
/// - a project's ideal match is `sumRoots^2 / 1e18 - sumContributions` (floor, saturating at 0);
///   both floors can only lower it, so a single donor always gets 0;
/// - after finalisation a project's match is `min(matchCap, idealMatch * numerator / denominator)`
///   (floor), where numerator/denominator <= 1 scales the ideal matches down to the pool and, with
///   a cap, redistributes the excess above the cap among uncapped projects (a loop over at most
///   MAX_PROJECTS approved projects, at finalisation only);
/// - a funder's leftover is `funding * leftover / pool` (floor).
/// The floors leave at most (approved projects + funders) wei in the contract, owed to nobody.
///
/// Cluster (plural) matching, chosen at creation (`initializeWithMatching`): a donor's clusters
/// (at most MAX_CLUSTERS, fixed at its first donation) each receive CLUSTER_WEIGHT / k twelfths of
/// every unit it gives (k = its number of clusters; 12 is divisible by 1..4, so the shares are
/// exact integers); a project keeps each cluster's total in twelfths and `sumRoots` as the sum over
/// clusters of `Math.sqrt(twelfths * 1e18)`; its ideal match is `sumRoots^2 / 12e18 - sumContributions`
/// (floor, saturating at 0). A donation updates only its donor's clusters' totals, and the sum of
/// roots by the change of each of their roots, so it stays exactly the sum over clusters whatever
/// the order or splitting of donations, and finalising still costs the same.
/// Deployed once as an implementation; rounds are minimal clones made by `RoundFactory`.
contract Round is IRound, Initializable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Fixed at finalisation: match = min(matchCap, ideal * numerator / denominator); the
    /// leftover goes back to the funders pro rata.
    struct Settlement {
        uint256 matchCap;
        uint256 numerator;
        uint256 denominator;
        uint256 leftover;
    }

    /// @dev What every donation reads or writes, packed in one slot: the flags (phase), the total of
    /// ideal matches, and the matching mode.
    struct RoundState {
        bool finalized;
        bool cancelled;
        uint128 totalIdealMatch;
        uint64 finalizedAt;
        Matching matching;
    }

    /// @dev Cluster matching's state: the source of clusters, each donor's clusters (fixed at its first
    /// donation; [UNAFFILIATED] for none) and each project's cluster totals (in twelfths).
    struct ClusterTally {
        bytes32 source;
        mapping(address donor => uint256[]) donorClusters;
        mapping(uint256 projectId => mapping(uint256 cluster => uint256)) totals;
        mapping(uint256 projectId => uint256) count;
    }

    /// @notice Bound on the number of approved projects (the capped finalisation loops over them).
    uint256 public constant MAX_PROJECTS = 100;

    /// @notice Fixed-point scale of square roots: sqrt(x * 1e18) is sqrt(x) with 9 decimals more.
    uint256 public constant ROOT_SCALE = 1e18;

    /// @notice The most clusters a donor counts in (`FederatedMembership.MAX_COMMUNITIES`).
    uint256 public constant MAX_CLUSTERS = 4;

    /// @notice Cluster totals are kept in twelfths of a token unit: 12 = lcm(1, 2, 3, 4), so a donor
    /// in k <= MAX_CLUSTERS clusters gives each exactly 12 / k twelfths of every unit.
    uint256 public constant CLUSTER_WEIGHT = 12;

    /// @notice The cluster of donors that belong to none.
    uint256 public constant UNAFFILIATED = 0;

    /// @notice Shortest tally window a round may have: time for reviewers to remove a project found to
    /// be a sybil once donations close, and for the operator to cancel.
    uint32 public constant MIN_TALLY_WINDOW = 1 hours;

    /// @notice Longest tally window a round may have (finalisation, and so every payout, waits for it).
    uint32 public constant MAX_TALLY_WINDOW = 30 days;

    /// @notice How far past the scheduled end of donations `maxDonationsEnd` may be set: the operator's
    /// extensions can delay finalisation by at most this much.
    uint64 public constant MAX_DONATIONS_EXTENSION = 365 days;

    /// @notice After finalisation, how long only a project's owner or recipient may trigger its payout:
    /// time for the owner to point it elsewhere (`updateRecipient`) without being front-run.
    uint256 public constant OWNER_CLAIM_PERIOD = 3 days;

    uint256 private constant _BPS = 10_000;
    uint8 private constant _ADMISSION = 1; // bit of `_votes`: the reviewer voted on admission
    uint8 private constant _REMOVAL = 2; // bit of `_votes`: the reviewer voted to remove

    Config private _config;
    mapping(address account => bool) private _isReviewer;

    Project[] private _projects;
    uint256[] private _approved;
    mapping(uint256 projectId => uint256) private _approvedIndex; // position in _approved, plus one
    mapping(uint256 projectId => mapping(address reviewer => uint8 stages)) private _votes; // _ADMISSION | _REMOVAL
    mapping(uint256 projectId => mapping(address donor => uint256)) private _donations;
    mapping(address funder => uint256) private _funding;

    // One slot: every donation reads the flags (phase) and the matching mode, and updates the total.
    RoundState private _state;

    uint256 private _pool;
    Settlement private _settlement;
    address private _factory;

    ClusterTally private _clusters;

    modifier onlyOperator() {
        _checkOperator();
        _;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IRound
    function initialize(Config calldata config_) external initializer {
        _initialize(config_);
    }

    /// @inheritdoc IRound
    function initializeWithMatching(
        Config calldata config_,
        Matching matching_,
        bytes32 clusterSource
    ) external initializer {
        bool valid =
            matching_ == Matching.Standard
                ? clusterSource == 0
                : matching_ == Matching.ClusterMerkle
                    ? clusterSource != 0
                    : (uint256(clusterSource) >> 160 == 0 && address(uint160(uint256(clusterSource))).code.length != 0);
        if (!valid) revert RoundInvalidClusterSource(matching_, clusterSource);
        _initialize(config_);
        _state.matching = matching_;
        _clusters.source = clusterSource;
        emit MatchingChosen(matching_, clusterSource);
    }

    /// @inheritdoc IRound
    function proveClusters(uint256[] calldata clusters, bytes32[] calldata proof) external {
        Matching mode = _state.matching;
        if (mode != Matching.ClusterMerkle) revert RoundNotMerkleClusters(mode);
        Phase current = phase();
        if (current >= Phase.Tallying) revert RoundWrongPhase(current, Phase.Donations);
        if (_clusters.donorClusters[msg.sender].length != 0) revert RoundClustersAlreadyFixed(msg.sender);
        uint256 count = clusters.length;
        if (count == 0) revert RoundInvalidClusterIds(msg.sender);
        if (count > MAX_CLUSTERS) revert RoundTooManyClusters(msg.sender, count, MAX_CLUSTERS);
        uint256 previous = UNAFFILIATED;
        for (uint256 i = 0; i < count; ++i) {
            if (clusters[i] <= previous) revert RoundInvalidClusterIds(msg.sender);
            previous = clusters[i];
        }
        // Standard tree leaf: keccak256(bytes.concat(keccak256(abi.encode(donor, clusters)))).
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(msg.sender, clusters))));
        if (!MerkleProof.verifyCalldata(proof, _clusters.source, leaf)) revert RoundInvalidClusterProof(msg.sender);
        _fixClusters(msg.sender, clusters);
    }

    function _initialize(Config calldata config_) private {
        if (config_.operator == address(0)) revert RoundZeroOperator();
        _checkCodeOrZero(config_.token);
        _checkCodeOrZero(config_.eligibility);
        if (
            config_.applicationsStart > config_.applicationsEnd ||
            config_.applicationsEnd > config_.donationsStart ||
            config_.donationsStart >= config_.donationsEnd
        ) {
            revert RoundInvalidSchedule(
                config_.applicationsStart,
                config_.applicationsEnd,
                config_.donationsStart,
                config_.donationsEnd
            );
        }
        if (
            config_.maxDonationsEnd < config_.donationsEnd ||
            config_.maxDonationsEnd - config_.donationsEnd > MAX_DONATIONS_EXTENSION
        ) {
            revert RoundInvalidMaxDonationsEnd(config_.donationsEnd, config_.maxDonationsEnd);
        }
        if (config_.tallyWindow < MIN_TALLY_WINDOW || config_.tallyWindow > MAX_TALLY_WINDOW) {
            revert RoundInvalidTallyWindow(config_.tallyWindow);
        }
        if (config_.matchCapBps > _BPS) revert RoundInvalidCap(config_.matchCapBps);
        uint256 count = config_.reviewers.length;
        if (config_.reviewThreshold == 0 || config_.reviewThreshold > count || count > type(uint8).max) {
            revert RoundInvalidReviewers(count, config_.reviewThreshold);
        }
        for (uint256 i = 0; i < count; ++i) {
            address reviewer = config_.reviewers[i];
            if (reviewer == address(0) || _isReviewer[reviewer]) {
                revert RoundInvalidReviewers(count, config_.reviewThreshold);
            }
            _isReviewer[reviewer] = true;
        }
        _config = config_;
        _factory = msg.sender;
        emit RoundInitialized(config_);
    }

    // ----------------------------------------------------------------------------------- projects

    /// @inheritdoc IRound
    function applyProject(address recipient, string calldata metadataURI) external returns (uint256 projectId) {
        _requirePhase(Phase.Applications);
        if (recipient == address(0)) revert RoundZeroRecipient();
        projectId = _projects.length + 1;
        Project storage p = _projects.push();
        p.owner = msg.sender;
        p.status = ProjectStatus.Pending;
        p.recipient = recipient;
        p.metadataURI = metadataURI;
        emit ProjectApplied(projectId, msg.sender, recipient, metadataURI);
    }

    /// @inheritdoc IRound
    function reviewApplication(uint256 projectId, bool admit) external {
        Project storage p = _reviewable(projectId, ProjectStatus.Pending, _ADMISSION);
        uint256 threshold = _config.reviewThreshold;
        // Counts fit: at most 255 reviewers, each votes once per stage.
        uint8 approvals = p.approvals;
        uint8 rejections = p.rejections;
        if (admit) {
            p.approvals = ++approvals;
        } else {
            p.rejections = ++rejections;
        }
        emit ApplicationReviewed(projectId, msg.sender, admit, approvals, rejections);
        if (approvals >= threshold) {
            _approve(projectId, p);
        } else if (rejections >= threshold) {
            p.status = ProjectStatus.Rejected;
            emit ProjectStatusChanged(projectId, ProjectStatus.Rejected, _state.totalIdealMatch);
        }
    }

    /// @inheritdoc IRound
    function voteRemoval(uint256 projectId) external {
        Project storage p = _reviewable(projectId, ProjectStatus.Approved, _REMOVAL);
        uint8 removalVotes = p.removalVotes + 1;
        p.removalVotes = removalVotes;
        emit RemovalVoted(projectId, msg.sender, removalVotes);
        if (removalVotes >= _config.reviewThreshold) _remove(projectId, p);
    }

    /// @inheritdoc IRound
    function updateRecipient(uint256 projectId, address recipient) external {
        Project storage p = _project(projectId);
        if (p.owner != msg.sender) revert RoundNotProjectOwner(projectId, msg.sender);
        if (p.paid) revert RoundAlreadyPaid(projectId);
        if (recipient == address(0)) revert RoundZeroRecipient();
        p.recipient = recipient;
        emit ProjectRecipientUpdated(projectId, recipient);
    }

    // ------------------------------------------------------------------------------------- money in

    /// @inheritdoc IRound
    function fund(uint256 amount) external payable nonReentrant {
        _fund(amount);
    }

    /// @inheritdoc IRound
    function fundWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external nonReentrant {
        _permit(amount, deadline, v, r, s);
        _fund(amount);
    }

    /// @inheritdoc IRound
    function donate(uint256 projectId, uint256 amount, bytes calldata proof) external payable nonReentrant {
        _donate(projectId, amount, proof);
    }

    /// @inheritdoc IRound
    function donateWithPermit(
        uint256 projectId,
        uint256 amount,
        bytes calldata proof,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        _permit(amount, deadline, v, r, s);
        _donate(projectId, amount, proof);
    }

    /// @inheritdoc IRound
    function donateMany(Donation[] calldata donations, bytes calldata proof) external payable nonReentrant {
        _donateCart(msg.sender, donations, proof);
    }

    /// @inheritdoc IRound
    function donateFor(
        address donor,
        Donation[] calldata donations,
        bytes calldata proof
    ) external payable nonReentrant {
        if (msg.sender != _factory) revert RoundNotFactory(msg.sender);
        _donateCart(donor, donations, proof);
    }

    // ---------------------------------------------------------------------------------- finalising

    /// @inheritdoc IRound
    function finalize() external {
        _requirePhase(Phase.Tallying);
        uint256 windowEnd = tallyWindowEnd();
        if (block.timestamp < windowEnd) revert RoundTallyWindowOpen(windowEnd);
        (uint256 cap, uint256 numerator, uint256 denominator, uint256 leftover) = _computeScale();
        _state.finalized = true;
        _state.finalizedAt = uint64(block.timestamp);
        _settlement = Settlement(cap, numerator, denominator, leftover);
        emit RoundFinalized(
            _pool,
            _state.totalIdealMatch,
            cap,
            numerator,
            denominator,
            leftover,
            block.timestamp + OWNER_CLAIM_PERIOD
        );
    }

    // ------------------------------------------------------------------------------------ money out

    /// @inheritdoc IRound
    function claim(uint256 projectId) external nonReentrant {
        _requirePhase(Phase.Finalized);
        Project storage p = _project(projectId);
        if (p.status != ProjectStatus.Approved) revert RoundProjectNotApproved(projectId, p.status);
        if (p.paid) revert RoundAlreadyPaid(projectId);
        address recipient = p.recipient;
        uint256 opensAt = openClaimAt();
        if (block.timestamp < opensAt && msg.sender != p.owner && msg.sender != recipient) {
            revert RoundClaimReserved(projectId, msg.sender, opensAt);
        }
        p.paid = true;
        uint256 donations = p.sumContributions;
        uint256 matchAmount = _settledMatch(p);
        emit ProjectPaid(projectId, recipient, donations, matchAmount);
        _send(recipient, donations + matchAmount);
    }

    /// @inheritdoc IRound
    function refund(uint256 projectId) external nonReentrant {
        Project storage p = _project(projectId);
        if (!_state.cancelled && p.status != ProjectStatus.Removed) revert RoundNotRefundable(projectId, p.status);
        uint256 amount = _donations[projectId][msg.sender];
        if (amount == 0) revert RoundNothingToRefund(projectId, msg.sender);
        _donations[projectId][msg.sender] = 0;
        emit DonationRefunded(projectId, msg.sender, amount);
        _send(msg.sender, amount);
    }

    /// @inheritdoc IRound
    function reclaimFunding() external nonReentrant {
        if (!_state.cancelled) _requirePhase(Phase.Finalized);
        uint256 funded = _funding[msg.sender];
        if (funded == 0) revert RoundNothingToReclaim(msg.sender);
        // Cancelled: everything back. Finalised: the funder's share of what no project receives
        // (the pool is not zero since this funder added to it).
        uint256 amount = _state.cancelled ? funded : Math.mulDiv(funded, _settlement.leftover, _pool);
        if (amount == 0) revert RoundNothingToReclaim(msg.sender);
        _funding[msg.sender] = 0;
        emit FundingReturned(msg.sender, amount);
        _send(msg.sender, amount);
    }

    // ----------------------------------------------------------------------------------- operator

    /// @inheritdoc IRound
    function extendPhase(Phase phase_, uint64 newEnd) external onlyOperator {
        Phase current = phase();
        if (current >= Phase.Finalized) revert RoundWrongPhase(current, phase_);
        Config storage c = _config;
        uint64 currentEnd;
        if (phase_ == Phase.Applications) {
            currentEnd = c.applicationsEnd;
            if (block.timestamp >= currentEnd || newEnd <= currentEnd || newEnd > c.donationsStart) {
                revert RoundInvalidExtension(phase_, currentEnd, newEnd);
            }
            c.applicationsEnd = newEnd;
        } else if (phase_ == Phase.Donations) {
            currentEnd = c.donationsEnd;
            if (block.timestamp >= currentEnd || newEnd <= currentEnd) {
                revert RoundInvalidExtension(phase_, currentEnd, newEnd);
            }
            if (newEnd > c.maxDonationsEnd) revert RoundExtensionBeyondMax(newEnd, c.maxDonationsEnd);
            c.donationsEnd = newEnd;
        } else {
            revert RoundInvalidExtension(phase_, 0, newEnd);
        }
        emit PhaseExtended(phase_, currentEnd, newEnd);
    }

    /// @inheritdoc IRound
    function cancel() external onlyOperator {
        Phase current = phase();
        if (current >= Phase.Finalized) revert RoundWrongPhase(current, Phase.Tallying);
        _state.cancelled = true;
        emit RoundCancelled(msg.sender);
    }

    // -------------------------------------------------------------------------------------- views

    /// @inheritdoc IRound
    function phase() public view returns (Phase) {
        if (_state.cancelled) return Phase.Cancelled;
        if (_state.finalized) return Phase.Finalized;
        Config storage c = _config;
        if (block.timestamp < c.applicationsStart) return Phase.Upcoming;
        if (block.timestamp < c.applicationsEnd) return Phase.Applications;
        if (block.timestamp < c.donationsStart) return Phase.Review;
        if (block.timestamp < c.donationsEnd) return Phase.Donations;
        return Phase.Tallying;
    }

    /// @inheritdoc IRound
    function tallyWindowEnd() public view returns (uint256) {
        return uint256(_config.donationsEnd) + _config.tallyWindow;
    }

    /// @inheritdoc IRound
    function openClaimAt() public view returns (uint256) {
        uint256 finalizedAt = _state.finalizedAt;
        return finalizedAt == 0 ? 0 : finalizedAt + OWNER_CLAIM_PERIOD;
    }

    /// @inheritdoc IRound
    function project(uint256 projectId) external view returns (Project memory) {
        return _project(projectId);
    }

    /// @inheritdoc IRound
    function projectCount() external view returns (uint256) {
        return _projects.length;
    }

    /// @inheritdoc IRound
    function approvedProjects() external view returns (uint256[] memory) {
        return _approved;
    }

    /// @inheritdoc IRound
    function donationOf(uint256 projectId, address donor) external view returns (uint256) {
        return _donations[projectId][donor];
    }

    /// @inheritdoc IRound
    function fundingOf(address funder) external view returns (uint256) {
        return _funding[funder];
    }

    /// @inheritdoc IRound
    function pool() external view returns (uint256) {
        return _pool;
    }

    /// @inheritdoc IRound
    function totalIdealMatch() external view returns (uint256) {
        return _state.totalIdealMatch;
    }

    /// @inheritdoc IRound
    function matchOf(uint256 projectId) external view returns (uint256) {
        Project storage p = _project(projectId);
        if (p.status != ProjectStatus.Approved || _state.cancelled) return 0;
        if (_state.finalized) return _settledMatch(p);
        (uint256 cap, uint256 numerator, uint256 denominator, ) = _computeScale();
        return _scaledMatch(_ideal(p), cap, numerator, denominator);
    }

    /// @inheritdoc IRound
    function idealMatchOf(uint256 projectId) external view returns (uint256) {
        return _ideal(_project(projectId));
    }

    /// @inheritdoc IRound
    function token() external view returns (address) {
        return _config.token;
    }

    /// @inheritdoc IRound
    function factory() external view returns (address) {
        return _factory;
    }

    /// @inheritdoc IRound
    function config() external view returns (Config memory) {
        return _config;
    }

    /// @inheritdoc IRound
    function matching() external view returns (Matching mode, bytes32 clusterSource) {
        return (_state.matching, _clusters.source);
    }

    /// @inheritdoc IRound
    function clustersOf(address donor) external view returns (uint256[] memory) {
        return _clusters.donorClusters[donor];
    }

    /// @inheritdoc IRound
    function clusterTotalOf(uint256 projectId, uint256 cluster) external view returns (uint256) {
        return _clusters.totals[projectId][cluster];
    }

    /// @inheritdoc IRound
    function clusterCountOf(uint256 projectId) external view returns (uint256) {
        return _clusters.count[projectId];
    }

    // ----------------------------------------------------------------------------------- internals

    function _fund(uint256 amount) internal {
        Phase current = phase();
        if (current >= Phase.Tallying) revert RoundWrongPhase(current, Phase.Donations);
        uint256 received = _pull(amount);
        if (received == 0) revert RoundZeroAmount();
        uint256 funderTotal = _funding[msg.sender] + received;
        _funding[msg.sender] = funderTotal;
        uint256 newPool = _pool + received;
        _pool = newPool;
        emit MatchingFunded(msg.sender, received, funderTotal, newPool);
    }

    function _donate(uint256 projectId, uint256 amount, bytes calldata proof) internal {
        _requirePhase(Phase.Donations);
        _checkEligible(msg.sender, proof);
        if (_state.matching != Matching.Standard) _fixClustersAtFirstDonation(msg.sender);
        _credit(msg.sender, projectId, _pull(amount));
    }

    /// @dev A cart from `donor`, paid by msg.sender (the donor, or the factory's checkout on its behalf).
    function _donateCart(address donor, Donation[] calldata donations, bytes calldata proof) internal {
        _requirePhase(Phase.Donations);
        uint256 count = donations.length;
        if (count == 0) revert RoundEmptyCart();
        _checkEligible(donor, proof);
        if (_state.matching != Matching.Standard) _fixClustersAtFirstDonation(donor);
        uint256 total = 0;
        for (uint256 i = 0; i < count; ++i) {
            // Each amount must fit the 128-bit sums anyway (see _credit): checked here first, so the
            // total cannot overflow and a huge cart fails with SafeCast's error, not a panic.
            total += SafeCast.toUint128(donations[i].amount);
        }
        uint256 received = _pull(total);
        if (received != total) revert RoundTransferShortfall(total, received);
        for (uint256 i = 0; i < count; ++i) {
            _credit(donor, donations[i].projectId, donations[i].amount);
        }
    }

    /// @dev Credits `amount` from `donor` to a project and updates the matching sums in O(1):
    /// the donor's root is recomputed from their new total (so splitting a donation changes nothing),
    /// the project's sum of roots and ideal match, and the round's total of ideal matches.
    function _credit(address donor, uint256 projectId, uint256 amount) internal {
        Project storage p = _project(projectId);
        if (p.status != ProjectStatus.Approved) revert RoundProjectNotApproved(projectId, p.status);
        uint256 minimum = Math.max(uint256(_config.minDonation), 1);
        if (amount < minimum) revert RoundBelowMinimum(amount, minimum);
        uint256 oldTotal = _donations[projectId][donor];
        // A donor's total must fit the 128-bit sums below; checking it first keeps `newTotal * ROOT_SCALE`
        // from overflowing (a panic) and fails with SafeCast's error instead.
        uint256 newTotal = SafeCast.toUint128(oldTotal + SafeCast.toUint128(amount));
        _donations[projectId][donor] = newTotal;
        uint256 oldSumRoots = p.sumRoots;
        uint256 oldSumContributions = p.sumContributions;
        uint256 sumRoots;
        uint256 rootScale = ROOT_SCALE;
        if (_state.matching == Matching.Standard) {
            // newRoot >= oldRoot since sqrt is monotonic, so the sum of roots never underflows.
            sumRoots = oldSumRoots + Math.sqrt(newTotal * ROOT_SCALE) - Math.sqrt(oldTotal * ROOT_SCALE);
        } else {
            sumRoots = _creditClusters(donor, projectId, amount, oldSumRoots);
            rootScale = ROOT_SCALE * CLUSTER_WEIGHT;
        }
        uint256 sumContributions = oldSumContributions + amount;
        uint256 ideal = _idealMatch(sumRoots, sumContributions, rootScale);
        uint256 total = _state.totalIdealMatch + ideal - _idealMatch(oldSumRoots, oldSumContributions, rootScale);
        p.sumRoots = SafeCast.toUint128(sumRoots);
        p.sumContributions = SafeCast.toUint128(sumContributions);
        _state.totalIdealMatch = SafeCast.toUint128(total);
        emit Donated(projectId, donor, amount, newTotal, sumContributions, sumRoots, ideal, total);
    }

    /// @dev Adds `amount` from `donor` to each of its clusters' totals for the project (12 / k twelfths
    /// of each unit, k its number of clusters) and returns the project's sum of roots moved by the
    /// change of each of those clusters' roots: O(k), k <= MAX_CLUSTERS.
    function _creditClusters(
        address donor,
        uint256 projectId,
        uint256 amount,
        uint256 sumRoots
    ) internal returns (uint256) {
        uint256[] storage clusters = _clusters.donorClusters[donor];
        uint256 count = clusters.length;
        // count is 1 to MAX_CLUSTERS (fixed before any credit), so the share is 12, 6, 4 or 3 twelfths.
        uint256 share = amount * (CLUSTER_WEIGHT / count);
        mapping(uint256 cluster => uint256) storage totals = _clusters.totals[projectId];
        for (uint256 i = 0; i < count; ++i) {
            uint256 cluster = clusters[i];
            uint256 oldTotal = totals[cluster];
            // At most 12 times the project's 128-bit sum of contributions: no overflow, even times 1e18.
            uint256 newTotal = oldTotal + share;
            totals[cluster] = newTotal;
            if (oldTotal == 0) ++_clusters.count[projectId];
            // The new root is at least the old one (sqrt is monotonic): no underflow.
            sumRoots = sumRoots + Math.sqrt(newTotal * ROOT_SCALE) - Math.sqrt(oldTotal * ROOT_SCALE);
        }
        return sumRoots;
    }

    /// @dev At a donor's first donation in a cluster round, fixes its clusters: in a federation round its
    /// communities as `FederatedMembership.memberCommunitiesOf` says now (each checked live there,
    /// gas-capped, and reverting rather than answering "no" when starved of gas); in a Merkle round
    /// the unaffiliated cluster unless the donor proved its groups before (`proveClusters`).
    function _fixClustersAtFirstDonation(address donor) internal {
        if (_clusters.donorClusters[donor].length != 0) return;
        uint256[] memory clusters;
        if (_state.matching == Matching.ClusterFederation) {
            address[] memory communities = IFederatedMembership(address(uint160(uint256(_clusters.source))))
                .memberCommunitiesOf(donor);
            uint256 count = communities.length;
            if (count > MAX_CLUSTERS) revert RoundTooManyClusters(donor, count, MAX_CLUSTERS);
            clusters = new uint256[](count);
            for (uint256 i = 0; i < count; ++i) clusters[i] = uint256(uint160(communities[i]));
        }
        if (clusters.length == 0) {
            clusters = new uint256[](1);
            clusters[0] = UNAFFILIATED;
        }
        _fixClusters(donor, clusters);
    }

    function _fixClusters(address donor, uint256[] memory clusters) internal {
        _clusters.donorClusters[donor] = clusters;
        emit DonorClustersFixed(donor, clusters);
    }

    /// @dev Checks that msg.sender is a reviewer who has not voted at this stage, that the round is
    /// open to votes (applications opened, not finalised or cancelled) and that the project is at
    /// `expected`; records the vote.
    function _reviewable(uint256 projectId, ProjectStatus expected, uint8 stage) internal returns (Project storage p) {
        if (!_isReviewer[msg.sender]) revert RoundNotReviewer(msg.sender);
        Phase current = phase();
        if (current == Phase.Upcoming || current >= Phase.Finalized) revert RoundWrongPhase(current, Phase.Review);
        p = _project(projectId);
        ProjectStatus status = p.status;
        if (status != expected) revert RoundStageChanged(projectId, expected, status);
        uint8 votes = _votes[projectId][msg.sender];
        if (votes & stage != 0) revert RoundAlreadyReviewed(projectId, msg.sender);
        _votes[projectId][msg.sender] = votes | stage;
    }

    function _approve(uint256 projectId, Project storage p) internal {
        if (_approved.length >= MAX_PROJECTS) revert RoundTooManyProjects(MAX_PROJECTS);
        p.status = ProjectStatus.Approved;
        _approved.push(projectId);
        _approvedIndex[projectId] = _approved.length;
        emit ProjectStatusChanged(projectId, ProjectStatus.Approved, _state.totalIdealMatch);
    }

    function _remove(uint256 projectId, Project storage p) internal {
        p.status = ProjectStatus.Removed;
        // The total includes this project's ideal match, so it cannot underflow; it fits as it did before.
        uint128 total = _state.totalIdealMatch - uint128(_ideal(p));
        _state.totalIdealMatch = total;
        uint256 index = _approvedIndex[projectId] - 1;
        uint256 lastId = _approved[_approved.length - 1];
        _approved[index] = lastId;
        _approvedIndex[lastId] = index + 1;
        _approved.pop();
        delete _approvedIndex[projectId];
        emit ProjectStatusChanged(projectId, ProjectStatus.Removed, total);
    }

    /// @dev The scale that turns ideal matches into matches: match = min(cap, ideal * num / den).
    /// Without a cap: num/den = pool/total when the ideal matches exceed the pool, else 1/1. With a
    /// cap, projects whose scaled match exceeds the cap are held at the cap and the rest of the pool
    /// is shared among the others, repeatedly (water-filling; the scale only grows, so a project
    /// capped once stays capped). At most MAX_PROJECTS passes over at most MAX_PROJECTS projects.
    function _computeScale()
        internal
        view
        returns (uint256 cap, uint256 numerator, uint256 denominator, uint256 leftover)
    {
        uint256 available = _pool;
        uint256 total = _state.totalIdealMatch;
        cap = _effectiveCap(available);
        if (cap != type(uint256).max) {
            uint256 count = _approved.length;
            uint256 rootScale = _rootScale();
            uint256[] memory ideals = new uint256[](count);
            for (uint256 i = 0; i < count; ++i) {
                Project storage p = _projects[_approved[i] - 1];
                ideals[i] = _idealMatch(p.sumRoots, p.sumContributions, rootScale);
            }
            bool changed = true;
            while (changed && total != 0) {
                changed = false;
                (uint256 num, uint256 den) = total > available ? (available, total) : (1, 1);
                for (uint256 i = 0; i < count; ++i) {
                    uint256 ideal = ideals[i];
                    if (ideal != 0 && Math.mulDiv(ideal, num, den) > cap) {
                        // The scaled match exceeded the cap, so cap < ideal * available / total and
                        // the cap is always affordable: `available` never underflows.
                        available -= cap;
                        total -= ideal;
                        ideals[i] = 0;
                        changed = true;
                    }
                }
            }
        }
        (numerator, denominator) = total > available ? (available, total) : (1, 1);
        leftover = available - Math.min(available, total);
    }

    function _effectiveCap(uint256 poolAmount) internal view returns (uint256 cap) {
        cap = type(uint256).max;
        uint256 amountCap = _config.matchCapAmount;
        uint16 bps = _config.matchCapBps;
        if (amountCap != 0) cap = amountCap;
        // mulDiv: a pool near 2^256 (a token with a huge supply) must not make finalisation overflow.
        if (bps != 0) cap = Math.min(cap, Math.mulDiv(poolAmount, bps, _BPS));
    }

    /// @dev Receives `amount` from msg.sender and returns what arrived (balance difference for ERC-20).
    function _pull(uint256 amount) internal returns (uint256 received) {
        address asset = _config.token;
        if (asset == address(0)) {
            if (msg.value != amount) revert RoundWrongValue(msg.value, amount);
            return amount;
        }
        if (msg.value != 0) revert RoundWrongValue(msg.value, 0);
        uint256 before = IERC20(asset).balanceOf(address(this));
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        received = IERC20(asset).balanceOf(address(this)) - before;
        // A token that delivers more than asked (or re-enters to inflate the balance) is credited
        // at most `amount`: never over-credit.
        if (received > amount) received = amount;
    }

    function _send(address to, uint256 amount) internal {
        address asset = _config.token;
        if (asset == address(0)) {
            (bool ok, ) = to.call{value: amount}("");
            if (!ok) revert RoundTransferFailed(to, amount);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }

    function _permit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) internal {
        address asset = _config.token;
        if (asset == address(0)) revert RoundNoPermitForNative();
        // A permit front-run by someone else fails here but leaves the allowance in place: ignore the
        // failure and let transferFrom decide.
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(asset).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
    }

    /// @dev A token or eligibility module without code would make every call to it fail without a reason.
    function _checkCodeOrZero(address account) private view {
        if (account != address(0) && account.code.length == 0) revert RoundNotAContract(account);
    }

    function _checkEligible(address donor, bytes calldata proof) internal view {
        address module = _config.eligibility;
        if (module != address(0) && !IDonorEligibility(module).isEligible(donor, _config.eligibilityConfig, proof)) {
            revert RoundIneligibleDonor(donor);
        }
    }

    function _checkOperator() internal view {
        if (msg.sender != _config.operator) revert RoundNotOperator(msg.sender);
    }

    function _requirePhase(Phase required) internal view {
        Phase current = phase();
        if (current != required) revert RoundWrongPhase(current, required);
    }

    function _project(uint256 projectId) internal view returns (Project storage) {
        if (projectId == 0 || projectId > _projects.length) revert RoundUnknownProject(projectId);
        return _projects[projectId - 1];
    }

    function _settledMatch(Project storage p) internal view returns (uint256) {
        Settlement storage st = _settlement;
        return _scaledMatch(_ideal(p), st.matchCap, st.numerator, st.denominator);
    }

    function _ideal(Project storage p) internal view returns (uint256) {
        return _idealMatch(p.sumRoots, p.sumContributions, _rootScale());
    }

    /// @dev What the square of a project's sum of roots is divided by: 1e18, or 12e18 in cluster rounds
    /// (whose roots are of totals in twelfths).
    function _rootScale() internal view returns (uint256) {
        return _state.matching == Matching.Standard ? ROOT_SCALE : ROOT_SCALE * CLUSTER_WEIGHT;
    }

    /// @dev floor(sumRoots^2 / rootScale) - sumContributions, or 0 when that is negative (one donor, or
    /// one cluster).
    function _idealMatch(
        uint256 sumRoots,
        uint256 sumContributions,
        uint256 rootScale
    ) internal pure returns (uint256) {
        uint256 squared = Math.mulDiv(sumRoots, sumRoots, rootScale);
        return squared > sumContributions ? squared - sumContributions : 0;
    }

    function _scaledMatch(
        uint256 ideal,
        uint256 cap,
        uint256 numerator,
        uint256 denominator
    ) internal pure returns (uint256) {
        return Math.min(cap, Math.mulDiv(ideal, numerator, denominator));
    }
}
