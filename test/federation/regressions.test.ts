/**
 * Regression tests of issue 14 (federation and membership), each named after the property it
 * protects. Written before the fix; the failure each showed on the code before it is in the
 * closing note of the change.
 */
import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { deployMembersFixture, factoryRecord, Kind } from "../helpers/federation";

describe("Federation regressions (issue 14)", function () {
  it("no address becomes a federation member without the consent of an already-recognised community's governance", async function () {
    const f = await loadFixture(deployMembersFixture);
    const signers = await ethers.getSigners();
    const attacker = signers[14];
    const shadowGov = signers[15];
    // The attacker creates a community through the factory and registers it: nobody recognised consented.
    const membership = await ethers.deployContract("MockMembership");
    await membership.setMember(attacker.address, true);
    await f.factory.setCommunity(
      20,
      factoryRecord("guild", "Attackers", attacker.address, await membership.getAddress()),
    );
    await f.registry.register(20);
    expect(await f.registry.isRecognised(attacker.address)).to.equal(false);
    // A shadow community whose membership answers what its creator wants, affiliated with the
    // attacker's own community (both sides of the consent are the same person).
    const a = ethers.Wallet.createRandom().address;
    await f.registry
      .connect(shadowGov)
      .registerSelf(Kind.Bioregion, a, a, await membership.getAddress(), ethers.ZeroAddress, "Shadow", "");
    await f.registry.connect(shadowGov).affiliate(attacker.address);
    await f.registry.connect(attacker).affiliate(shadowGov.address);
    expect(await f.registry.isRecognised(shadowGov.address)).to.equal(false);
    for (const community of [attacker.address, shadowGov.address]) {
      await expect(f.federated.connect(attacker).join(community))
        .to.be.revertedWithCustomError(f.federated, "FederatedMembershipNotRecognised")
        .withArgs(community);
    }
    expect(await f.federated.isMember(attacker.address)).to.equal(false);
    // Only the governance of a recognised community can let it in.
    await expect(f.registry.connect(attacker).vouch(shadowGov.address))
      .to.be.revertedWithCustomError(f.registry, "FederationRegistryVoucherNotRecognised")
      .withArgs(attacker.address);
    await f.registry.connect(f.guild1.gov).vouch(attacker.address);
    await f.federated.connect(attacker).join(attacker.address);
    expect(await f.federated.isMember(attacker.address)).to.equal(true);
  });

  it("nobody can list a community for another account", async function () {
    const f = await loadFixture(deployMembersFixture);
    const old = new ethers.Interface(["function join(address account, address community)"]);
    // Under the old ABI anyone could list for anyone; now no function lets a third party do it.
    await expect(
      f.outsider.sendTransaction({
        to: await f.federated.getAddress(),
        data: old.encodeFunctionData("join", [f.alice.address, f.bio1.gov.address]),
      }),
    ).to.be.reverted;
    expect(await f.federated.listedCommunitiesOf(f.alice.address)).to.deep.equal([]);
  });

  it("a listed community whose membership check reverts or answers garbage counts as not a member and blocks nothing", async function () {
    const f = await loadFixture(deployMembersFixture);
    const hostile = await ethers.deployContract("MockHostileMembership");
    await hostile.setMember(f.alice.address, true);
    const gov = (await ethers.getSigners())[16];
    await f.factory.setCommunity(21, factoryRecord("guild", "Hostile", gov.address, await hostile.getAddress()));
    await f.registry.register(21);
    await f.registry.connect(f.bio1.gov).vouch(gov.address);
    await f.federated.connect(f.alice).join(gov.address);
    await f.federated.connect(f.alice).join(f.guild1.gov.address);
    for (const mode of [1, 2, 3, 4]) {
      await hostile.setMode(mode);
      expect(await f.federated.isMember(f.alice.address)).to.equal(true);
      expect(await f.federated.memberCommunitiesOf(f.alice.address)).to.deep.equal([f.guild1.gov.address]);
      expect(await f.federated.isMemberOf(f.alice.address, gov.address)).to.equal(false);
    }
  });
  it("a donor check against a membership that reverts, burns gas or answers garbage counts as not eligible", async function () {
    const hostile = await ethers.deployContract("MockHostileMembership");
    const eligibility = await ethers.deployContract("MembershipEligibility");
    const [, donor] = await ethers.getSigners();
    await hostile.setMember(donor.address, true);
    const config = ethers.zeroPadValue(await hostile.getAddress(), 32);
    expect(await eligibility.isEligible(donor.address, config, "0x")).to.equal(true);
    for (const mode of [1, 2, 3, 4]) {
      await hostile.setMode(mode);
      expect(await eligibility.isEligible(donor.address, config, "0x")).to.equal(false);
    }
  });
  it("a round's eligibility and a work's terms can count only the communities they name", async function () {
    const f = await loadFixture(deployMembersFixture);
    // alice is a member of bio1 and guild1, bob of bio2; both listed their communities.
    await f.federated.connect(f.alice).join(f.bio1.gov.address);
    await f.federated.connect(f.bob).join(f.bio2.gov.address);
    const list = await ethers.deployContract("FederatedCommunityList", [
      await f.federated.getAddress(),
      [f.bio1.gov.address, f.guild2.gov.address],
    ]);
    const eligibility = await ethers.deployContract("MembershipEligibility");
    const config = ethers.zeroPadValue(await list.getAddress(), 32);
    expect(await eligibility.isEligible(f.alice.address, config, "0x")).to.equal(true);
    expect(await eligibility.isEligible(f.bob.address, config, "0x")).to.equal(false);
    // The whole federation counts both.
    const whole = ethers.zeroPadValue(await f.federated.getAddress(), 32);
    expect(await eligibility.isEligible(f.bob.address, whole, "0x")).to.equal(true);
  });
});
