/**
 * The data layer: every read the screens make, in one module, so an indexer can replace it later
 * without touching a screen. Reads go over the chain's RPC with JSON-RPC batching (the transport
 * groups the many `eth_call`s of a screen into a few requests); event history is read with
 * `getLogs` in block ranges from the deployment record's block, because public RPCs cap ranges.
 * The screens call these through TanStack Query (src/chain/queries.ts), refreshed on new blocks.
 */
import {
  domainSeparator,
  zeroAddress,
  type AbiEvent,
  type Address,
  type GetLogsReturnType,
  type Hex,
  type PublicClient,
} from "viem";
import { CLUSTER_WEIGHT, donorRoot, idealMatch, UNAFFILIATED, type Matching } from "../../../scripts/lib/qf-reference";

import {
  communityFactoryAbi,
  communityGovernorAbi,
  communityMembershipAbi,
  communityProfileAbi,
  communityTimelockAbi,
  contributionRegistryAbi,
  contributionTokenAbi,
  federatedMembershipAbi,
  federationFundingAbi,
  federationRegistryAbi,
  licenceRegistryAbi,
  membraneAbi,
  mockPermitTokenAbi,
  roundAbi,
  roundFactoryAbi,
} from "../generated";
import { contractAddress, suiteStartBlock, type ChainDeployment } from "./deployments";

/** Largest block range asked of `eth_getLogs` at once (public RPCs allow 2,000 to 10,000). */
export const LOG_RANGE = 2_000n;

/** Event history of `address` in ranges of LOG_RANGE blocks, from the suite's first block. */
export async function logsInRanges<E extends AbiEvent>(
  client: PublicClient,
  d: ChainDeployment,
  address: Address,
  event: E,
  args?: Record<string, unknown>,
): Promise<GetLogsReturnType<E>> {
  // Not the cached block number (viem keeps it for a polling interval): a log just mined must be found.
  const latest = await client.getBlockNumber({ cacheTime: 0 });
  const out: GetLogsReturnType<E> = [];
  for (let from = suiteStartBlock(d); from <= latest; from += LOG_RANGE) {
    const to = from + LOG_RANGE - 1n < latest ? from + LOG_RANGE - 1n : latest;
    const page = await client.getLogs({ address, event, args, fromBlock: from, toBlock: to } as never);
    out.push(...(page as GetLogsReturnType<E>));
  }
  return out;
}

function eventOf<N extends string>(abi: readonly unknown[], name: N): AbiEvent {
  const e = (abi as AbiEvent[]).find((x) => x.type === "event" && x.name === name);
  if (!e) throw new Error(`event ${name} is not in the ABI`);
  return e;
}

interface AccountLog {
  blockNumber: bigint;
  logIndex: number;
  args: unknown;
}

/**
 * The accounts that hold a status now (a membership, a role), replayed in chain order from the
 * events that gave it (`added`) and took it away (`removed`), each carrying an `account`.
 */
function holdersNow(added: readonly AccountLog[], removed: readonly AccountLog[]): Set<Address> {
  const adds = new Set<AccountLog>(added);
  const history = [...added, ...removed].sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : Number(a.blockNumber - b.blockNumber),
  );
  const current = new Set<Address>();
  for (const log of history) {
    const account = (log.args as { account: Address }).account;
    if (adds.has(log)) current.add(account);
    else current.delete(account);
  }
  return current;
}

// ------------------------------------------------------------------------------------------- communities

export interface CommunitySummary {
  id: number;
  kind: "bioregion" | "guild";
  counting: "simple" | "quadratic";
  name: string;
  token: Address;
  governor: Address;
  timelock: Address;
  profile: Address;
  membership: Address;
  registry: Address;
  epochs: Address;
  membrane: Address;
  treasury: bigint;
  supply: bigint;
  symbol: string;
}

export async function listCommunities(client: PublicClient, d: ChainDeployment): Promise<CommunitySummary[]> {
  const factory = contractAddress(d, "communityFactory");
  const count = await client.readContract({
    address: factory,
    abi: communityFactoryAbi,
    functionName: "communityCount",
  });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  return Promise.all(ids.map((id) => communitySummary(client, d, Number(id))));
}

export async function communitySummary(
  client: PublicClient,
  d: ChainDeployment,
  id: number,
): Promise<CommunitySummary> {
  const factory = contractAddress(d, "communityFactory");
  const c = await client.readContract({
    address: factory,
    abi: communityFactoryAbi,
    functionName: "getCommunity",
    args: [BigInt(id)],
  });
  const [treasury, supply, symbol] = await Promise.all([
    client.getBalance({ address: c.timelock }),
    client.readContract({ address: c.token, abi: contributionTokenAbi, functionName: "totalSupply" }),
    client.readContract({ address: c.token, abi: contributionTokenAbi, functionName: "symbol" }),
  ]);
  return {
    id,
    kind: c.kind === 0 ? "bioregion" : "guild",
    counting: c.counting === 0 ? "simple" : "quadratic",
    name: c.name,
    token: c.token,
    governor: c.governor,
    timelock: c.timelock,
    profile: c.profile,
    membership: c.membership,
    registry: c.registry,
    epochs: c.epochs,
    membrane: c.membrane,
    treasury,
    supply,
    symbol,
  };
}

export interface Member {
  account: Address;
  /** What the member earned in all (nominal contribution tokens). */
  tokens: bigint;
  /** What those contributions weigh now (less than `tokens` when the community's weight fades). */
  weight: bigint;
  votes: bigint;
  delegate: Address;
}

export interface CommunityDetail extends CommunitySummary {
  identity: { areaURI: string; domain: string; charterURI: string; charterHash: Hex };
  members: Member[];
  kinds: { id: number; name: string; valuePerUnit: bigint; active: boolean }[];
  attestationThreshold: bigint;
  challengeWindow: bigint;
  affiliations: { with: Address; name: string; status: string }[];
  registered: boolean;
  /**
   * Whether the federation counts the community (named by the founding act, or vouched for by a
   * recognised community), and on whose word.
   */
  recognition: { recognised: boolean; founding: boolean; depth: bigint; voucher?: { address: Address; name: string } };
  /** Seconds in which a contribution's weight halves (recency); 0: weights never fade. */
  halfLife: bigint;
}

export async function communityDetail(client: PublicClient, d: ChainDeployment, id: number): Promise<CommunityDetail> {
  const s = await communitySummary(client, d, id);
  const [identity, kindCount, policy] = await Promise.all([
    client.readContract({ address: s.profile, abi: communityProfileAbi, functionName: "identity" }),
    client.readContract({ address: s.registry, abi: contributionRegistryAbi, functionName: "kindCount" }),
    client.readContract({ address: s.registry, abi: contributionRegistryAbi, functionName: "attestationPolicy" }),
  ]);
  // Members: replayed from the membership's events (admitted, then left or removed).
  const [admitted, left, removed] = await Promise.all(
    (["MemberAdmitted", "MemberLeft", "MemberRemoved"] as const).map((n) =>
      logsInRanges(client, d, s.membership, eventOf(communityMembershipAbi, n)),
    ),
  );
  const current = holdersNow(admitted, [...left, ...removed]);
  const members = await Promise.all(
    [...current].map(async (account) => {
      const [tokens, weight, votes, delegate] = await Promise.all([
        client.readContract({
          address: s.token,
          abi: contributionTokenAbi,
          functionName: "balanceOf",
          args: [account],
        }),
        client.readContract({ address: s.token, abi: contributionTokenAbi, functionName: "weightOf", args: [account] }),
        client.readContract({ address: s.token, abi: contributionTokenAbi, functionName: "getVotes", args: [account] }),
        client.readContract({
          address: s.token,
          abi: contributionTokenAbi,
          functionName: "delegates",
          args: [account],
        }),
      ]);
      return { account, tokens, weight, votes, delegate };
    }),
  );
  const kinds = await Promise.all(
    Array.from({ length: Number(kindCount) }, async (_, i) => {
      const k = await client.readContract({
        address: s.registry,
        abi: contributionRegistryAbi,
        functionName: "getKind",
        args: [BigInt(i)],
      });
      return { id: i, name: k.name, valuePerUnit: k.valuePerUnit, active: k.active };
    }),
  );
  const fedAddress = d.contracts.federationRegistry?.address;
  let affiliations: CommunityDetail["affiliations"] = [];
  let registered = false;
  let recognition: CommunityDetail["recognition"] = { recognised: false, founding: false, depth: 0n };
  if (fedAddress) {
    registered = await client.readContract({
      address: fedAddress,
      abi: federationRegistryAbi,
      functionName: "isRegistered",
      args: [s.timelock],
    });
    if (registered) {
      const [counterparts, statuses] = await client.readContract({
        address: fedAddress,
        abi: federationRegistryAbi,
        functionName: "affiliationsOf",
        args: [s.timelock],
      });
      const fed = { address: fedAddress, abi: federationRegistryAbi } as const;
      const [[recognised, depth], founding, voucher] = await Promise.all([
        client.readContract({ ...fed, functionName: "recognition", args: [s.timelock] }),
        client.readContract({ ...fed, functionName: "isFounding", args: [s.timelock] }),
        client.readContract({ ...fed, functionName: "voucherOf", args: [s.timelock] }),
      ]);
      recognition = { recognised, founding, depth };
      if (voucher !== zeroAddress) {
        const v = await client.readContract({ ...fed, functionName: "getCommunity", args: [voucher] });
        recognition.voucher = { address: voucher, name: v.name };
      }
      const STATUS = ["none", "proposed by the bioregion", "proposed by the guild", "active"];
      affiliations = await Promise.all(
        counterparts.map(async (w, i) => {
          const c = await client.readContract({
            address: fedAddress,
            abi: federationRegistryAbi,
            functionName: "getCommunity",
            args: [w],
          });
          return { with: w, name: c.name, status: STATUS[statuses[i]] ?? String(statuses[i]) };
        }),
      );
    }
  }
  return {
    ...s,
    identity: {
      areaURI: identity.areaURI,
      domain: identity.domain,
      charterURI: identity.charterURI,
      charterHash: identity.charterHash,
    },
    members: members.sort((a, b) => (b.tokens > a.tokens ? 1 : b.tokens < a.tokens ? -1 : 0)),
    kinds,
    attestationThreshold: policy[0],
    challengeWindow: policy[1],
    affiliations,
    registered,
    recognition,
    halfLife: await client.readContract({ address: s.token, abi: contributionTokenAbi, functionName: "halfLife" }),
  };
}

/** The federated membership view: whether `account` listed this community there, and if it may. */
export interface FederatedListing {
  /** The federated membership contract (undefined when the chain has none). */
  address?: Address;
  listed: boolean;
  member: boolean;
}

export async function federatedListing(
  client: PublicClient,
  d: ChainDeployment,
  c: CommunitySummary,
  account?: Address,
): Promise<FederatedListing> {
  const address = d.contracts.federatedMembership?.address;
  if (!address || !account) return { address, listed: false, member: false };
  const [listed, member] = await Promise.all([
    client.readContract({ address, abi: federatedMembershipAbi, functionName: "listedCommunitiesOf", args: [account] }),
    isMember(client, c, account),
  ]);
  return { address, listed: listed.some((x) => x.toLowerCase() === c.timelock.toLowerCase()), member };
}

export async function isMember(client: PublicClient, c: CommunitySummary, account?: Address): Promise<boolean> {
  if (!account) return false;
  return client.readContract({
    address: c.membership,
    abi: communityMembershipAbi,
    functionName: "isMember",
    args: [account],
  });
}

// ------------------------------------------------------------------------------------------- contributions

export const CONTRIBUTION_STATUS = ["none", "pending", "challenged", "cleared", "rejected", "claimed"] as const;

export interface ContributionView {
  id: bigint;
  contributor: Address;
  kind: number;
  units: bigint;
  amount: bigint;
  evidenceURI: string;
  status: (typeof CONTRIBUTION_STATUS)[number];
  attestations: number;
  threshold: number;
  claimableAt: bigint;
  attestedByMe: boolean;
  claimable: boolean;
  /** The latest challenge of it, if any: who and why (the reason's URI). */
  challenge?: { challenger: Address; reasonURI: string };
  /** How the latest challenge was resolved, if it was: upheld rejects it, dismissed clears it. */
  resolution?: { resolver: Address; upheld: boolean; reasonURI: string };
}

/** What an attestation of contribution `id` signs besides its id: bound to what the registry holds now. */
export interface AttestationSubject {
  contributor: Address;
  kind: number;
  amount: bigint;
  evidenceHash: Hex;
}

export async function attestationSubject(
  client: PublicClient,
  registry: Address,
  id: bigint,
): Promise<AttestationSubject> {
  const r = { address: registry, abi: contributionRegistryAbi } as const;
  const [k, evidenceHash] = await Promise.all([
    client.readContract({ ...r, functionName: "getContribution", args: [id] }),
    client.readContract({ ...r, functionName: "evidenceHashOf", args: [id] }),
  ]);
  return { contributor: k.contributor, kind: k.kind, amount: k.amount, evidenceHash };
}

/** Whether governance removed `account` from the community (it cannot claim until re-admitted). */
export async function isRemoved(client: PublicClient, c: CommunitySummary, account?: Address): Promise<boolean> {
  if (!account) return false;
  return client.readContract({
    address: c.membership,
    abi: communityMembershipAbi,
    functionName: "isRemoved",
    args: [account],
  });
}

export async function contributions(
  client: PublicClient,
  d: ChainDeployment,
  c: CommunitySummary,
  account?: Address,
): Promise<ContributionView[]> {
  const [logs, challenges, resolutions] = await Promise.all(
    (["ContributionSubmitted", "ContributionChallenged", "ChallengeResolved"] as const).map((n) =>
      logsInRanges(client, d, c.registry, eventOf(contributionRegistryAbi, n)),
    ),
  );
  // The latest challenge and resolution of each contribution (logs come in chain order).
  const challengeOf = new Map<bigint, ContributionView["challenge"]>();
  for (const log of challenges) {
    const a = log.args as { id: bigint; challenger: Address; reasonURI: string };
    challengeOf.set(a.id, { challenger: a.challenger, reasonURI: a.reasonURI });
  }
  const resolutionOf = new Map<bigint, ContributionView["resolution"]>();
  for (const log of resolutions) {
    const a = log.args as { id: bigint; resolver: Address; upheld: boolean; reasonURI: string };
    resolutionOf.set(a.id, { resolver: a.resolver, upheld: a.upheld, reasonURI: a.reasonURI });
  }
  const rows = await Promise.all(
    logs.map(async (log) => {
      const a = log.args as { id: bigint; units: bigint; evidenceURI: string };
      const [k, attested, claimable] = await Promise.all([
        client.readContract({
          address: c.registry,
          abi: contributionRegistryAbi,
          functionName: "getContribution",
          args: [a.id],
        }),
        account
          ? client.readContract({
              address: c.registry,
              abi: contributionRegistryAbi,
              functionName: "hasAttested",
              args: [a.id, account],
            })
          : Promise.resolve(false),
        client.readContract({
          address: c.registry,
          abi: contributionRegistryAbi,
          functionName: "isClaimable",
          args: [a.id],
        }),
      ]);
      return {
        id: a.id,
        contributor: k.contributor,
        kind: k.kind,
        units: a.units,
        amount: k.amount,
        evidenceURI: a.evidenceURI,
        status: CONTRIBUTION_STATUS[k.status],
        attestations: k.attestations,
        threshold: k.threshold,
        claimableAt: BigInt(k.claimableAt),
        attestedByMe: attested,
        claimable,
        challenge: challengeOf.get(a.id),
        resolution: resolutionOf.get(a.id),
      };
    }),
  );
  return rows.reverse();
}

/**
 * Whether `account` may resolve challenges in this community: its stewards (STEWARD_ROLE) may, and so
 * may its governance (the timelock holds DEFAULT_ADMIN_ROLE; a proposal resolves in its name).
 */
export async function isChallengeResolver(
  client: PublicClient,
  c: CommunitySummary,
  account?: Address,
): Promise<boolean> {
  if (!account) return false;
  const r = { address: c.registry, abi: contributionRegistryAbi } as const;
  const [steward, admin] = await Promise.all([
    client.readContract({ ...r, functionName: "STEWARD_ROLE" }),
    client.readContract({ ...r, functionName: "DEFAULT_ADMIN_ROLE" }),
  ]);
  const [isSteward, isAdmin] = await Promise.all([
    client.readContract({ ...r, functionName: "hasRole", args: [steward, account] }),
    client.readContract({ ...r, functionName: "hasRole", args: [admin, account] }),
  ]);
  return isSteward || isAdmin;
}

// ------------------------------------------------------------------------------------------- governance

export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
];

export interface ProposalView {
  id: bigint;
  proposer: Address;
  description: string;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  state: string;
  snapshot: bigint;
  deadline: bigint;
  eta: bigint;
  against: bigint;
  for: bigint;
  abstain: bigint;
  quorum: bigint;
  myWeight: bigint;
  voted: boolean;
}

export interface GovernanceView {
  proposals: ProposalView[];
  votingDelay: bigint;
  votingPeriod: bigint;
  threshold: bigint;
  timelockDelay: bigint;
  myVotes: bigint;
  myWeightNow: bigint;
  /** The connected member's contributions: earned in all, and what they weigh now (recency). */
  myEarned: bigint;
  myWeight: bigint;
  now: bigint;
}

export async function governance(
  client: PublicClient,
  d: ChainDeployment,
  c: CommunitySummary,
  account?: Address,
): Promise<GovernanceView> {
  const gov = { address: c.governor, abi: communityGovernorAbi } as const;
  const block = await client.getBlock();
  const now = block.timestamp;
  const [myEarned, myWeight] = account
    ? await Promise.all([
        client.readContract({
          address: c.token,
          abi: contributionTokenAbi,
          functionName: "balanceOf",
          args: [account],
        }),
        client.readContract({ address: c.token, abi: contributionTokenAbi, functionName: "weightOf", args: [account] }),
      ])
    : [0n, 0n];
  const [logs, votingDelay, votingPeriod, threshold, timelockDelay, myVotes, myWeightNow] = await Promise.all([
    logsInRanges(client, d, c.governor, eventOf(communityGovernorAbi, "ProposalCreated")),
    client.readContract({ ...gov, functionName: "votingDelay" }),
    client.readContract({ ...gov, functionName: "votingPeriod" }),
    client.readContract({ ...gov, functionName: "proposalThreshold" }),
    client.readContract({ address: c.timelock, abi: communityTimelockAbi, functionName: "getMinDelay" }),
    account
      ? client.readContract({ address: c.token, abi: contributionTokenAbi, functionName: "getVotes", args: [account] })
      : Promise.resolve(0n),
    account
      ? client.readContract({ ...gov, functionName: "getVotes", args: [account, now - 1n] })
      : Promise.resolve(0n),
  ]);
  const proposals = await Promise.all(
    logs.map(async (log) => {
      const a = log.args as {
        proposalId: bigint;
        proposer: Address;
        targets: Address[];
        values: bigint[];
        calldatas: Hex[];
        description: string;
      };
      const id = a.proposalId;
      const [state, snapshot, deadline, eta, votes, voted] = await Promise.all([
        client.readContract({ ...gov, functionName: "state", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalSnapshot", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalDeadline", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalEta", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalVotes", args: [id] }),
        account
          ? client.readContract({ ...gov, functionName: "hasVoted", args: [id, account] })
          : Promise.resolve(false),
      ]);
      const past = snapshot < now;
      const [quorum, myWeight] = await Promise.all([
        past ? client.readContract({ ...gov, functionName: "quorum", args: [snapshot] }) : Promise.resolve(0n),
        past && account
          ? client.readContract({ ...gov, functionName: "getVotes", args: [account, snapshot] })
          : Promise.resolve(0n),
      ]);
      return {
        id,
        proposer: a.proposer,
        description: a.description,
        targets: a.targets,
        values: a.values,
        calldatas: a.calldatas,
        state: PROPOSAL_STATES[state] ?? String(state),
        snapshot,
        deadline,
        eta,
        against: votes[0],
        for: votes[1],
        abstain: votes[2],
        quorum,
        myWeight,
        voted,
      };
    }),
  );
  return {
    proposals: proposals.reverse(),
    votingDelay,
    votingPeriod,
    threshold,
    timelockDelay,
    myVotes,
    myWeightNow,
    myEarned,
    myWeight,
    now,
  };
}

// ------------------------------------------------------------------------------------------- funding

export const PHASES = [
  "upcoming",
  "applications",
  "review",
  "donations",
  "tallying",
  "finalised",
  "cancelled",
] as const;
export const PROJECT_STATUS = ["none", "pending", "approved", "rejected", "removed"] as const;

export interface RoundSummary {
  address: Address;
  index: number;
  metadataURI: string;
  phase: (typeof PHASES)[number];
  pool: bigint;
  token: Address;
  /** The round's token: the chain's native currency or an ERC-20, with its symbol and decimals. */
  asset: TokenInfo;
  operator: Address;
  schedule: { applicationsStart: bigint; applicationsEnd: bigint; donationsStart: bigint; donationsEnd: bigint };
  /** The latest the operator may push the end of donations to. */
  maxDonationsEnd: bigint;
  /** Seconds after donations close when only reviewers (removals) and the operator (cancel) act. */
  tallyWindow: bigint;
  /** When the tally window ends: anyone may finalise from then. */
  tallyWindowEnd: bigint;
  /** After finalisation: until then only a project's owner or recipient may claim its payout (0 before). */
  openClaimAt: bigint;
  reviewers: readonly Address[];
  minDonation: bigint;
  matchCapBps: number;
}

export async function listRounds(client: PublicClient, d: ChainDeployment): Promise<RoundSummary[]> {
  const factory = contractAddress(d, "roundFactory");
  const count = await client.readContract({ address: factory, abi: roundFactoryAbi, functionName: "roundCount" });
  const rounds = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      client.readContract({ address: factory, abi: roundFactoryAbi, functionName: "roundAt", args: [BigInt(i)] }),
    ),
  );
  return Promise.all(rounds.map((r, i) => roundSummary(client, d, r, i)));
}

export async function roundSummary(
  client: PublicClient,
  d: ChainDeployment,
  address: Address,
  index = -1,
): Promise<RoundSummary> {
  const [config, phase, pool, tallyWindowEnd, openClaimAt] = await Promise.all([
    client.readContract({ address, abi: roundAbi, functionName: "config" }),
    client.readContract({ address, abi: roundAbi, functionName: "phase" }),
    client.readContract({ address, abi: roundAbi, functionName: "pool" }),
    client.readContract({ address, abi: roundAbi, functionName: "tallyWindowEnd" }),
    client.readContract({ address, abi: roundAbi, functionName: "openClaimAt" }),
  ]);
  const asset = await tokenInfo(client, d, config.token);
  return {
    address,
    index,
    metadataURI: config.metadataURI,
    phase: PHASES[phase],
    pool,
    token: config.token,
    asset,
    operator: config.operator,
    schedule: {
      applicationsStart: BigInt(config.applicationsStart),
      applicationsEnd: BigInt(config.applicationsEnd),
      donationsStart: BigInt(config.donationsStart),
      donationsEnd: BigInt(config.donationsEnd),
    },
    maxDonationsEnd: BigInt(config.maxDonationsEnd),
    tallyWindow: BigInt(config.tallyWindow),
    tallyWindowEnd,
    openClaimAt,
    reviewers: config.reviewers,
    minDonation: BigInt(config.minDonation),
    matchCapBps: config.matchCapBps,
  };
}

export interface ProjectView {
  id: bigint;
  owner: Address;
  recipient: Address;
  status: (typeof PROJECT_STATUS)[number];
  metadataURI: string;
  donations: bigint;
  sumRoots: bigint;
  idealMatch: bigint;
  match: bigint;
  paid: boolean;
  approvals: number;
  rejections: number;
  removalVotes: number;
  myDonation: bigint;
  /** Cluster rounds: what each of the connected donor's clusters (`RoundDetail.myClusters`) gave the project, in twelfths. */
  myClusterTotals: bigint[];
  /** What the connected donor took back from this project (after a cancellation or its removal). */
  myRefunded: bigint;
}

export interface RoundDetail extends RoundSummary {
  projects: ProjectView[];
  totalIdealMatch: bigint;
  myFunding: bigint;
  isReviewer: boolean;
  isOperator: boolean;
  /** The latest block's timestamp (the chain's clock, not the browser's). */
  now: bigint;
  /** After finalisation: the part of the pool no project receives, returned to funders pro rata. */
  leftover: bigint;
  /** What the connected funder may reclaim now: all of it after a cancellation, its share of the leftover after finalisation. */
  myReclaimable: bigint;
  /** What the connected funder already took back. */
  myReclaimed: bigint;
  /** "standard", or "cluster" (plural matching: support from many clusters counts for more). */
  matching: Matching;
  /** Where a cluster round's clusters come from. */
  clusterSource: "none" | "federation" | "groups file";
  /**
   * Cluster rounds: the clusters the connected donor's donations count in (community addresses as
   * ids, or a groups file's ids; UNAFFILIATED for none), and whether they are fixed for the round
   * (at its first donation or proof) or only what its first donation would fix now.
   */
  myClusters: bigint[];
  myClustersFixed: boolean;
}

/** A funder's share of the leftover, as the round computes it: funding × leftover / pool, rounded down. */
export function leftoverShare(funding: bigint, leftover: bigint, pool: bigint): bigint {
  return pool === 0n ? 0n : (funding * leftover) / pool;
}

export async function roundDetail(
  client: PublicClient,
  d: ChainDeployment,
  address: Address,
  account?: Address,
): Promise<RoundDetail> {
  const r = { address, abi: roundAbi } as const;
  const [s, count, totalIdealMatch, myFunding, block] = await Promise.all([
    roundSummary(client, d, address),
    client.readContract({ ...r, functionName: "projectCount" }),
    client.readContract({ ...r, functionName: "totalIdealMatch" }),
    account ? client.readContract({ ...r, functionName: "fundingOf", args: [account] }) : Promise.resolve(0n),
    client.getBlock(),
  ]);
  const finalised = s.phase === "finalised";
  const [mode, source] = await client.readContract({ ...r, functionName: "matching" });
  const matching: Matching = mode === 0 ? "standard" : "cluster";
  let myClusters: bigint[] = [];
  let myClustersFixed = false;
  if (matching === "cluster" && account) {
    myClusters = [...(await client.readContract({ ...r, functionName: "clustersOf", args: [account] }))];
    myClustersFixed = myClusters.length > 0;
    if (!myClustersFixed && mode === 1) {
      // A federation round fixes the donor's communities as the federated membership lists them at its first donation.
      const fm = `0x${source.slice(-40)}` as Address;
      const communities = await client.readContract({
        address: fm,
        abi: federatedMembershipAbi,
        functionName: "memberCommunitiesOf",
        args: [account],
      });
      myClusters = communities.map((c) => BigInt(c));
    }
    if (myClusters.length === 0) myClusters = [UNAFFILIATED];
  }
  // The leftover is fixed at finalisation and told only by its event; what this account took back, by theirs.
  const [finalisedLogs, returned, refunds] = await Promise.all([
    finalised ? logsInRanges(client, d, address, eventOf(roundAbi, "RoundFinalized")) : Promise.resolve([]),
    account
      ? logsInRanges(client, d, address, eventOf(roundAbi, "FundingReturned"), { funder: account })
      : Promise.resolve([]),
    account
      ? logsInRanges(client, d, address, eventOf(roundAbi, "DonationRefunded"), { donor: account })
      : Promise.resolve([]),
  ]);
  const leftover = finalisedLogs.length ? (finalisedLogs[0].args as { leftover: bigint }).leftover : 0n;
  const myReclaimed = returned.reduce((sum, l) => sum + (l.args as { amount: bigint }).amount, 0n);
  const refundedOf = new Map<bigint, bigint>();
  for (const l of refunds) {
    const a = l.args as { projectId: bigint; amount: bigint };
    refundedOf.set(a.projectId, (refundedOf.get(a.projectId) ?? 0n) + a.amount);
  }
  const projects = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const id = BigInt(i + 1);
      const [p, ideal, match, mine, myClusterTotals] = await Promise.all([
        client.readContract({ ...r, functionName: "project", args: [id] }),
        client.readContract({ ...r, functionName: "idealMatchOf", args: [id] }),
        finalised ? client.readContract({ ...r, functionName: "matchOf", args: [id] }) : Promise.resolve(0n),
        account ? client.readContract({ ...r, functionName: "donationOf", args: [id, account] }) : Promise.resolve(0n),
        Promise.all(
          myClusters.map((c) => client.readContract({ ...r, functionName: "clusterTotalOf", args: [id, c] })),
        ),
      ]);
      return {
        id,
        owner: p.owner,
        recipient: p.recipient,
        status: PROJECT_STATUS[p.status],
        metadataURI: p.metadataURI,
        donations: p.sumContributions,
        sumRoots: p.sumRoots,
        idealMatch: ideal,
        match,
        paid: p.paid,
        approvals: p.approvals,
        rejections: p.rejections,
        removalVotes: p.removalVotes,
        myDonation: mine,
        myRefunded: refundedOf.get(id) ?? 0n,
        myClusterTotals,
      };
    }),
  );
  const me = account?.toLowerCase();
  return {
    ...s,
    projects,
    totalIdealMatch,
    myFunding,
    isReviewer: Boolean(me && s.reviewers.some((x) => x.toLowerCase() === me)),
    isOperator: Boolean(me && s.operator.toLowerCase() === me),
    now: block.timestamp,
    leftover,
    myReclaimable: s.phase === "cancelled" ? myFunding : finalised ? leftoverShare(myFunding, leftover, s.pool) : 0n,
    myReclaimed,
    matching,
    clusterSource: mode === 0 ? "none" : mode === 1 ? "federation" : "groups file",
    myClusters,
    myClustersFixed,
  };
}

/**
 * A project's estimated match: its ideal match ((Σ√donation)² − Σ donation) scaled to the pool when
 * the ideal matches of all projects exceed it (the contract's rule, before any cap).
 */
export function estimatedMatch(ideal: bigint, totalIdeal: bigint, pool: bigint): bigint {
  if (totalIdeal === 0n) return 0n;
  return totalIdeal > pool ? (ideal * pool) / totalIdeal : ideal;
}

/**
 * The project's estimated match if the connected donor (who gave `already`) adds `amount`: the preview
 * beside the cart. With cluster matching the donation moves the totals of the donor's clusters
 * (12 / k twelfths of each unit to each of its k clusters), as the contract does.
 */
export function matchAfter(r: RoundDetail, p: ProjectView, already: bigint, amount: bigint): bigint {
  let roots: bigint;
  if (r.matching === "standard") {
    roots = p.sumRoots + donorRoot(already + amount) - donorRoot(already);
  } else {
    const share = amount * (CLUSTER_WEIGHT / BigInt(r.myClusters.length));
    roots = p.myClusterTotals.reduce((sum, t) => sum + donorRoot(t + share) - donorRoot(t), p.sumRoots);
  }
  const ideal = idealMatch(roots, p.donations + amount, r.matching);
  const total = r.totalIdealMatch - p.idealMatch + ideal;
  return estimatedMatch(ideal, total, r.pool);
}

// ------------------------------------------------------------------------------------------- tokens

/**
 * A token a round takes: the chain's native currency (address 0) or an ERC-20. The ERC-20 interface
 * is read with the ABI of OpenZeppelin's ERC20Permit as the suite compiles it (MockPermitToken): its
 * ERC-20 functions are the standard ones, and its EIP-2612 ones are tried, never assumed.
 */
export interface TokenInfo {
  address: Address;
  native: boolean;
  name: string;
  symbol: string;
  decimals: number;
}

/** The EIP-712 domain of a token's permits, checked against its DOMAIN_SEPARATOR, and the owner's nonce. */
export interface PermitSupport {
  domain: { name: string; version: string; chainId: number; verifyingContract: Address };
  nonce: bigint;
}

/** What an account holds of a token and has allowed `spender` to pull, and whether it can sign a permit. */
export interface Holding extends TokenInfo {
  balance: bigint;
  allowance: bigint;
  permit?: PermitSupport;
}

const erc20 = mockPermitTokenAbi;

export function nativeToken(d: ChainDeployment): TokenInfo {
  return { address: zeroAddress, native: true, name: d.nativeSymbol, symbol: d.nativeSymbol, decimals: 18 };
}

/** The token's name, symbol and decimals; a sentence when the address is not an ERC-20. */
export async function tokenInfo(client: PublicClient, d: ChainDeployment, token: Address): Promise<TokenInfo> {
  if (token === zeroAddress) return nativeToken(d);
  const t = { address: token, abi: erc20 } as const;
  try {
    const [name, symbol, decimals] = await Promise.all([
      client.readContract({ ...t, functionName: "name" }).catch(() => ""),
      client.readContract({ ...t, functionName: "symbol" }),
      client.readContract({ ...t, functionName: "decimals" }),
    ]);
    return { address: token, native: false, name: name || symbol, symbol, decimals };
  } catch {
    throw new Error(`${token} is not an ERC-20 token on ${d.name} (it has no symbol or decimals).`);
  }
}

/**
 * Whether `token` takes EIP-2612 permits, and with which domain: the token must answer `nonces(owner)`
 * and `DOMAIN_SEPARATOR()`, and the domain (its EIP-5267 `eip712Domain()`, else its name with version
 * "1" or "2") must hash to that separator, so a permit is only ever signed for a domain the token checks.
 */
export async function permitSupport(
  client: PublicClient,
  d: ChainDeployment,
  token: Address,
  owner: Address,
): Promise<PermitSupport | undefined> {
  if (token === zeroAddress) return undefined;
  const t = { address: token, abi: erc20 } as const;
  const none = () => undefined;
  const [separator, nonce, declared, name] = await Promise.all([
    client.readContract({ ...t, functionName: "DOMAIN_SEPARATOR" }).catch(none),
    client.readContract({ ...t, functionName: "nonces", args: [owner] }).catch(none),
    client.readContract({ ...t, functionName: "eip712Domain" }).catch(none),
    client.readContract({ ...t, functionName: "name" }).catch(none),
  ]);
  if (separator === undefined || nonce === undefined) return undefined;
  const candidates = declared
    ? [{ name: declared[1], version: declared[2] }]
    : name === undefined
      ? []
      : [
          { name, version: "1" },
          { name, version: "2" },
        ];
  for (const c of candidates) {
    const domain = { ...c, chainId: d.chainId, verifyingContract: token };
    if (domainSeparator({ domain }) === separator) return { domain, nonce };
  }
  return undefined;
}

/** `account`'s balance of `token` (native or ERC-20), its allowance to `spender` and its permit support. */
export async function holding(
  client: PublicClient,
  d: ChainDeployment,
  token: Address,
  account: Address,
  spender: Address,
): Promise<Holding> {
  const info = await tokenInfo(client, d, token);
  if (info.native) return { ...info, balance: await client.getBalance({ address: account }), allowance: 0n };
  const t = { address: token, abi: erc20 } as const;
  const [balance, allowance, permit] = await Promise.all([
    client.readContract({ ...t, functionName: "balanceOf", args: [account] }),
    client.readContract({ ...t, functionName: "allowance", args: [account, spender] }),
    permitSupport(client, d, token, account),
  ]);
  return { ...info, balance, allowance, permit };
}

/** One round's part of the cart, with its token, as the cart shows and checks it. */
export interface CartRound {
  round: Address;
  metadataURI: string;
  phase: (typeof PHASES)[number];
  asset: TokenInfo;
}

/**
 * The cart's rounds and, per token, what the account holds and has allowed the round factory to pull
 * (the factory's checkout pulls each ERC-20 round's total from the donor).
 */
export async function cartState(
  client: PublicClient,
  d: ChainDeployment,
  rounds: Address[],
  account?: Address,
): Promise<{ rounds: CartRound[]; holdings: Holding[] }> {
  const factory = contractAddress(d, "roundFactory");
  const list = await Promise.all(
    rounds.map(async (round) => {
      const s = await roundSummary(client, d, round);
      return { round, metadataURI: s.metadataURI, phase: s.phase, asset: s.asset };
    }),
  );
  const tokens = [...new Set(list.map((r) => r.asset.address))];
  const holdings = account ? await Promise.all(tokens.map((t) => holding(client, d, t, account, factory))) : [];
  return { rounds: list, holdings };
}

// ------------------------------------------------------------------------------------------- names

/**
 * The primary ENS names of `accounts` (lower-cased address -> name) through the chain's universal
 * resolver (viem's `getEnsName`, one `eth_call` each, batched by the transport); empty where the chain
 * has no ENS. An account without a name, or a failed lookup, is simply left out.
 */
export async function ensNames(
  client: PublicClient,
  resolver: Address | undefined,
  accounts: readonly Address[],
): Promise<Record<string, string>> {
  if (!resolver) return {};
  const unique = [...new Set(accounts.map((a) => a.toLowerCase() as Address))];
  const names = await Promise.all(
    unique.map((address) => client.getEnsName({ address, universalResolverAddress: resolver }).catch(() => null)),
  );
  return Object.fromEntries(unique.flatMap((a, i) => (names[i] ? [[a, names[i]]] : [])));
}

// ------------------------------------------------------------------------------------------- licensing

export const LICENCE_CLASSES = ["non-commercial", "commons", "commercial"] as const;
export const LICENCE_STATUS = ["none", "requested", "active", "suspended", "revoked", "refused"] as const;

export interface WorkView {
  id: bigint;
  title: string;
  uri: string;
  steward: Address;
  beneficiary: Address;
  termsVersion: bigint;
  supersededBy: bigint;
  terms: {
    uri: string;
    feePerPeriod: bigint;
    feeToken: Address;
    period: bigint;
    cooperativesFree: boolean;
    commercialAutoGrant: boolean;
    renewable: boolean;
    revenueShareBps: number;
    charterHash: Hex;
    membership: Address;
  };
  commonsUser: boolean;
  myLicence?: LicenceView & {
    /** The terms the licence holds (the version it was requested under), which its payments follow. */
    terms: { feePerPeriod: bigint; period: bigint; renewable: boolean; revenueShareBps: number };
  };
  /** For the work's steward: every licence of the work and the revenue reported under them. */
  stewardship?: { licences: LicenceView[]; reports: RevenueReportView[] };
}

export interface LicenceView {
  id: bigint;
  licensee: Address;
  class: (typeof LICENCE_CLASSES)[number];
  status: (typeof LICENCE_STATUS)[number];
  expiresAt: bigint;
  termsVersion: bigint;
  /** Granted by the steward with a fee: the first payment is due before the licence counts. */
  awaitingPayment: boolean;
}

export interface RevenueReportView {
  licenceId: bigint;
  licensee: Address;
  revenue: bigint;
  share: bigint;
  reportURI: string;
  block: bigint;
}

async function licenceView(client: PublicClient, registry: Address, id: bigint): Promise<LicenceView> {
  const l = await client.readContract({
    address: registry,
    abi: licenceRegistryAbi,
    functionName: "licence",
    args: [id],
  });
  return {
    id,
    licensee: l.licensee,
    class: LICENCE_CLASSES[l.licenceClass],
    status: LICENCE_STATUS[l.status],
    expiresAt: BigInt(l.expiresAt),
    termsVersion: BigInt(l.termsVersion),
    awaitingPayment: l.awaitingPayment,
  };
}

/** A steward's view of a work: its licences (from their requests) and the revenue reported under them. */
export async function stewardship(
  client: PublicClient,
  d: ChainDeployment,
  workId: bigint,
): Promise<NonNullable<WorkView["stewardship"]>> {
  const registry = contractAddress(d, "licenceRegistry");
  const requested = await logsInRanges(client, d, registry, eventOf(licenceRegistryAbi, "LicenceRequested"), {
    workId,
  });
  const ids = requested.map((l) => (l.args as { licenceId: bigint }).licenceId);
  const [licences, reported] = await Promise.all([
    Promise.all(ids.map((id) => licenceView(client, registry, id))),
    ids.length
      ? logsInRanges(client, d, registry, eventOf(licenceRegistryAbi, "RevenueReported"), { licenceId: ids })
      : Promise.resolve([]),
  ]);
  const licensee = new Map(licences.map((l) => [l.id, l.licensee]));
  const reports = reported.map((log) => {
    const a = log.args as { licenceId: bigint; revenue: bigint; share: bigint; reportURI: string };
    return {
      licenceId: a.licenceId,
      licensee: licensee.get(a.licenceId)!,
      revenue: a.revenue,
      share: a.share,
      reportURI: a.reportURI,
      block: log.blockNumber,
    };
  });
  return { licences: licences.reverse(), reports: reports.reverse() };
}

export async function listWorks(client: PublicClient, d: ChainDeployment, account?: Address): Promise<WorkView[]> {
  const reg = contractAddress(d, "licenceRegistry");
  const [works] = await client.readContract({ address: reg, abi: licenceRegistryAbi, functionName: "counts" });
  return Promise.all(Array.from({ length: Number(works) }, (_, i) => work(client, d, BigInt(i + 1), account)));
}

export async function work(client: PublicClient, d: ChainDeployment, id: bigint, account?: Address): Promise<WorkView> {
  const reg = { address: contractAddress(d, "licenceRegistry"), abi: licenceRegistryAbi } as const;
  const w = await client.readContract({ ...reg, functionName: "work", args: [id] });
  const [terms, commonsUser, licenceId] = await Promise.all([
    client.readContract({ ...reg, functionName: "terms", args: [id, w.termsVersion] }),
    account
      ? client.readContract({ ...reg, functionName: "isCommonsUser", args: [id, account] })
      : Promise.resolve(false),
    account ? client.readContract({ ...reg, functionName: "licenceOf", args: [id, account] }) : Promise.resolve(0n),
  ]);
  let myLicence: WorkView["myLicence"];
  if (licenceId > 0n) {
    const [l, pinned] = await Promise.all([
      licenceView(client, reg.address, licenceId),
      client.readContract({ ...reg, functionName: "licenceTerms", args: [licenceId] }),
    ]);
    myLicence = {
      ...l,
      terms: {
        feePerPeriod: pinned.feePerPeriod,
        period: BigInt(pinned.period),
        renewable: pinned.renewable,
        revenueShareBps: pinned.revenueShareBps,
      },
    };
  }
  const stewarding = account !== undefined && account.toLowerCase() === w.steward.toLowerCase();
  return {
    id,
    title: w.title,
    uri: w.uri,
    steward: w.steward,
    beneficiary: w.beneficiary,
    termsVersion: w.termsVersion,
    supersededBy: w.supersededBy,
    terms: {
      uri: terms.uri,
      feePerPeriod: terms.feePerPeriod,
      feeToken: terms.feeToken,
      period: BigInt(terms.period),
      cooperativesFree: terms.cooperativesFree,
      commercialAutoGrant: terms.commercialAutoGrant,
      renewable: terms.renewable,
      revenueShareBps: terms.revenueShareBps,
      charterHash: terms.charterHash,
      membership: terms.membership,
    },
    commonsUser,
    myLicence,
    stewardship: stewarding ? await stewardship(client, d, id) : undefined,
  };
}

/** Native fees held for `beneficiary` by the licence registry (its `receive` refused the push). */
export async function heldFees(client: PublicClient, d: ChainDeployment, beneficiary?: Address): Promise<bigint> {
  if (!beneficiary) return 0n;
  return client.readContract({
    address: contractAddress(d, "licenceRegistry"),
    abi: licenceRegistryAbi,
    functionName: "heldFees",
    args: [beneficiary],
  });
}

export async function verifyLicence(
  client: PublicClient,
  d: ChainDeployment,
  workId: bigint,
  licensee: Address,
): Promise<boolean> {
  return client.readContract({
    address: contractAddress(d, "licenceRegistry"),
    abi: licenceRegistryAbi,
    functionName: "isLicensed",
    args: [workId, licensee],
  });
}

// ------------------------------------------------------------------------------------------- membrane

export interface MembraneEpochView {
  id: bigint;
  income: bigint;
  toTreasury: bigint;
  toContributors: bigint;
  claimed: bigint;
  closedAt: bigint;
  myClaimable: bigint;
  myClaimed: boolean;
}

export interface MembraneView {
  asset: Address;
  shareBps: number;
  pendingIncome: bigint;
  treasuryOwed: bigint;
  nextCloseAt: bigint;
  /** What earlier epochs carried to the contributors of the next epoch to close. */
  carriedToContributors: bigint;
  epochs: MembraneEpochView[];
  now: bigint;
}

export async function membrane(client: PublicClient, c: CommunitySummary, account?: Address): Promise<MembraneView> {
  const m = { address: c.membrane, abi: membraneAbi } as const;
  const asset = zeroAddress;
  const [shareBps, pendingIncome, treasuryOwed, nextCloseAt, count, block, carriedToContributors] = await Promise.all([
    client.readContract({ ...m, functionName: "treasuryShareBps" }),
    client.readContract({ ...m, functionName: "pendingIncome", args: [asset] }),
    client.readContract({ ...m, functionName: "treasuryOwed", args: [asset] }),
    client.readContract({ ...m, functionName: "nextCloseAt", args: [asset] }),
    client.readContract({ ...m, functionName: "epochCount", args: [asset] }),
    client.getBlock(),
    client.readContract({ ...m, functionName: "carriedToContributors", args: [asset] }),
  ]);
  const epochs = await Promise.all(
    // Epochs are numbered from 1.
    Array.from({ length: Number(count) }, async (_, i) => {
      const id = BigInt(i + 1);
      const [e, claimed, claimable] = await Promise.all([
        client.readContract({ ...m, functionName: "epoch", args: [asset, id] }),
        account
          ? client.readContract({ ...m, functionName: "hasClaimed", args: [asset, id, account] })
          : Promise.resolve(false),
        account
          ? client.readContract({ ...m, functionName: "claimable", args: [asset, id, account] })
          : Promise.resolve(0n),
      ]);
      return {
        id,
        income: e.income,
        toTreasury: e.toTreasury,
        toContributors: e.toContributors,
        claimed: e.claimed,
        closedAt: BigInt(e.closedAt),
        myClaimable: claimable,
        myClaimed: claimed,
      };
    }),
  );
  return {
    asset,
    shareBps,
    pendingIncome,
    treasuryOwed,
    nextCloseAt,
    carriedToContributors,
    epochs,
    now: block.timestamp,
  };
}

// ------------------------------------------------------------------------------------------- federation

export interface GrantView {
  id: bigint;
  funder: Address;
  beneficiary: Address;
  recipient: Address;
  tranches: { amount: bigint; dueAt: bigint; paid: boolean; returned: boolean }[];
  claimable: bigint;
  /** What an ended affiliation cut off: anyone may return it to the funder (`reclaim`). */
  reclaimable: bigint;
}

export async function grantsOf(client: PublicClient, d: ChainDeployment, c: CommunitySummary): Promise<GrantView[]> {
  const fundingAddress = d.contracts.federationFunding?.address;
  if (!fundingAddress) return [];
  const f = { address: fundingAddress, abi: federationFundingAbi } as const;
  const count = await client.readContract({ ...f, functionName: "grantCount" });
  const all = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const id = BigInt(i + 1);
      const [g, tranches, claimable, reclaimable] = await Promise.all([
        client.readContract({ ...f, functionName: "getGrant", args: [id] }),
        client.readContract({ ...f, functionName: "getTranches", args: [id] }),
        client.readContract({ ...f, functionName: "claimable", args: [id] }),
        client.readContract({ ...f, functionName: "reclaimable", args: [id] }),
      ]);
      return {
        id,
        funder: g.funder,
        beneficiary: g.beneficiary,
        recipient: g.recipient,
        tranches: tranches.map((t, k) => ({
          amount: t.amount,
          dueAt: BigInt(t.dueAt),
          paid: k < g.nextTranche,
          returned: k >= g.endTranche,
        })),
        claimable: claimable[0],
        reclaimable: reclaimable[0],
      };
    }),
  );
  const me = c.timelock.toLowerCase();
  return all.filter((g) => g.funder.toLowerCase() === me || g.beneficiary.toLowerCase() === me);
}

/** A community as the federation lists it, with where its recognition comes from. */
export interface FederationMemberCommunity {
  address: Address;
  name: string;
  kind: "bioregion" | "guild";
  /** Its id in the community factory (0 when it registered itself). */
  factoryId: number;
  recognised: boolean;
  /** Vouches away from a founding community (meaningful when recognised). */
  depth: bigint;
  founding: boolean;
  /** The community whose governance vouched for it (its vouch may have lapsed: see `recognised`). */
  voucher?: Address;
}

export interface FederationView {
  registry: Address;
  founder: Address;
  founded: boolean;
  maxDepth: bigint;
  communities: FederationMemberCommunity[];
  /** Factory communities not registered yet (anyone may register them). */
  unregistered: { id: number; name: string }[];
  /** The connected account in the federated membership view. */
  me?: { listed: Address[]; memberOf: Address[]; nonce: bigint };
}

/** The federation as a whole: the founding act, every registered community and its recognition. */
export async function federation(client: PublicClient, d: ChainDeployment, account?: Address): Promise<FederationView> {
  const registry = contractAddress(d, "federationRegistry");
  const fed = { address: registry, abi: federationRegistryAbi } as const;
  const [founder, founded, maxDepth, count, factoryCount] = await Promise.all([
    client.readContract({ ...fed, functionName: "founder" }),
    client.readContract({ ...fed, functionName: "founded" }),
    client.readContract({ ...fed, functionName: "maxDepth" }),
    client.readContract({ ...fed, functionName: "communityCount" }),
    client.readContract({
      address: contractAddress(d, "communityFactory"),
      abi: communityFactoryAbi,
      functionName: "communityCount",
    }),
  ]);
  const communities = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const address = await client.readContract({ ...fed, functionName: "communityAt", args: [BigInt(i)] });
      const [c, [recognised, depth], founding, voucher] = await Promise.all([
        client.readContract({ ...fed, functionName: "getCommunity", args: [address] }),
        client.readContract({ ...fed, functionName: "recognition", args: [address] }),
        client.readContract({ ...fed, functionName: "isFounding", args: [address] }),
        client.readContract({ ...fed, functionName: "voucherOf", args: [address] }),
      ]);
      return {
        address,
        name: c.name,
        kind: c.kind === 1 ? ("bioregion" as const) : ("guild" as const),
        factoryId: Number(c.factoryId),
        recognised,
        depth,
        founding,
        voucher: voucher === zeroAddress ? undefined : voucher,
      };
    }),
  );
  const listedIds = new Set(communities.map((c) => c.factoryId));
  const unregistered = await Promise.all(
    Array.from({ length: Number(factoryCount) }, (_, i) => i + 1)
      .filter((id) => !listedIds.has(id))
      .map(async (id) => {
        const c = await client.readContract({
          address: contractAddress(d, "communityFactory"),
          abi: communityFactoryAbi,
          functionName: "getCommunity",
          args: [BigInt(id)],
        });
        return { id, name: c.name };
      }),
  );
  let me: FederationView["me"];
  const fm = d.contracts.federatedMembership?.address;
  if (account && fm) {
    const m = { address: fm, abi: federatedMembershipAbi } as const;
    const [listed, memberOf, nonce] = await Promise.all([
      client.readContract({ ...m, functionName: "listedCommunitiesOf", args: [account] }),
      client.readContract({ ...m, functionName: "memberCommunitiesOf", args: [account] }),
      client.readContract({ ...m, functionName: "nonces", args: [account] }),
    ]);
    me = { listed: [...listed], memberOf: [...memberOf], nonce };
  }
  return { registry, founder, founded, maxDepth, communities, unregistered, me };
}

// ------------------------------------------------------------------------------------------- steward budgets

export interface StewardBudgetView {
  steward: Address;
  /** Tokens its vouchers may mint per period (0: its vouchers are refused). */
  budget: bigint;
  spent: bigint;
  periodEndsAt: bigint;
}

/**
 * The community's stewards (replayed from the registry's role events) and what each one's vouchers
 * may still mint in the current period (`ContributionRegistry.stewardBudget`).
 */
export async function stewardBudgets(
  client: PublicClient,
  d: ChainDeployment,
  c: CommunitySummary,
): Promise<{ period: bigint; stewards: StewardBudgetView[] }> {
  const r = { address: c.registry, abi: contributionRegistryAbi } as const;
  const [role, period] = await Promise.all([
    client.readContract({ ...r, functionName: "STEWARD_ROLE" }),
    client.readContract({ ...r, functionName: "STEWARD_BUDGET_PERIOD" }),
  ]);
  const [granted, revoked] = await Promise.all(
    (["RoleGranted", "RoleRevoked"] as const).map((n) =>
      logsInRanges(client, d, c.registry, eventOf(contributionRegistryAbi, n), { role }),
    ),
  );
  const current = holdersNow(granted, revoked);
  const stewards = await Promise.all(
    [...current].map(async (steward) => {
      const [budget, spent, periodEndsAt] = await client.readContract({
        ...r,
        functionName: "stewardBudget",
        args: [steward],
      });
      return { steward, budget, spent, periodEndsAt };
    }),
  );
  return { period, stewards };
}

/** Whether `account` is a member of the federation now, and through which listed communities (live checks). */
export async function federatedMemberOf(
  client: PublicClient,
  d: ChainDeployment,
  account: Address,
): Promise<{ isMember: boolean; communities: Address[] }> {
  const m = { address: contractAddress(d, "federatedMembership"), abi: federatedMembershipAbi } as const;
  const [isMember, communities] = await Promise.all([
    client.readContract({ ...m, functionName: "isMember", args: [account] }),
    client.readContract({ ...m, functionName: "memberCommunitiesOf", args: [account] }),
  ]);
  return { isMember, communities: [...communities] };
}
