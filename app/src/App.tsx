/** The frame: header with the wallet, the network banner, the route (the URL hash), the transactions. */
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from "react";
import type { Address } from "viem";

import { BlockRefresher, useSuite } from "./chain/hooks";
import { NetworkBanner, Transactions, WalletBar } from "./chain/wallet";
import { cart } from "./funding/cart";
import { Home } from "./Home";

// Screens other than the first are loaded when visited, to keep the first screen's JavaScript small.
const CommunityPage = lazy(() => import("./community/CommunityPage").then((m) => ({ default: m.CommunityPage })));
const Rounds = lazy(() => import("./funding/Rounds").then((m) => ({ default: m.Rounds })));
const RoundPage = lazy(() => import("./funding/RoundPage").then((m) => ({ default: m.RoundPage })));
const CartPage = lazy(() => import("./funding/Cart").then((m) => ({ default: m.CartPage })));
const Works = lazy(() => import("./licensing/Works").then((m) => ({ default: m.Works })));
const FederationPage = lazy(() => import("./federation/FederationPage").then((m) => ({ default: m.FederationPage })));

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return hash.replace(/^#/, "") || "/";
}

function Route() {
  const path = useHash().split("/").filter(Boolean);
  const [head, a, b] = path;
  if (head === "c" && a) return <CommunityPage id={Number(a)} tab={b ?? "profile"} />;
  if (head === "rounds") return <Rounds />;
  // Keyed by address: another round's data must never stand in while this one loads (its cards take donations).
  if (head === "round" && a) return <RoundPage key={a} address={a as Address} />;
  if (head === "cart") return <CartPage />;
  if (head === "works") return <Works />;
  if (head === "federation") return <FederationPage />;
  return <Home />;
}

export function App() {
  const { d } = useSuite();
  const items = useSyncExternalStore(cart.subscribe, cart.items);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <a href="#/" className="brand">
          Cosmolocal
        </a>
        <nav aria-label="Main">
          <a href="#/">Communities</a>
          <a href="#/rounds">Rounds</a>
          <a href="#/works">Works</a>
          <a href="#/federation">Federation</a>
          <a href="#/cart">Cart ({items.length})</a>
        </nav>
        <span className="muted chain" data-testid="chain">
          {d.name}
        </span>
        <WalletBar />
      </header>
      <NetworkBanner />
      <BlockRefresher />
      <Transactions />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Route />
        </Suspense>
      </main>
    </>
  );
}
