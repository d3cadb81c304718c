import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { deployMembersFixture, registerOutsider } from "../helpers/federation";

async function deployListFixture() {
  const f = await deployMembersFixture();
  await f.federated.connect(f.alice).join(f.bio1.gov.address);
  await f.federated.connect(f.alice).join(f.guild1.gov.address);
  await f.federated.connect(f.bob).join(f.bio2.gov.address);
  const named = [f.guild1.gov.address, f.guild2.gov.address];
  const list = await ethers.deployContract("FederatedCommunityList", [await f.federated.getAddress(), named]);
  return { ...f, list, named };
}

describe("FederatedCommunityList", function () {
  it("names its communities once, with an event, and answers which are named", async function () {
    const { list, federated, named, bio1 } = await loadFixture(deployListFixture);
    await expect(list.deploymentTransaction())
      .to.emit(list, "FederatedCommunityListCreated")
      .withArgs(await federated.getAddress(), named);
    expect(await list.federated()).to.equal(await federated.getAddress());
    expect(await list.communities()).to.deep.equal(named);
    expect(await list.isNamed(named[0])).to.equal(true);
    expect(await list.isNamed(bio1.gov.address)).to.equal(false);
    expect(await list.MAX_NAMED()).to.equal(64);
  });

  it("counts a member of a named community it listed, while the community is recognised and it is a member", async function () {
    const { list, registry, federated, guild1, guild2, alice, bob } = await loadFixture(deployListFixture);
    expect(await list.isMember(alice.address)).to.equal(true);
    // bob's community is not named; joining a named one makes him count.
    expect(await list.isMember(bob.address)).to.equal(false);
    await guild2.membership.setMember(bob.address, true);
    await federated.connect(bob).join(guild2.gov.address);
    expect(await list.isMember(bob.address)).to.equal(true);
    // Removed from the community, or the community no longer recognised: no longer counted.
    await guild1.membership.setMember(alice.address, false);
    expect(await list.isMember(alice.address)).to.equal(false);
    await registry.connect(guild2.gov).withdrawRecognition(guild2.gov.address);
    expect(await list.isMember(bob.address)).to.equal(false);
  });

  it("refuses an empty or oversized list, an unregistered community and a duplicate", async function () {
    const { list, federated, guild1, unregistered } = await loadFixture(deployListFixture);
    const at = await federated.getAddress();
    await expect(ethers.deployContract("FederatedCommunityList", [at, []]))
      .to.be.revertedWithCustomError(list, "FederatedCommunityListInvalidSize")
      .withArgs(0, 64);
    await expect(ethers.deployContract("FederatedCommunityList", [at, Array(65).fill(guild1.gov.address)]))
      .to.be.revertedWithCustomError(list, "FederatedCommunityListInvalidSize")
      .withArgs(65, 64);
    await expect(ethers.deployContract("FederatedCommunityList", [at, [unregistered.gov.address]]))
      .to.be.revertedWithCustomError(list, "FederatedCommunityListUnknownCommunity")
      .withArgs(unregistered.gov.address);
    await expect(ethers.deployContract("FederatedCommunityList", [at, [guild1.gov.address, guild1.gov.address]]))
      .to.be.revertedWithCustomError(list, "FederatedCommunityListDuplicate")
      .withArgs(guild1.gov.address);
  });
});

describe("FederatedCommunityList through a round's eligibility module", function () {
  it("still finds the one honest listing after three listings that burn their whole gas cap", async function () {
    const f = await loadFixture(deployMembersFixture);
    const signers = await ethers.getSigners();
    const named = [f.bio1.gov.address];
    for (let i = 0; i < 3; ++i) {
      const hostile = await ethers.deployContract("MockHostileMembership");
      await hostile.setMember(f.alice.address, true);
      const gov = signers[10 + i];
      await registerOutsider(f.registry, gov, "guild", `Burner ${i}`, await hostile.getAddress(), f.guild1);
      await f.federated.connect(f.alice).join(gov.address);
      await hostile.setMode(4);
      named.push(gov.address);
    }
    await f.federated.connect(f.alice).join(f.bio1.gov.address);
    const list = await ethers.deployContract("FederatedCommunityList", [await f.federated.getAddress(), named]);
    const eligibility = await ethers.deployContract("MembershipEligibility");
    const config = ethers.zeroPadValue(await list.getAddress(), 32);
    expect(await eligibility.isEligible(f.alice.address, config, "0x")).to.equal(true);
    const direct = ethers.zeroPadValue(await f.federated.getAddress(), 32);
    expect(await eligibility.isEligible(f.alice.address, direct, "0x")).to.equal(true);
    expect(await eligibility.MEMBERSHIP_GAS()).to.equal(300_000);
  });
});
