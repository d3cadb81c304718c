/**
 * The cosmo-local story in one command: `npm run demo` (in-process chain) or
 * `npm run demo -- --network localhost` (a running `npx hardhat node`).
 *
 * Every step is a command-line task run in this process (`hre.run("qf:donate", ...)`), so the story
 * takes exactly the path a user takes; the tasks' own output is kept quiet and each step is shown
 * as one line naming who acts and the command they would type. Time passes through
 * `evm_increaseTime` + `evm_mine`, which the in-process network and `hardhat node` both support.
 * Every outcome that matters (balances, states, matches beside the reference implementation) is
 * asserted; the first failed step stops the story with a non-zero exit.
 */
import fs from "node:fs";
import path from "node:path";

import { ZeroAddress, formatEther, keccak256, parseEther, toUtf8Bytes } from "ethers";
import hre from "hardhat";

import type { CommunityGovernor, LicenceRegistry, Membrane } from "../typechain-types";
import { allocationTree, epochTreeFile } from "./lib/contributions";
import { loadCommunity, STATES } from "./lib/dao";
import { referenceRound } from "./lib/qf-reference";
import { recordNamed, requireContract, requireNamed } from "./lib/record";
import { formatTable } from "./lib/task";

type Row = Record<string, string | number | bigint | boolean>;

const WATERSHED = "Salmon River Watershed";
const GUILD = "Regenerative Agriculture Guild";
const ROUND = "salmon-river-commons-2026";
const WORK = "open-seed-cleaner";

/** Who is who: an index into the network's accounts, and a name for the story. */
const PEOPLE = {
  dana: { index: 0, name: "Dana (developer)" },
  ana: { index: 1, name: "Ana (watershed steward)" },
  ben: { index: 2, name: "Ben (watershed member)" },
  chloe: { index: 3, name: "Chloé (guild founder)" },
  dev: { index: 4, name: "Dev (guild founder)" },
  eli: { index: 5, name: "Eli (watershed member)" },
  fern: { index: 6, name: "Fern (funder)" },
  riparian: { index: 7, name: "Riparian restoration crew (project)" },
  seeds: { index: 8, name: "Seed library (project)" },
  gil: { index: 9, name: "Gil (donor)" },
  hana: { index: 10, name: "Hana (donor)" },
  coop: { index: 11, name: "Willow Cooperative" },
  company: { index: 12, name: "AgriTech Ltd" },
  iris: { index: 13, name: "Iris (patron of the guild)" },
} as const;
type Person = keyof typeof PEOPLE;

const started = Date.now();
/**
 * The input files the story's commands name, written where a reader finds them: examples/demo/
 * (committed; the demo rewrites them with the same content on a fresh chain), so that every printed
 * command can be typed again against `--network localhost` after `npm run demo -- --network localhost`.
 */
const workDir = path.join(__dirname, "..", "examples", "demo");
fs.mkdirSync(workDir, { recursive: true });
let accounts: string[] = [];
let chapterNo = 0;

const addr = (p: Person) => accounts[PEOPLE[p].index];
const from = (p: Person) => String(PEOPLE[p].index);
const eth = (v: bigint) => `${formatEther(v)} ETH`;
const tok = (v: bigint) => formatEther(v);

function chapter(title: string, story: string): void {
  chapterNo += 1;
  const elapsed = `[${((Date.now() - started) / 1000).toFixed(1)} s]`;
  const heading = `${chapterNo}. ${title}`;
  console.log(`\n${"═".repeat(100)}\n${heading}${elapsed.padStart(100 - heading.length)}\n${"═".repeat(100)}`);
  console.log(story);
}

function table(rows: Row[]): void {
  if (rows.length) for (const line of formatTable(rows)) console.log(line);
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`check failed: ${what}`);
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** The command a user would type for a task and its options. */
function commandLine(task: string, args: Record<string, unknown>): string {
  const network = hre.network.name === "hardhat" ? "" : ` --network ${hre.network.name}`;
  const opts = Object.entries(args)
    .map(([k, v]) => {
      const flag = `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      if (v === true) return flag;
      const text = String(v).startsWith(workDir) ? path.relative(path.join(__dirname, ".."), String(v)) : String(v);
      return `${flag} ${/\s/.test(text) ? JSON.stringify(text) : text}`;
    })
    .join(" ");
  return `npx hardhat ${task}${network} ${opts}`.trimEnd();
}

/**
 * What each printed command does when it is typed again after the story, as the story leaves
 * things: "repeats" when it succeeds again (reads, time passing, idempotent or additive steps), or
 * the refusal, in the task's words, that a step the story already took meets. The replay test
 * (test/e2e/demo.e2e.ts) runs every printed command and holds each to this.
 */
type AfterStory = "repeats" | RegExp;
const AFTER_STORY: Record<string, AfterStory> = {
  "suite:deploy": "repeats", // deploys nothing new
  "dev:time": "repeats",
  "dao:create": /is already recorded/,
  "dao:propose": /Proposal .+ is executed, and this needs it to be none/,
  "dao:vote": /is executed: voting closed/,
  "dao:queue": /is executed, and this needs it to be succeeded/,
  "dao:execute": /is executed, and this needs it to be queued/,
  "contrib:submit": "repeats", // a new submission
  "contrib:attest": /is claimed, which does not allow this/,
  "contrib:claim": /is claimed, which does not allow this/,
  "contrib:epoch-claim": "repeats", // says the leaf was claimed already
  "contrib:voucher-sign": "repeats", // a new voucher, within the steward's budget
  "contrib:voucher-redeem": "repeats", // redeems the voucher signed again just before
  "fed:register": "repeats", // says the community was registered already
  "fed:found": /the federation was founded already/,
  "fed:join": /already listed/,
  "fed:member": "repeats",
  "fed:affiliate": /are already affiliated/,
  "fed:fund": "repeats", // a second grant
  "fed:claim": "repeats", // nothing is due
  "qf:create-round": /is already recorded/,
  "qf:apply": /finalized phase, and this needs the applications phase/,
  "qf:review": /finalized phase, and this needs the review phase/,
  "qf:fund": /finalized phase, and this needs the donations phase/,
  "qf:donate": /finalized phase, and this needs the donations phase/,
  "qf:finalize": /finalized phase, and this needs the tallying phase/,
  "qf:claim": /has already been paid/,
  "lic:register": "repeats", // a new version of the work
  "lic:request": "repeats", // a second licence, paid again
  "membrane:close-epoch": "repeats", // the income paid in by the licences requested again
  "membrane:claim": "repeats",
  "membrane:pay-treasury": "repeats",
};

/** Every command the story printed, with what it does when typed again (see AFTER_STORY). */
const printed: { command: string; afterStory: string }[] = [];

/** Prints the command a user would type for a step, and notes it for the replay. */
function printCommand(task: string, args: Record<string, unknown>, afterStory = AFTER_STORY[task]): void {
  if (afterStory === undefined) throw new Error(`AFTER_STORY says nothing of a replay of ${task}`);
  const command = commandLine(task, args);
  console.log(`      $ ${command}`);
  printed.push({ command, afterStory: afterStory === "repeats" ? afterStory : afterStory.source });
}

/**
 * Runs a task as `who`, quietly: one line says who acts and what they type; the task's own output
 * is shown only if it fails.
 */
async function act<T = Record<string, unknown>>(
  who: string,
  what: string,
  task: string,
  args: Record<string, unknown>,
  afterStory?: AfterStory,
): Promise<T & { transactions: { gasUsed: string }[] }> {
  const captured: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => captured.push(parts.map(String).join(" "));
  try {
    const result = (await hre.run(task, { json: false, ...args })) as T & { transactions: { gasUsed: string }[] };
    console.log = log;
    const gas = result.transactions.reduce((s, t) => s + BigInt(t.gasUsed), 0n);
    console.log(`  ▸ ${who}: ${what}${gas > 0n ? `  (gas ${gas.toLocaleString("en-US")})` : ""}`);
    printCommand(task, args, afterStory);
    return result;
  } catch (e) {
    console.log = log;
    for (const line of captured) console.log(`      | ${line}`);
    throw new Error(`${task} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Lets `seconds` pass on the chain (works on the in-process network and on `hardhat node`). */
async function advance(seconds: bigint | number, why: string): Promise<void> {
  const s = BigInt(seconds);
  if (s <= 0n) return;
  await hre.network.provider.send("evm_increaseTime", [Number(s)]);
  await hre.network.provider.send("evm_mine", []);
  console.log(`  ⋯ ${why} (time passes: ${s.toLocaleString("en-US")} s)`);
  printCommand("dev:time", { by: s.toString() });
}

async function now(): Promise<bigint> {
  return BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
}

async function advanceTo(t: bigint, why: string): Promise<void> {
  await advance(t - (await now()), why);
}

/**
 * A vote's weight as people read it: tokens for simple counting; for quadratic counting the
 * governor counts isqrt(tokens in wei) = √tokens × 1e9, shown as √tokens.
 */
function voteWeight(value: bigint, counting: string): string {
  return counting === "quadratic" ? `${(Number(value) / 1e9).toFixed(3)} (√tokens)` : tok(value);
}

type Vote = [Person, "for" | "against" | "abstain"];

/**
 * Takes a submitted proposal through a community's governance: votes once the vote opens, queue
 * after the deadline, execution after the timelock delay; asserts that it executed.
 */
async function decide(community: string, proposalId: string, votes: Vote[]): Promise<Row[]> {
  const c = await loadCommunity(hre, community);
  const id = BigInt(proposalId);
  await advanceTo((await c.governor.proposalSnapshot(id)) + 1n, `${community}: the voting delay passes`);
  const rows: Row[] = [];
  for (const [who, support] of votes) {
    const snapshot = await c.governor.proposalSnapshot(id);
    const tokens = await c.token.getPastVotes(addr(who), snapshot);
    const weight = await c.governor.getVotes(addr(who), snapshot);
    await act(PEOPLE[who].name, `votes ${support}`, "dao:vote", {
      community,
      proposal: proposalId,
      support,
      from: from(who),
    });
    rows.push({ voter: PEOPLE[who].name, support, tokens: tok(tokens), weight: voteWeight(weight, c.counting) });
  }
  const [against, forVotes, abstain] = await c.governor.proposalVotes(id);
  table(rows);
  const w = (v: bigint) => voteWeight(v, c.counting);
  console.log(`  tally (${c.counting} counting): for ${w(forVotes)}, against ${w(against)}, abstain ${w(abstain)}`);
  await advanceTo((await c.governor.proposalDeadline(id)) + 1n, `${community}: the vote closes`);
  check(STATES[Number(await c.governor.state(id))] === "Succeeded", `${community} proposal ${id} succeeded`);
  await act("anyone", "queues it in the timelock", "dao:queue", { community, proposal: proposalId });
  await advance(await c.timelock.getMinDelay(), `${community}: the timelock delay passes`);
  await act("anyone", "executes it", "dao:execute", { community, proposal: proposalId });
  check(STATES[Number(await c.governor.state(id))] === "Executed", `${community} proposal ${id} executed`);
  return rows;
}

async function balance(address: string): Promise<bigint> {
  return hre.ethers.provider.getBalance(address);
}

async function tokenTable(community: string, people: Person[]): Promise<void> {
  const c = await loadCommunity(hre, community);
  const rows: Row[] = [];
  for (const p of people) {
    rows.push({
      member: PEOPLE[p].name,
      tokens: tok(await c.token.balanceOf(addr(p))),
      votes: tok(await c.token.getVotes(addr(p))),
    });
  }
  table(rows);
}

async function main(): Promise<void> {
  accounts = (await hre.ethers.getSigners()).map((s) => s.address);
  if (accounts.length < 14) throw new Error(`the story needs 14 accounts; ${hre.network.name} has ${accounts.length}`);
  console.log(
    `Cosmolocal: the cosmo-local story on ${hre.network.name} (chain ${(await hre.ethers.provider.getNetwork()).chainId})`,
  );
  console.log(`"What is heavy is local, what is light is global and shared."`);

  // ------------------------------------------------------------------------------------------------
  chapter(
    "The suite is deployed",
    "Dana deploys the shared, ownerless contracts once per network: implementations every community is\n" +
      "cloned from, the community and round factories, the licence registry and the federation.",
  );
  const deployed = await act<{ contracts: Record<string, { address: string }> }>(
    PEOPLE.dana.name,
    "deploys the suite through the Ignition Suite module",
    "suite:deploy",
    {},
  );
  console.log(`  ${Object.keys(deployed.contracts).length} contracts in the deployment record`);

  // ------------------------------------------------------------------------------------------------
  chapter(
    "A bioregion and a guild are born",
    "The Salmon River Watershed (a place; quadratic voting) and the Regenerative Agriculture Guild (a craft;\n" +
      "simple voting) are each created by the CommunityFactory in one transaction: token, governor, timelock,\n" +
      "membership, contribution registry, epochs and membrane, all minimal clones wired to the community's timelock.",
  );
  // Both decide within an hour and wait ten minutes in the timelock, so the story moves quickly.
  const rules = (quorumPercent: number) => ({
    governor: { votingDelay: 60, votingPeriod: 3600, proposalThreshold: "1", lateQuorumExtension: 600, quorumPercent },
    timelockDelay: 600,
    openExecution: true,
  });
  const watershedFile = writeJson("watershed.json", {
    kind: "bioregion",
    name: WATERSHED,
    symbol: "cSALMON",
    area: { uri: "ipfs://salmon-river-watershed-boundary.geojson", hash: keccak256(toUtf8Bytes("salmon river")) },
    charter: { uri: "ipfs://salmon-river-charter", hash: keccak256(toUtf8Bytes("watershed charter")) },
    counting: "quadratic",
    ...rules(10),
    founders: [
      { account: addr("ana"), amount: "60" },
      { account: addr("ben"), amount: "30" },
      { account: addr("eli"), amount: "20" },
    ],
    accounting: {
      stewards: [addr("ana")],
      attestationThreshold: 2,
      challengeWindow: 3600,
      kinds: [
        { name: "care", valuePerUnit: "10" },
        { name: "design", valuePerUnit: "20" },
        { name: "physical production", valuePerUnit: "15" },
        { name: "mapping", valuePerUnit: "5" },
      ],
      membraneTreasuryShareBps: 3000,
    },
  });
  const guildFile = writeJson("guild.json", {
    kind: "guild",
    name: GUILD,
    symbol: "cREGEN",
    domain: "regenerative agriculture",
    charter: { uri: "ipfs://regen-guild-charter", hash: keccak256(toUtf8Bytes("guild charter")) },
    counting: "simple",
    ...rules(20),
    founders: [
      { account: addr("chloe"), amount: "50" },
      { account: addr("dev"), amount: "30" },
    ],
  });
  const ws = await act<{ id: number; community: Record<string, string> }>(
    PEOPLE.ana.name,
    `creates ${WATERSHED} with Ben and Eli`,
    "dao:create",
    { file: watershedFile, from: from("ana") },
  );
  const gd = await act<{ id: number; community: Record<string, string> }>(
    PEOPLE.chloe.name,
    `creates ${GUILD} with Dev`,
    "dao:create",
    { file: guildFile, from: from("chloe") },
  );
  table([
    { community: WATERSHED, id: ws.id, kind: "bioregion", counting: "quadratic", timelock: ws.community.timelock },
    { community: GUILD, id: gd.id, kind: "guild", counting: "simple", timelock: gd.community.timelock },
  ]);
  check(ws.transactions.length === 1 && gd.transactions.length === 1, "each community is one transaction");

  // ------------------------------------------------------------------------------------------------
  chapter(
    "Contributions are recognised",
    "Value as the community recognises it: Ben submits three units of care work with evidence, two peers\n" +
      "attest it, and after the challenge window he claims his tokens. The watershed's governance publishes an\n" +
      "epoch of allocations (a Merkle root built with @openzeppelin/merkle-tree), which Ben claims with a proof,\n" +
      "and gives Ana, a steward, a voucher budget of 50 tokens per 30 days; she signs a voucher for a unit of\n" +
      "Eli's mapping work, which Eli redeems.",
  );
  const submitted = await act<{ id: bigint }>(
    PEOPLE.ben.name,
    "submits 3 units of care (riverbank clean-up) with evidence",
    "contrib:submit",
    {
      community: WATERSHED,
      from: from("ben"),
      kind: "care",
      units: "3",
      evidence: "ipfs://riverbank-cleanup-photos",
      evidenceHash: keccak256(toUtf8Bytes("riverbank clean-up photos")),
    },
  );
  const contributionId = String(submitted.id);
  for (const p of ["ana", "eli"] as const) {
    await act(PEOPLE[p].name, `attests contribution ${contributionId}`, "contrib:attest", {
      community: WATERSHED,
      from: from(p),
      id: contributionId,
    });
  }
  await advance(3601, "the challenge window passes with no challenge");
  const claimed = await act<{ claimed: bigint }>(PEOPLE.ben.name, "claims his tokens", "contrib:claim", {
    community: WATERSHED,
    from: from("ben"),
    id: contributionId,
  });
  check(claimed.claimed === parseEther("30"), "3 units of care at 10 tokens each");

  const watershed = await loadCommunity(hre, WATERSHED);
  const epochs = await hre.ethers.getContractAt("EpochAllocations", watershed.addresses.epochs);
  const allocations = new Map([
    [addr("ben"), parseEther("4")],
    [addr("eli"), parseEther("6")],
  ]);
  const tree = allocationTree(allocations);
  const epochId = await epochs.epochCount();
  const treeFile = writeJson(
    "epoch.json",
    epochTreeFile(tree, {
      epochs: watershed.addresses.epochs,
      chainId: (await hre.ethers.provider.getNetwork()).chainId,
      epoch: epochId,
      uri: "ipfs://salmon-river-epoch-1",
      claimDeadline: 0n,
    }),
  );
  console.log(`  epoch allocations: Ben 4, Eli 6 tokens; Merkle root ${tree.root}`);
  const epochProposal = await act<{ proposalId: string }>(
    PEOPLE.ana.name,
    "proposes that the watershed publish the epoch's root and give her a steward budget",
    "dao:propose",
    {
      community: WATERSHED,
      from: from("ana"),
      file: writeJson("publish-epoch.json", {
        description: "Publish epoch 1 allocations (monitoring the salmon run); Ana may vouch 50 tokens per 30 days",
        actions: [
          {
            type: "call",
            target: watershed.addresses.epochs,
            signature: "function publishEpoch(bytes32 root, string uri, uint64 claimDeadline)",
            args: [tree.root, "ipfs://salmon-river-epoch-1", 0],
          },
          {
            type: "call",
            target: watershed.addresses.registry,
            signature: "function setStewardBudget(address steward, uint256 budgetPerPeriod)",
            args: [addr("ana"), parseEther("50").toString()],
          },
        ],
      }),
    },
  );
  await decide(WATERSHED, epochProposal.proposalId, [
    ["ana", "for"],
    ["ben", "for"],
  ]);
  check((await epochs.epochCount()) === epochId + 1n, "the epoch is published");
  const epochClaim = await act<{ claimed: bigint }>(
    PEOPLE.ben.name,
    "claims his epoch allocation with its Merkle proof",
    "contrib:epoch-claim",
    { community: WATERSHED, from: from("ben"), tree: treeFile },
  );
  check(epochClaim.claimed === parseEther("4"), "Ben's epoch allocation is 4 tokens");

  const voucherFile = path.join(workDir, "voucher-eli.json");
  await act(
    PEOPLE.ana.name,
    "signs a voucher (EIP-712) for 1 unit of mapping work (5 tokens)",
    "contrib:voucher-sign",
    {
      community: WATERSHED,
      from: from("ana"),
      contributor: addr("eli"),
      units: "1",
      kind: "mapping",
      out: voucherFile,
    },
  );
  const redeemed = await act<{ amount: bigint }>(PEOPLE.eli.name, "redeems the voucher", "contrib:voucher-redeem", {
    community: WATERSHED,
    from: from("eli"),
    file: voucherFile,
  });
  check(redeemed.amount === parseEther("5"), "the voucher credits 5 tokens");

  await tokenTable(WATERSHED, ["ana", "ben", "eli"]);
  check((await watershed.token.balanceOf(addr("ben"))) === parseEther("64"), "Ben holds 30 + 30 + 4 tokens");
  check((await watershed.token.balanceOf(addr("eli"))) === parseEther("25"), "Eli holds 20 + 5 tokens");

  // ------------------------------------------------------------------------------------------------
  chapter(
    "The bioregion and the guild entangle",
    "Both communities register in the federation, and the founder named at deployment performs the\n" +
      "one-time founding act that makes them its first recognised communities (from then on only a\n" +
      "recognised community's vote lets another in, with fed:vouch). Ana lists the watershed as her\n" +
      "community in the federated membership view. The watershed proposes to join the guild and the guild\n" +
      "accepts, each by its own vote. Then the guild, whose treasury a patron filled, funds the watershed\n" +
      "through the federation's escrow, and the tranche is paid once due.",
  );
  await act(PEOPLE.dana.name, "registers both communities in the federation", "fed:register", {
    community: `${WATERSHED},${GUILD}`,
  });
  await act(PEOPLE.dana.name, "performs the founding act with both communities (once; no power after)", "fed:found", {
    community: `${WATERSHED},${GUILD}`,
    from: from("dana"),
  });
  await act(PEOPLE.ana.name, "lists the watershed as her community in the federation", "fed:join", {
    community: WATERSHED,
    from: from("ana"),
  });
  const anaMember = await act<{ isMember: boolean }>(
    "anyone",
    "asks whether Ana is a federation member",
    "fed:member",
    {
      account: addr("ana"),
    },
  );
  check(anaMember.isMember, "Ana is a member of the federation through the watershed");
  const sides: { community: string; with: string; proposer: Person; what: string; votes: Vote[] }[] = [
    {
      community: WATERSHED,
      with: GUILD,
      proposer: "ana",
      what: "proposes that the watershed join the guild",
      votes: [
        ["ana", "for"],
        ["eli", "for"],
      ],
    },
    {
      community: GUILD,
      with: WATERSHED,
      proposer: "chloe",
      what: "proposes that the guild accept the watershed",
      votes: [
        ["chloe", "for"],
        ["dev", "for"],
      ],
    },
  ];
  for (const side of sides) {
    const proposed = await act<{ proposalId: string }>(PEOPLE[side.proposer].name, side.what, "fed:affiliate", {
      community: side.community,
      with: side.with,
      submit: true,
      from: from(side.proposer),
    });
    await decide(side.community, proposed.proposalId, side.votes);
  }
  const registry = await hre.ethers.getContractAt(
    "FederationRegistry",
    await requireContract(hre, "federationRegistry"),
  );
  const wsTimelock = watershed.addresses.timelock;
  const guild = await loadCommunity(hre, GUILD);
  const guildTimelock = guild.addresses.timelock;
  check(await registry.isAffiliated(wsTimelock, guildTimelock), "the watershed and the guild are affiliated");
  console.log("  the watershed and the guild are affiliated");

  const patronGift = parseEther("10");
  await (
    await (await hre.ethers.getSigner(addr("iris"))).sendTransaction({ to: guildTimelock, value: patronGift })
  ).wait();
  console.log(`  ▸ ${PEOPLE.iris.name}: gives ${eth(patronGift)} to the guild's treasury (its timelock)`);
  const grant = await act<{ proposalId: string }>(
    PEOPLE.dev.name,
    "proposes a 3 ETH grant to the watershed's seed library work",
    "fed:fund",
    {
      community: GUILD,
      to: WATERSHED,
      tranches: "3@+1d",
      purpose: "ipfs://seed-library-grant",
      submit: true,
      from: from("dev"),
    },
  );
  await decide(GUILD, grant.proposalId, [
    ["chloe", "for"],
    ["dev", "for"],
  ]);
  await advance(86_400, "the tranche falls due");
  const wsBefore = await balance(wsTimelock);
  await act("anyone", "pays the due tranche to the watershed", "fed:claim", { community: WATERSHED });
  check((await balance(wsTimelock)) - wsBefore === parseEther("3"), "the watershed received 3 ETH from the guild");
  table([
    { treasury: GUILD, balance: eth(await balance(guildTimelock)) },
    { treasury: WATERSHED, balance: eth(await balance(wsTimelock)) },
  ]);

  // ------------------------------------------------------------------------------------------------
  chapter(
    "A quadratic funding round for the watershed's projects",
    "Fern, a funder, opens a round; two watershed projects apply and Ana reviews them; Fern fills the\n" +
      "matching pool; donors give (one directly, one through a cart of several projects); the round is\n" +
      "finalised and the projects claim. Each match is checked against scripts/lib/qf-reference.ts.",
  );
  await act(PEOPLE.fern.name, `creates the round ${ROUND}`, "qf:create-round", {
    from: from("fern"),
    file: writeJson("round.json", {
      name: ROUND,
      token: "native",
      applicationsStart: "+0",
      applicationsEnd: "+600",
      donationsStart: "+600",
      donationsEnd: "+3600",
      tallyWindow: 3600,
      reviewers: [addr("ana")],
      metadataURI: "ipfs://salmon-river-commons-round",
    }),
  });
  const projects = [
    { who: "riparian" as const, uri: "ipfs://riparian-restoration" },
    { who: "seeds" as const, uri: "ipfs://seed-library" },
  ];
  const projectIds: number[] = [];
  for (const p of projects) {
    const r = await act<{ projectId: number }>(PEOPLE[p.who].name, "applies", "qf:apply", {
      round: ROUND,
      uri: p.uri,
      from: from(p.who),
    });
    projectIds.push(Number(r.projectId));
    await act(PEOPLE.ana.name, `admits project ${r.projectId}`, "qf:review", {
      round: ROUND,
      project: String(r.projectId),
      decision: "admit",
      from: from("ana"),
    });
  }
  const pool = parseEther("3");
  await act(PEOPLE.fern.name, `funds the matching pool with ${eth(pool)}`, "qf:fund", {
    round: ROUND,
    amount: formatEther(pool),
    from: from("fern"),
  });
  await advance(600, "applications close and donations open");
  const [p1, p2] = projectIds;
  const donations = new Map<number, { donor: string; amount: bigint }[]>([
    [p1, []],
    [p2, []],
  ]);
  for (const gift of [
    { project: p1, amount: "1" },
    { project: p2, amount: "0.25" },
  ]) {
    await act(PEOPLE.gil.name, `donates ${gift.amount} ETH to project ${gift.project}`, "qf:donate", {
      round: ROUND,
      project: String(gift.project),
      amount: gift.amount,
      from: from("gil"),
    });
    donations.get(gift.project)!.push({ donor: addr("gil"), amount: parseEther(gift.amount) });
  }
  const cart = [
    { project: p1, amount: "4" },
    { project: p2, amount: "1" },
  ];
  await act(PEOPLE.hana.name, "donates to both projects through one cart", "qf:donate", {
    round: ROUND,
    cart: writeJson("cart.json", cart),
    from: from("hana"),
  });
  for (const item of cart) donations.get(item.project)!.push({ donor: addr("hana"), amount: parseEther(item.amount) });
  await advance(3000, "donations close: for the one-hour tally window only Ana (removals) and Fern (cancel) act");
  await advance(3600, "the tally window passes");
  await act("anyone", "finalises the round", "qf:finalize", { round: ROUND });
  await advance(3 * 86_400, "for three days only a project's owner or recipient could trigger its payout; now anyone");
  const reference = referenceRound({
    pool,
    projects: projectIds.map((id) => ({ id, donations: donations.get(id)! })),
  });
  const qfRows: Row[] = [];
  for (const [i, id] of projectIds.entries()) {
    const who = projects[i].who;
    const before = await balance(addr(who));
    const paid = await act<{ donations: string; match: string }>("anyone", `pays project ${id}`, "qf:claim", {
      round: ROUND,
      project: String(id),
    });
    const ref = reference.projects.get(id)!;
    const received = (await balance(addr(who))) - before;
    check(BigInt(paid.match) === ref.match, `project ${id}: contract match ${paid.match} = reference ${ref.match}`);
    check(received === ref.payout, `project ${id} received donations + match`);
    qfRows.push({
      project: `${id} ${PEOPLE[who].name}`,
      donations: formatEther(paid.donations),
      "match (contract)": formatEther(paid.match),
      "match (reference)": formatEther(ref.match),
      equal: BigInt(paid.match) === ref.match,
    });
  }
  table(qfRows);
  console.log(
    `  ideal matches ${formatEther(reference.totalIdealMatch)} ETH exceed the ${eth(pool)} pool: scaled by ` +
      `${reference.scale.numerator}/${reference.scale.denominator}`,
  );

  // ------------------------------------------------------------------------------------------------
  chapter(
    "An open hardware design, licensed with reciprocity",
    "Ana registers the watershed's open seed cleaner design. Its terms: free for commons users (a recognised\n" +
      "cooperative), a fee per period for commercial use, paid to the watershed's membrane. The membrane splits\n" +
      "the income: 30 % to the treasury, the rest to contributors by their contribution tokens.",
  );
  const fee = parseEther("1");
  const work = await act<{ workId: string }>(
    PEOPLE.ana.name,
    "registers the Open Seed Cleaner design",
    "lic:register",
    {
      name: WORK,
      title: "Open Seed Cleaner",
      uri: "ipfs://open-seed-cleaner-cad",
      contentHash: keccak256(toUtf8Bytes("open seed cleaner v1")),
      terms: writeJson("terms.json", {
        uri: "ipfs://peer-production-licence",
        hash: keccak256(toUtf8Bytes("peer production licence")),
        cooperativesFree: true,
        commercialAutoGrant: true,
        fee: formatEther(fee),
        periodSeconds: 30 * 86_400,
      }),
      community: WATERSHED,
      from: from("ana"),
    },
  );
  const licenceRegistry = (await hre.ethers.getContractAt(
    "LicenceRegistry",
    await requireContract(hre, "licenceRegistry"),
    await hre.ethers.getSigner(addr("ana")),
  )) as unknown as LicenceRegistry;
  await (await licenceRegistry.recogniseCooperative(addr("coop"), true)).wait();
  console.log(`  ▸ ${PEOPLE.ana.name}: recognises Willow Cooperative as a commons user (recogniseCooperative)`);
  const free = await act<{ licenceId: string; licensed: boolean }>(
    PEOPLE.coop.name,
    "takes a free commons licence",
    "lic:request",
    { work: WORK, class: "commons", from: from("coop") },
  );
  const membrane = (await hre.ethers.getContractAt("Membrane", watershed.addresses.membrane)) as unknown as Membrane;
  const paid = await act<{ licenceId: string; licensed: boolean }>(
    PEOPLE.company.name,
    `takes a commercial licence, paying ${eth(fee)}`,
    "lic:request",
    { work: WORK, class: "commercial", maxFee: formatEther(fee), from: from("company") },
  );
  check(free.licensed && paid.licensed, "both licensees are licensed");
  check((await membrane.pendingIncome(ZeroAddress)) === fee, "the fee waits in the watershed's membrane");
  table([
    { licensee: PEOPLE.coop.name, licence: free.licenceId, class: "commons", paid: "0 ETH" },
    { licensee: PEOPLE.company.name, licence: paid.licenceId, class: "commercial", paid: eth(fee) },
  ]);
  await advance(86_400, "the membrane's epoch runs its minimum length");
  const closed = await act<{ toTreasury: string; toContributors: string }>(
    "anyone",
    "closes the membrane's epoch",
    "membrane:close-epoch",
    { community: WATERSHED },
  );
  const shareRows: Row[] = [];
  let shared = 0n;
  for (const p of ["ana", "ben", "eli"] as const) {
    const r = await act<{ amount: string }>(PEOPLE[p].name, "claims their share", "membrane:claim", {
      community: WATERSHED,
      from: from(p),
    });
    shared += BigInt(r.amount);
    shareRows.push({
      contributor: PEOPLE[p].name,
      tokens: tok(await watershed.token.balanceOf(addr(p))),
      share: formatEther(r.amount),
    });
  }
  table(shareRows);
  check(BigInt(closed.toTreasury) === (fee * 3000n) / 10_000n, "30 % of the fee goes to the treasury");
  check(shared <= BigInt(closed.toContributors), "contributors never claim more than their part");
  check(BigInt(closed.toContributors) - shared < 10n, "contributors claim their whole part (up to rounding wei)");
  await act("anyone", "pays the treasury its part", "membrane:pay-treasury", { community: WATERSHED });

  // ------------------------------------------------------------------------------------------------
  chapter(
    "Both communities spend from their treasuries by vote",
    "The watershed (quadratic: each member's weight is the square root of their tokens) pays the riparian\n" +
      "crew; the guild (simple: one token, one vote) pays for the seed library's shelves. Each proposal is\n" +
      "voted, queued in the timelock and executed.",
  );
  // Typed again, the watershed's proposal would pay more than its treasury has left (the task
  // refuses it before anything else); the guild's still fits, and is refused as already made.
  const spends = [
    {
      community: WATERSHED,
      to: "riparian" as const,
      amount: "2",
      proposer: "ana" as const,
      afterStory: /but the treasury holds/,
    },
    { community: GUILD, to: "seeds" as const, amount: "1.5", proposer: "chloe" as const, afterStory: undefined },
  ];
  const votesBy: Record<string, Vote[]> = {
    [WATERSHED]: [
      ["ana", "for"],
      ["ben", "against"],
      ["eli", "for"],
    ],
    [GUILD]: [
      ["chloe", "for"],
      ["dev", "against"],
    ],
  };
  const ids: Record<string, string> = {};
  for (const s of spends) {
    const before = await balance(addr(s.to));
    const proposed = await act<{ proposalId: string }>(
      PEOPLE[s.proposer].name,
      `proposes paying ${s.amount} ETH to ${PEOPLE[s.to].name}`,
      "dao:propose",
      {
        community: s.community,
        from: from(s.proposer),
        file: writeJson(`spend-${s.to}.json`, {
          description: `Pay ${s.amount} ETH to ${PEOPLE[s.to].name}`,
          actions: [{ type: "transfer-native", to: addr(s.to), amount: s.amount }],
        }),
      },
      s.afterStory,
    );
    ids[s.community] = proposed.proposalId;
    await decide(s.community, proposed.proposalId, votesBy[s.community]);
    check((await balance(addr(s.to))) - before === parseEther(s.amount), `${PEOPLE[s.to].name} was paid`);
  }
  const gov = (c: string) => loadCommunity(hre, c).then((x) => x.governor as CommunityGovernor);
  const [wa, wf] = await (await gov(WATERSHED)).proposalVotes(BigInt(ids[WATERSHED]));
  check(wf > wa, "quadratic: Ana and Eli (√60 + √25) outweigh Ben (√64)");
  const [ga, gf] = await (await gov(GUILD)).proposalVotes(BigInt(ids[GUILD]));
  check(gf === parseEther("50") && ga === parseEther("30"), "simple: 50 tokens for, 30 against");

  // ------------------------------------------------------------------------------------------------
  chapter("Where things stand", "The final state, readable by every task (dao:info, qf:status, lic:verify ...).");
  table([
    { what: "watershed treasury", value: eth(await balance(wsTimelock)) },
    { what: "guild treasury", value: eth(await balance(guildTimelock)) },
    { what: "watershed token supply", value: tok(await watershed.token.totalSupply()) },
    { what: "QF projects paid", value: projectIds.length },
    { what: "licences of the seed cleaner", value: 2 },
  ]);
  await recordNamed(hre, "demo", "story", {
    bioregion: WATERSHED,
    guild: GUILD,
    round: ROUND,
    work: WORK,
    workId: String(work.workId),
    commonsLicence: String(free.licenceId),
    commercialLicence: String(paid.licenceId),
    watershedSpend: ids[WATERSHED],
    guildSpend: ids[GUILD],
  });
  const demo = await requireNamed(hre, "demo", "story");
  if (hre.network.name !== "hardhat") {
    console.log(
      `  recorded in the deployment record of ${hre.network.name}: communities, round "${demo.round}", work "${demo.work}"`,
    );
    console.log(`  inspect them:  npx hardhat dao:info --network ${hre.network.name} --community "${WATERSHED}"`);
    console.log(`                 npx hardhat qf:status --network ${hre.network.name} --round ${ROUND}`);
    console.log(
      `                 npx hardhat membrane:status --network ${hre.network.name} --community "${WATERSHED}"`,
    );
  }
  // For the replay test: every printed command and what it does when typed again.
  const commandsFile = process.env.COSMOLOCAL_DEMO_COMMANDS;
  if (commandsFile) fs.writeFileSync(commandsFile, JSON.stringify({ commands: printed }, null, 2));
  console.log(`\nThe story is told: every step succeeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((e: unknown) => {
  console.error(`\n✗ the demo stopped: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
