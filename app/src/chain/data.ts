/**
 * The data layer: every read the screens make, in one module, so an indexer can replace it later
 * without touching a screen. Reads go over the chain's RPC with JSON-RPC batching (the transport
 * groups the many `eth_call`s of a screen into a few requests); event history is read with
 * `getLogs` in block ranges from the deployment record's block, because public RPCs cap ranges.
 * The screens call these through TanStack Query (src/chain/queries.ts), refreshed on new blocks.
 */
import { zeroAddress, type AbiEvent, type Address, type GetLogsReturnType, type Hex, type PublicClient } from "viem";

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
  const latest = await client.getBlockNumber();
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
  const current = new Set<Address>();
  const history = [...admitted, ...left, ...removed].sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : Number(a.blockNumber - b.blockNumber),
  );
  for (const log of history) {
    const account = (log.args as { account: Address }).account;
    if (log.eventName === "MemberAdmitted") current.add(account);
    else current.delete(account);
  }
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
  const logs = await logsInRanges(client, d, c.registry, eventOf(contributionRegistryAbi, "ContributionSubmitted"));
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
      };
    }),
  );
  return rows.reverse();
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
  return Promise.all(rounds.map((r, i) => roundSummary(client, r, i)));
}

export async function roundSummary(client: PublicClient, address: Address, index = -1): Promise<RoundSummary> {
  const [config, phase, pool, tallyWindowEnd, openClaimAt] = await Promise.all([
    client.readContract({ address, abi: roundAbi, functionName: "config" }),
    client.readContract({ address, abi: roundAbi, functionName: "phase" }),
    client.readContract({ address, abi: roundAbi, functionName: "pool" }),
    client.readContract({ address, abi: roundAbi, functionName: "tallyWindowEnd" }),
    client.readContract({ address, abi: roundAbi, functionName: "openClaimAt" }),
  ]);
  return {
    address,
    index,
    metadataURI: config.metadataURI,
    phase: PHASES[phase],
    pool,
    token: config.token,
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
}

export interface RoundDetail extends RoundSummary {
  projects: ProjectView[];
  totalIdealMatch: bigint;
  myFunding: bigint;
  isReviewer: boolean;
  isOperator: boolean;
  /** The latest block's timestamp (the chain's clock, not the browser's). */
  now: bigint;
}

export async function roundDetail(client: PublicClient, address: Address, account?: Address): Promise<RoundDetail> {
  const r = { address, abi: roundAbi } as const;
  const [s, count, totalIdealMatch, myFunding, block] = await Promise.all([
    roundSummary(client, address),
    client.readContract({ ...r, functionName: "projectCount" }),
    client.readContract({ ...r, functionName: "totalIdealMatch" }),
    account ? client.readContract({ ...r, functionName: "fundingOf", args: [account] }) : Promise.resolve(0n),
    client.getBlock(),
  ]);
  const finalised = s.phase === "finalised";
  const projects = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const id = BigInt(i + 1);
      const [p, idealMatch, match, mine] = await Promise.all([
        client.readContract({ ...r, functionName: "project", args: [id] }),
        client.readContract({ ...r, functionName: "idealMatchOf", args: [id] }),
        finalised ? client.readContract({ ...r, functionName: "matchOf", args: [id] }) : Promise.resolve(0n),
        account ? client.readContract({ ...r, functionName: "donationOf", args: [id, account] }) : Promise.resolve(0n),
      ]);
      return {
        id,
        owner: p.owner,
        recipient: p.recipient,
        status: PROJECT_STATUS[p.status],
        metadataURI: p.metadataURI,
        donations: p.sumContributions,
        sumRoots: p.sumRoots,
        idealMatch,
        match,
        paid: p.paid,
        approvals: p.approvals,
        rejections: p.rejections,
        removalVotes: p.removalVotes,
        myDonation: mine,
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

const ROOT_SCALE = 10n ** 18n;

/** The contract's ideal match: floor(sumRoots² / 1e18) − sumContributions, saturating at 0. */
export function idealMatch(sumRoots: bigint, sumContributions: bigint): bigint {
  const squared = (sumRoots * sumRoots) / ROOT_SCALE;
  return squared > sumContributions ? squared - sumContributions : 0n;
}

/** The project's estimated match if `donor` (who gave `already`) adds `amount`: the preview beside the cart. */
export function matchAfter(r: RoundDetail, p: ProjectView, already: bigint, amount: bigint): bigint {
  const roots = p.sumRoots + isqrt((already + amount) * ROOT_SCALE) - isqrt(already * ROOT_SCALE);
  const ideal = idealMatch(roots, p.donations + amount);
  const total = r.totalIdealMatch - p.idealMatch + ideal;
  return estimatedMatch(ideal, total, r.pool);
}

export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
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
  myLicence?: {
    id: bigint;
    class: (typeof LICENCE_CLASSES)[number];
    status: (typeof LICENCE_STATUS)[number];
    expiresAt: bigint;
    termsVersion: bigint;
  };
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
    const l = await client.readContract({ ...reg, functionName: "licence", args: [licenceId] });
    myLicence = {
      id: licenceId,
      class: LICENCE_CLASSES[l.licenceClass],
      status: LICENCE_STATUS[l.status],
      expiresAt: BigInt(l.expiresAt),
      termsVersion: BigInt(l.termsVersion),
    };
  }
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
  tranches: { amount: bigint; dueAt: bigint; paid: boolean }[];
  claimable: bigint;
}

export async function grantsOf(client: PublicClient, d: ChainDeployment, c: CommunitySummary): Promise<GrantView[]> {
  const fundingAddress = d.contracts.federationFunding?.address;
  if (!fundingAddress) return [];
  const f = { address: fundingAddress, abi: federationFundingAbi } as const;
  const count = await client.readContract({ ...f, functionName: "grantCount" });
  const all = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const id = BigInt(i + 1);
      const [g, tranches, claimable] = await Promise.all([
        client.readContract({ ...f, functionName: "getGrant", args: [id] }),
        client.readContract({ ...f, functionName: "getTranches", args: [id] }),
        client.readContract({ ...f, functionName: "claimable", args: [id] }),
      ]);
      return {
        id,
        funder: g.funder,
        beneficiary: g.beneficiary,
        recipient: g.recipient,
        tranches: tranches.map((t, k) => ({ amount: t.amount, dueAt: BigInt(t.dueAt), paid: k < g.nextTranche })),
        claimable: claimable[0],
      };
    }),
  );
  const me = c.timelock.toLowerCase();
  return all.filter((g) => g.funder.toLowerCase() === me || g.beneficiary.toLowerCase() === me);
}
