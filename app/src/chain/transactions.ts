/**
 * The one write path every screen uses (no screen calls the wallet on its own):
 *   1. the wallet is connected and on the chain of the deployment, or a sentence says what to do;
 *   2. the call is simulated against the node, so a revert is explained before the wallet opens;
 *   3. the gas is estimated and the account's balance checked against value + gas;
 *   4. the wallet signs and sends; the transaction is recorded in localStorage at once, so its
 *      status (pending, mined, failed, replaced) survives a reload of the page;
 *   5. the receipt is awaited (also after a reload) and the status updated.
 * A batch (EIP-5792 `wallet_sendCalls`, for a wallet that says it runs calls atomically) takes the same
 * steps as one entry: the calls that do not depend on earlier ones are simulated, the value checked
 * against the balance, and the batch's status followed with `wallet_getCallsStatus`.
 */
import { formatEther, type Abi, type Address, type Hex, type PublicClient, type TransactionReceipt } from "viem";
import type { Config } from "wagmi";
import {
  getConnection,
  getPublicClient,
  getWalletClient,
  sendCalls,
  waitForCallsStatus,
  watchConnection,
} from "wagmi/actions";

import { explain } from "./errors";

export type TxStatus = "checking" | "pending" | "mined" | "failed" | "replaced";

export interface TxRecord {
  id: string;
  hash?: Hex;
  label: string;
  chainId: number;
  from?: Address;
  status: TxStatus;
  gas?: string;
  error?: string;
  replacedBy?: Hex;
  block?: number;
  at: number;
  /** A batch: the wallet's id for it (EIP-5792) and how many calls it holds. */
  callsId?: string;
  calls?: number;
}

export interface ContractCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
}

/** A call of a batch; `afterEarlier` when it needs the calls before it (a checkout after its approvals). */
export interface BatchCall extends ContractCall {
  afterEarlier?: boolean;
}

/** A failure already put into words (wrong chain, no wallet, balance too low). */
export class TxError extends Error {}

const KEY = "cosmolocal:transactions";
type Listener = () => void;
const listeners = new Set<Listener>();
let records: TxRecord[] = load();

function load(): TxRecord[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as TxRecord[];
  } catch {
    return [];
  }
}

function save(next: TxRecord[]): void {
  records = next.slice(0, 20);
  localStorage.setItem(KEY, JSON.stringify(records));
  for (const l of listeners) l();
}

export const txStore = {
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  all: (): TxRecord[] => records,
  put(r: TxRecord): void {
    save([r, ...records.filter((x) => x.id !== r.id)]);
  },
  update(id: string, patch: Partial<TxRecord>): void {
    save(records.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  },
  dismiss(id: string): void {
    save(records.filter((r) => r.id !== id));
  },
};

/** Waits for a sent transaction and records how it ended (used after a reload as well). */
export async function track(client: PublicClient, record: TxRecord): Promise<TransactionReceipt | undefined> {
  if (!record.hash) return undefined;
  try {
    const receipt = await client.waitForTransactionReceipt({
      hash: record.hash,
      pollingInterval: 500,
      timeout: 600_000,
      onReplaced: (r) =>
        txStore.update(record.id, {
          status: r.reason === "repriced" ? "pending" : "replaced",
          replacedBy: r.transaction.hash,
          hash: r.reason === "repriced" ? r.transaction.hash : record.hash,
        }),
    });
    const ok = receipt.status === "success";
    txStore.update(record.id, {
      status: ok ? "mined" : "failed",
      block: Number(receipt.blockNumber),
      error: ok ? undefined : "The transaction was mined but reverted; nothing changed.",
    });
    return receipt;
  } catch (e) {
    txStore.update(record.id, { status: "failed", error: explain(e) });
    throw e;
  }
}

/** Follows a batch through `wallet_getCallsStatus` until the wallet reports it done, and records how it ended. */
export async function trackBatch(config: Config, record: TxRecord): Promise<TransactionReceipt[]> {
  try {
    const result = await waitForCallsStatus(config, { id: record.callsId!, pollingInterval: 500, timeout: 600_000 });
    const receipts = result.receipts ?? [];
    const last = receipts[receipts.length - 1];
    const ok = result.status === "success" && receipts.every((r) => r.status === "success");
    txStore.update(record.id, {
      status: ok ? "mined" : "failed",
      hash: last?.transactionHash,
      block: last ? Number(last.blockNumber) : undefined,
      error: ok ? undefined : "The wallet reports that the batch failed; none of its calls took effect.",
    });
    if (!ok) throw new TxError("The batch failed; none of its calls took effect.");
    return receipts as unknown as TransactionReceipt[];
  } catch (e) {
    const message = e instanceof TxError ? e.message : explain(e);
    if (records.find((r) => r.id === record.id)?.status === "pending")
      txStore.update(record.id, { status: "failed", error: message });
    throw new TxError(message);
  }
}

/**
 * Resumes waiting for every transaction still pending when the page was (re)loaded; a batch's status
 * is the wallet's to tell, so it is asked once the wallet is connected again.
 */
export function resumePending(config: Config): void {
  const batches: TxRecord[] = [];
  for (const r of records) {
    if (r.status === "checking") txStore.update(r.id, { status: "failed", error: "Interrupted before sending." });
    if (r.status !== "pending") continue;
    if (r.callsId) {
      batches.push(r);
      continue;
    }
    if (!r.hash) continue;
    const client = getPublicClient(config, { chainId: r.chainId });
    if (client) track(client as PublicClient, r).catch(() => undefined);
  }
  if (!batches.length) return;
  const resume = () => batches.forEach((r) => trackBatch(config, r).catch(() => undefined));
  if (getConnection(config).status === "connected") return resume();
  const stop = watchConnection(config, {
    onChange(c) {
      if (c.status !== "connected") return;
      stop();
      resume();
    },
  });
}

let counter = 0;

/** Step 1 of every write: a connected wallet on the chain shown; then a "checking" entry in the panel. */
function begin(config: Config, chainId: number, label: string, calls?: number) {
  const conn = getConnection(config);
  const account = conn.address;
  if (!account) throw new TxError("Connect a wallet first (button at the top right).");
  const chain = config.chains.find((c) => c.id === chainId);
  if (conn.chainId !== chainId) {
    throw new TxError(
      `Your wallet is on another network (chain ${conn.chainId}). Switch it to ${chain?.name ?? chainId} with the button at the top and try again.`,
    );
  }
  const client = getPublicClient(config, { chainId }) as PublicClient;
  const id = `${Date.now()}-${counter++}`;
  const base: TxRecord = { id, label, chainId, from: account, status: "checking", at: Date.now(), calls };
  txStore.put(base);
  const symbol = chain?.nativeCurrency.symbol ?? "";
  /** The value sent must be in the account before anything else is asked. */
  const checkValue = async (value: bigint) => {
    if (!value) return;
    const balance = await client.getBalance({ address: account });
    if (balance < value) {
      throw new TxError(
        `This sends ${formatEther(value)} ${symbol} and the account holds ${formatEther(balance)}; add funds or lower the amount.`,
      );
    }
  };
  /** Any failure: in words, on the entry (unless it was mined) and to the caller. */
  const fail = (e: unknown): never => {
    const message = e instanceof TxError ? e.message : explain(e);
    const current = records.find((r) => r.id === id);
    if (current && current.status !== "mined") txStore.update(id, { status: "failed", error: message });
    throw new TxError(message);
  };
  return { account, client, id, base, symbol, checkValue, fail };
}

/**
 * Sends several calls as one wallet request (EIP-5792 `wallet_sendCalls`, atomic): for a wallet whose
 * `wallet_getCapabilities` says it runs batches atomically. The calls that stand alone are simulated
 * first (a call that needs earlier ones, `afterEarlier`, is checked by the wallet's own execution);
 * the batch's status is followed with `wallet_getCallsStatus` in the transactions panel.
 */
export async function sendBatch(
  config: Config,
  chainId: number,
  label: string,
  calls: BatchCall[],
): Promise<TransactionReceipt[]> {
  const { account, client, id, base, checkValue, fail } = begin(config, chainId, label, calls.length);
  try {
    await checkValue(calls.reduce((sum, c) => sum + (c.value ?? 0n), 0n));
    for (const c of calls) if (!c.afterEarlier) await client.simulateContract({ ...c, account } as never);
    const { id: callsId } = await sendCalls(config, {
      chainId,
      account,
      forceAtomic: true,
      calls: calls.map((c) => ({
        to: c.address,
        abi: c.abi,
        functionName: c.functionName,
        args: c.args,
        value: c.value,
      })) as never,
    });
    txStore.update(id, { callsId, status: "pending" });
    return await trackBatch(config, { ...base, callsId, status: "pending" });
  } catch (e) {
    return fail(e);
  }
}

/** Simulates, checks gas and balance, sends through the wallet and waits for the receipt. */
export async function sendCall(
  config: Config,
  chainId: number,
  label: string,
  call: ContractCall,
): Promise<TransactionReceipt> {
  const { account, client, id, base, symbol, checkValue, fail } = begin(config, chainId, label);
  try {
    await checkValue(call.value ?? 0n);
    const { request } = await client.simulateContract({ ...call, account } as never);
    const gas = await client.estimateContractGas({ ...call, account } as never);
    const [gasPrice, balance] = await Promise.all([client.getGasPrice(), client.getBalance({ address: account })]);
    const needed = (call.value ?? 0n) + gas * gasPrice;
    if (balance < needed) {
      throw new TxError(
        `This needs about ${formatEther(needed)} ${symbol} (amount plus gas) and the account holds ${formatEther(balance)}; add funds or lower the amount.`,
      );
    }
    txStore.update(id, { gas: gas.toString() });
    const wallet = await getWalletClient(config, { chainId, account });
    const hash = await wallet.writeContract({ ...(request as object), gas: (gas * 12n) / 10n } as never);
    txStore.update(id, { hash, status: "pending" });
    const receipt = await track(client, { ...base, hash, status: "pending" });
    if (!receipt || receipt.status !== "success") throw new TxError("The transaction reverted; nothing changed.");
    return receipt;
  } catch (e) {
    return fail(e);
  }
}
