import { expect } from "chai";
import { ZeroAddress, ZeroHash, parseEther } from "ethers";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import { deployClone } from "../../scripts/lib/community";
import type { EpochAllocations } from "../../typechain-types";
import { deployContributionsFixture } from "../helpers/contributions";

const LEAF_ENCODING = ["uint256", "address", "uint256"];

/** The fixture plus epoch 0 published from a tree built exactly as `contrib:epoch-publish` builds it. */
async function deployEpochFixture() {
  const f = await deployContributionsFixture();
  const rows: [bigint, string, bigint][] = [
    [0n, f.bob.address, parseEther("30")],
    [1n, f.carol.address, parseEther("20")],
    [2n, f.dave.address, parseEther("5")],
    [3n, f.bob.address, parseEther("1")],
  ];
  const tree = StandardMerkleTree.of(rows, LEAF_ENCODING);
  await f.epochs.connect(f.governance).publishEpoch(tree.root, "ipfs://epoch-0", 0n);
  // What a claim page downloads: the dumped tree, reloaded.
  const published = StandardMerkleTree.load<[bigint, string, bigint]>(
    JSON.parse(JSON.stringify(tree.dump(), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))),
  );
  return { ...f, rows, tree, published };
}

/** The row of `account` in a published tree and its proof, found as a claim page finds it. */
function findClaim(tree: StandardMerkleTree<[bigint, string, bigint]>, account: string) {
  for (const [i, v] of tree.entries()) {
    if (String(v[1]).toLowerCase() === account.toLowerCase()) {
      return { index: BigInt(v[0]), account: String(v[1]), amount: BigInt(v[2]), proof: tree.getProof(i) };
    }
  }
  throw new Error(`no row for ${account}`);
}

describe("EpochAllocations", function () {
  describe("initialize", function () {
    it("records token and governance; refuses zero addresses, a second run and the implementation", async function () {
      const f = await loadFixture(deployContributionsFixture);
      expect(await f.epochs.token()).to.equal(f.addresses.token);
      expect(await f.epochs.governance()).to.equal(f.governance.address);
      expect(await f.epochs.epochCount()).to.equal(0n);
      const at = async (a: string) =>
        (await hre.ethers.getContractAt("EpochAllocations", a)) as unknown as EpochAllocations;
      const e = await at(await deployClone(f.deployer, f.implAddresses.epochs));
      await expect(e.initialize(ZeroAddress, f.governance.address)).to.be.revertedWithCustomError(
        e,
        "EpochAllocationsInvalidAccount",
      );
      await expect(e.initialize(f.addresses.token, ZeroAddress)).to.be.revertedWithCustomError(
        e,
        "EpochAllocationsInvalidAccount",
      );
      await expect(f.epochs.initialize(f.addresses.token, f.governance.address)).to.be.revertedWithCustomError(
        f.epochs,
        "InvalidInitialization",
      );
      const impl = await at(f.implAddresses.epochs);
      await expect(impl.initialize(f.addresses.token, f.governance.address)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });
  });

  describe("publishEpoch", function () {
    it("governance publishes numbered epochs with a URI and an optional deadline", async function () {
      const f = await loadFixture(deployEpochFixture);
      const deadline = BigInt(await time.latest()) + 86400n;
      const root = "0x" + "ab".repeat(32);
      await expect(f.epochs.connect(f.governance).publishEpoch(root, "ipfs://epoch-1", deadline))
        .to.emit(f.epochs, "EpochPublished")
        .withArgs(1n, root, "ipfs://epoch-1", deadline);
      expect(await f.epochs.epochCount()).to.equal(2n);
      expect(await f.epochs.getEpoch(0n)).to.deep.equal([f.tree.root, 0n]);
      expect(await f.epochs.getEpoch(1n)).to.deep.equal([root, deadline]);
    });

    it("refuses anyone but governance, a zero root and a deadline that is not in the future", async function () {
      const f = await loadFixture(deployEpochFixture);
      const root = "0x" + "ab".repeat(32);
      await expect(f.epochs.connect(f.alice).publishEpoch(root, "u", 0n))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsUnauthorized")
        .withArgs(f.alice.address);
      await expect(f.epochs.connect(f.governance).publishEpoch(ZeroHash, "u", 0n)).to.be.revertedWithCustomError(
        f.epochs,
        "EpochAllocationsInvalidRoot",
      );
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 1n);
      await expect(f.epochs.connect(f.governance).publishEpoch(root, "u", now + 1n))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsInvalidDeadline")
        .withArgs(now + 1n, now + 1n);
      expect(await f.epochs.epochCount()).to.equal(1n);
      await expect(f.epochs.getEpoch(1n))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsUnknownEpoch")
        .withArgs(1n, 1n);
    });
  });

  describe("claim", function () {
    it("claims with a proof from @openzeppelin/merkle-tree exactly as a claim page would, sent by anyone", async function () {
      const f = await loadFixture(deployEpochFixture);
      const c = findClaim(f.published, f.carol.address);
      const tx = f.epochs.connect(f.outsider).claim(0n, c.index, c.account, c.amount, c.proof);
      await expect(tx)
        .to.emit(f.epochs, "AllocationClaimed")
        .withArgs(0n, c.index, f.carol.address, c.amount, f.outsider.address);
      await expect(tx).to.changeTokenBalance(f.token, f.carol, parseEther("20"));
      expect(await f.epochs.isClaimed(0n, c.index)).to.equal(true);
      expect(await f.epochs.isClaimed(0n, 0n)).to.equal(false);
      expect(await f.token.getVotes(f.carol.address)).to.equal(parseEther("20"));
      // One account with two lines claims both.
      for (const [i, v] of f.published.entries()) {
        if (v[1] === f.bob.address) await f.epochs.connect(f.bob).claim(0n, v[0], v[1], v[2], f.published.getProof(i));
      }
      expect(await f.token.balanceOf(f.bob.address)).to.equal(parseEther("31"));
    });

    it("refuses a double claim, a wrong proof, a changed amount or account, and an unknown epoch", async function () {
      const f = await loadFixture(deployEpochFixture);
      const c = findClaim(f.published, f.carol.address);
      const d = findClaim(f.published, f.dave.address);
      await f.epochs.claim(0n, c.index, c.account, c.amount, c.proof);
      await expect(f.epochs.claim(0n, c.index, c.account, c.amount, c.proof))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsAlreadyClaimed")
        .withArgs(0n, c.index);
      await expect(f.epochs.claim(0n, d.index, d.account, d.amount, c.proof))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsInvalidProof")
        .withArgs(0n, d.index, d.account, d.amount);
      await expect(f.epochs.claim(0n, d.index, d.account, d.amount + 1n, d.proof))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsInvalidProof")
        .withArgs(0n, d.index, d.account, d.amount + 1n);
      await expect(f.epochs.claim(0n, d.index, f.outsider.address, d.amount, d.proof))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsInvalidProof")
        .withArgs(0n, d.index, f.outsider.address, d.amount);
      await expect(f.epochs.claim(0n, 9n, d.account, d.amount, d.proof))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsInvalidProof")
        .withArgs(0n, 9n, d.account, d.amount);
      await expect(f.epochs.claim(1n, d.index, d.account, d.amount, d.proof))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsUnknownEpoch")
        .withArgs(1n, 1n);
      expect(await f.token.balanceOf(f.dave.address)).to.equal(0n);
      expect(await f.epochs.isClaimed(0n, d.index)).to.equal(false);
    });

    it("refuses claims after the epoch's deadline; claims until then", async function () {
      const f = await loadFixture(deployEpochFixture);
      const deadline = BigInt(await time.latest()) + 1000n;
      await f.epochs.connect(f.governance).publishEpoch(f.tree.root, "ipfs://epoch-1", deadline);
      const c = findClaim(f.published, f.carol.address);
      const d = findClaim(f.published, f.dave.address);
      await time.setNextBlockTimestamp(deadline);
      await f.epochs.claim(1n, c.index, c.account, c.amount, c.proof);
      await expect(f.epochs.claim(1n, d.index, d.account, d.amount, d.proof))
        .to.be.revertedWithCustomError(f.epochs, "EpochAllocationsClaimClosed")
        .withArgs(1n, deadline);
      // The same tree in another epoch is a separate allocation.
      await f.epochs.claim(0n, d.index, d.account, d.amount, d.proof);
      expect(await f.token.balanceOf(f.dave.address)).to.equal(d.amount);
      expect(await f.token.balanceOf(f.carol.address)).to.equal(c.amount);
    });
  });
});
