/**
 * Replays printed command lines in one Hardhat process, as the command line would run them:
 *
 *   COSMOLOCAL_REPLAY_FILE=commands.json npx hardhat run --no-compile --network localhost test/helpers/replay.ts
 *
 * The file holds `{ "commands": ["npx hardhat dao:vote --network localhost --community …", …] }`.
 * Each line is split into words as a shell would, then parsed by Hardhat's own argument parser
 * (global options, task name, task options: an unknown option, a missing value or a bad type fails
 * exactly as it does on the command line) and run with `hre.run`. Its network must be this
 * process's. The outcomes are written back to the same file as `outcomes`: `{ ok: true }`, or
 * `{ ok: false, error }` with the task's one-line sentence.
 *
 * One process for every line, instead of one `npx hardhat` per line, keeps a replay of the demo's
 * ninety commands to seconds; the process-level behaviour of the tasks (exit codes, one-line errors
 * without stack traces) is what the other end-to-end tests check, task by task.
 */
import fs from "node:fs";

import hre from "hardhat";
import type { HardhatArguments } from "hardhat/types";
import { HARDHAT_PARAM_DEFINITIONS } from "hardhat/internal/core/params/hardhat-params";
import { ArgumentsParser } from "hardhat/internal/cli/ArgumentsParser";

/** Splits a printed command into arguments: words, and JSON-quoted strings with spaces. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : m[2]);
  return words;
}

export interface ReplayOutcome {
  command: string;
  ok: boolean;
  error?: string;
}

/** Parses one printed line with Hardhat's parser and runs it here; never throws. */
async function replay(command: string): Promise<ReplayOutcome> {
  const log = console.log;
  try {
    const words = shellWords(command);
    if (words[0] !== "npx" || words[1] !== "hardhat") throw new Error("not an `npx hardhat` command");
    const parser = new ArgumentsParser();
    const { hardhatArguments, scopeOrTaskName, allUnparsedCLAs } = parser.parseHardhatArguments(
      HARDHAT_PARAM_DEFINITIONS,
      {} as HardhatArguments,
      words.slice(2),
    );
    if (hardhatArguments.network !== hre.network.name) {
      throw new Error(`names network ${String(hardhatArguments.network)}, not ${hre.network.name}`);
    }
    if (scopeOrTaskName === undefined) throw new Error("names no task");
    const { taskName, unparsedCLAs } = parser.parseScopeAndTaskNames(allUnparsedCLAs, hre.tasks, hre.scopes);
    const definition = hre.tasks[taskName];
    if (!definition) throw new Error(`no task ${taskName}`);
    const args = parser.parseTaskArguments(definition, unparsedCLAs);
    console.log = () => undefined;
    await hre.run(taskName, args);
    return { command, ok: true };
  } catch (e) {
    return { command, ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    console.log = log;
  }
}

async function main(): Promise<void> {
  const file = process.env.COSMOLOCAL_REPLAY_FILE;
  if (!file) throw new Error("set COSMOLOCAL_REPLAY_FILE to a file of { commands: [...] }");
  const { commands } = JSON.parse(fs.readFileSync(file, "utf8")) as { commands: string[] };
  const outcomes: ReplayOutcome[] = [];
  for (const command of commands) outcomes.push(await replay(command));
  fs.writeFileSync(file, JSON.stringify({ commands, outcomes }, null, 2));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
