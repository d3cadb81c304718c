/**
 * The cart's one checkout, planned from what the chain says now and then run through the write path:
 *   - with a wallet that runs EIP-5792 batches atomically: the approvals the ERC-20 rounds need and
 *     the factory's checkout, all in one `wallet_sendCalls` request (no signature needed: the
 *     approvals and the checkout succeed or fail together);
 *   - otherwise: an approval transaction for each ERC-20 without permits whose allowance is short, a
 *     permit signature for each that takes permits, then one `checkoutWithPermits` transaction
 *     (`checkout` when no permit is needed) for every round of the cart.
 */
import type { Address } from "viem";
import { getCapabilities } from "wagmi/actions";

import type { CartRound, Holding } from "../chain/data";
import type { WriteContext } from "../chain/hooks";
import { sendBatch, sendCall, TxError, type BatchCall, type ContractCall } from "../chain/transactions";
import { roundFactoryAbi } from "../generated";
import { amount } from "../ui";
import type { CartItem } from "./cart";
import { approveCall, authorisation, shortfall, signPermit, type Authorisation, type SignedPermit } from "./spend";

/** What one token of the cart needs: its total, what the account holds, and how it will be authorised. */
export interface TokenNeed {
  holding: Holding;
  total: bigint;
  how: Authorisation;
}

export interface CheckoutPlan {
  carts: { round: Address; donations: { projectId: bigint; amount: bigint }[]; proof: `0x${string}` }[];
  /** The native currency sent with the checkout. */
  value: bigint;
  tokens: TokenNeed[];
  /** Why the checkout cannot go now, in words (balances too low, rounds no longer taking donations). */
  problems: string[];
}

/** The factory's carts, each token's total and authorisation, and what stands in the way. */
export function planCheckout(items: CartItem[], rounds: CartRound[], holdings: Holding[]): CheckoutPlan {
  const problems: string[] = [];
  const totals = new Map<string, bigint>();
  const carts: CheckoutPlan["carts"] = [];
  for (const r of rounds) {
    const mine = items.filter((i) => i.round.toLowerCase() === r.round.toLowerCase());
    if (!mine.length) continue;
    if (r.phase !== "donations")
      problems.push(
        `${r.metadataURI || r.round} is in its ${r.phase} phase and takes no donations now; remove its items.`,
      );
    const donations = mine.map((i) => ({ projectId: BigInt(i.projectId), amount: BigInt(i.amount) }));
    carts.push({ round: r.round, donations, proof: "0x" });
    const key = r.asset.address.toLowerCase();
    totals.set(key, (totals.get(key) ?? 0n) + donations.reduce((s, x) => s + x.amount, 0n));
  }
  const tokens: TokenNeed[] = [];
  for (const [token, total] of totals) {
    const h = holdings.find((x) => x.address.toLowerCase() === token);
    if (!h) continue;
    const lacking = shortfall(h, total);
    if (lacking) problems.push(lacking);
    tokens.push({ holding: h, total, how: authorisation(h, total) });
  }
  const value = tokens.find((t) => t.holding.native)?.total ?? 0n;
  return { carts, value, tokens, problems };
}

/** Whether the connected wallet says it runs EIP-5792 batches atomically on this chain. */
export async function walletBatches(ctx: WriteContext): Promise<boolean> {
  try {
    const caps = (await getCapabilities(ctx.config, { chainId: ctx.chainId })) as { atomic?: { status?: string } };
    return caps.atomic?.status === "supported" || caps.atomic?.status === "ready";
  } catch {
    return false; // wallet_getCapabilities unknown to the wallet: no batches
  }
}

/** Runs the plan (see the module's comment); resolves once the donations are on chain. */
export async function runCheckout(
  ctx: WriteContext,
  account: Address,
  factory: Address,
  plan: CheckoutPlan,
  batch: boolean,
): Promise<void> {
  if (plan.problems.length) throw new TxError(plan.problems.join(" "));
  const count = plan.carts.reduce((s, c) => s + c.donations.length, 0);
  const label = `Check out ${count} donation${count === 1 ? "" : "s"}`;
  const needy = plan.tokens.filter((t) => t.how === "approve" || t.how === "permit");
  if (batch) {
    const calls: BatchCall[] = needy.map((t) => approveCall(t.holding, factory, t.total));
    calls.push({ ...checkoutCall(factory, plan, []), afterEarlier: needy.length > 0 });
    await sendBatch(ctx.config, ctx.chainId, `${label} (${calls.length} calls in one wallet request)`, calls);
    return;
  }
  for (const t of needy.filter((x) => x.how === "approve")) {
    await sendCall(
      ctx.config,
      ctx.chainId,
      `Approve ${amount(t.total, t.holding)} for the checkout`,
      approveCall(t.holding, factory, t.total),
    );
  }
  const permits: SignedPermit[] = [];
  for (const t of needy.filter((x) => x.how === "permit")) {
    permits.push(await signPermit(ctx, account, t.holding, factory, t.total));
  }
  await sendCall(ctx.config, ctx.chainId, label, checkoutCall(factory, plan, permits));
}

function checkoutCall(factory: Address, plan: CheckoutPlan, permits: SignedPermit[]): ContractCall {
  return permits.length
    ? {
        address: factory,
        abi: roundFactoryAbi,
        functionName: "checkoutWithPermits",
        args: [plan.carts, permits],
        value: plan.value,
      }
    : { address: factory, abi: roundFactoryAbi, functionName: "checkout", args: [plan.carts], value: plan.value };
}
