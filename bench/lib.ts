/**
 * Shared pieces of the gas benchmark: the recorder that collects measurements and writes
 * `bench/results.json` and `bench/RESULTS.md`, and small helpers the operation modules use.
 */
import fs from "node:fs";
import path from "node:path";

import type { ContractTransactionResponse } from "ethers";

import { gasOf as gasUsed } from "../scripts/lib/gas";

export interface Measurement {
  gas: number;
  reference: string | null;
  referenceGas: number | null;
  note?: string;
}

export interface Results {
  operations: Record<string, Measurement>;
}

export const RESULTS_JSON = path.join(__dirname, "results.json");
export const RESULTS_MD = path.join(__dirname, "RESULTS.md");

/** Gas used by a sent transaction. */
export async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<number> {
  return Number(await gasUsed(sent));
}

/** Collects measurements; references are filled in once both sides are recorded. */
export class GasRecorder {
  private readonly gas = new Map<string, number>();
  private readonly refs = new Map<string, string>();
  private readonly notes = new Map<string, string>();

  /** Records `name`'s gas; `reference` names the operation it is compared with, if any. */
  record(name: string, gas: number, reference?: string, note?: string): void {
    this.gas.set(name, gas);
    if (reference) this.refs.set(name, reference);
    if (note) this.notes.set(name, note);
  }

  has(name: string): boolean {
    return this.gas.has(name);
  }

  get(name: string): number {
    const g = this.gas.get(name);
    if (g === undefined) throw new Error(`no measurement for ${name}`);
    return g;
  }

  results(): Results {
    const operations: Record<string, Measurement> = {};
    for (const [name, gas] of [...this.gas.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const reference = this.refs.get(name) ?? null;
      const m: Measurement = {
        gas,
        reference,
        referenceGas: reference ? (this.gas.get(reference) ?? null) : null,
      };
      const note = this.notes.get(name);
      if (note) m.note = note;
      operations[name] = m;
    }
    return { operations };
  }
}

/** The ratio ours / reference, as "1.012". */
export function ratio(m: Measurement): string {
  return m.referenceGas ? (m.gas / m.referenceGas).toFixed(3) : "";
}

/** Writes both result files. */
export function writeResults(results: Results, header: string[]): void {
  fs.writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  const lines = [
    "# Gas benchmark",
    "",
    ...header,
    "",
    "| operation | gas | reference | reference gas | ratio |",
    "| --- | ---: | --- | ---: | ---: |",
  ];
  for (const [name, m] of Object.entries(results.operations)) {
    lines.push(
      `| \`${name}\` | ${m.gas.toLocaleString("en-US")} | ${m.reference ? `\`${m.reference}\`` : ""} | ${
        m.referenceGas?.toLocaleString("en-US") ?? ""
      } | ${ratio(m)} |`,
    );
  }
  const notes = Object.entries(results.operations).filter(([, m]) => m.note);
  if (notes.length) {
    lines.push("", "## Notes", "");
    for (const [name, m] of notes) lines.push(`- \`${name}\`: ${m.note}`);
  }
  fs.writeFileSync(RESULTS_MD, `${lines.join("\n")}\n`);
}

/** Reads the committed results, if any. */
export function readCommittedResults(): Results | undefined {
  if (!fs.existsSync(RESULTS_JSON)) return undefined;
  return JSON.parse(fs.readFileSync(RESULTS_JSON, "utf8")) as Results;
}
