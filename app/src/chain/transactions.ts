/**
 * The one write path every screen uses (no screen calls the wallet on its own):
 *   1. the wallet is connected and on the chain of the deployment, or a sentence says what to do;
 *   2. the call is simulated against the node, so a revert is explained before the wallet opens;
 *   3. the gas is estimated and the account's balance checked against value + gas;
 *   4. the wallet signs and sends; the transaction is recorded in localStorage at once, so its
 *      status (pending, mined, failed, replaced) survives a reload of the page;
 *   5. the receipt is awaited (also after a reload) and the status updated.
 */
import { formatEther, type Abi, type Address, type Hex, type PublicClient, type TransactionReceipt } from "viem";
import type { Config } from "wagmi";
import { getConnection, getPublicClient, getWalletClient } from "wagmi/actions";

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
}

export interface ContractCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
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

/** Resumes waiting for every transaction still pending when the page was (re)loaded. */
export function resumePending(config: Config): void {
  for (const r of records) {
    if (r.status === "checking") txStore.update(r.id, { status: "failed", error: "Interrupted before sending." });
    if (r.status !== "pending" || !r.hash) continue;
    const client = getPublicClient(config, { chainId: r.chainId });
    if (client) track(client as PublicClient, r).catch(() => undefined);
  }
}

let counter = 0;

/** Simulates, checks gas and balance, sends through the wallet and waits for the receipt. */
export async function sendCall(
  config: Config,
  chainId: number,
  label: string,
  call: ContractCall,
): Promise<TransactionReceipt> {
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
  const base: TxRecord = { id, label, chainId, from: account, status: "checking", at: Date.now() };
  txStore.put(base);
  try {
    if (call.value) {
      const balance = await client.getBalance({ address: account });
      if (balance < call.value) {
        throw new TxError(
          `This sends ${formatEther(call.value)} ${chain?.nativeCurrency.symbol ?? ""} and the account holds ${formatEther(balance)}; add funds or lower the amount.`,
        );
      }
    }
    const { request } = await client.simulateContract({ ...call, account } as never);
    const gas = await client.estimateContractGas({ ...call, account } as never);
    const [gasPrice, balance] = await Promise.all([client.getGasPrice(), client.getBalance({ address: account })]);
    const needed = (call.value ?? 0n) + gas * gasPrice;
    if (balance < needed) {
      throw new TxError(
        `This needs about ${formatEther(needed)} ${chain?.nativeCurrency.symbol ?? ""} (amount plus gas) and the account holds ${formatEther(balance)}; add funds or lower the amount.`,
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
    const message = e instanceof TxError ? e.message : explain(e);
    const current = records.find((r) => r.id === id);
    if (current && current.status !== "mined") txStore.update(id, { status: "failed", error: message });
    throw new TxError(message);
  }
}
