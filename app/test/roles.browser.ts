/**
 * Every role's day in the wallet app, in a real browser (Debian's Chromium) against a real
 * `hardhat node` that holds the demo's story: each test clicks and types as a person would, then
 * checks the chain itself, not only the screen.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Page } from "playwright-core";
import { createPublicClient, encodeFunctionData, http, keccak256, parseEther, toBytes, type Address } from "viem";

import {
  communityFactoryAbi,
  communityGovernorAbi,
  contributionRegistryAbi,
  contributionTokenAbi,
  federatedMembershipAbi,
  federationRegistryAbi,
  licenceRegistryAbi,
  membraneAbi,
  roundAbi,
  roundFactoryAbi,
} from "../src/generated";
import { connect, mined, openAs, send, shot, startWorld, type Person, type World } from "./harness";

let w: World;
let client: ReturnType<typeof createPublicClient>;
const addr = (p: Person): Address => w.addr(p);
const factory = (): Address => w.contracts.communityFactory;

async function community(id: number) {
  return client.readContract({
    address: factory(),
    abi: communityFactoryAbi,
    functionName: "getCommunity",
    args: [BigInt(id)],
  });
}

/** Opens the app as `who`, connected, at `hash`. */
const as = (who: Person, hash = "/", width?: number): Promise<Page> => openAs(w, who, hash, width);

/**
 * Takes a proposal through governance in the browser: the proposer fills a form, the voters vote
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
): Promise<number> {
  const c = await community(communityId);
  const gov = { address: c.governor, abi: communityGovernorAbi } as const;
  const page = await as(proposer, `/c/${communityId}/governance`);
  await fill(page);
  await send(page, page.getByRole("button", { name: submit }));
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
  await shot(page, `governance-${communityId}`);
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
  return client.readContract({ ...gov, functionName: "state", args: [id] });
}

describe("the wallet app in a browser", { timeout: 900_000 }, () => {
  before(async () => {
    const started = Date.now();
    w = await startWorld();
    client = createPublicClient({ transport: http(w.node.url) });
    console.log(
      `      world ready (node, suite, demo story, app, browser) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
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
    const before = await client.readContract({
      address: ws.token,
      abi: contributionTokenAbi,
      functionName: "balanceOf",
      args: [addr("ben")],
    });
    const count0 = await client.readContract({
      address: ws.registry,
      abi: contributionRegistryAbi,
      functionName: "contributionCount",
    });
    const ben = await as("ben", "/c/1/contributions");
    await ben.getByLabel("Kind").selectOption({ label: "care (10 per unit)" });
    await ben.getByLabel("Units").fill("2");
    await ben.getByLabel(/Evidence/).fill("ipfs://creek-planting-photos");
    await send(ben, ben.getByRole("button", { name: "Submit contribution" }));
    const id = count0 + 1n;
    const submitted = await client.readContract({
      address: ws.registry,
      abi: contributionRegistryAbi,
      functionName: "getContribution",
      args: [id],
    });
    assert.equal(submitted.contributor, addr("ben"));
    assert.equal(submitted.amount, parseEther("20"));
    // Ana attests on-chain.
    const ana = await as("ana", "/c/1/contributions");
    await send(ana, ana.getByTestId(`contribution-${id}`).getByRole("button", { name: "Attest", exact: true }));
    // Eli signs his attestation (EIP-712) and Dana, who is not a member, relays the signed file.
    const eli = await as("eli", "/c/1/contributions");
    await eli.getByTestId(`contribution-${id}`).getByRole("button", { name: "Sign attestation" }).click();
    const href = await eli.getByRole("link", { name: /attestation-\d+\.json/ }).getAttribute("href");
    const file = decodeURIComponent(href!.replace("data:application/json,", ""));
    const dana = await as("dana", "/c/1/contributions");
    await send(dana, () =>
      dana
        .getByLabel("Load a signed file")
        .setInputFiles({ name: "attestation.json", mimeType: "application/json", buffer: Buffer.from(file) }),
    );
    for (const p of ["ana", "eli"] as const) {
      assert.equal(
        await client.readContract({
          address: ws.registry,
          abi: contributionRegistryAbi,
          functionName: "hasAttested",
          args: [id, addr(p)],
        }),
        true,
      );
    }
    await w.advance(3601);
    await ben.reload();
    await send(ben, ben.getByTestId(`contribution-${id}`).getByRole("button", { name: "Claim" }));
    const afterBal = await client.readContract({
      address: ws.token,
      abi: contributionTokenAbi,
      functionName: "balanceOf",
      args: [addr("ben")],
    });
    assert.equal(afterBal - before, parseEther("20"));
    await ben.getByTestId("my-contributions").waitFor();
    await shot(ben, "contributions");
  });

  it("governance: Ana proposes a payment from a form; Ana and Eli vote; it is queued and executed", async () => {
    const before = await client.getBalance({ address: addr("riparian") });
    const state = await decide(
      1,
      "ana",
      async (page) => {
        await page.getByLabel("Recipient").fill(addr("riparian"));
        await page.getByLabel("Amount (ETH)").fill("0.5");
        await page.getByLabel("Why").fill("willow cuttings");
      },
      "Propose payment",
      /willow cuttings/,
      ["ana", "eli"],
    );
    assert.equal(state, 7, "Executed");
    assert.equal((await client.getBalance({ address: addr("riparian") })) - before, parseEther("0.5"));
  });

  it("funder, operator, reviewer, project and donor: a round from creation to payout, donations through one cart", async () => {
    const factoryAddress = w.contracts.roundFactory;
    const fern = await as("fern", "/rounds");
    await fern.getByLabel("Name or metadata URI").fill("creek-commons");
    await fern.getByLabel("Applications last (minutes)").fill("10");
    await fern.getByLabel(/Tally window after donations/).fill("1");
    await fern.getByLabel(/Reviewers/).fill(addr("ana"));
    await send(fern, fern.getByRole("button", { name: "Create round" }));
    const count = await client.readContract({
      address: factoryAddress,
      abi: roundFactoryAbi,
      functionName: "roundCount",
    });
    const round = await client.readContract({
      address: factoryAddress,
      abi: roundFactoryAbi,
      functionName: "roundAt",
      args: [count - 1n],
    });
    const r = { address: round, abi: roundAbi } as const;
    await fern.goto(`${w.url}#/round/${round}`);
    await fern.getByLabel("Amount (ETH)").fill("2");
    await send(fern, fern.getByRole("button", { name: "Fund the pool" }));
    assert.equal(await client.readContract({ ...r, functionName: "pool" }), parseEther("2"));

    for (const [who, name] of [
      ["riparian", "Riparian crew"],
      ["seeds", "Seed library"],
    ] as const) {
      const page = await as(who, `/round/${round}`);
      await page.getByLabel("Project (name or metadata URI)").fill(name);
      await send(page, page.getByRole("button", { name: "Apply" }));
      await page.context().close();
    }
    const ana = await as("ana", `/round/${round}`);
    for (const id of [1, 2]) {
      await send(ana, ana.getByRole("button", { name: `Admit project ${id}` }));
    }
    assert.equal((await client.readContract({ ...r, functionName: "project", args: [1n] })).status, 2);
    await w.advance(601);

    for (const [who, gifts] of [
      ["gil", ["1", "0.25"]],
      ["hana", ["4", "1"]],
    ] as const) {
      const donor = await as(who, `/round/${round}`);
      for (const [i, amount] of gifts.entries()) {
        const card = donor.getByTestId(`project-${i + 1}`);
        await card.getByLabel(/Donation to project/).fill(amount);
        await card.getByTestId("match-preview").waitFor();
        await card.getByRole("button", { name: "Add to cart" }).click();
      }
      await donor.getByRole("link", { name: /Cart \(2\)/ }).click();
      if (who === "gil") await shot(donor, "cart");
      await send(donor, donor.getByRole("button", { name: "Check out" }));
      assert.equal(
        await client.readContract({ ...r, functionName: "donationOf", args: [1n, addr(who)] }),
        parseEther(gifts[0]),
      );
      assert.equal(
        await client.readContract({ ...r, functionName: "donationOf", args: [2n, addr(who)] }),
        parseEther(gifts[1]),
      );
    }
    // Donations close; the tally window (1 hour) holds finalisation back, in the app and on the chain.
    const config = await client.readContract({ ...r, functionName: "config" });
    assert.equal(config.tallyWindow, 3600);
    const tallyEnd = await client.readContract({ ...r, functionName: "tallyWindowEnd" });
    assert.equal(tallyEnd, BigInt(config.donationsEnd) + 3600n);
    await w.advance(3601);
    await fern.reload();
    await fern.getByTestId("tally-window").waitFor();
    await fern.getByText(/The tally window is open until/).waitFor();
    assert.equal(await fern.getByRole("button", { name: "Finalise the round" }).isDisabled(), true);
    await w.advance(3601);
    await fern.reload();
    await send(fern, fern.getByRole("button", { name: "Finalise the round" }));
    assert.equal(await client.readContract({ ...r, functionName: "phase" }), 5, "Finalized");
    const openClaimAt = await client.readContract({ ...r, functionName: "openClaimAt" });
    assert.ok(openClaimAt > 0n);
    // For three days only the owner or recipient may claim: the funder sees the button held back.
    await fern
      .getByTestId("claim-period")
      .filter({ hasText: /only a project's owner or recipient/ })
      .waitFor();
    assert.equal(await fern.getByRole("button", { name: "Pay project 1" }).isDisabled(), true);
    const before = await client.getBalance({ address: addr("riparian") });
    const riparian = await as("riparian", `/round/${round}`);
    await send(riparian, riparian.getByRole("button", { name: "Pay project 1" }));
    const block = await client.getBlock();
    assert.ok(block.timestamp < openClaimAt, "the owner claimed inside the reserved period");
    const p1 = await client.readContract({ ...r, functionName: "project", args: [1n] });
    const match = await client.readContract({ ...r, functionName: "matchOf", args: [1n] });
    assert.equal(p1.paid, true);
    const received = (await client.getBalance({ address: addr("riparian") })) - before;
    assert.ok(received > parseEther("5") + match - parseEther("0.01"), "donations and match, less gas");
    await shot(riparian, "round");
  });

  it("licensee: Iris sees the commercial class and its fee, takes a licence with the fee capped and the terms version pinned; anyone verifies it", async () => {
    const reg = { address: w.contracts.licenceRegistry, abi: licenceRegistryAbi } as const;
    const iris = await as("iris", "/works");
    await iris.getByTestId("applies").first().waitFor();
    assert.match((await iris.getByTestId("applies").first().textContent()) ?? "", /commercial \(1 ETH\)/);
    const work = await client.readContract({ ...reg, functionName: "work", args: [1n] });
    const seen = work.termsVersion;
    await iris
      .getByTestId("pinned-version")
      .first()
      .filter({ hasText: `terms v${seen}` })
      .waitFor();
    // The steward publishes new terms while Iris reads the old ones: her request names the version she saw
    // and is refused before her wallet opens, in words.
    const terms = await client.readContract({ ...reg, functionName: "terms", args: [1n, seen] });
    await w.rpc("hardhat_impersonateAccount", [work.steward]);
    await w.rpc("hardhat_setBalance", [work.steward, "0xDE0B6B3A7640000"]);
    await w.rpc("eth_sendTransaction", [
      {
        from: work.steward,
        to: reg.address,
        data: encodeFunctionData({
          abi: licenceRegistryAbi,
          functionName: "setTerms",
          args: [1n, { ...terms, uri: `${terms.uri}#v${seen + 1n}` }],
        }),
      },
    ]);
    await w.rpc("hardhat_stopImpersonatingAccount", [work.steward]);
    assert.equal((await client.readContract({ ...reg, functionName: "work", args: [1n] })).termsVersion, seen + 1n);
    const nonce = await client.getTransactionCount({ address: addr("iris") });
    await iris.getByRole("button", { name: "Request licence", exact: true }).first().click();
    await iris
      .getByRole("alert")
      .filter({ hasText: `changed from version ${seen} (the one you saw) to ${seen + 1n}` })
      .waitFor();
    assert.equal(await client.getTransactionCount({ address: addr("iris") }), nonce, "nothing was sent");
    assert.equal(await client.readContract({ ...reg, functionName: "isLicensed", args: [1n, addr("iris")] }), false);
    await iris.reload();
    await iris
      .getByTestId("pinned-version")
      .first()
      .filter({ hasText: `terms v${seen + 1n}` })
      .waitFor();
    await send(iris, iris.getByRole("button", { name: "Request licence", exact: true }).first());
    assert.equal(await client.readContract({ ...reg, functionName: "isLicensed", args: [1n, addr("iris")] }), true);
    const licenceId = await client.readContract({ ...reg, functionName: "licenceOf", args: [1n, addr("iris")] });
    const licence = await client.readContract({ ...reg, functionName: "licence", args: [licenceId] });
    assert.equal(BigInt(licence.termsVersion), seen + 1n, "the licence holds the version Iris saw");
    await iris.getByLabel("Licensee").fill(addr("company"));
    await iris.getByRole("button", { name: "Verify" }).click();
    await iris.getByText("Licensed: the licence is active.").waitFor();
    await shot(iris, "works");
  });

  it("contributor income: the membrane's epoch is closed and Ben claims his share", async () => {
    const ws = await community(1);
    const m = { address: ws.membrane, abi: membraneAbi } as const;
    const zero = "0x0000000000000000000000000000000000000000" as const;
    assert.ok((await client.readContract({ ...m, functionName: "pendingIncome", args: [zero] })) >= parseEther("1"));
    await w.advance(86_401);
    const ben = await as("ben", "/c/1/income");
    await send(ben, ben.getByRole("button", { name: "Close the epoch" }));
    const epochs = await client.readContract({ ...m, functionName: "epochCount", args: [zero] });
    const last = epochs; // epochs are numbered from 1
    const owed = await client.readContract({ ...m, functionName: "claimable", args: [zero, last, addr("ben")] });
    assert.ok(owed > 0n);
    await send(ben, ben.getByRole("button", { name: /Claim/ }));
    assert.equal(
      await client.readContract({ ...m, functionName: "hasClaimed", args: [zero, last, addr("ben")] }),
      true,
    );
    await shot(ben, "income");
  });

  it("federation: the guild funds the watershed by vote, and the due tranche is claimed", async () => {
    const ws = await community(1);
    const state = await decide(
      2,
      "chloe",
      async (page) => {
        await page.getByLabel("Affiliated community").selectOption({ label: "Salmon River Watershed" });
        await page.getByLabel("Total (ETH)").fill("1");
        await page.getByLabel("Purpose (URI)").fill("ipfs://nursery-beds");
      },
      "Propose grant",
      /nursery-beds/,
      ["chloe", "dev"],
    );
    assert.equal(state, 7);
    await w.advance(86_401);
    const before = await client.getBalance({ address: ws.timelock });
    const ben = await as("ben", "/c/1/federation");
    await send(ben, ben.getByTestId("grant").last().getByRole("button", { name: "Claim due tranches" }));
    assert.equal((await client.getBalance({ address: ws.timelock })) - before, parseEther("1"));
    // Recognition: the founding act named the watershed; Ben, a member, lists himself in the federation.
    const fed = { address: w.contracts.federationRegistry, abi: federationRegistryAbi } as const;
    assert.equal(await client.readContract({ ...fed, functionName: "isFounding", args: [ws.timelock] }), true);
    await ben.getByTestId("recognition").filter({ hasText: "a founding community" }).waitFor();
    const fm = { address: w.contracts.federatedMembership, abi: federatedMembershipAbi } as const;
    const listedBefore = await client.readContract({ ...fm, functionName: "listedCommunitiesOf", args: [addr("ben")] });
    assert.equal(listedBefore.includes(ws.timelock), false);
    await send(ben, ben.getByRole("button", { name: "List me in the federation" }));
    const listed = await client.readContract({ ...fm, functionName: "listedCommunitiesOf", args: [addr("ben")] });
    assert.ok(listed.some((x) => x.toLowerCase() === ws.timelock.toLowerCase()));
    assert.equal(
      await client.readContract({ ...fm, functionName: "isMemberOf", args: [addr("ben"), ws.timelock] }),
      true,
    );
    await ben.getByText("You are listed as a member of this community in the federated membership.").waitFor();
    await shot(ben, "federation");
  });

  it("errors in words: a rejected signature, a revert explained before sending, an insufficient balance", async () => {
    const ws = await community(1);
    const count = await client.readContract({
      address: ws.registry,
      abi: contributionRegistryAbi,
      functionName: "contributionCount",
    });
    const ben = await as("ben", "/c/1/contributions");
    await ben.getByLabel(/Evidence/).fill("ipfs://x");
    await ben.evaluate(() => (window as unknown as { __wallet: { rejectNext: () => void } }).__wallet.rejectNext());
    await ben.getByRole("button", { name: "Submit contribution" }).click();
    await ben.getByRole("alert").filter({ hasText: "You declined the request in your wallet" }).waitFor();
    assert.equal(
      await client.readContract({
        address: ws.registry,
        abi: contributionRegistryAbi,
        functionName: "contributionCount",
      }),
      count,
    );

    const nonce = await client.getTransactionCount({ address: addr("fern") });
    const fern = await as("fern", "/rounds");
    await fern.getByLabel("Name or metadata URI").fill("backwards");
    await fern.getByLabel("Donations last (minutes)").fill("0");
    await fern.getByRole("button", { name: "Create round" }).click();
    await fern.getByRole("alert").filter({ hasText: "The schedule is not in order" }).waitFor();
    assert.equal(await client.getTransactionCount({ address: addr("fern") }), nonce, "nothing was sent");

    await w.rpc("hardhat_setBalance", [addr("poor"), "0x38D7EA4C68000"]); // 0.001 ETH
    const poor = await as("poor", "/works");
    await poor.getByRole("button", { name: "Request licence", exact: true }).first().click();
    await poor
      .getByRole("alert")
      .filter({ hasText: /This sends 1 ETH and the account holds 0.001/ })
      .waitFor();
  });

  it("a reload while a transaction is pending keeps its status and follows it to the end", async () => {
    const ben = await as("ben", "/c/1/contributions");
    await w.rpc("evm_setAutomine", [false]);
    try {
      await ben.getByLabel(/Evidence/).fill("ipfs://pending-proof");
      await ben.getByRole("button", { name: "Submit contribution" }).click();
      await ben.waitForFunction(() => document.querySelector("[data-testid=tx-status]")?.textContent === "pending");
      await ben.reload();
      await ben.waitForFunction(() => document.querySelector("[data-testid=tx-status]")?.textContent === "pending");
    } finally {
      await w.rpc("evm_setAutomine", [true]);
    }
    await w.rpc("evm_mine");
    await mined(ben);
  });

  it("375 px wide: the community page fits without sideways scrolling", async () => {
    const page = await w.open("ben", { hash: "/c/1/profile", width: 375 });
    await page.getByTestId("treasury").waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `page is ${width} px wide`);
    await shot(page, "mobile");
  });

  it("governance: a succeeded proposal nobody queued expires, and anyone cancels it in one click", async () => {
    const c = await community(1);
    const gov = { address: c.governor, abi: communityGovernorAbi } as const;
    const description = `Pay 0.01 ETH to ${addr("riparian")}: left to expire`;
    const targets = [addr("riparian")];
    const values = [parseEther("0.01")];
    const calldatas = ["0x" as const];
    // Proposed and voted from the node's unlocked accounts (the app's forms are covered above).
    const tx = (from: Person, functionName: "propose" | "castVote", args: readonly unknown[]) =>
      w.rpc("eth_sendTransaction", [
        {
          from: addr(from),
          to: c.governor,
          data: encodeFunctionData({ abi: communityGovernorAbi, functionName, args } as never),
        },
      ]);
    await tx("ana", "propose", [targets, values, calldatas, description]);
    const id = await client.readContract({
      ...gov,
      functionName: "getProposalId",
      args: [targets, values, calldatas, keccak256(toBytes(description))],
    });
    await w.advance(Number(await client.readContract({ ...gov, functionName: "votingDelay" })) + 1);
    for (const v of ["ana", "eli"] as const) await tx(v, "castVote", [id, 1]);
    await w.advance(Number(await client.readContract({ ...gov, functionName: "votingPeriod" })) + 30 * 86_400 + 2);
    assert.equal(await client.readContract({ ...gov, functionName: "state", args: [id] }), 6, "Expired");
    const dana = await as("dana", "/c/1/governance");
    const card = dana.getByTestId("proposal").filter({ hasText: "left to expire" }).first();
    await card.getByTestId("proposal-state").filter({ hasText: "Expired" }).waitFor();
    await send(dana, card.getByRole("button", { name: "Cancel the expired proposal" }));
    assert.equal(await client.readContract({ ...gov, functionName: "state", args: [id] }), 2, "Canceled");
    const cancelled = await client.getContractEvents({ ...gov, eventName: "ExpiredProposalCancelled", fromBlock: 0n });
    assert.equal(cancelled[cancelled.length - 1].args.caller, addr("dana"));
  });

  it("RPC requests per screen, and the time to an interactive community page", async () => {
    const count = await client.readContract({
      address: w.contracts.roundFactory,
      abi: roundFactoryAbi,
      functionName: "roundCount",
    });
    const round = await client.readContract({
      address: w.contracts.roundFactory,
      abi: roundFactoryAbi,
      functionName: "roundAt",
      args: [count - 1n],
    });
    const screens: [string, string, (p: Page) => Promise<unknown>][] = [
      ["communities", "/", (p) => p.getByRole("link", { name: "Salmon River Watershed" }).waitFor()],
      ["community profile", "/c/1/profile", (p) => p.getByTestId("treasury").waitFor()],
      ["contributions", "/c/1/contributions", (p) => p.getByTestId("contribution-1").waitFor()],
      ["governance", "/c/1/governance", (p) => p.getByTestId("proposal").first().waitFor()],
      ["income", "/c/1/income", (p) => p.getByTestId("my-income").waitFor()],
      ["federation", "/c/1/federation", (p) => p.getByTestId("grant").first().waitFor()],
      ["rounds", "/rounds", (p) => p.getByText("creek-commons").first().waitFor()],
      ["a round", `/round/${round}`, (p) => p.getByTestId("project-1").waitFor()],
      ["works", "/works", (p) => p.getByTestId("work-1").waitFor()],
    ];
    const rows: string[] = [];
    await w.closeAll();
    for (const [name, hash, ready] of screens) {
      w.resetRpcCount();
      const started = Date.now();
      const page = await w.open("ben", { hash });
      await ready(page);
      rows.push(`${name}: ${w.rpcCount()} RPC requests, ${Date.now() - started} ms to interactive`);
      await page.context().close();
    }
    console.log(`      ${rows.join("\n      ")}`);
  });
});
