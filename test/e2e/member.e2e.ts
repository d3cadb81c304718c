/**
 * A member's day on a real node with an account of their own: a named, encrypted keystore (no
 * private key in .env or on the command line; the password comes from the environment, as a
 * script gives it). Create the keystore, receive test ETH, submit a contribution, get it attested,
 * claim it, put money in the treasury, propose, vote, check the treasury. Failures along the way are
 * sentences, with no stack trace, and `--json` keeps the raw error.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { ethers } from "hardhat";

import { communityFile } from "../helpers/dao";
import { E2E_BUDGET_MS, startNode, type RunningNode } from "../helpers/node";

interface Out<T> {
  result: T;
}

describe("e2e: a member's day with a keystore account", function () {
  let node: RunningNode;
  let dir: string;
  let env: Record<string, string>;

  before(async function () {
    node = await startNode();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-member-"));
    env = { COSMOLOCAL_KEYSTORE_DIR: path.join(dir, "keys"), COSMOLOCAL_KEYSTORE_PASSWORD: "a long passphrase" };
  });

  after(async function () {
    await node?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) => node.task(args, env);
  const json = <T>(args: string[]) => node.taskJson<Out<T>>(args, env);
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  };
  const noStack = (text: string) => expect(text, text).to.not.match(/^\s+at .+:\d+:\d+\)?$/m);

  it("creates a keystore, receives test ETH, submits, gets attested, claims, deposits, proposes, votes and checks the treasury", async function () {
    // About twenty task processes; on a loaded two-core machine each can take half a minute.
    this.timeout(E2E_BUDGET_MS);
    const [, alice] = await ethers.getSigners();
    await node.taskJson(["suite:deploy"]);

    // The member's own account: an encrypted keystore, the key never shown.
    const created = await json<{ address: string; file: string }>(["account:new", "--name", "maya", "--light"]);
    const maya = created.result.address;
    expect(fs.readFileSync(created.result.file, "utf8")).to.match(/"crypto"/i);
    const listed = await run(["account:list"]);
    expect(listed.stdout).to.contain("maya").and.to.contain(maya);

    // Test ETH from a local account.
    await json(["dev:fund", "--to", "maya", "--amount", "2"]);

    await json([
      "dao:create",
      "--file",
      write(
        "commons.json",
        communityFile(
          "bioregion",
          "Commons",
          [
            { account: maya, amount: "20" },
            { account: alice.address, amount: "20" },
          ],
          {
            accounting: {
              kinds: [{ name: "care", valuePerUnit: "5" }],
              attestationThreshold: 1,
              challengeWindow: 3600,
            },
          },
        ),
      ),
    ]);

    // Submit, get attested by a peer, claim after the challenge window.
    const submitted = await json<{ id: string }>([
      "contrib:submit",
      "--community",
      "Commons",
      "--kind",
      "care",
      "--units",
      "3",
      "--evidence",
      "ipfs://maya-care-log",
      "--evidence-hash",
      ethers.id("maya-care-log"),
      "--from",
      "maya",
    ]);
    expect(submitted.result.id).to.equal("1");
    // Too early: a sentence, no stack trace; --json keeps the raw error.
    await json(["contrib:attest", "--community", "Commons", "--id", "1", "--from", "1"]);
    const earlyJson = await run(["contrib:claim", "--community", "Commons", "--id", "1", "--from", "maya", "--json"]);
    expect(earlyJson.code).to.equal(1);
    const raw = JSON.parse(earlyJson.stdout.slice(earlyJson.stdout.indexOf("{"))) as {
      error: { error: string; args: Record<string, string> };
    };
    expect(raw.error.error).to.equal("ContributionRegistryNotClaimable");
    expect(raw.error.args.claimableAt).to.match(/^\d+$/);
    // An hour's window, so that even slow tasks on a busy machine ask too early; then time moves.
    await json(["dev:time", "--by", "2h"]);
    const claimed = await json<{ claimed: string; balance: string }>([
      "contrib:claim",
      "--community",
      "Commons",
      "--id",
      "1",
      "--from",
      "maya",
    ]);
    expect(claimed.result.claimed).to.equal(ethers.parseEther("15").toString());

    // The treasury: a payout beyond it is refused before anything is sent; a deposit fixes it.
    const payout = write("payout.json", {
      description: "Pay for the seed library's shelves",
      actions: [{ type: "transfer-native", to: alice.address, amount: "0.5" }],
    });
    const refused = await run(["dao:propose", "--community", "Commons", "--file", payout, "--from", "maya"]);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.contain("pays out 0.5 ETH but the treasury holds 0 ETH");
    noStack(refused.stderr);
    await json(["dao:deposit", "--community", "Commons", "--amount", "1", "--from", "maya"]);
    const proposed = await json<{ ref: number; proposalId: string }>([
      "dao:propose",
      "--community",
      "Commons",
      "--file",
      payout,
      "--from",
      "maya",
    ]);
    expect(proposed.result.ref).to.equal(1);

    // Vote by its short reference once voting opens.
    const tooSoon = await run([
      "dao:vote",
      "--community",
      "Commons",
      "--proposal",
      "1",
      "--support",
      "for",
      "--from",
      "maya",
    ]);
    expect(tooSoon.code).to.equal(1);
    expect(tooSoon.stderr).to.match(
      /voting on proposal \S+ has not started: it opens \d\d:\d\d UTC(, \d+ \w+ \d{4})? \(in \d+ s\)/,
    );
    expect(tooSoon.stderr).to.not.contain("GovernorUnexpectedProposalState(");
    noStack(tooSoon.stderr + tooSoon.stdout);
    await json(["dev:time", "--by", "2m"]);
    const voted = await json<{ voter: string }>([
      "dao:vote",
      "--community",
      "Commons",
      "--proposal",
      "1",
      "--support",
      "for",
      "--from",
      "maya",
    ]);
    expect(voted.result.voter).to.equal(maya);
    const proposals = await run(["dao:proposals", "--community", "Commons"]);
    // An hour's vote, less the minutes the tasks above took (many on a loaded machine, whose clock the node
    // follows); the date is printed when the close falls on another day than today (near midnight).
    expect(proposals.stdout).to.match(
      /active .*voting closes \d\d:\d\d UTC(, \d+ \w+ \d{4})? \(in ([1-5]?\d|60) min\)/,
    );

    const info = await json<{ treasury: { symbol: string; balance: string }[] }>([
      "dao:info",
      "--community",
      "Commons",
    ]);
    expect(info.result.treasury[0]).to.deep.include({ symbol: "ETH", balance: ethers.parseEther("1").toString() });

    // Nothing secret anywhere in what was printed or recorded.
    const records = fs.readdirSync(node.recordsDir).map((f) => fs.readFileSync(path.join(node.recordsDir, f), "utf8"));
    expect(records.join("\n")).to.not.contain("privateKey").and.to.not.contain("a long passphrase");
  });
});
