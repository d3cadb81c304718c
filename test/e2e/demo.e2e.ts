/**
 * The demo against a real `hardhat node`: `hardhat run scripts/demo.ts --network localhost` as a
 * child process, then the final state read back through the parts' tasks (`--json`), as a user
 * would inspect it. Then every command the demo printed (each `$ npx hardhat …` line of its
 * output) is typed again, as printed, against the same node: the input files it names are shipped
 * under examples/demo/, and each command either succeeds again or is refused for the reason the
 * story gives for it (the demo's AFTER_STORY: a vote already cast, a round already finalised ...).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { parseEther } from "ethers";

import { E2E_BUDGET_MS, startNode, type RunningNode } from "../helpers/node";
import { shellWords, type ReplayOutcome } from "../helpers/replay";

interface Out<T> {
  result: T;
}

describe("e2e: the demo on a real node", function () {
  let node: RunningNode;

  before(async function () {
    node = await startNode();
  });

  after(async function () {
    await node?.stop();
  });

  it("tells the whole story, leaves a final state the tasks can read, and every printed command replays as the story says", async function () {
    this.timeout(E2E_BUDGET_MS);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-demo-"));
    const commandsFile = path.join(scratch, "commands.json");
    const run = await node.task(["run", "--no-compile", "scripts/demo.ts"], { COSMOLOCAL_DEMO_COMMANDS: commandsFile });
    expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
    expect(run.stdout).to.contain("The story is told");
    expect(run.stdout).to.not.contain("check failed");
    console.log(`      ${/every step succeeded in [\d.]+ s/.exec(run.stdout)?.[0] ?? ""} against the node`);

    const info = await node.taskJson<
      Out<{
        named: Record<string, Record<string, Record<string, string>>>;
        contracts: Record<string, { address: string }>;
      }>
    >(["suite:info"]);
    const story = info.result.named.demo.story;
    expect(Object.keys(info.result.named.community)).to.include.members([story.bioregion, story.guild]);
    expect(info.result.named.round).to.have.property(story.round);
    expect(info.result.named.work).to.have.property(story.work);

    // Both treasury spends executed, one in each DAO.
    for (const [community, id] of [
      [story.bioregion, story.watershedSpend],
      [story.guild, story.guildSpend],
    ]) {
      const proposals = await node.taskJson<Out<{ proposals: { id: string; state: string }[] }>>([
        "dao:proposals",
        "--community",
        community,
      ]);
      expect(proposals.result.proposals.find((p) => p.id === id)?.state).to.equal("Executed");
      expect(proposals.result.proposals.every((p) => p.state === "Executed")).to.equal(true);
    }

    // The round is finalised, every project paid, each match equal to the reference.
    const qf = await node.taskJson<
      Out<{ phase: string; projects: { estimatedMatch: string; referenceMatch: string; paid: boolean }[] }>
    >(["qf:status", "--round", story.round]);
    expect(qf.result.phase).to.equal("finalized");
    expect(qf.result.projects).to.have.length(2);
    for (const p of qf.result.projects) {
      expect(p.paid).to.equal(true);
      expect(p.estimatedMatch).to.equal(p.referenceMatch);
    }

    // The cooperative's and the company's licences verify; the membrane's income is all paid out.
    const accounts = (await (
      await fetch(node.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_accounts", params: [] }),
      })
    ).json()) as { result: string[] };
    for (const licensee of [accounts.result[11], accounts.result[12]]) {
      const v = await node.taskJson<Out<{ licensed: boolean }>>([
        "lic:verify",
        "--work",
        story.work,
        "--licensee",
        licensee,
      ]);
      expect(v.result.licensed).to.equal(true);
    }
    const membrane = await node.taskJson<Out<{ epochCount: string; pendingIncome: string; treasuryOwed: string }>>([
      "membrane:status",
      "--community",
      story.bioregion,
    ]);
    expect(membrane.result.epochCount).to.equal("1");
    // What the contributors' floors left (a few wei) waits for the next epoch: nothing else.
    expect(BigInt(membrane.result.pendingIncome)).to.be.lessThan(10n);
    expect(membrane.result.treasuryOwed).to.equal("0");

    // The federation: affiliated, and the guild's grant paid.
    const fed = await node.taskJson<
      Out<{ affiliations: { with: string; status: string }[]; grants: { total: string; claimable: string }[] }>
    >(["fed:list", "--community", story.bioregion]);
    expect(fed.result.affiliations.map((a) => [a.with, a.status])).to.deep.equal([[story.guild, "active"]]);
    expect(fed.result.grants.map((g) => [g.total, g.claimable])).to.deep.equal([[parseEther("3").toString(), "0"]]);

    const dao = await node.taskJson<Out<{ info: Record<string, unknown> }>>(["dao:info", "--community", story.guild]);
    expect(JSON.stringify(dao.result.info)).to.contain("simple");

    // Every printed command, typed again as printed, does what the story says it does.
    const printed = run.stdout
      .split("\n")
      .map((l) => /^\s+\$ (npx hardhat .+)$/.exec(l)?.[1])
      .filter((c): c is string => Boolean(c));
    const { commands } = JSON.parse(fs.readFileSync(commandsFile, "utf8")) as {
      commands: { command: string; afterStory: string }[];
    };
    expect(commands.map((c) => c.command)).to.deep.equal(printed);
    expect(printed.length).to.be.greaterThan(50);
    const root = path.join(__dirname, "..", "..");
    for (const command of printed) {
      const words = shellWords(command);
      expect(words[words.indexOf("--network") + 1], command).to.equal("localhost");
      for (const [i, w] of words.entries()) {
        if (/^--(file|cart|terms|tree|allowlist|signature-file)$/.test(w)) {
          expect(fs.existsSync(path.join(root, words[i + 1])), `${command}: ${words[i + 1]} is shipped`).to.equal(true);
        }
      }
    }
    const replayFile = path.join(scratch, "replay.json");
    fs.writeFileSync(replayFile, JSON.stringify({ commands: printed }));
    const replay = await node.task(["run", "--no-compile", "test/helpers/replay.ts"], {
      COSMOLOCAL_REPLAY_FILE: replayFile,
    });
    expect(replay.code, replay.stderr).to.equal(0);
    const { outcomes } = JSON.parse(fs.readFileSync(replayFile, "utf8")) as { outcomes: ReplayOutcome[] };
    const wrong = outcomes.flatMap((o, i) => {
      const expected = commands[i].afterStory;
      const fine = expected === "repeats" ? o.ok : !o.ok && new RegExp(expected).test(o.error ?? "");
      return fine ? [] : [`${o.command}\n    expected ${expected}, got ${o.ok ? "success" : o.error}`];
    });
    expect(wrong, wrong.join("\n")).to.deep.equal([]);
    const repeated = outcomes.filter((o) => o.ok).length;
    console.log(
      `      ${printed.length} printed commands replayed: ${repeated} again, the rest refused as the story says`,
    );
    fs.rmSync(scratch, { recursive: true, force: true });
  });
});
