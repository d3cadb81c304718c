/**
 * The federation's proposal building blocks, shared by the `fed:*` tasks, the story test and the
 * demo: the calls a community's governance makes to the registry and the escrow, and the
 * fractional split of a community's votes in another community's governor.
 */
import { Interface, solidityPacked } from "ethers";

import { TaskInputError } from "./errors";
import { forEthers, JOIN_TYPES as TYPED_JOIN } from "./typed-data";

/** A call a proposal makes (target, value, calldata). */
export interface ProposalAction {
  target: string;
  value: bigint;
  data: string;
}

/** `support` value of a fractional vote in OpenZeppelin's GovernorCountingFractional. */
export const VOTE_FRACTIONAL = 255;

const registryAbi = new Interface([
  "function affiliate(address counterpart)",
  "function leave(address counterpart)",
  "function vouch(address community)",
  "function withdrawRecognition(address community)",
]);
const fundingAbi = new Interface([
  "function fund(address beneficiary, address recipient, address token, (uint128 amount, uint64 dueAt)[] tranches, string purposeURI)",
]);
const erc20Abi = new Interface(["function approve(address spender, uint256 amount)"]);
const governorAbi = new Interface([
  "function castVoteWithReasonAndParams(uint256 proposalId, uint8 support, string reason, bytes params)",
]);

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/** The action that proposes (or accepts) an affiliation with `counterpart`. */
export function affiliateAction(registry: string, counterpart: string): ProposalAction {
  return { target: registry, value: 0n, data: registryAbi.encodeFunctionData("affiliate", [counterpart]) };
}

/** The action that ends (or withdraws) an affiliation with `counterpart`. */
export function leaveAction(registry: string, counterpart: string): ProposalAction {
  return { target: registry, value: 0n, data: registryAbi.encodeFunctionData("leave", [counterpart]) };
}

/** The action by which a recognised community's governance vouches for `community` (recognising it). */
export function vouchAction(registry: string, community: string): ProposalAction {
  return { target: registry, value: 0n, data: registryAbi.encodeFunctionData("vouch", [community]) };
}

/** The action that withdraws the recognition of `community` (by its voucher, or by itself). */
export function withdrawRecognitionAction(registry: string, community: string): ProposalAction {
  return { target: registry, value: 0n, data: registryAbi.encodeFunctionData("withdrawRecognition", [community]) };
}

/** EIP-712 types of a signed listing in the federated membership view (`joinWithSignature`). */
export const JOIN_TYPES = forEthers(TYPED_JOIN);

export interface Tranche {
  amount: bigint;
  dueAt: bigint;
}

/**
 * The actions that escrow a grant: for native currency one `fund` call carrying the total; for an
 * ERC-20 an `approve` of the escrow followed by `fund`.
 */
export function fundActions(
  funding: string,
  beneficiary: string,
  recipient: string,
  token: string,
  tranches: Tranche[],
  purposeURI: string,
): ProposalAction[] {
  const total = tranches.reduce((s, t) => s + t.amount, 0n);
  const native = token === ZERO_ADDRESS;
  const fund: ProposalAction = {
    target: funding,
    value: native ? total : 0n,
    data: fundingAbi.encodeFunctionData("fund", [beneficiary, recipient, token, tranches, purposeURI]),
  };
  if (native) return [fund];
  return [{ target: token, value: 0n, data: erc20Abi.encodeFunctionData("approve", [funding, total]) }, fund];
}

export interface Tally {
  against: bigint;
  for: bigint;
  abstain: bigint;
}

/**
 * Splits `weight` (a community's votes in another governor) in proportion to its own members'
 * `tally`. Each share is rounded down; the wei left by rounding go to the largest share, so the
 * whole weight is used and no share exceeds its exact proportion by more than 2 wei.
 */
export function fractionalSplit(weight: bigint, tally: Tally): Tally {
  const total = tally.against + tally.for + tally.abstain;
  if (total === 0n) throw new Error("nobody voted in the poll: there is no split to mirror");
  const split: Tally = {
    against: (weight * tally.against) / total,
    for: (weight * tally.for) / total,
    abstain: (weight * tally.abstain) / total,
  };
  const rest = weight - split.against - split.for - split.abstain;
  const largest = (["for", "against", "abstain"] as const).reduce((a, b) => (tally[b] > tally[a] ? b : a));
  split[largest] += rest;
  return split;
}

/** GovernorCountingFractional params: against, for, abstain as three packed uint128. */
export function fractionalParams(split: Tally): string {
  return solidityPacked(["uint128", "uint128", "uint128"], [split.against, split.for, split.abstain]);
}

/** The action that casts a community's fractional vote on `proposalId` in `governor`. */
export function fractionalVoteAction(
  governor: string,
  proposalId: bigint,
  split: Tally,
  reason: string,
): ProposalAction {
  return {
    target: governor,
    value: 0n,
    data: governorAbi.encodeFunctionData("castVoteWithReasonAndParams", [
      proposalId,
      VOTE_FRACTIONAL,
      reason,
      fractionalParams(split),
    ]),
  };
}

/** Decodes fractional params back into a split (for display and checks). */
export function decodeFractionalParams(params: string): Tally {
  const hex = params.startsWith("0x") ? params.slice(2) : params;
  if (hex.length !== 96) throw new Error(`fractional params must be 48 bytes, got ${hex.length / 2}`);
  const word = (i: number) => BigInt(`0x${hex.slice(i * 32, i * 32 + 32)}`);
  return { against: word(0), for: word(1), abstain: word(2) };
}

/** A due time: unix seconds, an ISO date, or "+<n><unit>" after `now`. */
export function parseDue(value: string | number, now: bigint, label: string): bigint {
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return BigInt(text);
  const rel = /^\+(\d+)([smhdw])$/.exec(text);
  if (rel) {
    const unit = { s: 1n, m: 60n, h: 3600n, d: 86_400n, w: 604_800n }[rel[2] as "s" | "m" | "h" | "d" | "w"];
    return now + BigInt(rel[1]) * unit;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new TaskInputError(`${label} "${text}" is not a time (unix seconds, an ISO date, or +30d from now)`);
  }
  return BigInt(Math.floor(ms / 1000));
}
