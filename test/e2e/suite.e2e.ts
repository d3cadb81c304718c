import { expect } from "chai";

import { runHardhat, startNode, type RunningNode } from "../helpers/node";

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
    expect(r.stderr.trim().split("\n")).to.have.length(1);
  });

  it("prints an error from outside the tasks (here Hardhat's test runner) in one line, without a stack trace", async function () {
    // On a CI server Hardhat keeps its stack traces (hardhat.config.ts): the run is made as on a
    // user's machine, without the variables by which CI services are recognised.
    const { name: ciVendor } = require("ci-info") as { name: string | null };
    if (ciVendor) this.skip();
    const env = { ...process.env };
    for (const v of ["CI", "CONTINUOUS_INTEGRATION", "BUILD_NUMBER", "RUN_ID", "GITHUB_ACTIONS"]) delete env[v];
    const r = await runHardhat(["test", "--no-compile", "/nonexistent/a.test.ts"], env);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain("✗ Cannot find module '/nonexistent/a.test.ts'");
    expect(r.stderr).to.contain("run with --verbose for the stack trace");
    expect(r.stderr).to.not.match(/^\s+at .+:\d+:\d+\)?$/m);
  });
});
