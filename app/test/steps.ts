/**
 * Steps the browser tests share, as a person takes them: open the app connected as someone, click a
 * button that sends a transaction and wait until it is mined (failing with the app's own words
 * otherwise), and take a proposal through a community's governance in the browser.
 */
import type { Page } from "playwright-core";
import { createPublicClient, http, type Address } from "viem";

import { communityFactoryAbi, communityGovernorAbi } from "../src/generated";
import { connect, shot, type Person, type World } from "./harness";

/** The id of the newest transaction in the page's panel (empty when none). */
export async function topTx(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector("[data-testid=tx]")?.getAttribute("data-id") ?? "");
}

/**
 * Clicks a button that sends a transaction and waits until that transaction (a new entry in the
 * panel) is mined; fails the test with the app's own words otherwise.
 */
export async function send(page: Page, button: ReturnType<Page["getByRole"]> | (() => Promise<void>)): Promise<void> {
  const before = await topTx(page);
  if (typeof button === "function") await button();
  else await button.click();
  await page
    .waitForFunction(
      (prev) => {
        const li = document.querySelector("[data-testid=tx]");
        if (!li || li.getAttribute("data-id") === prev) {
          // No new transaction yet: an error shown beside the button ends the wait too.
          return Boolean(document.querySelector("[role=alert]"));
        }
        const s = li.querySelector("[data-testid=tx-status]")?.textContent ?? "";
        return s === "mined" || s === "failed";
      },
      before,
      { timeout: 60_000 },
    )
    .catch(async (e: Error) => {
      // Say what the page shows: the newest transactions and the button's state.
      const txs = await page.getByTestId("tx").allTextContents();
      throw new Error(
        `${e.message}\n  transactions shown: ${txs.slice(0, 3).join(" | ") || "none"} (before: ${before})`,
      );
    });
  const li = page.getByTestId("tx").first();
  const id = await topTx(page);
  const status = id !== before ? await li.getByTestId("tx-status").textContent() : "not sent";
  if (status !== "mined") {
    const alerts = await page.getByRole("alert").allTextContents();
    throw new Error(`transaction ${status}: ${id !== before ? await li.textContent() : ""} ${alerts.join(" | ")}`);
  }
}

/** Waits for the newest transaction to be mined (after a reload). */
export async function mined(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector("[data-testid=tx-status]")?.textContent === "mined",
    undefined,
    {
      timeout: 60_000,
    },
  );
}

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
  async function as(who: Person, hash = "/", width?: number): Promise<Page> {
    const page = await w.open(who, { hash, width });
    await connect(page);
    return page;
  }

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
