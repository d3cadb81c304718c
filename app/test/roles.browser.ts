/**
 * Every role's day in the wallet app, in a real browser (Debian's Chromium) against a real
 * `hardhat node` that holds the demo's story: each test clicks and types as a person would, then
 * checks the chain itself, not only the screen.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Page } from "playwright-core";
import { createPublicClient, http, parseEther, type Address } from "viem";

import { communityFactoryAbi, contributionRegistryAbi, contributionTokenAbi } from "../src/generated";
import { connect, shot, startWorld, type Person, type World } from "./harness";

let w: World;
let client: ReturnType<typeof createPublicClient>;
const addr = (p: Person): Address => w.addr(p);
const factory = (): Address => w.contracts.communityFactory;

async function community(id: number) {
  return client.readContract({ address: factory(), abi: communityFactoryAbi, functionName: "getCommunity", args: [BigInt(id)] });
}

/** Opens the app as `who`, connected, at `hash`. */
async function as(who: Person, hash = "/", width?: number): Promise<Page> {
  const page = await w.open(who, { hash, width });
  await connect(page);
  return page;
}

/** Waits until the newest transaction in the panel is mined (or fails the test with its error). */
async function mined(page: Page): Promise<void> {
  const status = page.getByTestId("tx-status").first();
  await page.waitForFunction(
    () => {
      const s = document.querySelector("[data-testid=tx-status]")?.textContent ?? "";
      return s === "mined" || s === "failed";
    },
    undefined,
    { timeout: 30_000 },
  );
  const text = await status.textContent();
  if (text !== "mined") {
    const error = await page.locator(".tx").first().textContent();
    throw new Error(`transaction ${text}: ${error}`);
  }
}

describe("the wallet app in a browser", { timeout: 900_000 }, () => {
  before(async () => {
    const started = Date.now();
    w = await startWorld();
    client = createPublicClient({ transport: http(w.node.url) });
    console.log(`      world ready (node, suite, demo story, app, browser) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });
  after(async () => {
    await w?.stop();
  });

  it("first screen: the communities of the chain, interactive quickly, in few RPC requests", async () => {
    w.resetRpcCount();
    const started = Date.now();
    const page = await w.open("ben");
    await page.getByRole("link", { name: "Salmon River Watershed" }).waitFor();
    const interactive = Date.now() - started;
    const requests = w.rpcCount();
    console.log(`      community list interactive in ${interactive} ms, ${requests} RPC requests`);
    await page.getByRole("link", { name: "Salmon River Watershed" }).click();
    await page.getByTestId("treasury").waitFor();
    await shot(page, "community");
    assert.ok(interactive < 30_000);
  });

  it("wrong network: the app says so and switches the wallet in one click", async () => {
    const page = await w.open("ben", { startChainId: 1 });
    await connect(page);
    await page.getByText("Your wallet is on chain 1").waitFor();
    await page.getByRole("button", { name: /Switch to/ }).click();
    await page.getByText("Your wallet is on chain 1").waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => (window as unknown as { ethereum?: unknown }).ethereum === undefined), true);
  });

  it("member: Ben submits a contribution, Ana and Eli attest, Ben claims his tokens", async () => {
    const ws = await community(1);
    const before = await client.readContract({ address: ws.token, abi: contributionTokenAbi, functionName: "balanceOf", args: [addr("ben")] });
    const count0 = await client.readContract({ address: ws.registry, abi: contributionRegistryAbi, functionName: "contributionCount" });
    const ben = await as("ben", "/c/1/contributions");
    await ben.getByLabel("Kind").selectOption({ label: "care (10 per unit)" });
    await ben.getByLabel("Units").fill("2");
    await ben.getByLabel(/Evidence/).fill("ipfs://creek-planting-photos");
    await ben.getByRole("button", { name: "Submit contribution" }).click();
    await mined(ben);
    const id = count0 + 1n;
    const submitted = await client.readContract({ address: ws.registry, abi: contributionRegistryAbi, functionName: "getContribution", args: [id] });
    assert.equal(submitted.contributor, addr("ben"));
    assert.equal(submitted.amount, parseEther("20"));
    for (const p of ["ana", "eli"] as const) {
      const page = await as(p, "/c/1/contributions");
      await page.getByTestId(`contribution-${id}`).getByRole("button", { name: "Attest" }).click();
      await mined(page);
      assert.equal(
        await client.readContract({ address: ws.registry, abi: contributionRegistryAbi, functionName: "hasAttested", args: [id, addr(p)] }),
        true,
      );
    }
    await w.advance(3601);
    await ben.reload();
    await ben.getByTestId(`contribution-${id}`).getByRole("button", { name: "Claim" }).click();
    await mined(ben);
    const afterBal = await client.readContract({ address: ws.token, abi: contributionTokenAbi, functionName: "balanceOf", args: [addr("ben")] });
    assert.equal(afterBal - before, parseEther("20"));
    await ben.getByTestId("my-contributions").waitFor();
    await shot(ben, "contributions");
  });
});
