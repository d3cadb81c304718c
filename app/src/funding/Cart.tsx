/** The cart: donations across projects and rounds, paid in one checkout through the RoundFactory. */
import { useSyncExternalStore } from "react";

import { contractAddress } from "../chain/deployments";
import { useSuite } from "../chain/hooks";
import { roundFactoryAbi } from "../generated";
import { Action, Addr, eth } from "../ui";
import { cart, type CartItem } from "./cart";

export function CartPage() {
  const items = useSyncExternalStore(cart.subscribe, cart.items);
  const { d, account } = useSuite();
  const total = items.reduce((s, i) => s + BigInt(i.amount), 0n);
  const byRound = new Map<string, CartItem[]>();
  for (const i of items) byRound.set(i.round, [...(byRound.get(i.round) ?? []), i]);
  return (
    <section>
      <h1>Your cart</h1>
      {items.length === 0 ? <p>The cart is empty: add donations from a round's projects.</p> : null}
      {[...byRound].map(([round, list]) => (
        <div key={round} className="card">
          <h2>
            Round <Addr a={round} />
          </h2>
          <ul>
            {list.map((i) => (
              <li key={i.projectId} data-testid="cart-item">
                {i.label}: {eth(BigInt(i.amount))} ETH{" "}
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
      {items.length ? (
        <>
          <p>
            Total: <strong data-testid="cart-total">{eth(total)} ETH</strong> in one transaction.
          </p>
          <Action
            label="Check out"
            blocked={!account && "Connect a wallet first."}
            onDone={() => cart.clear()}
            call={{
              address: contractAddress(d, "roundFactory"),
              abi: roundFactoryAbi,
              functionName: "checkout",
              args: [
                [...byRound].map(([round, list]) => ({
                  round: round as `0x${string}`,
                  donations: list.map((i) => ({ projectId: BigInt(i.projectId), amount: BigInt(i.amount) })),
                  proof: "0x" as const,
                })),
              ],
              value: total,
            }}
          />
        </>
      ) : null}
    </section>
  );
}
