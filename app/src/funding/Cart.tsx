/**
 * The donor's cart: donations to projects of one or several rounds (native or ERC-20), each shown in
 * its round's token, checked against the account's balances, and paid in one checkout (see checkout.ts).
 */
import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";

import { cartState } from "../chain/data";
import { contractAddress } from "../chain/deployments";
import { Loading, useData, useSend, useSuite } from "../chain/hooks";
import { Addr, amount, Outcome } from "../ui";
import { cart } from "./cart";
import { planCheckout, runCheckout, walletBatches, type TokenNeed } from "./checkout";

const HOW: Record<TokenNeed["how"], string> = {
  native: "sent with the checkout",
  allowance: "already allowed to the round factory",
  permit: "by a permit signature (no approval transaction)",
  approve: "by an approval transaction first (the token takes no permits)",
};

export function CartPage() {
  const items = useSyncExternalStore(cart.subscribe, cart.items);
  const { d, account, client } = useSuite();
  const config = useConfig();
  const tx = useSend();
  const rounds = [...new Set(items.map((i) => i.round))];
  const q = useData(["cart", ...rounds], (s) => cartState(s.client, s.d, rounds, s.account), rounds.length > 0);
  const batches = useQuery({
    queryKey: ["capabilities", d.chainId, account ?? ""],
    queryFn: () => walletBatches({ config, chainId: d.chainId }),
    enabled: Boolean(account),
    staleTime: 60_000,
  });
  const state = q.data;
  const plan = state ? planCheckout(items, state.rounds, state.holdings) : undefined;
  if (items.length === 0)
    return (
      <section>
        <h1>Your cart</h1>
        <p>The cart is empty: add donations from a round's projects.</p>
      </section>
    );
  return (
    <section>
      <h1>Your cart</h1>
      <Loading what={q}>
        {state && plan ? (
          <>
            {state.rounds.map((r) => (
              <div key={r.round} className="card">
                <h2>
                  {r.metadataURI || "Round"} <Addr a={r.round} /> <small className="muted">in {r.asset.symbol}</small>
                </h2>
                <ul>
                  {items
                    .filter((i) => i.round === r.round)
                    .map((i) => (
                      <li key={i.projectId} data-testid="cart-item">
                        {i.label}: {amount(BigInt(i.amount), r.asset)}{" "}
                        <button
                          type="button"
                          className="link"
                          onClick={() => cart.remove(i.round, i.projectId)}
                          aria-label={`Remove ${i.label}`}
                        >
                          remove
                        </button>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
            <h2>To pay</h2>
            <ul data-testid="cart-total">
              {plan.tokens.map((t) => (
                <li key={t.holding.address} data-testid="cart-token">
                  <strong>{amount(t.total, t.holding)}</strong> (you hold {amount(t.holding.balance, t.holding)}),{" "}
                  {HOW[t.how]}
                </li>
              ))}
              {!account ? <li>Connect a wallet to see your balances.</li> : null}
            </ul>
            {plan.problems.map((p) => (
              <p key={p} className="error" role="alert" data-testid="cart-problem">
                {p}
              </p>
            ))}
            <p className="muted" data-testid="checkout-mode">
              {batches.data
                ? "Your wallet runs batches: the approvals and the checkout go in one wallet request."
                : "One checkout transaction for every round of the cart, after any approvals and permit signatures listed above."}
            </p>
            <span className="action">
              <button
                type="button"
                disabled={tx.busy || !account || plan.problems.length > 0}
                onClick={async () => {
                  const ok = await tx.run("Check out", async (ctx) => {
                    // Read again at the click: balances, allowances and permit nonces may have moved.
                    const fresh = await cartState(client, d, rounds, account);
                    const now = planCheckout(cart.items(), fresh.rounds, fresh.holdings);
                    await runCheckout(
                      ctx,
                      account as Address,
                      contractAddress(d, "roundFactory"),
                      now,
                      Boolean(batches.data),
                    );
                  });
                  if (ok) cart.clear();
                }}
              >
                {tx.busy ? "Check out…" : "Check out"}
              </button>
              {!account ? <small className="why">Connect a wallet first.</small> : null}
              <Outcome error={tx.error} done={tx.done} inline />
            </span>
          </>
        ) : null}
      </Loading>
    </section>
  );
}
