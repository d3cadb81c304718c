/**
 * The deployment record: what was deployed on each network, read by every task by name.
 *
 * One JSON file per network, `deploy/records/<network>.json` (or under `COSMOLOCAL_RECORDS_DIR`):
 *   - `contracts`: the suite's shared contracts (implementations, factories, registries), each
 *     with its address, the block it was recorded at, the deployer and the git commit;
 *   - `named`: things users create and refer to by name (communities, rounds, works ...), by kind.
 * On the in-process `hardhat` network the chain lives only as long as the process, so its record
 * is kept in memory and never written.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { TaskInputError } from "./errors";

export interface RecordedContract {
  address: string;
  block: number;
  deployer: string;
  commit: string;
}

export interface NamedEntry {
  /** Addresses and ids that make up the entry, e.g. { governor: "0x..", token: "0x.." }. */
  [field: string]: string | number | boolean;
}

export interface DeploymentRecord {
  network: string;
  chainId: number;
  contracts: Record<string, RecordedContract>;
  named: Record<string, Record<string, NamedEntry>>;
}

const memoryRecords = new Map<string, DeploymentRecord>();

/** Where the record of `network` lives on disk. */
export function recordPath(network: string): string {
  const dir = process.env.COSMOLOCAL_RECORDS_DIR ?? path.join(__dirname, "..", "..", "deploy", "records");
  return path.join(dir, `${network}.json`);
}

/** The git commit of the working tree, or "unknown" outside a checkout. */
export function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "unknown";
  }
}

/** Loads the record of the current network (an empty one if nothing was deployed yet). */
export async function loadRecord(hre: HardhatRuntimeEnvironment): Promise<DeploymentRecord> {
  const network = hre.network.name;
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  const empty: DeploymentRecord = { network, chainId, contracts: {}, named: {} };
  if (network === "hardhat") {
    const rec = memoryRecords.get(network);
    return rec && rec.chainId === chainId ? rec : empty;
  }
  const file = recordPath(network);
  if (!fs.existsSync(file)) return empty;
  const rec = JSON.parse(fs.readFileSync(file, "utf8")) as DeploymentRecord;
  if (rec.chainId !== chainId) {
    throw new TaskInputError(
      `the record ${path.relative(process.cwd(), file)} is for chain ${rec.chainId} but ${network} is chain ${chainId}; ` +
        `delete it if the chain was reset`,
    );
  }
  return rec;
}

/** Writes the record of the current network. */
export async function saveRecord(hre: HardhatRuntimeEnvironment, rec: DeploymentRecord): Promise<void> {
  if (hre.network.name === "hardhat") {
    memoryRecords.set(hre.network.name, rec);
    return;
  }
  const file = recordPath(hre.network.name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(rec, null, 2)}\n`);
}

/** The address of a suite contract, or an error that says how to deploy it. */
export async function requireContract(hre: HardhatRuntimeEnvironment, name: string): Promise<string> {
  const rec = await loadRecord(hre);
  const entry = rec.contracts[name];
  if (!entry) {
    throw new TaskInputError(
      `no ${name} in the deployment record of ${hre.network.name}; deploy the suite first ` +
        `(npx hardhat suite:deploy --network ${hre.network.name})`,
    );
  }
  return entry.address;
}

/** A named entry (a community, a round ...), or an error listing the names that exist. */
export async function requireNamed(hre: HardhatRuntimeEnvironment, kind: string, name: string): Promise<NamedEntry> {
  const rec = await loadRecord(hre);
  const entries = rec.named[kind] ?? {};
  const entry = entries[name];
  if (!entry) {
    const known = Object.keys(entries);
    throw new TaskInputError(
      `unknown ${kind} "${name}" on ${hre.network.name}; ` +
        (known.length ? `known: ${known.join(", ")}` : `none recorded yet`),
    );
  }
  return entry;
}

/** Records (or replaces) a named entry. */
export async function recordNamed(
  hre: HardhatRuntimeEnvironment,
  kind: string,
  name: string,
  entry: NamedEntry,
): Promise<void> {
  const rec = await loadRecord(hre);
  rec.named[kind] = { ...(rec.named[kind] ?? {}), [name]: entry };
  await saveRecord(hre, rec);
}

/**
 * Refuses a name already recorded for `kind` on this network: recording a second community (or
 * round, or token) under the same name would silently point every later task at the new one.
 */
export async function requireNewName(hre: HardhatRuntimeEnvironment, kind: string, name: string): Promise<void> {
  const rec = await loadRecord(hre);
  const existing = rec.named[kind]?.[name];
  const contract = existing?.governor ?? existing?.address;
  // An entry whose contract is gone (a local chain reset, a test's snapshot reverted) may be replaced.
  if (existing && typeof contract === "string" && (await hre.ethers.provider.getCode(contract)) === "0x") return;
  if (existing) {
    const where = contract ?? existing.id ?? "";
    throw new TaskInputError(
      `a ${kind} called "${name}" is already recorded on ${hre.network.name}${where ? ` (${String(where)})` : ""}; ` +
        `choose another name`,
    );
  }
}
