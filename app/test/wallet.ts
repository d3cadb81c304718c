/**
 * A test wallet for the browser tests: an EIP-1193 provider injected into the page before any
 * script runs, announced by EIP-6963, forwarding JSON-RPC to a `hardhat node` whose accounts are
 * unlocked (so `eth_sendTransaction` and `eth_signTypedData_v4` work). The test steers it through
 * `window.__wallet`: which account is selected, which chain it is on, and whether it rejects the
 * next request as a person would.
 */
export interface WalletOptions {
  rpcUrl: string;
  chainId: number;
  account: string;
  /** The chain the wallet starts on (another one to test the switch). */
  startChainId?: number;
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
        case "wallet_sendCalls":
          return fail(4200, `${method} is not supported`);
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
