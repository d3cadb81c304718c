import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";

import { startFaultyProxy, type FaultyProxy } from "../helpers/faulty-proxy";
import { E2E_BUDGET_MS, startNode, type RunningNode } from "../helpers/node";

interface DonateResult {
  result: { alreadyDone?: string; total?: string };
  transactions: { hash: string }[];
}

interface StatusResult {
  result: { projects: { projectId: number; donations: string; donors: number }[] };
}

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

interface DeployResult {
  result: { contracts: Record<string, { address: string }>; newlyRecorded: number };
}

describe("e2e: tasks under faults (a node that stops in the middle)", function () {
  let node: RunningNode;
  let proxy: FaultyProxy;

  before(async function () {
    node = await startNode();
    proxy = await startFaultyProxy(node.url);
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-faults-"));

  after(async function () {
    await proxy?.close();
    await node?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a deploy cut off after its first transaction fails clearly, and the re-run completes it without deploying twice", async function () {
    const viaProxy = { LOCALHOST_RPC_URL: proxy.url };
    proxy.downAfter("eth_sendTransaction", 1);
    const cut = await node.task(["suite:deploy"], viaProxy);
    expect(cut.code).to.not.equal(0);
    expect(cut.stderr + cut.stdout).to.match(/cannot reach the localhost node/);

    proxy.up();
    const resumed = await node.taskJson<DeployResult>(["suite:deploy"], viaProxy);
    const contracts = Object.values(resumed.result.contracts);
    expect(contracts.length).to.be.greaterThan(0);

    // Every contract of the suite was created exactly once: the deployer sent one transaction each.
    const again = await node.taskJson<DeployResult>(["suite:deploy"], viaProxy);
    expect(again.result.newlyRecorded).to.equal(0);
    const deployer = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    const res = await fetch(node.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getTransactionCount", params: [deployer, "latest"] }),
    });
    const nonce = Number(((await res.json()) as { result: string }).result);
    expect(nonce).to.equal(proxy.methods.filter((m) => m === "eth_sendTransaction").length);
  });

  it("a donation cut off after it was sent fails clearly; the re-run says it was already done and donates nothing more", async function () {
    this.timeout(E2E_BUDGET_MS);
    const viaProxy = { LOCALHOST_RPC_URL: proxy.url };
    // The suite is deployed (previous test); a round with one approved project, in its donation phase.
    const reviewer = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // account 1 of the node
    const file = path.join(dir, "round.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: "faults",
        reviewers: [reviewer],
        applicationsStart: "+0",
        // A day per phase: a busy machine's slow tasks never outlast one.
        applicationsEnd: "+86400",
        donationsStart: "+86400",
        donationsEnd: "+172800",
      }),
    );
    await node.taskJson(["qf:create-round", "--file", file]);
    await node.taskJson(["qf:apply", "--round", "faults", "--uri", "ipfs://p", "--from", "3"]);
    await node.taskJson(["qf:review", "--round", "faults", "--project", "1", "--decision", "admit", "--from", "1"]);
    await rpc(node.url, "evm_increaseTime", [86_400]);
    await rpc(node.url, "evm_mine", []);

    const donate = ["qf:donate", "--round", "faults", "--project", "1", "--amount", "1", "--from", "5"];
    const sentBefore = proxy.methods.filter((m) => m === "eth_sendTransaction").length;
    proxy.downAfter("eth_sendTransaction", 1);
    const cut = await node.task(donate, viaProxy);
    expect(cut.code).to.not.equal(0);
    // The connection drops while the signer waits for the sent transaction: the task fails with the
    // network error (its text depends on where the HTTP client notices the drop).
    expect(cut.stderr + cut.stdout).to.match(
      /cannot reach the localhost node|other side closed|SocketError|ECONNRESET|socket hang up/,
    );

    proxy.up();
    const rerun = await node.taskJson<DonateResult>(donate, viaProxy);
    expect(rerun.result.alreadyDone).to.match(/^0x[0-9a-f]{64}$/);
    expect(rerun.transactions).to.deep.equal([]);
    // One transaction went through the proxy in both runs together, and the round holds one donation.
    expect(proxy.methods.filter((m) => m === "eth_sendTransaction").length - sentBefore).to.equal(1);
    const status = await node.taskJson<StatusResult>(["qf:status", "--round", "faults"]);
    expect(status.result.projects[0].donations).to.equal((10n ** 18n).toString());
    expect(status.result.projects[0].donors).to.equal(1);

    // A later, deliberate donation with the same options is a new donation (the journal is empty again).
    const again = await node.taskJson<DonateResult>(donate, viaProxy);
    expect(again.result.alreadyDone).to.equal(undefined);
    expect(again.transactions.length).to.equal(1);
  });
});
