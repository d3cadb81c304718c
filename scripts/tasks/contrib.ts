/**
 * Tasks for members and stewards of a community's contribution accounting:
 *   contrib:submit, contrib:attest (on-chain, --sign-only, or relaying a signature), contrib:challenge,
 *   contrib:resolve, contrib:claim, contrib:epoch-publish, contrib:epoch-claim, contrib:voucher-sign,
 *   contrib:voucher-redeem, contrib:steward-budget, contrib:status, and contrib:dev-community (a community
 *   for local use).
 * Every task takes `--community <name>` (recorded by `dao:create` or `contrib:dev-community`) and
 * `--from <address or account index>` (default: the first account).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { formatUnits, getAddress, isAddress, keccak256, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import {
  parseAddress,
  parseAmount,
  parseBytes32,
  parseChoice,
  parseSigner,
  parseUint,
  readJsonFile,
} from "../lib/args";
import { createCommunityClones, type KindSpecInput } from "../lib/community";
import {
  ATTESTATION_TYPES,
  VOUCHER_TYPES,
  attestationOf,
  allocationTree,
  epochTreeFile,
  readAllocations,
  type AttestationFile,
  type EpochLeaf,
  type EpochTreeFile,
  type VoucherFile,
} from "../lib/contributions";
import { TaskInputError } from "../lib/errors";
import { formatHalfLife } from "../lib/format";
import { recordNamed, requireContract, requireNamed } from "../lib/record";
import { cosmoTask, type TaskArgs } from "../lib/task";
import type {
  CommunityMembership,
  ContributionRegistry,
  ContributionToken,
  EpochAllocations,
} from "../../typechain-types";

const DECIMALS = 18;
const STATUS = ["none", "pending", "challenged", "cleared", "rejected", "claimed"] as const;

interface CommunityArgs extends TaskArgs {
  community: string;
  from?: string;
}

interface Community {
  signer: Signer;
  from: string;
  token: ContributionToken;
  membership: CommunityMembership;
  registry: ContributionRegistry;
  epochs: EpochAllocations;
}

/** The account a task acts as: an address among the configured accounts, or an index. */
async function signerFrom(hre: HardhatRuntimeEnvironment, from: string | undefined): Promise<Signer> {
  return parseSigner(hre, from, "from");
}

/** The community's contracts, connected to the `--from` account. */
async function openCommunity(hre: HardhatRuntimeEnvironment, args: CommunityArgs): Promise<Community> {
  if (!args.community) throw new TaskInputError("--community is required (a community name)");
  const entry = await requireNamed(hre, "community", args.community);
  const signer = await signerFrom(hre, args.from);
  const field = (key: string): string => {
    const v = entry[key];
    if (typeof v !== "string" || !isAddress(v)) {
      throw new TaskInputError(`community "${args.community}" has no ${key} address in the deployment record`);
    }
    return v;
  };
  const at = async <T>(name: string, key: string) =>
    (await hre.ethers.getContractAt(name, field(key), signer)) as unknown as T;
  return {
    signer,
    from: await signer.getAddress(),
    token: await at<ContributionToken>("ContributionToken", "token"),
    membership: await at<CommunityMembership>("CommunityMembership", "membership"),
    registry: await at<ContributionRegistry>("ContributionRegistry", "registry"),
    epochs: await at<EpochAllocations>("EpochAllocations", "epochs"),
  };
}

/** A kind given by number or by name. */
async function resolveKind(registry: ContributionRegistry, kind: string | undefined): Promise<bigint> {
  if (kind === undefined || kind === "") throw new TaskInputError("--kind is required (a kind's number or name)");
  const count = await registry.kindCount();
  if (/^\d+$/.test(kind)) return BigInt(kind);
  const names: string[] = [];
  for (let i = 0n; i < count; i++) {
    const k = await registry.getKind(i);
    if (k.name.toLowerCase() === kind.toLowerCase()) return i;
    names.push(k.name);
  }
  throw new TaskInputError(`--kind "${kind}" is not a kind of this community; kinds: ${names.join(", ") || "none"}`);
}

async function chainIdOf(hre: HardhatRuntimeEnvironment): Promise<bigint> {
  return (await hre.ethers.provider.getNetwork()).chainId;
}

async function domainOf(registry: ContributionRegistry) {
  const d = await registry.eip712Domain();
  return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
}

async function now(hre: HardhatRuntimeEnvironment): Promise<bigint> {
  const block = await hre.ethers.provider.getBlock("latest");
  return BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
}

function tokens(amount: bigint): string {
  return formatUnits(amount, DECIMALS);
}

function writeJson(file: string, data: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

const withCommunity = (t: Parameters<Parameters<typeof cosmoTask>[2]>[0]) =>
  t
    .addParam("community", "Community name (as recorded by dao:create or contrib:dev-community)")
    .addOptionalParam("from", "Account to act as: an address or an account index (default: the first account)");

// ------------------------------------------------------------------------------------------------

interface DevCommunityArgs extends TaskArgs {
  name: string;
  symbol?: string;
  governance?: string;
  founders?: string;
  founderCredit?: string;
  stewards?: string;
  endorsements?: string;
  threshold?: string;
  window?: string;
  kinds?: string;
}

const DEFAULT_KINDS = "care=10,code=25,design=20,physical production=15,stewardship=10";

function parseAddressList(value: string | undefined, label: string): string[] {
  if (value === undefined || value.trim() === "") return [];
  return value.split(",").map((a) => parseAddress(a.trim(), label));
}

function parseKinds(value: string): KindSpecInput[] {
  return value.split(",").map((pair) => {
    const [name, amount] = pair.split("=").map((s) => s.trim());
    if (!name || amount === undefined) throw new TaskInputError(`--kinds "${pair}" must be name=value`);
    return { name, valuePerUnit: parseAmount(amount, DECIMALS, `kinds (${name})`) };
  });
}

cosmoTask<DevCommunityArgs>(
  "contrib:dev-community",
  "Create a community's token, membership, registry and epochs as clones of the suite's implementations, initialised in the same transaction (local use, until dao:create)",
  (t) =>
    t
      .addParam("name", "Community name to record")
      .addOptionalParam("symbol", "Token symbol (default: c + the name's first letters)")
      .addOptionalParam("governance", "Governance address (default: account #1); it holds every admin role")
      .addOptionalParam("founders", "Comma-separated founding members (default: accounts #2 to #5)")
      .addOptionalParam("founderCredit", "Tokens credited to each founder at creation", "0")
      .addOptionalParam("stewards", "Comma-separated stewards (default: the governance address)")
      .addOptionalParam("endorsements", "Endorsements that admit a member (0: governance only)", "0")
      .addOptionalParam("threshold", "Attestations a contribution needs", "2")
      .addOptionalParam("window", "Challenge window in seconds", "86400")
      .addOptionalParam("kinds", "Kinds as name=value-per-unit, comma-separated", DEFAULT_KINDS),
  async (args, hre, out) => {
    if (!args.name) throw new TaskInputError("--name is required");
    const signers = await hre.ethers.getSigners();
    const governance = args.governance ? parseAddress(args.governance, "governance") : signers[1]?.address;
    if (!governance) throw new TaskInputError("--governance is required when fewer than two accounts are configured");
    const founders = args.founders
      ? parseAddressList(args.founders, "founders")
      : signers.slice(2, 6).map((s) => s.address);
    const credit = parseAmount(args.founderCredit ?? "0", DECIMALS, "founder-credit");
    const stewards = args.stewards ? parseAddressList(args.stewards, "stewards") : [governance];
    const impls = {
      token: await requireContract(hre, "contributionTokenImpl"),
      membership: await requireContract(hre, "membershipImpl"),
      registry: await requireContract(hre, "registryImpl"),
      epochs: await requireContract(hre, "epochsImpl"),
    };
    const symbol =
      args.symbol ??
      `c${args.name
        .replace(/[^A-Za-z]/g, "")
        .slice(0, 5)
        .toUpperCase()}`;
    const c = await createCommunityClones(hre, signers[0], impls, {
      name: `${args.name} Contribution`,
      symbol,
      governance,
      founders,
      founderAmounts: founders.map(() => credit),
      stewards,
      endorsementThreshold: parseUint(args.endorsements ?? "0", "endorsements"),
      attestationThreshold: parseUint(args.threshold ?? "2", "threshold"),
      challengeWindow: parseUint(args.window ?? "86400", "window"),
      kinds: parseKinds(args.kinds ?? DEFAULT_KINDS),
    });
    out.transactions.push({
      label: "create and initialise the clones",
      hash: c.receipt.hash,
      gasUsed: c.receipt.gasUsed.toString(),
      block: c.receipt.blockNumber,
    });
    out.say(`  clones created and initialised in one transaction ${c.receipt.hash}`);
    await recordNamed(hre, "community", args.name, { ...c.addresses, timelock: governance, dev: true });
    out.say(`  community "${args.name}" created; governance ${governance}`);
    out.table(Object.entries(c.addresses).map(([k, v]) => ({ contract: k, address: v })));
    out.set("community", args.name);
    out.set("governance", governance);
    for (const [k, v] of Object.entries(c.addresses)) out.set(k, v);
  },
);

// ------------------------------------------------------------------------------------------------

interface SubmitArgs extends CommunityArgs {
  kind: string;
  units: string;
  evidence: string;
  evidenceHash?: string;
  evidenceFile?: string;
}

cosmoTask<SubmitArgs>(
  "contrib:submit",
  "Submit a contribution (kind, units, evidence URI and content hash) for peers to attest",
  (t) =>
    withCommunity(t)
      .addParam("kind", "Kind of contribution: its number or name")
      .addParam("units", "Units of work (hours, items ... as the kind defines)")
      .addParam("evidence", "URI of the evidence (ipfs://..., https://...)")
      .addOptionalParam("evidenceHash", "keccak256 of the evidence's content (0x + 64 hex digits)")
      .addOptionalParam("evidenceFile", "A local copy of the evidence; its keccak256 is used as the hash"),
  async (args, hre, out) => {
    const units = parseUint(args.units, "units");
    let hash: string;
    if (args.evidenceHash) hash = parseBytes32(args.evidenceHash, "evidence-hash");
    else if (args.evidenceFile) {
      if (!fs.existsSync(args.evidenceFile))
        throw new TaskInputError(`--evidence-file: no file at ${args.evidenceFile}`);
      hash = keccak256(fs.readFileSync(args.evidenceFile));
    } else throw new TaskInputError("--evidence-hash or --evidence-file is required (the evidence's content hash)");
    const c = await openCommunity(hre, args);
    const kind = await resolveKind(c.registry, args.kind);
    const receipt = await out.tx("submit", c.registry.submit(kind, units, args.evidence, hash));
    const event = receipt.logs
      .map((l) => c.registry.interface.parseLog(l))
      .find((e) => e?.name === "ContributionSubmitted");
    const id = event ? (event.args.id as bigint) : 0n;
    out.say(
      `  contribution #${id} submitted by ${c.from}: ${units} unit(s), worth ${tokens(event?.args.amount ?? 0n)}`,
    );
    out.set("id", id);
    out.set("amount", event?.args.amount ?? 0n);
    out.set("evidenceHash", hash);
  },
);

// ------------------------------------------------------------------------------------------------

interface AttestArgs extends CommunityArgs {
  id: string;
  signOnly: boolean;
  out?: string;
  signatureFile?: string;
  expiresIn?: string;
}

cosmoTask<AttestArgs>(
  "contrib:attest",
  "Attest a peer's contribution: on-chain, as an EIP-712 signature (--sign-only), or relay a signature (--signature-file)",
  (t) =>
    withCommunity(t)
      .addOptionalParam("id", "Contribution id (not needed with --signature-file)")
      .addFlag("signOnly", "Sign an EIP-712 attestation instead of sending a transaction (no gas)")
      .addOptionalParam("out", "With --sign-only: where to write the signed attestation (JSON)")
      .addOptionalParam("expiresIn", "With --sign-only: seconds the signature stays valid", "604800")
      .addOptionalParam("signatureFile", "Relay a signed attestation written by --sign-only (anyone may send it)"),
  async (args, hre, out) => {
    const c = await openCommunity(hre, args);
    if (args.signatureFile) {
      const a = readJsonFile<AttestationFile>(args.signatureFile, "signature-file");
      const registry = await c.registry.getAddress();
      if (getAddress(a.registry) !== registry) {
        throw new TaskInputError(
          `--signature-file is for registry ${a.registry}, not ${registry} of "${args.community}"`,
        );
      }
      const held = await attestationOf(c.registry, BigInt(a.contributionId), a.attestor, BigInt(a.deadline));
      if (
        a.contributor === undefined ||
        getAddress(a.contributor) !== held.contributor ||
        BigInt(a.kind) !== held.kind ||
        BigInt(a.amount) !== held.amount ||
        a.evidenceHash.toLowerCase() !== held.evidenceHash.toLowerCase()
      ) {
        throw new TaskInputError(
          `--signature-file attests contribution #${a.contributionId} by ${a.contributor} (evidence ${a.evidenceHash}), ` +
            `but #${a.contributionId} is ${held.contributor}'s (evidence ${held.evidenceHash}): the signature would be refused`,
        );
      }
      await out.tx(
        "attestBySig",
        c.registry.attestBySig(BigInt(a.contributionId), a.attestor, BigInt(a.deadline), a.signature),
      );
      const con = await c.registry.getContribution(BigInt(a.contributionId));
      out.say(`  attestation of ${a.attestor} recorded for #${a.contributionId}`);
      out.set("id", a.contributionId);
      out.set("attestor", getAddress(a.attestor));
      out.set("attestations", con.attestations);
      out.set("claimableAt", con.claimableAt);
      return;
    }
    const id = parseUint(args.id, "id");
    if (args.signOnly) {
      const deadline = (await now(hre)) + parseUint(args.expiresIn ?? "604800", "expires-in");
      const domain = await domainOf(c.registry);
      // The signature names what is attested: the contribution's contributor, kind, amount and evidence hash.
      const value = await attestationOf(c.registry, id, c.from, deadline);
      const signature = await c.signer.signTypedData(domain, ATTESTATION_TYPES, value);
      const file: AttestationFile = {
        registry: domain.verifyingContract,
        chainId: domain.chainId.toString(),
        contributionId: id.toString(),
        contributor: value.contributor,
        kind: value.kind.toString(),
        amount: value.amount.toString(),
        evidenceHash: value.evidenceHash,
        attestor: c.from,
        deadline: deadline.toString(),
        signature,
      };
      if (args.out) writeJson(args.out, file);
      out.say(
        `  signed attestation of #${id} (${value.contributor}, ${tokens(value.amount)}, evidence ${value.evidenceHash})` +
          ` by ${c.from}, valid until ${deadline}` +
          (args.out ? ` → ${args.out}` : ""),
      );
      for (const [k, v] of Object.entries(file)) out.set(k, v);
      return;
    }
    await out.tx("attest", c.registry.attest(id));
    const con = await c.registry.getContribution(id);
    out.say(`  #${id} has ${con.attestations} of ${con.threshold} attestation(s)`);
    out.set("id", id);
    out.set("attestations", con.attestations);
    out.set("claimableAt", con.claimableAt);
  },
);

// ------------------------------------------------------------------------------------------------

interface ChallengeArgs extends CommunityArgs {
  id: string;
  reason: string;
}

cosmoTask<ChallengeArgs>(
  "contrib:challenge",
  "Challenge a pending contribution, with a reason (a URI or a short text)",
  (t) => withCommunity(t).addParam("id", "Contribution id").addParam("reason", "Why (a URI to the reasoning, or text)"),
  async (args, hre, out) => {
    const id = parseUint(args.id, "id");
    const c = await openCommunity(hre, args);
    await out.tx("challenge", c.registry.challenge(id, args.reason));
    out.set("id", id);
    out.set("status", STATUS[Number((await c.registry.getContribution(id)).status)]);
  },
);

interface ResolveArgs extends CommunityArgs {
  id: string;
  decision: string;
  reason: string;
}

cosmoTask<ResolveArgs>(
  "contrib:resolve",
  "Resolve a challenge as governance or a steward: uphold (reject the contribution) or dismiss",
  (t) =>
    withCommunity(t)
      .addParam("id", "Contribution id")
      .addParam("decision", "upheld (the contribution is rejected) or dismissed (it stands)")
      .addParam("reason", "The decision's reasoning (a URI or text)"),
  async (args, hre, out) => {
    const id = parseUint(args.id, "id");
    const decision = parseChoice(args.decision, ["upheld", "dismissed"] as const, "decision");
    const c = await openCommunity(hre, args);
    await out.tx("resolveChallenge", c.registry.resolveChallenge(id, decision === "upheld", args.reason));
    out.set("id", id);
    out.set("status", STATUS[Number((await c.registry.getContribution(id)).status)]);
  },
);

interface ClaimArgs extends CommunityArgs {
  id: string;
}

cosmoTask<ClaimArgs>(
  "contrib:claim",
  "Claim the tokens of your accepted contribution",
  (t) => withCommunity(t).addParam("id", "Contribution id"),
  async (args, hre, out) => {
    const id = parseUint(args.id, "id");
    const c = await openCommunity(hre, args);
    const before = await c.token.balanceOf(c.from);
    await out.tx("claim", c.registry.claim(id));
    const after = await c.token.balanceOf(c.from);
    out.say(`  claimed ${tokens(after - before)} for #${id}; balance ${tokens(after)}`);
    out.set("id", id);
    out.set("claimed", after - before);
    out.set("balance", after);
  },
);

// ------------------------------------------------------------------------------------------------

interface EpochPublishArgs extends CommunityArgs {
  file: string;
  uri: string;
  out: string;
  deadline?: string;
}

cosmoTask<EpochPublishArgs>(
  "contrib:epoch-publish",
  "Build the Merkle tree of an epoch's allocations (CSV or JSON), publish its root (governance), write the tree with proofs",
  (t) =>
    withCommunity(t)
      .addParam("file", "Allocations: CSV lines address,amount or JSON [{account, amount}] / {address: amount}")
      .addParam("uri", "Where the full list will be published (ipfs://...)")
      .addParam("out", "Where to write the tree with every proof (JSON, for claimers and claim pages)")
      .addOptionalParam("deadline", "Unix time after which claims close (default: none)"),
  async (args, hre, out) => {
    const allocations = readAllocations(args.file, DECIMALS);
    const deadline = args.deadline ? parseUint(args.deadline, "deadline") : 0n;
    const tree = allocationTree(allocations);
    const c = await openCommunity(hre, args);
    const receipt = await out.tx("publishEpoch", c.epochs.publishEpoch(tree.root, args.uri, deadline));
    const event = receipt.logs.map((l) => c.epochs.interface.parseLog(l)).find((e) => e?.name === "EpochPublished");
    const epoch = (event?.args.epoch as bigint | undefined) ?? (await c.epochs.epochCount()) - 1n;
    const total = [...allocations.values()].reduce((s, a) => s + a, 0n);
    const file = epochTreeFile(tree, {
      epochs: await c.epochs.getAddress(),
      chainId: await chainIdOf(hre),
      epoch,
      uri: args.uri,
      claimDeadline: deadline,
    });
    writeJson(args.out, file);
    out.say(`  epoch ${epoch}: ${allocations.size} account(s), ${tokens(total)} in total; tree → ${args.out}`);
    out.set("epoch", epoch);
    out.set("root", tree.root);
    out.set("accounts", allocations.size);
    out.set("total", total);
    out.set("out", args.out);
  },
);

interface EpochClaimArgs extends CommunityArgs {
  tree: string;
  account?: string;
}

cosmoTask<EpochClaimArgs>(
  "contrib:epoch-claim",
  "Claim an account's epoch allocation with its proof from the published tree (anyone may send it)",
  (t) =>
    withCommunity(t)
      .addParam("tree", "The tree file written by contrib:epoch-publish")
      .addOptionalParam("account", "Whose allocation to claim (default: the --from account)"),
  async (args, hre, out) => {
    const data = readJsonFile<EpochTreeFile>(args.tree, "tree");
    const c = await openCommunity(hre, args);
    const account = args.account ? parseAddress(args.account, "account") : c.from;
    const epochs = await c.epochs.getAddress();
    if (getAddress(data.epochs) !== epochs) {
      throw new TaskInputError(`--tree is for epochs contract ${data.epochs}, not ${epochs} of "${args.community}"`);
    }
    // Recompute each proof from the tree itself, exactly as a claim page does.
    const tree = StandardMerkleTree.load<EpochLeaf>(data.tree);
    const epoch = BigInt(data.epoch);
    let claimed = 0n;
    let found = 0;
    for (const [i, [index, leafAccount, amount]] of tree.entries()) {
      if (getAddress(leafAccount) !== account) continue;
      found += 1;
      if (await c.epochs.isClaimed(epoch, BigInt(index))) {
        out.say(`  leaf ${index} already claimed`);
        continue;
      }
      await out.tx(
        `claim leaf ${index}`,
        c.epochs.claim(epoch, BigInt(index), account, BigInt(amount), tree.getProof(i)),
      );
      claimed += BigInt(amount);
    }
    if (found === 0) throw new TaskInputError(`${account} has no allocation in epoch ${epoch}`);
    out.say(`  ${tokens(claimed)} claimed for ${account} in epoch ${epoch}`);
    out.set("epoch", epoch);
    out.set("account", account);
    out.set("claimed", claimed);
    out.set("balance", await c.token.balanceOf(account));
  },
);

// ------------------------------------------------------------------------------------------------

interface VoucherSignArgs extends CommunityArgs {
  contributor: string;
  units: string;
  kind: string;
  id?: string;
  expiresIn?: string;
  out: string;
}

cosmoTask<VoucherSignArgs>(
  "contrib:voucher-sign",
  "As a steward, sign an EIP-712 voucher (units of a kind) that a member redeems once (no transaction)",
  (t) =>
    withCommunity(t)
      .addParam("contributor", "Who may redeem it: a member other than you")
      .addParam("units", "Units of the kind (worth units x the kind's value per unit when redeemed)")
      .addParam("kind", "Kind of contribution: its number or name")
      .addOptionalParam("id", "Voucher id, used once (default: a random 64-bit number)")
      .addOptionalParam("expiresIn", "Seconds the voucher stays redeemable", "2592000")
      .addParam("out", "Where to write the voucher (JSON) to hand to the contributor"),
  async (args, hre, out) => {
    const contributor = parseAddress(args.contributor, "contributor");
    const units = parseUint(args.units, "units");
    if (units === 0n) throw new TaskInputError("--units must be at least 1");
    const id = args.id ? parseUint(args.id, "id") : BigInt(`0x${randomBytes(8).toString("hex")}`);
    const c = await openCommunity(hre, args);
    const kind = await resolveKind(c.registry, args.kind);
    if (!(await c.registry.hasRole(await c.registry.STEWARD_ROLE(), c.from))) {
      throw new TaskInputError(`${c.from} is not a steward of "${args.community}"; its voucher would be refused`);
    }
    if (contributor === c.from) throw new TaskInputError("a steward's voucher cannot pay the steward itself");
    if (!(await c.membership.isMember(contributor))) {
      throw new TaskInputError(`${contributor} is not a member of "${args.community}"; vouchers pay only members`);
    }
    if (await c.registry.isVoucherRedeemed(id)) throw new TaskInputError(`voucher id ${id} was already redeemed`);
    const amount = units * (await c.registry.getKind(kind)).valuePerUnit;
    const [budget, spent, periodEndsAt] = await c.registry.stewardBudget(c.from);
    if (spent + amount > budget) {
      throw new TaskInputError(
        `the voucher is worth ${tokens(amount)} but ${c.from} may mint only ${tokens(budget > spent ? budget - spent : 0n)} ` +
          `more until ${periodEndsAt} (budget ${tokens(budget)} per period, set by governance with setStewardBudget)`,
      );
    }
    const deadline = (await now(hre)) + parseUint(args.expiresIn ?? "2592000", "expires-in");
    const domain = await domainOf(c.registry);
    const voucher = { contributor, kind, units, id, deadline };
    const signature = await c.signer.signTypedData(domain, VOUCHER_TYPES, voucher);
    const file: VoucherFile = {
      registry: domain.verifyingContract,
      chainId: domain.chainId.toString(),
      steward: c.from,
      voucher: {
        contributor,
        kind: kind.toString(),
        units: units.toString(),
        id: id.toString(),
        deadline: deadline.toString(),
      },
      signature,
    };
    writeJson(args.out, file);
    out.say(
      `  voucher ${id}: ${units} unit(s) (${tokens(amount)} now) to ${contributor}, valid until ${deadline} → ${args.out}`,
    );
    out.set("id", id);
    out.set("units", units);
    out.set("amount", amount);
    out.set("deadline", deadline);
    out.set("signature", signature);
    out.set("out", args.out);
  },
);

interface VoucherRedeemArgs extends CommunityArgs {
  file: string;
}

cosmoTask<VoucherRedeemArgs>(
  "contrib:voucher-redeem",
  "Redeem a steward's voucher from your own wallet",
  (t) => withCommunity(t).addParam("file", "The voucher file written by contrib:voucher-sign"),
  async (args, hre, out) => {
    const v = readJsonFile<VoucherFile>(args.file, "file");
    const c = await openCommunity(hre, args);
    const registry = await c.registry.getAddress();
    if (getAddress(v.registry) !== registry) {
      throw new TaskInputError(
        `--file is a voucher for registry ${v.registry}, not ${registry} of "${args.community}"`,
      );
    }
    if (getAddress(v.voucher.contributor) !== c.from) {
      throw new TaskInputError(`the voucher is for ${v.voucher.contributor}; run with --from ${v.voucher.contributor}`);
    }
    const voucher = {
      contributor: v.voucher.contributor,
      kind: BigInt(v.voucher.kind),
      units: BigInt(v.voucher.units),
      id: BigInt(v.voucher.id),
      deadline: BigInt(v.voucher.deadline),
    };
    const receipt = await out.tx("redeemVoucher", c.registry.redeemVoucher(voucher, v.steward, v.signature));
    const event = receipt.logs.map((l) => c.registry.interface.parseLog(l)).find((e) => e?.name === "VoucherRedeemed");
    const amount = (event?.args.amount as bigint | undefined) ?? 0n;
    out.say(`  voucher ${voucher.id} redeemed: ${voucher.units} unit(s), ${tokens(amount)}`);
    out.set("id", voucher.id);
    out.set("units", voucher.units);
    out.set("amount", amount);
    out.set("balance", await c.token.balanceOf(c.from));
  },
);

interface StewardBudgetArgs extends CommunityArgs {
  steward: string;
  budget?: string;
}

cosmoTask<StewardBudgetArgs>(
  "contrib:steward-budget",
  "Show a steward's voucher budget per 30-day period and what it minted this period; with --budget, set it (governance)",
  (t) =>
    withCommunity(t)
      .addParam("steward", "The steward's address")
      .addOptionalParam("budget", "New budget in tokens per period (0 disables its vouchers); sent by --from"),
  async (args, hre, out) => {
    const steward = parseAddress(args.steward, "steward");
    const c = await openCommunity(hre, args);
    if (args.budget !== undefined) {
      const budget = parseAmount(args.budget, DECIMALS, "budget");
      await out.tx("setStewardBudget", c.registry.setStewardBudget(steward, budget));
    }
    const [budget, spent, periodEndsAt] = await c.registry.stewardBudget(steward);
    out.say(`  ${steward}: ${tokens(spent)} of ${tokens(budget)} minted this period (ends at ${periodEndsAt})`);
    out.set("steward", steward);
    out.set("budget", budget);
    out.set("spent", spent);
    out.set("periodEndsAt", periodEndsAt);
  },
);

// ------------------------------------------------------------------------------------------------

interface StatusArgs extends CommunityArgs {
  account?: string;
}

cosmoTask<StatusArgs>(
  "contrib:status",
  "What an account has pending, claimable and claimed in a community (from the registry's events)",
  (t) => withCommunity(t).addOptionalParam("account", "Whose status (default: the --from account)"),
  async (args, hre, out) => {
    const c = await openCommunity(hre, args);
    const account = args.account ? parseAddress(args.account, "account") : c.from;
    const submitted = await c.registry.queryFilter(c.registry.filters.ContributionSubmitted(undefined, account));
    const rows: {
      id: string;
      kind: string;
      amount: string;
      status: string;
      attestations: string;
      claimableAt: string;
    }[] = [];
    const sums = { pending: 0n, claimable: 0n, claimed: 0n, rejected: 0n };
    const nowTs = await now(hre);
    for (const e of submitted) {
      const id = e.args.id;
      const con = await c.registry.getContribution(id);
      let status: string = STATUS[Number(con.status)];
      const open = status === "pending" || status === "cleared";
      if (open && con.claimableAt !== 0n && nowTs >= con.claimableAt) status = "claimable";
      if (status === "claimable") sums.claimable += con.amount;
      else if (status === "claimed") sums.claimed += con.amount;
      else if (status === "rejected") sums.rejected += con.amount;
      else sums.pending += con.amount;
      rows.push({
        id: id.toString(),
        kind: con.kind.toString(),
        amount: tokens(con.amount),
        status,
        attestations: `${con.attestations}/${con.threshold}`,
        claimableAt: con.claimableAt.toString(),
      });
    }
    const vouchers = await c.registry.queryFilter(c.registry.filters.VoucherRedeemed(undefined, account));
    const allocations = await c.epochs.queryFilter(c.epochs.filters.AllocationClaimed(undefined, undefined, account));
    const voucherTotal = vouchers.reduce((s, e) => s + e.args.amount, 0n);
    const epochTotal = allocations.reduce((s, e) => s + e.args.amount, 0n);
    out.say(`  ${account}${(await c.membership.isMember(account)) ? " (member)" : ""}`);
    out.table(rows);
    out.say(
      `  pending ${tokens(sums.pending)} · claimable ${tokens(sums.claimable)} · claimed ${tokens(sums.claimed)}` +
        ` · rejected ${tokens(sums.rejected)} · vouchers ${tokens(voucherTotal)} · epochs ${tokens(epochTotal)}`,
    );
    out.set("account", account);
    out.set("member", await c.membership.isMember(account));
    out.set("contributions", rows);
    out.set("pending", sums.pending);
    out.set("claimable", sums.claimable);
    out.set("claimed", sums.claimed);
    out.set("rejected", sums.rejected);
    out.set("vouchersRedeemed", voucherTotal);
    out.set("epochsClaimed", epochTotal);
    const [balance, weight, votes, halfLife] = await Promise.all([
      c.token.balanceOf(account),
      c.token.weightOf(account),
      c.token.getVotes(account),
      c.token.halfLife(),
    ]);
    out.say(
      `  earned ${tokens(balance)} in all · weighs ${tokens(weight)} now · votes ${tokens(votes)}` +
        ` · half-life ${formatHalfLife(halfLife)}`,
    );
    out.set("balance", balance);
    out.set("weight", weight);
    out.set("votes", votes);
    out.set("halfLife", halfLife);
  },
);
