import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { deployMembersFixture, factoryRecord, Kind } from "../helpers/federation";

describe("FederatedMembership", function () {
  describe("join", function () {
    it("lists a community the account belongs to, by anyone, and answers isMember and of which", async function () {
      const { federated, registry, bio1, guild1, alice, outsider } = await loadFixture(deployMembersFixture);
      expect(await federated.isMember(alice.address)).to.equal(false);
      await expect(federated.connect(outsider).join(alice.address, bio1.gov.address))
        .to.emit(federated, "FederatedMembershipListed")
        .withArgs(alice.address, bio1.gov.address, await bio1.membership.getAddress(), outsider.address);
      await federated.connect(alice).join(alice.address, guild1.gov.address);
      expect(await federated.isMember(alice.address)).to.equal(true);
      expect(await federated.listedCommunitiesOf(alice.address)).to.deep.equal([bio1.gov.address, guild1.gov.address]);
      expect(await federated.memberCommunitiesOf(alice.address)).to.deep.equal([bio1.gov.address, guild1.gov.address]);
      expect(await federated.isMemberOf(alice.address, guild1.gov.address)).to.equal(true);
      expect(await federated.registry()).to.equal(await registry.getAddress());
      expect(await federated.MAX_COMMUNITIES()).to.equal(4);
    });

    it("refuses a non-member, a community outside the federation, a double listing and a fifth community", async function () {
      const { federated, registry, factory, bio1, bio2, guild1, guild2, unregistered, alice, outsider } =
        await loadFixture(deployMembersFixture);
      await expect(federated.join(alice.address, bio2.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotMember")
        .withArgs(alice.address, bio2.gov.address);
      await expect(federated.join(alice.address, unregistered.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotRecognised")
        .withArgs(unregistered.gov.address);
      // A community without a membership list has no members to list.
      await factory.setCommunity(8, factoryRecord("guild", "Listless", outsider.address, ethers.ZeroAddress));
      await registry.register(8);
      await expect(federated.join(alice.address, outsider.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotMember")
        .withArgs(alice.address, outsider.address);
      expect(await federated.isMemberOf(alice.address, outsider.address)).to.equal(false);

      await federated.join(alice.address, bio1.gov.address);
      await expect(federated.join(alice.address, bio1.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipAlreadyListed")
        .withArgs(alice.address, bio1.gov.address);

      for (const c of [bio2, guild2, unregistered]) await c.membership.setMember(alice.address, true);
      await registry.register(unregistered.id);
      await federated.join(alice.address, guild1.gov.address);
      await federated.join(alice.address, bio2.gov.address);
      await federated.join(alice.address, guild2.gov.address);
      await expect(federated.join(alice.address, unregistered.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipTooManyCommunities")
        .withArgs(alice.address, 4);
      expect((await federated.listedCommunitiesOf(alice.address)).length).to.equal(4);
    });

    it("counts a self-registered community only while it is recognised", async function () {
      const { federated, registry, guild1, alice } = await loadFixture(deployMembersFixture);
      const [, , , , , , , , , selfGov] = await ethers.getSigners();
      const membership = await ethers.deployContract("MockMembership");
      await membership.setMember(alice.address, true);
      const a = ethers.Wallet.createRandom().address;
      await registry
        .connect(selfGov)
        .registerSelf(Kind.Bioregion, a, a, await membership.getAddress(), ethers.ZeroAddress, "Fjord", "");
      await expect(federated.join(alice.address, selfGov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotRecognised")
        .withArgs(selfGov.address);
      await registry.connect(selfGov).affiliate(guild1.gov.address);
      await registry.connect(guild1.gov).affiliate(selfGov.address);
      await federated.join(alice.address, selfGov.address);
      expect(await federated.memberCommunitiesOf(alice.address)).to.deep.equal([selfGov.address]);
      expect(await federated.isMemberOf(alice.address, selfGov.address)).to.equal(true);

      await registry.connect(guild1.gov).leave(selfGov.address);
      expect(await federated.isMember(alice.address)).to.equal(false);
      expect(await federated.memberCommunitiesOf(alice.address)).to.deep.equal([]);
      expect(await federated.isMemberOf(alice.address, selfGov.address)).to.equal(false);
    });
  });

  describe("live checks", function () {
    it("stops counting a community the account was removed from, before anyone prunes", async function () {
      const { federated, bio1, guild1, alice } = await loadFixture(deployMembersFixture);
      await federated.join(alice.address, bio1.gov.address);
      await federated.join(alice.address, guild1.gov.address);
      await bio1.membership.setMember(alice.address, false);
      expect(await federated.isMember(alice.address)).to.equal(true);
      expect(await federated.memberCommunitiesOf(alice.address)).to.deep.equal([guild1.gov.address]);
      await guild1.membership.setMember(alice.address, false);
      expect(await federated.isMember(alice.address)).to.equal(false);
      expect(await federated.listedCommunitiesOf(alice.address)).to.have.length(2);
    });
  });

  describe("leave and prune", function () {
    it("lets the account unlist a community it still belongs to", async function () {
      const { federated, bio1, guild1, alice } = await loadFixture(deployMembersFixture);
      await federated.join(alice.address, bio1.gov.address);
      await federated.join(alice.address, guild1.gov.address);
      await expect(federated.connect(alice).leave(bio1.gov.address))
        .to.emit(federated, "FederatedMembershipUnlisted")
        .withArgs(alice.address, bio1.gov.address, alice.address);
      expect(await federated.listedCommunitiesOf(alice.address)).to.deep.equal([guild1.gov.address]);
      await expect(federated.connect(alice).leave(bio1.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotListed")
        .withArgs(alice.address, bio1.gov.address);
    });

    it("lets anyone prune a listing that no longer holds, and nothing else", async function () {
      const { federated, bio1, bio2, bob, outsider } = await loadFixture(deployMembersFixture);
      await federated.join(bob.address, bio2.gov.address);
      await expect(federated.connect(outsider).prune(bob.address, bio2.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipStillValid")
        .withArgs(bob.address, bio2.gov.address);
      await expect(federated.connect(outsider).prune(bob.address, bio1.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotListed")
        .withArgs(bob.address, bio1.gov.address);
      await bio2.membership.setMember(bob.address, false);
      await expect(federated.connect(outsider).prune(bob.address, bio2.gov.address))
        .to.emit(federated, "FederatedMembershipUnlisted")
        .withArgs(bob.address, bio2.gov.address, outsider.address);
      expect(await federated.listedCommunitiesOf(bob.address)).to.deep.equal([]);
    });

    it("prints the gas of isMember with the most communities listed", async function () {
      const { federated, bio1, bio2, guild1, guild2, alice } = await loadFixture(deployMembersFixture);
      for (const c of [bio1, bio2, guild1, guild2]) await c.membership.setMember(alice.address, true);
      for (const c of [bio1, bio2, guild1, guild2]) await federated.join(alice.address, c.gov.address);
      // Worst case: only the last listed community still holds.
      for (const c of [bio1, bio2, guild1]) await c.membership.setMember(alice.address, false);
      // Gas of the call itself, without the 21,000 of a transaction.
      const gas = (await federated.isMember.estimateGas(alice.address)) - 21_000n;
      console.log(
        `      gas: isMember over ${await federated.MAX_COMMUNITIES()} listed communities (worst case) ${gas}`,
      );
      expect(await federated.isMember(alice.address)).to.equal(true);
      expect(gas).to.be.lessThan(70_000n);
    });
  });
});
