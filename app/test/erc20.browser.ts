/**
 * ERC-20 rounds in the wallet app, in a real browser against a real `hardhat node` holding only the
 * suite: a funder creates a round in a token typed into the form and fills its pool; donors check out
 * one cart over a permit token (DevToken, 6 decimals), a token without permits (MockERC20) and the
 * native currency, with a wallet that runs EIP-5792 batches and with one that does not; a cancelled
 * round refunds its donor and its funder; the account's ENS name shows through a universal resolver
 * named in the app's config. Each test checks the chain, not only the screen.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import type { Locator, Page } from "playwright-core";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  parseEther,
  parseUnits,
  toFunctionSelector,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
  type Hex,
} from "viem";

import { units } from "../src/format";
import { clusterProof, clusterTree, type ClusterTree } from "../../scripts/lib/clusters";
import { mockPermitTokenAbi, roundAbi, roundFactoryAbi } from "../src/generated";
import { APP, connect, shot, startWorld, suiteOnly, type OpenOptions, type Person, type World } from "./harness";

let w: World;
let client: ReturnType<typeof createPublicClient>;
let wallet: ReturnType<typeof createWalletClient>;
const addr = (p: Person): Address => w.addr(p);
const factory = (): Address => w.contracts.roundFactory;
const token = { abi: mockPermitTokenAbi } as const;
/** Tokens deployed by `before`: one with EIP-2612 permits (6 decimals), one without (18 decimals). */
let permitToken: Address;
let plainToken: Address;
/** Rounds in their donation phase, one project each: in the permit token, the plain token, the native currency. */
let rounds: { permit: Address; plain: Address; native: Address };
/** A native round with cluster matching over `groups` (an operator-published groups tree), one project. */
let clusterRound: Address;
let groups: ClusterTree;

function artifact(name: string): { abi: Abi; bytecode: Hex } {
  const file = path.join(APP, "..", "artifacts", "contracts", "mocks", `${name}.sol`, `${name}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as { abi: Abi; bytecode: Hex };
}

async function deploy(name: string, args: unknown[]): Promise<Address> {
  const { abi, bytecode } = artifact(name);
  const hash = await wallet.deployContract({ abi, bytecode, args, account: addr("dana"), chain: null });
  return (await client.waitForTransactionReceipt({ hash })).contractAddress!;
}

/** A transaction from one of the node's unlocked accounts (setting the stage, not what is tested). */
async function tx(from: Person, address: Address, abi: Abi, functionName: string, args: unknown[] = [], value = 0n) {
  const hash = await wallet.writeContract({
    address,
    abi,
    functionName,
    args,
    value,
    account: addr(from),
    chain: null,
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, "success", `${functionName} reverted`);
}

/**
 * A round in `asset` created from the command line's point of view (the factory directly), operated by Fern;
 * with `groups`, a cluster-matching round over that published groups tree.
 */
async function createRound(asset: Address, name: string, groups?: ClusterTree): Promise<Address> {
  const now = (await client.getBlock()).timestamp;
  const matching = groups ? [2, groups.root as Hex] : [];
  await tx("fern", factory(), roundFactoryAbi, groups ? "createRoundWithMatching" : "createRound", [
    {
      token: asset,
      minDonation: 0n,
      eligibility: zeroAddress,
      matchCapBps: 0,
      tallyWindow: 3600,
      applicationsStart: now,
      applicationsEnd: now + 600n,
      donationsStart: now + 600n,
      donationsEnd: now + 600n + 86_400n,
      operator: addr("fern"),
      maxDonationsEnd: now + 600n + 86_400n,
      matchCapAmount: 0n,
      eligibilityConfig: zeroHash,
      reviewers: [addr("ana")],
      reviewThreshold: 1n,
      metadataURI: name,
    },
    ...matching,
  ]);
  const count = await client.readContract({ address: factory(), abi: roundFactoryAbi, functionName: "roundCount" });
  return client.readContract({ address: factory(), abi: roundFactoryAbi, functionName: "roundAt", args: [count - 1n] });
}

/** Riparian applies to `round` and Ana admits it (project 1). */
async function admitProject(round: Address): Promise<void> {
  await tx("riparian", round, roundAbi, "applyProject", [addr("riparian"), "Riparian crew"]);
  await tx("ana", round, roundAbi, "reviewApplication", [1n, true]);
}

async function as(who: Person, hash: string, o: OpenOptions = {}): Promise<Page> {
  const page = await w.open(who, { ...o, hash });
  await connect(page);
  return page;
}

/**
 * Clicks `button` and waits until the action succeeded: its "<label>: done." beside the button, or
 * (when the screen moves on and the button goes, as after a refund or a checkout) the newest entry
 * of the transactions panel, named after the action, mined. Fails with the app's words otherwise.
 */
async function act(page: Page, button: Locator, label: string): Promise<void> {
  await button.click();
  const outcome = await page.waitForFunction(
    (l) => {
      const done = [...document.querySelectorAll("[role=status]")].some((e) => e.textContent?.includes(`${l}: done.`));
      const top = document.querySelector("[data-testid=tx]");
      const mined =
        top?.querySelector("strong")?.textContent?.startsWith(l) &&
        top.querySelector("[data-testid=tx-status]")?.textContent === "mined";
      if (done || mined) return "ok";
      const alerts = [...document.querySelectorAll("[role=alert]")].map((e) => e.textContent);
      return alerts.length ? alerts.join(" | ") : false;
    },
    label,
    { timeout: 90_000 },
  );
  const result = await outcome.jsonValue();
  if (result !== "ok") throw new Error(`${label} failed: ${String(result)}`);
}

/** The methods the page's wallet was asked for. */
async function requests(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __wallet: { requests: string[] } }).__wallet.requests]);
}

/** Every transaction `from` sent to `to` since block `since`, as their 4-byte selectors. */
async function sentTo(from: Address, to: Address, since: bigint): Promise<Hex[]> {
  const latest = await client.getBlockNumber();
  const out: Hex[] = [];
  for (let n = since; n <= latest; n++) {
    const block = await client.getBlock({ blockNumber: n, includeTransactions: true });
    for (const t of block.transactions) {
      if (t.from.toLowerCase() === from.toLowerCase() && t.to?.toLowerCase() === to.toLowerCase())
        out.push(t.input.slice(0, 10) as Hex);
    }
  }
  return out;
}

const APPROVE = toFunctionSelector("approve(address,uint256)");

/** Puts `amount` for project 1 of `round` into the page's cart, from the round's screen. */
async function addToCart(page: Page, round: Address, amount: string): Promise<void> {
  await page.goto(`${w.url}#/round/${round}`);
  const card = page.getByTestId("project-1");
  await card.getByLabel(/Donation to project 1/).fill(amount);
  await card.getByTestId("match-preview").waitFor();
  await card.getByRole("button", { name: "Add to cart" }).click();
}

/** Fills a cart with 30 DDX (permit), 20 PLD (no permit) and 0.5 ETH, and opens it. */
async function fillCart(page: Page): Promise<void> {
  await addToCart(page, rounds.permit, "30");
  await addToCart(page, rounds.plain, "20");
  await addToCart(page, rounds.native, "0.5");
  await page.getByRole("link", { name: /Cart \(3\)/ }).click();
  await page.getByTestId("cart-token").first().waitFor();
}

async function donations(who: Person): Promise<bigint[]> {
  return Promise.all(
    [rounds.permit, rounds.plain, rounds.native].map((r) =>
      client.readContract({ address: r, abi: roundAbi, functionName: "donationOf", args: [1n, addr(who)] }),
    ),
  );
}

describe("ERC-20 rounds in the wallet app", { timeout: 900_000 }, () => {
  before(async () => {
    const started = Date.now();
    w = await startWorld(suiteOnly);
    const chain = defineChain({
      id: 31337,
      name: "test node",
      nativeCurrency: { name: "ETH", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [w.node.url] } },
    });
    client = createPublicClient({ chain, transport: http(w.node.url) });
    wallet = createWalletClient({ chain, transport: http(w.node.url) });
    permitToken = await deploy("DevToken", ["Dev Dollar", "DDX", 6]);
    plainToken = await deploy("MockERC20", ["Plain Dollar", "PLD", 0]);
    for (const who of ["fern", "gil", "hana"] as const) {
      await tx("dana", permitToken, token.abi, "mint", [addr(who), parseUnits("1000", 6)]);
      await tx("dana", plainToken, token.abi, "mint", [addr(who), parseEther("1000")]);
    }
    await tx("dana", plainToken, token.abi, "mint", [addr("iris"), parseEther("12")]);
    rounds = {
      permit: await createRound(permitToken, "dev-dollar round"),
      plain: await createRound(plainToken, "plain-dollar round"),
      native: await createRound(zeroAddress, "ether round"),
    };
    // Gil belongs to groups 1 and 2 of the published file, Hana to group 1.
    groups = clusterTree(
      new Map([
        [addr("gil"), [1n, 2n]],
        [addr("hana"), [1n]],
      ]),
    );
    clusterRound = await createRound(zeroAddress, "plural round", groups);
    for (const r of [...Object.values(rounds), clusterRound]) await admitProject(r);
    await w.advance(601);
    console.log(
      `      world ready (node, suite, tokens, three rounds, app, browser) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  });
  after(async () => {
    await w?.stop();
  });

  it("a cart over a permit token, a token without permits and the native currency, with a wallet without EIP-5792: approval for the one, a permit for the other, one checkout", async () => {
    const since = await client.getBlockNumber();
    const nonce = await client.readContract({
      ...token,
      address: permitToken,
      functionName: "nonces",
      args: [addr("gil")],
    });
    const gil = await as("gil", "/rounds");
    await fillCart(gil);
    await gil
      .getByTestId("cart-token")
      .filter({ hasText: "30 DDX" })
      .filter({ hasText: "by a permit signature" })
      .waitFor();
    await gil
      .getByTestId("cart-token")
      .filter({ hasText: "20 PLD" })
      .filter({ hasText: "by an approval transaction" })
      .waitFor();
    await gil.getByTestId("cart-token").filter({ hasText: "0.5 ETH" }).waitFor();
    await gil.getByTestId("checkout-mode").filter({ hasText: "One checkout transaction" }).waitFor();
    await shot(gil, "cart-erc20");
    await act(gil, gil.getByRole("button", { name: "Check out" }), "Check out");

    assert.deepEqual(await donations("gil"), [parseUnits("30", 6), parseEther("20"), parseEther("0.5")]);
    // The token without permits went the allowance way: one approval transaction, to the factory, spent in full.
    assert.deepEqual(await sentTo(addr("gil"), plainToken, since), [APPROVE]);
    assert.equal(
      await client.readContract({
        ...token,
        address: plainToken,
        functionName: "allowance",
        args: [addr("gil"), factory()],
      }),
      0n,
    );
    // The permit token: no transaction to it at all, its permit nonce used once, nothing left allowed.
    assert.deepEqual(await sentTo(addr("gil"), permitToken, since), []);
    assert.equal(
      await client.readContract({ ...token, address: permitToken, functionName: "nonces", args: [addr("gil")] }),
      nonce + 1n,
    );
    assert.equal(
      await client.readContract({
        ...token,
        address: permitToken,
        functionName: "allowance",
        args: [addr("gil"), factory()],
      }),
      0n,
    );
    // One signature, two transactions (the approval and the checkout), no batch.
    const asked = await requests(gil);
    assert.equal(asked.filter((m) => m === "eth_signTypedData_v4").length, 1);
    assert.equal(asked.filter((m) => m === "eth_sendTransaction").length, 2);
    assert.equal(asked.filter((m) => m === "wallet_sendCalls").length, 0);
    const checkout = await sentTo(addr("gil"), factory(), since);
    assert.deepEqual(checkout, [
      toFunctionSelector(roundFactoryAbi.find((f) => f.type === "function" && f.name === "checkoutWithPermits")!),
    ]);
  });

  it("the same cart with a wallet that runs EIP-5792 batches: one wallet_sendCalls request, every donation on chain", async () => {
    const since = await client.getBlockNumber();
    const hana = await as("hana", "/rounds", { batches: true });
    await fillCart(hana);
    await hana.getByTestId("checkout-mode").filter({ hasText: "one wallet request" }).waitFor();
    await act(hana, hana.getByRole("button", { name: "Check out" }), "Check out");

    assert.deepEqual(await donations("hana"), [parseUnits("30", 6), parseEther("20"), parseEther("0.5")]);
    const asked = await requests(hana);
    assert.equal(asked.filter((m) => m === "wallet_sendCalls").length, 1, "one wallet request");
    assert.ok(asked.includes("wallet_getCallsStatus"), "its status was followed");
    assert.equal(asked.filter((m) => m === "eth_sendTransaction" || m === "eth_signTypedData_v4").length, 0);
    // The wallet ran the batch's calls in order: both approvals, then the checkout.
    assert.deepEqual(await sentTo(addr("hana"), permitToken, since), [APPROVE]);
    assert.deepEqual(await sentTo(addr("hana"), plainToken, since), [APPROVE]);
    assert.equal((await sentTo(addr("hana"), factory(), since)).length, 1);
    const entry = hana.getByTestId("tx").filter({ hasText: "3 calls in one wallet request" });
    await entry.getByTestId("tx-status").filter({ hasText: "mined" }).waitFor();
  });

  it("a donor holding too little is told what is missing before anything is sent", async () => {
    const iris = await as("iris", "/rounds");
    await addToCart(iris, rounds.plain, "30");
    await iris.getByRole("link", { name: /Cart \(1\)/ }).click();
    await iris.getByTestId("cart-problem").filter({ hasText: "You need 30 PLD and have 12 PLD." }).waitFor();
    assert.equal(await iris.getByRole("button", { name: "Check out" }).isDisabled(), true);
    assert.deepEqual(
      (await requests(iris)).filter(
        (m) => m.startsWith("eth_send") || m.startsWith("eth_sign") || m === "wallet_sendCalls",
      ),
      [],
    );
  });

  it("a funder creates a round in a typed ERC-20, funds it by permit; after a cancellation the donor and the funder take their tokens back", async () => {
    const fern = await as("fern", "/rounds");
    await fern.getByLabel("Name or metadata URI").fill("dev-dollar commons");
    await fern.getByLabel(/^Token/).fill(permitToken);
    await fern
      .getByTestId("token-info")
      .filter({ hasText: "Dev Dollar (DDX), 6 decimals, takes EIP-2612 permits" })
      .waitFor();
    await fern.getByLabel(/Minimum donation \(DDX\)/).fill("1.5");
    await fern.getByLabel(/Reviewers/).fill(addr("ana"));
    await act(fern, fern.getByRole("button", { name: "Create round" }), "Create round");
    const count = await client.readContract({ address: factory(), abi: roundFactoryAbi, functionName: "roundCount" });
    const round = await client.readContract({
      address: factory(),
      abi: roundFactoryAbi,
      functionName: "roundAt",
      args: [count - 1n],
    });
    const config = await client.readContract({ address: round, abi: roundAbi, functionName: "config" });
    assert.equal(getAddress(config.token), getAddress(permitToken));
    assert.equal(config.minDonation, parseUnits("1.5", 6), "the minimum in the token's decimals");

    const since = await client.getBlockNumber();
    await fern.goto(`${w.url}#/round/${round}`);
    await fern.getByLabel("Amount (DDX)").fill("50");
    await act(fern, fern.getByRole("button", { name: "Fund the pool" }), "Fund the pool");
    assert.equal(
      await client.readContract({ address: round, abi: roundAbi, functionName: "pool" }),
      parseUnits("50", 6),
    );
    assert.deepEqual(await sentTo(addr("fern"), permitToken, since), [], "funded by permit, no approval transaction");
    await fern.getByTestId("pool").filter({ hasText: "50 DDX" }).waitFor();

    await admitProject(round);
    await w.advance(601);
    const gil = await as("gil", "/rounds");
    const before = await client.readContract({
      ...token,
      address: permitToken,
      functionName: "balanceOf",
      args: [addr("gil")],
    });
    await addToCart(gil, round, "5");
    await gil.getByRole("link", { name: /Cart \(1\)/ }).click();
    await act(gil, gil.getByRole("button", { name: "Check out" }), "Check out");
    assert.equal(
      await client.readContract({ address: round, abi: roundAbi, functionName: "donationOf", args: [1n, addr("gil")] }),
      parseUnits("5", 6),
    );

    await fern.reload();
    await act(fern, fern.getByRole("button", { name: "Cancel the round" }), "Cancel the round");
    assert.equal(await client.readContract({ address: round, abi: roundAbi, functionName: "phase" }), 6, "Cancelled");

    await gil.goto(`${w.url}#/round/${round}`);
    await act(gil, gil.getByRole("button", { name: "Refund my 5 DDX" }), "Refund my 5 DDX");
    assert.equal(
      await client.readContract({ ...token, address: permitToken, functionName: "balanceOf", args: [addr("gil")] }),
      before,
      "the donation came back in full",
    );
    const funderBefore = await client.readContract({
      ...token,
      address: permitToken,
      functionName: "balanceOf",
      args: [addr("fern")],
    });
    await fern.reload();
    await fern.getByTestId("my-funding").filter({ hasText: "50 DDX" }).waitFor();
    await act(fern, fern.getByRole("button", { name: "Reclaim my 50 DDX" }), "Reclaim my 50 DDX");
    assert.equal(
      await client.readContract({ ...token, address: permitToken, functionName: "balanceOf", args: [addr("fern")] }),
      funderBefore + parseUnits("50", 6),
    );
    assert.equal(
      await client.readContract({ ...token, address: permitToken, functionName: "balanceOf", args: [round] }),
      0n,
    );
  });

  it("a funder fills a pool in a token without permits: an approval for the round, then the funding", async () => {
    const since = await client.getBlockNumber();
    const fern = await as("fern", `/round/${rounds.plain}`);
    await fern.getByLabel("Amount (PLD)").fill("40");
    await act(fern, fern.getByRole("button", { name: "Fund the pool" }), "Fund the pool");
    assert.equal(
      await client.readContract({ address: rounds.plain, abi: roundAbi, functionName: "pool" }),
      parseEther("40"),
    );
    assert.deepEqual(await sentTo(addr("fern"), plainToken, since), [APPROVE]);
    assert.equal(
      await client.readContract({
        ...token,
        address: plainToken,
        functionName: "allowance",
        args: [addr("fern"), rounds.plain],
      }),
      0n,
      "the approval was for exactly the amount funded",
    );
    await fern.getByTestId("pool").filter({ hasText: "40 PLD" }).waitFor();
  });

  it("ENS: with a universal resolver named in the app's config, the account's name and a project recipient's name show", async () => {
    const resolver = await deploy("MockEnsUniversalResolver", []);
    const abi = artifact("MockEnsUniversalResolver").abi;
    await tx("ben", resolver, abi, "setName", ["ben.eth"]);
    await tx("riparian", resolver, abi, "setName", ["riparian.eth"]);
    const plain = await as("ben", "/rounds");
    assert.match((await plain.getByTestId("account").textContent()) ?? "", /^0x/, "no resolver configured: no name");
    await plain.context().close();
    w.configure((d) => {
      d.chains[0].ensUniversalResolver = resolver;
    });
    try {
      const ben = await as("ben", `/round/${rounds.native}`);
      await ben.getByTestId("account").filter({ hasText: "ben.eth" }).waitFor();
      await ben.getByTestId("project-1").getByText("riparian.eth").waitFor();
    } finally {
      w.configure((d) => {
        delete d.chains[0].ensUniversalResolver;
      });
    }
  });

  it("a cluster-matching round: the donor sees the clusters its donations count in, and the match a donation would add is the one the round computes", async () => {
    const prove = async (who: Person) => {
      const { clusters, proof } = clusterProof(groups, addr(who))!;
      await tx(who, clusterRound, roundAbi, "proveClusters", [clusters, proof]);
    };
    await tx("fern", clusterRound, roundAbi, "fund", [parseEther("100")], parseEther("100"));
    await prove("hana");
    await tx("hana", clusterRound, roundAbi, "donate", [1n, parseEther("5"), "0x"], parseEther("5"));
    await prove("gil");
    const gil = await as("gil", `/round/${clusterRound}`);
    const note = gil.getByTestId("my-clusters");
    await note
      .filter({ hasText: "count in 2 clusters" })
      .filter({ hasText: "#1, #2 (fixed for this round)" })
      .waitFor();
    const card = gil.getByTestId("project-1");
    await card.getByLabel(/Donation to project 1/).fill("4");
    const preview = (await card.getByTestId("match-preview").textContent())!;
    // The pool (100 ETH) covers every ideal match, so the estimate is the ideal match the round will hold.
    await tx("gil", clusterRound, roundAbi, "donate", [1n, parseEther("4"), "0x"], parseEther("4"));
    const ideal = await client.readContract({
      address: clusterRound,
      abi: roundAbi,
      functionName: "idealMatchOf",
      args: [1n],
    });
    assert.ok(ideal > 0n, "two clusters' support earns a match");
    assert.match(preview, new RegExp(`to ${units(ideal, 18).replace(".", "\\.")} ETH\\.$`));
    assert.deepEqual(
      await client.readContract({
        address: clusterRound,
        abi: roundAbi,
        functionName: "clustersOf",
        args: [addr("gil")],
      }),
      [1n, 2n],
    );
    // Someone the file does not name counts in the unaffiliated cluster.
    const iris = await as("iris", `/round/${clusterRound}`);
    await iris.getByTestId("my-clusters").filter({ hasText: "would count in the unaffiliated cluster" }).waitFor();
  });
});
