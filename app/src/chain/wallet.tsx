/**
 * The wallet bar: a connect dialog listing every wallet the browser announced (EIP-6963) and the
 * generic injected one, the account (with its ENS name where the chain has ENS), the network with a
 * one-click switch (or add-network) to a chain the suite is deployed on, and the transactions' status.
 */
import { useState, useSyncExternalStore } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect, useEnsName, useSwitchChain } from "wagmi";

import { short } from "../ui";
import { explain } from "./errors";
import { useSuite } from "./hooks";
import { txStore } from "./transactions";
import { ensResolver } from "./wagmi";

export function WalletBar() {
  const conn = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const { d } = useSuite();
  // Looked up only where the chain has ENS (see `ensResolver`); elsewhere the short address stands.
  const resolver = ensResolver(d);
  const ens = useEnsName({
    address: conn.address,
    chainId: d.chainId,
    universalResolverAddress: resolver,
    query: { enabled: Boolean(resolver && conn.address) },
  });

  if (conn.isConnected && conn.address) {
    return (
      <div className="wallet">
        <span className="account" data-testid="account" title={conn.address}>
          {ens.data ?? short(conn.address)}
        </span>
        <span className="muted">via {conn.connector?.name}</span>
        <button type="button" className="secondary" onClick={() => disconnect.mutate()}>
          Disconnect
        </button>
      </div>
    );
  }
  // EIP-6963 wallets come first; the generic injected one only when nothing announced itself.
  const announced = connectors.filter((c) => c.id !== "injected");
  const shown = announced.length ? announced : connectors;
  return (
    <div className="wallet">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls="wallets">
        Connect wallet
      </button>
      {open ? (
        <div id="wallets" role="dialog" aria-label="Choose a wallet" className="dialog">
          {shown.length === 0 ? <p>No wallet found in this browser. Install one (MetaMask, Rabby, Frame …).</p> : null}
          {shown.map((c) => (
            <button
              type="button"
              key={c.uid}
              onClick={async () => {
                setError(undefined);
                try {
                  await connect.mutateAsync({ connector: c });
                  setOpen(false);
                } catch (e) {
                  setError(explain(e));
                }
              }}
            >
              {c.icon ? <img src={c.icon} alt="" width={18} height={18} /> : null} {c.name}
            </button>
          ))}
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Says when the wallet is on a network the suite is not on, with a one-click switch. */
export function NetworkBanner() {
  const conn = useConnection();
  const { d, wrongChain } = useSuite();
  const switchChain = useSwitchChain();
  const [error, setError] = useState<string>();
  if (!conn.isConnected || !wrongChain) return null;
  return (
    <div className="banner" role="alert">
      Your wallet is on chain {conn.chainId}; Cosmolocal is deployed on {d.name} (chain {d.chainId}).{" "}
      <button
        type="button"
        onClick={async () => {
          setError(undefined);
          try {
            // wagmi asks the wallet to add the network (wallet_addEthereumChain) when it does not know it.
            await switchChain.mutateAsync({ chainId: d.chainId });
          } catch (e) {
            setError(explain(e));
          }
        }}
      >
        Switch to {d.name}
      </button>
      {error ? <span className="error"> {error}</span> : null}
    </div>
  );
}

const STATUS_WORDS = {
  checking: "checking (simulating, estimating gas)",
  pending: "pending",
  mined: "mined",
  failed: "failed",
  replaced: "replaced",
} as const;

/** The transactions of this browser, newest first; kept across reloads. */
export function Transactions() {
  const records = useSyncExternalStore(txStore.subscribe, txStore.all);
  const { d } = useSuite();
  if (!records.length) return null;
  return (
    <section className="txs" aria-label="Your transactions" aria-live="polite">
      <h2>Transactions</h2>
      <ul>
        {records.slice(0, 6).map((r) => (
          <li key={r.id} className={`tx ${r.status}`} data-testid="tx" data-id={r.id}>
            <strong>{r.label}</strong>: <span data-testid="tx-status">{STATUS_WORDS[r.status]}</span>
            {r.gas ? <small> · gas ≈ {Number(r.gas).toLocaleString("en-US")}</small> : null}
            {r.block ? <small> · block {r.block}</small> : null}
            {r.hash ? (
              d.explorer && d.chainId === r.chainId ? (
                <a href={`${d.explorer}/tx/${r.hash}`} target="_blank" rel="noreferrer">
                  {" "}
                  {short(r.hash)}
                </a>
              ) : (
                <code> {short(r.hash)}</code>
              )
            ) : null}
            {r.replacedBy ? <small> · replaced by {short(r.replacedBy)}</small> : null}
            {r.error ? <div className="error">{r.error}</div> : null}
            <button
              type="button"
              className="link"
              aria-label={`Dismiss ${r.label}`}
              onClick={() => txStore.dismiss(r.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
