import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { ethers } from "hardhat";

import { E2E_BUDGET_MS, startNode, type RunningNode } from "../helpers/node";

interface StatusResult {
  result: {
    phase: string;
    pool: string;
    projects: { projectId: number; status: string; donors: number; estimatedMatch: string; referenceMatch: string }[];
  };
}

async function rpc(url: string, method: string, params: unknown[]): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  if (!res.ok) throw new Error(`${method} failed: ${res.status}`);
}

describe("e2e: a quadratic funding round through the qf tasks on a real node", function () {
  let node: RunningNode;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-qf-"));
  const file = (name: string, value: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, JSON.stringify(value));
    return f;
  };
  const advance = async (seconds: number) => {
    await rpc(node.url, "evm_increaseTime", [seconds]);
    await rpc(node.url, "evm_mine", []);
  };

  before(async function () {
    node = await startNode();
  });

  after(async function () {
    await node?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates, funds, reviews, takes donations and a cart, finalises, pays out; cancels another round", async function () {
    // About 20 tasks, each a child process of a few seconds (more on a busy machine).
    this.timeout(E2E_BUDGET_MS);
    const accounts = (await ethers.getSigners()).map((s) => s.address);
    await node.taskJson(["suite:deploy"]);
    const schedule = {
      applicationsStart: "+0",
      // Phases of a day, moved through with evm_increaseTime: a busy machine's slow tasks never
      // outlast a phase (a node's clock runs with the wall clock between them).
      applicationsEnd: "+86400",
      donationsStart: "+86400",
      donationsEnd: "+172800",
      tallyWindow: 3600,
    };
    const created = await node.taskJson<{ result: { address: string } }>([
      "qf:create-round",
      "--file",
      file("round.json", { name: "commons", token: "native", reviewers: [accounts[1]], ...schedule }),
    ]);
    expect(created.result.address).to.match(/^0x[0-9a-fA-F]{40}$/);
    await node.taskJson(["qf:fund", "--round", "commons", "--amount", "10", "--from", "2"]);
    const a = await node.taskJson<{ result: { projectId: number } }>([
      "qf:apply",
      "--round",
      "commons",
      "--uri",
      "ipfs://a",
      "--from",
      "3",
    ]);
    const b = await node.taskJson<{ result: { projectId: number } }>([
      "qf:apply",
      "--round",
      "commons",
      "--uri",
      "ipfs://b",
      "--from",
      "4",
    ]);
    expect([a.result.projectId, b.result.projectId]).to.deep.equal([1, 2]);
    for (const p of ["1", "2"]) {
      await node.taskJson(["qf:review", "--round", "commons", "--project", p, "--decision", "admit", "--from", "1"]);
    }
    await advance(86_400); // applications close and donations open
    await node.taskJson(["qf:donate", "--round", "commons", "--project", "1", "--amount", "1", "--from", "5"]);
    await node.taskJson(["qf:donate", "--round", "commons", "--project", "2", "--amount", "0.25", "--from", "5"]);
    const cart = file("cart.json", [
      { project: 1, amount: "4" },
      { project: 2, amount: "1" },
    ]);
    await node.taskJson(["qf:donate", "--round", "commons", "--cart", cart, "--from", "6"]);

    const status = await node.taskJson<StatusResult>(["qf:status", "--round", "commons"]);
    expect(status.result.phase).to.equal("donations");
    for (const p of status.result.projects) {
      expect(p.donors).to.equal(2);
      expect(p.estimatedMatch).to.equal(p.referenceMatch);
      expect(BigInt(p.estimatedMatch)).to.be.greaterThan(0n);
    }
    // Project 1: (1 + 2)^2 - 5 = 4; project 2: (0.5 + 1)^2 - 1.25 = 1 (exact roots).
    expect(status.result.projects.map((p) => p.estimatedMatch)).to.deep.equal([
      ethers.parseEther("4").toString(),
      ethers.parseEther("1").toString(),
    ]);

    await advance(86_400 + 3600); // donations close, then the one-hour tally window passes
    const fin = await node.taskJson<{ result: { leftover: string } }>(["qf:finalize", "--round", "commons"]);
    expect(fin.result.leftover).to.equal(ethers.parseEther("5").toString());
    const paid = await node.taskJson<{ result: { recipient: string; donations: string; match: string } }>([
      "qf:claim",
      "--round",
      "commons",
      "--project",
      "1",
      "--from",
      "3",
    ]);
    expect(paid.result.recipient).to.equal(accounts[3]);
    expect(paid.result.match).to.equal(ethers.parseEther("4").toString());
    await node.taskJson(["qf:claim", "--round", "commons", "--project", "2", "--from", "4"]);
    const back = await node.taskJson<{ result: { amount: string } }>([
      "qf:refund",
      "--round",
      "commons",
      "--funding",
      "--from",
      "2",
    ]);
    expect(back.result.amount).to.equal(ethers.parseEther("5").toString());

    // A second round, cancelled by its operator (refunds after a cancellation: test/funding/qf.tasks.test.ts).
    await node.taskJson([
      "qf:create-round",
      "--file",
      file("second.json", { name: "second", reviewers: [accounts[1]], ...schedule }),
    ]);
    const cancelled = await node.taskJson<{ result: { phase: string } }>(["qf:cancel", "--round", "second"]);
    expect(cancelled.result.phase).to.equal("cancelled");
  });

  it("runs a cluster-matching round with the example groups file: two donors in one group against two in two groups", async function () {
    this.timeout(E2E_BUDGET_MS);
    const accounts = (await ethers.getSigners()).map((s) => s.address);
    await node.taskJson(["suite:deploy"]); // deploys nothing new after the first test
    const groups = path.join(__dirname, "../../examples/funding/clusters.json");
    const schedule = {
      applicationsStart: "+0",
      applicationsEnd: "+86400",
      donationsStart: "+86400",
      donationsEnd: "+172800",
      tallyWindow: 3600,
    };
    const created = await node.taskJson<{ result: { matching: string } }>([
      "qf:create-round",
      "--file",
      file("plural.json", { name: "plural", token: "native", reviewers: [accounts[1]], ...schedule }),
      "--matching",
      "cluster",
      "--clusters",
      groups,
    ]);
    expect(created.result.matching).to.equal("cluster");
    await node.taskJson(["qf:fund", "--round", "plural", "--amount", "100", "--from", "2"]);
    for (const uri of ["ipfs://one-group", "ipfs://two-groups"]) {
      const applied = await node.taskJson<{ result: { projectId: number } }>([
        "qf:apply",
        "--round",
        "plural",
        "--uri",
        uri,
        "--from",
        "3",
      ]);
      await node.taskJson([
        "qf:review",
        "--round",
        "plural",
        "--project",
        String(applied.result.projectId),
        "--decision",
        "admit",
        "--from",
        "1",
      ]);
    }
    await advance(86_400);
    // Accounts 5 and 6 are in group 1 only; 8 is in group 2, 9 in group 3 (examples/funding/clusters.json).
    const give = (from: string, project: string) =>
      node.taskJson<{ result: { clusters: string[] } }>([
        "qf:donate",
        "--round",
        "plural",
        "--project",
        project,
        "--amount",
        "1",
        "--from",
        from,
        "--clusters",
        groups,
      ]);
    expect((await give("5", "1")).result.clusters).to.deep.equal(["1"]);
    await give("6", "1");
    expect((await give("8", "2")).result.clusters).to.deep.equal(["2"]);
    expect((await give("9", "2")).result.clusters).to.deep.equal(["3"]);
    const status = await node.taskJson<{
      result: {
        matching: string;
        projects: { clusters: number; estimatedMatch: string; referenceMatch: string; standardMatch: string }[];
      };
    }>(["qf:status", "--round", "plural"]);
    expect(status.result.matching).to.equal("cluster");
    expect(status.result.projects.map((p) => p.clusters)).to.deep.equal([1, 2]);
    const [one, two] = status.result.projects;
    for (const p of [one, two]) expect(p.estimatedMatch).to.equal(p.referenceMatch);
    // Two donors of one group get nothing; standard matching would have given them what two groups get.
    expect(one.estimatedMatch).to.equal("0");
    expect(BigInt(one.standardMatch)).to.be.greaterThan(0n);
    expect(BigInt(two.estimatedMatch)).to.be.greaterThan(0n);
    await advance(86_400 + 3600);
    await node.taskJson(["qf:finalize", "--round", "plural"]);
    const paid = await node.taskJson<{ result: { match: string } }>([
      "qf:claim",
      "--round",
      "plural",
      "--project",
      "2",
      "--from",
      "3",
    ]);
    expect(paid.result.match).to.equal(two.estimatedMatch);
  });
});
