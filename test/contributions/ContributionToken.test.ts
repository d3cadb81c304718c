import { expect } from "chai";
import { ZeroAddress, parseEther, type Signature } from "ethers";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import { deployClone, minimalCloneRuntimeCode } from "../../scripts/lib/community";
import { isqrt } from "../../scripts/lib/math";
import type { ContributionToken } from "../../typechain-types";
import { FOUNDER_CREDIT, deployContributionsFixture, type ContributionsFixture } from "../helpers/contributions";

/** The fixture plus a `minter` account that governance granted MINTER_ROLE (as it may, by proposal). */
async function deployTokenFixture() {
  const f = await deployContributionsFixture();
  const minter = f.deployer;
  await f.token.connect(f.governance).grantRole(await f.token.MINTER_ROLE(), minter.address);
  return { ...f, minter };
}

async function signDelegation(
  f: ContributionsFixture,
  signer: ContributionsFixture["alice"],
  delegatee: string,
  nonce: bigint,
  expiry: bigint,
): Promise<Signature> {
  const d = await f.token.eip712Domain();
  const sig = await signer.signTypedData(
    { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract },
    {
      Delegation: [
        { name: "delegatee", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    },
    { delegatee, nonce, expiry },
  );
  return ethers.Signature.from(sig);
}

async function freshClone(f: ContributionsFixture): Promise<ContributionToken> {
  const addr = await deployClone(f.deployer, f.implAddresses.token);
  return (await hre.ethers.getContractAt("ContributionToken", addr)) as unknown as ContributionToken;
}

describe("ContributionToken", function () {
  describe("initialize", function () {
    it("every per-community contract is an EIP-1167 minimal clone of its implementation", async function () {
      const f = await loadFixture(deployTokenFixture);
      for (const key of ["token", "membership", "registry", "epochs"] as const) {
        expect(await ethers.provider.getCode(f.addresses[key])).to.equal(minimalCloneRuntimeCode(f.implAddresses[key]));
      }
    });

    it("sets metadata, roles and founders' credit; the creator keeps no role", async function () {
      const f = await loadFixture(deployTokenFixture);
      expect(await f.token.name()).to.equal("Watershed Contribution");
      expect(await f.token.symbol()).to.equal("cWATER");
      expect(await f.token.decimals()).to.equal(18);
      expect(await f.token.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await f.token.clock()).to.equal(await time.latest());
      expect(await f.token.balanceOf(f.alice.address)).to.equal(FOUNDER_CREDIT);
      expect(await f.token.totalSupply()).to.equal(FOUNDER_CREDIT);
      expect(await f.token.getVotes(f.alice.address)).to.equal(FOUNDER_CREDIT);
      const admin = await f.token.DEFAULT_ADMIN_ROLE();
      const minterRole = await f.token.MINTER_ROLE();
      expect(await f.token.hasRole(admin, f.governance.address)).to.equal(true);
      expect(await f.token.hasRole(minterRole, f.addresses.registry)).to.equal(true);
      expect(await f.token.hasRole(minterRole, f.addresses.epochs)).to.equal(true);
      const fresh = await deployContributionsFixture();
      expect(await fresh.token.hasRole(admin, fresh.deployer.address)).to.equal(false);
      expect(await fresh.token.hasRole(minterRole, fresh.deployer.address)).to.equal(false);
    });

    it("emits ContributionMinted for each founder with the creator as minter", async function () {
      const f = await loadFixture(deployTokenFixture);
      const t = await freshClone(f);
      await expect(t.initialize("N", "S", f.governance.address, [], [f.alice.address, f.bob.address], [1n, 2n], 0n))
        .to.emit(t, "ContributionMinted")
        .withArgs(f.alice.address, 1n, f.deployer.address)
        .and.to.emit(t, "ContributionMinted")
        .withArgs(f.bob.address, 2n, f.deployer.address);
    });

    it("cannot run twice, nor on the implementation", async function () {
      const f = await loadFixture(deployTokenFixture);
      await expect(f.token.initialize("N", "S", f.governance.address, [], [], [], 0n)).to.be.revertedWithCustomError(
        f.token,
        "InvalidInitialization",
      );
      const impl = (await hre.ethers.getContractAt(
        "ContributionToken",
        f.implAddresses.token,
      )) as unknown as ContributionToken;
      await expect(impl.initialize("N", "S", f.governance.address, [], [], [], 0n)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });

    it("rejects a zero governance, a zero minter, mismatched founders, a zero founder or amount", async function () {
      const f = await loadFixture(deployTokenFixture);
      const t = await freshClone(f);
      const g = f.governance.address;
      await expect(t.initialize("N", "S", ZeroAddress, [], [], [], 0n)).to.be.revertedWithCustomError(
        t,
        "ContributionTokenInvalidAccount",
      );
      await expect(t.initialize("N", "S", g, [ZeroAddress], [], [], 0n)).to.be.revertedWithCustomError(
        t,
        "ContributionTokenInvalidAccount",
      );
      await expect(t.initialize("N", "S", g, [], [f.alice.address], [], 0n))
        .to.be.revertedWithCustomError(t, "ContributionTokenLengthMismatch")
        .withArgs(1, 0);
      await expect(t.initialize("N", "S", g, [], [ZeroAddress], [1n], 0n)).to.be.revertedWithCustomError(
        t,
        "ContributionTokenInvalidAccount",
      );
      await expect(t.initialize("N", "S", g, [], [f.alice.address], [0n], 0n)).to.be.revertedWithCustomError(
        t,
        "ContributionTokenInvalidAmount",
      );
      // Nothing was half-done: the clone can still be initialised properly.
      await t.initialize("N", "S", g, [], [f.alice.address], [5n], 0n);
      expect(await t.balanceOf(f.alice.address)).to.equal(5n);
    });
  });

  describe("transfers and approvals", function () {
    it("transfer, transferFrom and approve always revert; allowance is zero; balances are unchanged", async function () {
      const f = await loadFixture(deployTokenFixture);
      await expect(f.token.connect(f.alice).transfer(f.bob.address, 1n)).to.be.revertedWithCustomError(
        f.token,
        "ContributionTokenNonTransferable",
      );
      await expect(f.token.connect(f.alice).transfer(f.bob.address, 0n)).to.be.revertedWithCustomError(
        f.token,
        "ContributionTokenNonTransferable",
      );
      await expect(f.token.connect(f.alice).approve(f.bob.address, 1n)).to.be.revertedWithCustomError(
        f.token,
        "ContributionTokenNonTransferable",
      );
      await expect(
        f.token.connect(f.bob).transferFrom(f.alice.address, f.bob.address, 1n),
      ).to.be.revertedWithCustomError(f.token, "ContributionTokenNonTransferable");
      await expect(
        f.token.connect(f.alice).transferFrom(f.alice.address, f.bob.address, 1n),
      ).to.be.revertedWithCustomError(f.token, "ContributionTokenNonTransferable");
      expect(await f.token.allowance(f.alice.address, f.bob.address)).to.equal(0n);
      expect(await f.token.balanceOf(f.alice.address)).to.equal(FOUNDER_CREDIT);
      expect(await f.token.balanceOf(f.bob.address)).to.equal(0n);
    });
  });

  describe("mint", function () {
    it("mints to an account whose votes count at once, without a delegate transaction", async function () {
      const f = await loadFixture(deployTokenFixture);
      const amount = parseEther("7");
      await expect(f.token.connect(f.minter).mint(f.bob.address, amount))
        .to.emit(f.token, "ContributionMinted")
        .withArgs(f.bob.address, amount, f.minter.address)
        .and.to.emit(f.token, "Transfer")
        .withArgs(ZeroAddress, f.bob.address, amount)
        .and.to.emit(f.token, "DelegateVotesChanged")
        .withArgs(f.bob.address, 0n, amount);
      expect(await f.token.delegates(f.bob.address)).to.equal(f.bob.address);
      expect(await f.token.getVotes(f.bob.address)).to.equal(amount);
      expect(await f.token.numCheckpoints(f.bob.address)).to.equal(1n);
      // The holder never delegated away, so its vote checkpoint serves as its balance checkpoint too.
      expect(await f.token.delegatedAwayAt(f.bob.address)).to.equal(0n);
      expect(await f.token.numBalanceCheckpoints(f.bob.address)).to.equal(0n);
      await time.increase(1);
      expect(await f.token.getPastBalance(f.bob.address, (await time.latest()) - 1)).to.equal(amount);
    });

    it("caps the supply at 2^104 - 1, the half of a checkpoint that holds it", async function () {
      const f = await loadFixture(deployTokenFixture);
      const cap = 2n ** 104n - 1n;
      const room = cap - (await f.token.totalSupply());
      await expect(f.token.connect(f.minter).mint(f.bob.address, room + 1n))
        .to.be.revertedWithCustomError(f.token, "ERC20ExceededSafeSupply")
        .withArgs(cap + 1n, cap);
      await f.token.connect(f.minter).mint(f.bob.address, room);
      await time.increase(1);
      const t = (await time.latest()) - 1;
      expect(await f.token.getPastTotalSupply(t)).to.equal(cap);
      // The weight half is untouched by a full supply half.
      const holders = [f.alice, f.bob, f.carol, f.dave];
      let weight = 0n;
      for (const h of holders) weight += isqrt(await f.token.getPastVotes(h.address, t));
      expect(await f.token.getPastTotalQuadraticWeight(t)).to.equal(weight);
    });

    it("only a minter mints; zero account and zero amount are refused", async function () {
      const f = await loadFixture(deployTokenFixture);
      await expect(f.token.connect(f.alice).mint(f.alice.address, 1n))
        .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
        .withArgs(f.alice.address, await f.token.MINTER_ROLE());
      await expect(f.token.connect(f.governance).mint(f.alice.address, 1n))
        .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
        .withArgs(f.governance.address, await f.token.MINTER_ROLE());
      await expect(f.token.connect(f.minter).mint(ZeroAddress, 1n)).to.be.revertedWithCustomError(
        f.token,
        "ContributionTokenInvalidAccount",
      );
      await expect(f.token.connect(f.minter).mint(f.alice.address, 0n)).to.be.revertedWithCustomError(
        f.token,
        "ContributionTokenInvalidAmount",
      );
      expect(await f.token.totalSupply()).to.equal(FOUNDER_CREDIT);
    });
  });

  describe("delegation", function () {
    it("moves votes to a delegate and back to oneself by delegating to zero", async function () {
      const f = await loadFixture(deployTokenFixture);
      await f.token.connect(f.minter).mint(f.bob.address, 5n);
      await expect(f.token.connect(f.alice).delegate(f.bob.address))
        .to.emit(f.token, "DelegateChanged")
        .withArgs(f.alice.address, f.alice.address, f.bob.address);
      expect(await f.token.delegates(f.alice.address)).to.equal(f.bob.address);
      expect(await f.token.getVotes(f.alice.address)).to.equal(0n);
      expect(await f.token.getVotes(f.bob.address)).to.equal(FOUNDER_CREDIT + 5n);
      // Only the account that delegated away checkpoints its balance separately; the delegate does not.
      const delegatedAt = BigInt(await time.latest());
      expect(await f.token.delegatedAwayAt(f.alice.address)).to.equal(delegatedAt);
      expect(await f.token.delegatedAwayAt(f.bob.address)).to.equal(0n);
      expect(await f.token.numBalanceCheckpoints(f.alice.address)).to.equal(1n);
      expect(await f.token.numBalanceCheckpoints(f.bob.address)).to.equal(0n);
      expect(await f.token.delegatedAwayAt(f.carol.address)).to.equal(0n);
      // Re-delegating to the current delegate moves nothing and starts nothing.
      await f.token.connect(f.carol).delegate(f.carol.address);
      expect(await f.token.delegatedAwayAt(f.carol.address)).to.equal(0n);
      // Later mints follow the delegation.
      await f.token.connect(f.minter).mint(f.alice.address, 3n);
      expect(await f.token.getVotes(f.bob.address)).to.equal(FOUNDER_CREDIT + 8n);
      // Moving the delegation from one delegate to another keeps the first delegation's start.
      const bobVotes = await f.token.getVotes(f.bob.address);
      const carolVotes = await f.token.getVotes(f.carol.address);
      await f.token.connect(f.alice).delegate(f.carol.address);
      expect(await f.token.getVotes(f.bob.address)).to.equal(bobVotes - FOUNDER_CREDIT - 3n);
      expect(await f.token.getVotes(f.carol.address)).to.equal(carolVotes + FOUNDER_CREDIT + 3n);
      expect(await f.token.delegatedAwayAt(f.alice.address)).to.equal(delegatedAt);
      await f.token.connect(f.alice).delegate(ZeroAddress);
      expect(await f.token.delegates(f.alice.address)).to.equal(f.alice.address);
      expect(await f.token.getVotes(f.alice.address)).to.equal(FOUNDER_CREDIT + 3n);
      expect(await f.token.getVotes(f.bob.address)).to.equal(bobVotes - FOUNDER_CREDIT - 3n);
      expect(await f.token.getVotes(f.carol.address)).to.equal(carolVotes);
      await time.increase(1);
      const t = (await time.latest()) - 1;
      for (const s of [f.alice, f.bob, f.carol]) {
        expect(await f.token.getPastBalance(s.address, t)).to.equal(await f.token.balanceOf(s.address));
      }
    });

    it("nobody can make another account's mints costlier: delegating to V leaves the gas of V's mints unchanged", async function () {
      const f = await loadFixture(deployTokenFixture);
      // V is a founder; carol holds tokens too. Mints of one token each, at a new timestamp every time, so
      // every one writes new checkpoints (the costliest steady case; the square roots of similar
      // balances cost the same).
      const v = f.alice.address;
      await f.token.connect(f.minter).mint(f.carol.address, parseEther("3"));
      const mintGas = async () => {
        await time.increase(10);
        return (await (await f.token.connect(f.minter).mint(v, parseEther("1"))).wait())!.gasUsed;
      };
      await mintGas();
      const base = await mintGas();
      expect(await mintGas()).to.equal(base);
      // A zero-balance account delegating to V (anyone can do this, for free) ...
      expect(await f.token.balanceOf(f.outsider.address)).to.equal(0n);
      await f.token.connect(f.outsider).delegate(v);
      expect(await mintGas()).to.equal(base);
      // ... and a holder delegating to V, then away again.
      await f.token.connect(f.carol).delegate(v);
      expect(await mintGas()).to.equal(base);
      await f.token.connect(f.carol).delegate(ZeroAddress);
      expect(await mintGas()).to.equal(base);
      // V's past balances stay exact through all of it.
      await time.increase(1);
      expect(await f.token.getPastBalance(v, (await time.latest()) - 1)).to.equal(FOUNDER_CREDIT + parseEther("6"));
    });

    it("delegates by signature once; a replayed or expired signature fails", async function () {
      const f = await loadFixture(deployTokenFixture);
      const expiry = BigInt(await time.latest()) + 3600n;
      const sig = await signDelegation(f, f.alice, f.carol.address, 0n, expiry);
      await f.token.connect(f.outsider).delegateBySig(f.carol.address, 0n, expiry, sig.v, sig.r, sig.s);
      expect(await f.token.delegates(f.alice.address)).to.equal(f.carol.address);
      expect(await f.token.getVotes(f.carol.address)).to.equal(FOUNDER_CREDIT);
      expect(await f.token.nonces(f.alice.address)).to.equal(1n);
      await expect(f.token.delegateBySig(f.carol.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(f.token, "InvalidAccountNonce")
        .withArgs(f.alice.address, 1n);
      const late = await signDelegation(f, f.alice, f.bob.address, 1n, expiry);
      await time.increaseTo(expiry + 1n);
      await expect(f.token.delegateBySig(f.bob.address, 1n, expiry, late.v, late.r, late.s))
        .to.be.revertedWithCustomError(f.token, "VotesExpiredSignature")
        .withArgs(expiry);
      expect(await f.token.delegates(f.alice.address)).to.equal(f.carol.address);
    });
  });

  describe("past votes and balances", function () {
    it("never change once recorded, and balances stay with the holder when votes are delegated", async function () {
      const f = await loadFixture(deployTokenFixture);
      const t0 = BigInt(await time.latest());
      await f.token.connect(f.minter).mint(f.bob.address, 10n);
      const t1 = BigInt(await time.latest());
      await f.token.connect(f.bob).delegate(f.carol.address);
      const t2 = BigInt(await time.latest());
      await f.token.connect(f.minter).mint(f.bob.address, 5n);
      const t3 = BigInt(await time.latest());
      await f.token.connect(f.governance).burn(f.bob.address, 4n, "ipfs://fraud");
      const t4 = BigInt(await time.latest());
      await time.increase(10);

      const snapshot = async () => ({
        balances: await Promise.all([t0, t1, t2, t3, t4].map((t) => f.token.getPastBalance(f.bob.address, t))),
        bobVotes: await Promise.all([t0, t1, t2, t3, t4].map((t) => f.token.getPastVotes(f.bob.address, t))),
        carolVotes: await Promise.all([t0, t1, t2, t3, t4].map((t) => f.token.getPastVotes(f.carol.address, t))),
        carolBalances: await Promise.all([t0, t1, t2, t3, t4].map((t) => f.token.getPastBalance(f.carol.address, t))),
        aliceBalances: await Promise.all([t0, t1, t2, t3, t4].map((t) => f.token.getPastBalance(f.alice.address, t))),
        supply: await Promise.all([t0, t1, t2, t3, t4].map((t) => f.token.getPastTotalSupply(t))),
      });
      const before = await snapshot();
      expect(before.balances).to.deep.equal([0n, 10n, 10n, 15n, 11n]);
      expect(before.bobVotes).to.deep.equal([0n, 10n, 0n, 0n, 0n]);
      expect(before.carolVotes).to.deep.equal([0n, 0n, 10n, 15n, 11n]);
      expect(before.carolBalances).to.deep.equal([0n, 0n, 0n, 0n, 0n]);
      expect(before.aliceBalances).to.deep.equal([0n, 0n, 0n, 0n, 0n].map((x) => x + FOUNDER_CREDIT));
      expect(before.supply).to.deep.equal([0n, 10n, 10n, 15n, 11n].map((x) => x + FOUNDER_CREDIT));

      // Later activity of every kind leaves the past untouched.
      await f.token.connect(f.minter).mint(f.bob.address, 100n);
      await f.token.connect(f.bob).delegate(f.bob.address);
      await f.token.connect(f.governance).burn(f.bob.address, 50n, "ipfs://more");
      await time.increase(10);
      expect(await snapshot()).to.deep.equal(before);
    });

    it("refuses to look up the present or the future", async function () {
      const f = await loadFixture(deployTokenFixture);
      const now = BigInt(await time.latest());
      await expect(f.token.getPastBalance(f.alice.address, now))
        .to.be.revertedWithCustomError(f.token, "ContributionTokenFutureLookup")
        .withArgs(now, now);
      await expect(f.token.getPastBalance(f.alice.address, now + 100n))
        .to.be.revertedWithCustomError(f.token, "ContributionTokenFutureLookup")
        .withArgs(now + 100n, now);
      await expect(f.token.getPastVotes(f.alice.address, now))
        .to.be.revertedWithCustomError(f.token, "ERC5805FutureLookup")
        .withArgs(now, now);
    });
  });

  describe("burn", function () {
    it("governance burns with a reason; votes of the delegate drop with it", async function () {
      const f = await loadFixture(deployTokenFixture);
      await f.token.connect(f.alice).delegate(f.bob.address);
      await expect(f.token.connect(f.governance).burn(f.alice.address, 40n, "ipfs://fraud-report"))
        .to.emit(f.token, "ContributionBurned")
        .withArgs(f.alice.address, 40n, "ipfs://fraud-report")
        .and.to.emit(f.token, "Transfer")
        .withArgs(f.alice.address, ZeroAddress, 40n);
      expect(await f.token.balanceOf(f.alice.address)).to.equal(FOUNDER_CREDIT - 40n);
      expect(await f.token.getVotes(f.bob.address)).to.equal(FOUNDER_CREDIT - 40n);
      expect(await f.token.totalSupply()).to.equal(FOUNDER_CREDIT - 40n);
    });

    it("only governance burns, never zero, never from zero, never more than the balance", async function () {
      const f = await loadFixture(deployTokenFixture);
      const admin = await f.token.DEFAULT_ADMIN_ROLE();
      await expect(f.token.connect(f.minter).burn(f.alice.address, 1n, "r"))
        .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
        .withArgs(f.minter.address, admin);
      await expect(f.token.connect(f.alice).burn(f.alice.address, 1n, "r"))
        .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
        .withArgs(f.alice.address, admin);
      await expect(f.token.connect(f.governance).burn(ZeroAddress, 1n, "r")).to.be.revertedWithCustomError(
        f.token,
        "ContributionTokenInvalidAccount",
      );
      await expect(f.token.connect(f.governance).burn(f.alice.address, 0n, "r")).to.be.revertedWithCustomError(
        f.token,
        "ContributionTokenInvalidAmount",
      );
      await expect(f.token.connect(f.governance).burn(f.alice.address, FOUNDER_CREDIT + 1n, "r"))
        .to.be.revertedWithCustomError(f.token, "ContributionTokenBurnExceedsBalance")
        .withArgs(f.alice.address, FOUNDER_CREDIT, FOUNDER_CREDIT + 1n);
      expect(await f.token.balanceOf(f.alice.address)).to.equal(FOUNDER_CREDIT);
    });
  });

  describe("supportsInterface", function () {
    it("reports AccessControl", async function () {
      const f = await loadFixture(deployTokenFixture);
      expect(await f.token.supportsInterface("0x7965db0b")).to.equal(true);
      expect(await f.token.supportsInterface("0xffffffff")).to.equal(false);
    });
  });
});
