/**
 * React glue over the data layer and the write path: the deployment in view, reads as TanStack
 * queries keyed by chain and arguments (refreshed on every new block), and `useSend` for writes.
 */
import { useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { Address, PublicClient } from "viem";
import { useBlockNumber, useConfig, useConnection, usePublicClient } from "wagmi";

import type { ChainDeployment, Deployments } from "./deployments";
import { sendCall, TxError, type ContractCall } from "./transactions";

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

export interface SendState {
  busy: boolean;
  error?: string;
  done?: string;
  send: (label: string, call: ContractCall | (() => Promise<ContractCall>)) => Promise<boolean>;
}

/** Sends a call through the one write path and keeps its outcome in words for the screen. */
export function useSend(): SendState {
  const config = useConfig();
  const { d } = useSuite();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const send = useCallback(
    async (label: string, call: ContractCall | (() => Promise<ContractCall>)) => {
      setBusy(true);
      setError(undefined);
      setDone(undefined);
      try {
        const c = typeof call === "function" ? await call() : call;
        await sendCall(config, d.chainId, label, c);
        setDone(`${label}: done.`);
        await qc.invalidateQueries({ queryKey: ["suite", d.chainId] });
        return true;
      } catch (e) {
        setError(e instanceof TxError ? e.message : e instanceof Error ? e.message : String(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [config, d.chainId, qc],
  );
  return { busy, error, done, send };
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
