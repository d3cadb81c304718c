// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title IRound
/// @notice A quadratic funding round: projects apply, reviewers approve them, funders fill a
/// matching pool, eligible donors donate, and each project receives its donations plus a match that
/// grows with the square of the sum of the square roots of its donors' totals.
interface IRound {
    /// @notice Where a round stands. Computed from the schedule, except `Finalized` and `Cancelled`.
    enum Phase {
        Upcoming, // before applications open
        Applications, // projects apply
        Review, // applications closed, donations not yet open
        Donations, // eligible donors donate to approved projects
        Tallying, // donations closed: the tally window (reviewers remove, the operator cancels), then anyone may finalise
        Finalized, // matches fixed: projects claim, funders reclaim leftovers
        Cancelled // donors and funders reclaim everything
    }

    /// @notice How a project's ideal match is computed, chosen when the round is created.
    /// `Standard`: every donor counts on its own, (sum of sqrt(donor total))^2 - sum of totals.
    /// `ClusterFederation` and `ClusterMerkle`: plural (cluster) matching, (sum over clusters g of
    /// sqrt(C_g))^2 - sum of C_g, where C_g is what cluster g gave the project and a donor in k
    /// clusters counts 1/k of its total in each. A donor's clusters are its communities in the
    /// federation (`ClusterFederation`) or the groups an operator published as a Merkle root
    /// (`ClusterMerkle`); a donor with none counts in the one "unaffiliated" cluster (id 0).
    enum Matching {
        Standard,
        ClusterFederation,
        ClusterMerkle
    }

    /// @notice Where a project stands.
    enum ProjectStatus {
        None,
        Pending,
        Approved,
        Rejected,
        Removed
    }

    /// @notice Everything fixed when a round is created.
    /// @param token ERC-20 of donations and matching, or address(0) for the native currency.
    /// @param operator May extend phases (donations: up to `maxDonationsEnd`) and cancel before finalisation;
    /// never moves funds.
    /// @param applicationsStart When applications open (unix seconds).
    /// @param applicationsEnd When applications close.
    /// @param donationsStart When donations open (>= applicationsEnd).
    /// @param donationsEnd When donations close and the tally window opens.
    /// @param maxDonationsEnd The latest the operator may push `donationsEnd` to (>= donationsEnd, at most
    /// `MAX_DONATIONS_EXTENSION` after it).
    /// @param tallyWindow Seconds after donations close during which only reviewers (removals) and the
    /// operator (cancel) act; anyone may finalise after it. Between `MIN_TALLY_WINDOW` and `MAX_TALLY_WINDOW`.
    /// @param minDonation Smallest donation accepted (a donation is always at least 1 unit).
    /// @param matchCapAmount Cap on any project's match in token units (0: none).
    /// @param matchCapBps Cap on any project's match as a share of the pool, in basis points (0: none).
    /// When both caps are set, the smaller applies.
    /// @param eligibility Donor-eligibility module (an `IDonorEligibility`), or address(0) for open rounds.
    /// @param eligibilityConfig The module's configuration for this round (a Merkle root, a membership address).
    /// @param reviewers Accounts that review applications.
    /// @param reviewThreshold Number of reviewers whose votes approve, reject or remove a project.
    /// @param metadataURI Description of the round.
    /// @dev Field order packs what every donation reads into three storage slots.
    struct Config {
        address token;
        uint96 minDonation;
        address eligibility;
        uint16 matchCapBps;
        uint32 tallyWindow;
        uint64 applicationsStart;
        uint64 applicationsEnd;
        uint64 donationsStart;
        uint64 donationsEnd;
        address operator;
        uint64 maxDonationsEnd;
        uint256 matchCapAmount;
        bytes32 eligibilityConfig;
        address[] reviewers;
        uint256 reviewThreshold;
        string metadataURI;
    }

    /// @notice One item of a checkout cart.
    struct Donation {
        uint256 projectId;
        uint256 amount;
    }

    /// @notice A project as stored (sums are kept current at every donation; its ideal match is
    /// computed from them, see `idealMatchOf`). `approvals` and `rejections` count admission votes,
    /// `removalVotes` votes to remove it once approved.
    struct Project {
        address owner;
        ProjectStatus status;
        uint8 approvals;
        uint8 rejections;
        uint8 removalVotes;
        bool paid;
        address recipient;
        uint128 sumContributions;
        uint128 sumRoots;
        string metadataURI;
    }

    /// @notice The call needs another phase.
    error RoundWrongPhase(Phase current, Phase required);
    /// @notice The schedule is not ordered (start <= end, applications before donations, donations end later).
    error RoundInvalidSchedule(
        uint64 applicationsStart,
        uint64 applicationsEnd,
        uint64 donationsStart,
        uint64 donationsEnd
    );
    /// @notice Reviewers list and threshold do not fit (threshold 0, above the count, duplicate or zero reviewer).
    error RoundInvalidReviewers(uint256 count, uint256 threshold);
    /// @notice The latest donations end is before the donations end, or more than `MAX_DONATIONS_EXTENSION` after it.
    error RoundInvalidMaxDonationsEnd(uint64 donationsEnd, uint64 maxDonationsEnd);
    /// @notice The tally window is outside [`MIN_TALLY_WINDOW`, `MAX_TALLY_WINDOW`].
    error RoundInvalidTallyWindow(uint32 tallyWindow);
    /// @notice A share cap above 100 %.
    error RoundInvalidCap(uint16 matchCapBps);
    /// @notice The operator is the zero address.
    error RoundZeroOperator();
    /// @notice `account`, given as the round's token or eligibility module, holds no code.
    error RoundNotAContract(address account);
    /// @notice Only the operator may do this.
    error RoundNotOperator(address account);
    /// @notice Only a reviewer may do this.
    error RoundNotReviewer(address account);
    /// @notice Only the project's owner may do this.
    error RoundNotProjectOwner(uint256 projectId, address account);
    /// @notice The reviewer already voted at this stage of the project.
    error RoundAlreadyReviewed(uint256 projectId, address reviewer);
    /// @notice No project with this id.
    error RoundUnknownProject(uint256 projectId);
    /// @notice The project's status does not allow this.
    error RoundProjectNotApproved(uint256 projectId, ProjectStatus status);
    /// @notice The vote is about a stage the project is not at (any more): admission votes need a pending
    /// project, removal votes an approved one.
    error RoundStageChanged(uint256 projectId, ProjectStatus expected, ProjectStatus current);
    /// @notice Donations have closed but the tally window is still open: nobody may finalise before `endsAt`.
    error RoundTallyWindowOpen(uint256 endsAt);
    /// @notice Until `opensAt`, only the project's owner or recipient may trigger its payout.
    error RoundClaimReserved(uint256 projectId, address caller, uint256 opensAt);
    /// @notice Approving would exceed the bound on approved projects.
    error RoundTooManyProjects(uint256 max);
    /// @notice A recipient may not be the zero address.
    error RoundZeroRecipient();
    /// @notice The donor is not eligible in this round.
    error RoundIneligibleDonor(address donor);
    /// @notice The donation is below the round's minimum.
    error RoundBelowMinimum(uint256 amount, uint256 minimum);
    /// @notice Funding of zero.
    error RoundZeroAmount();
    /// @notice An empty checkout cart.
    error RoundEmptyCart();
    /// @notice Native currency sent does not equal what the call asks to give.
    error RoundWrongValue(uint256 sent, uint256 expected);
    /// @notice Fewer tokens arrived than the cart requires (fee-on-transfer tokens cannot be used in a cart).
    error RoundTransferShortfall(uint256 expected, uint256 received);
    /// @notice Only the factory that created the round may donate on a donor's behalf.
    error RoundNotFactory(address account);
    /// @notice Permits exist only for ERC-20 rounds.
    error RoundNoPermitForNative();
    /// @notice Sending native currency to `to` failed.
    error RoundTransferFailed(address to, uint256 amount);
    /// @notice The project was already paid.
    error RoundAlreadyPaid(uint256 projectId);
    /// @notice Refunds need a cancelled round or a removed project.
    error RoundNotRefundable(uint256 projectId, ProjectStatus status);
    /// @notice Nothing to refund to this donor for this project.
    error RoundNothingToRefund(uint256 projectId, address donor);
    /// @notice Nothing to return to this funder.
    error RoundNothingToReclaim(address funder);
    /// @notice Phase extensions must move a still-open phase's end later (applications: not past donations start).
    error RoundInvalidExtension(Phase phase, uint64 currentEnd, uint64 newEnd);
    /// @notice Donations may not be extended past the latest end fixed at creation.
    error RoundExtensionBeyondMax(uint64 newEnd, uint64 maxDonationsEnd);
    /// @notice The cluster source does not fit the matching mode: `Standard` takes none (zero),
    /// `ClusterFederation` a `FederatedMembership` contract (left-padded address), `ClusterMerkle` a
    /// non-zero Merkle root.
    error RoundInvalidClusterSource(Matching matching, bytes32 source);
    /// @notice The donor belongs to `count` clusters, more than the `max` a donor may count in.
    error RoundTooManyClusters(address donor, uint256 count, uint256 max);
    /// @notice Cluster ids must be given in strictly increasing order, at least one, none of them 0
    /// (the unaffiliated cluster, which nobody joins by proof).
    error RoundInvalidClusterIds(address donor);
    /// @notice The Merkle proof does not show that the operator published these clusters for the donor.
    error RoundInvalidClusterProof(address donor);
    /// @notice The donor's clusters are already fixed for this round (at its first donation or proof).
    error RoundClustersAlreadyFixed(address donor);
    /// @notice Clusters are proven by Merkle proof only in `ClusterMerkle` rounds.
    error RoundNotMerkleClusters(Matching matching);

    /// @notice The round was set up (emitted once, by the clone's initializer).
    event RoundInitialized(Config config);
    /// @notice The round's matching mode and cluster source (emitted once, at creation, for cluster rounds).
    event MatchingChosen(Matching matching, bytes32 clusterSource);
    /// @notice A donor's clusters were fixed for the round ([0]: unaffiliated). Each of its donations
    /// counts `CLUSTER_WEIGHT / clusters.length` twelfths of its amount in each cluster.
    event DonorClustersFixed(address indexed donor, uint256[] clusters);
    /// @notice A project applied.
    event ProjectApplied(uint256 indexed projectId, address indexed owner, address recipient, string metadataURI);
    /// @notice A reviewer voted on a pending project's admission; the counts include this vote.
    event ApplicationReviewed(
        uint256 indexed projectId,
        address indexed reviewer,
        bool admit,
        uint8 approvals,
        uint8 rejections
    );
    /// @notice A reviewer voted to remove an approved project; the count includes this vote.
    event RemovalVoted(uint256 indexed projectId, address indexed reviewer, uint8 removalVotes);
    /// @notice A project's status changed (Approved, Rejected or Removed).
    event ProjectStatusChanged(uint256 indexed projectId, ProjectStatus status, uint256 totalIdealMatch);
    /// @notice A project's recipient changed.
    event ProjectRecipientUpdated(uint256 indexed projectId, address recipient);
    /// @notice Someone added to the matching pool (`amount` is what arrived).
    event MatchingFunded(address indexed funder, uint256 amount, uint256 funderTotal, uint256 pool);
    /// @notice A donation was credited, with the project's and round's running sums after it.
    event Donated(
        uint256 indexed projectId,
        address indexed donor,
        uint256 amount,
        uint256 donorTotal,
        uint256 sumContributions,
        uint256 sumRoots,
        uint256 idealMatch,
        uint256 totalIdealMatch
    );
    /// @notice The operator extended a phase.
    event PhaseExtended(Phase phase, uint64 oldEnd, uint64 newEnd);
    /// @notice The operator cancelled the round.
    event RoundCancelled(address indexed operator);
    /// @notice The matches were fixed. A project's match is `min(matchCap, idealMatch * numerator / denominator)`.
    /// Until `openClaimAt`, only a project's owner or recipient may trigger its payout.
    event RoundFinalized(
        uint256 pool,
        uint256 totalIdealMatch,
        uint256 matchCap,
        uint256 numerator,
        uint256 denominator,
        uint256 leftover,
        uint256 openClaimAt
    );
    /// @notice A project was paid its donations and match.
    event ProjectPaid(uint256 indexed projectId, address indexed recipient, uint256 donations, uint256 matchAmount);
    /// @notice A donor took back a donation (cancelled round or removed project).
    event DonationRefunded(uint256 indexed projectId, address indexed donor, uint256 amount);
    /// @notice A funder took back their funding (cancelled round) or their share of the leftover.
    event FundingReturned(address indexed funder, uint256 amount);

    /// @notice Sets up a clone with standard matching. Called once by the factory.
    /// @param config The round's rules.
    function initialize(Config calldata config) external;

    /// @notice Sets up a clone with the matching mode given. Called once by the factory.
    /// @param config The round's rules.
    /// @param matching The matching mode.
    /// @param clusterSource `ClusterFederation`: the `FederatedMembership` contract, left-padded;
    /// `ClusterMerkle`: the root of the groups' Merkle tree (leaves `[address donor, uint256[] clusters]`,
    /// the standard format of OpenZeppelin's merkle-tree library); `Standard`: zero.
    function initializeWithMatching(Config calldata config, Matching matching, bytes32 clusterSource) external;

    /// @notice In a `ClusterMerkle` round, the caller proves the clusters the operator published for it,
    /// before its first donation and before donations close; they are then fixed for the round. A donor
    /// that donates without proving any counts as unaffiliated.
    /// @param clusters The caller's cluster ids as in its leaf, strictly increasing, 1 to `MAX_CLUSTERS`, none 0.
    /// @param proof The leaf's Merkle proof.
    function proveClusters(uint256[] calldata clusters, bytes32[] calldata proof) external;

    /// @notice Applies with a recipient and a metadata URI, during the applications phase.
    /// @param recipient Where the payout goes (changeable until paid).
    /// @param metadataURI Description of the project.
    /// @return projectId The new project's id (from 1).
    function applyProject(address recipient, string calldata metadataURI) external returns (uint256 projectId);

    /// @notice A reviewer's vote on a pending project's admission, once per project, from the opening of
    /// applications until finalisation. `reviewThreshold` votes either way decide. Reverts with
    /// `RoundStageChanged` if the project is no longer pending (a retried vote mined after the decision).
    /// @param projectId The project.
    /// @param admit True to admit, false to reject.
    function reviewApplication(uint256 projectId, bool admit) external;

    /// @notice A reviewer's vote to remove an approved project (its donors then get refunds), once per
    /// project, until finalisation (including the tally window). `reviewThreshold` votes remove it.
    /// Reverts with `RoundStageChanged` if the project is not approved.
    /// @param projectId The project.
    function voteRemoval(uint256 projectId) external;

    /// @notice The project's owner changes where its payout goes, until it is paid.
    /// @param projectId The project.
    /// @param recipient The new recipient.
    function updateRecipient(uint256 projectId, address recipient) external;

    /// @notice Adds to the matching pool, before donations close (native: send `amount` as value).
    /// ERC-20: credits what arrived.
    /// @param amount Tokens to add.
    function fund(uint256 amount) external payable;

    /// @notice `fund` after an EIP-2612 permit for the round (a failed permit is ignored if allowance suffices).
    /// @param amount Tokens to add.
    /// @param deadline Permit deadline.
    /// @param v Signature v.
    /// @param r Signature r.
    /// @param s Signature s.
    function fundWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Donates to one approved project, during the donations phase. ERC-20: credits what arrived.
    /// @param projectId The project.
    /// @param amount The donation (native: send it as value).
    /// @param proof Eligibility proof (empty for open and membership rounds).
    function donate(uint256 projectId, uint256 amount, bytes calldata proof) external payable;

    /// @notice `donate` after an EIP-2612 permit for the round.
    /// @param projectId The project.
    /// @param amount The donation.
    /// @param proof Eligibility proof.
    /// @param deadline Permit deadline.
    /// @param v Signature v.
    /// @param r Signature r.
    /// @param s Signature s.
    function donateWithPermit(
        uint256 projectId,
        uint256 amount,
        bytes calldata proof,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice A checkout cart: several donations in one transaction (native: send their sum as value).
    /// ERC-20: the sum is pulled once and must arrive in full.
    /// @param donations The cart.
    /// @param proof Eligibility proof.
    function donateMany(Donation[] calldata donations, bytes calldata proof) external payable;

    /// @notice The factory's multi-round checkout donates a cart on behalf of `donor`, who paid the
    /// factory: the round receives the sum from the factory and credits `donor` (eligibility is the donor's).
    /// @param donor The account whose donations these are (the caller of the factory's checkout).
    /// @param donations The cart.
    /// @param proof The donor's eligibility proof.
    function donateFor(address donor, Donation[] calldata donations, bytes calldata proof) external payable;

    /// @notice Fixes the matches, once donations have closed and the tally window has passed. Anyone may call it.
    function finalize() external;

    /// @notice Pays a project its donations plus match, to its recipient. For `OWNER_CLAIM_PERIOD` after
    /// finalisation only the project's owner or recipient may call it (so the owner's `updateRecipient`
    /// cannot be front-run); anyone may after that.
    /// @param projectId The project.
    function claim(uint256 projectId) external;

    /// @notice Returns the caller's donations to a project of a cancelled round, or to a removed project.
    /// @param projectId The project.
    function refund(uint256 projectId) external;

    /// @notice Returns the caller's funding (cancelled round) or share of the leftover (finalised round).
    function reclaimFunding() external;

    /// @notice The operator moves the end of a still-open phase later (Applications: up to donations start;
    /// Donations: up to `maxDonationsEnd`). Refused once the round is cancelled or finalised.
    /// @param phase Phase.Applications or Phase.Donations.
    /// @param newEnd The new end.
    function extendPhase(Phase phase, uint64 newEnd) external;

    /// @notice The operator cancels the round before finalisation; everyone reclaims what they gave.
    function cancel() external;

    /// @notice The current phase.
    function phase() external view returns (Phase);

    /// @notice When anyone may finalise: the end of donations plus the tally window.
    function tallyWindowEnd() external view returns (uint256);

    /// @notice When anyone may trigger payouts: finalisation plus `OWNER_CLAIM_PERIOD` (0 before finalisation).
    function openClaimAt() external view returns (uint256);

    /// @notice A project's stored state.
    /// @param projectId The project.
    function project(uint256 projectId) external view returns (Project memory);

    /// @notice Number of projects that applied.
    function projectCount() external view returns (uint256);

    /// @notice Ids of the currently approved projects.
    function approvedProjects() external view returns (uint256[] memory);

    /// @notice A donor's total to a project (zero again after a refund).
    /// @param projectId The project.
    /// @param donor The donor.
    function donationOf(uint256 projectId, address donor) external view returns (uint256);

    /// @notice A funder's contribution to the pool (zero again once reclaimed).
    /// @param funder The funder.
    function fundingOf(address funder) external view returns (uint256);

    /// @notice The matching pool.
    function pool() external view returns (uint256);

    /// @notice A project's ideal match: floor(sumRoots^2 / rootScale) - sumContributions, or 0 if negative,
    /// where rootScale is 1e18 in standard rounds and 12e18 in cluster rounds (`sumRoots` is then the
    /// sum over clusters of sqrt(twelfths * 1e18)).
    /// @param projectId The project.
    function idealMatchOf(uint256 projectId) external view returns (uint256);

    /// @notice The sum of the ideal matches of approved projects.
    function totalIdealMatch() external view returns (uint256);

    /// @notice A project's match: fixed after finalisation, an estimate (as if finalised now) before.
    /// @param projectId The project.
    function matchOf(uint256 projectId) external view returns (uint256);

    /// @notice The round's token (address(0): native currency).
    function token() external view returns (address);

    /// @notice The factory that created the round (the only caller of `donateFor`).
    function factory() external view returns (address);

    /// @notice The round's configuration.
    function config() external view returns (Config memory);

    /// @notice The round's matching mode and its cluster source (see `initializeWithMatching`).
    function matching() external view returns (Matching mode, bytes32 clusterSource);

    /// @notice The clusters a donor's donations count in, once fixed ([0]: unaffiliated); empty before.
    /// @param donor The donor.
    function clustersOf(address donor) external view returns (uint256[] memory);

    /// @notice What a cluster gave a project, in twelfths of a token unit (`CLUSTER_WEIGHT` per unit).
    /// @param projectId The project.
    /// @param cluster The cluster id (0: unaffiliated).
    function clusterTotalOf(uint256 projectId, uint256 cluster) external view returns (uint256);

    /// @notice The number of distinct clusters that gave a project something (cluster rounds; 0 otherwise).
    /// @param projectId The project.
    function clusterCountOf(uint256 projectId) external view returns (uint256);
}
