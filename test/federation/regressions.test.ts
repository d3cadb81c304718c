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
    await f.factory.setCommunity(20, factoryRecord("guild", "Attackers", attacker.address, await membership.getAddress()));
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
      await f.federated
        .connect(attacker)
        .getFunction("join(address)")(community)
        .catch(() => undefined);
      await f.federated.connect(attacker).getFunction("join(address,address)")(attacker.address, community).catch(() => undefined);
    }
    expect(await f.federated.isMember(attacker.address)).to.equal(false);
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
    const a = ethers.Wallet.createRandom().address;
    await f.factory.setCommunity(21, factoryRecord("guild", "Hostile", gov.address, await hostile.getAddress()));
    await f.registry.register(21);
    // Recognise it if the registry supports vouching (after the fix), else it is a factory community.
    if (f.registry.interface.getFunction("vouch") !== null) await f.registry.connect(f.bio1.gov).vouch(gov.address);
    void a;
    const join = async (community: string) => {
      if (f.federated.interface.getFunction("join(address)") !== null)
        await f.federated.connect(f.alice).getFunction("join(address)")(community);
      else await f.federated.connect(f.alice).getFunction("join(address,address)")(f.alice.address, community);
    };
    await join(gov.address);
    await join(f.guild1.gov.address);
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
});
