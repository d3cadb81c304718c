/**
 * What the `dao:*` tasks share: reading a community's JSON description, the square root that turns
 * tokens into quadratic weight, finding a community and a signer, rebuilding a proposal from its
 * `ProposalCreated` event, and the EIP-712 ballot a member signs to vote without gas.
 */
import { id as keccakText, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type {
  CommunityGovernor,
  CommunityMembership,
  CommunityProfile,
  CommunityTimelock,
  ContributionToken,
} from "../../typechain-types";
import { parseAddress, parseAmount, parseBytes32, parseChoice, parseHalfLife, parseSigner, parseUint } from "./args";
import { TaskInputError } from "./errors";
import { isqrt } from "./math";
import { requireNamed } from "./record";
import { BALLOT_TYPES, EXTENDED_BALLOT_TYPES, forEthers } from "./typed-data";

/** Contribution tokens have 18 decimals. */
export const TOKEN_DECIMALS = 18;

export const KINDS = ["bioregion", "guild"] as const;
export const COUNTINGS = ["simple", "quadratic"] as const;
export const SUPPORTS = ["against", "for", "abstain"] as const;
export const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];

/** Proposal threshold in the governor's units: tokens (simple) or the weight of that many tokens (quadratic). */
export function thresholdUnits(tokens: bigint, counting: (typeof COUNTINGS)[number]): bigint {
  return counting === "quadratic" ? isqrt(tokens) : tokens;
}

/** The JSON file `dao:create` reads (amounts in tokens, as decimal strings). */
export interface CommunityFile {
  kind: string;
  name: string;
  symbol: string;
  area?: { uri: string; hash: string };
  domain?: string;
  charter: { uri: string; hash: string };
  counting: string;
  governor: {
    votingDelay: number;
    votingPeriod: number;
    proposalThreshold: string;
    quorumPercent: number;
    lateQuorumExtension: number;
  };
  timelockDelay: number;
  openExecution: boolean;
  founders: { account: string; amount: string }[];
  accounting?: {
    endorsementThreshold?: number;
    stewards?: string[];
    attestationThreshold?: number;
    challengeWindow?: number;
    kinds?: { name: string; valuePerUnit: string }[];
    membraneTreasuryShareBps?: number;
    /** Recency: "off" (default), or the time in which a contribution's weight halves, e.g. "90d". */
    halfLife?: string | number;
  };
}

const ZERO_HASH = `0x${"0".repeat(64)}`;

function requireField<T>(value: T | undefined | null, field: string): T {
  if (value === undefined || value === null || value === "") {
    throw new TaskInputError(`--file: "${field}" is required`);
  }
  return value;
}

/** Validates a community file and turns it into the factory's arguments. */
export function parseCommunityFile(f: CommunityFile) {
  const kind = parseChoice(f.kind, KINDS, "file: kind");
  const counting = parseChoice(f.counting, COUNTINGS, "file: counting");
  const name = requireField(f.name, "name");
  const symbol = requireField(f.symbol, "symbol");
  const charter = requireField(f.charter, "charter");
  const g = requireField(f.governor, "governor");
  const bioregion = kind === "bioregion";
  if (bioregion && !f.area) throw new TaskInputError(`--file: a bioregion needs "area": { "uri", "hash" }`);
  if (!bioregion && !f.domain) throw new TaskInputError(`--file: a guild needs "domain" (its domain of practice)`);
  const founders = requireField(f.founders, "founders");
  if (!Array.isArray(founders) || founders.length === 0) {
    throw new TaskInputError(`--file: "founders" must list at least one { "account", "amount" }`);
  }
  const threshold = parseAmount(String(g.proposalThreshold ?? "0"), TOKEN_DECIMALS, "file: governor.proposalThreshold");
  const config = {
    identity: {
      kind: bioregion ? 0 : 1,
      name,
      areaURI: bioregion ? requireField(f.area?.uri, "area.uri") : "",
      areaHash: bioregion ? parseBytes32(f.area?.hash, "file: area.hash") : ZERO_HASH,
      domain: bioregion ? "" : (f.domain as string),
      charterURI: requireField(charter.uri, "charter.uri"),
      charterHash: parseBytes32(charter.hash, "file: charter.hash"),
    },
    symbol,
    counting: counting === "simple" ? 0 : 1,
    governor: {
      votingDelay: parseUint(g.votingDelay, "file: governor.votingDelay"),
      votingPeriod: parseUint(g.votingPeriod, "file: governor.votingPeriod"),
      proposalThreshold: thresholdUnits(threshold, counting),
      quorumNumerator: parseUint(g.quorumPercent, "file: governor.quorumPercent"),
      lateQuorumExtension: parseUint(g.lateQuorumExtension, "file: governor.lateQuorumExtension"),
    },
    timelockDelay: parseUint(f.timelockDelay, "file: timelockDelay"),
    openExecution: Boolean(f.openExecution),
  };
  const a = f.accounting ?? {};
  const accounting = {
    endorsementThreshold: BigInt(a.endorsementThreshold ?? 0),
    stewards: (a.stewards ?? []).map((s, i) => parseAddress(s, `file: accounting.stewards[${i}]`)),
    attestationThreshold: BigInt(a.attestationThreshold ?? 2),
    challengeWindow: BigInt(a.challengeWindow ?? 3 * 24 * 3600),
    kinds: (a.kinds ?? []).map((k, i) => ({
      name: requireField(k.name, `accounting.kinds[${i}].name`),
      valuePerUnit: parseAmount(String(k.valuePerUnit), TOKEN_DECIMALS, `file: accounting.kinds[${i}].valuePerUnit`),
    })),
    membraneTreasuryShareBps: Number(a.membraneTreasuryShareBps ?? 5000),
    halfLife: parseHalfLife(a.halfLife ?? 0, "file: accounting.halfLife"),
  };
  return {
    kind,
    counting,
    config,
    accounting,
    founders: founders.map((x, i) => parseAddress(x.account, `file: founders[${i}].account`)),
    amounts: founders.map((x, i) => parseAmount(String(x.amount), TOKEN_DECIMALS, `file: founders[${i}].amount`)),
  };
}

export interface CommunityHandles {
  name: string;
  counting: "simple" | "quadratic";
  block: number;
  governor: CommunityGovernor;
  timelock: CommunityTimelock;
  token: ContributionToken;
  profile: CommunityProfile;
  membership: CommunityMembership;
  addresses: Record<string, string>;
}

/** The community recorded under `name`, with typed contracts. */
export async function loadCommunity(
  hre: HardhatRuntimeEnvironment,
  name: string | undefined,
): Promise<CommunityHandles> {
  if (!name) throw new TaskInputError(`--community is required (the name given to dao:create)`);
  const entry = await requireNamed(hre, "community", name);
  const at = async <T>(contract: string, key: string) =>
    (await hre.ethers.getContractAt(contract, String(entry[key]))) as unknown as T;
  const addresses: Record<string, string> = {};
  for (const k of ["token", "membership", "registry", "epochs", "governor", "timelock", "profile", "membrane"]) {
    if (entry[k]) addresses[k] = String(entry[k]);
  }
  return {
    name,
    counting: entry.counting === "quadratic" ? "quadratic" : "simple",
    block: Number(entry.block ?? 0),
    governor: await at<CommunityGovernor>("CommunityGovernor", "governor"),
    timelock: await at<CommunityTimelock>("CommunityTimelock", "timelock"),
    token: await at<ContributionToken>("ContributionToken", "token"),
    profile: await at<CommunityProfile>("CommunityProfile", "profile"),
    membership: await at<CommunityMembership>("CommunityMembership", "membership"),
    addresses,
  };
}

/** The account that acts: `--from` (a keystore name, an address, or an index on a local chain; see accounts.ts). */
export async function pickSigner(hre: HardhatRuntimeEnvironment, which: string | undefined): Promise<Signer> {
  return parseSigner(hre, which, "from");
}

export interface StoredProposal {
  id: bigint;
  proposer: string;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
  descriptionHash: string;
  voteStart: bigint;
  voteEnd: bigint;
}

/** Every proposal of a governor, rebuilt from its `ProposalCreated` events. */
export async function listProposals(c: CommunityHandles): Promise<StoredProposal[]> {
  const events = await c.governor.queryFilter(c.governor.filters.ProposalCreated(), c.block);
  return events.map((e) => {
    const a = e.args;
    return {
      id: a.proposalId,
      proposer: a.proposer,
      targets: [...a.targets],
      // `a.values` is the Result's own method; the event's `values` field is the fourth argument.
      values: [...(a[3] as bigint[])],
      calldatas: [...a.calldatas],
      description: a.description,
      descriptionHash: keccakText(a.description),
      voteStart: a.voteStart,
      voteEnd: a.voteEnd,
    };
  });
}

/**
 * Short references: the row number `dao:proposals` prints ("1", "2" ...). Proposal ids are 256-bit
 * hashes, so a number this small is never one.
 */
const MAX_REF = 1_000_000n;

/** One proposal, by its row number in `dao:proposals` or its full id, or an error listing them. */
export async function findProposal(c: CommunityHandles, idText: string | undefined): Promise<StoredProposal> {
  const id = parseUint(idText, "proposal");
  const all = await listProposals(c);
  const p = id > 0n && id < MAX_REF ? all[Number(id) - 1] : all.find((x) => x.id === id);
  if (!p) {
    throw new TaskInputError(
      `no proposal ${id} in ${c.name}; ` +
        (all.length ? `there are ${all.length}: refer to them as 1 to ${all.length} (see dao:proposals)` : "none yet"),
    );
  }
  return p;
}

/**
 * The EIP-712 domain, types and message of a governor's `Ballot` (what `castVoteBySig` checks), or,
 * with a reason, of its `ExtendedBallot` (`castVoteWithReasonAndParamsBySig`, params empty).
 */
export async function ballotTypedData(
  hre: HardhatRuntimeEnvironment,
  governor: CommunityGovernor,
  proposalId: bigint,
  support: number,
  voter: string,
  reason?: string,
) {
  const { chainId } = await hre.ethers.provider.getNetwork();
  const domain = {
    name: await governor.name(),
    version: await governor.version(),
    chainId,
    verifyingContract: await governor.getAddress(),
  };
  const nonce = await governor.nonces(voter);
  if (reason === undefined)
    return { domain, types: forEthers(BALLOT_TYPES), message: { proposalId, support, voter, nonce } };
  const extended = forEthers(EXTENDED_BALLOT_TYPES);
  return { domain, types: extended, message: { proposalId, support, voter, nonce, reason, params: "0x" } };
}
