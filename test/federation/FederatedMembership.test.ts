import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import hre, { ethers } from "hardhat";

import { deployMembersFixture, factoryRecord, registerOutsider, signJoin } from "../helpers/federation";

/** A fixture with a hostile membership (honest until told otherwise) registered and recognised as community 21. */
async function deployHostileFixture() {
  const f = await deployMembersFixture();
  const hostile = await ethers.deployContract("MockHostileMembership");
  await hostile.setMember(f.alice.address, true);
  const gov = (await ethers.getSigners())[16];
  await f.factory.setCommunity(21, factoryRecord("guild", "Hostile", gov.address, await hostile.getAddress()));
  await f.registry.register(21);
  await f.registry.connect(f.bio1.gov).vouch(gov.address);
  return { ...f, hostile, hostileGov: gov };
}

describe("FederatedMembership", function () {
  describe("join", function () {
    it("lists a community the caller belongs to, and answers isMember and of which", async function () {
      const { federated, registry, bio1, guild1, alice } = await loadFixture(deployMembersFixture);
      expect(await federated.isMember(alice.address)).to.equal(false);
      await expect(federated.connect(alice).join(bio1.gov.address))
        .to.emit(federated, "FederatedMembershipListed")
        .withArgs(alice.address, bio1.gov.address, await bio1.membership.getAddress(), alice.address);
      await federated.connect(alice).join(guild1.gov.address);
      expect(await federated.isMember(alice.address)).to.equal(true);
      expect(await federated.listedCommunitiesOf(alice.address)).to.deep.equal([bio1.gov.address, guild1.gov.address]);
      expect(await federated.memberCommunitiesOf(alice.address)).to.deep.equal([bio1.gov.address, guild1.gov.address]);
      expect(await federated.isMemberOf(alice.address, guild1.gov.address)).to.equal(true);
      expect(await federated.registry()).to.equal(await registry.getAddress());
      expect(await federated.MAX_COMMUNITIES()).to.equal(4);
      expect(await federated.MEMBERSHIP_GAS()).to.equal(30_000);
    });

    it("refuses a non-member, a community outside the federation, a double listing and a fifth community", async function () {
      const { federated, registry, factory, bio1, bio2, guild1, guild2, unregistered, alice, outsider } =
        await loadFixture(deployMembersFixture);
      await expect(federated.connect(alice).join(bio2.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotMember")
        .withArgs(alice.address, bio2.gov.address);
      await expect(federated.connect(alice).join(unregistered.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotRecognised")
        .withArgs(unregistered.gov.address);
      // A community without a membership list has no members to list.
      await factory.setCommunity(8, factoryRecord("guild", "Listless", outsider.address, ethers.ZeroAddress));
      await registry.register(8);
      await registry.connect(bio1.gov).vouch(outsider.address);
      await expect(federated.connect(alice).join(outsider.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotMember")
        .withArgs(alice.address, outsider.address);
      expect(await federated.isMemberOf(alice.address, outsider.address)).to.equal(false);

      await federated.connect(alice).join(bio1.gov.address);
      await expect(federated.connect(alice).join(bio1.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipAlreadyListed")
        .withArgs(alice.address, bio1.gov.address);

      for (const c of [bio2, guild2, unregistered]) await c.membership.setMember(alice.address, true);
      await registry.register(unregistered.id);
      await registry.connect(guild1.gov).vouch(unregistered.gov.address);
      await federated.connect(alice).join(guild1.gov.address);
      await federated.connect(alice).join(bio2.gov.address);
      await federated.connect(alice).join(guild2.gov.address);
      await expect(federated.connect(alice).join(unregistered.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipTooManyCommunities")
        .withArgs(alice.address, 4);
      expect((await federated.listedCommunitiesOf(alice.address)).length).to.equal(4);
    });

    it("counts a self-registered community only while a recognised community vouches for it", async function () {
      const { federated, registry, guild1, alice } = await loadFixture(deployMembersFixture);
      const selfGov = (await ethers.getSigners())[9];
      const membership = await ethers.deployContract("MockMembership");
      await membership.setMember(alice.address, true);
      await registerOutsider(registry, selfGov, "bioregion", "Fjord", await membership.getAddress());
      await expect(federated.connect(alice).join(selfGov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotRecognised")
        .withArgs(selfGov.address);
      // Affiliation is not recognition.
      await registry.connect(selfGov).affiliate(guild1.gov.address);
      await registry.connect(guild1.gov).affiliate(selfGov.address);
      expect(await federated.isMemberOf(alice.address, selfGov.address)).to.equal(false);
      await registry.connect(guild1.gov).vouch(selfGov.address);
      await federated.connect(alice).join(selfGov.address);
      expect(await federated.memberCommunitiesOf(alice.address)).to.deep.equal([selfGov.address]);
      expect(await federated.isMemberOf(alice.address, selfGov.address)).to.equal(true);

      await registry.connect(guild1.gov).withdrawRecognition(selfGov.address);
      expect(await federated.isMember(alice.address)).to.equal(false);
      expect(await federated.memberCommunitiesOf(alice.address)).to.deep.equal([]);
      expect(await federated.isMemberOf(alice.address, selfGov.address)).to.equal(false);
    });
  });

  describe("joinWithSignature", function () {
    it("lists for the signer, sent by anyone, once per nonce", async function () {
      const { federated, bio1, alice, outsider } = await loadFixture(deployMembersFixture);
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signJoin(federated, alice, alice.address, bio1.gov.address, deadline);
      await expect(federated.connect(outsider).joinWithSignature(alice.address, bio1.gov.address, deadline, sig))
        .to.emit(federated, "FederatedMembershipListed")
        .withArgs(alice.address, bio1.gov.address, await bio1.membership.getAddress(), outsider.address);
      expect(await federated.nonces(alice.address)).to.equal(1);
      expect(await federated.isMember(alice.address)).to.equal(true);
      await federated.connect(alice).leave(bio1.gov.address);
      await expect(federated.connect(outsider).joinWithSignature(alice.address, bio1.gov.address, deadline, sig))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipInvalidSignature")
        .withArgs(alice.address);
    });

    it("accepts an EIP-1271 wallet's signature", async function () {
      const { federated, bio1, alice, bob } = await loadFixture(deployMembersFixture);
      const wallet = await ethers.deployContract("ERC1271WalletMock", [bob.address]);
      const account = await wallet.getAddress();
      await bio1.membership.setMember(account, true);
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signJoin(federated, bob, account, bio1.gov.address, deadline);
      await federated.connect(alice).joinWithSignature(account, bio1.gov.address, deadline, sig);
      expect(await federated.memberCommunitiesOf(account)).to.deep.equal([bio1.gov.address]);
    });

    it("refuses an expired signature, another account's signature, and a listing the signature did not name", async function () {
      const { federated, bio1, guild1, alice, bob, outsider } = await loadFixture(deployMembersFixture);
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signJoin(federated, alice, alice.address, bio1.gov.address, deadline);
      await expect(federated.connect(outsider).joinWithSignature(alice.address, guild1.gov.address, deadline, sig))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipInvalidSignature")
        .withArgs(alice.address);
      const bobs = await signJoin(federated, bob, alice.address, bio1.gov.address, deadline);
      await expect(federated.connect(outsider).joinWithSignature(alice.address, bio1.gov.address, deadline, bobs))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipInvalidSignature")
        .withArgs(alice.address);
      await time.increaseTo(deadline + 1n);
      await expect(federated.connect(outsider).joinWithSignature(alice.address, bio1.gov.address, deadline, sig))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipExpiredSignature")
        .withArgs(deadline);
      expect(await federated.listedCommunitiesOf(alice.address)).to.deep.equal([]);
      expect(await federated.nonces(alice.address)).to.equal(0);
    });
  });

  describe("live checks", function () {
    it("stops counting a community the account was removed from, before anyone prunes", async function () {
      const { federated, bio1, guild1, alice } = await loadFixture(deployMembersFixture);
      await federated.connect(alice).join(bio1.gov.address);
      await federated.connect(alice).join(guild1.gov.address);
      await bio1.membership.setMember(alice.address, false);
      expect(await federated.isMember(alice.address)).to.equal(true);
      expect(await federated.memberCommunitiesOf(alice.address)).to.deep.equal([guild1.gov.address]);
      await guild1.membership.setMember(alice.address, false);
      expect(await federated.isMember(alice.address)).to.equal(false);
      expect(await federated.listedCommunitiesOf(alice.address)).to.have.length(2);
    });

    it("counts a membership check that reverts, answers garbage or burns its gas as not a member", async function () {
      const { federated, hostile, hostileGov, guild1, alice } = await loadFixture(deployHostileFixture);
      await federated.connect(alice).join(hostileGov.address);
      for (const mode of [1, 2, 3, 4]) {
        await hostile.setMode(mode);
        expect(await federated.isMember(alice.address)).to.equal(false);
        expect(await federated.isMemberOf(alice.address, hostileGov.address)).to.equal(false);
        await expect(
          federated
            .connect(alice)
            .join(guild1.gov.address)
            .then(() => federated.connect(alice).leave(guild1.gov.address)),
        ).to.not.be.reverted;
      }
      // A listing that no longer holds can be pruned by anyone; a refusal to list says why.
      await federated.connect(guild1.gov).prune(alice.address, hostileGov.address);
      await expect(federated.connect(alice).join(hostileGov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipNotMember")
        .withArgs(alice.address, hostileGov.address);
    });

    it("a pruner cannot starve the membership check of gas to remove a listing that holds", async function () {
      const { federated, bio1, alice, outsider } = await loadFixture(deployMembersFixture);
      await federated.connect(alice).join(bio1.gov.address);
      // Enough gas for the transaction to start and reach the check, too little to give it its 30,000.
      for (const gasLimit of [45_000n, 55_000n, 65_000n]) {
        await expect(
          federated.connect(outsider).prune(alice.address, bio1.gov.address, { gasLimit }),
        ).to.be.revertedWithCustomError(federated, "MembershipCheckGasTooLow");
      }
      expect(await federated.listedCommunitiesOf(alice.address)).to.deep.equal([bio1.gov.address]);
      await expect(federated.connect(outsider).prune(alice.address, bio1.gov.address))
        .to.be.revertedWithCustomError(federated, "FederatedMembershipStillValid")
        .withArgs(alice.address, bio1.gov.address);
    });
  });

  describe("leave and prune", function () {
    it("lets the account unlist a community it still belongs to", async function () {
      const { federated, bio1, guild1, alice } = await loadFixture(deployMembersFixture);
      await federated.connect(alice).join(bio1.gov.address);
      await federated.connect(alice).join(guild1.gov.address);
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
      await federated.connect(bob).join(bio2.gov.address);
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
      for (const c of [bio1, bio2, guild1, guild2]) await federated.connect(alice).join(c.gov.address);
      // Worst case: only the last listed community still holds.
      for (const c of [bio1, bio2, guild1]) await c.membership.setMember(alice.address, false);
      // The gas a caller must give the call (without the 21,000 of a transaction): what it uses,
      // plus the floor the last check needs left (30,000 * 64 / 63 + 5,000) so it is never starved.
      const gas = (await federated.isMember.estimateGas(alice.address)) - 21_000n;
      console.log(
        `      gas: isMember over ${await federated.MAX_COMMUNITIES()} listed communities (worst case) ${gas}`,
      );
      expect(await federated.isMember(alice.address)).to.equal(true);
      // Coverage instrumentation inflates gas: the bound only holds for the real bytecode (npm test
      // runs this file on the optimised build too).
      if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING) return;
      expect(gas).to.be.lessThan(95_000n);
    });
  });
});
