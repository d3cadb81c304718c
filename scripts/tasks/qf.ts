/**
 * Tasks for quadratic funding rounds: operators create, review, finalise and cancel; funders fund
 * and reclaim; projects apply and claim; donors donate (one project or a cart) and take refunds;
 * anyone reads a round's status beside the reference implementation's figures.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, type LogDescription, type Signer, type TransactionReceipt } from "ethers";
import type { ConfigurableTaskDefinition, HardhatRuntimeEnvironment } from "hardhat/types";

import { TaskInputError } from "../lib/errors";
import { parseAddress, parseAmount, parseChoice, parseSigner, parseUint, readJsonFile } from "../lib/args";
import { clusterAssignments, clusterProof, clusterTree, type ClusterFile } from "../lib/clusters";
import { referenceRound, type ClusterMap, type DonationRecord } from "../lib/qf-reference";
import { sendOnce } from "../lib/pending";
import { recordNamed, requireContract, requireNamed, requireNewName } from "../lib/record";
import { chainNow, formatAmount, formatTime } from "../lib/format";
import { setAmountUnit } from "../lib/revert";
import { cosmoTask, type TaskArgs, type TaskOutput } from "../lib/task";
import { resolveToken } from "../lib/tokens";
import type { ERC20, Round, RoundFactory } from "../../typechain-types";

const PHASES = ["upcoming", "applications", "review", "donations", "tallying", "finalized", "cancelled"];
const STATUSES = ["none", "pending", "approved", "rejected", "removed"];
/** `IRound.Matching`, in words. */
const MATCHING = ["standard", "cluster (federation communities)", "cluster (published groups)"];
const CLUSTER_FEDERATION = 1;
const CLUSTER_MERKLE = 2;

/** Defaults of a round file: a one-day tally window; the operator may extend donations by a week. */
export const DEFAULT_TALLY_WINDOW = 86_400;
export const DEFAULT_MAX_EXTENSION = 7n * 86_400n;

interface RoundFile {
  name: string;
  /** "native", an ERC-20 address, or a token recorded by name (dev:token). */
  token?: string;
  operator?: string;
  /** Unix seconds, or "+N": N seconds after the latest block. */
  applicationsStart: number | string;
  applicationsEnd: number | string;
  donationsStart: number | string;
  donationsEnd: number | string;
  /** The latest the operator may extend donations to (unix seconds or "+N"; default: donationsEnd + 7 days). */
  maxDonationsEnd?: number | string;
  /** Seconds after donations close when only reviewers (removals) and the operator (cancel) act (default 1 day). */
  tallyWindow?: number;
  minDonation?: string;
  matchCap?: { amount?: string; shareBps?: number };
  eligibility?: { kind: "open" } | { kind: "merkle"; allowlist: string[] } | { kind: "membership"; membership: string };
  reviewers: string[];
  reviewThreshold?: number;
  metadataURI?: string;
}

interface Ctx {
  round: Round;
  signer: Signer;
  from: string;
  token: string;
  decimals: number;
  block: number;
}

async function signerFor(hre: HardhatRuntimeEnvironment, from: string | undefined): Promise<Signer> {
  return parseSigner(hre, from, "from");
}

async function tokenSymbol(hre: HardhatRuntimeEnvironment, token: string): Promise<string> {
  return (await resolveToken(hre, token, "token")).symbol;
}

async function roundCtx(hre: HardhatRuntimeEnvironment, args: QfArgs): Promise<Ctx> {
  if (!args.round) throw new TaskInputError("--round is required (the name given at qf:create-round)");
  const entry = await requireNamed(hre, "round", args.round);
  const signer = await signerFor(hre, args.from);
  const round = (await hre.ethers.getContractAt("Round", String(entry.address), signer)) as unknown as Round;
  setAmountUnit(Number(entry.decimals), await tokenSymbol(hre, String(entry.token)));
  return {
    round,
    signer,
    from: await signer.getAddress(),
    token: String(entry.token),
    decimals: Number(entry.decimals),
    block: Number(entry.block),
  };
}

/** Makes sure `spender` (the round, or the factory's checkout) may pull `amount` of the round's ERC-20. */
async function ensureAllowance(
  hre: HardhatRuntimeEnvironment,
  ctx: Ctx,
  spender: string,
  amount: bigint,
  out: TaskOutput,
): Promise<void> {
  if (ctx.token === hre.ethers.ZeroAddress) return;
  const erc20 = (await hre.ethers.getContractAt("ERC20", ctx.token, ctx.signer)) as unknown as ERC20;
  if ((await erc20.allowance(ctx.from, spender)) < amount) {
    await out.tx(`approve ${spender}`, erc20.approve(spender, amount));
  }
}

interface CartItem {
  /** Name of the round (default: --round). */
  round?: string;
  project: number | string;
  amount: string;
}

function cartOf(items: CartItem[], decimals: number): { projectId: bigint; amount: bigint }[] {
  return items.map((it, i) => ({
    projectId: parseUint(it.project, `cart[${i}].project`),
    amount: parseAmount(it.amount, decimals, `cart[${i}].amount`),
  }));
}

/** The first event called `name` that the round emitted in `receipt`. */
function roundEvent(round: Round, receipt: TransactionReceipt, name: string): LogDescription | undefined {
  for (const log of receipt.logs) {
    const parsed = round.interface.parseLog(log);
    if (parsed?.name === name) return parsed;
  }
  return undefined;
}

function nativeValue(hre: HardhatRuntimeEnvironment, ctx: Ctx, amount: bigint): { value: bigint } {
  return { value: ctx.token === hre.ethers.ZeroAddress ? amount : 0n };
}

function time(value: number | string, now: bigint, label: string): bigint {
  if (typeof value === "string" && /^\+\d+$/.test(value)) return now + BigInt(value.slice(1));
  return parseUint(value, label);
}

/** Proof for a Merkle-allowlist round: abi.encode(bytes32[]) from the allowlist file (JSON array of addresses). */
function proofFor(hre: HardhatRuntimeEnvironment, allowlistFile: string | undefined, donor: string): string {
  if (!allowlistFile) return "0x";
  const list = readJsonFile<string[]>(allowlistFile, "allowlist").map((a) => parseAddress(a, "allowlist"));
  const tree = StandardMerkleTree.of(
    list.map((a) => [a]),
    ["address"],
  );
  for (const [i, v] of tree.entries()) {
    if (v[0] === donor) return hre.ethers.AbiCoder.defaultAbiCoder().encode(["bytes32[]"], [tree.getProof(i)]);
  }
  throw new TaskInputError(`${donor} is not on the allowlist in ${allowlistFile}`);
}

interface QfArgs extends TaskArgs {
  round?: string;
  from?: string;
  file?: string;
  amount?: string;
  project?: string;
  recipient?: string;
  uri?: string;
  decision?: string;
  cart?: string;
  allowlist?: string;
  funding?: boolean;
  matching?: string;
  clusters?: string;
}

const withRound = (t: ConfigurableTaskDefinition) =>
  t
    .addParam("round", "Name of the round (as given at qf:create-round)")
    .addOptionalParam("from", "Account to send from: an index of the network's accounts or an address (default 0)");

cosmoTask<QfArgs>(
  "qf:create-round",
  "Create a quadratic funding round from a JSON file and record it by name",
  (t) =>
    t
      .addParam("file", "JSON file describing the round (see docs/quadratic-funding.md)")
      .addOptionalParam("from", "Account to send from (index or address)")
      .addOptionalParam(
        "matching",
        "standard (default) or cluster: support from many communities counts for more than from many accounts in one",
      )
      .addOptionalParam(
        "clusters",
        "Cluster rounds outside a federation: JSON file of groups, published as a Merkle root (see examples/clusters.json); without it, a donor's clusters are its communities in the federation",
      ),
  async (args, hre, out) => {
    const f = readJsonFile<RoundFile>(args.file, "file");
    const matching = parseChoice(args.matching ?? "standard", ["standard", "cluster"], "matching");
    if (args.clusters && matching !== "cluster") throw new TaskInputError("--clusters needs --matching cluster");
    const groups = args.clusters
      ? clusterTree(clusterAssignments(readJsonFile<ClusterFile>(args.clusters, "clusters")))
      : undefined;
    if (!f.name || !/^[\w.-]+$/.test(f.name))
      throw new TaskInputError(`"name" must be a word (letters, digits, - . _)`);
    await requireNewName(hre, "round", f.name);
    const signer = await signerFor(hre, args.from);
    const { address: token, decimals } = await resolveToken(hre, f.token, "token");
    const latest = await hre.ethers.provider.getBlock("latest");
    const now = BigInt(latest?.timestamp ?? 0);
    const eligibility = f.eligibility ?? { kind: "open" };
    let module = hre.ethers.ZeroAddress;
    let eligibilityConfig = hre.ethers.ZeroHash;
    if (eligibility.kind === "merkle") {
      const list = eligibility.allowlist.map((a) => parseAddress(a, "allowlist"));
      eligibilityConfig = StandardMerkleTree.of(
        list.map((a) => [a]),
        ["address"],
      ).root;
      module = await requireContract(hre, "merkleEligibility");
    } else if (eligibility.kind === "membership") {
      eligibilityConfig = hre.ethers.zeroPadValue(parseAddress(eligibility.membership, "membership"), 32);
      module = await requireContract(hre, "membershipEligibility");
    } else if (eligibility.kind !== "open") {
      throw new TaskInputError(`eligibility.kind must be one of: open, merkle, membership`);
    }
    const donationsEnd = time(f.donationsEnd, now, "donationsEnd");
    const config = {
      token,
      minDonation: f.minDonation ? parseAmount(f.minDonation, decimals, "minDonation") : 0n,
      eligibility: module,
      matchCapBps: f.matchCap?.shareBps ?? 0,
      applicationsStart: time(f.applicationsStart, now, "applicationsStart"),
      applicationsEnd: time(f.applicationsEnd, now, "applicationsEnd"),
      donationsStart: time(f.donationsStart, now, "donationsStart"),
      donationsEnd,
      maxDonationsEnd:
        f.maxDonationsEnd === undefined
          ? donationsEnd + DEFAULT_MAX_EXTENSION
          : time(f.maxDonationsEnd, now, "maxDonationsEnd"),
      tallyWindow: parseUint(f.tallyWindow ?? DEFAULT_TALLY_WINDOW, "tallyWindow"),
      operator: f.operator ? parseAddress(f.operator, "operator") : await signer.getAddress(),
      matchCapAmount: f.matchCap?.amount ? parseAmount(f.matchCap.amount, decimals, "matchCap.amount") : 0n,
      eligibilityConfig,
      reviewers: (f.reviewers ?? []).map((r) => parseAddress(r, "reviewers")),
      reviewThreshold: BigInt(f.reviewThreshold ?? 1),
      metadataURI: f.metadataURI ?? "",
    };
    const factory = (await hre.ethers.getContractAt(
      "RoundFactory",
      await requireContract(hre, "roundFactory"),
      signer,
    )) as unknown as RoundFactory;
    let address: string;
    let receipt: TransactionReceipt;
    if (matching === "standard") {
      address = await factory.createRound.staticCall(config);
      receipt = await out.tx(`create round ${f.name}`, factory.createRound(config));
    } else {
      const [mode, source] = groups
        ? [CLUSTER_MERKLE, groups.root]
        : [CLUSTER_FEDERATION, hre.ethers.zeroPadValue(await requireContract(hre, "federatedMembership"), 32)];
      address = await factory.createRoundWithMatching.staticCall(config, mode, source);
      receipt = await out.tx(
        `create round ${f.name} (${MATCHING[mode]})`,
        factory.createRoundWithMatching(config, mode, source),
      );
      out.set("clusterSource", source);
    }
    await recordNamed(hre, "round", f.name, { address, token, decimals, block: receipt.blockNumber });
    out.say(`  round ${f.name} at ${address}, ${matching} matching`);
    out.set("matching", matching);
    out.set("round", f.name);
    out.set("address", address);
    out.set("token", token);
  },
);

cosmoTask<QfArgs>(
  "qf:fund",
  "Add to a round's matching pool",
  (t) => withRound(t).addParam("amount", "Amount in token units, e.g. 1.5"),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    const amount = parseAmount(args.amount, ctx.decimals, "amount");
    await ensureAllowance(hre, ctx, await ctx.round.getAddress(), amount, out);
    await out.tx("fund the matching pool", ctx.round.fund(amount, nativeValue(hre, ctx, amount)));
    out.set("pool", (await ctx.round.pool()).toString());
  },
);

cosmoTask<QfArgs>(
  "qf:apply",
  "Apply to a round with a recipient and a metadata URI",
  (t) =>
    withRound(t)
      .addParam("uri", "Metadata URI of the project")
      .addOptionalParam("recipient", "Where the payout goes (default: the sender)"),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    const recipient = args.recipient ? parseAddress(args.recipient, "recipient") : ctx.from;
    const receipt = await out.tx("apply", ctx.round.applyProject(recipient, args.uri ?? ""));
    const ev = roundEvent(ctx.round, receipt, "ProjectApplied");
    const projectId = ev ? Number(ev.args.projectId) : Number(await ctx.round.projectCount());
    out.say(`  project ${projectId}`);
    out.set("projectId", projectId);
  },
);

cosmoTask<QfArgs>(
  "qf:review",
  "Vote as a reviewer: admit or reject a pending project, or remove an approved one",
  (t) =>
    withRound(t)
      .addParam("project", "Project id")
      .addParam("decision", "admit or reject (a pending project), remove (an approved one)"),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    const id = parseUint(args.project, "project");
    const decision = parseChoice(args.decision, ["admit", "reject", "remove"] as const, "decision");
    await out.tx(
      `${decision} project ${id}`,
      decision === "remove" ? ctx.round.voteRemoval(id) : ctx.round.reviewApplication(id, decision === "admit"),
    );
    const status = STATUSES[Number((await ctx.round.project(id)).status)];
    out.say(`  project ${id} is ${status}`);
    out.set("projectId", Number(id));
    out.set("status", status);
  },
);

/**
 * What makes a donation what it is: re-running `qf:donate` with the same key after a failure does
 * not donate twice if the first transaction was mined (see scripts/lib/pending.ts).
 */
function donateKey(args: QfArgs, from: string, cart?: CartItem[]): string {
  const what = cart ? `cart=${JSON.stringify(cart)}` : `project=${args.project}|amount=${args.amount}`;
  return `qf:donate|round=${args.round}|from=${from.toLowerCase()}|${what}`;
}

/**
 * In a cluster round, says which clusters the donor's donations count in; in a round with published groups,
 * first proves the donor's groups from `clustersFile` when they are not fixed yet (they are fixed at the
 * first donation: a donor that gives without proving counts as unaffiliated for the whole round).
 */
async function fixClusters(
  hre: HardhatRuntimeEnvironment,
  ctx: Ctx,
  clustersFile: string | undefined,
  out: TaskOutput,
): Promise<boolean> {
  const [mode] = await ctx.round.matching();
  if (clustersFile && Number(mode) !== CLUSTER_MERKLE) {
    throw new TaskInputError(
      `--clusters is for cluster rounds with published groups; this round's matching is ${MATCHING[Number(mode)]}`,
    );
  }
  if (Number(mode) === 0) return false;
  const fixed = await ctx.round.clustersOf(ctx.from);
  if (fixed.length === 0 && clustersFile) {
    const tree = clusterTree(clusterAssignments(readJsonFile<ClusterFile>(clustersFile, "clusters")));
    const [, root] = await ctx.round.matching();
    if (tree.root !== root)
      throw new TaskInputError(`${clustersFile} is not the groups file this round was created with`);
    const leaf = clusterProof(tree, ctx.from);
    if (leaf) {
      await out.tx(`prove groups ${leaf.clusters.join(", ")}`, ctx.round.proveClusters(leaf.clusters, leaf.proof));
    } else {
      out.say(`  ${ctx.from} is in no published group: its donations count as unaffiliated`);
    }
  } else if (fixed.length === 0 && Number(mode) === CLUSTER_MERKLE) {
    out.say("  no --clusters file: this first donation fixes the donor as unaffiliated for the round");
  }
  return true;
}

/** Says which clusters the donor's donations count in, once fixed. */
async function reportClusters(ctx: Ctx, out: TaskOutput): Promise<void> {
  const [[mode], fixed] = await Promise.all([ctx.round.matching(), ctx.round.clustersOf(ctx.from)]);
  out.say(`  counts in cluster(s): ${fixed.map((c) => clusterName(c, Number(mode))).join(", ")}`);
  out.set(
    "clusters",
    fixed.map((c) => c.toString()),
  );
}

/** A cluster id in words: "unaffiliated", a community's address (federation rounds), or a group's number. */
function clusterName(id: bigint, mode: number): string {
  if (id === 0n) return "unaffiliated";
  return mode === CLUSTER_FEDERATION ? getAddress(`0x${id.toString(16).padStart(40, "0")}`) : `group ${id}`;
}

cosmoTask<QfArgs>(
  "qf:donate",
  "Donate to one project (--project, --amount) or to a cart of projects (--cart file.json)",
  (t) =>
    withRound(t)
      .addOptionalParam("project", "Project id")
      .addOptionalParam("amount", "Amount in token units")
      .addOptionalParam(
        "cart",
        'JSON file: [{ "project": 1, "amount": "0.5", "round": "optional other round" }, ...]; several rounds: one checkout',
      )
      .addOptionalParam("allowlist", "Allowlist JSON file (array of addresses) of a Merkle-allowlist round")
      .addOptionalParam(
        "clusters",
        "Groups JSON file of a cluster round with published groups: proves the donor's groups before its first donation",
      ),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    const proof = proofFor(hre, args.allowlist, ctx.from);
    const cluster = await fixClusters(hre, ctx, args.clusters, out);
    await donate(args, hre, out, ctx, proof);
    if (cluster) await reportClusters(ctx, out);
  },
);

async function donate(args: QfArgs, hre: HardhatRuntimeEnvironment, out: TaskOutput, ctx: Ctx, proof: string) {
  if (args.cart) {
    if (args.project || args.amount) throw new TaskInputError("give either --cart or --project and --amount");
    const items = readJsonFile<CartItem[]>(args.cart, "cart");
    if (!Array.isArray(items) || items.length === 0) throw new TaskInputError("--cart must be a non-empty array");
    const rounds = [...new Set(items.map((it) => it.round ?? args.round ?? ""))];
    if (rounds.length === 1 && rounds[0] === args.round) {
      const cart = cartOf(items, ctx.decimals);
      const total = cart.reduce((a, c) => a + c.amount, 0n);
      const roundAddr = await ctx.round.getAddress();
      await sendOnce(
        hre,
        out,
        donateKey(args, ctx.from, items),
        `donate to ${cart.length} projects`,
        ctx.signer,
        () => ctx.round.donateMany.populateTransaction(cart, proof, nativeValue(hre, ctx, total)),
        () => ensureAllowance(hre, ctx, roundAddr, total, out),
      );
      out.set("donations", cart.length);
      out.set("total", total.toString());
      return;
    }
    // Several rounds: one checkout through the factory that created them.
    const factoryAddr = await requireContract(hre, "roundFactory");
    const factory = (await hre.ethers.getContractAt(
      "RoundFactory",
      factoryAddr,
      ctx.signer,
    )) as unknown as RoundFactory;
    const carts: { round: string; donations: { projectId: bigint; amount: bigint }[]; proof: string }[] = [];
    const approvals: (() => Promise<void>)[] = [];
    let value = 0n;
    for (const name of rounds) {
      const other = await roundCtx(hre, { ...args, round: name });
      const cart = cartOf(
        items.filter((it) => (it.round ?? args.round) === name),
        other.decimals,
      );
      const total = cart.reduce((a, c) => a + c.amount, 0n);
      if (other.token === hre.ethers.ZeroAddress) value += total;
      else approvals.push(() => ensureAllowance(hre, other, factoryAddr, total, out));
      carts.push({ round: await other.round.getAddress(), donations: cart, proof });
    }
    await sendOnce(
      hre,
      out,
      donateKey(args, ctx.from, items),
      `checkout over ${carts.length} rounds`,
      ctx.signer,
      () => factory.checkout.populateTransaction(carts, { value }),
      async () => {
        for (const approve of approvals) await approve();
      },
    );
    out.set("donations", items.length);
    out.set("rounds", rounds);
    return;
  }
  const id = parseUint(args.project, "project");
  const amount = parseAmount(args.amount, ctx.decimals, "amount");
  const roundAddr = await ctx.round.getAddress();
  await sendOnce(
    hre,
    out,
    donateKey(args, ctx.from),
    `donate to project ${id}`,
    ctx.signer,
    () => ctx.round.donate.populateTransaction(id, amount, proof, nativeValue(hre, ctx, amount)),
    () => ensureAllowance(hre, ctx, roundAddr, amount, out),
  );
  out.set("donations", 1);
  out.set("total", amount.toString());
}

cosmoTask<QfArgs>(
  "qf:status",
  "Per-project donations, donors and estimated match, beside the reference implementation's figure",
  (t) => withRound(t),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    const { round } = ctx;
    const [phase, pool, count, cfg] = await Promise.all([
      round.phase(),
      round.pool(),
      round.projectCount(),
      round.config(),
    ]);
    const events = await round.queryFilter(round.filters.Donated(), ctx.block);
    const [mode] = await round.matching();
    const cluster = Number(mode) !== 0;
    const clusters: ClusterMap = new Map();
    if (cluster) {
      for (const e of await round.queryFilter(round.filters.DonorClustersFixed(), ctx.block)) {
        clusters.set(
          e.args.donor.toLowerCase(),
          e.args.clusters.filter((c) => c !== 0n),
        );
      }
    }
    const byProject = new Map<number, DonationRecord[]>();
    for (const e of events) {
      const id = Number(e.args.projectId);
      byProject.set(id, [...(byProject.get(id) ?? []), { donor: e.args.donor, amount: e.args.amount }]);
    }
    const projects = [];
    for (let id = 1; id <= Number(count); id++) projects.push({ id, p: await round.project(id) });
    const approved = projects.filter((x) => Number(x.p.status) === 2);
    const refInput = {
      pool,
      matchCapAmount: cfg.matchCapAmount,
      matchCapBps: BigInt(cfg.matchCapBps),
      projects: approved.map(({ id }) => ({ id, donations: byProject.get(id) ?? [] })),
    };
    const ref = referenceRound({ ...refInput, matching: cluster ? "cluster" : "standard", clusters });
    // Cluster rounds: what standard matching would have given the same donations, for comparison.
    const standardRef = cluster ? referenceRound(refInput) : undefined;
    const fmt = (v: bigint) => hre.ethers.formatUnits(v, ctx.decimals);
    const rows = [];
    const json = [];
    for (const { id, p } of projects) {
      const status = STATUSES[Number(p.status)];
      const estimated = await round.matchOf(id);
      const refMatch = ref.projects.get(id)?.match ?? 0n;
      const donors = new Set((byProject.get(id) ?? []).map((d) => d.donor)).size;
      const clusterCount = cluster ? Number(await round.clusterCountOf(id)) : undefined;
      const standardMatch = standardRef ? (standardRef.projects.get(id)?.match ?? 0n) : undefined;
      rows.push({
        project: id,
        status,
        donations: fmt(p.sumContributions),
        donors,
        ...(cluster ? { clusters: clusterCount } : {}),
        "match (contract)": fmt(estimated),
        "match (reference)": fmt(refMatch),
        ...(standardMatch !== undefined ? { "match if standard": fmt(standardMatch) } : {}),
        agree: estimated === refMatch,
        paid: p.paid,
      });
      json.push({
        projectId: id,
        status,
        recipient: p.recipient,
        donations: p.sumContributions.toString(),
        donors,
        ...(cluster ? { clusters: clusterCount, standardMatch: standardMatch!.toString() } : {}),
        estimatedMatch: estimated.toString(),
        referenceMatch: refMatch.toString(),
        paid: p.paid,
      });
    }
    const now = await chainNow(hre);
    const symbol = await tokenSymbol(hre, ctx.token);
    const amount = (v: bigint) => formatAmount(v, ctx.decimals, symbol);
    const current = PHASES[Number(phase)];
    const schedule = [
      { phase: "applications", from: cfg.applicationsStart, to: cfg.applicationsEnd, can: "projects apply (qf:apply)" },
      {
        phase: "review",
        from: cfg.applicationsEnd,
        to: cfg.donationsStart,
        can: "reviewers approve or reject (qf:review)",
      },
      { phase: "donations", from: cfg.donationsStart, to: cfg.donationsEnd, can: "donors give (qf:donate)" },
      { phase: "tallying", from: cfg.donationsEnd, to: 0n, can: "anyone finalises (qf:finalize)" },
    ];
    out.say(
      `  phase ${current}; pool ${amount(pool)}; ${events.length} donation(s); ${MATCHING[Number(mode)]} matching`,
    );
    out.table(
      schedule.map((x) => ({
        phase: x.phase === current ? `▶ ${x.phase}` : `  ${x.phase}`,
        starts: formatTime(x.from, now),
        ends: x.to === 0n ? "" : formatTime(x.to, now),
        "what can be done": x.can,
      })),
    );
    const next: Record<string, string> = {
      upcoming: `nothing yet: applications open ${formatTime(cfg.applicationsStart, now)}`,
      applications: "projects apply (qf:apply); reviewers may review already (qf:review); funders fund (qf:fund)",
      review: "reviewers approve or reject (qf:review); funders fund (qf:fund)",
      donations: "donors give (qf:donate); funders fund (qf:fund)",
      tallying: "anyone finalises the matches (qf:finalize)",
      finalized: "projects are paid (qf:claim); funders take back the leftover share (qf:refund --funding)",
      cancelled: "donors take back donations (qf:refund --project) and funders their funding (qf:refund --funding)",
    };
    out.say(`  now: ${next[current] ?? current}`);
    out.table(
      rows.map((r) => ({
        ...r,
        donations: `${r.donations} ${symbol}`.trim(),
        "match (contract)": `${r["match (contract)"]} ${symbol}`.trim(),
        "match (reference)": `${r["match (reference)"]} ${symbol}`.trim(),
        ...(r["match if standard"] !== undefined
          ? { "match if standard": `${r["match if standard"]} ${symbol}`.trim() }
          : {}),
        agree: r.agree ? "yes" : "NO",
        paid: r.paid ? "yes" : "no",
      })),
    );
    out.set("schedule", {
      applicationsStart: cfg.applicationsStart.toString(),
      applicationsEnd: cfg.applicationsEnd.toString(),
      donationsStart: cfg.donationsStart.toString(),
      donationsEnd: cfg.donationsEnd.toString(),
    });
    out.set("phase", PHASES[Number(phase)]);
    out.set("matching", cluster ? "cluster" : "standard");
    out.set("tallyWindowEnd", (await round.tallyWindowEnd()).toString());
    out.set("openClaimAt", (await round.openClaimAt()).toString());
    out.set("pool", pool.toString());
    out.set("totalIdealMatch", (await round.totalIdealMatch()).toString());
    out.set("referenceLeftover", ref.scale.leftover.toString());
    out.set("projects", json);
  },
);

cosmoTask<QfArgs>(
  "qf:finalize",
  "Fix the matches once donations have closed and the tally window has passed (anyone may do it)",
  (t) => withRound(t),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    const receipt = await out.tx("finalize", ctx.round.finalize());
    const ev = roundEvent(ctx.round, receipt, "RoundFinalized");
    if (ev) {
      out.set("numerator", ev.args.numerator.toString());
      out.set("denominator", ev.args.denominator.toString());
      out.set("leftover", ev.args.leftover.toString());
      out.set("openClaimAt", ev.args.openClaimAt.toString());
    }
  },
);

cosmoTask<QfArgs>(
  "qf:claim",
  "Pay a project its donations plus match to its recipient (its owner or recipient for 3 days after finalisation, then anyone)",
  (t) => withRound(t).addParam("project", "Project id"),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    const id = parseUint(args.project, "project");
    const receipt = await out.tx(`claim project ${id}`, ctx.round.claim(id));
    const ev = roundEvent(ctx.round, receipt, "ProjectPaid");
    if (ev) {
      out.say(`  paid ${ev.args.recipient}: donations ${ev.args.donations}, match ${ev.args.matchAmount}`);
      out.set("recipient", ev.args.recipient);
      out.set("donations", ev.args.donations.toString());
      out.set("match", ev.args.matchAmount.toString());
    }
  },
);

cosmoTask<QfArgs>(
  "qf:refund",
  "Take back donations to a project of a cancelled round or a removed project (--project), or funding (--funding)",
  (t) =>
    withRound(t)
      .addOptionalParam("project", "Project id (donors)")
      .addFlag("funding", "Reclaim matching funds (funders): all of it if cancelled, the leftover share if finalised"),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    if (args.funding === Boolean(args.project)) throw new TaskInputError("give either --project or --funding");
    const receipt = args.funding
      ? await out.tx("reclaim funding", ctx.round.reclaimFunding())
      : await out.tx(`refund project ${args.project}`, ctx.round.refund(parseUint(args.project, "project")));
    const ev = roundEvent(ctx.round, receipt, "DonationRefunded") ?? roundEvent(ctx.round, receipt, "FundingReturned");
    if (ev) out.set("amount", ev.args.amount.toString());
  },
);

cosmoTask<QfArgs>(
  "qf:cancel",
  "Cancel the round before finalisation (operator); donors and funders then take everything back",
  (t) => withRound(t),
  async (args, hre, out) => {
    const ctx = await roundCtx(hre, args);
    await out.tx("cancel", ctx.round.cancel());
    out.set("phase", PHASES[Number(await ctx.round.phase())]);
  },
);
