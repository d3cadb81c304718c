/**
 * The federation's jobs in the wallet app, in a real browser against a real `hardhat node`: the
 * founding act, vouching for a community and withdrawing that recognition, a listing signed by a
 * member and relayed by someone else, steward budgets (set by a vote, spent by a signed voucher),
 * affiliating, funding, leaving and returning what the end of an affiliation cut off. Each test
 * clicks and types as a person would, then checks the chain itself.
 *
 * The world is smaller than the demo's: three communities created and two of them registered, the
 * federation not founded yet (the founding act is the first job).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import type { Page } from "playwright-core";
import { parseEther, toHex, type Abi, type AbiParameter, type Address } from "viem";

import { errorSentence, hasSentence } from "../src/chain/errors";
import {
  contributionRegistryAbi,
  contributionTokenAbi,
  federatedCommunityListAbi,
  federatedMembershipAbi,
  federationFundingAbi,
  federationRegistryAbi,
} from "../src/generated";
import { PEOPLE, setupTask, startWorld, type Person, type RunningNode, type World } from "./harness";
import { send, stepsFor, type Steps } from "./steps";

const WATERSHED = "Salmon River Watershed";
const GUILD = "Regenerative Agriculture Guild";
const HIGHLANDS = "Highland Commons";

/**
 * Three communities (ids 1, 2, 3) with quick governance (a vote opens after a minute, lasts an hour,
 * then waits ten minutes in the timelock); the watershed and the guild registered in the federation,
 * the highlands not yet, and no founding act.
 */
async function federationStory(node: RunningNode): Promise<void> {
  const res = await fetch(node.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_accounts", params: [] }),
  });
  const accounts = ((await res.json()) as { result: string[] }).result;
  const who = (p: Person) => accounts[PEOPLE[p]];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-fed-story-"));
  const run = (args: string[]) => setupTask(node, args);
  const rules = {
    counting: "simple",
    governor: {
      votingDelay: 60,
      votingPeriod: 3600,
      proposalThreshold: "1",
      lateQuorumExtension: 600,
      quorumPercent: 10,
    },
    timelockDelay: 600,
    openExecution: true,
  };
  const hash = (n: number) => toHex(n, { size: 32 });
  const files: [Person, object][] = [
    [
      "ana",
      {
        kind: "bioregion",
        name: WATERSHED,
        symbol: "cSALMON",
        area: { uri: "ipfs://salmon-river-boundary.geojson", hash: hash(1) },
        charter: { uri: "ipfs://salmon-river-charter", hash: hash(2) },
        ...rules,
        founders: [
          { account: who("ana"), amount: "60" },
          { account: who("ben"), amount: "30" },
          { account: who("eli"), amount: "20" },
        ],
        accounting: {
          stewards: [who("ana")],
          attestationThreshold: 2,
          challengeWindow: 3600,
          kinds: [
            { name: "care", valuePerUnit: "10" },
            { name: "mapping", valuePerUnit: "5" },
          ],
          membraneTreasuryShareBps: 3000,
        },
      },
    ],
    [
      "chloe",
      {
        kind: "guild",
        name: GUILD,
        symbol: "cREGEN",
        domain: "regenerative agriculture",
        charter: { uri: "ipfs://regen-guild-charter", hash: hash(3) },
        ...rules,
        founders: [
          { account: who("chloe"), amount: "50" },
          { account: who("dev"), amount: "30" },
        ],
      },
    ],
    [
      "gil",
      {
        kind: "bioregion",
        name: HIGHLANDS,
        symbol: "cHIGH",
        area: { uri: "ipfs://highlands-boundary.geojson", hash: hash(4) },
        charter: { uri: "ipfs://highlands-charter", hash: hash(5) },
        ...rules,
        founders: [
          { account: who("gil"), amount: "40" },
          { account: who("hana"), amount: "20" },
        ],
      },
    ],
  ];
  await run(["suite:deploy"]);
  for (const [i, [creator, spec]] of files.entries()) {
    const file = path.join(dir, `community-${i + 1}.json`);
    fs.writeFileSync(file, JSON.stringify(spec));
    await run(["dao:create", "--file", file, "--from", String(PEOPLE[creator])]);
  }
  await run(["fed:register", "--community", `${WATERSHED},${GUILD}`]);
  fs.rmSync(dir, { recursive: true, force: true });
}

let w: World;
let s: Steps;
const addr = (p: Person): Address => w.addr(p);
const registry = () => ({ address: w.contracts.federationRegistry, abi: federationRegistryAbi }) as const;
const membership = () => ({ address: w.contracts.federatedMembership, abi: federatedMembershipAbi }) as const;

/** The JSON file behind a download link the page offers (signed files are data: links). */
async function downloaded(page: Page, name: RegExp): Promise<Buffer> {
  const href = await page.getByRole("link", { name }).getAttribute("href");
  return Buffer.from(decodeURIComponent(href!.replace("data:application/json,", "")));
}

/** A sample value of an ABI parameter, to put every error's sentence together. */
function sample(p: AbiParameter): unknown {
  if (p.type === "address") return "0x00000000000000000000000000000000000000a1";
  if (p.type === "bool") return true;
  if (p.type.startsWith("uint8")) return 1;
  if (p.type.startsWith("uint") || p.type.startsWith("int")) return 1_700_000_000n;
  return "x";
}

describe("the federation in the wallet app", { timeout: 1_200_000 }, () => {
  before(async () => {
    const started = Date.now();
    w = await startWorld(federationStory);
    s = stepsFor(w, { shots: false });
    console.log(
      `      world ready (node, suite, three communities, app, browser) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  });
  after(async () => {
    await w?.stop();
  });

  it("every custom error of the federation contracts and of steward budgets is a sentence", () => {
    const errors = (
      [federationRegistryAbi, federationFundingAbi, federatedMembershipAbi, federatedCommunityListAbi] as Abi[]
    )
      .flat()
      .concat((contributionRegistryAbi as Abi).filter((e) => e.type === "error" && /Steward|Budget/.test(e.name)))
      .filter((e) => e.type === "error");
    const missing = errors.filter((e) => !hasSentence(e.name)).map((e) => e.name);
    assert.deepEqual([...new Set(missing)], []);
    for (const e of errors) {
      const sentence = errorSentence(e.name, e.inputs.map(sample));
      assert.match(sentence, /^[A-Z0-9`].*[.!]$/s, `${e.name}: "${sentence}"`);
      assert.doesNotMatch(sentence, /undefined|NaN|\[object/, `${e.name}: "${sentence}"`);
    }
    assert.ok(errors.some((e) => e.name === "MembershipCheckGasTooLow"));
  });

  it("founding: Dana, the founder named at deployment, registers the highlands and founds the federation with the watershed and the guild", async () => {
    const ws = await s.community(1);
    const guild = await s.community(2);
    const hl = await s.community(3);
    // Someone else sees the act and why it is not theirs.
    const ben = await s.as("ben", "/federation");
    await ben
      .getByText(/Only the founder named at deployment/)
      .first()
      .waitFor();
    assert.equal(await ben.getByRole("button", { name: "Found the federation" }).isDisabled(), true);
    await ben.context().close();

    const dana = await s.as("dana", "/federation");
    await send(dana, dana.getByRole("button", { name: `Register ${HIGHLANDS}` }));
    assert.equal(
      await s.client.readContract({ ...registry(), functionName: "isRegistered", args: [hl.timelock] }),
      true,
    );
    await dana.getByLabel(`${WATERSHED} (bioregion)`).check();
    await dana.getByLabel(`${GUILD} (guild)`).check();
    await send(dana, dana.getByRole("button", { name: "Found the federation" }));
    await dana
      .getByTestId("founding")
      .filter({ hasText: `Founded: the founding act named ${WATERSHED}, ${GUILD}` })
      .waitFor();
    const r = registry();
    assert.equal(await s.client.readContract({ ...r, functionName: "founded" }), true);
    assert.equal(await s.client.readContract({ ...r, functionName: "isFounding", args: [ws.timelock] }), true);
    assert.equal(await s.client.readContract({ ...r, functionName: "isFounding", args: [guild.timelock] }), true);
    assert.equal(await s.client.readContract({ ...r, functionName: "isRecognised", args: [hl.timelock] }), false);
    // The act happens once: the form is gone.
    assert.equal(await dana.getByRole("button", { name: "Found the federation", exact: true }).count(), 0);
    await dana.context().close();
  });

  it("vouching: the highlands cannot vouch (not recognised); the watershed vouches for them by its vote", async () => {
    const ws = await s.community(1);
    const hl = await s.community(3);
    const gil = await s.as("gil", "/c/3/governance");
    await gil.getByText("Only a community the federation recognises can vouch for another").waitFor();
    assert.equal(await gil.getByRole("button", { name: "Propose vouch" }).isDisabled(), true);
    await gil.context().close();
    const state = await s.decide(
      1,
      "ana",
      (page) =>
        page
          .getByLabel("Community to vouch for")
          .selectOption({ label: HIGHLANDS })
          .then(() => undefined),
      "Propose vouch",
      new RegExp(`Vouch for ${HIGHLANDS}`),
      ["ana", "ben"],
    );
    assert.equal(state, 7);
    const r = registry();
    assert.equal(await s.client.readContract({ ...r, functionName: "isRecognised", args: [hl.timelock] }), true);
    assert.equal(await s.client.readContract({ ...r, functionName: "voucherOf", args: [hl.timelock] }), ws.timelock);
    const page = await s.as("gil", "/c/3/federation");
    await page
      .getByTestId("recognition")
      .filter({ hasText: `vouched for by ${WATERSHED}, 1 vouch(es)` })
      .waitFor();
    await page.context().close();
  });

  it("a signed listing: Gil signs his listing of the highlands, Dana relays it; relaying it twice is refused before sending", async () => {
    const hl = await s.community(3);
    const fm = membership();
    const gil = await s.as("gil", "/c/3/federation");
    await gil.getByRole("button", { name: "Sign my listing" }).click();
    const file = await downloaded(gil, /listing\.json/);
    await gil.context().close();
    assert.equal(await s.client.readContract({ ...fm, functionName: "nonces", args: [addr("gil")] }), 0n);

    const dana = await s.as("dana", "/federation");
    const relay = () =>
      dana
        .getByLabel("Relay a signed listing")
        .setInputFiles({ name: "listing.json", mimeType: "application/json", buffer: file });
    await send(dana, relay);
    const listed = await s.client.readContract({ ...fm, functionName: "listedCommunitiesOf", args: [addr("gil")] });
    assert.deepEqual(listed, [hl.timelock]);
    assert.equal(await s.client.readContract({ ...fm, functionName: "nonces", args: [addr("gil")] }), 1n);
    assert.equal(await s.client.readContract({ ...fm, functionName: "isMember", args: [addr("gil")] }), true);
    // Dana is not listed anywhere; she paid the gas, the listing is Gil's.
    assert.deepEqual(
      await s.client.readContract({ ...fm, functionName: "listedCommunitiesOf", args: [addr("dana")] }),
      [],
    );

    const txs = await dana.getByTestId("tx").count();
    await relay();
    await dana
      .getByRole("alert")
      .filter({ hasText: /The signature is not 0x.*over this listing and its current nonce/ })
      .waitFor();
    assert.equal(await dana.getByTestId("tx").count(), txs + 1); // recorded as failed in simulation, never sent
    assert.equal(await dana.getByTestId("tx").first().getByTestId("tx-status").textContent(), "failed");

    await dana.getByLabel("Is this account a member of the federation?").fill(addr("gil"));
    await dana.getByRole("button", { name: "Check" }).click();
    await dana
      .getByTestId("member-check")
      .filter({ hasText: `is a member of the federation through ${HIGHLANDS}` })
      .waitFor();
    await dana.context().close();
  });

  it("withdrawing recognition: the watershed withdraws its vouch; the highlands and Gil's listing stop counting at once", async () => {
    const hl = await s.community(3);
    const state = await s.decide(
      1,
      "ana",
      (page) =>
        page
          .getByLabel("Recognition to withdraw")
          .selectOption({ label: HIGHLANDS })
          .then(() => undefined),
      "Propose withdrawal",
      new RegExp(`Withdraw the recognition of ${HIGHLANDS}`),
      ["ana"],
    );
    assert.equal(state, 7);
    assert.equal(
      await s.client.readContract({ ...registry(), functionName: "isRecognised", args: [hl.timelock] }),
      false,
    );
    assert.equal(
      await s.client.readContract({ ...membership(), functionName: "isMember", args: [addr("gil")] }),
      false,
    );
    const gil = await s.as("gil", "/federation");
    await gil
      .getByTestId("federation-community")
      .filter({ hasText: HIGHLANDS })
      .filter({ hasText: "not recognised" })
      .waitFor();
    await gil.getByTestId("my-listings").filter({ hasText: "no longer holds" }).waitFor();
    // Nothing is left to withdraw from the watershed's side.
    const ana = await s.as("ana", "/c/1/governance");
    await ana
      .getByText("This community vouched for nobody")
      .waitFor({ state: "detached" })
      .catch(() => undefined);
    await ana.getByLabel("Recognition to withdraw").waitFor();
    const options = await ana.getByLabel("Recognition to withdraw").locator("option").allTextContents();
    assert.deepEqual(options, [`${WATERSHED} (this community's own)`]);
    await gil.context().close();
    await ana.context().close();
  });

  it("steward budgets: Ana has none and cannot sign; the watershed gives her 50 tokens a period; her voucher pays Eli and counts against it", async () => {
    const ws = await s.community(1);
    const reg = { address: ws.registry, abi: contributionRegistryAbi } as const;
    const ana = await s.as("ana", "/c/1/contributions");
    await ana.getByTestId("my-budget").filter({ hasText: "Your vouchers may mint 0 more tokens" }).waitFor();
    assert.equal(await ana.getByRole("button", { name: "Sign voucher" }).isDisabled(), true);
    await ana.context().close();

    const state = await s.decide(
      1,
      "ana",
      async (page) => {
        await page.getByLabel(/^Steward/).selectOption(addr("ana"));
        await page.getByLabel("Tokens per period").fill("50");
      },
      "Propose steward budget",
      /Steward budget of 0x.*: 50 tokens per 30 days/,
      ["ana"],
      "contributions",
    );
    assert.equal(state, 7);
    const [budget] = await s.client.readContract({ ...reg, functionName: "stewardBudget", args: [addr("ana")] });
    assert.equal(budget, parseEther("50"));

    const steward = await s.as("ana", "/c/1/contributions");
    const form = steward.getByTestId("sign-voucher");
    await steward.getByTestId("my-budget").filter({ hasText: "Your vouchers may mint 50 more tokens" }).waitFor();
    await form.getByLabel(/^Member/).selectOption(addr("eli"));
    await form.getByLabel(/^Kind of work/).selectOption({ label: "mapping (5 per unit)" });
    await form.getByLabel("Units").fill("20"); // 100 tokens: over the budget, refused before signing
    await form.getByRole("button", { name: "Sign voucher" }).click();
    await steward
      .getByRole("alert")
      .filter({ hasText: "This voucher is worth 100 tokens; your budget has 50 left" })
      .waitFor();
    await form.getByLabel("Units").fill("2");
    await form.getByRole("button", { name: "Sign voucher" }).click();
    const voucher = await downloaded(steward, /voucher\.json/);
    await steward.context().close();

    const token = { address: ws.token, abi: contributionTokenAbi } as const;
    const before = await s.client.readContract({ ...token, functionName: "balanceOf", args: [addr("eli")] });
    const eli = await s.as("eli", "/c/1/contributions");
    await send(eli, () =>
      eli
        .getByLabel("Load a signed file")
        .setInputFiles({ name: "voucher.json", mimeType: "application/json", buffer: voucher }),
    );
    const afterBalance = await s.client.readContract({ ...token, functionName: "balanceOf", args: [addr("eli")] });
    assert.equal(afterBalance - before, parseEther("10"));
    const [, spent] = await s.client.readContract({ ...reg, functionName: "stewardBudget", args: [addr("ana")] });
    assert.equal(spent, parseEther("10"));
    await eli.getByTestId("steward-budget").filter({ hasText: "40 until" }).waitFor();
    await eli.context().close();
  });

  it("affiliating, funding, leaving: the guild accepts the watershed, funds it in two tranches; the watershed leaves; the cut-off tranche goes back", async () => {
    const ws = await s.community(1);
    const guild = await s.community(2);
    const r = registry();
    assert.equal(
      await s.decide(
        1,
        "ana",
        (page) =>
          page
            .getByLabel("Community to affiliate with")
            .selectOption({ label: GUILD })
            .then(() => undefined),
        "Propose affiliation",
        new RegExp(`Affiliate with ${GUILD}`),
        ["ana"],
      ),
      7,
    );
    assert.equal(
      await s.decide(
        2,
        "chloe",
        (page) =>
          page
            .getByLabel("Community to affiliate with")
            .selectOption({ label: `${WATERSHED} (they proposed: accept)` })
            .then(() => undefined),
        "Propose affiliation",
        new RegExp(`Accept the affiliation with ${WATERSHED}`),
        ["chloe"],
      ),
      7,
    );
    assert.equal(
      await s.client.readContract({ ...r, functionName: "isAffiliated", args: [ws.timelock, guild.timelock] }),
      true,
    );

    await w.rpc("eth_sendTransaction", [{ from: addr("iris"), to: guild.timelock, value: toHex(parseEther("5")) }]);
    assert.equal(
      await s.decide(
        2,
        "chloe",
        async (page) => {
          await page.getByLabel("Affiliated community").selectOption({ label: WATERSHED });
          await page.getByLabel("Total (ETH)").fill("2");
          await page.getByLabel("Tranches", { exact: true }).fill("2");
          await page.getByLabel("Days between tranches").fill("1");
          await page.getByLabel("Purpose (URI)").fill("ipfs://seed-bank");
        },
        "Propose grant",
        /seed-bank/,
        ["chloe"],
      ),
      7,
    );
    // The first tranche falls due; the watershed then leaves before the second.
    await w.advance(86_400);
    assert.equal(
      await s.decide(
        1,
        "ana",
        (page) =>
          page
            .getByLabel("Affiliation to end")
            .selectOption({ label: `${GUILD} (active)` })
            .then(() => undefined),
        "Propose leaving",
        new RegExp(`End the affiliation with ${GUILD}`),
        ["ana"],
      ),
      7,
    );
    assert.equal(
      await s.client.readContract({ ...r, functionName: "isAffiliated", args: [ws.timelock, guild.timelock] }),
      false,
    );

    const funding = { address: w.contracts.federationFunding, abi: federationFundingAbi } as const;
    const grantId = await s.client.readContract({ ...funding, functionName: "grantCount" });
    const ben = await s.as("ben", "/c/1/federation");
    const card = ben.getByTestId("grant").last();
    await card.getByText("Cut off by the end of the affiliation: 1 ETH").waitFor();
    const guildBefore = await s.client.getBalance({ address: guild.timelock });
    await send(ben, card.getByRole("button", { name: "Return cut-off tranches to the funder" }));
    assert.equal((await s.client.getBalance({ address: guild.timelock })) - guildBefore, parseEther("1"));
    const wsBefore = await s.client.getBalance({ address: ws.timelock });
    await send(ben, card.getByRole("button", { name: "Claim due tranches" }));
    assert.equal((await s.client.getBalance({ address: ws.timelock })) - wsBefore, parseEther("1"));
    const [reclaimable] = await s.client.readContract({ ...funding, functionName: "reclaimable", args: [grantId] });
    assert.equal(reclaimable, 0n);
    await card.getByText("(returned to the funder)").waitFor();
    await ben.context().close();
  });
});
