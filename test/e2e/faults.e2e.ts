import { expect } from "chai";

import { startFaultyProxy, type FaultyProxy } from "../helpers/faulty-proxy";
import { startNode, type RunningNode } from "../helpers/node";

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

  after(async function () {
    await proxy?.close();
    await node?.stop();
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
});
