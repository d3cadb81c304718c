/**
 * Transactions that must not be sent twice when a task is run again after a failure.
 *
 * A task that loses its node after sending a transaction (the node stopped, the connection dropped)
 * cannot know whether that transaction was mined; run again, it would send it a second time (a
 * second donation, a second payment). `sendOnce` keeps a small journal of transactions sent but not
 * yet confirmed, keyed by what the task was asked to do (task, sender and options). The entry is
 * written as soon as the node has accepted the transaction and removed once its receipt is read.
 * When the same task is run again with the same options and finds an entry, it looks the
 * transaction up first:
 * - mined and successful: nothing is sent; the task says what was already done, in which tx;
 * - still pending: it waits for it instead of sending another;
 * - reverted or unknown to the node (dropped): the entry is discarded and the transaction is sent.
 *
 * The journal lives beside the deployment record (`deploy/records/<network>.pending.json`, or
 * under `COSMOLOCAL_RECORDS_DIR`); on the in-process `hardhat` network it is kept in memory.
 */
import fs from "node:fs";

import type { ContractTransactionResponse, TransactionReceipt } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { recordPath } from "./record";
import type { TaskOutput } from "./task";

interface PendingEntry {
  hash: string;
  label: string;
  sentAt: string;
}

type Journal = Record<string, PendingEntry>;

const memoryJournal: Journal = {};

function journalPath(network: string): string {
  return recordPath(network).replace(/\.json$/, ".pending.json");
}

function readJournal(hre: HardhatRuntimeEnvironment): Journal {
  if (hre.network.name === "hardhat") return memoryJournal;
  const file = journalPath(hre.network.name);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Journal) : {};
}

function writeJournal(hre: HardhatRuntimeEnvironment, journal: Journal): void {
  if (hre.network.name === "hardhat") return;
  const file = journalPath(hre.network.name);
  if (Object.keys(journal).length === 0) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.writeFileSync(file, `${JSON.stringify(journal, null, 2)}\n`);
}

function setEntry(hre: HardhatRuntimeEnvironment, key: string, entry: PendingEntry | undefined): void {
  const journal = readJournal(hre);
  if (entry) journal[key] = entry;
  else delete journal[key];
  writeJournal(hre, journal);
}

/** What a `sendOnce` did: sent now, or found already done by an earlier run. */
export interface SendOnceResult {
  receipt: TransactionReceipt;
  alreadyDone: boolean;
}

/**
 * Sends the transaction made by `send`, unless an earlier run with the same `key` already sent it
 * (see the module notes). `key` must name everything that makes the transaction what it is, e.g.
 * `qf:donate|round=spring|from=0x..|project=2|amount=1.5`. `prepare` (e.g. an ERC-20 approval)
 * runs only when the transaction is actually sent.
 */
export async function sendOnce(
  hre: HardhatRuntimeEnvironment,
  out: TaskOutput,
  key: string,
  label: string,
  send: () => Promise<ContractTransactionResponse>,
  prepare?: () => Promise<void>,
): Promise<SendOnceResult> {
  const earlier = readJournal(hre)[key];
  if (earlier) {
    const provider = hre.ethers.provider;
    let receipt = await provider.getTransactionReceipt(earlier.hash);
    if (!receipt && (await provider.getTransaction(earlier.hash))) {
      out.say(`  ${earlier.label}: tx ${earlier.hash} from an earlier run is still pending; waiting for it`);
      receipt = await provider.waitForTransaction(earlier.hash);
    }
    if (receipt && receipt.status === 1) {
      setEntry(hre, key, undefined);
      out.say(
        `  ${earlier.label}: already done by an earlier run in tx ${earlier.hash} (block ${receipt.blockNumber}); not sent again`,
      );
      out.set("alreadyDone", earlier.hash);
      return { receipt, alreadyDone: true };
    }
    // Reverted or dropped: the earlier attempt did nothing, so this run sends it.
    setEntry(hre, key, undefined);
  }
  if (prepare) await prepare();
  const receipt = await out.tx(
    label,
    send().then((sent) => {
      setEntry(hre, key, { hash: sent.hash, label, sentAt: new Date().toISOString() });
      return sent;
    }),
  );
  setEntry(hre, key, undefined);
  return { receipt, alreadyDone: false };
}
