/**
 * The federation's proposal building blocks and its tasks run in-process: what each task prepares
 * decodes to the call governance will make, and bad requests are refused before anything is sent.
 */
import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre, { ethers } from "hardhat";

import {
  affiliateAction,
  decodeFractionalParams,
  fractionalParams,
  fractionalSplit,
  fundActions,
  leaveAction,
  parseDue,
  VOTE_FRACTIONAL,
  vouchAction,
  withdrawRecognitionAction,
  ZERO_ADDRESS,
} from "../../scripts/lib/federation";
import { recordNamed } from "../../scripts/lib/record";
import type { CommunityFactory, FederationRegistry } from "../../typechain-types";
import { buildProposal, communityAt, communityConfig, propose, toDeadline, toVoting, Vote } from "../helpers/dao";
import { passProposal } from "../helpers/federation";

const E = ethers.parseEther;

describe("scripts/lib/federation", function () {
  it("splits a community's weight in proportion to its members' tally, using all of it", function () {
    expect(fractionalSplit(E("40"), { against: E("40"), for: E("60"), abstain: 0n })).to.deep.equal({
      against: E("16"),
      for: E("24"),
      abstain: 0n,
    });
    // Rounding leftovers go to the largest share: 10 split 1:1:1 is 3/4/3 with "for" largest.
    expect(fractionalSplit(10n, { against: 1n, for: 1n, abstain: 1n })).to.deep.equal({
      against: 3n,
      for: 4n,
      abstain: 3n,
    });
    expect(fractionalSplit(10n, { against: 5n, for: 1n, abstain: 1n })).to.deep.equal({
      against: 8n,
      for: 1n,
      abstain: 1n,
    });
    expect(() => fractionalSplit(10n, { against: 0n, for: 0n, abstain: 0n })).to.throw("nobody voted");
  });

  it("encodes and decodes fractional params as three packed uint128", function () {
    const split = { against: 1n, for: 2n ** 127n, abstain: 3n };
    const params = fractionalParams(split);
    expect(ethers.dataLength(params)).to.equal(48);
    expect(decodeFractionalParams(params)).to.deep.equal(split);
    expect(() => decodeFractionalParams("0x1234")).to.throw("48 bytes");
  });

  it("builds native and ERC-20 funding actions", function () {
    const tranches = [{ amount: 5n, dueAt: 10n }];
    const [native] = fundActions(
      "0x" + "11".repeat(20),
      "0x" + "22".repeat(20),
      ZERO_ADDRESS,
      ZERO_ADDRESS,
      tranches,
      "",
    );
    expect(native.value).to.equal(5n);
    const erc20 = fundActions(
      "0x" + "11".repeat(20),
      "0x" + "22".repeat(20),
      ZERO_ADDRESS,
      "0x" + "33".repeat(20),
      tranches,
      "",
    );
    expect(erc20.map((a) => [a.target, a.value, a.data.slice(0, 10)])).to.deep.equal([
      ["0x" + "33".repeat(20), 0n, "0x095ea7b3"], // approve(address,uint256)
      ["0x" + "11".repeat(20), 0n, native.data.slice(0, 10)],
    ]);
  });

  it("reads due times as unix seconds, ISO dates or a delay from now", function () {
    expect(parseDue("1800000000", 5n, "due")).to.equal(1_800_000_000n);
    expect(parseDue(42, 5n, "due")).to.equal(42n);
    expect(parseDue("+2d", 100n, "due")).to.equal(100n + 2n * 86_400n);
    expect(parseDue("+3w", 0n, "due")).to.equal(3n * 604_800n);
    expect(parseDue("+0s", 7n, "due")).to.equal(7n);
    expect(parseDue("2027-01-01T00:00:00Z", 0n, "due")).to.equal(1_798_761_600n);
    expect(() => parseDue("soon", 0n, "tranches[0].due")).to.throw('tranches[0].due "soon" is not a time');
  });
});

describe("fed:* tasks in-process", function () {
  let log: typeof console.log;
  beforeEach(function () {
    log = console.log;
    console.log = () => undefined;
  });
  afterEach(function () {
    console.log = log;
  });

  async function deployTasksFixture() {
    const deployed = (await hre.run("suite:deploy", { json: true })) as {
      contracts: Record<string, { address: string }>;
    };
    const factory = (await ethers.getContractAt(
      "CommunityFactory",
      deployed.contracts.communityFactory.address,
    )) as unknown as CommunityFactory;
    const registry = (await ethers.getContractAt(
      "FederationRegistry",
      deployed.contracts.federationRegistry.address,
    )) as unknown as FederationRegistry;
    const [, alice, bob, dave] = await ethers.getSigners();
    const make = async (name: string, kind: "bioregion" | "guild", founders: string[], amounts: bigint[]) => {
      const base = communityConfig(kind, "simple");
      await factory.createCommunity({ ...base, identity: { ...base.identity, name } }, founders, amounts);
      const c = await communityAt(factory, await factory.communityCount());
      await recordNamed(hre, "community", name, {
        id: Number(c.id),
        kind,
        token: c.addresses.token,
        governor: c.addresses.governor,
        timelock: c.addresses.timelock,
        profile: c.addresses.profile,
      });
      return c;
    };
    const watershed = await make("Watershed", "bioregion", [alice.address, bob.address], [E("60"), E("40")]);
    // The Watershed's timelock is a founder of the guild (it contributed the land of its workshop).
    const guild = await make("Builders", "guild", [dave.address, watershed.addresses.timelock], [E("50"), E("40")]);
    await hre.run("fed:register", { json: true, community: "Watershed,Builders" });
    // The founding act names the Watershed; the Builders are let in by its vouch (see below).
    await hre.run("fed:found", { json: true, community: "Watershed" });
    return { registry, watershed, guild, alice, bob, dave };
  }

  it("founds once, by the founder; vouches and withdraws by proposal; creates a community list", async function () {
    const { registry, watershed, guild, alice } = await loadFixture(deployTasksFixture);
    expect(await registry.isFounding(watershed.addresses.timelock)).to.equal(true);
    await expect(hre.run("fed:found", { json: true, community: "Builders" })).to.be.rejectedWith("founded already");
    await expect(hre.run("fed:found", { json: true })).to.be.rejectedWith("give --community");
    await expect(hre.run("fed:vouch", { json: true, community: "Builders", for: "Watershed" })).to.be.rejectedWith(
      "is not recognised itself",
    );
    await expect(hre.run("fed:join", { json: true, community: "Builders", from: "1" })).to.be.rejectedWith(
      "not recognised by the federation",
    );
    const vouch = (await hre.run("fed:vouch", { json: true, community: "Watershed", for: "Builders" })) as {
      actions: { target: string; data: string }[];
      submitted: boolean;
    };
    expect(vouch.submitted).to.equal(false);
    const registryAddr = await registry.getAddress();
    expect(vouch.actions).to.deep.equal([
      { target: registryAddr, value: "0", data: vouchAction(registryAddr, guild.addresses.timelock).data },
    ]);
    await passProposal(watershed, [vouchAction(registryAddr, guild.addresses.timelock)], "Vouch", [[alice, Vote.For]]);
    expect(await registry.voucherOf(guild.addresses.timelock)).to.equal(watershed.addresses.timelock);
    await expect(hre.run("fed:vouch", { json: true, community: "Watershed", for: "Builders" })).to.be.rejectedWith(
      "recognised already",
    );
    const withdraw = (await hre.run("fed:withdraw-recognition", {
      json: true,
      community: "Watershed",
      of: "Builders",
    })) as { actions: { data: string }[] };
    expect(withdraw.actions[0].data).to.equal(withdrawRecognitionAction(registryAddr, guild.addresses.timelock).data);
    await expect(
      hre.run("fed:withdraw-recognition", { json: true, community: "Builders", of: "Watershed" }),
    ).to.be.rejectedWith("did not vouch for");
    const list = (await hre.run("fed:community-list", { json: true, communities: "Watershed,Builders" })) as {
      list: string;
    };
    const created = await ethers.getContractAt("FederatedCommunityList", list.list);
    expect(await created.communities()).to.deep.equal([watershed.addresses.timelock, guild.addresses.timelock]);
    await expect(hre.run("fed:community-list", { json: true })).to.be.rejectedWith("give --communities");
  });

  it("registers once, then says a community is already registered", async function () {
    const { watershed } = await loadFixture(deployTasksFixture);
    const again = (await hre.run("fed:register", { json: true, community: "Watershed" })) as {
      registered: { community: string; new: boolean }[];
    };
    expect(again.registered).to.deep.equal([{ id: "1", community: watershed.addresses.timelock, new: false }]);
    await expect(hre.run("fed:register", { json: true })).to.be.rejectedWith("give --community");
  });

  it("prepares an affiliation proposal, and refuses two bioregions or an unregistered community", async function () {
    const { registry, watershed, guild } = await loadFixture(deployTasksFixture);
    const r = (await hre.run("fed:affiliate", { json: true, community: "Watershed", with: "Builders" })) as {
      step: string;
      submitted: boolean;
      actions: { target: string; data: string }[];
      proposalId: string;
    };
    expect([r.step, r.submitted]).to.deep.equal(["propose", false]);
    expect(r.actions[0].target).to.equal(await registry.getAddress());
    expect(registry.interface.decodeFunctionData("affiliate", r.actions[0].data)[0]).to.equal(guild.addresses.timelock);
    await expect(
      hre.run("fed:affiliate", { json: true, community: "Watershed", with: watershed.addresses.timelock }),
    ).to.be.rejectedWith("both bioregions");
    await expect(
      hre.run("fed:affiliate", { json: true, community: "Watershed", with: ethers.Wallet.createRandom().address }),
    ).to.be.rejectedWith("is not registered in the federation");
    await expect(hre.run("fed:leave", { json: true, community: "Watershed", with: "Builders" })).to.be.rejectedWith(
      "not affiliated and nothing is proposed",
    );
    await expect(
      hre.run("fed:fund", { json: true, community: "Builders", to: "Watershed", tranches: "1@+1d" }),
    ).to.be.rejectedWith("are not affiliated");
  });

  it("prepares a fractional vote in the guild from the bioregion's poll", async function () {
    const { watershed, guild, alice, bob, dave } = await loadFixture(deployTasksFixture);
    const target = await buildProposal(guild.governor, [{ target: dave.address, value: 0n }], "Share the kiln");
    await propose(guild.governor, dave, target);
    await expect(
      hre.run("fed:co-vote", {
        json: true,
        community: "Watershed",
        in: "Builders",
        proposal: target.id.toString(),
        support: "for",
      }),
    ).to.be.rejectedWith("wait until then");
    await toVoting(guild.governor, target.id);

    const poll = await buildProposal(watershed.governor, [{ target: alice.address }], `Poll on ${target.id}`);
    await propose(watershed.governor, alice, poll);
    const args = {
      json: true,
      community: "Watershed",
      in: "Builders",
      proposal: target.id.toString(),
      poll: poll.id.toString(),
    };
    await expect(hre.run("fed:co-vote", args)).to.be.rejectedWith("still open");
    await toVoting(watershed.governor, poll.id);
    await watershed.governor.connect(alice).castVote(poll.id, Vote.For);
    await watershed.governor.connect(bob).castVote(poll.id, Vote.Against);
    await toDeadline(watershed.governor, poll.id);

    const r = (await hre.run("fed:co-vote", args)) as {
      weight: string;
      split: Record<string, string>;
      actions: { target: string; data: string }[];
    };
    expect(r.weight).to.equal(E("40").toString());
    expect(r.split).to.deep.equal({ against: E("16").toString(), for: E("24").toString(), abstain: "0" });
    const call = guild.governor.interface.decodeFunctionData("castVoteWithReasonAndParams", r.actions[0].data);
    expect(r.actions[0].target).to.equal(await guild.governor.getAddress());
    expect([call[0], call[1]]).to.deep.equal([target.id, BigInt(VOTE_FRACTIONAL)]);
    expect(decodeFractionalParams(call[3])).to.deep.equal({ against: E("16"), for: E("24"), abstain: 0n });

    const whole = (await hre.run("fed:co-vote", { ...args, poll: undefined, support: "abstain" })) as {
      split: Record<string, string>;
    };
    expect(whole.split).to.deep.equal({ against: "0", for: "0", abstain: E("40").toString() });
    await expect(hre.run("fed:co-vote", { ...args, proposal: "123" })).to.be.rejectedWith("has no proposal 123");
    await expect(hre.run("fed:co-vote", { ...args, community: "Builders", in: "Watershed" })).to.be.rejectedWith(
      `has no proposal ${target.id}`,
    );
  });

  it("lists a community's affiliations and grants, funds from a file, claims, reclaims and answers membership", async function () {
    const { registry, watershed, guild, alice, dave } = await loadFixture(deployTasksFixture);
    const registryAddr = await registry.getAddress();
    await passProposal(watershed, [affiliateAction(registryAddr, guild.addresses.timelock)], "Join", [
      [alice, Vote.For],
    ]);
    await passProposal(guild, [affiliateAction(registryAddr, watershed.addresses.timelock)], "Welcome", [
      [dave, Vote.For],
    ]);
    await expect(hre.run("fed:affiliate", { json: true, community: "Builders", with: "Watershed" })).to.be.rejectedWith(
      "already affiliated",
    );

    // A grant prepared from a file, then passed by the guild.
    await dave.sendTransaction({ to: guild.addresses.timelock, value: E("3") });
    const file = path.join(os.tmpdir(), `fed-grant-${process.pid}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        purpose: "ipfs://kiln",
        tranches: [
          { amount: "2", due: "+100w" },
          { amount: "1", due: "+0s" },
        ],
      }),
    );
    const prepared = (await hre.run("fed:fund", { json: true, community: "Builders", to: "Watershed", file })) as {
      total: string;
      tranches: { amount: string }[];
      actions: { target: string; value: string; data: string }[];
      description: string;
    };
    fs.rmSync(file);
    expect(prepared.total).to.equal(E("3").toString());
    expect(prepared.tranches.map((t) => t.amount)).to.deep.equal([E("1").toString(), E("2").toString()]);
    await passProposal(
      guild,
      prepared.actions.map((a) => ({ target: a.target, value: BigInt(a.value), data: a.data })),
      prepared.description,
      [[dave, Vote.For]],
    );

    const listed = (await hre.run("fed:list", { json: true, community: "Watershed" })) as {
      affiliations: { with: string; status: string }[];
      grants: { grantId: string; claimable: string }[];
    };
    expect(listed.affiliations.map((a) => [a.with, a.status])).to.deep.equal([["Builders", "active"]]);
    expect(listed.grants.map((g) => [g.grantId, g.claimable])).to.deep.equal([["1", E("1").toString()]]);
    const all = (await hre.run("fed:list", { json: true })) as {
      communities: { name: string; affiliations: number }[];
    };
    expect(all.communities.map((c) => [c.name, c.affiliations])).to.deep.equal([
      ["Watershed", 1],
      ["Builders", 1],
    ]);

    const claimed = (await hre.run("fed:claim", { json: true, community: "Watershed" })) as {
      claimed: { amount: string }[];
    };
    expect(claimed.claimed.map((c) => c.amount)).to.deep.equal([E("1").toString()]);
    expect(
      ((await hre.run("fed:claim", { json: true, community: "Watershed" })) as { claimed: [] }).claimed,
    ).to.deep.equal([]);
    await expect(hre.run("fed:claim", { json: true })).to.be.rejectedWith("give --grant");

    await passProposal(watershed, [leaveAction(registryAddr, guild.addresses.timelock)], "Leave", [[alice, Vote.For]]);
    const reclaimed = (await hre.run("fed:reclaim", { json: true, community: "Watershed" })) as {
      reclaimed: { amount: string; funder: string }[];
    };
    expect(reclaimed.reclaimed).to.deep.equal([
      { grant: "1", amount: E("2").toString(), funder: guild.addresses.timelock },
    ]);

    // Founders are members; the federation's view lists and answers.
    const joined = (await hre.run("fed:join", { json: true, community: "Watershed", from: alice.address })) as {
      account: string;
    };
    expect(joined.account).to.equal(alice.address);
    const member = (await hre.run("fed:member", { json: true, account: alice.address })) as {
      isMember: boolean;
      communities: { name: string }[];
    };
    expect([member.isMember, member.communities.map((c) => c.name)]).to.deep.equal([true, ["Watershed"]]);
    const stranger = (await hre.run("fed:member", { json: true, account: dave.address })) as { isMember: boolean };
    expect(stranger.isMember).to.equal(false);
  });
});
