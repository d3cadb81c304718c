/**
 * Shared fixtures and helpers for the DAO part: the Communities Ignition module, community
 * configurations, and typed handles on a created community.
 */
import { ignition, ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { ContractTransactionResponse } from "ethers";

import CommunitiesModule from "../../deploy/modules/Communities";
import type { CommunityFile } from "../../scripts/lib/dao";
import type {
  CommunityFactory,
  CommunityGovernor,
  CommunityProfile,
  CommunityTimelock,
  ContributionToken,
} from "../../typechain-types";
import type { ICommunityFactory } from "../../typechain-types/contracts/factory/CommunityFactory";

export const Kind = { Bioregion: 0, Guild: 1 } as const;
export const Counting = { Simple: 0, Quadratic: 1 } as const;
export const Vote = { Against: 0, For: 1, Abstain: 2 } as const;
export const State = {
  Pending: 0n,
  Active: 1n,
  Canceled: 2n,
  Defeated: 3n,
  Succeeded: 4n,
  Queued: 5n,
  Expired: 6n,
  Executed: 7n,
} as const;

export const VOTING_DELAY = 60;
export const VOTING_PERIOD = 3600;
export const LATE_QUORUM_EXTENSION = 600;
export const TIMELOCK_DELAY = 1800;
export const EXPIRY_PERIOD = 30 * 24 * 3600;
export const QUORUM_PERCENT = 20n;
export const ZERO_HASH = ethers.ZeroHash;

export type CommunityConfig = ICommunityFactory.CommunityConfigStruct;

/** A configuration for a community; `overrides` replace top-level fields. */
export function communityConfig(
  kind: "bioregion" | "guild",
  counting: "simple" | "quadratic",
  overrides: Partial<CommunityConfig> = {},
): CommunityConfig {
  const bioregion = kind === "bioregion";
  return {
    identity: {
      kind: bioregion ? Kind.Bioregion : Kind.Guild,
      name: bioregion ? "Cascadia Watershed Commons" : "Natural Builders Guild",
      areaURI: bioregion ? "ipfs://bafy-cascadia-boundary.geojson" : "",
      areaHash: bioregion ? ethers.id("cascadia boundary") : ZERO_HASH,
      domain: bioregion ? "" : "natural building",
      charterURI: "ipfs://bafy-charter",
      charterHash: ethers.id("charter"),
    },
    symbol: bioregion ? "cCASC" : "cBUILD",
    counting: counting === "simple" ? Counting.Simple : Counting.Quadratic,
    governor: {
      votingDelay: VOTING_DELAY,
      votingPeriod: VOTING_PERIOD,
      // 10 tokens in simple mode; in quadratic mode weight units: sqrt(9e18) = 3e9.
      proposalThreshold: counting === "simple" ? ethers.parseEther("10") : 3_000_000_000n,
      quorumNumerator: QUORUM_PERCENT,
      lateQuorumExtension: LATE_QUORUM_EXTENSION,
    },
    timelockDelay: TIMELOCK_DELAY,
    openExecution: true,
    ...overrides,
  };
}

/**
 * The JSON file `dao:create` reads, for a simple-counting community with the timings above and a
 * threshold of 10 tokens; `overrides` replace top-level fields.
 */
export function communityFile(
  kind: "bioregion" | "guild",
  name: string,
  founders: { account: string; amount: string }[],
  overrides: Partial<CommunityFile> = {},
): CommunityFile {
  return {
    kind,
    name,
    symbol: `c${name.slice(0, 4).toUpperCase()}`,
    ...(kind === "bioregion"
      ? { area: { uri: `ipfs://${name.toLowerCase()}.geojson`, hash: ethers.id(name) } }
      : { domain: "natural building" }),
    charter: { uri: "ipfs://charter", hash: ethers.id("charter") },
    counting: "simple",
    governor: {
      votingDelay: VOTING_DELAY,
      votingPeriod: VOTING_PERIOD,
      proposalThreshold: "10",
      quorumPercent: Number(QUORUM_PERCENT),
      lateQuorumExtension: LATE_QUORUM_EXTENSION,
    },
    timelockDelay: TIMELOCK_DELAY,
    openExecution: true,
    founders,
    ...overrides,
  };
}

export interface Community {
  id: bigint;
  token: ContributionToken;
  governor: CommunityGovernor;
  timelock: CommunityTimelock;
  profile: CommunityProfile;
  addresses: ICommunityFactory.CommunityStructOutput;
}

/** Typed handles on community `id` of `factory`. */
export async function communityAt(factory: CommunityFactory, id: bigint): Promise<Community> {
  const c = await factory.getCommunity(id);
  return {
    id,
    token: await ethers.getContractAt("ContributionToken", c.token),
    governor: (await ethers.getContractAt("CommunityGovernor", c.governor)) as unknown as CommunityGovernor,
    timelock: await ethers.getContractAt("CommunityTimelock", c.timelock),
    profile: await ethers.getContractAt("CommunityProfile", c.profile),
    addresses: c,
  };
}

/** Creates a community and returns its handles and the creation transaction. */
export async function createCommunity(
  factory: CommunityFactory,
  config: CommunityConfig,
  founders: string[],
  amounts: bigint[],
): Promise<{ community: Community; tx: ContractTransactionResponse }> {
  const tx = await factory.createCommunity(config, founders, amounts);
  await tx.wait();
  const community = await communityAt(factory, await factory.communityCount());
  return { community, tx };
}

/** The suite's community implementations and factory, deployed through the Ignition module. */
export async function deployCommunitiesFixture() {
  const deployed = await ignition.deploy(CommunitiesModule);
  const factory = deployed.communityFactory as unknown as CommunityFactory;
  const signers = await ethers.getSigners();
  return { factory, deployed, signers };
}

export interface Proposal {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
  descriptionHash: string;
  id: bigint;
}

/** Builds a proposal and computes its id. */
export async function buildProposal(
  governor: CommunityGovernor,
  actions: { target: string; value?: bigint; data?: string }[],
  description: string,
): Promise<Proposal> {
  const targets = actions.map((a) => a.target);
  const values = actions.map((a) => a.value ?? 0n);
  const calldatas = actions.map((a) => a.data ?? "0x");
  const descriptionHash = ethers.id(description);
  const id = await governor.hashProposal(targets, values, calldatas, descriptionHash);
  return { targets, values, calldatas, description, descriptionHash, id };
}

/** Proposes `p` as `proposer`. */
export async function propose(governor: CommunityGovernor, proposer: HardhatEthersSigner, p: Proposal) {
  return governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description);
}

/** The arguments of `queue`, `execute` and `cancel` for proposal `p`. */
export const ops = (p: Proposal) => [p.targets, p.values, p.calldatas, p.descriptionHash] as const;

/** Proposes `p` as `proposer` and moves time until its vote is open. */
export async function openVote(governor: CommunityGovernor, proposer: HardhatEthersSigner, p: Proposal) {
  await propose(governor, proposer, p);
  await toVoting(governor, p.id);
}

/** Moves time to just after the vote snapshot (the proposal becomes Active). */
export async function toVoting(governor: CommunityGovernor, id: bigint): Promise<void> {
  await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
}

/** Moves time to just after the proposal's deadline. */
export async function toDeadline(governor: CommunityGovernor, id: bigint): Promise<void> {
  await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
}

export type { HardhatEthersSigner };

/** The salt OpenZeppelin's `GovernorTimelockControl` gives a proposal's timelock operation. */
export function timelockSalt(governor: string, descriptionHash: string): string {
  return ethers.toBeHex((BigInt(governor) << 96n) ^ BigInt(descriptionHash), 32);
}

/** The `expectedStates` bitmap of OpenZeppelin's `GovernorUnexpectedProposalState` error. */
export function stateBitmap(...states: bigint[]): string {
  return ethers.toBeHex(
    states.reduce((acc, s) => acc | (1n << s), 0n),
    32,
  );
}

/** EIP-712 types of a governor `Ballot` (castVoteBySig). */
export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

/** EIP-712 types of a governor `ExtendedBallot` (castVoteWithReasonAndParamsBySig). */
export const EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [...BALLOT_TYPES.Ballot, { name: "reason", type: "string" }, { name: "params", type: "bytes" }],
};

/** EIP-712 domain of a community governor. */
export async function governorDomain(governor: CommunityGovernor) {
  const { chainId } = await ethers.provider.getNetwork();
  return {
    name: await governor.name(),
    version: await governor.version(),
    chainId,
    verifyingContract: await governor.getAddress(),
  };
}
