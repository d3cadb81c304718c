/**
 * Proposing from a form: the `propose` call of a community's governor for a list of actions, and
 * whether the connected account may propose now (its votes against the proposal threshold). Used by
 * every screen that offers a decision of the community (governance, federation, steward budgets).
 */
import type { Address, Hex } from "viem";

import { governance, type CommunityDetail } from "../chain/data";
import { useData, useSuite } from "../chain/hooks";
import type { ContractCall } from "../chain/transactions";
import { communityGovernorAbi } from "../generated";

export interface ProposalAction {
  target: Address;
  value: bigint;
  data: Hex;
}

/** A vote's weight as people read it: tokens, or √tokens for quadratic counting (isqrt of wei = √tokens × 1e9). */
export function weight(v: bigint, counting: string): number {
  return counting === "quadratic" ? Number(v) / 1e9 : Number(v) / 1e18;
}

/** The governor call that proposes `actions` with `description`. */
export function proposal(c: CommunityDetail, description: string, actions: ProposalAction[]): ContractCall {
  return {
    address: c.governor,
    abi: communityGovernorAbi,
    functionName: "propose",
    args: [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.data), description],
  };
}

/** Why the connected account cannot propose in `c` now (false when it can). */
export function useProposeBlocked(c: CommunityDetail): string | false {
  const { account } = useSuite();
  const g = useData(["governance", c.id], (s) => governance(s.client, s.d, c, s.account)).data;
  const unit = c.counting === "quadratic" ? "√tokens" : "tokens";
  if (!account) return "Connect a wallet first.";
  if (g && g.myWeightNow < g.threshold) {
    return `Proposing needs ${weight(g.threshold, c.counting)} ${unit} of votes; you have ${weight(g.myWeightNow, c.counting).toFixed(3)} (delegate your tokens to yourself on the Profile tab).`;
  }
  return false;
}
