/**
 * The cosmo-local story, end to end through real governance: two bioregions and a guild are born
 * from the factory; both bioregions join the guild by proposals on both sides; the guild funds one
 * bioregion in tranches; that bioregion earns guild contribution tokens and votes in the guild,
 * splitting its weight as its own members voted; then it leaves, and the next tranche is refused
 * while earlier ones remain claimable.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { ethers, ignition } from "hardhat";

import FederationModule from "../../deploy/modules/Federation";
import {
  affiliateAction,
  vouchAction,
  fractionalSplit,
  fractionalVoteAction,
  fundActions,
  leaveAction,
  ZERO_ADDRESS,
} from "../../scripts/lib/federation";
import type {
  CommunityFactory,
  EpochAllocations,
  FederatedMembership,
  FederationFunding,
  FederationRegistry,
} from "../../typechain-types";
import {
  buildProposal,
  communityAt,
  communityConfig,
  propose,
  State,
  toDeadline,
  toVoting,
  Vote,
} from "../helpers/dao";
import { Status, passProposal, type StoryCommunity } from "../helpers/federation";

const E = ethers.parseEther;
const DAY = 86_400;

describe("story: bioregions and a guild join, fund and co-own each other", function () {
  async function deployStoryFixture() {
    const deployed = await ignition.deploy(FederationModule);
    const registry = deployed.federationRegistry as unknown as FederationRegistry;
    const funding = deployed.federationFunding as unknown as FederationFunding;
    const federated = deployed.federatedMembership as unknown as FederatedMembership;
    const factory = (await ethers.getContractAt(
      "CommunityFactory",
      await registry.factory(),
    )) as unknown as CommunityFactory;
    const [, alice, bob, carol, dave, erin, project, donor] = await ethers.getSigners();

    const create = async (
      name: string,
      kind: "bioregion" | "guild",
      founders: string[],
      amounts: bigint[],
      votingPeriod: number,
    ): Promise<StoryCommunity> => {
      const base = communityConfig(kind, "simple");
      const config = {
        ...base,
        identity: { ...base.identity, name },
        governor: { ...base.governor, votingPeriod },
      };
      await factory.createCommunity(config, founders, amounts);
      const c = await communityAt(factory, await factory.communityCount());
      return {
        name,
        id: c.id,
        governor: c.governor,
        timelock: c.timelock,
        token: c.token,
        epochs: (await ethers.getContractAt("EpochAllocations", c.addresses.epochs)) as unknown as EpochAllocations,
        address: c.addresses.timelock,
      };
    };
    // Bioregions decide within hours; the guild, spread over many places, votes over a week.
    const watershed = await create("Watershed", "bioregion", [alice.address, bob.address], [E("60"), E("40")], 3600);
    const highlands = await create("Highlands", "bioregion", [carol.address], [E("50")], 3600);
    const builders = await create("Builders Guild", "guild", [dave.address, erin.address], [E("50"), E("30")], 7 * DAY);
    for (const c of [watershed, highlands, builders]) await registry.register(c.id);
    // The founding act (by the account the deployment named founder) names the first two.
    const [founder] = await ethers.getSigners();
    await registry.connect(founder).found([watershed.address, builders.address]);
    // A donor fills the guild's treasury.
    await donor.sendTransaction({ to: builders.address, value: E("20") });
    return {
      registry,
      funding,
      federated,
      factory,
      watershed,
      highlands,
      builders,
      alice,
      bob,
      carol,
      dave,
      erin,
      project,
    };
  }

  it("tells the whole story", async function () {
    const { registry, funding, federated, watershed, highlands, builders, alice, bob, carol, dave, erin, project } =
      await loadFixture(deployStoryFixture);
    const registryAddr = await registry.getAddress();
    const fundingAddr = await funding.getAddress();

    // 0. The founding act recognised the Watershed and the Builders; the Highlands is let in when
    //    the Watershed's governance vouches for it. Members list their communities themselves.
    expect(await registry.isRecognised(highlands.address)).to.equal(false);
    await passProposal(watershed, [vouchAction(registryAddr, highlands.address)], "Vouch for the Highlands", [
      [alice, Vote.For],
      [bob, Vote.For],
    ]);
    expect(await registry.recognition(highlands.address)).to.deep.equal([true, 1n]);
    expect(await registry.voucherOf(highlands.address)).to.equal(watershed.address);
    await federated.connect(alice).join(watershed.address);
    await federated.connect(dave).join(builders.address);
    await federated.connect(carol).join(highlands.address);
    expect(await federated.isMember(alice.address)).to.equal(true);
    expect(await federated.isMember(carol.address)).to.equal(true);
    expect(await federated.memberCommunitiesOf(dave.address)).to.deep.equal([builders.address]);
    expect(await federated.isMember(project.address)).to.equal(false);

    // 1. Both bioregions propose to join the guild, each by its own governance.
    await passProposal(watershed, [affiliateAction(registryAddr, builders.address)], "Join the Builders Guild", [
      [alice, Vote.For],
      [bob, Vote.For],
    ]);
    await passProposal(highlands, [affiliateAction(registryAddr, builders.address)], "Join the Builders Guild", [
      [carol, Vote.For],
    ]);
    // Without the guild's approval they are not affiliated, and cannot be funded.
    expect(await registry.isAffiliated(watershed.address, builders.address)).to.equal(false);
    expect((await registry.getAffiliation(watershed.address, builders.address)).status).to.equal(
      Status.ProposedByBioregion,
    );

    // 2. The guild accepts both, and recognises the timber yard the Watershed lends it the way it
    // recognises its people's work: an epoch allocation (a Merkle root of who earned what), which
    // anyone may then claim on the Watershed's behalf.
    const allocation = StandardMerkleTree.of(
      [
        ["0", watershed.address, E("40").toString()],
        ["1", erin.address, E("5").toString()],
      ],
      ["uint256", "address", "uint256"],
    );
    await passProposal(
      builders,
      [
        affiliateAction(registryAddr, watershed.address),
        affiliateAction(registryAddr, highlands.address),
        {
          target: await builders.epochs.getAddress(),
          data: builders.epochs.interface.encodeFunctionData("publishEpoch", [allocation.root, "ipfs://epoch-1", 0]),
        },
      ],
      "Welcome Watershed and Highlands; epoch 1 allocations (Watershed: the timber yard it lends us)",
      [
        [dave, Vote.For],
        [erin, Vote.For],
      ],
    );
    await builders.epochs
      .connect(carol)
      .claim(0, 0, watershed.address, E("40"), allocation.getProof(["0", watershed.address, E("40").toString()]));
    expect(await registry.isAffiliated(watershed.address, builders.address)).to.equal(true);
    expect(await registry.isAffiliated(highlands.address, builders.address)).to.equal(true);
    const [guildLinks] = await registry.affiliationsOf(builders.address);
    expect([...guildLinks]).to.have.members([watershed.address, highlands.address]);
    expect(await builders.token.balanceOf(watershed.address)).to.equal(E("40"));

    // 3. The guild funds a project in the Watershed in three tranches, escrowed up front.
    const start = BigInt(await time.latest()) + BigInt(8 * DAY); // after the guild's vote and delay
    const tranches = [
      { amount: E("2"), dueAt: start + BigInt(DAY) },
      { amount: E("3"), dueAt: start + BigInt(30 * DAY) },
      { amount: E("5"), dueAt: start + BigInt(90 * DAY) },
    ];
    await passProposal(
      builders,
      fundActions(fundingAddr, watershed.address, project.address, ZERO_ADDRESS, tranches, "ipfs://cob-school"),
      "Fund the Watershed's cob building school",
      [[dave, Vote.For]],
    );
    const [grantId] = (await funding.queryFilter(funding.filters.GrantFunded(undefined, builders.address))).map(
      (e) => e.args.grantId,
    );
    expect(await funding.owed(ZERO_ADDRESS)).to.equal(E("10"));
    await expect(funding.claim(grantId))
      .to.be.revertedWithCustomError(funding, "FederationFundingNothingDue")
      .withArgs(grantId, tranches[0].dueAt);
    await time.increaseTo(tranches[0].dueAt);
    await expect(funding.connect(project).claim(grantId)).to.changeEtherBalance(project, E("2"));

    // 4. The guild votes on a new proposal; the Watershed votes in it with its guild tokens,
    // split the way its own members voted in a poll.
    const guildProposal = await buildProposal(
      builders.governor,
      [{ target: project.address, value: E("1"), data: "0x" }],
      "Buy a lime kiln for the guild's workshop",
    );
    await propose(builders.governor, dave, guildProposal);
    await toVoting(builders.governor, guildProposal.id);

    // The poll's action is a harmless read: only its tally matters, it is never executed.
    const poll = await buildProposal(
      watershed.governor,
      [
        {
          target: await builders.governor.getAddress(),
          data: builders.governor.interface.encodeFunctionData("COUNTING_MODE"),
        },
      ],
      `Poll: how should the Watershed vote on guild proposal ${guildProposal.id}?`,
    );
    await propose(watershed.governor, alice, poll);
    await toVoting(watershed.governor, poll.id);
    await watershed.governor.connect(alice).castVote(poll.id, Vote.For);
    await watershed.governor.connect(bob).castVote(poll.id, Vote.Against);
    await toDeadline(watershed.governor, poll.id);
    const [pollAgainst, pollFor, pollAbstain] = await watershed.governor.proposalVotes(poll.id);
    const weight = await builders.governor.getVotes(
      watershed.address,
      await builders.governor.proposalSnapshot(guildProposal.id),
    );
    expect(weight).to.equal(E("40"));
    const split = fractionalSplit(weight, { against: pollAgainst, for: pollFor, abstain: pollAbstain });
    expect(split).to.deep.equal({ against: E("16"), for: E("24"), abstain: 0n });
    await passProposal(
      watershed,
      [
        fractionalVoteAction(
          await builders.governor.getAddress(),
          guildProposal.id,
          split,
          "As our members voted: 60/40",
        ),
      ],
      `Cast our guild vote on ${guildProposal.id} as our poll said`,
      [
        [alice, Vote.For],
        [bob, Vote.For],
      ],
    );
    expect(await builders.governor.hasVoted(guildProposal.id, watershed.address)).to.equal(true);
    expect(await builders.governor.usedVotes(guildProposal.id, watershed.address)).to.equal(E("40"));
    await builders.governor.connect(erin).castVote(guildProposal.id, Vote.Against);
    const [against, forVotes] = await builders.governor.proposalVotes(guildProposal.id);
    expect([against, forVotes]).to.deep.equal([E("16") + E("30"), E("24")]);
    expect(await builders.governor.state(guildProposal.id)).to.equal(State.Active);

    // 5. The Watershed leaves the guild, after the second tranche fell due.
    await time.increaseTo(tranches[1].dueAt + 10n);
    await passProposal(watershed, [leaveAction(registryAddr, builders.address)], "Leave the Builders Guild", [
      [alice, Vote.For],
    ]);
    const end = await registry.affiliationEnd(watershed.address, builders.address, 1);
    expect(end).to.equal(await time.latest());
    expect(await registry.isAffiliated(watershed.address, builders.address)).to.equal(false);
    expect(await registry.isAffiliated(highlands.address, builders.address)).to.equal(true);

    // The second tranche fell due before the end: still claimable. The third is refused...
    await time.increaseTo(tranches[2].dueAt + 1n);
    await expect(funding.claim(grantId)).to.changeEtherBalance(project, E("3"));
    await expect(funding.claim(grantId))
      .to.be.revertedWithCustomError(funding, "FederationFundingAffiliationEnded")
      .withArgs(grantId, 2, tranches[2].dueAt, end);
    // ... and goes back to the guild's treasury.
    await expect(funding.reclaim(grantId)).to.changeEtherBalance(builders.timelock, E("5"));
    expect(await funding.owed(ZERO_ADDRESS)).to.equal(0);
    // The Watershed keeps the guild tokens it earned.
    expect(await builders.token.balanceOf(watershed.address)).to.equal(E("40"));
  });
});
