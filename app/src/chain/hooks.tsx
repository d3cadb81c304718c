/**
 * React glue over the data layer and the write path: the deployment in view, reads as TanStack
 * queries keyed by chain and arguments (refreshed on every new block), and `useSend` for writes.
 */
import { useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { Address, PublicClient } from "viem";
import { useBlockNumber, useConfig, useConnection, usePublicClient, type Config } from "wagmi";

import { ensNames } from "./data";
import { explain } from "./errors";
import type { ChainDeployment, Deployments } from "./deployments";
import { sendCall, TxError, type ContractCall } from "./transactions";
import { ensResolver } from "./wagmi";

interface SuiteContextValue {
  deployments: Deployments;
}

export const SuiteContext = createContext<SuiteContextValue | null>(null);

export interface Suite {
  d: ChainDeployment;
  client: PublicClient;
  account?: Address;
  /** The wallet is connected to a chain the suite is not deployed on (or another one than shown). */
  wrongChain: boolean;
}

/** The deployment shown: the wallet's chain when the suite is deployed there, else the first one. */
export function useSuite(): Suite {
  const ctx = useContext(SuiteContext);
  if (!ctx) throw new Error("useSuite outside SuiteContext");
  const conn = useConnection();
  const chains = ctx.deployments.chains;
  const d = chains.find((c) => c.chainId === conn.chainId) ?? chains[0];
  const client = usePublicClient({ chainId: d.chainId }) as PublicClient;
  const wrongChain = conn.isConnected && conn.chainId !== d.chainId;
  return { d, client, account: conn.address, wrongChain };
}

/** A read of the data layer, cached per chain, account and arguments, refreshed on new blocks. */
export function useData<T>(key: readonly unknown[], read: (s: Suite) => Promise<T>, enabled = true): UseQueryResult<T> {
  const s = useSuite();
  return useQuery({
    queryKey: ["suite", s.d.chainId, s.account ?? "", ...key],
    queryFn: () => read(s),
    enabled,
    placeholderData: (prev) => prev,
  });
}

/**
 * The ENS names of `accounts` (lower-cased address -> name) where the chain has ENS, else none. Kept
 * out of the per-block refresh: a name changes far more rarely than a block arrives.
 */
export function useNames(accounts: readonly Address[]): Record<string, string> {
  const s = useSuite();
  const resolver = ensResolver(s.d);
  const keys = [...new Set(accounts.map((a) => a.toLowerCase()))].sort();
  const q = useQuery({
    queryKey: ["ens", s.d.chainId, resolver ?? "", ...keys],
    queryFn: () => ensNames(s.client, resolver, accounts),
    enabled: Boolean(resolver && keys.length),
    staleTime: 60_000,
  });
  return q.data ?? {};
}

/** Invalidates every suite query when a new block arrives (one `eth_blockNumber` poll per second). */
export function BlockRefresher(): null {
  const { d } = useSuite();
  const qc = useQueryClient();
  const { data: block } = useBlockNumber({ chainId: d.chainId, watch: true });
  useEffect(() => {
    if (block !== undefined) void qc.invalidateQueries({ queryKey: ["suite", d.chainId] });
  }, [block, d.chainId, qc]);
  return null;
}

/** What a multi-step write (`run`) needs: the wagmi config and the chain shown. */
export interface WriteContext {
  config: Config;
  chainId: number;
}

export interface SendState {
  busy: boolean;
  error?: string;
  done?: string;
  send: (label: string, call: ContractCall | (() => Promise<ContractCall>)) => Promise<boolean>;
  /**
   * Runs several steps as one action of the screen (approve then fund, sign permits then check out),
   * each step going through the write path itself; the outcome in words as for `send`.
   */
  run: (label: string, steps: (ctx: WriteContext) => Promise<unknown>) => Promise<boolean>;
}

/** Sends a call through the one write path and keeps its outcome in words for the screen. */
export function useSend(): SendState {
  const config = useConfig();
  const { d } = useSuite();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const run = useCallback(
    async (label: string, steps: (ctx: WriteContext) => Promise<unknown>) => {
      setBusy(true);
      setError(undefined);
      setDone(undefined);
      try {
        await steps({ config, chainId: d.chainId });
        setDone(`${label}: done.`);
        await qc.invalidateQueries({ queryKey: ["suite", d.chainId] });
        return true;
      } catch (e) {
        setError(e instanceof TxError ? e.message : explain(e));
        await qc.invalidateQueries({ queryKey: ["suite", d.chainId] });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [config, d.chainId, qc],
  );
  const send = useCallback(
    (label: string, call: ContractCall | (() => Promise<ContractCall>)) =>
      run(label, async (ctx) =>
        sendCall(ctx.config, ctx.chainId, label, typeof call === "function" ? await call() : call),
      ),
    [run],
  );
  return { busy, error, done, send, run };
}

export function Loading({ what, children }: { what: UseQueryResult<unknown>; children: ReactNode }) {
  if (what.error)
    return (
      <p className="error" role="alert">
        Could not read the chain: {String(what.error.message ?? what.error)}
      </p>
    );
  if (!what.data) return <p aria-busy="true">Reading the chain…</p>;
  return <>{children}</>;
}
