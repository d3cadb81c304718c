/**
 * The task framework every Cosmolocal command uses.
 *
 * - Names are `<area>:<verb>` (`dao:vote`, `qf:donate` ...).
 * - Every task has `--json`: machine-readable output on stdout (one JSON document), nothing else.
 * - Options are validated (see `args.ts`) before any transaction is sent; a bad option is one line
 *   on stderr and a non-zero exit.
 * - Without `--json`, output says what was done, each transaction's hash and gas, and the ids created.
 * - Every task takes `--from`, the one option for who acts (see `accounts.ts`).
 * - A transaction that reverts is reported as a sentence (see `revert.ts`): "The round is in its
 *   applications phase, and this needs the donations phase ...". With `--json` the error is a JSON
 *   document on stdout with the raw error beside the sentence; with Hardhat's `--verbose` the raw
 *   error and the stack trace follow the sentence. Run from the command line, a failed task prints
 *   no stack trace otherwise and exits with code 1.
 */
import { Interface, type TransactionReceipt, type TransactionResponse } from "ethers";
import { task } from "hardhat/config";
import type { ConfigurableTaskDefinition, HardhatRuntimeEnvironment, TaskDefinition } from "hardhat/types";

import { TaskInputError } from "./errors";
import { renderRevert, revertDetails, type RevertDetails } from "./revert";
import { isTransient } from "./retry";

export interface SentTransaction {
  label: string;
  hash: string;
  gasUsed: string;
  block: number;
}

/** Collects what a task did, then prints it as text or JSON. */
export class TaskOutput {
  readonly transactions: SentTransaction[] = [];
  readonly result: Record<string, unknown> = {};
  private readonly lines: string[] = [];

  constructor(
    readonly json: boolean,
    private readonly hre: HardhatRuntimeEnvironment,
  ) {}

  /** Waits for a transaction, records its hash and gas, and returns its receipt. */
  async tx(label: string, sent: Promise<TransactionResponse>): Promise<TransactionReceipt> {
    let response: TransactionResponse;
    try {
      response = await sent;
    } catch (e) {
      throw await taskError(e, this.hre, label);
    }
    const receipt = await response.wait();
    if (!receipt) throw new TaskInputError(`${label}: transaction ${response.hash} was dropped`);
    this.transactions.push({
      label,
      hash: receipt.hash,
      gasUsed: receipt.gasUsed.toString(),
      block: receipt.blockNumber,
    });
    if (!this.json) console.log(`  ✓ ${label}  tx ${receipt.hash}  gas ${receipt.gasUsed.toLocaleString("en-US")}`);
    return receipt;
  }

  /** Adds a value to the result (printed at the end, and in the JSON output). */
  set(key: string, value: unknown): void {
    this.result[key] = value;
  }

  /** A line of text for readable output (not printed with --json). */
  say(line = ""): void {
    if (!this.json) this.lines.push(line);
  }

  /** A small table for readable output (not printed with --json). */
  table(rows: Record<string, string | number | bigint | boolean>[]): void {
    if (this.json || rows.length === 0) return;
    for (const line of formatTable(rows)) this.lines.push(line);
  }

  flush(taskName: string): void {
    if (this.json) {
      console.log(
        JSON.stringify(
          { task: taskName, network: this.hre.network.name, result: this.result, transactions: this.transactions },
          (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v),
          2,
        ),
      );
      return;
    }
    for (const line of this.lines) console.log(line);
    for (const [k, v] of Object.entries(this.result)) {
      if (typeof v !== "object" || v === null) console.log(`  ${k}: ${String(v)}`);
    }
  }
}

/** Renders rows as an aligned text table. */
export function formatTable(rows: Record<string, string | number | bigint | boolean>[]): string[] {
  const cols = Object.keys(rows[0]);
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? "")));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const fmt = (row: string[]) =>
    "  " +
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [fmt(cols), fmt(widths.map((w) => "-".repeat(w))), ...cells.map(fmt)];
}

/** Turns a failed call into a readable message: the custom error as a sentence, or what to do about the node. */
export async function describeRevert(e: unknown, hre: HardhatRuntimeEnvironment): Promise<string> {
  const sentence = await renderRevert(e, hre);
  if (sentence) return sentence;
  const err = e as { shortMessage?: string; message?: string };
  const msg = err.shortMessage ?? err.message ?? String(e);
  if (isTransient(e) || /ECONNREFUSED|fetch failed|socket hang up|other side closed|UND_ERR|network error/i.test(msg)) {
    return `cannot reach the ${hre.network.name} node (${msg}); start it or check its URL, then run the task again`;
  }
  return msg;
}

let errorInterface: Interface | undefined;

/** Decodes revert data against every error in the compiled artifacts (cached per process). */
export async function decodeCustomError(data: string, hre: HardhatRuntimeEnvironment): Promise<string | undefined> {
  if (!errorInterface) {
    const fragments = new Map<string, string>();
    for (const name of await hre.artifacts.getAllFullyQualifiedNames()) {
      const artifact = await hre.artifacts.readArtifact(name);
      for (const item of artifact.abi as { type: string }[]) {
        if (item.type === "error") fragments.set(JSON.stringify(item), JSON.stringify(item));
      }
    }
    errorInterface = new Interface([...fragments.values()].map((f) => JSON.parse(f) as object));
  }
  try {
    const parsed = errorInterface.parseError(data);
    if (!parsed) return undefined;
    return `${parsed.name}(${parsed.args.map((a: unknown) => String(a)).join(", ")})`;
  } catch {
    return undefined;
  }
}

export type TaskArgs = Record<string, unknown> & { json: boolean; from?: string };

/** A failure as a one-line TaskInputError carrying the raw error (for --json and --verbose). */
export async function taskError(e: unknown, hre: HardhatRuntimeEnvironment, label?: string): Promise<TaskInputError> {
  if (e instanceof TaskInputError) return e;
  const message = await describeRevert(e, hre);
  const err = new TaskInputError(label ? `${label}: ${message}` : message);
  err.details = await revertDetails(e, hre);
  err.original = e;
  return err;
}

/** Whether this task is the one the command line asked for (not one run by a script or a test). */
function ranFromCommandLine(name: string): boolean {
  return /hardhat[\\/]internal[\\/]cli/.test(require.main?.filename ?? "") && process.argv.includes(name);
}

/** Hardhat's global --verbose: the raw error and the stack trace follow the sentence. */
function verbose(hre: HardhatRuntimeEnvironment): boolean {
  return Boolean(hre.hardhatArguments.verbose) || process.argv.includes("--show-stack-traces");
}

/** Prints a failure of the command-line task: one sentence, or one JSON document with --json. */
function reportFailure(name: string, hre: HardhatRuntimeEnvironment, json: boolean, e: TaskInputError): void {
  const details: RevertDetails | undefined = e.details;
  if (json) {
    console.log(
      JSON.stringify(
        { task: name, network: hre.network.name, error: { message: e.message, ...(details ?? {}) } },
        null,
        2,
      ),
    );
  } else {
    console.error(`✗ ${e.message}`);
    if (verbose(hre)) {
      if (details)
        console.error(
          `  raw error: ${details.error}(${Object.entries(details.args)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}) data ${details.data}`,
        );
      console.error(e.original ?? e);
    } else if (details || e.original) {
      console.error(`  (run with --verbose for the raw error)`);
    }
  }
  process.exitCode = 1;
}

/** Areas whose tasks take no `--from`: accounts act as nobody; deployments sign with the deployer key. */
const NO_ACTOR = /^(account|suite):/;

/**
 * Declares a task `<area>:<verb>` with the shared `--json` flag and `--from` option, readable output
 * and error handling. `configure` adds the task's own options; `action` validates them, sends
 * transactions through `out.tx` and records results with `out.set`. The action's return value is
 * the result object, so other code (tests, the demo) can call `hre.run(name, args)` and use it; run
 * that way, a failure is thrown (a TaskInputError with the sentence as its message).
 */
export function cosmoTask<A extends TaskArgs>(
  name: string,
  description: string,
  configure: (t: ConfigurableTaskDefinition) => ConfigurableTaskDefinition,
  action: (args: A, hre: HardhatRuntimeEnvironment, out: TaskOutput) => Promise<void>,
): ConfigurableTaskDefinition {
  if (!/^[a-z]+:[a-z][a-z0-9-]*$/.test(name)) throw new Error(`task name ${name} must be <area>:<verb>`);
  const t = task(name, description).addFlag("json", "Print one JSON document instead of readable output");
  configure(t);
  if (!NO_ACTOR.test(name) && !("from" in (t as unknown as TaskDefinition).paramDefinitions)) {
    t.addOptionalParam(
      "from",
      "Who acts: an account name (account:list), an address, or on a local chain an index (default: the first local account)",
    );
  }
  return t.setAction(async (args: A, hre: HardhatRuntimeEnvironment) => {
    const out = new TaskOutput(Boolean(args.json), hre);
    if (!out.json) console.log(`${name} on ${hre.network.name}`);
    try {
      await action(args, hre, out);
    } catch (e) {
      const err = await taskError(e, hre);
      if (ranFromCommandLine(name)) {
        reportFailure(name, hre, out.json, err);
        return undefined;
      }
      throw err;
    }
    out.flush(name);
    return { ...out.result, transactions: out.transactions };
  });
}
