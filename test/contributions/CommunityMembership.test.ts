import { expect } from "chai";
import { ZeroAddress } from "ethers";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import { deployClone } from "../../scripts/lib/community";
import type { CommunityMembership } from "../../typechain-types";
import { deployContributionsFixture } from "../helpers/contributions";

describe("CommunityMembership", function () {
  describe("initialize", function () {
    it("admits the founders and records governance and the endorsement threshold", async function () {
      const f = await loadFixture(deployContributionsFixture);
      for (const m of [f.alice, f.bob, f.carol, f.dave]) expect(await f.membership.isMember(m.address)).to.equal(true);
      expect(await f.membership.isMember(f.outsider.address)).to.equal(false);
      expect(await f.membership.memberCount()).to.equal(4n);
      expect(await f.membership.governance()).to.equal(f.governance.address);
      expect(await f.membership.endorsementThreshold()).to.equal(2n);
    });

    it("emits an event per founder, cannot run twice, refuses zero governance and duplicate founders", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const at = async (a: string) =>
        (await hre.ethers.getContractAt("CommunityMembership", a)) as unknown as CommunityMembership;
      const m = await at(await deployClone(f.deployer, f.implAddresses.membership));
      await expect(m.initialize(ZeroAddress, [], 0n)).to.be.revertedWithCustomError(m, "MembershipInvalidAccount");
      await expect(m.initialize(f.governance.address, [f.alice.address, f.alice.address], 0n))
        .to.be.revertedWithCustomError(m, "MembershipAlreadyMember")
        .withArgs(f.alice.address);
      await expect(m.initialize(f.governance.address, [ZeroAddress], 0n)).to.be.revertedWithCustomError(
        m,
        "MembershipInvalidAccount",
      );
      await expect(m.initialize(f.governance.address, [f.alice.address], 0n))
        .to.emit(m, "MemberAdmitted")
        .withArgs(f.alice.address, false)
        .and.to.emit(m, "EndorsementThresholdChanged")
        .withArgs(0n, 0n);
      await expect(m.initialize(f.governance.address, [], 0n)).to.be.revertedWithCustomError(
        m,
        "InvalidInitialization",
      );
      const impl = await at(f.implAddresses.membership);
      await expect(impl.initialize(f.governance.address, [], 0n)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });
  });

  describe("admit", function () {
    it("governance admits a new member", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await expect(f.membership.connect(f.governance).admit(f.outsider.address))
        .to.emit(f.membership, "MemberAdmitted")
        .withArgs(f.outsider.address, false);
      expect(await f.membership.isMember(f.outsider.address)).to.equal(true);
      expect(await f.membership.memberCount()).to.equal(5n);
    });

    it("only governance admits; never a member twice, never zero", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await expect(f.membership.connect(f.alice).admit(f.outsider.address))
        .to.be.revertedWithCustomError(f.membership, "MembershipUnauthorized")
        .withArgs(f.alice.address);
      await expect(f.membership.connect(f.governance).admit(f.alice.address))
        .to.be.revertedWithCustomError(f.membership, "MembershipAlreadyMember")
        .withArgs(f.alice.address);
      await expect(f.membership.connect(f.governance).admit(ZeroAddress)).to.be.revertedWithCustomError(
        f.membership,
        "MembershipInvalidAccount",
      );
      expect(await f.membership.memberCount()).to.equal(4n);
    });
  });

  describe("endorse", function () {
    it("the endorsement that reaches the threshold admits the nominee", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const n = f.outsider.address;
      await expect(f.membership.connect(f.alice).endorse(n))
        .to.emit(f.membership, "MemberEndorsed")
        .withArgs(n, f.alice.address, 1n, 2n);
      expect(await f.membership.isMember(n)).to.equal(false);
      expect(await f.membership.endorsementsOf(n)).to.equal(1n);
      expect(await f.membership.hasEndorsed(n, f.alice.address)).to.equal(true);
      await expect(f.membership.connect(f.bob).endorse(n)).to.emit(f.membership, "MemberAdmitted").withArgs(n, true);
      expect(await f.membership.isMember(n)).to.equal(true);
      expect(await f.membership.memberCount()).to.equal(5n);
    });

    it("refuses when disabled, from a non-member, twice, for a member or for zero", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const n = f.outsider.address;
      const [, , , , , , , , other] = await hre.ethers.getSigners();
      await expect(f.membership.connect(other).endorse(n))
        .to.be.revertedWithCustomError(f.membership, "MembershipNotMember")
        .withArgs(other.address);
      await f.membership.connect(f.alice).endorse(n);
      await expect(f.membership.connect(f.alice).endorse(n))
        .to.be.revertedWithCustomError(f.membership, "MembershipAlreadyEndorsed")
        .withArgs(n, f.alice.address);
      await expect(f.membership.connect(f.alice).endorse(f.bob.address))
        .to.be.revertedWithCustomError(f.membership, "MembershipAlreadyMember")
        .withArgs(f.bob.address);
      await expect(f.membership.connect(f.alice).endorse(ZeroAddress)).to.be.revertedWithCustomError(
        f.membership,
        "MembershipInvalidAccount",
      );
      await f.membership.connect(f.governance).setEndorsementThreshold(0n);
      await expect(f.membership.connect(f.bob).endorse(n)).to.be.revertedWithCustomError(
        f.membership,
        "MembershipEndorsementDisabled",
      );
      expect(await f.membership.endorsementsOf(n)).to.equal(1n);
      expect(await f.membership.isMember(n)).to.equal(false);
    });

    it("a new admission after leaving starts from zero endorsements", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const n = f.outsider.address;
      await f.membership.connect(f.alice).endorse(n);
      await f.membership.connect(f.bob).endorse(n);
      await f.membership.connect(f.outsider).leave();
      expect(await f.membership.endorsementsOf(n)).to.equal(0n);
      expect(await f.membership.hasEndorsed(n, f.alice.address)).to.equal(false);
      await f.membership.connect(f.alice).endorse(n);
      expect(await f.membership.isMember(n)).to.equal(false);
      await f.membership.connect(f.carol).endorse(n);
      expect(await f.membership.isMember(n)).to.equal(true);
    });
  });

  describe("leave and remove", function () {
    it("a member leaves", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await expect(f.membership.connect(f.dave).leave()).to.emit(f.membership, "MemberLeft").withArgs(f.dave.address);
      expect(await f.membership.isMember(f.dave.address)).to.equal(false);
      expect(await f.membership.memberCount()).to.equal(3n);
      await expect(f.membership.connect(f.dave).leave())
        .to.be.revertedWithCustomError(f.membership, "MembershipNotMember")
        .withArgs(f.dave.address);
    });

    it("governance removes a member with a reason; nobody else can; a removal is made once", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await expect(f.membership.connect(f.alice).remove(f.dave.address, "r"))
        .to.be.revertedWithCustomError(f.membership, "MembershipUnauthorized")
        .withArgs(f.alice.address);
      await expect(f.membership.connect(f.governance).remove(f.dave.address, "ipfs://decision-12"))
        .to.emit(f.membership, "MemberRemoved")
        .withArgs(f.dave.address, "ipfs://decision-12");
      expect(await f.membership.isMember(f.dave.address)).to.equal(false);
      expect(await f.membership.isRemoved(f.dave.address)).to.equal(true);
      expect(await f.membership.memberCount()).to.equal(3n);
      await expect(f.membership.connect(f.governance).remove(f.dave.address, "r"))
        .to.be.revertedWithCustomError(f.membership, "MembershipAlreadyRemoved")
        .withArgs(f.dave.address);
      await expect(f.membership.connect(f.governance).remove(ZeroAddress, "r")).to.be.revertedWithCustomError(
        f.membership,
        "MembershipInvalidAccount",
      );
    });

    it("governance removes an account that is not a member: it is marked removed and its endorsements lapse", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const n = f.outsider.address;
      await f.membership.connect(f.alice).endorse(n);
      expect(await f.membership.endorsementsOf(n)).to.equal(1n);
      await expect(f.membership.connect(f.governance).remove(n, "ipfs://decision-13"))
        .to.emit(f.membership, "MemberRemoved")
        .withArgs(n, "ipfs://decision-13")
        .and.not.to.emit(f.membership, "MemberLeft");
      expect(await f.membership.isRemoved(n)).to.equal(true);
      expect(await f.membership.isMember(n)).to.equal(false);
      expect(await f.membership.memberCount()).to.equal(4n);
      expect(await f.membership.endorsementsOf(n)).to.equal(0n);
      expect(await f.membership.hasEndorsed(n, f.alice.address)).to.equal(false);
      await expect(f.membership.connect(f.bob).endorse(n))
        .to.be.revertedWithCustomError(f.membership, "MembershipRemovedByGovernance")
        .withArgs(n);
    });
    it("endorsements cannot re-admit a member removed by governance; only governance lifts the removal", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.membership.connect(f.governance).remove(f.dave.address, "ipfs://decision-12");
      expect(await f.membership.isRemoved(f.dave.address)).to.equal(true);
      await expect(f.membership.connect(f.alice).endorse(f.dave.address))
        .to.be.revertedWithCustomError(f.membership, "MembershipRemovedByGovernance")
        .withArgs(f.dave.address);
      expect(await f.membership.isMember(f.dave.address)).to.equal(false);
      expect(await f.membership.endorsementsOf(f.dave.address)).to.equal(0n);
      await expect(f.membership.connect(f.governance).admit(f.dave.address))
        .to.emit(f.membership, "RemovalLifted")
        .withArgs(f.dave.address)
        .and.to.emit(f.membership, "MemberAdmitted")
        .withArgs(f.dave.address, false);
      expect(await f.membership.isRemoved(f.dave.address)).to.equal(false);
      // After leaving of their own accord, endorsements admit again.
      await f.membership.connect(f.dave).leave();
      await f.membership.connect(f.alice).endorse(f.dave.address);
      await f.membership.connect(f.bob).endorse(f.dave.address);
      expect(await f.membership.isMember(f.dave.address)).to.equal(true);
    });
  });

  describe("setEndorsementThreshold", function () {
    it("only governance sets it, with an event", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await expect(f.membership.connect(f.alice).setEndorsementThreshold(1n))
        .to.be.revertedWithCustomError(f.membership, "MembershipUnauthorized")
        .withArgs(f.alice.address);
      await expect(f.membership.connect(f.governance).setEndorsementThreshold(3n))
        .to.emit(f.membership, "EndorsementThresholdChanged")
        .withArgs(2n, 3n);
      expect(await f.membership.endorsementThreshold()).to.equal(3n);
    });
  });
});
