/**
 * Custom errors in words.
 *
 * Any revert data is decoded by selector against every error of every compiled artifact (so an
 * error added to a contract tomorrow decodes without a change here). Then:
 *   - a known error gets its own sentence from `SENTENCES` (what is wrong, and what to do);
 *   - any other error gets a readable generic sentence that names it and its arguments: "Round
 *     refused: wrong phase (current: applications; required: donations)".
 * Arguments are rendered by their ABI type and name: enums by member name (read from the Solidity
 * sources of the artifacts, so new enums need no table), times as UTC dates relative to the chain's
 * clock, amounts in the current token's decimals, Governor state bitmaps and AccessControl roles by
 * name. The raw error (name, selector, arguments as decoded) stays available to `--json` and
 * `--verbose` through `revertDetails`.
 */
import fs from "node:fs";
import path from "node:path";

import { ErrorFragment, Interface, id as keccakText, type ParamType, type Result } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { chainNow, enumName, formatAmount, formatDuration, formatTime, shortId, words } from "./format";

/** The raw error, as `--json` and `--verbose` show it. */
export interface RevertDetails {
  error: string;
  selector: string;
  /** Arguments by name (or position), as decimal strings / hex. */
  args: Record<string, string>;
  data: string;
}

/** The unit amounts in errors are shown in (a task sets it once it knows the token). */
let amountUnit = { decimals: 18, symbol: "" };

/** Sets the token amounts in error sentences are expressed in (e.g. a round's USDC, 6 decimals). */
export function setAmountUnit(decimals: number, symbol: string): void {
  amountUnit = { decimals, symbol };
}

interface Catalogue {
  iface: Interface;
  /** "IRound.Phase" and "Phase" → member names. */
  enums: Map<string, string[]>;
  /** Contract names, longest first, to split an error's name into who refused and why. */
  contracts: string[];
  /** Each error's inputs' Solidity types ("enum IRound.Phase" ...), by selector (ethers drops them). */
  internalTypes: Map<string, string[]>;
}

let catalogue: Catalogue | undefined;

/** Enum definitions in a Solidity source: "Container.Name" → members. */
function enumsIn(source: string): [string, string[]][] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
  const found: [string, string[]][] = [];
  const containers = [...text.matchAll(/\b(?:contract|interface|library)\s+(\w+)/g)];
  for (const m of text.matchAll(/\benum\s+(\w+)\s*\{([^}]*)\}/g)) {
    const at = m.index ?? 0;
    const container = containers.filter((c) => (c.index ?? 0) < at).pop()?.[1];
    const members = m[2]
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    found.push([container ? `${container}.${m[1]}` : m[1], members]);
  }
  return found;
}

function sourceText(hre: HardhatRuntimeEnvironment, sourceName: string): string | undefined {
  const local = path.join(hre.config.paths.root, sourceName);
  if (fs.existsSync(local)) return fs.readFileSync(local, "utf8");
  try {
    return fs.readFileSync(require.resolve(sourceName, { paths: [hre.config.paths.root] }), "utf8");
  } catch {
    return undefined;
  }
}

async function load(hre: HardhatRuntimeEnvironment): Promise<Catalogue> {
  if (catalogue) return catalogue;
  const fragments = new Map<string, string>();
  const enums = new Map<string, string[]>();
  const sources = new Set<string>();
  const contracts = new Set<string>();
  for (const name of await hre.artifacts.getAllFullyQualifiedNames()) {
    const artifact = await hre.artifacts.readArtifact(name);
    contracts.add(artifact.contractName);
    sources.add(artifact.sourceName);
    for (const item of artifact.abi as { type: string; name?: string }[]) {
      if (item.type === "error") fragments.set(JSON.stringify(item), JSON.stringify(item));
    }
  }
  for (const s of sources) {
    const text = sourceText(hre, s);
    if (!text) continue;
    for (const [qualified, members] of enumsIn(text)) {
      enums.set(qualified, members);
      const short = qualified.split(".").pop() as string;
      if (!enums.has(short)) enums.set(short, members);
    }
  }
  // Governor and Timelock state enums, should their sources not be readable.
  enums.set(
    "IGovernor.ProposalState",
    enums.get("IGovernor.ProposalState") ?? [
      "Pending",
      "Active",
      "Canceled",
      "Defeated",
      "Succeeded",
      "Queued",
      "Expired",
      "Executed",
    ],
  );
  enums.set(
    "TimelockController.OperationState",
    enums.get("TimelockController.OperationState") ?? ["Unset", "Waiting", "Ready", "Done"],
  );
  // Errors with the same selector but different parameter names would make Interface ambiguous.
  const bySelector = new Map<string, object>();
  const internalTypes = new Map<string, string[]>();
  for (const f of fragments.values()) {
    const item = JSON.parse(f) as { inputs?: { internalType?: string }[] };
    const sel = ErrorFragment.from(item).selector;
    if (!bySelector.has(sel)) {
      bySelector.set(sel, item);
      internalTypes.set(
        sel,
        (item.inputs ?? []).map((i) => i.internalType ?? ""),
      );
    }
  }
  catalogue = {
    iface: new Interface([...bySelector.values()]),
    enums,
    contracts: [...contracts].sort((a, b) => b.length - a.length),
    internalTypes,
  };
  return catalogue;
}

/** The revert data carried by an error thrown by ethers or Hardhat, if any. */
export function revertData(e: unknown): string | undefined {
  const err = e as {
    data?: unknown;
    info?: { error?: { data?: unknown } };
    error?: { data?: unknown };
    cause?: unknown;
  };
  for (const d of [err?.data, err?.info?.error?.data, err?.error?.data]) {
    if (typeof d === "string" && /^0x[0-9a-fA-F]{8}/.test(d)) return d;
    if (d && typeof d === "object" && typeof (d as { data?: unknown }).data === "string") {
      const inner = (d as { data: string }).data;
      if (/^0x[0-9a-fA-F]{8}/.test(inner)) return inner;
    }
  }
  if (err?.cause && err.cause !== e) return revertData(err.cause);
  return undefined;
}

interface Decoded {
  name: string;
  selector: string;
  inputs: readonly ParamType[];
  args: Result;
  data: string;
}

async function decode(data: string, hre: HardhatRuntimeEnvironment): Promise<Decoded | undefined> {
  const { iface } = await load(hre);
  try {
    const parsed = iface.parseError(data);
    if (!parsed) return undefined;
    return { name: parsed.name, selector: parsed.selector, inputs: parsed.fragment.inputs, args: parsed.args, data };
  } catch {
    return undefined;
  }
}

function raw(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(raw).join(", ")}]`;
  return String(v);
}

/** The raw error of `e` (for `--json` and `--verbose`), or undefined when it carries none the suite knows. */
export async function revertDetails(e: unknown, hre: HardhatRuntimeEnvironment): Promise<RevertDetails | undefined> {
  const data = revertData(e);
  if (!data) return undefined;
  const d = await decode(data, hre);
  if (!d) return { error: "unknown", selector: data.slice(0, 10), args: {}, data };
  const args: Record<string, string> = {};
  d.inputs.forEach((p, i) => (args[p.name || String(i)] = raw(d.args[i])));
  return { error: d.name, selector: d.selector, args, data };
}

const STATE_ROLES = [
  "DEFAULT_ADMIN_ROLE",
  "MINTER_ROLE",
  "STEWARD_ROLE",
  "PROPOSER_ROLE",
  "EXECUTOR_ROLE",
  "CANCELLER_ROLE",
  "OPERATOR_ROLE",
  "REVIEWER_ROLE",
  "PUBLISHER_ROLE",
  "ADMIN_ROLE",
];

function roleName(role: string): string {
  if (/^0x0{64}$/.test(role)) return "admin";
  const hit = STATE_ROLES.find((r) => keccakText(r) === role.toLowerCase());
  return hit ? words(hit.replace(/_ROLE$/, "").toLowerCase()).replace(/_/g, " ") : `unnamed (${role.slice(0, 10)}…)`;
}

const TIME_NAME = /(At|deadline|Deadline|End|Start|now_|nowTime|timepoint|clock|Time|eta)$/;
const AMOUNT_NAME =
  /^(amount|balance|needed|sent|expected|received|fee|maxFee|minimum|value|allowance|due|owed|cap|pool)$/i;

interface Ctx {
  /** The error's name. */
  error: string;
  now: bigint;
  hre: HardhatRuntimeEnvironment;
  enums: Map<string, string[]>;
}

/** One argument in words, by its ABI type and name. */
function argText(p: ParamType, v: unknown, ctx: Ctx, internal = ""): string {
  if (internal.startsWith("enum ")) {
    const qualified = internal.slice(5);
    const names = ctx.enums.get(qualified) ?? ctx.enums.get(qualified.split(".").pop() as string);
    return names ? words(enumName(names, v as bigint)) : `option ${v}`;
  }
  if (p.type === "bytes32") {
    const s = String(v);
    if (/expectedStates/i.test(p.name)) {
      return stateSet(
        s,
        ctx,
        ctx.error.startsWith("Timelock") ? "TimelockController.OperationState" : "IGovernor.ProposalState",
      );
    }
    if (/role/i.test(p.name)) return roleName(s);
    return `${s.slice(0, 10)}…`;
  }
  if (p.baseType === "array")
    return (v as unknown[]).map((x) => argText(p.arrayChildren as ParamType, x, ctx)).join(", ");
  if (p.type.startsWith("uint") || p.type.startsWith("int")) {
    const n = v as bigint;
    if (TIME_NAME.test(p.name)) return formatTime(n, ctx.now);
    if (/bps$/i.test(p.name)) return `${Number(n) / 100} %`;
    if (/(delay|period|window|duration)$/i.test(p.name)) return formatDuration(n);
    if (AMOUNT_NAME.test(p.name)) return formatAmount(n, amountUnit.decimals, amountUnit.symbol);
    if (/proposalId$/i.test(p.name)) return shortId(n);
    return n.toString();
  }
  return String(v);
}

/** A bitmap of enum values (Governor's expected states) as names: "active or succeeded". */
function stateSet(bitmap: string, ctx: Ctx, enumKey: string): string {
  const names = ctx.enums.get(enumKey) ?? [];
  const bits = BigInt(bitmap);
  const set = names.filter((_, i) => (bits >> BigInt(i)) & 1n).map(words);
  return set.length ? set.join(" or ") : "none";
}

type Args = Record<string, string>;
type Sentence = (a: Args, raw: Result) => string;

/**
 * Known errors: a sentence that says what is wrong and what to do. Arguments come already in words
 * (`a.name`); `raw` has the decoded values. Errors not listed here get the generic sentence.
 */
const SENTENCES: Record<string, Sentence> = {
  // Quadratic funding rounds
  RoundWrongPhase: (a) =>
    `The round is in its ${a.current} phase, and this needs the ${a.required} phase; see the schedule with qf:status.`,
  RoundBelowMinimum: (a) => `The donation of ${a.amount} is below the round's minimum of ${a.minimum}.`,
  RoundNotOperator: (a) => `Only the round's operator may do this, and ${a.account} is not it.`,
  RoundNotReviewer: (a) => `${a.account} is not a reviewer of this round.`,
  RoundAlreadyReviewed: (a) => `${a.reviewer} has already reviewed project ${a.projectId}.`,
  RoundProjectNotApproved: (a) =>
    `Project ${a.projectId} is ${a.status}, not approved: only approved projects take donations and payouts.`,
  RoundProjectClosed: (a) => `Project ${a.projectId} is ${a.status}; it cannot be reviewed again.`,
  RoundUnknownProject: (a) => `There is no project ${a.projectId} in this round; list them with qf:status.`,
  RoundIneligibleDonor: (a) =>
    `${a.donor} may not donate to this round (not on its allowlist or not a member); check the round's eligibility.`,
  RoundNothingToRefund: (a) => `${a.donor} has nothing to take back from project ${a.projectId}.`,
  RoundNothingToReclaim: (a) => `${a.funder} has no matching funds to take back from this round.`,
  RoundAlreadyPaid: (a) => `Project ${a.projectId} has already been paid.`,
  RoundWrongValue: (a) => `The transaction sent ${a.sent} but should send exactly ${a.expected}.`,
  RoundZeroAmount: () => `The amount must be more than zero.`,
  RoundNotRefundable: (a) =>
    `Project ${a.projectId} is ${a.status}: refunds are for removed projects and cancelled rounds.`,
  // Contributions
  ContributionRegistryNotClaimable: (a) =>
    `The contribution ${a.id} cannot be claimed yet: its challenge window ends at ${a.claimableAt}; claim it then.`,
  ContributionRegistryChallengeWindowClosed: (a) =>
    `The challenge window of contribution ${a.id} closed at ${a.claimableAt}; it can no longer be challenged.`,
  ContributionRegistryNotMember: (a) =>
    `${a.account} is not a member of this community; ask members to endorse you, or governance to admit you.`,
  ContributionRegistryNotSteward: (a) => `${a.signer} is not a steward of this community.`,
  ContributionRegistrySelfAttestation: (a) =>
    `${a.attestor} submitted contribution ${a.id} and cannot attest it: ask another member.`,
  ContributionRegistryAlreadyAttested: (a) => `${a.attestor} has already attested contribution ${a.id}.`,
  ContributionRegistryWrongStatus: (a) =>
    `Contribution ${a.id} is ${a.status}, which does not allow this; see it with contrib:status.`,
  ContributionRegistryUnknownContribution: (a) => `There is no contribution ${a.id}; see contrib:status.`,
  ContributionRegistryUnknownKind: (a) =>
    `There is no kind ${a.kind}: this community has ${a.kindCount} kind(s); see contrib:status.`,
  ContributionRegistryNotContributor: (a) =>
    `Only the contributor ${a.contributor} may claim this contribution, not ${a.caller}.`,
  ContributionRegistryExpired: (a) => `The signature expired at ${a.deadline}; ask for a new one.`,
  ContributionTokenNonTransferable: () =>
    `Contribution tokens cannot be transferred: they record who contributed. Delegate your votes instead.`,
  EpochAllocationsClaimClosed: (a) => `Claims for epoch ${a.epoch} closed at ${a.deadline}.`,
  EpochAllocationsAlreadyClaimed: (a) => `Allocation ${a.index} of epoch ${a.epoch} has already been claimed.`,
  // Governance
  GovernorUnexpectedProposalState: (a) =>
    `Proposal ${a.proposalId} is ${a.current}, and this needs it to be ${a.expectedStates}; see its schedule with dao:proposals.`,
  GovernorInsufficientProposerVotes: (a) =>
    `${a.proposer} has ${a.votes} votes and proposing needs ${a.threshold}; earn contribution tokens or ask a delegate to propose.`,
  GovernorAlreadyCastVote: (a) => `${a.voter} has already voted on this proposal.`,
  GovernorNonexistentProposal: (a) => `There is no proposal ${a.proposalId}; list them with dao:proposals.`,
  GovernorInvalidSignature: (a) => `The vote signature is not ${a.voter}'s (or was made for another nonce).`,
  GovernorOnlyExecutor: (a) => `Only the community's timelock can do this, not ${a.account}: propose it instead.`,
  GovernorRestrictedProposer: (a) => `${a.proposer} may not submit this proposal.`,
  TimelockUnexpectedOperationState: (a) =>
    `The timelock operation ${a.operationId} is not ${a.expectedStates} yet (or any more); ` +
    `a queued proposal can execute once its delay has passed: see when with dao:proposals.`,
  TimelockInsufficientDelay: (a) => `The delay ${a.delay} is shorter than the timelock's minimum ${a.minDelay}.`,
  FailedCall: () =>
    `A call made by the transaction failed without a reason: for a proposal, an action failed (often the treasury ` +
    `holds less than it pays out; see dao:info and add funds with dao:deposit).`,
  InsufficientBalance: (a) => `The balance is ${a.balance} and this needs ${a.needed}; add funds first.`,
  // Tokens and access
  ERC20InsufficientBalance: (a) => `${a.sender} has ${a.balance} and this needs ${a.needed}.`,
  ERC20InsufficientAllowance: (a) =>
    `${a.spender} may take only ${a.allowance} and this needs ${a.needed}; approve a larger amount.`,
  AccessControlUnauthorizedAccount: (a) =>
    `${a.account} lacks the ${a.neededRole} role this needs; ask the community's governance.`,
  // Membership and membrane
  MembershipAlreadyMember: (a) => `${a.account} is already a member.`,
  MembershipNotMember: (a) => `${a.account} is not a member of this community.`,
  MembershipAlreadyEndorsed: (a) => `${a.endorser} has already endorsed ${a.nominee}.`,
  MembraneNothingToClaim: (a) => `${a.account} has nothing to claim in ${a.asset} from the membrane.`,
  MembraneEpochTooShort: (a) => `The membrane's next epoch can close at ${a.openableAt}; try again then.`,
  // Licensing
  LicenceRegistryWrongValue: (a) => `The transaction sent ${a.sent} but the licence fee is ${a.expected}.`,
  LicenceRegistryWrongStatus: (a) => `Licence ${a.licenceId} is ${a.status}, which does not allow this.`,
  LicenceRegistryNotSteward: (a) => `${a.caller} is not the steward of work ${a.workId}.`,
  LicenceRegistryNotLicensee: (a) => `${a.caller} is not the licensee of licence ${a.licenceId}.`,
  LicenceRegistryUnknownWork: (a) => `There is no work ${a.workId}; see lic:verify.`,
  LicenceRegistryUnknownLicence: (a) => `There is no licence ${a.licenceId}.`,
  LicenceRegistryAnswerWindowOpen: (a) =>
    `The steward may still answer licence ${a.licenceId} until ${a.deadline}; wait until then.`,
  LicenceRegistryAnswerWindowClosed: (a) => `The answer window of licence ${a.licenceId} closed at ${a.deadline}.`,
  // Federation
  FederationFundingNothingDue: (a) =>
    `Nothing is due yet on grant ${a.grantId}: the next tranche is due at ${a.nextDueAt}.`,
  FederationRegistryNotAffiliated: (a) => `${a.a} and ${a.b} are not affiliated.`,
};

/** Who refused, from the error's name: "RoundWrongPhase" → ["Round", "wrong phase"]. */
function split(name: string, contracts: string[]): [string, string] {
  const prefixes = [...contracts, "Governor", "Timelock", "AccessControl", "Membership", "Membrane", "ERC20", "ECDSA"];
  const hit = prefixes.find((c) => name.startsWith(c) && name.length > c.length && /[A-Z]/.test(name[c.length]));
  if (!hit) return ["The contract", words(name)];
  return [hit.replace(/([a-z])([A-Z])/g, "$1 $2"), words(name.slice(hit.length))];
}

/**
 * A revert in words (see the module notes), or undefined when `e` carries no revert data the suite
 * knows.
 */
export async function renderRevert(e: unknown, hre: HardhatRuntimeEnvironment): Promise<string | undefined> {
  const data = revertData(e);
  if (!data) return undefined;
  const d = await decode(data, hre);
  if (!d) return undefined;
  const { enums, contracts, internalTypes } = await load(hre);
  const solidityTypes = internalTypes.get(d.selector) ?? [];
  let now: bigint;
  try {
    now = await chainNow(hre);
  } catch {
    now = BigInt(Math.floor(Date.now() / 1000));
  }
  const ctx: Ctx = { error: d.name, now, hre, enums };
  const a: Args = {};
  d.inputs.forEach((p, i) => {
    const text = argText(p, d.args[i], ctx, solidityTypes[i]);
    a[p.name || String(i)] = text;
  });
  const known = SENTENCES[d.name];
  if (known) return known(a, d.args);
  const [who, what] = split(d.name, contracts);
  const detail = d.inputs.map((p, i) => `${words(p.name || `argument ${i}`)}: ${a[p.name || String(i)]}`).join("; ");
  const sentence = `${who} refused: ${what}${detail ? ` (${detail})` : ""}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
