/**
 * The flows that follow the main ones of roles.browser.ts, in a real browser against a real
 * `hardhat node` holding the demo's story: a challenged contribution and its resolution, a donor's
 * refund after a project's removal and after a round's cancellation, a funder's reclaim of the
 * leftover, a licensee's first fee, renewal and revenue report seen by the steward, and a charter
 * signatory's licence granted by the steward. Each test sets its scene with plain transactions when
 * the scene is not the point (a round with donations, a registered work), then clicks and types the
 * flow itself as a person would, and checks the chain.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import {
  createPublicClient,
  encodeFunctionData,
  http,
  keccak256,
  parseEther,
  toBytes,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
} from "viem";

import {
  communityFactoryAbi,
  contributionRegistryAbi,
  contributionTokenAbi,
  epochAllocationsAbi,
  licenceRegistryAbi,
  roundAbi,
  roundFactoryAbi,
} from "../src/generated";
import { eth as fmt } from "../src/format";
import { APP, openAs, PEOPLE, send, sendAs, shot, startWorld, type Person, type World } from "./harness";

let w: World;
let client: ReturnType<typeof createPublicClient>;
const addr = (p: Person): Address => w.addr(p);
const as = (who: Person, hash = "/") => openAs(w, who, hash);

/** A transaction from `who` outside the app (the scene, not the flow under test). */
async function tx<A extends Abi>(
  who: Person,
  to: Address,
  abi: A,
  functionName: string,
  args: readonly unknown[],
  value = 0n,
): Promise<void> {
  await sendAs(w, who, to, encodeFunctionData({ abi, functionName, args } as never), value);
}

async function now(): Promise<bigint> {
  return (await client.getBlock()).timestamp;
}

/** The contract's enumerations, as numbers the chain returns. */
const CONTRIBUTION = { pending: 1, challenged: 2, cleared: 3, rejected: 4, claimed: 5 } as const;
const PROJECT = { approved: 2, removed: 4 } as const;
const LICENCE = { requested: 1, active: 2 } as const;

/**
 * A round of Fern's with Ana as its only reviewer (one vote decides), funded by `funders`, with
 * `projects` admitted and the donations made; left in its donation phase (1 hour long, 1 hour tally).
 */
async function roundWithDonations(
  name: string,
  funders: [Person, string][],
  projects: Person[],
  donations: [Person, number, string][],
): Promise<Address> {
  const t = await now();
  await tx("fern", w.contracts.roundFactory, roundFactoryAbi, "createRound", [
    {
      token: zeroAddress,
      minDonation: 0n,
      eligibility: zeroAddress,
      matchCapBps: 0,
      tallyWindow: 3600,
      applicationsStart: t,
      applicationsEnd: t + 600n,
      donationsStart: t + 600n,
      donationsEnd: t + 4200n,
      operator: addr("fern"),
      maxDonationsEnd: t + 4200n,
      matchCapAmount: 0n,
      eligibilityConfig: zeroHash,
      reviewers: [addr("ana")],
      reviewThreshold: 1n,
      metadataURI: name,
    },
  ]);
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
  for (const [who, amount] of funders) await tx(who, round, roundAbi, "fund", [parseEther(amount)], parseEther(amount));
  for (const [i, who] of projects.entries()) {
    await tx(who, round, roundAbi, "applyProject", [addr(who), `${name} project ${i + 1}`]);
    await tx("ana", round, roundAbi, "reviewApplication", [BigInt(i + 1), true]);
  }
  await w.advance(601);
  for (const [who, id, amount] of donations) {
    await tx(who, round, roundAbi, "donate", [BigInt(id), parseEther(amount), "0x"], parseEther(amount));
  }
  return round;
}

describe("the wallet app's further flows in a browser", { timeout: 900_000 }, () => {
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

  it("member and steward: Eli challenges two of Ben's contributions; Ana upholds one and dismisses the other, which Ben claims once attested", async () => {
    const ws = await client.readContract({
      address: w.contracts.communityFactory,
      abi: communityFactoryAbi,
      functionName: "getCommunity",
      args: [1n],
    });
    const reg = { address: ws.registry, abi: contributionRegistryAbi } as const;
    const status = async (id: bigint) =>
      (await client.readContract({ ...reg, functionName: "getContribution", args: [id] })).status;
    const count0 = await client.readContract({ ...reg, functionName: "contributionCount" });
    const [a, b] = [count0 + 1n, count0 + 2n];
    const ben = await as("ben", "/c/1/contributions");
    for (const [units, evidence] of [
      ["2", "ipfs://hedgerow-planting"],
      ["2", "ipfs://hedgerow-planting-again"],
    ]) {
      await ben.getByLabel("Kind").selectOption({ label: "care (10 per unit)" });
      await ben.getByLabel("Units").fill(units);
      await ben.getByLabel(/Evidence/).fill(evidence);
      await send(ben, ben.getByRole("button", { name: "Submit contribution", exact: true }));
    }
    assert.equal(await client.readContract({ ...reg, functionName: "contributionCount" }), count0 + 2n);
    // Ben cannot challenge his own work: no challenge box on his rows.
    await ben.getByTestId(`contribution-${a}`).waitFor();
    assert.equal(await ben.getByTestId(`contribution-${a}`).getByRole("button", { name: "Challenge" }).count(), 0);

    const ana = await as("ana", "/c/1/contributions");
    await send(ana, ana.getByTestId(`contribution-${a}`).getByRole("button", { name: "Attest", exact: true }));

    // Eli challenges both, each with the link to his reason; the button waits for the reason.
    const eli = await as("eli", "/c/1/contributions");
    for (const [id, reason] of [
      [b, "ipfs://same-work-as-earlier"],
      [a, "ipfs://photos-missing"],
    ] as const) {
      const row = eli.getByTestId(`contribution-${id}`);
      assert.equal(await row.getByRole("button", { name: "Challenge" }).isDisabled(), true, "no reason, no challenge");
      await row.getByLabel(`Why you challenge #${id} (URI)`).fill(reason);
      await send(eli, row.getByRole("button", { name: "Challenge" }));
      assert.equal(await status(id), CONTRIBUTION.challenged);
    }
    const challenged = await client.getContractEvents({ ...reg, eventName: "ContributionChallenged", fromBlock: 0n });
    assert.deepEqual(
      challenged.slice(-2).map((e) => [e.args.id, e.args.challenger, e.args.reasonURI]),
      [
        [b, addr("eli"), "ipfs://same-work-as-earlier"],
        [a, addr("eli"), "ipfs://photos-missing"],
      ],
    );
    // Eli is no steward: he is told who decides.
    await eli
      .getByTestId(`contribution-${a}`)
      .getByText("Only a steward or a governance vote can resolve a challenge.")
      .waitFor();
    assert.equal(await eli.getByRole("button", { name: "Uphold the challenge" }).count(), 0);

    // Ben sees the challenge and its reason, and nothing to claim.
    await ben.reload();
    const benA = ben.getByTestId(`contribution-${a}`);
    await benA.getByTestId("challenge").filter({ hasText: "ipfs://photos-missing" }).waitFor();
    assert.match((await benA.getByTestId("contribution-status").textContent()) ?? "", /^challenged \(1\/2\)/);
    assert.equal(await benA.getByRole("button", { name: "Claim" }).count(), 0);

    // Ana, a steward, decides each challenge with a link to her reasons.
    await ana.reload();
    const anaB = ana.getByTestId(`contribution-${b}`);
    await anaB.getByTestId("challenge").waitFor();
    await anaB.getByLabel(`Your decision on #${b} (URI)`).fill("ipfs://duplicate-of-contribution-" + a);
    await send(ana, anaB.getByRole("button", { name: "Uphold the challenge" }));
    assert.equal(await status(b), CONTRIBUTION.rejected);
    const anaA = ana.getByTestId(`contribution-${a}`);
    await anaA.getByLabel(`Your decision on #${a} (URI)`).fill("ipfs://photos-added");
    await send(ana, anaA.getByRole("button", { name: "Dismiss the challenge" }));
    const cleared = await client.readContract({ ...reg, functionName: "getContribution", args: [a] });
    assert.equal(cleared.status, CONTRIBUTION.cleared);
    assert.equal(cleared.claimableAt, 0, "one attestation: still short of the threshold");
    const resolved = await client.getContractEvents({ ...reg, eventName: "ChallengeResolved", fromBlock: 0n });
    assert.deepEqual(
      resolved.slice(-2).map((e) => [e.args.id, e.args.resolver, e.args.upheld, e.args.reasonURI]),
      [
        [b, addr("ana"), true, `ipfs://duplicate-of-contribution-${a}`],
        [a, addr("ana"), false, "ipfs://photos-added"],
      ],
    );

    // Ben sees how each ended: the upheld one rejected for good, the dismissed one still needing an attestation.
    await ben.reload();
    const benB = ben.getByTestId(`contribution-${b}`);
    await benB.getByTestId("resolution").filter({ hasText: "upheld: rejected for good" }).waitFor();
    assert.match((await benB.getByTestId("contribution-status").textContent()) ?? "", /^rejected/);
    assert.equal(await benB.getByRole("button", { name: "Claim" }).count(), 0);
    await benA
      .getByTestId("resolution")
      .filter({ hasText: "dismissed: cleared, and it still needs its attestations" })
      .waitFor();
    await ben.getByTestId("my-contributions").filter({ hasText: "Yours: 20 pending, 0 claimable" }).waitFor();
    await benB.scrollIntoViewIfNeeded();
    await shot(ben, "challenge");

    // Eli, satisfied, attests: the second attestation re-opens it and starts its challenge window.
    await eli.reload();
    await send(eli, eli.getByTestId(`contribution-${a}`).getByRole("button", { name: "Attest", exact: true }));
    const reopened = await client.readContract({ ...reg, functionName: "getContribution", args: [a] });
    assert.equal(reopened.status, CONTRIBUTION.pending);
    assert.ok(reopened.claimableAt > 0);
    const before = await client.readContract({
      address: ws.token,
      abi: contributionTokenAbi,
      functionName: "balanceOf",
      args: [addr("ben")],
    });
    await w.advance(3601);
    await ben.reload();
    await send(ben, benA.getByRole("button", { name: "Claim" }));
    assert.equal(await status(a), CONTRIBUTION.claimed);
    assert.equal(
      (await client.readContract({
        address: ws.token,
        abi: contributionTokenAbi,
        functionName: "balanceOf",
        args: [addr("ben")],
      })) - before,
      parseEther("20"),
    );
    assert.equal(await status(b), CONTRIBUTION.rejected);
  });

  it("donor, project and funder: a removed project's donor takes a refund; after finalisation each funder reclaims its share of the leftover", async () => {
    const round = await roundWithDonations(
      "hedgerow-round",
      [
        ["fern", "3"],
        ["hana", "1"],
      ],
      ["riparian", "seeds"],
      [
        ["gil", 1, "1"],
        ["gil", 2, "0.5"],
        ["hana", 1, "2"],
        ["hana", 2, "1"],
      ],
    );
    const r = { address: round, abi: roundAbi } as const;
    // The reviewer removes project 2 during donations.
    const ana = await as("ana", `/round/${round}`);
    await send(ana, ana.getByRole("button", { name: "Vote to remove project 2" }));
    assert.equal((await client.readContract({ ...r, functionName: "project", args: [2n] })).status, PROJECT.removed);

    // Gil sees the removal and takes his donation to it back; his donation to project 1 stays.
    const gil = await as("gil", `/round/${round}`);
    const card = gil.getByTestId("project-2");
    await card.getByTestId("removed-project").waitFor();
    const balance = await client.getBalance({ address: addr("gil") });
    await send(gil, card.getByRole("button", { name: "Refund my 0.5 ETH" }));
    assert.equal(await client.readContract({ ...r, functionName: "donationOf", args: [2n, addr("gil")] }), 0n);
    assert.equal(
      await client.readContract({ ...r, functionName: "donationOf", args: [1n, addr("gil")] }),
      parseEther("1"),
    );
    const refunds = await client.getContractEvents({ ...r, eventName: "DonationRefunded", fromBlock: 0n });
    assert.deepEqual(
      refunds.map((e) => [e.args.projectId, e.args.donor, e.args.amount]),
      [[2n, addr("gil"), parseEther("0.5")]],
    );
    const gained = (await client.getBalance({ address: addr("gil") })) - balance;
    assert.ok(gained > parseEther("0.49") && gained < parseEther("0.5"), "the donation back, less gas");
    await card.filter({ hasText: "refunded to you: 0.5 ETH" }).waitFor();
    assert.equal(await card.getByRole("button", { name: /Refund/ }).count(), 0, "nothing left to refund");

    // Project 1's owner sends its payout elsewhere before the round ends.
    const riparian = await as("riparian", `/round/${round}`);
    await riparian.getByTestId("project-1").getByLabel("New recipient").fill(addr("seeds"));
    await send(riparian, riparian.getByTestId("project-1").getByRole("button", { name: "Change recipient" }));
    assert.equal((await client.readContract({ ...r, functionName: "project", args: [1n] })).recipient, addr("seeds"));

    // Donations and the tally window pass; Fern finalises.
    await w.advance(3601 + 3601);
    const fern = await as("fern", `/round/${round}`);
    await send(fern, fern.getByRole("button", { name: "Finalise the round" }));
    const [finalised] = await client.getContractEvents({ ...r, eventName: "RoundFinalized", fromBlock: 0n });
    const leftover = finalised.args.leftover!;
    const pool = parseEther("4");
    assert.equal(finalised.args.pool, pool);
    // Only project 1 (donations 1 and 2 ETH) is matched: (√1 + √2)² − 3 = 2√2 ≈ 2.83 of the 4 ETH pool.
    assert.ok(leftover > parseEther("1.17") && leftover < parseEther("1.18"));
    const fernShare = (parseEther("3") * leftover) / pool;
    const hanaShare = (parseEther("1") * leftover) / pool;
    await fern.getByTestId("my-funding").filter({ hasText: "You funded 3 ETH." }).waitFor();
    // The share is shown on the button before sending (read from the finalisation just mined).
    const reclaim = fern.getByRole("button", { name: `Reclaim my share of the leftover (${fmt(fernShare)} ETH)` });
    await reclaim.waitFor();
    await send(fern, reclaim);
    const hana = await as("hana", `/round/${round}`);
    await send(hana, hana.getByRole("button", { name: /Reclaim my share of the leftover/ }));
    const returned = await client.getContractEvents({ ...r, eventName: "FundingReturned", fromBlock: 0n });
    assert.deepEqual(
      returned.map((e) => [e.args.funder, e.args.amount]),
      [
        [addr("fern"), fernShare],
        [addr("hana"), hanaShare],
      ],
    );
    assert.equal(await client.readContract({ ...r, functionName: "fundingOf", args: [addr("fern")] }), 0n);
    await fern
      .getByTestId("my-funding")
      .filter({ hasText: `You took back ${fmt(fernShare)} ETH.` })
      .waitFor();
    assert.equal(await fern.getByRole("button", { name: /^Reclaim/ }).count(), 0);
    await fern.getByTestId("my-funding").scrollIntoViewIfNeeded();
    await shot(fern, "leftover");
    // The removed project is never paid; the matched one pays its new recipient.
    const seedsBefore = await client.getBalance({ address: addr("seeds") });
    await send(riparian, () =>
      riparian.reload().then(() => riparian.getByRole("button", { name: "Pay project 1" }).click()),
    );
    const match = await client.readContract({ ...r, functionName: "matchOf", args: [1n] });
    assert.equal((await client.getBalance({ address: addr("seeds") })) - seedsBefore, parseEther("3") + match);
    assert.equal(await riparian.getByRole("button", { name: "Pay project 2" }).count(), 0);
  });

  it("operator, donor and funder: a cancelled round refunds its donors and returns the whole pool", async () => {
    const round = await roundWithDonations("cancelled-round", [["fern", "1"]], ["riparian"], [["gil", 1, "0.3"]]);
    const r = { address: round, abi: roundAbi } as const;
    const fern = await as("fern", `/round/${round}`);
    await send(fern, fern.getByRole("button", { name: "Cancel the round" }));
    assert.equal(await client.readContract({ ...r, functionName: "phase" }), 6, "Cancelled");
    await fern.getByTestId("round-phase").filter({ hasText: "cancelled" }).waitFor();

    const gil = await as("gil", `/round/${round}`);
    await send(gil, gil.getByTestId("project-1").getByRole("button", { name: "Refund my 0.3 ETH" }));
    assert.equal(await client.readContract({ ...r, functionName: "donationOf", args: [1n, addr("gil")] }), 0n);

    const before = await client.getBalance({ address: round });
    await send(fern, fern.getByRole("button", { name: "Reclaim my 1 ETH" }));
    const returned = await client.getContractEvents({ ...r, eventName: "FundingReturned", fromBlock: 0n });
    assert.deepEqual(
      returned.map((e) => [e.args.funder, e.args.amount]),
      [[addr("fern"), parseEther("1")]],
    );
    assert.equal(before - (await client.getBalance({ address: round })), parseEther("1"));
    assert.equal(await client.getBalance({ address: round }), 0n, "the round holds nothing more");
  });

  it("licensee and steward: Iris's request is granted by Ana; Iris pays, renews and reports revenue, and Ana sees the report; Hana signs the charter and Ana grants her commons licence", async () => {
    const reg = { address: w.contracts.licenceRegistry, abi: licenceRegistryAbi } as const;
    const ws = await client.readContract({
      address: w.contracts.communityFactory,
      abi: communityFactoryAbi,
      functionName: "getCommunity",
      args: [1n],
    });
    const charterHash = keccak256(toBytes("seed cleaner makers' charter"));
    const period = 30 * 86_400;
    await tx("ana", reg.address, licenceRegistryAbi, "registerWork", [
      "Seed Cleaner Pro",
      "ipfs://seed-cleaner-pro-cad",
      keccak256(toBytes("seed cleaner pro v1")),
      ws.membrane,
      {
        uri: "ipfs://seed-cleaner-pro-terms",
        hash: keccak256(toBytes("seed cleaner pro terms")),
        membership: zeroAddress,
        charterHash,
        cooperativesFree: true,
        commercialAutoGrant: false,
        renewable: true,
        attributionRequired: true,
        derivatives: 1,
        feeToken: zeroAddress,
        feePerPeriod: parseEther("0.5"),
        revenueShareBps: 500,
        period: BigInt(period),
        answerWindow: BigInt(7 * 86_400),
      },
    ]);
    const [workId] = await client.readContract({ ...reg, functionName: "counts" });
    const licenceOf = (who: Person) =>
      client.readContract({ ...reg, functionName: "licenceOf", args: [workId, addr(who)] });
    const licence = async (who: Person) =>
      client.readContract({ ...reg, functionName: "licence", args: [await licenceOf(who)] });

    // Iris asks for a commercial licence; these terms leave the grant to the steward, so nothing is paid yet.
    const iris = await as("iris", "/works");
    const irisCard = iris.getByTestId(`work-${workId}`);
    assert.match((await irisCard.getByTestId("applies").textContent()) ?? "", /commercial \(0\.5 ETH\)/);
    await send(iris, irisCard.getByRole("button", { name: "Request licence", exact: true }));
    assert.equal((await licence("iris")).status, LICENCE.requested);
    await irisCard.getByTestId("my-licence").filter({ hasText: "waiting for the steward" }).waitFor();

    // Hana signs the charter (EIP-712), which makes her a commons user, and asks for a commons licence.
    const hana = await as("hana", "/works");
    const hanaCard = hana.getByTestId(`work-${workId}`);
    await send(hana, hanaCard.getByRole("button", { name: "Accept the charter by signature" }));
    assert.equal(
      await client.readContract({ ...reg, functionName: "charterAccepted", args: [addr("hana"), charterHash] }),
      true,
    );
    await hanaCard.getByTestId("applies").filter({ hasText: "commons (free)" }).waitFor();
    await send(hana, hanaCard.getByRole("button", { name: "Request licence", exact: true }));
    const requested = await licence("hana");
    assert.equal(requested.licenceClass, 1, "commons: the class that applies to her once she signed");
    assert.equal(requested.status, LICENCE.requested, "a signatory's first commons licence waits");

    // Ana, the steward, sees both requests at her desk and grants them.
    const ana = await as("ana", "/works");
    const desk = ana.getByTestId(`work-${workId}`).getByTestId("stewardship");
    for (const who of ["iris", "hana"] as const) {
      const id = await licenceOf(who);
      await send(ana, desk.getByRole("button", { name: `Grant licence ${id}` }));
    }
    const granted = await licence("iris");
    assert.equal(granted.status, LICENCE.active);
    assert.equal(granted.awaitingPayment, true);
    assert.equal(
      await client.readContract({ ...reg, functionName: "isLicensed", args: [workId, addr("iris")] }),
      false,
    );
    assert.equal(await client.readContract({ ...reg, functionName: "isLicensed", args: [workId, addr("hana")] }), true);

    // Iris pays the first fee, then renews for another period: each fee reaches the watershed's membrane.
    const membrane0 = await client.getBalance({ address: ws.membrane });
    await iris.reload();
    await irisCard.getByTestId("my-licence").filter({ hasText: "pay its first fee" }).waitFor();
    await send(iris, irisCard.getByRole("button", { name: "Pay the first fee (0.5 ETH)" }));
    const paid = await licence("iris");
    assert.equal(paid.awaitingPayment, false);
    assert.equal(BigInt(paid.expiresAt), (await now()) + BigInt(period));
    assert.equal(await client.readContract({ ...reg, functionName: "isLicensed", args: [workId, addr("iris")] }), true);
    await send(iris, irisCard.getByRole("button", { name: "Renew for 30 d (0.5 ETH)" }));
    assert.equal(BigInt((await licence("iris")).expiresAt), BigInt(paid.expiresAt) + BigInt(period));

    // She reports 12 ETH of revenue; the form shows the 5 % share before she sends it.
    await irisCard.getByLabel(`Revenue earned with work ${workId} (ETH)`).fill("12");
    await irisCard.getByLabel("Report (URI)").fill("ipfs://iris-q3-sales");
    await irisCard.getByTestId("revenue-share").filter({ hasText: "this report pays 0.6 ETH" }).waitFor();
    await send(iris, irisCard.getByRole("button", { name: "Report revenue" }));
    const reports = await client.getContractEvents({ ...reg, eventName: "RevenueReported", fromBlock: 0n });
    const last = reports[reports.length - 1].args;
    assert.deepEqual(
      [last.licenceId, last.revenue, last.share, last.reportURI, last.reportHash],
      [
        await licenceOf("iris"),
        parseEther("12"),
        parseEther("0.6"),
        "ipfs://iris-q3-sales",
        keccak256(toBytes("ipfs://iris-q3-sales")),
      ],
    );
    assert.equal((await client.getBalance({ address: ws.membrane })) - membrane0, parseEther("1.6"));

    // Ana sees the report at her desk.
    await ana.reload();
    const row = desk.getByTestId("revenue-report").first();
    await row.filter({ hasText: "ipfs://iris-q3-sales" }).waitFor();
    const text = (await row.textContent()) ?? "";
    assert.match(text, /12 ETH/);
    assert.match(text, /0\.6 ETH/);
    await desk
      .getByTestId(`licence-${await licenceOf("iris")}`)
      .filter({ hasText: "active, valid until" })
      .waitFor();
    await desk.scrollIntoViewIfNeeded();
    await shot(ana, "stewardship");
  });

  it("member: Eli redeems a steward's voucher and claims his epoch allocation, each from its file", async () => {
    const ws = await client.readContract({
      address: w.contracts.communityFactory,
      abi: communityFactoryAbi,
      functionName: "getCommunity",
      args: [1n],
    });
    const balance = () =>
      client.readContract({
        address: ws.token,
        abi: contributionTokenAbi,
        functionName: "balanceOf",
        args: [addr("eli")],
      });
    // Ana signs a voucher for 2 units of mapping with the command-line task, as a steward does.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-voucher-")), "voucher.json");
    const signed = await w.node.task([
      "contrib:voucher-sign",
      "--community",
      "Salmon River Watershed",
      "--contributor",
      addr("eli"),
      "--units",
      "2",
      "--kind",
      "mapping",
      "--out",
      file,
      "--from",
      String(PEOPLE.ana),
    ]);
    assert.equal(signed.code, 0, signed.stderr);
    const voucher = JSON.parse(fs.readFileSync(file, "utf8")) as { voucher: { id: string } };
    const before = await balance();
    const eli = await as("eli", "/c/1/contributions");
    await send(eli, () => eli.getByLabel("Load a signed file").setInputFiles(file));
    assert.equal(
      await client.readContract({
        address: ws.registry,
        abi: contributionRegistryAbi,
        functionName: "isVoucherRedeemed",
        args: [BigInt(voucher.voucher.id)],
      }),
      true,
    );
    assert.equal((await balance()) - before, parseEther("10"), "2 units of mapping at 5 tokens each");

    // The demo published epoch 1 (Ben 4, Eli 6 tokens) and wrote its tree file; Ben claimed, Eli has not.
    const tree = path.join(APP, "..", "examples", "demo", "epoch.json");
    const leaf = JSON.parse(fs.readFileSync(tree, "utf8")) as {
      epoch: string;
      claims: Record<string, { index: string }[]>;
    };
    const mine = leaf.claims[addr("eli")][0];
    const epochs = { address: ws.epochs, abi: epochAllocationsAbi } as const;
    const args = [BigInt(leaf.epoch), BigInt(mine.index)] as const;
    assert.equal(await client.readContract({ ...epochs, functionName: "isClaimed", args }), false);
    await send(eli, () => eli.getByLabel("Load a signed file").setInputFiles(tree));
    assert.equal(await client.readContract({ ...epochs, functionName: "isClaimed", args }), true);
    assert.equal((await balance()) - before, parseEther("16"));
    // Loading it again (on a fresh page) claims nothing twice, and says so.
    await eli.reload();
    await eli.getByTestId("my-contributions").waitFor();
    await eli.getByLabel("Load a signed file").setInputFiles(tree);
    await eli.getByText(`Your allocation ${mine.index} of epoch ${leaf.epoch} was already claimed.`).waitFor();
  });
});
