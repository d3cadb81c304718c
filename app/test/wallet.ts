/**
 * A test wallet for the browser tests: an EIP-1193 provider injected into the page before any
 * script runs, announced by EIP-6963, forwarding JSON-RPC to a `hardhat node` whose accounts are
 * unlocked (so `eth_sendTransaction` and `eth_signTypedData_v4` work). The test steers it through
 * `window.__wallet`: which account is selected, which chain it is on, and whether it rejects the
 * next request as a person would; `__wallet.requests` lists the methods the app asked it for.
 * With `batches`, it also says (EIP-5792 `wallet_getCapabilities`) that it runs batches atomically
 * and does so: `wallet_sendCalls` sends the calls in order from the account, and undoes them all
 * (`evm_revert` to a snapshot taken first) when one fails; `wallet_getCallsStatus` reports the outcome.
 */
export interface WalletOptions {
  rpcUrl: string;
  chainId: number;
  account: string;
  /** The chain the wallet starts on (another one to test the switch). */
  startChainId?: number;
  /** Advertise and implement EIP-5792 atomic batches. */
  batches?: boolean;
}

/** The init script (a function serialised into the page by playwright's addInitScript). */
export function testWallet(o: WalletOptions): void {
  type Listener = (x: unknown) => void;
  const listeners: Record<string, Listener[]> = {};
  const saved = JSON.parse(sessionStorage.getItem("__wallet") ?? "null") as {
    account: string;
    chainId: number;
    connected: boolean;
  } | null;
  const state = saved ?? { account: o.account, chainId: o.startChainId ?? o.chainId, connected: false };
  let rejectNext = false;
  const requests: string[] = [];
  type Receipt = Record<string, unknown>;
  const batches = new Map<string, { status: number; receipts: Receipt[] }>();
  const persist = () => sessionStorage.setItem("__wallet", JSON.stringify(state));
  const emit = (event: string, data: unknown) => (listeners[event] ?? []).forEach((f) => f(data));
  const fail = (code: number, message: string): never => {
    const e = new Error(message) as Error & { code: number };
    e.code = code;
    throw e;
  };
  let id = 0;
  const rpc = async (method: string, params: unknown[]) => {
    const res = await fetch(o.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const j = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (j.error) {
      const e = new Error(j.error.message) as Error & { code: number; data?: unknown };
      e.code = j.error.code;
      e.data = j.error.data;
      throw e;
    }
    return j.result;
  };
  const provider = {
    async request({ method, params = [] }: { method: string; params?: unknown[] }): Promise<unknown> {
      requests.push(method);
      switch (method) {
        case "eth_requestAccounts":
          if (rejectNext) {
            rejectNext = false;
            fail(4001, "User rejected the request.");
          }
          state.connected = true;
          persist();
          return [state.account];
        case "eth_accounts":
          return state.connected ? [state.account] : [];
        case "eth_chainId":
          return `0x${state.chainId.toString(16)}`;
        case "net_version":
          return String(state.chainId);
        case "wallet_switchEthereumChain": {
          const next = parseInt((params[0] as { chainId: string }).chainId, 16);
          if (next !== o.chainId) fail(4902, `Unrecognized chain ID ${next}`);
          state.chainId = next;
          persist();
          emit("chainChanged", `0x${next.toString(16)}`);
          return null;
        }
        case "wallet_addEthereumChain":
          return null;
        case "wallet_getCapabilities":
          if (!o.batches) return fail(4200, `${method} is not supported`);
          return { [`0x${o.chainId.toString(16)}`]: { atomic: { status: "supported" } } };
        case "wallet_sendCalls": {
          if (!o.batches) return fail(4200, `${method} is not supported`);
          if (rejectNext) {
            rejectNext = false;
            fail(4001, "User rejected the request.");
          }
          const req = params[0] as { calls: { to: string; data?: string; value?: string }[]; chainId: string };
          if (parseInt(req.chainId, 16) !== state.chainId) fail(4901, "The wallet is on another chain");
          const batchId = `0x${(batches.size + 1).toString(16).padStart(64, "0")}`;
          const snapshot = await rpc("evm_snapshot", []);
          const receipts: Receipt[] = [];
          let status = 200;
          for (const c of req.calls) {
            try {
              const hash = await rpc("eth_sendTransaction", [
                { from: state.account, to: c.to, data: c.data ?? "0x", value: c.value ?? "0x0" },
              ]);
              const receipt = (await rpc("eth_getTransactionReceipt", [hash])) as Receipt;
              receipts.push(receipt);
              if (receipt.status !== "0x1") throw new Error("reverted");
            } catch {
              status = 500; // atomic: nothing of the batch stays
              await rpc("evm_revert", [snapshot]);
              receipts.length = 0;
              break;
            }
          }
          batches.set(batchId, { status, receipts });
          return { id: batchId };
        }
        case "wallet_getCallsStatus": {
          const b = batches.get(params[0] as string);
          if (!b) return fail(5730, "Unknown bundle id");
          return {
            version: "2.0.0",
            id: params[0],
            chainId: `0x${o.chainId.toString(16)}`,
            atomic: true,
            status: b.status,
            receipts: b.receipts.map((r) => ({
              logs: r.logs,
              status: r.status,
              blockHash: r.blockHash,
              blockNumber: r.blockNumber,
              gasUsed: r.gasUsed,
              transactionHash: r.transactionHash,
            })),
          };
        }
        case "eth_sendTransaction":
        case "eth_signTypedData_v4":
        case "personal_sign":
          if (rejectNext) {
            rejectNext = false;
            fail(4001, "User rejected the request.");
          }
          if (state.chainId !== o.chainId) fail(4901, "The wallet is on another chain");
          return rpc(method, params);
        default:
          return rpc(method, params);
      }
    },
    on(event: string, f: Listener) {
      (listeners[event] ??= []).push(f);
    },
    removeListener(event: string, f: Listener) {
      listeners[event] = (listeners[event] ?? []).filter((x) => x !== f);
    },
  };
  (window as unknown as { __wallet: unknown }).__wallet = {
    requests,
    rejectNext: () => {
      rejectNext = true;
    },
    setAccount: (a: string) => {
      state.account = a;
      persist();
      if (state.connected) emit("accountsChanged", [a]);
    },
  };
  const info = {
    uuid: "5f2b8c1e-7d0a-4c6e-9a4b-000000000001",
    name: "Test Wallet",
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/%3E",
    rdns: "org.cosmolocal.testwallet",
  };
  const announce = () =>
    window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}
