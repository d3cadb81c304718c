/**
 * Tasks of the cosmo-local federation: list communities and affiliations, found the federation,
 * vouch for a community (or withdraw that), propose or accept an affiliation, leave, fund an
 * affiliated community (tranches escrowed), claim due tranches, vote with a community's tokens in
 * another community (fractional split), list one's membership and check federated membership,
 * create a list of the communities a round or a work counts.
 *
 * Decisions of a community are governance proposals: `fed:vouch`, `fed:withdraw-recognition`,
 * `fed:affiliate`, `fed:leave`, `fed:fund` and `fed:co-vote` prepare the proposal (actions, id,
 * description) and, with `--submit`, propose it through the community's governor from the task's
 * account; members then vote, queue and execute it as any other proposal. `fed:found` is the
 * founder's one-time act; `fed:join` is sent by the member itself; `fed:register`, `fed:claim`,
 * `fed:reclaim` and `fed:community-list` are plain transactions anyone may send.
 */
import type { ConfigurableTaskDefinition, HardhatRuntimeEnvironment } from "hardhat/types";

import { pickSigner } from "../lib/dao";
import { TaskInputError } from "../lib/errors";
import { parseAddress, parseAmount, parseChoice, parseUint, readJsonFile } from "../lib/args";
import {
  affiliateAction,
  fractionalSplit,
  fractionalVoteAction,
  fundActions,
  leaveAction,
  vouchAction,
  withdrawRecognitionAction,
  parseDue,
  ZERO_ADDRESS,
  type ProposalAction,
  type Tally,
  type Tranche,
} from "../lib/federation";
import { requireContract, requireNamed } from "../lib/record";
import { cosmoTask, type TaskArgs, type TaskOutput } from "../lib/task";
import type {
  CommunityGovernor,
  FederatedMembership,
  FederationFunding,
  FederationRegistry,
  IERC20Metadata,
} from "../../typechain-types";

const KINDS = ["none", "bioregion", "guild"] as const;
const STATUSES = ["none", "proposed by bioregion", "proposed by guild", "active"] as const;

async function registryAt(hre: HardhatRuntimeEnvironment): Promise<FederationRegistry> {
  const address = await requireContract(hre, "federationRegistry");
  return (await hre.ethers.getContractAt("FederationRegistry", address)) as unknown as FederationRegistry;
}

async function fundingAt(hre: HardhatRuntimeEnvironment): Promise<FederationFunding> {
  const address = await requireContract(hre, "federationFunding");
  return (await hre.ethers.getContractAt("FederationFunding", address)) as unknown as FederationFunding;
}

interface ResolvedCommunity {
  label: string;
  /** The community's governance address (its timelock), by which the federation knows it. */
  timelock: string;
  governor: string;
}

/**
 * A community named in the deployment record (`dao:create` records them), or given by its
 * timelock address; either way it must be registered in the federation.
 */
async function resolveCommunity(
  hre: HardhatRuntimeEnvironment,
  registry: FederationRegistry,
  value: string | undefined,
  option: string,
): Promise<ResolvedCommunity> {
  if (!value) throw new TaskInputError(`--${option} is required (a community name or its timelock address)`);
  let timelock: string;
  if (value.startsWith("0x")) timelock = parseAddress(value, option);
  else {
    const entry = await requireNamed(hre, "community", value);
    timelock = parseAddress(String(entry.timelock), `${option} (recorded timelock)`);
  }
  const c = await registry.getCommunity(timelock);
  if (c.kind === 0n) {
    throw new TaskInputError(
      `--${option} ${value} is not registered in the federation; register it first (npx hardhat fed:register --community ${value})`,
    );
  }
  return { label: value.startsWith("0x") ? c.name : value, timelock, governor: c.governor };
}

interface ProposalArgs extends TaskArgs {
  submit: boolean;
  description?: string;
}

/**
 * Prints a prepared proposal (and its id) and, with --submit, proposes it through the
 * community's governor from the task's account.
 */
async function prepareProposal(
  hre: HardhatRuntimeEnvironment,
  out: TaskOutput,
  community: ResolvedCommunity,
  actions: ProposalAction[],
  description: string,
  args: ProposalArgs,
): Promise<void> {
  const submit = args.submit;
  const governor = (await hre.ethers.getContractAt(
    "CommunityGovernor",
    community.governor,
  )) as unknown as CommunityGovernor;
  const targets = actions.map((a) => a.target);
  const values = actions.map((a) => a.value);
  const calldatas = actions.map((a) => a.data);
  const descriptionHash = hre.ethers.id(description);
  const proposalId = await governor.hashProposal(targets, values, calldatas, descriptionHash);
  out.set("governor", community.governor);
  out.set("proposalId", proposalId.toString());
  out.set("description", description);
  out.set(
    "actions",
    actions.map((a) => ({ target: a.target, value: a.value.toString(), data: a.data })),
  );
  out.table(actions.map((a, i) => ({ "#": i, target: a.target, value: a.value, data: `${a.data.slice(0, 10)}…` })));
  if (submit) {
    const proposer = await pickSigner(hre, args.from);
    await out.tx(
      `propose in ${community.label}`,
      governor.connect(proposer).propose(targets, values, calldatas, description),
    );
    out.say(`  proposal ${proposalId} submitted to ${community.label}'s governor; members vote on it next`);
  } else {
    out.say(`  prepared, not submitted: run again with --submit to propose it in ${community.label}`);
  }
  out.set("submitted", submit);
}

function withProposalOptions(t: ConfigurableTaskDefinition) {
  return t
    .addFlag("submit", "Propose it through the community's governor (otherwise only print it)")
    .addOptionalParam("description", "The proposal's description");
}

interface RegisterArgs extends TaskArgs {
  community?: string;
  id?: string;
}

cosmoTask<RegisterArgs>(
  "fed:register",
  "List communities made by the factory in the federation's registry (anyone may; listing is not recognition)",
  (t) =>
    t
      .addOptionalParam("community", "Community names from the deployment record, comma-separated")
      .addOptionalParam("id", "A community's id in the factory"),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    const ids: bigint[] = [];
    if (args.id !== undefined) ids.push(parseUint(args.id, "id"));
    for (const name of (args.community ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean)) {
      ids.push(parseUint(String((await requireNamed(hre, "community", name)).id), `community ${name} (recorded id)`));
    }
    if (ids.length === 0) throw new TaskInputError("give --community <name[,name...]> or --id <factory id>");
    const registered = [];
    for (const id of ids) {
      const existing = await registry.communityOfFactoryId(id);
      if (existing === ZERO_ADDRESS) await out.tx(`register community ${id}`, registry.register(id));
      else out.say(`  community ${id} was already registered`);
      registered.push({
        id: id.toString(),
        community: await registry.communityOfFactoryId(id),
        new: existing === ZERO_ADDRESS,
      });
    }
    out.table(registered);
    out.set("registered", registered);
  },
);

interface FoundArgs extends TaskArgs {
  community?: string;
}

cosmoTask<FoundArgs>(
  "fed:found",
  "The founding act: name the federation's first communities (once, by the founder named at deployment)",
  (t) => t.addOptionalParam("community", "Registered communities (names or timelock addresses), comma-separated"),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    const names = (args.community ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length === 0) throw new TaskInputError("give --community <name[,name...]>: the founding communities");
    if (await registry.founded()) {
      throw new TaskInputError(
        "the federation was founded already: a community is now recognised when a recognised one vouches for it (fed:vouch)",
      );
    }
    const founder = await pickSigner(hre, args.from);
    const expected = await registry.founder();
    if ((await founder.getAddress()).toLowerCase() !== expected.toLowerCase()) {
      throw new TaskInputError(`only the founder named at deployment (${expected}) performs the founding act`);
    }
    const communities = [];
    for (const name of names) communities.push(await resolveCommunity(hre, registry, name, "community"));
    await out.tx(
      `found the federation with ${communities.map((c) => c.label).join(", ")}`,
      registry.connect(founder).found(communities.map((c) => c.timelock)),
    );
    const founded = communities.map((c) => ({ name: c.label, timelock: c.timelock }));
    out.table(founded);
    out.set("founded", founded);
  },
);

interface VouchArgs extends ProposalArgs {
  community?: string;
  for?: string;
}

cosmoTask<VouchArgs>(
  "fed:vouch",
  "Prepare (and with --submit, propose) a recognised community's vouch for another, which recognises it",
  (t) =>
    withProposalOptions(
      t
        .addOptionalParam("community", "The recognised community vouching (name or timelock address)")
        .addOptionalParam("for", "The registered community vouched for (name or timelock address)"),
    ),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    const me = await resolveCommunity(hre, registry, args.community, "community");
    const other = await resolveCommunity(hre, registry, args.for, "for");
    const [recognised, depth] = await registry.recognition(me.timelock);
    if (!recognised) {
      throw new TaskInputError(`${me.label} is not recognised itself: only a recognised community can vouch`);
    }
    if (depth >= (await registry.maxDepth())) {
      throw new TaskInputError(`${me.label} is ${depth} vouches from a founding community, the most allowed`);
    }
    if (await registry.isRecognised(other.timelock)) throw new TaskInputError(`${other.label} is recognised already`);
    const description = args.description ?? `Vouch for ${other.label} in the cosmo-local federation`;
    await prepareProposal(hre, out, me, [vouchAction(await registry.getAddress(), other.timelock)], description, args);
  },
);

interface WithdrawArgs extends ProposalArgs {
  community?: string;
  of?: string;
}

cosmoTask<WithdrawArgs>(
  "fed:withdraw-recognition",
  "Prepare (and with --submit, propose) the withdrawal of a community's recognition, by its voucher or itself",
  (t) =>
    withProposalOptions(
      t
        .addOptionalParam("community", "The community deciding: the voucher, or the community itself")
        .addOptionalParam("of", "The community whose recognition ends (default: --community itself)"),
    ),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    const me = await resolveCommunity(hre, registry, args.community, "community");
    const other = args.of ? await resolveCommunity(hre, registry, args.of, "of") : me;
    const voucher = await registry.voucherOf(other.timelock);
    const self = other.timelock.toLowerCase() === me.timelock.toLowerCase();
    if (!self && voucher.toLowerCase() !== me.timelock.toLowerCase()) {
      throw new TaskInputError(`${me.label} did not vouch for ${other.label}: only its voucher or itself can withdraw`);
    }
    if (voucher === ZERO_ADDRESS && !(await registry.isFounding(other.timelock))) {
      throw new TaskInputError(`${other.label} has no vouch or founding status to withdraw`);
    }
    const description = args.description ?? `Withdraw the recognition of ${other.label}`;
    await prepareProposal(
      hre,
      out,
      me,
      [withdrawRecognitionAction(await registry.getAddress(), other.timelock)],
      description,
      args,
    );
  },
);

interface ListArgs extends TaskArgs {
  community?: string;
}

cosmoTask<ListArgs>(
  "fed:list",
  "List the federation's communities, or one community's affiliations and grants",
  (t) => t.addOptionalParam("community", "Show this community (name or timelock address) in detail"),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    if (!args.community) {
      const count = await registry.communityCount();
      const rows = [];
      for (let i = 0n; i < count; i++) {
        const address = await registry.communityAt(i);
        const c = await registry.getCommunity(address);
        const [counterparts, statuses] = await registry.affiliationsOf(address);
        rows.push({
          name: c.name,
          kind: KINDS[Number(c.kind)],
          timelock: address,
          factoryId: c.fromFactory ? c.factoryId.toString() : "-",
          recognised: await registry.isRecognised(address),
          founding: await registry.isFounding(address),
          voucher: await registry.voucherOf(address),
          affiliations: statuses.filter((s) => s === 3n).length,
          pending: counterparts.length - statuses.filter((s) => s === 3n).length,
        });
      }
      out.table(rows);
      out.set("communities", rows);
      return;
    }
    const community = await resolveCommunity(hre, registry, args.community, "community");
    const c = await registry.getCommunity(community.timelock);
    const [counterparts, statuses] = await registry.affiliationsOf(community.timelock);
    const affiliations = [];
    for (let i = 0; i < counterparts.length; i++) {
      const other = await registry.getCommunity(counterparts[i]);
      const a = await registry.getAffiliation(community.timelock, counterparts[i]);
      affiliations.push({
        with: other.name,
        timelock: counterparts[i],
        status: STATUSES[Number(statuses[i])],
        epoch: a.epoch.toString(),
        since: new Date(Number(a.since) * 1000).toISOString(),
      });
    }
    out.say(`  ${c.name}: ${KINDS[Number(c.kind)]}, timelock ${community.timelock}, governor ${c.governor}`);
    out.table(affiliations);
    const grants = await grantsOf(hre, community.timelock);
    out.table(
      grants.map((g) => ({
        grant: g.grantId,
        from: g.funder,
        to: g.recipient,
        token: g.token === ZERO_ADDRESS ? "native" : g.token,
        total: g.total,
        claimable: g.claimable,
      })),
    );
    out.set("community", {
      name: c.name,
      kind: KINDS[Number(c.kind)],
      timelock: community.timelock,
      governor: c.governor,
    });
    out.set("affiliations", affiliations);
    out.set("grants", grants);
  },
);

interface GrantView {
  grantId: string;
  funder: string;
  beneficiary: string;
  recipient: string;
  token: string;
  total: string;
  claimable: string;
  reclaimable: string;
}

/** Grants made to or by `community`, found through the escrow's `GrantFunded` events. */
async function grantsOf(hre: HardhatRuntimeEnvironment, community: string): Promise<GrantView[]> {
  const funding = await fundingAt(hre);
  const to = await funding.queryFilter(funding.filters.GrantFunded(undefined, undefined, community));
  const from = await funding.queryFilter(funding.filters.GrantFunded(undefined, community));
  const seen = new Set<string>();
  const views: GrantView[] = [];
  for (const e of [...to, ...from]) {
    const id = e.args.grantId;
    if (seen.has(id.toString())) continue;
    seen.add(id.toString());
    views.push({
      grantId: id.toString(),
      funder: e.args.funder,
      beneficiary: e.args.beneficiary,
      recipient: e.args.recipient,
      token: e.args.token,
      total: e.args.total.toString(),
      claimable: (await funding.claimable(id))[0].toString(),
      reclaimable: (await funding.reclaimable(id))[0].toString(),
    });
  }
  return views;
}

interface AffiliateArgs extends ProposalArgs {
  community?: string;
  with?: string;
}

/** The options of a decision about an affiliation: who decides, about whom. */
function withPairOptions(t: ConfigurableTaskDefinition, counterpart: string) {
  return withProposalOptions(
    t
      .addOptionalParam("community", "The community deciding (name or timelock address)")
      .addOptionalParam("with", `${counterpart} (name or timelock address)`),
  );
}

/** The two communities of `--community` and `--with`, and where they stand with each other. */
async function resolvePair(hre: HardhatRuntimeEnvironment, args: AffiliateArgs) {
  const registry = await registryAt(hre);
  const me = await resolveCommunity(hre, registry, args.community, "community");
  const other = await resolveCommunity(hre, registry, args.with, "with");
  const affiliation = await registry.getAffiliation(me.timelock, other.timelock);
  return { registry, me, other, affiliation };
}

cosmoTask<AffiliateArgs>(
  "fed:affiliate",
  "Prepare (and with --submit, propose) a community's proposal to affiliate with another, or to accept its proposal",
  (t) => withPairOptions(t, "The bioregion or guild to affiliate with"),
  async (args, hre, out) => {
    const { registry, me, other, affiliation: a } = await resolvePair(hre, args);
    const [kindMe, kindOther] = [await registry.kindOf(me.timelock), await registry.kindOf(other.timelock)];
    if (kindMe === kindOther) {
      throw new TaskInputError(
        `${me.label} and ${other.label} are both ${KINDS[Number(kindMe)]}s: only a bioregion and a guild affiliate`,
      );
    }
    const mine = kindMe === 1n ? 1n : 2n;
    if (a.status === 3n) throw new TaskInputError(`${me.label} and ${other.label} are already affiliated`);
    if (a.status === mine)
      throw new TaskInputError(`${me.label} already proposed; ${other.label}'s governance must accept`);
    const step = a.status === 0n ? "propose" : "accept";
    out.set("step", step);
    const description =
      args.description ??
      (step === "propose"
        ? `Propose an affiliation with ${other.label} in the cosmo-local federation`
        : `Accept the affiliation ${other.label} proposed in the cosmo-local federation`);
    await prepareProposal(
      hre,
      out,
      me,
      [affiliateAction(await registry.getAddress(), other.timelock)],
      description,
      args,
    );
  },
);

cosmoTask<AffiliateArgs>(
  "fed:leave",
  "Prepare (and with --submit, propose) a community's proposal to end an affiliation or withdraw its proposal",
  (t) => withPairOptions(t, "The counterpart"),
  async (args, hre, out) => {
    const { registry, me, other, affiliation: a } = await resolvePair(hre, args);
    if (a.status === 0n)
      throw new TaskInputError(`${me.label} and ${other.label} are not affiliated and nothing is proposed`);
    out.set("step", a.status === 3n ? "end" : "withdraw");
    const description = args.description ?? `End the affiliation with ${other.label}`;
    await prepareProposal(hre, out, me, [leaveAction(await registry.getAddress(), other.timelock)], description, args);
  },
);

interface TrancheInput {
  amount: string;
  /** A unix timestamp, an ISO date, or "+<n><s|m|h|d|w>" from now. */
  due: string | number;
}

interface FundFile {
  recipient?: string;
  token?: string;
  purpose?: string;
  tranches: TrancheInput[];
}

interface FundArgs extends ProposalArgs {
  community?: string;
  to?: string;
  recipient?: string;
  token?: string;
  tranches?: string;
  file?: string;
  purpose?: string;
}

cosmoTask<FundArgs>(
  "fed:fund",
  "Prepare (and with --submit, propose) a community's grant to an affiliated community, escrowed as tranches",
  (t) =>
    withProposalOptions(
      t
        .addOptionalParam("community", "The funding community (name or timelock address)")
        .addOptionalParam("to", "The affiliated community funded (name or timelock address)")
        .addOptionalParam("recipient", "A project inside it that receives the tranches (default: the community)")
        .addOptionalParam("token", "ERC-20 address, or 'native' (default)")
        .addOptionalParam("tranches", 'Tranches "amount@due,...", e.g. "2@+1d,3@+30d,5@2027-03-01"')
        .addOptionalParam("file", "JSON file { recipient?, token?, purpose?, tranches: [{ amount, due }] }")
        .addOptionalParam("purpose", "URI saying what the grant is for"),
    ),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    const funding = await fundingAt(hre);
    const funder = await resolveCommunity(hre, registry, args.community, "community");
    const beneficiary = await resolveCommunity(hre, registry, args.to, "to");
    const file = args.file ? readJsonFile<FundFile>(args.file, "file") : undefined;
    const tokenText = args.token ?? file?.token ?? "native";
    const token = tokenText === "native" ? ZERO_ADDRESS : parseAddress(tokenText, "token");
    const recipientText = args.recipient ?? file?.recipient;
    const recipient = recipientText ? parseAddress(recipientText, "recipient") : ZERO_ADDRESS;
    const purpose = args.purpose ?? file?.purpose ?? "";
    let decimals = 18;
    if (token !== ZERO_ADDRESS) {
      const erc20 = (await hre.ethers.getContractAt("IERC20Metadata", token)) as unknown as IERC20Metadata;
      decimals = Number(await erc20.decimals());
    }
    const inputs: TrancheInput[] =
      file?.tranches ??
      (args.tranches ?? "")
        .split(",")
        .filter(Boolean)
        .map((part) => {
          const [amount, due] = part.split("@");
          return { amount: amount?.trim(), due: due?.trim() ?? "" };
        });
    if (inputs.length === 0) throw new TaskInputError('give --tranches "amount@due,..." or --file with tranches');
    const max = Number(await funding.maxTranches());
    if (inputs.length > max) throw new TaskInputError(`${inputs.length} tranches; a grant has at most ${max}`);
    const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
    const tranches: Tranche[] = inputs.map((t, i) => ({
      amount: parseAmount(String(t.amount), decimals, `tranches[${i}].amount`),
      dueAt: parseDue(t.due, now, `tranches[${i}].due`),
    }));
    tranches.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    for (const [i, t] of tranches.entries()) {
      if (t.amount === 0n) throw new TaskInputError(`tranche ${i} has a zero amount`);
    }
    if (!(await registry.isAffiliated(funder.timelock, beneficiary.timelock))) {
      throw new TaskInputError(
        `${funder.label} and ${beneficiary.label} are not affiliated: a grant is only possible between affiliated communities (fed:affiliate)`,
      );
    }
    const total = tranches.reduce((s, t) => s + t.amount, 0n);
    const description =
      args.description ??
      `Fund ${beneficiary.label}: ${hre.ethers.formatUnits(total, decimals)} in ${tranches.length} tranche(s)`;
    out.set("total", total.toString());
    out.set(
      "tranches",
      tranches.map((t) => ({ amount: t.amount.toString(), dueAt: t.dueAt.toString() })),
    );
    out.table(
      tranches.map((t, i) => ({
        tranche: i,
        amount: hre.ethers.formatUnits(t.amount, decimals),
        due: new Date(Number(t.dueAt) * 1000).toISOString(),
      })),
    );
    const actions = fundActions(await funding.getAddress(), beneficiary.timelock, recipient, token, tranches, purpose);
    await prepareProposal(hre, out, funder, actions, description, args);
  },
);

interface ClaimArgs extends TaskArgs {
  grant?: string;
  community?: string;
}

/** The grant ids the option names: one `--grant`, or every grant to `--community` with something due. */
async function grantIds(hre: HardhatRuntimeEnvironment, args: ClaimArgs, field: "claimable" | "reclaimable") {
  if (args.grant !== undefined) return [parseUint(args.grant, "grant")];
  if (!args.community) throw new TaskInputError("give --grant <id> or --community <name>");
  const registry = await registryAt(hre);
  const community = await resolveCommunity(hre, registry, args.community, "community");
  return (await grantsOf(hre, community.timelock)).filter((g) => BigInt(g[field]) > 0n).map((g) => BigInt(g.grantId));
}

cosmoTask<ClaimArgs>(
  "fed:claim",
  "Pay due tranches to their recipient (anyone may send it): one grant, or every grant to a community",
  (t) =>
    t
      .addOptionalParam("grant", "The grant id")
      .addOptionalParam(
        "community",
        "Claim every grant to this community (name or timelock address) with tranches due",
      ),
  async (args, hre, out) => {
    const funding = await fundingAt(hre);
    const ids = await grantIds(hre, args, "claimable");
    if (ids.length === 0) out.say("  nothing is due");
    const claimed = [];
    for (const id of ids) {
      const [amount] = await funding.claimable(id);
      await out.tx(`claim grant ${id}`, funding.claim(id));
      claimed.push({
        grant: id.toString(),
        amount: amount.toString(),
        recipient: (await funding.getGrant(id)).recipient,
      });
    }
    out.table(claimed);
    out.set("claimed", claimed);
  },
);

cosmoTask<ClaimArgs>(
  "fed:reclaim",
  "Return to the funder the tranches an ended affiliation cut off (anyone may send it)",
  (t) =>
    t
      .addOptionalParam("grant", "The grant id")
      .addOptionalParam("community", "Reclaim every grant to this community (name or timelock address)"),
  async (args, hre, out) => {
    const funding = await fundingAt(hre);
    const ids = await grantIds(hre, args, "reclaimable");
    if (ids.length === 0) out.say("  nothing to reclaim");
    const reclaimed = [];
    for (const id of ids) {
      const [amount] = await funding.reclaimable(id);
      await out.tx(`reclaim grant ${id}`, funding.reclaim(id));
      reclaimed.push({ grant: id.toString(), amount: amount.toString(), funder: (await funding.getGrant(id)).funder });
    }
    out.table(reclaimed);
    out.set("reclaimed", reclaimed);
  },
);

interface CoVoteArgs extends ProposalArgs {
  community?: string;
  in?: string;
  proposal?: string;
  poll?: string;
  support?: string;
  reason?: string;
}

cosmoTask<CoVoteArgs>(
  "fed:co-vote",
  "Prepare (and with --submit, propose) a community's vote with its tokens in another community's governor, split as its own members voted in a poll",
  (t) =>
    withProposalOptions(
      t
        .addOptionalParam("community", "The voting community (name or timelock address)")
        .addOptionalParam("in", "The community whose proposal it votes on (name or timelock address)")
        .addOptionalParam("proposal", "The proposal id in that community's governor")
        .addOptionalParam("poll", "A finished proposal of the voting community whose tally gives the split")
        .addOptionalParam("support", "Instead of a poll: for, against or abstain with the whole weight")
        .addOptionalParam("reason", "The reason recorded with the vote"),
    ),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    const me = await resolveCommunity(hre, registry, args.community, "community");
    const other = await resolveCommunity(hre, registry, args.in, "in");
    const proposalId = parseUint(args.proposal, "proposal");
    const target = (await hre.ethers.getContractAt(
      "CommunityGovernor",
      other.governor,
    )) as unknown as CommunityGovernor;
    const snapshot = await target.proposalSnapshot(proposalId);
    if (snapshot === 0n) throw new TaskInputError(`${other.label} has no proposal ${proposalId}`);
    const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
    if (snapshot >= now)
      throw new TaskInputError(`proposal ${proposalId} takes its snapshot at ${snapshot}; wait until then`);
    const weight = (await target.getVotes(me.timelock, snapshot)) - (await target.usedVotes(proposalId, me.timelock));
    if (weight === 0n)
      throw new TaskInputError(`${me.label} has no votes left on proposal ${proposalId} of ${other.label}`);
    let split: Tally;
    if (args.poll !== undefined) {
      const pollId = parseUint(args.poll, "poll");
      const mine = (await hre.ethers.getContractAt("CommunityGovernor", me.governor)) as unknown as CommunityGovernor;
      const state = await mine.state(pollId).catch(() => {
        throw new TaskInputError(`${me.label} has no proposal ${pollId} to use as a poll`);
      });
      if (state <= 1n) throw new TaskInputError(`poll ${pollId} of ${me.label} is still open; wait for its deadline`);
      const [against, forVotes, abstain] = await mine.proposalVotes(pollId);
      if (against + forVotes + abstain === 0n) throw new TaskInputError(`nobody voted in poll ${pollId}`);
      split = fractionalSplit(weight, { against, for: forVotes, abstain });
    } else {
      const support = parseChoice(args.support, ["for", "against", "abstain"] as const, "support");
      split = { against: 0n, for: 0n, abstain: 0n, [support]: weight };
    }
    out.set("weight", weight.toString());
    out.set("split", {
      against: split.against.toString(),
      for: split.for.toString(),
      abstain: split.abstain.toString(),
    });
    out.say(
      `  ${me.label} votes ${hre.ethers.formatEther(weight)} in ${other.label}: for ${hre.ethers.formatEther(split.for)}, against ${hre.ethers.formatEther(split.against)}, abstain ${hre.ethers.formatEther(split.abstain)}`,
    );
    const reason = args.reason ?? (args.poll ? `As our members voted in poll ${args.poll}` : "");
    const description = args.description ?? `Vote in ${other.label} on proposal ${proposalId}`;
    await prepareProposal(
      hre,
      out,
      me,
      [fractionalVoteAction(other.governor, proposalId, split, reason)],
      description,
      args,
    );
  },
);

interface MemberArgs extends TaskArgs {
  account?: string;
  community?: string;
}

interface JoinArgs extends TaskArgs {
  community?: string;
}

cosmoTask<JoinArgs>(
  "fed:join",
  "List a recognised community you belong to in the federated membership view (sent by the member itself)",
  (t) => t.addOptionalParam("community", "The community (name or timelock address)"),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    const community = await resolveCommunity(hre, registry, args.community, "community");
    if (!(await registry.isRecognised(community.timelock))) {
      throw new TaskInputError(
        `${community.label} is not recognised by the federation: a recognised community must vouch for it first (fed:vouch)`,
      );
    }
    const member = await pickSigner(hre, args.from);
    const account = await member.getAddress();
    const federated = (await hre.ethers.getContractAt(
      "FederatedMembership",
      await requireContract(hre, "federatedMembership"),
    )) as unknown as FederatedMembership;
    await out.tx(`list ${community.label} for ${account}`, federated.connect(member).join(community.timelock));
    out.set("account", account);
    out.set("communities", await federated.memberCommunitiesOf(account));
  },
);

interface CommunityListArgs extends TaskArgs {
  communities?: string;
}

cosmoTask<CommunityListArgs>(
  "fed:community-list",
  "Create a list of federation communities that a round's eligibility or a work's terms can count (anyone may)",
  (t) => t.addOptionalParam("communities", "Registered communities (names or timelock addresses), comma-separated"),
  async (args, hre, out) => {
    const registry = await registryAt(hre);
    const names = (args.communities ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length === 0) throw new TaskInputError("give --communities <name[,name...]>");
    const communities = [];
    for (const name of names) communities.push(await resolveCommunity(hre, registry, name, "communities"));
    const federated = await requireContract(hre, "federatedMembership");
    const list = await hre.ethers.deployContract("FederatedCommunityList", [
      federated,
      communities.map((c) => c.timelock),
    ]);
    await out.tx(
      `create a list of ${communities.map((c) => c.label).join(", ")}`,
      Promise.resolve(list.deploymentTransaction()!),
    );
    const address = await list.getAddress();
    out.say(`  list at ${address}: point a round's membership eligibility or a work's membership terms at it`);
    out.set("list", address);
    out.set(
      "communities",
      communities.map((c) => ({ name: c.label, timelock: c.timelock })),
    );
  },
);

cosmoTask<MemberArgs>(
  "fed:member",
  "Say whether an account is a member of the federation, and of which communities",
  (t) => t.addOptionalParam("account", "The address to check"),
  async (args, hre, out) => {
    const account = parseAddress(args.account, "account");
    const registry = await registryAt(hre);
    const federated = (await hre.ethers.getContractAt(
      "FederatedMembership",
      await requireContract(hre, "federatedMembership"),
    )) as unknown as FederatedMembership;
    const communities = await federated.memberCommunitiesOf(account);
    const names: string[] = [];
    for (const c of communities) names.push((await registry.getCommunity(c)).name);
    out.say(
      `  ${account} ${communities.length ? `is a member of ${names.join(", ")}` : "is not a member of any listed community"}`,
    );
    out.set("isMember", await federated.isMember(account));
    out.set(
      "communities",
      communities.map((c, i) => ({ timelock: c, name: names[i] })),
    );
  },
);
