import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import { COMMUNITY_CONTRACTS } from "../../scripts/lib/community";

import {
  Counting,
  Kind,
  communityConfig,
  communityAt,
  createCommunity,
  deployCommunitiesFixture,
} from "../helpers/dao";

const e = (n: number) => ethers.parseEther(String(n));

describe("CommunityFactory", function () {
  async function deployFactoryFixture() {
    const { factory, deployed, signers } = await deployCommunitiesFixture();
    const [deployer, alice, bob, carol] = signers;
    return { factory, deployed, deployer, alice, bob, carol };
  }

  describe("createCommunity", function () {
    it("creates a whole bioregion in one transaction, emits every address and records it", async function () {
      const { factory, alice, bob, carol } = await loadFixture(deployFactoryFixture);
      const config = communityConfig("bioregion", "simple");
      const tx = await factory.connect(carol).createCommunity(config, [alice.address, bob.address], [e(100), e(50)]);
      const c = await communityAt(factory, 1n);
      await expect(tx)
        .to.emit(factory, "CommunityCreated")
        .withArgs(1n, carol.address, c.addresses.timelock, [
          Kind.Bioregion,
          Counting.Simple,
          "Cascadia Watershed Commons",
          c.addresses.token,
          c.addresses.governor,
          c.addresses.timelock,
          c.addresses.profile,
          c.addresses.membership,
          c.addresses.registry,
          c.addresses.epochs,
          ethers.ZeroAddress,
          c.addresses.membrane,
        ]);
      for (const a of [c.addresses.membership, c.addresses.registry, c.addresses.epochs, c.addresses.membrane]) {
        expect(a).to.not.equal(ethers.ZeroAddress);
      }
      expect(await factory.communityCount()).to.equal(1n);
      expect(await factory.communityIdOf(c.addresses.timelock)).to.equal(1n);
      expect(await factory.communityIdOf(c.addresses.governor)).to.equal(1n);
      expect(await factory.communityIdOf(c.addresses.token)).to.equal(0n);
      expect(c.addresses.name).to.equal("Cascadia Watershed Commons");
      expect(c.addresses.kind).to.equal(Kind.Bioregion);

      // Founders credited; the token is governed by the timelock.
      expect(await c.token.balanceOf(alice.address)).to.equal(e(100));
      expect(await c.token.getVotes(bob.address)).to.equal(e(50));
      expect(await c.token.name()).to.equal("Cascadia Watershed Commons");
      expect(await c.token.symbol()).to.equal("cCASC");
      const timelock = c.addresses.timelock;
      expect(await c.token.hasRole(await c.token.DEFAULT_ADMIN_ROLE(), timelock)).to.equal(true);

      // Timelock: governor is the only proposer and canceller, executors open, admin only itself.
      const tl = c.timelock;
      expect(await tl.hasRole(await tl.PROPOSER_ROLE(), c.addresses.governor)).to.equal(true);
      expect(await tl.hasRole(await tl.CANCELLER_ROLE(), c.addresses.governor)).to.equal(true);
      expect(await tl.hasRole(await tl.EXECUTOR_ROLE(), ethers.ZeroAddress)).to.equal(true);
      expect(await tl.hasRole(await tl.DEFAULT_ADMIN_ROLE(), timelock)).to.equal(true);
      expect(await tl.getMinDelay()).to.equal(BigInt(config.timelockDelay));

      // The factory and the creator keep no role anywhere.
      const f = await factory.getAddress();
      for (const who of [f, carol.address]) {
        expect(await c.token.hasRole(await c.token.DEFAULT_ADMIN_ROLE(), who)).to.equal(false);
        expect(await c.token.hasRole(await c.token.MINTER_ROLE(), who)).to.equal(false);
        for (const role of [
          await tl.DEFAULT_ADMIN_ROLE(),
          await tl.PROPOSER_ROLE(),
          await tl.CANCELLER_ROLE(),
          await tl.EXECUTOR_ROLE(),
        ]) {
          expect(await tl.hasRole(role, who)).to.equal(false);
        }
      }
      expect(await c.profile.governance()).to.equal(timelock);
      expect(await c.profile.kind()).to.equal(Kind.Bioregion);
      expect((await c.profile.identity()).areaURI).to.equal("ipfs://bafy-cascadia-boundary.geojson");
      expect(await c.governor.COUNTING_MODE()).to.not.contain("sqrt");
    });

    it("creates a quadratic guild whose timelock only the governor can execute on", async function () {
      const { factory, alice } = await loadFixture(deployFactoryFixture);
      const { community: c } = await createCommunity(
        factory,
        communityConfig("guild", "quadratic", { openExecution: false }),
        [alice.address],
        [e(1)],
      );
      expect(c.addresses.counting).to.equal(Counting.Quadratic);
      expect(await c.governor.COUNTING_MODE()).to.contain("weight=sqrt");
      const tl = c.timelock;
      expect(await tl.hasRole(await tl.EXECUTOR_ROLE(), c.addresses.governor)).to.equal(true);
      expect(await tl.hasRole(await tl.EXECUTOR_ROLE(), ethers.ZeroAddress)).to.equal(false);
      expect((await c.profile.identity()).domain).to.equal("natural building");
      // Nobody else can execute or schedule on the timelock directly.
      await expect(tl.connect(alice).execute(alice.address, 0, "0x", ethers.ZeroHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(tl, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, await tl.EXECUTOR_ROLE());
      await expect(tl.connect(alice).schedule(alice.address, 0, "0x", ethers.ZeroHash, ethers.ZeroHash, 3600))
        .to.be.revertedWithCustomError(tl, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, await tl.PROPOSER_ROLE());
      await expect(c.token.connect(alice).burn(alice.address, 1n, "ipfs://why"))
        .to.be.revertedWithCustomError(c.token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, await c.token.DEFAULT_ADMIN_ROLE());
    });

    it("wires the accounting contracts and the membrane to the timelock, with the settings given", async function () {
      const { factory, alice, bob, carol } = await loadFixture(deployFactoryFixture);
      const accounting = {
        endorsementThreshold: 3n,
        stewards: [carol.address],
        attestationThreshold: 4n,
        challengeWindow: 3600n,
        kinds: [
          { name: "care", valuePerUnit: e(1) },
          { name: "code", valuePerUnit: e(2) },
        ],
        membraneTreasuryShareBps: 2500,
        halfLife: 0n,
      };
      await factory.createCommunityWithAccounting(
        communityConfig("guild", "simple"),
        accounting,
        [alice.address, bob.address],
        [e(1), e(2)],
      );
      const c = await communityAt(factory, 1n);
      const tl = c.addresses.timelock;
      const registry = await ethers.getContractAt("ContributionRegistry", c.addresses.registry);
      const membership = await ethers.getContractAt("CommunityMembership", c.addresses.membership);
      const epochs = await ethers.getContractAt("EpochAllocations", c.addresses.epochs);
      const membrane = await ethers.getContractAt("Membrane", c.addresses.membrane);
      const f = await factory.getAddress();

      expect(await c.token.hasRole(await c.token.MINTER_ROLE(), c.addresses.registry)).to.equal(true);
      expect(await c.token.hasRole(await c.token.MINTER_ROLE(), c.addresses.epochs)).to.equal(true);
      expect(await membership.governance()).to.equal(tl);
      expect(await membership.memberCount()).to.equal(2n);
      expect(await membership.isMember(bob.address)).to.equal(true);
      expect(await membership.endorsementThreshold()).to.equal(3n);
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), tl)).to.equal(true);
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), f)).to.equal(false);
      expect(await registry.hasRole(await registry.STEWARD_ROLE(), carol.address)).to.equal(true);
      expect(await registry.attestationPolicy()).to.deep.equal([4n, 3600n]);
      expect(await registry.kindCount()).to.equal(2n);
      expect((await registry.getKind(1)).name).to.equal("code");
      expect(await registry.token()).to.equal(c.addresses.token);
      expect(await registry.membership()).to.equal(c.addresses.membership);
      expect(await epochs.governance()).to.equal(tl);
      expect(await epochs.token()).to.equal(c.addresses.token);
      expect(await membrane.token()).to.equal(c.addresses.token);
      expect(await membrane.treasury()).to.equal(tl);
      expect(await membrane.governance()).to.equal(tl);
      expect(await membrane.treasuryShareBps()).to.equal(2500);
    });

    it("uses the default accounting settings in createCommunity", async function () {
      const { factory, alice } = await loadFixture(deployFactoryFixture);
      const d = await factory.defaultAccounting();
      expect(d.endorsementThreshold).to.equal(0n);
      expect(d.stewards).to.deep.equal([]);
      expect(d.attestationThreshold).to.equal(2n);
      expect(d.challengeWindow).to.equal(3n * 24n * 3600n);
      expect(d.kinds).to.deep.equal([]);
      expect(d.membraneTreasuryShareBps).to.equal(5000n);
      await factory.createCommunity(communityConfig("guild", "simple"), [alice.address], [1n]);
      const c = await factory.getCommunity(1n);
      const registry = await ethers.getContractAt("ContributionRegistry", c.registry);
      expect(await registry.attestationPolicy()).to.deep.equal([2n, 3n * 24n * 3600n]);
      expect(await (await ethers.getContractAt("Membrane", c.membrane)).treasuryShareBps()).to.equal(5000);
    });

    it("refuses a community without founders, without a token symbol, or with mismatched amounts", async function () {
      const { factory, alice } = await loadFixture(deployFactoryFixture);
      const config = communityConfig("guild", "simple");
      await expect(factory.createCommunity(config, [], [])).to.be.revertedWithCustomError(
        factory,
        "CommunityFactoryNoFounders",
      );
      await expect(
        factory.createCommunity({ ...config, symbol: "" }, [alice.address], [1n]),
      ).to.be.revertedWithCustomError(factory, "CommunityFactoryEmptySymbol");
      const token = await ethers.getContractAt("ContributionToken", ethers.ZeroAddress);
      await expect(factory.createCommunity(config, [alice.address], [1n, 2n]))
        .to.be.revertedWithCustomError(token, "ContributionTokenLengthMismatch")
        .withArgs(1, 2);
      // A bad governor setting or identity is refused by the contract it belongs to; nothing is created.
      const governor = await ethers.getContractAt("CommunityGovernor", ethers.ZeroAddress);
      await expect(
        factory.createCommunity(
          { ...config, governor: { ...config.governor, votingPeriod: 0 } },
          [alice.address],
          [1n],
        ),
      )
        .to.be.revertedWithCustomError(governor, "GovernorInvalidVotingPeriod")
        .withArgs(0);
      const profile = await ethers.getContractAt("CommunityProfile", ethers.ZeroAddress);
      await expect(
        factory.createCommunity({ ...config, identity: { ...config.identity, domain: "" } }, [alice.address], [1n]),
      ).to.be.revertedWithCustomError(profile, "CommunityProfileMissingDomain");
      expect(await factory.communityCount()).to.equal(0n);
    });
  });

  describe("views", function () {
    it("getCommunity refuses an unknown id; implementations are listed", async function () {
      const { factory, deployed } = await loadFixture(deployFactoryFixture);
      await expect(factory.getCommunity(0))
        .to.be.revertedWithCustomError(factory, "CommunityFactoryUnknownCommunity")
        .withArgs(0);
      await expect(factory.getCommunity(1))
        .to.be.revertedWithCustomError(factory, "CommunityFactoryUnknownCommunity")
        .withArgs(1);
      const impls = await factory.implementations();
      expect(impls.token).to.not.equal(ethers.ZeroAddress);
      expect(impls.governorSimple).to.equal(await deployed.governorSimpleImpl.getAddress());
      expect(impls.governorQuadratic).to.equal(await deployed.governorQuadraticImpl.getAddress());
      expect(impls.timelock).to.equal(await deployed.timelockImpl.getAddress());
      expect(impls.profile).to.equal(await deployed.profileImpl.getAddress());
      expect(impls.membership).to.not.equal(ethers.ZeroAddress);
      expect(impls.vouchers).to.equal(ethers.ZeroAddress);
    });
  });

  describe("constructor", function () {
    it("refuses a missing implementation, naming it", async function () {
      const { factory } = await loadFixture(deployFactoryFixture);
      const impls = await factory.implementations();
      const base = {
        token: impls.token,
        governorSimple: impls.governorSimple,
        governorQuadratic: impls.governorQuadratic,
        timelock: impls.timelock,
        profile: impls.profile,
        membership: impls.membership,
        registry: impls.registry,
        epochs: impls.epochs,
        vouchers: ethers.ZeroAddress,
        membrane: impls.membrane,
      };
      const Factory = await ethers.getContractFactory("CommunityFactory");
      for (const which of [
        "token",
        "governorSimple",
        "governorQuadratic",
        "timelock",
        "profile",
        "membership",
        "registry",
        "epochs",
        "membrane",
      ] as const) {
        await expect(Factory.deploy({ ...base, [which]: ethers.ZeroAddress }))
          .to.be.revertedWithCustomError(factory, "CommunityFactoryMissingImplementation")
          .withArgs(which);
      }
    });
  });

  describe("implementations", function () {
    it("cannot be initialised by anyone", async function () {
      const { factory, alice } = await loadFixture(deployFactoryFixture);
      const impls = await factory.implementations();
      const config = communityConfig("bioregion", "simple");
      const token = await ethers.getContractAt("ContributionToken", impls.token);
      await expect(token.initialize("x", "X", alice.address, [], [], [], 0n)).to.be.revertedWithCustomError(
        token,
        "InvalidInitialization",
      );
      for (const g of [impls.governorSimple, impls.governorQuadratic]) {
        const governor = await ethers.getContractAt("CommunityGovernor", g);
        await expect(
          governor.initialize("x", impls.token, impls.timelock, config.governor),
        ).to.be.revertedWithCustomError(governor, "InvalidInitialization");
      }
      const timelock = await ethers.getContractAt("CommunityTimelock", impls.timelock);
      await expect(timelock.initialize(0, [], [], alice.address)).to.be.revertedWithCustomError(
        timelock,
        "InvalidInitialization",
      );
      const profile = await ethers.getContractAt("CommunityProfile", impls.profile);
      await expect(profile.initialize(alice.address, config.identity)).to.be.revertedWithCustomError(
        profile,
        "InvalidInitialization",
      );
    });
  });

  describe("gas", function () {
    it("creates a community for at most a fifth of deploying its contracts afresh", async function () {
      const { factory, alice, bob, carol } = await loadFixture(deployFactoryFixture);
      const founders = [alice.address, bob.address, carol.address];
      const amounts = [e(100), e(400), e(900)];
      const simple = await (
        await factory.createCommunity(communityConfig("bioregion", "simple"), founders, amounts)
      ).wait();
      const quadratic = await (
        await factory.createCommunity(communityConfig("guild", "quadratic"), founders, amounts)
      ).wait();
      // "Directly": one creation transaction per contract of a community (COMMUNITY_CONTRACTS), from
      // its full bytecode, summed. Their initialisation is not even added (these contracts disable
      // initializers in their constructors), so the comparison understates what the factory saves.
      let direct = 0n;
      for (const name of COMMUNITY_CONTRACTS) {
        const c = await ethers.deployContract(name);
        direct += (await c.deploymentTransaction()!.wait())!.gasUsed;
      }
      console.log(
        `      gas createCommunity: simple ${simple!.gasUsed}, quadratic ${quadratic!.gasUsed}; ` +
          `deploying the same contracts afresh (no initialisation): ${direct}; ` +
          `ratio ${(Number(simple!.gasUsed) / Number(direct)).toFixed(3)}`,
      );
      expect(simple!.gasUsed * 5n).to.be.lessThanOrEqual(direct);
      expect(quadratic!.gasUsed * 5n).to.be.lessThanOrEqual(direct);
    });
  });
});
