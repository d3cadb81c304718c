import { expect } from "chai";

import { startNode, type RunningNode } from "../helpers/node";

interface DeployResult {
  result: {
    contracts: Record<string, { address: string; block: number; deployer: string; commit: string }>;
    newlyRecorded: number;
  };
}

describe("e2e: suite on a real node", function () {
  let node: RunningNode;

  before(async function () {
    node = await startNode();
  });

  after(async function () {
    await node?.stop();
  });

  it("deploys through the Ignition module, records addresses, and deploys nothing new the second time", async function () {
    const first = await node.taskJson<DeployResult>(["suite:deploy"]);
    const impl = first.result.contracts.contributionTokenImpl;
    expect(impl.address).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(impl.block).to.be.greaterThan(0);
    expect(impl.deployer).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(first.result.newlyRecorded).to.be.greaterThan(0);

    const second = await node.taskJson<DeployResult>(["suite:deploy"]);
    expect(second.result.newlyRecorded).to.equal(0);
    expect(second.result.contracts.contributionTokenImpl.address).to.equal(impl.address);

    const info = await node.taskJson<{ result: { contracts: Record<string, { address: string }> } }>(["suite:info"]);
    expect(info.result.contracts.contributionTokenImpl.address).to.equal(impl.address);
  });

  it("rejects a malformed option with one line and a non-zero exit", async function () {
    const r = await node.task(["suite:deploy", "--parameters", "/nonexistent/params.json"]);
    expect(r.code).to.not.equal(0);
  });
});
