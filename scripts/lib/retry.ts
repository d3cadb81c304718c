/**
 * Connection faults: a user's node or a public RPC drops connections, times out or rate-limits.
 * Reads and idempotent requests are retried with exponential backoff before giving up; a broadcast
 * of an already signed transaction is retried too (sending the same bytes twice is one transaction:
 * "already known" means the first attempt arrived). `eth_sendTransaction` (a node-signed
 * transaction) is never retried: the node could sign and send it twice.
 */
import { keccak256 } from "ethers";

/** Requests that change nothing, or that are the same transaction however often they are sent. */
const RETRYABLE = new Set([
  "eth_chainId",
  "net_version",
  "eth_blockNumber",
  "eth_accounts",
  "eth_call",
  "eth_estimateGas",
  "eth_gasPrice",
  "eth_maxPriorityFeePerGas",
  "eth_feeHistory",
  "eth_getBalance",
  "eth_getCode",
  "eth_getStorageAt",
  "eth_getTransactionCount",
  "eth_getTransactionByHash",
  "eth_getTransactionReceipt",
  "eth_getBlockByNumber",
  "eth_getBlockByHash",
  "eth_getLogs",
  "eth_sendRawTransaction",
  "hardhat_metadata",
  "web3_clientVersion",
]);

const TRANSIENT =
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up|other side closed|UND_ERR|timeout|timed out|Too Many Requests|rate.?limit|\b429\b|\b50[234]\b|fetch failed|network error/i;

/** Whether `e` looks like a dropped connection, a timeout or a rate limit (worth trying again). */
export function isTransient(e: unknown): boolean {
  const seen = new Set<unknown>();
  let cur: unknown = e;
  while (cur && typeof cur === "object" && !seen.has(cur)) {
    seen.add(cur);
    const c = cur as { code?: unknown; message?: unknown; status?: unknown; cause?: unknown; parent?: unknown };
    if (typeof c.code === "string" && TRANSIENT.test(c.code)) return true;
    if (c.status === 429) return true;
    if (typeof c.message === "string" && TRANSIENT.test(c.message)) return true;
    cur = c.cause ?? c.parent;
  }
  return false;
}

export interface RetryOptions {
  /** Attempts in all (default 5, or COSMOLOCAL_RPC_ATTEMPTS). */
  attempts?: number;
  /** First wait in ms, doubled each time (default 500). */
  baseMs?: number;
  /** Called before each wait (to say what is happening). */
  onRetry?: (attempt: number, waitMs: number, e: unknown) => void;
}

function attemptsFromEnv(): number {
  const n = Number(process.env.COSMOLOCAL_RPC_ATTEMPTS);
  return Number.isInteger(n) && n > 0 ? n : 5;
}

/** Runs `fn`, retrying transient failures with exponential backoff and jitter. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? attemptsFromEnv();
  const base = options.baseMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !isTransient(e)) throw e;
      const wait = base * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      options.onRetry?.(attempt, wait, e);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** The subset of an EIP-1193 provider the retry wrapper needs. */
export interface RequestProvider {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

/**
 * Makes `provider.request` retry transient failures of retryable methods. A rebroadcast answered
 * "already known" returns the transaction's hash (the first attempt did arrive).
 */
export function addRetries(provider: RequestProvider, options: RetryOptions = {}): void {
  const request = provider.request.bind(provider);
  provider.request = async (args) => {
    if (!RETRYABLE.has(args.method)) return request(args);
    let attempt = 0;
    return withRetry(async () => {
      attempt++;
      try {
        return await request(args);
      } catch (e) {
        const raw = Array.isArray(args.params) ? args.params[0] : undefined;
        if (
          attempt > 1 &&
          args.method === "eth_sendRawTransaction" &&
          typeof raw === "string" &&
          /already known|known transaction/i.test(String((e as Error).message))
        ) {
          return keccak256(raw);
        }
        throw e;
      }
    }, options);
  };
}
