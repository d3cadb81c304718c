/**
 * Steps the browser tests share that need a running world: read the chain, open the app connected
 * as someone, and take a proposal through a community's governance in the browser (the lower-level
 * `send`, `mined` and `openAs` live in harness.ts and are re-exported here).
 */
import type { Page } from "playwright-core";
import { createPublicClient, http, type Address } from "viem";

import { communityFactoryAbi, communityGovernorAbi } from "../src/generated";
import { mined, openAs, send, shot, type Person, type World } from "./harness";

export { mined, send };

/** The steps that need the running world: reading the chain, opening pages, deciding by vote. */
export function stepsFor(w: World, options: { shots?: boolean } = {}) {
  const client = createPublicClient({ transport: http(w.node.url) });

  /** Community `id` of the factory (its contracts' addresses). */
  async function community(id: number) {
    return client.readContract({
      address: w.contracts.communityFactory,
      abi: communityFactoryAbi,
      functionName: "getCommunity",
      args: [BigInt(id)],
    });
  }

  /** Opens the app as `who`, connected, at `hash`. */
  const as = (who: Person, hash = "/", width?: number): Promise<Page> => openAs(w, who, hash, width);

  /**
   * Takes a proposal through governance in the browser: the proposer fills a form (on `tab`), the voters vote
   * once the vote opens, anyone queues after the deadline and executes after the timelock delay.
   * Returns the proposal's final state read from the chain.
   */
  async function decide(
    communityId: number,
    proposer: Person,
    fill: (page: Page) => Promise<void>,
    submit: string,
    description: RegExp,
    voters: Person[],
    tab = "governance",
  ): Promise<number> {
    const c = await community(communityId);
    const gov = { address: c.governor, abi: communityGovernorAbi } as const;
    const page = await as(proposer, `/c/${communityId}/${tab}`);
    await fill(page);
    await send(page, page.getByRole("button", { name: submit }));
    // A form on another tab (steward budgets on Contributions): the proposal is followed on Governance.
    if (tab !== "governance") await page.evaluate((h) => (window.location.hash = h), `#/c/${communityId}/governance`);
    const card = () => page.getByTestId("proposal").filter({ hasText: description }).first();
    await card().waitFor();
    await w.advance(Number(await client.readContract({ ...gov, functionName: "votingDelay" })) + 1);
    // The first voter votes in the app; the others sign their ballot and the proposer relays it.
    for (const [i, v] of voters.entries()) {
      const voter = await as(v, `/c/${communityId}/governance`);
      const mine = voter.getByTestId("proposal").filter({ hasText: description }).first();
      if (i === 0) {
        await mine.getByLabel("Reason (optional)").fill(`${v} agrees`);
        await send(voter, mine.getByRole("button", { name: "Vote", exact: true }));
      } else {
        await mine.getByRole("button", { name: "Sign vote" }).click();
        const href = await mine.getByRole("link", { name: /vote\.json/ }).getAttribute("href");
        const file = Buffer.from(decodeURIComponent(href!.replace("data:application/json,", "")));
        await page.reload();
        await send(page, () =>
          page
            .getByLabel("Relay a signed vote")
            .setInputFiles({ name: "vote.json", mimeType: "application/json", buffer: file }),
        );
      }
      await voter.context().close();
    }
    await w.advance(Number(await client.readContract({ ...gov, functionName: "votingPeriod" })) + 1);
    await page.reload();
    await send(page, card().getByRole("button", { name: "Queue" }));
    if (options.shots ?? true) await shot(page, `governance-${communityId}`);
    const delay = await client.readContract({
      address: c.timelock,
      abi: [
        { type: "function", name: "getMinDelay", inputs: [], outputs: [{ type: "uint256" }], stateMutability: "view" },
      ] as const,
      functionName: "getMinDelay",
    });
    await w.advance(Number(delay) + 1);
    await page.reload();
    await send(page, card().getByRole("button", { name: "Execute" }));
    const logs = await client.getContractEvents({ ...gov, eventName: "ProposalCreated", fromBlock: 0n });
    const id = logs[logs.length - 1].args.proposalId!;
    const state = await client.readContract({ ...gov, functionName: "state", args: [id] });
    await page.context().close();
    return state;
  }

  return { client, community, as, decide, addr: (p: Person): Address => w.addr(p) };
}

export type Steps = ReturnType<typeof stepsFor>;
