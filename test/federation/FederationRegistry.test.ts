import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { affiliate, deployFederationFixture, factoryRecord, Kind, MAX_UINT64, Status } from "../helpers/federation";

describe("FederationRegistry", function () {
  describe("constructor", function () {
    it("refuses a zero factory", async function () {
      const { registry } = await loadFixture(deployFederationFixture);
      await expect(ethers.deployContract("FederationRegistry", [ethers.ZeroAddress])).to.be.revertedWithCustomError(
        registry,
        "FederationRegistryZeroAddress",
      );
    });
  });

  describe("register", function () {
    it("lists a factory community from the factory's record, by anyone", async function () {
      const { registry, factory, unregistered, outsider } = await loadFixture(deployFederationFixture);
      const rec = await factory.getCommunity(unregistered.id);
      await expect(registry.connect(outsider).register(unregistered.id))
        .to.emit(registry, "CommunityRegistered")
        .withArgs(
          unregistered.gov.address,
          Kind.Bioregion,
          true,
          unregistered.id,
          rec.governor,
          rec.token,
          rec.membership,
          rec.profile,
          "Delta",
          "",
        );
      const c = await registry.getCommunity(unregistered.gov.address);
      expect(c.kind).to.equal(Kind.Bioregion);
      expect(c.fromFactory).to.equal(true);
      expect(c.factoryId).to.equal(unregistered.id);
      expect(c.membership).to.equal(rec.membership);
      expect(c.registeredAt).to.equal(await time.latest());
      expect(await registry.communityOfFactoryId(unregistered.id)).to.equal(unregistered.gov.address);
      expect(await registry.communityCount()).to.equal(5);
      expect(await registry.communityAt(4)).to.equal(unregistered.gov.address);
      expect(await registry.isRegistered(unregistered.gov.address)).to.equal(true);
      expect(await registry.isRecognised(unregistered.gov.address)).to.equal(true);
      expect(await registry.factory()).to.equal(await factory.getAddress());
    });

    it("records guilds as guilds", async function () {
      const { registry, guild1 } = await loadFixture(deployFederationFixture);
      expect(await registry.kindOf(guild1.gov.address)).to.equal(Kind.Guild);
    });

    it("refuses to list a community twice", async function () {
      const { registry, bio1 } = await loadFixture(deployFederationFixture);
      await expect(registry.register(bio1.id))
        .to.be.revertedWithCustomError(registry, "FederationRegistryAlreadyRegistered")
        .withArgs(bio1.gov.address);
    });

    it("passes on the factory's refusal of an unknown id", async function () {
      const { registry, factory } = await loadFixture(deployFederationFixture);
      await expect(registry.register(99))
        .to.be.revertedWithCustomError(factory, "CommunityFactoryUnknownCommunity")
        .withArgs(99);
    });

    it("refuses a factory record with a missing contract", async function () {
      const { registry, factory, outsider } = await loadFixture(deployFederationFixture);
      const broken = {
        ...factoryRecord("guild", "Broken", outsider.address, ethers.ZeroAddress),
        token: ethers.ZeroAddress,
      };
      await factory.setCommunity(7, broken);
      await expect(registry.register(7)).to.be.revertedWithCustomError(registry, "FederationRegistryZeroAddress");
    });
  });

  describe("registerSelf", function () {
    it("lists the calling governance, not recognised until affiliated with a factory community", async function () {
      const { registry, outsider, guild1, bio2 } = await loadFixture(deployFederationFixture);
      const [gov, tok, mem, prof] = [1, 2, 3, 4].map(() => ethers.Wallet.createRandom().address);
      await expect(
        registry.connect(outsider).registerSelf(Kind.Bioregion, gov, tok, mem, prof, "Fjord", "ipfs://fjord"),
      )
        .to.emit(registry, "CommunityRegistered")
        .withArgs(outsider.address, Kind.Bioregion, false, 0, gov, tok, mem, prof, "Fjord", "ipfs://fjord");
      expect(await registry.isRecognised(outsider.address)).to.equal(false);
      expect((await registry.getCommunity(outsider.address)).fromFactory).to.equal(false);

      await affiliate(registry, { ...guild1 }, { id: 0, gov: outsider, membership: guild1.membership });
      expect(await registry.isRecognised(outsider.address)).to.equal(true);
      await registry.connect(outsider).leave(guild1.gov.address);
      expect(await registry.isRecognised(outsider.address)).to.equal(false);
      // An unrecognised bioregion does not make a factory guild more or less recognised.
      expect(await registry.isRecognised(guild1.gov.address)).to.equal(true);
      expect(await registry.isRecognised(bio2.gov.address)).to.equal(true);
    });

    it("does not recognise two self-registered communities affiliated with each other", async function () {
      const { registry, alice, bob } = await loadFixture(deployFederationFixture);
      const a = ethers.Wallet.createRandom().address;
      await registry.connect(alice).registerSelf(Kind.Bioregion, a, a, a, ethers.ZeroAddress, "Fake place", "");
      await registry.connect(bob).registerSelf(Kind.Guild, a, a, a, ethers.ZeroAddress, "Fake guild", "");
      await registry.connect(alice).affiliate(bob.address);
      await registry.connect(bob).affiliate(alice.address);
      expect(await registry.isAffiliated(alice.address, bob.address)).to.equal(true);
      expect(await registry.isRecognised(alice.address)).to.equal(false);
      expect(await registry.isRecognised(bob.address)).to.equal(false);
    });

    it("refuses a kind that is neither bioregion nor guild, zero addresses, an empty name, and a second listing", async function () {
      const { registry, bio1, outsider } = await loadFixture(deployFederationFixture);
      const a = ethers.Wallet.createRandom().address;
      const z = ethers.ZeroAddress;
      await expect(registry.connect(outsider).registerSelf(Kind.None, a, a, a, z, "X", ""))
        .to.be.revertedWithCustomError(registry, "FederationRegistryInvalidKind")
        .withArgs(0);
      for (const [g, t, m] of [
        [z, a, a],
        [a, z, a],
      ]) {
        await expect(
          registry.connect(outsider).registerSelf(Kind.Guild, g, t, m, z, "X", ""),
        ).to.be.revertedWithCustomError(registry, "FederationRegistryZeroAddress");
      }
      await expect(
        registry.connect(outsider).registerSelf(Kind.Guild, a, a, a, z, "", ""),
      ).to.be.revertedWithCustomError(registry, "FederationRegistryEmptyName");
      // A factory community's timelock lists itself from the factory's record instead.
      await expect(registry.connect(bio1.gov).registerSelf(Kind.Guild, a, a, a, z, "X", ""))
        .to.be.revertedWithCustomError(registry, "FederationRegistryUseFactoryRecord")
        .withArgs(bio1.gov.address, bio1.id);
      await registry.connect(outsider).registerSelf(Kind.Guild, a, a, a, z, "X", "");
      await expect(registry.connect(outsider).registerSelf(Kind.Guild, a, a, a, z, "X", ""))
        .to.be.revertedWithCustomError(registry, "FederationRegistryAlreadyRegistered")
        .withArgs(outsider.address);
      expect(await registry.communityCount()).to.equal(5);
    });
  });

  describe("updateMetadata", function () {
    it("lets a community's governance change its name and metadata", async function () {
      const { registry, bio1 } = await loadFixture(deployFederationFixture);
      await expect(registry.connect(bio1.gov).updateMetadata("Upper Watershed", "ipfs://area"))
        .to.emit(registry, "CommunityMetadataUpdated")
        .withArgs(bio1.gov.address, "Upper Watershed", "ipfs://area");
      const c = await registry.getCommunity(bio1.gov.address);
      expect([c.name, c.metadataURI]).to.deep.equal(["Upper Watershed", "ipfs://area"]);
    });

    it("refuses an unregistered caller and an empty name", async function () {
      const { registry, bio1, outsider } = await loadFixture(deployFederationFixture);
      await expect(registry.connect(outsider).updateMetadata("X", ""))
        .to.be.revertedWithCustomError(registry, "FederationRegistryUnknownCommunity")
        .withArgs(outsider.address);
      await expect(registry.connect(bio1.gov).updateMetadata("", "")).to.be.revertedWithCustomError(
        registry,
        "FederationRegistryEmptyName",
      );
      expect((await registry.getCommunity(bio1.gov.address)).name).to.equal("Watershed");
    });
  });

  describe("affiliate", function () {
    it("is only proposed until the other side accepts (bioregion first)", async function () {
      const { registry, bio1, guild1 } = await loadFixture(deployFederationFixture);
      await expect(registry.connect(bio1.gov).affiliate(guild1.gov.address))
        .to.emit(registry, "AffiliationProposed")
        .withArgs(bio1.gov.address, guild1.gov.address, bio1.gov.address);
      expect(await registry.isAffiliated(bio1.gov.address, guild1.gov.address)).to.equal(false);
      const pending = await registry.getAffiliation(guild1.gov.address, bio1.gov.address);
      expect([pending.status, pending.epoch]).to.deep.equal([BigInt(Status.ProposedByBioregion), 0n]);
      expect(await registry.affiliationEnd(bio1.gov.address, guild1.gov.address, 0)).to.equal(0);

      // The timestamp is fixed first: read after the call, `time.latest()` races the block it mines.
      const formedAt = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(formedAt);
      await expect(registry.connect(guild1.gov).affiliate(bio1.gov.address))
        .to.emit(registry, "AffiliationFormed")
        .withArgs(bio1.gov.address, guild1.gov.address, 1, formedAt);
      expect(await registry.isAffiliated(guild1.gov.address, bio1.gov.address)).to.equal(true);
      const active = await registry.getAffiliation(bio1.gov.address, guild1.gov.address);
      expect([active.status, active.epoch, active.since]).to.deep.equal([
        BigInt(Status.Active),
        1n,
        BigInt(await time.latest()),
      ]);
      expect(await registry.affiliationEnd(bio1.gov.address, guild1.gov.address, 1)).to.equal(MAX_UINT64);
    });

    it("works with the guild proposing first, and lists each side's affiliations", async function () {
      const { registry, bio1, bio2, guild1, guild2 } = await loadFixture(deployFederationFixture);
      await expect(registry.connect(guild1.gov).affiliate(bio1.gov.address))
        .to.emit(registry, "AffiliationProposed")
        .withArgs(bio1.gov.address, guild1.gov.address, guild1.gov.address);
      await registry.connect(guild1.gov).affiliate(bio2.gov.address);
      await registry.connect(bio2.gov).affiliate(guild1.gov.address);
      await registry.connect(bio2.gov).affiliate(guild2.gov.address);
      const [counterparts, statuses] = await registry.affiliationsOf(guild1.gov.address);
      expect(counterparts).to.deep.equal([bio1.gov.address, bio2.gov.address]);
      expect(statuses).to.deep.equal([BigInt(Status.ProposedByGuild), BigInt(Status.Active)]);
      const [bio2Links, bio2Statuses] = await registry.affiliationsOf(bio2.gov.address);
      expect(bio2Links).to.deep.equal([guild1.gov.address, guild2.gov.address]);
      expect(bio2Statuses).to.deep.equal([BigInt(Status.Active), BigInt(Status.ProposedByBioregion)]);
    });

    it("refuses to propose twice from the same side", async function () {
      const { registry, bio1, guild1 } = await loadFixture(deployFederationFixture);
      await registry.connect(guild1.gov).affiliate(bio1.gov.address);
      await expect(registry.connect(guild1.gov).affiliate(bio1.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryAlreadyProposed")
        .withArgs(guild1.gov.address, bio1.gov.address);
    });

    it("refuses a double affiliation from either side", async function () {
      const { registry, bio1, guild1 } = await loadFixture(deployFederationFixture);
      await affiliate(registry, bio1, guild1);
      for (const [me, other] of [
        [bio1, guild1],
        [guild1, bio1],
      ]) {
        await expect(registry.connect(me.gov).affiliate(other.gov.address))
          .to.be.revertedWithCustomError(registry, "FederationRegistryAlreadyAffiliated")
          .withArgs(bio1.gov.address, guild1.gov.address);
      }
      expect((await registry.getAffiliation(bio1.gov.address, guild1.gov.address)).epoch).to.equal(1);
    });

    it("refuses two communities of the same kind", async function () {
      const { registry, bio1, bio2, guild1, guild2 } = await loadFixture(deployFederationFixture);
      await expect(registry.connect(bio1.gov).affiliate(bio2.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryKindsCannotAffiliate")
        .withArgs(bio1.gov.address, Kind.Bioregion, bio2.gov.address, Kind.Bioregion);
      await expect(registry.connect(guild2.gov).affiliate(guild1.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryKindsCannotAffiliate")
        .withArgs(guild2.gov.address, Kind.Guild, guild1.gov.address, Kind.Guild);
      expect(await registry.isAffiliated(bio1.gov.address, bio2.gov.address)).to.equal(false);
      expect((await registry.getAffiliation(bio1.gov.address, bio2.gov.address)).status).to.equal(Status.None);
      expect(await registry.affiliationEnd(bio1.gov.address, bio2.gov.address, 1)).to.equal(0);
    });

    it("refuses an unregistered caller or counterpart", async function () {
      const { registry, bio1, unregistered, outsider } = await loadFixture(deployFederationFixture);
      await expect(registry.connect(outsider).affiliate(bio1.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryUnknownCommunity")
        .withArgs(outsider.address);
      await expect(registry.connect(bio1.gov).affiliate(unregistered.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryUnknownCommunity")
        .withArgs(unregistered.gov.address);
    });
  });

  describe("leave", function () {
    it("withdraws a proposal not yet accepted", async function () {
      const { registry, bio1, guild1 } = await loadFixture(deployFederationFixture);
      await registry.connect(bio1.gov).affiliate(guild1.gov.address);
      await expect(registry.connect(guild1.gov).leave(bio1.gov.address))
        .to.emit(registry, "AffiliationProposalWithdrawn")
        .withArgs(bio1.gov.address, guild1.gov.address, guild1.gov.address);
      expect((await registry.getAffiliation(bio1.gov.address, guild1.gov.address)).status).to.equal(Status.None);
      expect((await registry.affiliationsOf(bio1.gov.address))[0]).to.deep.equal([]);
      // A withdrawn proposal cannot be accepted: the other side's call proposes anew.
      await expect(registry.connect(guild1.gov).affiliate(bio1.gov.address)).to.emit(registry, "AffiliationProposed");
    });

    it("ends an active affiliation from either side, keeping the end of each epoch", async function () {
      const { registry, bio1, guild1 } = await loadFixture(deployFederationFixture);
      await affiliate(registry, bio1, guild1);
      const endedAt = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(endedAt);
      await expect(registry.connect(guild1.gov).leave(bio1.gov.address))
        .to.emit(registry, "AffiliationEnded")
        .withArgs(bio1.gov.address, guild1.gov.address, guild1.gov.address, 1, endedAt);
      const end1 = BigInt(await time.latest());
      expect(await registry.isAffiliated(bio1.gov.address, guild1.gov.address)).to.equal(false);
      expect(await registry.affiliationEnd(bio1.gov.address, guild1.gov.address, 1)).to.equal(end1);

      await time.increase(100);
      await affiliate(registry, guild1, bio1);
      const a = await registry.getAffiliation(bio1.gov.address, guild1.gov.address);
      expect([a.status, a.epoch]).to.deep.equal([BigInt(Status.Active), 2n]);
      expect(await registry.affiliationEnd(bio1.gov.address, guild1.gov.address, 2)).to.equal(MAX_UINT64);
      expect(await registry.affiliationEnd(bio1.gov.address, guild1.gov.address, 1)).to.equal(end1);

      await registry.connect(bio1.gov).leave(guild1.gov.address);
      expect(await registry.affiliationEnd(guild1.gov.address, bio1.gov.address, 2)).to.equal(await time.latest());
      expect(await registry.affiliationEnd(guild1.gov.address, bio1.gov.address, 3)).to.equal(0);
    });

    it("refuses when there is nothing to end", async function () {
      const { registry, bio1, guild1, outsider } = await loadFixture(deployFederationFixture);
      await expect(registry.connect(bio1.gov).leave(guild1.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryNotAffiliated")
        .withArgs(bio1.gov.address, guild1.gov.address);
      await expect(registry.connect(outsider).leave(guild1.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryUnknownCommunity")
        .withArgs(outsider.address);
      await expect(registry.connect(bio1.gov).leave(outsider.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryUnknownCommunity")
        .withArgs(outsider.address);
    });
  });
});
