/**
 * Tasks for founders and members of bioregional and guild DAOs: create a community, read it,
 * propose, vote (or sign a vote for someone else to relay), queue, execute, cancel an expired proposal,
 * list proposals, delegate.
 */
import { Contract, Interface, formatEther, formatUnits, getAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { CommunityFactory } from "../../typechain-types";
import { parseAddress, parseAmount, parseChoice, parseHalfLife, parseUint, readJsonFile } from "../lib/args";
import {
  STATES,
  SUPPORTS,
  TOKEN_DECIMALS,
  ballotTypedData,
  findProposal,
  listProposals,
  loadCommunity,
  parseCommunityFile,
  pickSigner,
  thresholdUnits,
  type CommunityFile,
  type CommunityHandles,
} from "../lib/dao";
import { TaskInputError } from "../lib/errors";
import {
  chainNow,
  formatAmount,
  formatDuration,
  formatHalfLife,
  formatSqrtTokens,
  formatTime,
  shortId,
} from "../lib/format";
import { loadRecord, recordNamed, requireContract, requireNewName } from "../lib/record";
import { cosmoTask, type TaskArgs, type TaskOutput } from "../lib/task";
import { resolveToken } from "../lib/tokens";

/** Votes in tokens (simple counting) or √tokens (quadratic counting). */
function formatWeight(v: bigint, counting: "simple" | "quadratic"): string {
  return counting === "quadratic" ? formatSqrtTokens(v) : `${formatAmount(v)} tokens`;
}

interface CreateArgs extends TaskArgs {
  file?: string;
  halfLife?: string;
}

cosmoTask<CreateArgs>(
  "dao:create",
  "Create a bioregion or guild (token, governor, timelock, accounting, membrane, profile) from a JSON file",
  (t) =>
    t
      .addParam("file", "JSON file: kind, name, symbol, area or domain, charter, counting, governor, founders ...")
      .addOptionalParam(
        "halfLife",
        "Recency: the time in which a contribution's weight halves, e.g. 90d or 1y; off (default) or 0 for none",
      ),
  async (args, hre, out) => {
    const spec = parseCommunityFile(readJsonFile<CommunityFile>(args.file, "file"));
    if (args.halfLife !== undefined) spec.accounting.halfLife = parseHalfLife(args.halfLife, "half-life");
    await requireNewName(hre, "community", spec.config.identity.name);
    const factory = (await hre.ethers.getContractAt(
      "CommunityFactory",
      await requireContract(hre, "communityFactory"),
    )) as unknown as CommunityFactory;
    const signer = await pickSigner(hre, args.from);
    const receipt = await out.tx(
      `create ${spec.kind} "${spec.config.identity.name}"`,
      factory.connect(signer).createCommunityWithAccounting(spec.config, spec.accounting, spec.founders, spec.amounts),
    );
    const created = receipt.logs
      .map((l) => {
        try {
          return factory.interface.parseLog(l);
        } catch {
          return null;
        }
      })
      .find((l) => l?.name === "CommunityCreated");
    if (!created) throw new TaskInputError(`no CommunityCreated event in ${receipt.hash}`);
    const id = created.args.id as bigint;
    const c = await factory.getCommunity(id);
    const entry = {
      id: Number(id),
      kind: spec.kind,
      counting: spec.counting,
      block: receipt.blockNumber,
      token: c.token,
      membership: c.membership,
      registry: c.registry,
      epochs: c.epochs,
      governor: c.governor,
      timelock: c.timelock,
      profile: c.profile,
      membrane: c.membrane,
    };
    await recordNamed(hre, "community", spec.config.identity.name, entry);
    out.say(`  community ${id}: ${spec.config.identity.name} (${spec.kind}, ${spec.counting} counting)`);
    out.table(
      Object.entries(entry)
        .filter(([, v]) => typeof v === "string" && v.startsWith("0x"))
        .map(([k, v]) => ({ contract: k, address: String(v) })),
    );
    out.set("id", Number(id));
    out.set("name", spec.config.identity.name);
    out.set("community", entry);
  },
);

interface CommunityArgs extends TaskArgs {
  community?: string;
}

cosmoTask<CommunityArgs>(
  "dao:info",
  "Show a community: identity, governance rules, treasury, token supply, members",
  (t) => t.addParam("community", "Community name (as given to dao:create)"),
  async (args, hre, out) => {
    const c = await loadCommunity(hre, args.community);
    const id = await c.profile.identity();
    const supply = await c.token.totalSupply();
    const now = await c.governor.clock();
    const info = {
      name: id.name,
      kind: Number(id.kind) === 0 ? "bioregion" : "guild",
      area: id.areaURI,
      areaHash: id.areaHash,
      domain: id.domain,
      charter: id.charterURI,
      charterHash: id.charterHash,
      counting: c.counting,
      countingMode: await c.governor.COUNTING_MODE(),
      votingDelay: Number(await c.governor.votingDelay()),
      votingPeriod: Number(await c.governor.votingPeriod()),
      proposalThreshold: (await c.governor.proposalThreshold()).toString(),
      quorumPercent: Number(await c.governor["quorumNumerator()"]()),
      quorumNow: (await c.governor.quorum(now - 1n)).toString(),
      // The quadratic quorum is a share of this: the sum of every member's square-root weight.
      ...(c.counting === "quadratic"
        ? { totalQuadraticWeight: (await c.token.getPastTotalQuadraticWeight(now - 1n)).toString() }
        : {}),
      lateQuorumExtension: Number(await c.governor.lateQuorumVoteExtension()),
      timelockDelay: Number(await c.timelock.getMinDelay()),
      treasury: await c.timelock.getAddress(),
      treasuryNative: formatEther(await hre.ethers.provider.getBalance(await c.timelock.getAddress())),
      tokenSupply: formatUnits(supply, TOKEN_DECIMALS),
      totalWeight: formatUnits(await c.token.totalWeight(), TOKEN_DECIMALS),
      halfLife: Number(await c.token.halfLife()),
      members: Number(await c.membership.memberCount()),
    };
    const treasury = await treasuryBalances(hre, c);
    const readable: Record<string, string> = {
      ...Object.fromEntries(Object.entries(info).map(([k, v]) => [k, String(v)])),
      votingDelay: formatDuration(info.votingDelay),
      votingPeriod: formatDuration(info.votingPeriod),
      lateQuorumExtension: formatDuration(info.lateQuorumExtension),
      timelockDelay: formatDuration(info.timelockDelay),
      proposalThreshold: formatWeight(BigInt(info.proposalThreshold), c.counting),
      quorumNow: formatWeight(BigInt(info.quorumNow), c.counting),
      quorumPercent: `${info.quorumPercent} %`,
      tokenSupply: `${formatAmount(supply)} tokens earned in all`,
      totalWeight: `${info.totalWeight} tokens weigh now`,
      halfLife: formatHalfLife(info.halfLife),
    };
    delete readable.treasuryNative;
    out.table(Object.entries(readable).map(([k, v]) => ({ field: k, value: v })));
    out.say(`  treasury (the timelock, ${info.treasury}):`);
    out.table(treasury.map((b) => ({ asset: b.symbol, balance: formatAmount(b.balance, b.decimals, b.symbol) })));
    out.say(`  add to it with: npx hardhat dao:deposit --community "${c.name}" --amount <amount> [--token <token>]`);
    out.set("info", info);
    out.set(
      "treasury",
      treasury.map((b) => ({
        token: b.address,
        symbol: b.symbol,
        decimals: b.decimals,
        balance: b.balance.toString(),
      })),
    );
    out.set("addresses", c.addresses);
  },
);

interface ProposeArgs extends TaskArgs {
  community?: string;
  file?: string;
  force: boolean;
}

/** An action in a `dao:propose` file. */
interface ActionSpec {
  type: string;
  to?: string;
  token?: string;
  amount?: string;
  decimals?: number;
  name?: string;
  value?: string | number;
  account?: string;
  target?: string;
  signature?: string;
  args?: unknown[];
}

interface EncodedAction {
  target: string;
  value: bigint;
  data: string;
  summary: string;
  /** An ERC-20 the action pays out of the treasury. */
  pays?: { token: string; amount: bigint };
}

interface Balance {
  address: string;
  symbol: string;
  decimals: number;
  balance: bigint;
}

/** The treasury's native balance and its balance of each token recorded on this network. */
async function treasuryBalances(hre: HardhatRuntimeEnvironment, c: CommunityHandles, extra: string[] = []) {
  const treasury = await c.timelock.getAddress();
  const native = await resolveToken(hre, "native", "token");
  const rows: Balance[] = [{ ...native, balance: await hre.ethers.provider.getBalance(treasury) }];
  const rec = await loadRecord(hre);
  const tokens = new Set([...Object.values(rec.named.token ?? {}).map((t) => getAddress(String(t.address))), ...extra]);
  for (const address of tokens) {
    const t = await resolveToken(hre, address, "token");
    const erc20 = new Contract(address, ["function balanceOf(address) view returns (uint256)"], hre.ethers.provider);
    rows.push({ ...t, balance: (await erc20.getFunction("balanceOf").staticCall(treasury)) as bigint });
  }
  return rows;
}

/**
 * Refuses (unless `force`) a proposal whose actions pay out more than the treasury holds now: it
 * would pass a vote and then fail at execution.
 */
async function checkTreasuryCovers(
  hre: HardhatRuntimeEnvironment,
  c: CommunityHandles,
  actions: EncodedAction[],
  force: boolean,
  out: TaskOutput,
): Promise<void> {
  const need = new Map<string, bigint>();
  const add = (token: string, amount: bigint) => need.set(token, (need.get(token) ?? 0n) + amount);
  for (const a of actions) {
    if (a.value > 0n) add(hre.ethers.ZeroAddress, a.value);
    if (a.pays) add(getAddress(a.pays.token), a.pays.amount);
  }
  if (need.size === 0) return;
  const balances = await treasuryBalances(
    hre,
    c,
    [...need.keys()].filter((t) => t !== hre.ethers.ZeroAddress),
  );
  const short: string[] = [];
  for (const [token, amount] of need) {
    const b = balances.find((x) => x.address === token) as Balance;
    if (b.balance < amount) {
      short.push(
        `pays out ${formatAmount(amount, b.decimals, b.symbol)} but the treasury holds ${formatAmount(b.balance, b.decimals, b.symbol)}`,
      );
    }
  }
  if (short.length === 0) return;
  const message =
    `the proposal ${short.join("; ")}: it would pass a vote and then fail at execution. ` +
    `Add funds first (npx hardhat dao:deposit --community "${c.name}" --amount <amount>), ` +
    `or give --force if they will arrive before execution`;
  if (!force) throw new TaskInputError(message);
  out.say(`  warning: ${message}`);
}

const ERC20_ABI = ["function decimals() view returns (uint8)", "function transfer(address to, uint256 amount)"];

const SETTINGS = [
  "votingDelay",
  "votingPeriod",
  "proposalThreshold",
  "quorumPercent",
  "lateQuorumExtension",
  "timelockDelay",
  "endorsementThreshold",
  "halfLife",
] as const;

async function encodeAction(
  hre: HardhatRuntimeEnvironment,
  c: CommunityHandles,
  a: ActionSpec,
  i: number,
): Promise<EncodedAction> {
  const label = `file: actions[${i}]`;
  const type = parseChoice(
    a.type,
    ["transfer-native", "transfer-erc20", "setting", "admit-member", "call"],
    `${label}.type`,
  );
  switch (type) {
    case "transfer-native": {
      const to = parseAddress(a.to, `${label}.to`);
      const value = parseAmount(a.amount, 18, `${label}.amount`);
      return { target: to, value, data: "0x", summary: `pay ${a.amount} native to ${to}` };
    }
    case "transfer-erc20": {
      const token = parseAddress(a.token, `${label}.token`);
      const to = parseAddress(a.to, `${label}.to`);
      const erc20 = new Contract(token, ERC20_ABI, hre.ethers.provider);
      const decimals = a.decimals ?? Number(await erc20.getFunction("decimals").staticCall());
      const amount = parseAmount(a.amount, decimals, `${label}.amount`);
      return {
        target: token,
        value: 0n,
        data: erc20.interface.encodeFunctionData("transfer", [to, amount]),
        summary: `pay ${a.amount} of ${token} to ${to}`,
        pays: { token, amount },
      };
    }
    case "setting": {
      const name = parseChoice(a.name, SETTINGS, `${label}.name`);
      const g = c.governor.interface;
      const governor = await c.governor.getAddress();
      const n = (v: unknown) => parseUint(v as string, `${label}.value`);
      const value = String(a.value);
      const calls: Record<(typeof SETTINGS)[number], () => Promise<{ target: string; data: string }>> = {
        votingDelay: async () => ({ target: governor, data: g.encodeFunctionData("setVotingDelay", [n(value)]) }),
        votingPeriod: async () => ({ target: governor, data: g.encodeFunctionData("setVotingPeriod", [n(value)]) }),
        proposalThreshold: async () => ({
          target: governor,
          data: g.encodeFunctionData("setProposalThreshold", [
            thresholdUnits(parseAmount(value, TOKEN_DECIMALS, `${label}.value`), c.counting),
          ]),
        }),
        quorumPercent: async () => ({
          target: governor,
          data: g.encodeFunctionData("updateQuorumNumerator", [n(value)]),
        }),
        lateQuorumExtension: async () => ({
          target: governor,
          data: g.encodeFunctionData("setLateQuorumVoteExtension", [n(value)]),
        }),
        timelockDelay: async () => ({
          target: await c.timelock.getAddress(),
          data: c.timelock.interface.encodeFunctionData("updateDelay", [n(value)]),
        }),
        endorsementThreshold: async () => ({
          target: await c.membership.getAddress(),
          data: c.membership.interface.encodeFunctionData("setEndorsementThreshold", [n(value)]),
        }),
        // Recency: "90d", "1y", or "off"; applies from the proposal's execution on.
        halfLife: async () => ({
          target: await c.token.getAddress(),
          data: c.token.interface.encodeFunctionData("setHalfLife", [parseHalfLife(value, `${label}.value`)]),
        }),
      };
      const call = await calls[name]();
      return { ...call, value: 0n, summary: `set ${name} to ${value}` };
    }
    case "admit-member": {
      const account = parseAddress(a.account, `${label}.account`);
      return {
        target: await c.membership.getAddress(),
        value: 0n,
        data: c.membership.interface.encodeFunctionData("admit", [account]),
        summary: `admit ${account} as a member`,
      };
    }
    case "call": {
      const target = parseAddress(a.target, `${label}.target`);
      if (!a.signature) throw new TaskInputError(`${label}.signature is required, e.g. "function setName(string)"`);
      let data: string;
      try {
        const iface = new Interface([a.signature]);
        const fn = iface.fragments[0];
        if (fn.type !== "function") throw new Error("not a function");
        data = iface.encodeFunctionData(iface.getFunctionName(a.signature), a.args ?? []);
      } catch (e) {
        throw new TaskInputError(`${label}: cannot encode ${a.signature}: ${(e as Error).message}`);
      }
      const value = a.value === undefined ? 0n : parseAmount(String(a.value), 18, `${label}.value`);
      return { target, value, data, summary: `call ${a.signature} on ${target}` };
    }
  }
}

cosmoTask<ProposeArgs>(
  "dao:propose",
  "Propose actions (transfer native/ERC-20, change a setting, admit a member, any call) from a JSON file",
  (t) =>
    t
      .addParam("community", "Community name")
      .addParam("file", 'JSON file: { "description": "...", "actions": [ { "type": "transfer-native", ... } ] }')
      .addFlag("force", "Propose even if the actions pay out more than the treasury holds now"),
  async (args, hre, out) => {
    const c = await loadCommunity(hre, args.community);
    const spec = readJsonFile<{ description?: string; actions?: ActionSpec[] }>(args.file, "file");
    if (!spec.description) throw new TaskInputError(`--file: "description" is required`);
    if (!Array.isArray(spec.actions) || spec.actions.length === 0) {
      throw new TaskInputError(`--file: "actions" must list at least one action`);
    }
    const actions = [];
    for (let i = 0; i < spec.actions.length; i++) actions.push(await encodeAction(hre, c, spec.actions[i], i));
    await checkTreasuryCovers(hre, c, actions, args.force, out);
    const signer = await pickSigner(hre, args.from);
    const targets = actions.map((a) => a.target);
    const values = actions.map((a) => a.value);
    const calldatas = actions.map((a) => a.data);
    const id = await c.governor.hashProposal(targets, values, calldatas, hre.ethers.id(spec.description));
    await out.tx("propose", c.governor.connect(signer).propose(targets, values, calldatas, spec.description));
    for (const a of actions) out.say(`  - ${a.summary}`);
    const now = await chainNow(hre);
    const ref = (await listProposals(c)).findIndex((x) => x.id === id) + 1;
    out.say(`  proposal #${ref} (id ${shortId(id)}); refer to it as --proposal ${ref}`);
    out.say(`  voting opens ${formatTime(await c.governor.proposalSnapshot(id), now)}`);
    out.say(`  voting closes ${formatTime(await c.governor.proposalDeadline(id), now)}`);
    out.set("ref", ref);
    out.set("proposalId", id.toString());
    out.set("state", STATES[Number(await c.governor.state(id))]);
    out.set("voteStart", (await c.governor.proposalSnapshot(id)).toString());
    out.set("voteEnd", (await c.governor.proposalDeadline(id)).toString());
  },
);

interface VoteArgs extends TaskArgs {
  community?: string;
  proposal?: string;
  support?: string;
  reason?: string;
  signOnly: boolean;
  signature?: string;
  voter?: string;
}

cosmoTask<VoteArgs>(
  "dao:vote",
  "Vote on a proposal; or --sign-only to sign a vote for a relayer; or relay a signed vote with --signature --voter",
  (t) =>
    t
      .addParam("community", "Community name")
      .addParam("proposal", "Proposal id")
      .addParam("support", "for, against or abstain")
      .addOptionalParam("reason", "Why (in the VoteCast event; with signatures, signed too and given again to relay)")
      .addFlag("signOnly", "Only sign the vote (EIP-712) and print the signature; nothing is sent")
      .addOptionalParam("signature", "A vote signature to relay (from --sign-only or any wallet)")
      .addOptionalParam("voter", "With --signature: the account that signed the vote"),
  async (args, hre, out) => {
    const c = await loadCommunity(hre, args.community);
    const p = await findProposal(c, args.proposal);
    const support = SUPPORTS.indexOf(parseChoice(args.support, SUPPORTS, "support"));
    const signer = await pickSigner(hre, args.from);
    if (args.signOnly && args.signature) throw new TaskInputError(`use either --sign-only or --signature, not both`);
    if (args.signOnly) {
      const voter = await signer.getAddress();
      const { domain, types, message } = await ballotTypedData(hre, c.governor, p.id, support, voter, args.reason);
      const signature = await signer.signTypedData(domain, types, message);
      out.say(`  signed ${SUPPORTS[support]} on proposal ${p.id} as ${voter}; relay it with:`);
      out.say(
        `  npx hardhat dao:vote --community "${c.name}" --proposal ${p.id} --support ${SUPPORTS[support]} --voter ${voter} --signature ${signature}` +
          (args.reason === undefined ? "" : ` --reason ${JSON.stringify(args.reason)}`),
      );
      out.set("voter", voter);
      out.set("proposalId", p.id.toString());
      out.set("support", SUPPORTS[support]);
      out.set("nonce", message.nonce.toString());
      out.set("signature", signature);
      if (args.reason !== undefined) out.set("reason", args.reason);
      return;
    }
    // Say when voting opens or closed, rather than let the governor refuse with a state number.
    const state = STATES[Number(await c.governor.state(p.id))];
    if (state !== "Active" && !args.signOnly) {
      const now = await chainNow(hre);
      if (state === "Pending") {
        throw new TaskInputError(
          `voting on proposal ${shortId(p.id)} has not started: it opens ${formatTime(await c.governor.proposalSnapshot(p.id), now)}`,
        );
      }
      throw new TaskInputError(
        `proposal ${shortId(p.id)} is ${state.toLowerCase()}: voting closed ${formatTime(await c.governor.proposalDeadline(p.id), now)}`,
      );
    }
    let voter: string;
    if (args.signature) {
      voter = parseAddress(args.voter, "voter");
      if (!/^0x[0-9a-fA-F]+$/.test(args.signature)) throw new TaskInputError(`--signature is not hex`);
      const g = c.governor.connect(signer);
      await out.tx(
        `relay vote of ${voter}`,
        args.reason === undefined
          ? g.castVoteBySig(p.id, support, voter, args.signature)
          : g.castVoteWithReasonAndParamsBySig(p.id, support, voter, args.reason, "0x", args.signature),
      );
    } else {
      voter = await signer.getAddress();
      await out.tx(
        `vote ${SUPPORTS[support]}`,
        c.governor.connect(signer).castVoteWithReason(p.id, support, args.reason ?? ""),
      );
    }
    const [against, forVotes, abstain] = await c.governor.proposalVotes(p.id);
    out.set("voter", getAddress(voter));
    out.set("proposalId", p.id.toString());
    out.set("support", SUPPORTS[support]);
    out.set("tally", { for: forVotes.toString(), against: against.toString(), abstain: abstain.toString() });
  },
);

interface ProposalArgs extends TaskArgs {
  community?: string;
  proposal?: string;
}

for (const [verb, description] of [
  ["queue", "Queue a succeeded proposal in the timelock"],
  ["execute", "Execute a queued proposal once the timelock delay has passed"],
] as const) {
  cosmoTask<ProposalArgs>(
    `dao:${verb}`,
    description,
    (t) => t.addParam("community", "Community name").addParam("proposal", "Proposal id"),
    async (args, hre, out) => {
      const c = await loadCommunity(hre, args.community);
      const p = await findProposal(c, args.proposal);
      const g = c.governor.connect(await pickSigner(hre, args.from));
      const sent =
        verb === "queue"
          ? g.queue(p.targets, p.values, p.calldatas, p.descriptionHash)
          : g.execute(p.targets, p.values, p.calldatas, p.descriptionHash);
      await out.tx(verb, sent);
      out.set("proposalId", p.id.toString());
      out.set("state", STATES[Number(await c.governor.state(p.id))]);
      if (verb === "queue") out.set("eta", (await c.governor.proposalEta(p.id)).toString());
    },
  );
}

cosmoTask<ProposalArgs>(
  "dao:cancel-expired",
  "Cancel an expired proposal and its timelock operation (anyone may), so it can never be executed",
  (t) => t.addParam("community", "Community name").addParam("proposal", "Proposal id"),
  async (args, hre, out) => {
    const c = await loadCommunity(hre, args.community);
    const p = await findProposal(c, args.proposal);
    const g = c.governor.connect(await pickSigner(hre, args.from));
    await out.tx("cancelExpired", g.cancelExpired(p.targets, p.values, p.calldatas, p.descriptionHash));
    out.set("proposalId", p.id.toString());
    out.set("state", STATES[Number(await c.governor.state(p.id))]);
  },
);

cosmoTask<CommunityArgs>(
  "dao:proposals",
  "List a community's proposals with their state and tallies",
  (t) => t.addParam("community", "Community name"),
  async (args, hre, out) => {
    const c = await loadCommunity(hre, args.community);
    const rows = [];
    const readable = [];
    const now = await chainNow(hre);
    const all = await listProposals(c);
    for (let i = 0; i < all.length; i++) {
      const p = all[i];
      const [against, forVotes, abstain] = await c.governor.proposalVotes(p.id);
      const state = STATES[Number(await c.governor.state(p.id))];
      const opens = await c.governor.proposalSnapshot(p.id);
      const closes = await c.governor.proposalDeadline(p.id);
      const eta = await c.governor.proposalEta(p.id);
      rows.push({
        ref: i + 1,
        id: p.id.toString(),
        state,
        for: forVotes.toString(),
        against: against.toString(),
        abstain: abstain.toString(),
        voteStart: opens.toString(),
        deadline: closes.toString(),
        eta: eta.toString(),
        proposer: p.proposer,
        description: p.description.split("\n")[0].slice(0, 60),
      });
      const when =
        state === "Pending"
          ? `voting opens ${formatTime(opens, now)}`
          : state === "Active"
            ? `voting closes ${formatTime(closes, now)}`
            : state === "Queued"
              ? `can execute ${eta <= now ? "now" : formatTime(eta, now)}`
              : state === "Succeeded"
                ? "can be queued now (dao:queue)"
                : `voting closed ${formatTime(closes, now)}`;
      readable.push({
        "#": i + 1,
        id: shortId(p.id),
        state: state.toLowerCase(),
        for: formatWeight(forVotes, c.counting),
        against: formatWeight(against, c.counting),
        abstain: formatWeight(abstain, c.counting),
        when,
        description: p.description.split("\n")[0].slice(0, 40),
      });
    }
    out.table(readable);
    if (readable.length) out.say(`  refer to a proposal by its # (e.g. --proposal 1) or its full id (--json)`);
    out.set("proposals", rows);
  },
);

interface DepositArgs extends TaskArgs {
  community?: string;
  amount?: string;
  token?: string;
}

cosmoTask<DepositArgs>(
  "dao:deposit",
  "Put money in a community's treasury (its timelock): native currency or an ERC-20",
  (t) =>
    t
      .addParam("community", "Community name")
      .addParam("amount", "How much, in tokens, e.g. 0.5")
      .addOptionalParam("token", '"native" (default), an ERC-20 address, or a token recorded by name', "native"),
  async (args, hre, out) => {
    const c = await loadCommunity(hre, args.community);
    const token = await resolveToken(hre, args.token, "token");
    const amount = parseAmount(args.amount, token.decimals, "amount");
    if (amount === 0n) throw new TaskInputError("--amount must be more than zero");
    const signer = await pickSigner(hre, args.from);
    const treasury = await c.timelock.getAddress();
    const label = `deposit ${formatAmount(amount, token.decimals, token.symbol)}`;
    if (token.address === hre.ethers.ZeroAddress) {
      await out.tx(label, signer.sendTransaction({ to: treasury, value: amount }));
    } else {
      const erc20 = new Contract(
        token.address,
        ["function transfer(address to, uint256 amount) returns (bool)"],
        signer,
      );
      await out.tx(label, erc20.getFunction("transfer")(treasury, amount));
    }
    const balance =
      token.address === hre.ethers.ZeroAddress
        ? await hre.ethers.provider.getBalance(treasury)
        : ((await new Contract(
            token.address,
            ["function balanceOf(address) view returns (uint256)"],
            hre.ethers.provider,
          )
            .getFunction("balanceOf")
            .staticCall(treasury)) as bigint);
    out.say(`  the treasury of ${c.name} now holds ${formatAmount(balance, token.decimals, token.symbol)}`);
    out.set("treasury", treasury);
    out.set("token", token.address);
    out.set("amount", amount);
    out.set("balance", balance);
  },
);

interface DelegateArgs extends TaskArgs {
  community?: string;
  to?: string;
}

cosmoTask<DelegateArgs>(
  "dao:delegate",
  "Delegate your contribution votes to another account (or back to yourself)",
  (t) =>
    t
      .addParam("community", "Community name")
      .addParam("to", "Delegatee address (your own address to take your votes back)"),
  async (args, hre, out) => {
    const c = await loadCommunity(hre, args.community);
    const to = parseAddress(args.to, "to");
    const signer = await pickSigner(hre, args.from);
    await out.tx(`delegate to ${to}`, c.token.connect(signer).delegate(to));
    const from = await signer.getAddress();
    out.set("delegator", from);
    out.set("delegatee", await c.token.delegates(from));
    out.set("delegateeVotes", (await c.token.getVotes(to)).toString());
  },
);
