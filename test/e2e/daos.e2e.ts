import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { ContractFactory, JsonRpcProvider, ethers as ethersLib } from "ethers";
import { artifacts, ethers } from "hardhat";

import { communityFile } from "../helpers/dao";
import { E2E_BUDGET_MS, startNode, type RunningNode } from "../helpers/node";

interface TaskResult<T> {
  result: T;
  transactions: { label: string; hash: string; gasUsed: string }[];
}

describe("e2e: bioregional and guild DAO tasks on a real node", function () {
  let node: RunningNode;
  let provider: JsonRpcProvider;
  let dir: string;

  before(async function () {
    node = await startNode();
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-dao-"));
  });

  after(async function () {
    provider?.destroy();
    await node?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  };
  /** `dao:vote` on proposal `id` of Cascadia with `support`, then any further options. */
  const vote = (id: string, support: string, ...extra: string[]) => [
    "dao:vote",
    "--community",
    "Cascadia",
    "--proposal",
    id,
    "--support",
    support,
    ...extra,
  ];
  const advance = async (seconds: number) => {
    await provider.send("evm_increaseTime", [seconds]);
    await provider.send("evm_mine", []);
  };

  it("creates a bioregion, proposes, votes (also by a relayed eth_signTypedData_v4 signature), queues, executes, lists and delegates", async function () {
    // A dozen task processes of a few seconds each; more on a shared, busy machine.
    this.timeout(E2E_BUDGET_MS);
    const [deployer, alice, bob, carol, dave] = await ethers.getSigners();
    await node.taskJson(["suite:deploy"]);

    const created = await node.taskJson<TaskResult<{ id: number; community: Record<string, string> }>>([
      "dao:create",
      "--file",
      write(
        "community.json",
        communityFile(
          "bioregion",
          "Cascadia",
          [
            { account: alice.address, amount: "100" },
            { account: bob.address, amount: "400" },
            { account: carol.address, amount: "900" },
          ],
          { accounting: { kinds: [{ name: "care", valuePerUnit: "1" }], attestationThreshold: 1 } },
        ),
      ),
    ]);
    expect(created.result.id).to.equal(1);
    const timelock = created.result.community.timelock;
    expect(timelock).to.match(/^0x[0-9a-fA-F]{40}$/);

    // Fund the treasury with native coin and an ERC-20.
    const funder = await provider.getSigner(deployer.address);
    await (await funder.sendTransaction({ to: timelock, value: ethersLib.parseEther("5") })).wait();
    const art = await artifacts.readArtifact("MockERC20");
    const erc20 = await new ContractFactory(art.abi, art.bytecode, funder).deploy("Dao Test Token", "DTT", 0);
    await erc20.waitForDeployment();
    await (await erc20.getFunction("mint")(timelock, ethersLib.parseEther("1000"))).wait();

    const info = await node.taskJson<TaskResult<{ info: Record<string, string | number> }>>([
      "dao:info",
      "--community",
      "Cascadia",
    ]);
    expect(info.result.info.kind).to.equal("bioregion");
    expect(info.result.info.treasuryNative).to.equal("5.0");
    expect(info.result.info.members).to.equal(3);
    expect(info.result.info.tokenSupply).to.equal("1400.0");

    const proposed = await node.taskJson<TaskResult<{ proposalId: string; state: string }>>([
      "dao:propose",
      "--community",
      "Cascadia",
      "--from",
      "2",
      "--file",
      write("proposal.json", {
        description: "Fund the seed library, welcome dave, longer votes",
        actions: [
          { type: "transfer-native", to: dave.address, amount: "1.5" },
          { type: "transfer-erc20", token: await erc20.getAddress(), to: dave.address, amount: "100" },
          { type: "setting", name: "votingPeriod", value: 7200 },
          { type: "setting", name: "halfLife", value: "1y" },
          { type: "admit-member", account: dave.address },
        ],
      }),
    ]);
    const id = proposed.result.proposalId;
    expect(proposed.result.state).to.equal("Pending");
    await advance(61);

    // Alice votes by transaction; carol signs through the node (eth_signTypedData_v4) and erin relays.
    const voted = await node.taskJson<TaskResult<{ tally: Record<string, string> }>>(
      vote(id, "against", "--reason", "too fast", "--from", "1"),
    );
    expect(voted.result.tally.against).to.equal(ethersLib.parseEther("100").toString());

    const governor = created.result.community.governor;
    const typedData = {
      types: {
        EIP712Domain: [
          { name: "name", type: "string" },
          { name: "version", type: "string" },
          { name: "chainId", type: "uint256" },
          { name: "verifyingContract", type: "address" },
        ],
        Ballot: [
          { name: "proposalId", type: "uint256" },
          { name: "support", type: "uint8" },
          { name: "voter", type: "address" },
          { name: "nonce", type: "uint256" },
        ],
      },
      primaryType: "Ballot",
      domain: { name: "Cascadia", version: "1", chainId: 31337, verifyingContract: governor },
      message: { proposalId: id, support: 1, voter: carol.address, nonce: "0" },
    };
    const signature = (await provider.send("eth_signTypedData_v4", [
      carol.address,
      JSON.stringify(typedData),
    ])) as string;
    const relay = vote(id, "for", "--voter", carol.address, "--signature", signature, "--from", "5");
    const relayed = await node.taskJson<TaskResult<{ voter: string; tally: Record<string, string> }>>(relay);
    expect(relayed.result.voter).to.equal(carol.address);
    expect(relayed.result.tally.for).to.equal(ethersLib.parseEther("900").toString());
    const replay = await node.task(relay);
    expect(replay.code).to.not.equal(0);
    expect(replay.stderr + replay.stdout).to.contain("The vote signature is not");

    // --sign-only produces a signature that relays (bob abstains through erin).
    const signed = await node.taskJson<TaskResult<{ signature: string; voter: string }>>(
      vote(id, "abstain", "--reason", "need more data", "--sign-only", "--from", "2"),
    );
    expect(signed.result.voter).to.equal(bob.address);
    expect(signed.transactions).to.have.length(0);
    const bobRelayed = await node.taskJson<TaskResult<{ tally: Record<string, string> }>>(
      vote(
        id,
        "abstain",
        "--voter",
        bob.address,
        "--signature",
        signed.result.signature,
        "--reason",
        "need more data",
        "--from",
        String(5),
      ),
    );
    expect(bobRelayed.result.tally.abstain).to.equal(ethersLib.parseEther("400").toString());

    await advance(3601);
    const queued = await node.taskJson<TaskResult<{ state: string }>>([
      "dao:queue",
      "--community",
      "Cascadia",
      "--proposal",
      id,
    ]);
    expect(queued.result.state).to.equal("Queued");
    await advance(1801);
    const daveBefore = await provider.getBalance(dave.address);
    const executed = await node.taskJson<TaskResult<{ state: string }>>([
      "dao:execute",
      "--community",
      "Cascadia",
      "--proposal",
      id,
      "--from",
      "5",
    ]);
    expect(executed.result.state).to.equal("Executed");
    expect((await provider.getBalance(dave.address)) - daveBefore).to.equal(ethersLib.parseEther("1.5"));
    expect(await erc20.getFunction("balanceOf")(dave.address)).to.equal(ethersLib.parseEther("100"));

    const g = new ethersLib.Contract(governor, ["function votingPeriod() view returns (uint256)"], provider);
    expect(await g.getFunction("votingPeriod")()).to.equal(7200n);
    // Recency, switched on by the proposal: nominal contributions stay, weights start to fade.
    await advance(365 * 86_400);
    const decayed = await node.taskJson<TaskResult<{ info: Record<string, string | number> }>>([
      "dao:info",
      "--community",
      "Cascadia",
    ]);
    expect(decayed.result.info.halfLife).to.equal(365 * 86_400);
    expect(decayed.result.info.tokenSupply).to.equal("1400.0");
    expect(Number(decayed.result.info.totalWeight)).to.be.closeTo(700, 1);
    const status = await node.task(["contrib:status", "--community", "Cascadia", "--account", carol.address]);
    expect(status.code).to.equal(0);
    expect(status.stdout).to.contain("earned 900");
    expect(status.stdout).to.contain("half-life 365 days");
    const membership = new ethersLib.Contract(
      created.result.community.membership,
      ["function isMember(address) view returns (bool)"],
      provider,
    );
    expect(await membership.getFunction("isMember")(dave.address)).to.equal(true);

    const listed = await node.taskJson<TaskResult<{ proposals: Record<string, string>[] }>>([
      "dao:proposals",
      "--community",
      "Cascadia",
    ]);
    expect(listed.result.proposals).to.have.length(1);
    expect(listed.result.proposals[0]).to.include({
      id,
      state: "Executed",
      for: ethersLib.parseEther("900").toString(),
      against: ethersLib.parseEther("100").toString(),
      abstain: ethersLib.parseEther("400").toString(),
    });

    const delegated = await node.taskJson<TaskResult<{ delegatee: string; delegateeVotes: string }>>([
      "dao:delegate",
      "--community",
      "Cascadia",
      "--to",
      carol.address,
      "--from",
      "1",
    ]);
    expect(delegated.result.delegatee).to.equal(carol.address);
    // Alice's 100 and carol's 900 tokens, a year after the proposal set a one-year half-life: about half.
    expect(Number(ethersLib.formatEther(delegated.result.delegateeVotes))).to.be.closeTo(500, 1);
  });

  // Continues on the community the test above created (its own test, for its own time budget).
  it("cancels an expired proposal with dao:cancel-expired, after which it can never be executed", async function () {
    // A proposal queued and left unexecuted expires after 30 days; anyone then cancels its timelock
    // operation, so not even this open-execution timelock can run it later.
    const [, , , , dave] = await ethers.getSigners();
    const stale = await node.taskJson<TaskResult<{ proposalId: string }>>([
      "dao:propose",
      "--community",
      "Cascadia",
      "--from",
      "2",
      "--file",
      write("stale.json", {
        description: "Pay dave again",
        actions: [{ type: "transfer-native", to: dave.address, amount: "0.5" }],
      }),
    ]);
    const staleId = stale.result.proposalId;
    await advance(61);
    await node.taskJson(vote(staleId, "for", "--from", "3"));
    await advance(7201);
    await node.taskJson(["dao:queue", "--community", "Cascadia", "--proposal", staleId]);
    await advance(1800 + 30 * 86_400 + 1);
    const cancelled = await node.taskJson<TaskResult<{ state: string }>>([
      "dao:cancel-expired",
      "--community",
      "Cascadia",
      "--proposal",
      staleId,
      "--from",
      "5",
    ]);
    expect(cancelled.result.state).to.equal("Canceled");
    const late = await node.task(["dao:execute", "--community", "Cascadia", "--proposal", staleId]);
    expect(late.code).to.not.equal(0);
  });

  it("rejects a bad community file with one line and a non-zero exit, sending nothing", async function () {
    const bad = await node.task(["dao:create", "--file", write("bad.json", { kind: "village", name: "x" })]);
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr).to.contain("kind");
  });

  it("creates a guild whose weights fade with --half-life 90d, and refuses a half-life of two hours", async function () {
    this.timeout(E2E_BUDGET_MS);
    const [, alice] = await ethers.getSigners();
    const spec = communityFile("guild", "Fading Guild", [{ account: alice.address, amount: "10" }]);
    const short = await node.task(["dao:create", "--file", write("fading.json", spec), "--half-life", "2h"]);
    expect(short.code).to.not.equal(0);
    expect(short.stderr).to.contain("between 1d and 100y");
    await node.taskJson(["dao:create", "--file", write("fading.json", spec), "--half-life", "90d"]);
    await advance(90 * 86_400);
    const info = await node.taskJson<TaskResult<{ info: Record<string, string | number> }>>([
      "dao:info",
      "--community",
      "Fading Guild",
    ]);
    expect(info.result.info.halfLife).to.equal(90 * 86_400);
    expect(info.result.info.tokenSupply).to.equal("10.0");
    expect(Number(info.result.info.totalWeight)).to.be.closeTo(5, 0.01);
  });
});
