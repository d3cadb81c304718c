import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { impersonateAccount, setBalance } from "@nomicfoundation/hardhat-network-helpers";

import { deployClone } from "../../scripts/lib/community";
import { Kind, communityConfig, createCommunity, deployCommunitiesFixture } from "../helpers/dao";

describe("CommunityProfile", function () {
  /** A bioregion and a guild, with their timelocks impersonated to act as governance directly. */
  async function deployProfileFixture() {
    const { factory, signers } = await deployCommunitiesFixture();
    const [, alice, stranger] = signers;
    const bioregion = (await createCommunity(factory, communityConfig("bioregion", "simple"), [alice.address], [1n]))
      .community;
    const guild = (await createCommunity(factory, communityConfig("guild", "simple"), [alice.address], [1n])).community;
    const gov = async (addr: string) => {
      await impersonateAccount(addr);
      await setBalance(addr, ethers.parseEther("1"));
      return ethers.getSigner(addr);
    };
    return {
      bioregion: bioregion.profile,
      guild: guild.profile,
      bioGov: await gov(bioregion.addresses.timelock),
      guildGov: await gov(guild.addresses.timelock),
      stranger,
    };
  }

  it("records the identity given at creation", async function () {
    const { bioregion, guild } = await loadFixture(deployProfileFixture);
    const id = await bioregion.identity();
    expect(id.kind).to.equal(Kind.Bioregion);
    expect(id.name).to.equal("Cascadia Watershed Commons");
    expect(id.areaHash).to.equal(ethers.id("cascadia boundary"));
    expect(id.charterHash).to.equal(ethers.id("charter"));
    expect(await guild.kind()).to.equal(Kind.Guild);
    expect(await guild.name()).to.equal("Natural Builders Guild");
  });

  it("lets governance change name, area, domain and charter, with events", async function () {
    const { bioregion, guild, bioGov, guildGov } = await loadFixture(deployProfileFixture);
    await expect(bioregion.connect(bioGov).setName("Salish Sea"))
      .to.emit(bioregion, "NameChanged")
      .withArgs("Salish Sea");
    await expect(bioregion.connect(bioGov).setArea("ipfs://b2", ethers.id("b2")))
      .to.emit(bioregion, "AreaChanged")
      .withArgs("ipfs://b2", ethers.id("b2"));
    await expect(guild.connect(guildGov).setDomain("timber framing"))
      .to.emit(guild, "DomainChanged")
      .withArgs("timber framing");
    await expect(guild.connect(guildGov).setCharter("ipfs://c2", ethers.id("c2")))
      .to.emit(guild, "CharterChanged")
      .withArgs("ipfs://c2", ethers.id("c2"));
    expect((await bioregion.identity()).areaURI).to.equal("ipfs://b2");
    expect((await guild.identity()).domain).to.equal("timber framing");
  });

  it("refuses changes from anyone but governance, leaving the profile unchanged", async function () {
    const { bioregion, stranger } = await loadFixture(deployProfileFixture);
    const before = await bioregion.identity();
    const p = bioregion.connect(stranger);
    const calls = [
      () => p.setName("x"),
      () => p.setArea("x", ethers.ZeroHash),
      () => p.setDomain("x"),
      () => p.setCharter("x", ethers.ZeroHash),
    ];
    for (const call of calls) {
      await expect(call())
        .to.be.revertedWithCustomError(bioregion, "CommunityProfileUnauthorized")
        .withArgs(stranger.address);
    }
    expect(await bioregion.identity()).to.deep.equal(before);
  });

  it("refuses fields of the other kind and empty required fields", async function () {
    const { bioregion, guild, bioGov, guildGov } = await loadFixture(deployProfileFixture);
    await expect(bioregion.connect(bioGov).setDomain("x"))
      .to.be.revertedWithCustomError(bioregion, "CommunityProfileFieldNotForKind")
      .withArgs(Kind.Bioregion);
    await expect(guild.connect(guildGov).setArea("x", ethers.ZeroHash))
      .to.be.revertedWithCustomError(guild, "CommunityProfileFieldNotForKind")
      .withArgs(Kind.Guild);
    await expect(bioregion.connect(bioGov).setName("")).to.be.revertedWithCustomError(
      bioregion,
      "CommunityProfileEmptyName",
    );
    await expect(bioregion.connect(bioGov).setArea("", ethers.ZeroHash)).to.be.revertedWithCustomError(
      bioregion,
      "CommunityProfileMissingArea",
    );
    await expect(guild.connect(guildGov).setDomain("")).to.be.revertedWithCustomError(
      guild,
      "CommunityProfileMissingDomain",
    );
  });

  describe("initialize", function () {
    async function freshProfileFixture() {
      const [, governance] = await ethers.getSigners();
      const impl = await ethers.deployContract("CommunityProfile");
      return { impl, governance };
    }

    async function clone() {
      const { impl, governance } = await loadFixture(freshProfileFixture);
      const addr = await deployClone(governance, await impl.getAddress());
      return { profile: await ethers.getContractAt("CommunityProfile", addr), governance };
    }

    it("refuses a zero governance, an empty name, a bioregion without area and a guild without domain", async function () {
      const { profile, governance } = await clone();
      const bio = communityConfig("bioregion", "simple").identity;
      const guild = communityConfig("guild", "simple").identity;
      await expect(profile.initialize(ethers.ZeroAddress, bio)).to.be.revertedWithCustomError(
        profile,
        "CommunityProfileInvalidGovernance",
      );
      await expect(profile.initialize(governance.address, { ...bio, name: "" })).to.be.revertedWithCustomError(
        profile,
        "CommunityProfileEmptyName",
      );
      await expect(profile.initialize(governance.address, { ...bio, areaURI: "" })).to.be.revertedWithCustomError(
        profile,
        "CommunityProfileMissingArea",
      );
      await expect(profile.initialize(governance.address, { ...bio, domain: "pottery" }))
        .to.be.revertedWithCustomError(profile, "CommunityProfileFieldNotForKind")
        .withArgs(Kind.Bioregion);
      await expect(profile.initialize(governance.address, { ...guild, domain: "" })).to.be.revertedWithCustomError(
        profile,
        "CommunityProfileMissingDomain",
      );
      await expect(profile.initialize(governance.address, { ...guild, areaURI: "ipfs://x" }))
        .to.be.revertedWithCustomError(profile, "CommunityProfileFieldNotForKind")
        .withArgs(Kind.Guild);
      await expect(profile.initialize(governance.address, { ...guild, areaHash: ethers.id("x") }))
        .to.be.revertedWithCustomError(profile, "CommunityProfileFieldNotForKind")
        .withArgs(Kind.Guild);
      await expect(profile.initialize(governance.address, guild)).to.emit(profile, "ProfileInitialized");
      await expect(profile.initialize(governance.address, guild)).to.be.revertedWithCustomError(
        profile,
        "InvalidInitialization",
      );
    });
  });
});
