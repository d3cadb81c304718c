/**
 * Letting a round (or the round factory) take an ERC-20 amount from the account, the one piece that
 * funding the pool and the cart's checkout share: nothing to do when the allowance covers it, an
 * EIP-2612 permit signature where the token takes permits (no approval transaction), an approval
 * transaction otherwise; and the balance checked first, in words.
 */
import { parseSignature, type Address, type Hex } from "viem";
import { getPublicClient, signTypedData } from "wagmi/actions";

import { PERMIT_TYPES } from "../../../scripts/lib/typed-data";
import type { Holding } from "../chain/data";
import type { WriteContext } from "../chain/hooks";
import type { ContractCall } from "../chain/transactions";
import { mockPermitTokenAbi } from "../generated";
import { amount } from "../ui";

/** How an amount reaches its spender: sent as value, already allowed, by permit, or by an approval first. */
export type Authorisation = "native" | "allowance" | "permit" | "approve";

export function authorisation(h: Holding, value: bigint): Authorisation {
  if (h.native) return "native";
  if (h.allowance >= value) return "allowance";
  return h.permit ? "permit" : "approve";
}

/** Says what the account lacks ("You need 30 DAI and have 12."), or nothing when it holds enough. */
export function shortfall(h: Holding, value: bigint): string | undefined {
  if (h.balance >= value) return undefined;
  return `You need ${amount(value, h)} and have ${amount(h.balance, h)}.`;
}

/** An approval of `value` for `spender` (an ERC-20's own `approve`). */
export function approveCall(h: Holding, spender: Address, value: bigint): ContractCall {
  return { address: h.address, abi: mockPermitTokenAbi, functionName: "approve", args: [spender, value] };
}

export interface SignedPermit {
  token: Address;
  value: bigint;
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/** How long a permit signed here stays valid, on the chain's clock. */
export const PERMIT_LIFETIME = 3_600n;

/**
 * Asks the wallet for an EIP-2612 permit (eth_signTypedData_v4) of `value` for `spender`, in the
 * token's own domain (checked against its DOMAIN_SEPARATOR when `h.permit` was read).
 */
export async function signPermit(
  ctx: WriteContext,
  owner: Address,
  h: Holding,
  spender: Address,
  value: bigint,
): Promise<SignedPermit> {
  if (!h.permit) throw new Error(`${h.symbol} does not take permits.`);
  const client = getPublicClient(ctx.config, { chainId: ctx.chainId })!;
  const deadline = (await client.getBlock()).timestamp + PERMIT_LIFETIME;
  const signature = await signTypedData(ctx.config, {
    account: owner,
    domain: h.permit.domain,
    types: PERMIT_TYPES,
    primaryType: "Permit",
    message: { owner, spender, value, nonce: h.permit.nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { token: h.address, value, deadline, v: Number(v ?? 27n + BigInt(yParity)), r, s };
}
