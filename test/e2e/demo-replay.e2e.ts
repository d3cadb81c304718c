/**
 * Every command the demo prints can be typed again: after `npm run demo -- --network localhost`,
 * each `$ npx hardhat …` line of its output is run as printed against the same node. The input
 * files they name are under examples/demo/. Replayed after the story, a step either succeeds or
 * fails because the story already did it (a vote cast, a claim paid, a phase over), in one sentence
 * and without a stack trace.
 */
import fs from "node:fs";
import path from "node:path";

import { expect } from "chai";

import { E2E_BUDGET_MS, startNode, type RunningNode } from "../helpers/node";

/** Splits a printed command into arguments (words, and JSON-quoted strings with spaces). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : m[2]);
  return words;
}

/** What replaying a one-shot step of the story may answer: it was done already, or its time is over. */
const DONE_ALREADY =
  /already|phase|is (executed|queued|canceled|defeated|succeeded|active|pending|expired)|nothing (to|is due)|has been paid|closed|not after the chain's time|exists|already recorded|not affiliated|treasury holds|is claimed/i;

describe("e2e: the demo's printed commands replay against the node", function () {
  let node: RunningNode;

  before(async function () {
    node = await startNode();
  });

  after(async function () {
    await node?.stop();
  });

  it("each printed command works as printed, or fails only because the story already did it", async function () {
    this.timeout(E2E_BUDGET_MS);
    const demo = await node.task(["run", "scripts/demo.ts"]);
    expect(demo.code, demo.stderr).to.equal(0);
    const commands = demo.stdout
      .split("\n")
      .map((l) => /^\s+\$ npx hardhat (.+)$/.exec(l)?.[1])
      .filter((c): c is string => Boolean(c));
    expect(commands.length).to.be.greaterThan(20);
    const root = path.join(__dirname, "..", "..");
    const failures: string[] = [];
    let succeeded = 0;
    for (const command of commands) {
      const args = shellWords(command);
      const n = args.indexOf("--network");
      expect(args[n + 1], command).to.equal("localhost");
      args.splice(n, 2);
      for (const [i, a] of args.entries()) {
        if (/^--(file|cart|terms|tree|allowlist|signature-file)$/.test(a)) {
          expect(fs.existsSync(path.join(root, args[i + 1])), `${command}: ${args[i + 1]} is shipped`).to.equal(true);
        }
      }
      const r = await node.task(args);
      if (r.code === 0) {
        succeeded++;
        continue;
      }
      const said = r.stderr.trim().split("\n")[0];
      expect(r.stderr + r.stdout, command).to.not.match(/^\s+at .+:\d+:\d+\)?$/m);
      expect(said, command).to.match(/^✗ /);
      if (!DONE_ALREADY.test(said)) failures.push(`${command}\n    ${said}`);
    }
    console.log(`      ${succeeded} of ${commands.length} printed commands succeeded when replayed`);
    expect(failures, failures.join("\n")).to.deep.equal([]);
  });
});
