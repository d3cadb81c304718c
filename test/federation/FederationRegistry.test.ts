import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  affiliate,
  deployFederationFixture,
  factoryRecord,
  Kind,
  MAX_UINT64,
  registerOutsider,
  Status,
} from "../helpers/federation";

describe("FederationRegistry", function () {
  describe("constructor", function () {
    it("refuses a zero factory or founder", async function () {
      const { registry, factory, founder } = await loadFixture(deployFederationFixture);
      await expect(
        ethers.deployContract("FederationRegistry", [ethers.ZeroAddress, founder.address]),
      ).to.be.revertedWithCustomError(registry, "FederationRegistryZeroAddress");
      await expect(
        ethers.deployContract("FederationRegistry", [await factory.getAddress(), ethers.ZeroAddress]),
      ).to.be.revertedWithCustomError(registry, "FederationRegistryZeroAddress");
    });
  });

  describe("found", function () {
    it("names the first communities once, by the founder, who has no power afterwards", async function () {
      const { factory, founder, bio1, guild1 } = await loadFixture(deployFederationFixture);
      const registry = await ethers.deployContract("FederationRegistry", [await factory.getAddress(), founder.address]);
      await registry.register(bio1.id);
      await registry.register(guild1.id);
      expect(await registry.isRecognised(bio1.gov.address)).to.equal(false);
      expect([await registry.founder(), await registry.founded()]).to.deep.equal([founder.address, false]);
      await expect(registry.connect(founder).found([bio1.gov.address, guild1.gov.address]))
        .to.emit(registry, "CommunityFounded")
        .withArgs(bio1.gov.address, founder.address)
        .and.to.emit(registry, "CommunityFounded")
        .withArgs(guild1.gov.address, founder.address);
      expect(await registry.founded()).to.equal(true);
      expect(await registry.isFounding(bio1.gov.address)).to.equal(true);
      expect(await registry.recognition(guild1.gov.address)).to.deep.equal([true, 0n]);
      await expect(registry.connect(founder).found([bio1.gov.address])).to.be.revertedWithCustomError(
        registry,
        "FederationRegistryAlreadyFounded",
      );
      // The founder is nobody's governance: it cannot vouch either.
      await expect(registry.connect(founder).vouch(bio1.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryVoucherNotRecognised")
        .withArgs(founder.address);
    });

    it("refuses anyone but the founder, an empty list, an unregistered community and a repeat", async function () {
      const { factory, founder, bio1, unregistered, outsider } = await loadFixture(deployFederationFixture);
      const registry = await ethers.deployContract("FederationRegistry", [await factory.getAddress(), founder.address]);
      await registry.register(bio1.id);
      await expect(registry.connect(outsider).found([bio1.gov.address]))
        .to.be.revertedWithCustomError(registry, "FederationRegistryNotFounder")
        .withArgs(outsider.address);
      await expect(registry.connect(founder).found([])).to.be.revertedWithCustomError(
        registry,
        "FederationRegistryNothingToFound",
      );
      await expect(registry.connect(founder).found([bio1.gov.address, unregistered.gov.address]))
        .to.be.revertedWithCustomError(registry, "FederationRegistryUnknownCommunity")
        .withArgs(unregistered.gov.address);
      await expect(registry.connect(founder).found([bio1.gov.address, bio1.gov.address]))
        .to.be.revertedWithCustomError(registry, "FederationRegistryAlreadyRecognised")
        .withArgs(bio1.gov.address);
      expect(await registry.founded()).to.equal(false);
      expect(await registry.isRecognised(bio1.gov.address)).to.equal(false);
    });
  });

  describe("vouch and withdrawRecognition", function () {
    it("recognises a community a recognised community's governance vouches for, down a chain", async function () {
      const { registry, bio1, guild1, unregistered, outsider } = await loadFixture(deployFederationFixture);
      await registry.register(unregistered.id);
      expect(await registry.isRecognised(unregistered.gov.address)).to.equal(false);
      await expect(registry.connect(guild1.gov).vouch(unregistered.gov.address))
        .to.emit(registry, "CommunityVouched")
        .withArgs(unregistered.gov.address, guild1.gov.address, 1);
      expect(await registry.voucherOf(unregistered.gov.address)).to.equal(guild1.gov.address);
      expect(await registry.recognition(unregistered.gov.address)).to.deep.equal([true, 1n]);
      const membership = await ethers.deployContract("MockMembership");
      await registerOutsider(registry, outsider, "guild", "Fjord", await membership.getAddress());
      await registry.connect(unregistered.gov).vouch(outsider.address);
      expect(await registry.recognition(outsider.address)).to.deep.equal([true, 2n]);
      // Withdrawn by the voucher: everything below it falls with it, at once.
      await expect(registry.connect(guild1.gov).withdrawRecognition(unregistered.gov.address))
        .to.emit(registry, "RecognitionWithdrawn")
        .withArgs(unregistered.gov.address, guild1.gov.address, guild1.gov.address);
      expect(await registry.isRecognised(unregistered.gov.address)).to.equal(false);
      expect(await registry.isRecognised(outsider.address)).to.equal(false);
      expect(await registry.recognition(outsider.address)).to.deep.equal([false, 0n]);
      // An unrecognised community cannot vouch back up (no cycle); a recognised one can take it in again.
      await expect(registry.connect(outsider).vouch(unregistered.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryVoucherNotRecognised")
        .withArgs(outsider.address);
      // Taken in again, it is recognised alone: what it vouched for needs a new vouch.
      await registry.connect(bio1.gov).vouch(unregistered.gov.address);
      expect(await registry.isRecognised(unregistered.gov.address)).to.equal(true);
      expect(await registry.isRecognised(outsider.address)).to.equal(false);
      await registry.connect(unregistered.gov).vouch(outsider.address);
      expect(await registry.recognition(outsider.address)).to.deep.equal([true, 2n]);
    });

    it("a community cut off through a community above it, then vouched for again, does not bring back its own vouches", async function () {
      const { registry, bio1, guild1, outsider } = await loadFixture(deployFederationFixture);
      const signers = await ethers.getSigners();
      const membership = ethers.getAddress("0x00000000000000000000000000000000000c0de1");
      // bio1 -> x -> s -> t
      const [x, s, t] = [outsider, signers[10], signers[11]];
      await registerOutsider(registry, x, "guild", "X", membership);
      await registerOutsider(registry, s, "guild", "S", membership);
      await registerOutsider(registry, t, "guild", "T", membership);
      await registry.connect(bio1.gov).vouch(x.address);
      await registry.connect(x).vouch(s.address);
      await registry.connect(s).vouch(t.address);
      expect(await registry.recognition(t.address)).to.deep.equal([true, 3n]);
      // x is withdrawn: s and t fall with it. guild1 takes s in directly; t stays cut off.
      await registry.connect(bio1.gov).withdrawRecognition(x.address);
      await registry.connect(guild1.gov).vouch(s.address);
      expect(await registry.recognition(s.address)).to.deep.equal([true, 1n]);
      expect(await registry.voucherOf(t.address)).to.equal(s.address);
      expect(await registry.isRecognised(t.address)).to.equal(false);
      // Taking x in again brings back neither s's old vouch (s has a new voucher) nor anything else.
      await registry.connect(guild1.gov).vouch(x.address);
      expect(await registry.isRecognised(t.address)).to.equal(false);
      // A stale vouch can still be withdrawn by its voucher; s then vouches t anew, and t is recognised.
      await expect(registry.connect(s).withdrawRecognition(t.address))
        .to.emit(registry, "RecognitionWithdrawn")
        .withArgs(t.address, s.address, s.address);
      await registry.connect(s).vouch(t.address);
      expect(await registry.recognition(t.address)).to.deep.equal([true, 2n]);
    });

    it("lets a community give up its own recognition, founding status included", async function () {
      const { registry, bio1, guild1, unregistered } = await loadFixture(deployFederationFixture);
      await registry.register(unregistered.id);
      await registry.connect(guild1.gov).vouch(unregistered.gov.address);
      await expect(registry.connect(unregistered.gov).withdrawRecognition(unregistered.gov.address))
        .to.emit(registry, "RecognitionWithdrawn")
        .withArgs(unregistered.gov.address, guild1.gov.address, unregistered.gov.address);
      await expect(registry.connect(bio1.gov).withdrawRecognition(bio1.gov.address))
        .to.emit(registry, "RecognitionWithdrawn")
        .withArgs(bio1.gov.address, ethers.ZeroAddress, bio1.gov.address);
      expect(await registry.isFounding(bio1.gov.address)).to.equal(false);
      expect(await registry.isRecognised(bio1.gov.address)).to.equal(false);
      // Taken in again by another community's vouch.
      await registry.connect(guild1.gov).vouch(bio1.gov.address);
      expect(await registry.recognition(bio1.gov.address)).to.deep.equal([true, 1n]);
    });

    it("refuses an unrecognised voucher, an unregistered or recognised community, and a chain too deep", async function () {
      const { registry, bio1, guild1, unregistered, outsider } = await loadFixture(deployFederationFixture);
      await expect(registry.connect(outsider).vouch(bio1.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryVoucherNotRecognised")
        .withArgs(outsider.address);
      await expect(registry.connect(bio1.gov).vouch(unregistered.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryUnknownCommunity")
        .withArgs(unregistered.gov.address);
      await expect(registry.connect(bio1.gov).vouch(guild1.gov.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryAlreadyRecognised")
        .withArgs(guild1.gov.address);
      const maxDepth = await registry.maxDepth();
      expect(maxDepth).to.equal(await registry.MAX_DEPTH());
      const signers = await ethers.getSigners();
      const membership = await ethers.getAddress("0x00000000000000000000000000000000000c0de1");
      let voucher = { gov: bio1.gov };
      for (let i = 1n; i <= maxDepth; ++i) {
        const gov = signers[Number(i) + 10];
        await registerOutsider(registry, gov, "guild", `Link ${i}`, membership);
        await registry.connect(voucher.gov).vouch(gov.address);
        expect(await registry.recognition(gov.address)).to.deep.equal([true, i]);
        voucher = { gov };
      }
      const last = signers[Number(maxDepth) + 11];
      await registerOutsider(registry, last, "guild", "Too far", membership);
      await expect(registry.connect(voucher.gov).vouch(last.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryTooDeep")
        .withArgs(voucher.gov.address, maxDepth);
      expect(await registry.isRecognised(last.address)).to.equal(false);
    });

    it("stops recognising the communities below a voucher taken in again further away (no chain grows past MAX_DEPTH)", async function () {
      const { registry, bio1, outsider } = await loadFixture(deployFederationFixture);
      const signers = await ethers.getSigners();
      const membership = ethers.getAddress("0x00000000000000000000000000000000000c0de1");
      const maxDepth = Number(await registry.MAX_DEPTH());
      // Two chains from bio1: a long one of maxDepth links, and `top` -> `bottom` of two.
      const chain = [];
      let voucher = bio1.gov;
      for (let i = 0; i < maxDepth; ++i) {
        const gov = signers[i + 10];
        await registerOutsider(registry, gov, "guild", `Link ${i}`, membership);
        await registry.connect(voucher).vouch(gov.address);
        chain.push(gov);
        voucher = gov;
      }
      const top = outsider;
      const bottom = signers[maxDepth + 10];
      await registerOutsider(registry, top, "bioregion", "Top", membership, undefined);
      await registry.connect(bio1.gov).vouch(top.address);
      await registerOutsider(registry, bottom, "bioregion", "Bottom", membership);
      await registry.connect(top).vouch(bottom.address);
      expect(await registry.recognition(bottom.address)).to.deep.equal([true, 2n]);
      // `top` loses its vouch and is taken in at the end of the long chain: `bottom`, now too far, is
      // cut off (its vouch was given in an earlier generation of `top`).
      await registry.connect(bio1.gov).withdrawRecognition(top.address);
      await registry.connect(chain[maxDepth - 2]).vouch(top.address);
      expect(await registry.recognition(top.address)).to.deep.equal([true, BigInt(maxDepth)]);
      expect(await registry.isRecognised(bottom.address)).to.equal(false);
    });

    it("refuses a withdrawal by anyone but the voucher or the community, and of nothing", async function () {
      const { registry, bio1, guild1, unregistered, outsider } = await loadFixture(deployFederationFixture);
      await registry.register(unregistered.id);
      await registry.connect(guild1.gov).vouch(unregistered.gov.address);
      for (const caller of [bio1.gov, outsider]) {
        await expect(registry.connect(caller).withdrawRecognition(unregistered.gov.address))
          .to.be.revertedWithCustomError(registry, "FederationRegistryNotVoucher")
          .withArgs(caller.address, unregistered.gov.address);
      }
      await expect(registry.connect(outsider).withdrawRecognition(outsider.address))
        .to.be.revertedWithCustomError(registry, "FederationRegistryNotVouched")
        .withArgs(outsider.address);
      expect(await registry.isRecognised(unregistered.gov.address)).to.equal(true);
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
      // Listed is not recognised: being made by the factory is no one's consent.
      expect(await registry.isRecognised(unregistered.gov.address)).to.equal(false);
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
    it("lists the calling governance, not recognised by an affiliation, even with a founding community", async function () {
      const { registry, outsider, guild1 } = await loadFixture(deployFederationFixture);
      const [gov, tok, mem, prof] = [1, 2, 3, 4].map(() => ethers.Wallet.createRandom().address);
      await expect(
        registry.connect(outsider).registerSelf(Kind.Bioregion, gov, tok, mem, prof, "Fjord", "ipfs://fjord"),
      )
        .to.emit(registry, "CommunityRegistered")
        .withArgs(outsider.address, Kind.Bioregion, false, 0, gov, tok, mem, prof, "Fjord", "ipfs://fjord");
      expect(await registry.isRecognised(outsider.address)).to.equal(false);
      expect((await registry.getCommunity(outsider.address)).fromFactory).to.equal(false);
      await affiliate(registry, { ...guild1 }, { id: 0, gov: outsider, membership: guild1.membership });
      expect(await registry.isAffiliated(outsider.address, guild1.gov.address)).to.equal(true);
      expect(await registry.isRecognised(outsider.address)).to.equal(false);
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

    it("accepts a name and a URI at their bounds, refuses them longer; membershipOf reads one slot", async function () {
      const { registry, bio1 } = await loadFixture(deployFederationFixture);
      const [maxName, maxUri] = [await registry.MAX_NAME_LENGTH(), await registry.MAX_METADATA_URI_LENGTH()];
      expect([maxName, maxUri]).to.deep.equal([128n, 512n]);
      await registry.connect(bio1.gov).updateMetadata("n".repeat(128), "u".repeat(512));
      await expect(registry.connect(bio1.gov).updateMetadata("n".repeat(129), ""))
        .to.be.revertedWithCustomError(registry, "FederationRegistryNameTooLong")
        .withArgs(129n, 128n);
      await expect(registry.connect(bio1.gov).updateMetadata("n", "u".repeat(513)))
        .to.be.revertedWithCustomError(registry, "FederationRegistryMetadataURITooLong")
        .withArgs(513n, 512n);
      const c = await registry.getCommunity(bio1.gov.address);
      expect(await registry.membershipOf(bio1.gov.address)).to.equal(c.membership);
      expect(await registry.membershipOf(ethers.ZeroAddress)).to.equal(ethers.ZeroAddress);
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
