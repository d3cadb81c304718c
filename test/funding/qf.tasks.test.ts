import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import hre, { ethers } from "hardhat";

import type { MockPermitToken, Round } from "../../typechain-types";
import { ONE } from "../helpers/funding";

/**
 * The qf tasks in-process (fast): an ERC-20 round with a Merkle allowlist, a native round, a
 * checkout over both, and the one-line input errors. The full flow against a real node is in
 * test/e2e/funding.e2e.ts.
 */
describe("scripts/tasks/qf (in-process)", function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-qf-"));
  const file = (name: string, value: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, JSON.stringify(value));
    return f;
  };
  const log = console.log;
  const run = <T = Record<string, unknown>>(name: string, args: Record<string, unknown>) =>
    hre.run(name, { json: true, ...args }) as Promise<T>;

  before(() => {
    console.log = () => undefined;
  });
  after(() => {
    console.log = log;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs an allowlisted ERC-20 round and a native round, with a checkout over both", async function () {
    const signers = await ethers.getSigners();
    const [, reviewer, owner, donor] = signers;
    const token = (await ethers.deployContract("MockPermitToken")) as unknown as MockPermitToken;
    await token.mint(donor.address, 100n * ONE);
    await token.mint(signers[0].address, 100n * ONE);
    await token.mint(owner.address, 100n * ONE);
    await run("suite:deploy", {});
    const schedule = {
      applicationsStart: "+0",
      applicationsEnd: "+100",
      donationsStart: "+100",
      donationsEnd: "+200",
      tallyWindow: 3600,
    };
    const allowlist = file("allow.json", [donor.address, owner.address]);
    await run("qf:create-round", {
      file: file("t.json", {
        name: "tok",
        token: await token.getAddress(),
        reviewers: [reviewer.address],
        minDonation: "0.5",
        matchCap: { amount: "3", shareBps: 5000 },
        eligibility: { kind: "merkle", allowlist: JSON.parse(fs.readFileSync(allowlist, "utf8")) as string[] },
        ...schedule,
      }),
    });
    await run("qf:create-round", {
      file: file("n.json", { name: "nat", reviewers: [reviewer.address], ...schedule }),
    });
    await run("qf:fund", { round: "tok", amount: "10" });
    for (const r of ["tok", "nat"]) {
      for (const uri of ["ipfs://a", "ipfs://b"]) {
        const applied = await run<{ projectId: number }>("qf:apply", { round: r, uri, from: "2" });
        await run("qf:review", { round: r, project: String(applied.projectId), decision: "admit", from: "1" });
      }
    }
    await time.increase(120);
    await run("qf:donate", { round: "tok", project: "1", amount: "1", from: "3", allowlist });
    await run("qf:donate", { round: "tok", project: "1", amount: "4", from: "2", allowlist });
    const cart = file("cart.json", [
      { project: 2, amount: "1" },
      { project: 1, amount: "2", round: "nat" },
      { project: 2, amount: "0.5", round: "nat" },
    ]);
    const checkout = await run<{ rounds: string[] }>("qf:donate", { round: "tok", cart, from: "3", allowlist });
    expect(checkout.rounds).to.deep.equal(["tok", "nat"]);
    const sameRound = file("same.json", [{ project: 2, amount: "1" }]);
    await run("qf:donate", { round: "nat", cart: sameRound, from: "4" });

    await expect(
      run("qf:donate", { round: "tok", project: "1", amount: "1", from: "4", allowlist }),
    ).to.be.rejectedWith("is not on the allowlist");
    // e.g. "donate to project 1: The donation of 0.1 MTK is below the round's minimum of 1 MTK."
    await expect(
      run("qf:donate", { round: "tok", project: "1", amount: "0.1", from: "3", allowlist }),
    ).to.be.rejectedWith(/below the round.s minimum/);
    await expect(run("qf:donate", { round: "nat", cart, project: "1", from: "3" })).to.be.rejectedWith(
      "give either --cart or --project",
    );
    await expect(run("qf:review", { round: "nat", project: "1", decision: "maybe" })).to.be.rejectedWith(
      "must be one of: admit, reject, remove",
    );
    await expect(run("qf:status", { round: "nowhere" })).to.be.rejectedWith('unknown round "nowhere"');
    await expect(run("qf:fund", { round: "nat", amount: "1", from: "99" })).to.be.rejectedWith("accounts");
    await expect(
      run("qf:fund", { round: "nat", amount: "1", from: ethers.Wallet.createRandom().address }),
    ).to.be.rejectedWith("is not an account you can sign for here");

    const status = await run<{ projects: { estimatedMatch: string; referenceMatch: string; donors: number }[] }>(
      "qf:status",
      { round: "tok" },
    );
    expect(status.projects[0].donors).to.equal(2);
    for (const p of status.projects) expect(p.estimatedMatch).to.equal(p.referenceMatch);
    await time.increase(100);
    // Donations have closed: the tally window is open, reviewers may still remove a project.
    const removed = await run<{ status: string }>("qf:review", {
      round: "nat",
      project: "2",
      decision: "remove",
      from: "1",
    });
    expect(removed.status).to.equal("removed");
    await expect(run("qf:finalize", { round: "tok" })).to.be.rejectedWith("tally window open");
    await time.increase(3600);
    const finalized = await run<{ openClaimAt: string }>("qf:finalize", { round: "tok" });
    // For three days only the project's owner (account 2, also its recipient) may trigger its payout.
    await expect(run("qf:claim", { round: "tok", project: "1" })).to.be.rejectedWith("claim reserved");
    expect(BigInt(finalized.openClaimAt)).to.be.greaterThan(0n);
    const claimed = await run<{ match: string }>("qf:claim", { round: "tok", project: "1", from: "2" });
    expect(BigInt(claimed.match)).to.equal(BigInt(status.projects[0].estimatedMatch));
    await run("qf:refund", { round: "tok", funding: true });
    await expect(run("qf:refund", { round: "tok" })).to.be.rejectedWith("give either --project or --funding");

    // The native round is cancelled after donations closed: donors take their donations back.
    await run("qf:cancel", { round: "nat" });
    const refund = await run<{ amount: string }>("qf:refund", { round: "nat", project: "1", from: "3" });
    expect(refund.amount).to.equal((2n * ONE).toString());
    const rec = await import("../../scripts/lib/record");
    const nat = (await ethers.getContractAt(
      "Round",
      String((await rec.requireNamed(hre, "round", "nat")).address),
    )) as unknown as Round;
    expect(await nat.donationOf(1, donor.address)).to.equal(0n);
  });

  it("runs cluster rounds: groups published from a file, and the federation's communities", async function () {
    await run("suite:deploy", {});
    const [, reviewer] = await ethers.getSigners();
    const schedule = {
      applicationsStart: "+0",
      applicationsEnd: "+100",
      donationsStart: "+100",
      donationsEnd: "+200",
      tallyWindow: 3600,
    };
    const groups = path.join(__dirname, "../../examples/funding/clusters.json");
    const created = await run<{ matching: string; clusterSource: string }>("qf:create-round", {
      file: file("plural.json", { name: "plural", reviewers: [reviewer.address], ...schedule }),
      matching: "cluster",
      clusters: groups,
    });
    expect(created.matching).to.equal("cluster");
    const federated = await run<{ matching: string; clusterSource: string }>("qf:create-round", {
      file: file("fed.json", { name: "plural-fed", reviewers: [reviewer.address], ...schedule }),
      matching: "cluster",
    });
    const rec = await import("../../scripts/lib/record");
    expect(federated.clusterSource).to.equal(
      ethers.zeroPadValue(await rec.requireContract(hre, "federatedMembership"), 32),
    );
    await run("qf:fund", { round: "plural", amount: "100" });
    for (const r of ["plural", "plural-fed"]) {
      for (const uri of ["ipfs://a", "ipfs://b"]) {
        const applied = await run<{ projectId: number }>("qf:apply", { round: r, uri, from: "2" });
        await run("qf:review", { round: r, project: String(applied.projectId), decision: "admit", from: "1" });
      }
    }
    await time.increase(120);
    // Accounts 5 and 6 are in group 1, 7 in groups 1 and 2, 9 in group 3; 4 and 8 give without a proof.
    const give = (from: string, project: string, withGroups = true) =>
      run<{ clusters: string[] }>("qf:donate", {
        round: "plural",
        project,
        amount: "1",
        from,
        ...(withGroups ? { clusters: groups } : {}),
      });
    expect((await give("5", "1")).clusters).to.deep.equal(["1"]);
    expect((await give("7", "1")).clusters).to.deep.equal(["1", "2"]);
    await give("6", "1");
    expect((await give("4", "1")).clusters).to.deep.equal(["0"]); // in no group
    await give("9", "2");
    expect((await give("8", "2", false)).clusters).to.deep.equal(["0"]); // group 2, but no proof: unaffiliated
    const again = await run<{ clusters: string[] }>("qf:donate", {
      round: "plural",
      project: "2",
      amount: "1",
      from: "8",
      clusters: groups,
    });
    expect(again.clusters).to.deep.equal(["0"]); // fixed at the first donation
    const fedGift = await run<{ clusters: string[] }>("qf:donate", {
      round: "plural-fed",
      project: "1",
      amount: "1",
      from: "3",
    });
    expect(fedGift.clusters).to.deep.equal(["0"]); // listed in no community of the federation

    const status = await run<{
      matching: string;
      projects: { estimatedMatch: string; referenceMatch: string; standardMatch: string; clusters: number }[];
    }>("qf:status", { round: "plural" });
    expect(status.matching).to.equal("cluster");
    expect(status.projects.map((p) => p.clusters)).to.deep.equal([3, 2]); // groups 1, 2 and unaffiliated; 3 and unaffiliated
    for (const p of status.projects) expect(p.estimatedMatch).to.equal(p.referenceMatch);
    // Three of project 1's four donors share group 1: standard matching would give it more. Project 2's
    // two donors are in two clusters: the same match either way, but for the rounding of the roots.
    expect(BigInt(status.projects[0].standardMatch)).to.be.greaterThan(BigInt(status.projects[0].estimatedMatch));
    const [a, b] = [BigInt(status.projects[1].standardMatch), BigInt(status.projects[1].estimatedMatch)];
    expect(a > b ? a - b : b - a).to.be.lessThan(10n);

    await expect(
      run("qf:create-round", {
        file: file("bad.json", { name: "bad", reviewers: [reviewer.address], ...schedule }),
        clusters: groups,
      }),
    ).to.be.rejectedWith("--clusters needs --matching cluster");
    const crowded = file("crowded.json", {
      groups: [1, 2, 3, 4, 5].map((id) => ({ id, members: [reviewer.address] })),
    });
    await expect(
      run("qf:create-round", {
        file: file("bad2.json", { name: "bad2", reviewers: [reviewer.address], ...schedule }),
        matching: "cluster",
        clusters: crowded,
      }),
    ).to.be.rejectedWith("a donor counts in at most 4");
    const other = file("other.json", { groups: [{ id: 1, members: [reviewer.address] }] });
    await expect(
      run("qf:donate", { round: "plural", project: "1", amount: "1", from: "1", clusters: other }),
    ).to.be.rejectedWith("is not the groups file this round was created with");
    await expect(
      run("qf:donate", { round: "plural-fed", project: "1", amount: "1", from: "5", clusters: groups }),
    ).to.be.rejectedWith("--clusters is for cluster rounds with published groups");
  });
});
