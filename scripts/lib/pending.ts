/**
 * Transactions that must not be sent twice when a task is run again after a failure.
 *
 * A task that loses its node after sending a transaction (the node stopped, the connection dropped)
 * cannot know whether that transaction was mined; run again, it would send it a second time (a
 * second donation, a second payment). `sendOnce` keeps a small journal of transactions about to
 * be sent, keyed by what the task was asked to do (task, sender and options): the sender, the
 * nonce the transaction will use, its target and data, written just before it is sent and removed
 * once its receipt is read. When the same task is run again with the same options and finds an
 * entry, it looks first:
 * - that nonce was used by a transaction with the same target and data that succeeded: nothing is
 *   sent; the task says what was already done, in which tx;
 * - the nonce is still unused (the transaction never reached the node), went to something else,
 *   or the transaction reverted: the entry is discarded and the transaction is sent.
 *
 * The journal lives beside the deployment record (`deploy/records/<network>.pending.json`, or
 * under `COSMOLOCAL_RECORDS_DIR`); on the in-process `hardhat` network it is kept in memory.
 */
import fs from "node:fs";

import type {
  ContractTransaction,
  ContractTransactionResponse,
  Signer,
  TransactionReceipt,
  TransactionResponse,
} from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { recordPath } from "./record";
import type { TaskOutput } from "./task";

/** A transaction about to be sent: who sends it with which nonce, to what, from which block on. */
interface PendingEntry {
  label: string;
  from: string;
  nonce: number;
  to: string;
  data: string;
  block: number;
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

/**
 * The mined transaction of an earlier run: the one sent by `entry.from` with `entry.nonce`, looked
 * up in the blocks since the entry was written. Undefined when that nonce has not been used.
 */
async function findMined(
  hre: HardhatRuntimeEnvironment,
  entry: PendingEntry,
): Promise<TransactionResponse | undefined> {
  const provider = hre.ethers.provider;
  if ((await provider.getTransactionCount(entry.from, "latest")) <= entry.nonce) return undefined;
  const latest = await provider.getBlockNumber();
  for (let n = entry.block; n <= latest; n++) {
    const block = await provider.getBlock(n, true);
    for (const tx of block?.prefetchedTransactions ?? []) {
      if (tx.from.toLowerCase() === entry.from.toLowerCase() && tx.nonce === entry.nonce) return tx;
    }
  }
  return undefined;
}

/** What a `sendOnce` did: sent now, or found already done by an earlier run. */
export interface SendOnceResult {
  receipt: TransactionReceipt;
  alreadyDone: boolean;
}

/**
 * Sends the transaction `populate` builds, from `signer`, unless an earlier run with the same `key`
 * already did (see the module notes). `key` must name everything that makes the transaction what it
 * is, e.g. `qf:donate|round=spring|from=0x..|project=2|amount=1.5`. `prepare` (e.g. an ERC-20
 * approval) runs only when the transaction is actually sent.
 */
export async function sendOnce(
  hre: HardhatRuntimeEnvironment,
  out: TaskOutput,
  key: string,
  label: string,
  signer: Signer,
  populate: () => Promise<ContractTransaction>,
  prepare?: () => Promise<void>,
): Promise<SendOnceResult> {
  const provider = hre.ethers.provider;
  const earlier = readJournal(hre)[key];
  if (earlier) {
    const mined = await findMined(hre, earlier);
    if (mined && mined.to?.toLowerCase() === earlier.to.toLowerCase() && mined.data === earlier.data) {
      const receipt = await provider.getTransactionReceipt(mined.hash);
      if (receipt && receipt.status === 1) {
        setEntry(hre, key, undefined);
        out.say(
          `  ${earlier.label}: already done by an earlier run in tx ${mined.hash} (block ${receipt.blockNumber}); not sent again`,
        );
        out.set("alreadyDone", mined.hash);
        return { receipt, alreadyDone: true };
      }
    }
    // Never mined, reverted, or the nonce went to another transaction: the earlier attempt did
    // nothing, so this run sends it.
    setEntry(hre, key, undefined);
  }
  if (prepare) await prepare();
  const tx = await populate();
  const from = await signer.getAddress();
  const nonce = await provider.getTransactionCount(from, "pending");
  setEntry(hre, key, {
    label,
    from,
    nonce,
    to: String(tx.to),
    data: tx.data,
    block: await provider.getBlockNumber(),
    sentAt: new Date().toISOString(),
  });
  const sent = signer.sendTransaction({ ...tx, nonce }) as Promise<unknown> as Promise<ContractTransactionResponse>;
  const receipt = await out.tx(label, sent);
  setEntry(hre, key, undefined);
  return { receipt, alreadyDone: false };
}
