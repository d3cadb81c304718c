import { loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";
import type { HDNodeWallet } from "ethers";

import { referenceRound, type ClusterMap, type DonationRecord } from "../../scripts/lib/qf-reference";
import type { Round } from "../../typechain-types";
import {
  Matching,
  clusterProof,
  clusterTree,
  createMatchingRound,
  deployClusterFederation,
  joinCommunities,
  padded,
} from "../helpers/clusters";
import {
  ONE,
  Phase,
  applyAndApprove,
  createRound,
  deployFundingFixture,
  moveTo,
  moveToTallyWindow,
  roundConfig,
} from "../helpers/funding";

async function deployClusterFixture() {
  const fx = await deployFundingFixture();
  const fed = await deployClusterFederation(20);
  const wallets: HDNodeWallet[] = [];
  for (let i = 0; i < 40; i++) {
    const w = ethers.Wallet.createRandom().connect(ethers.provider);
    await setBalance(w.address, 1000n * ONE);
    wallets.push(w);
  }
  return { ...fx, fed, wallets };
}

type ClusterFixture = Awaited<ReturnType<typeof deployClusterFixture>>;

/** A schedule with a day of donations (the sybil test sends a few hundred transactions). */
async function longDonations() {
  const now = BigInt(await time.latest());
  return {
    applicationsStart: now,
    applicationsEnd: now + 1000n,
    donationsStart: now + 2000n,
    donationsEnd: now + 86_400n,
    maxDonationsEnd: now + 86_400n,
  };
}

/** A federation cluster round with three approved projects, in its donations phase. */
async function federationRound(fx: ClusterFixture): Promise<Round> {
  const round = await createMatchingRound(
    fx,
    Matching.ClusterFederation,
    padded(await fx.fed.federated.getAddress()),
    await longDonations(),
  );
  await applyAndApprove(fx, round, fx.owners.slice(0, 3));
  await moveTo(round, Phase.Donations);
  return round;
}

/** Each project's donations as the reference takes them. */
function record(donations: Map<number, DonationRecord[]>, project: number, donor: string, amount: bigint) {
  donations.set(project, [...(donations.get(project) ?? []), { donor, amount }]);
}

describe("funding/Round cluster matching", function () {
  describe("creation", function () {
    it("records the matching mode and its source, and announces them", async function () {
      const fx = await loadFixture(deployClusterFixture);
      const source = padded(await fx.fed.federated.getAddress());
      const round = await createMatchingRound(fx, Matching.ClusterFederation, source);
      expect(await round.matching()).to.deep.equal([BigInt(Matching.ClusterFederation), source]);
      const config = await roundConfig(fx);
      const root = ethers.id("groups");
      const address = await fx.factory.createRoundWithMatching.staticCall(config, Matching.ClusterMerkle, root);
      await expect(fx.factory.createRoundWithMatching(config, Matching.ClusterMerkle, root))
        .to.emit(fx.roundImpl.attach(address), "MatchingChosen")
        .withArgs(Matching.ClusterMerkle, root);
    });

    it("with standard matching chosen explicitly, behaves as a round created without a mode", async function () {
      const fx = await loadFixture(deployClusterFixture);
      const explicit = await createMatchingRound(fx, Matching.Standard, ethers.ZeroHash);
      const plain = await createRound(fx);
      for (const round of [explicit, plain]) await applyAndApprove(fx, round, fx.owners.slice(0, 1));
      for (const round of [explicit, plain]) {
        await moveTo(round, Phase.Donations);
        for (const d of fx.donors.slice(0, 3)) await round.connect(d).donate(1, ONE, "0x", { value: ONE });
      }
      expect(await explicit.matching()).to.deep.equal([0n, ethers.ZeroHash]);
      expect(await explicit.idealMatchOf(1)).to.equal(await plain.idealMatchOf(1));
      expect(await explicit.clustersOf(fx.donors[0].address)).to.deep.equal([]);
      expect(await explicit.clusterCountOf(1)).to.equal(0n);
    });
  });

  describe("clusters from the federation", function () {
    it("fixes a donor's communities at its first donation; leaving one later changes nothing", async function () {
      const fx = await loadFixture(deployClusterFixture);
      const round = await federationRound(fx);
      const [alice, bob] = fx.wallets;
      const [c0, c1] = fx.fed.communities;
      await joinCommunities(fx.fed, alice, [0, 1]);
      await expect(round.connect(alice).donate(1, 3n * ONE, "0x", { value: 3n * ONE }))
        .to.emit(round, "DonorClustersFixed")
        .withArgs(alice.address, [BigInt(c0.address), BigInt(c1.address)]);
      expect(await round.clusterTotalOf(1, c0.address)).to.equal(3n * ONE * 6n); // half, in twelfths
      expect(await round.clusterTotalOf(1, c1.address)).to.equal(3n * ONE * 6n);
      expect(await round.clusterCountOf(1)).to.equal(2n);

      await fx.fed.federated.connect(alice).leave(c1.address);
      await c1.membership.setMember(alice.address, false);
      await expect(round.connect(alice).donate(1, ONE, "0x", { value: ONE })).to.not.emit(round, "DonorClustersFixed");
      expect(await round.clustersOf(alice.address)).to.deep.equal([BigInt(c0.address), BigInt(c1.address)]);
      expect(await round.clusterTotalOf(1, c1.address)).to.equal(4n * ONE * 6n);

      // A donor in no community counts in the unaffiliated cluster, with all of its donation.
      await expect(round.connect(bob).donate(1, ONE, "0x", { value: ONE }))
        .to.emit(round, "DonorClustersFixed")
        .withArgs(bob.address, [0n]);
      expect(await round.clusterTotalOf(1, 0)).to.equal(ONE * 12n);
      expect(await round.clusterCountOf(1)).to.equal(3n);

      const clusters: ClusterMap = new Map([[alice.address.toLowerCase(), [BigInt(c0.address), BigInt(c1.address)]]]);
      const ref = referenceRound({
        pool: 0n,
        matching: "cluster",
        clusters,
        projects: [
          {
            id: 1,
            donations: [
              { donor: alice.address, amount: 3n * ONE },
              { donor: alice.address, amount: ONE },
              { donor: bob.address, amount: ONE },
            ],
          },
        ],
      });
      expect((await round.project(1)).sumRoots).to.equal(ref.projects.get(1)!.sumRoots);
      expect(await round.idealMatchOf(1)).to.equal(ref.projects.get(1)!.idealMatch);
      expect(await round.totalIdealMatch()).to.equal(ref.totalIdealMatch);
    });

    it("counts a checkout's donations in the donor's clusters, not the factory's", async function () {
      const fx = await loadFixture(deployClusterFixture);
      const round = await federationRound(fx);
      const donor = fx.wallets[2];
      await joinCommunities(fx.fed, donor, [2]);
      const cart = [
        { projectId: 1n, amount: ONE },
        { projectId: 2n, amount: 2n * ONE },
      ];
      await fx.factory
        .connect(donor)
        .checkout([{ round: await round.getAddress(), donations: cart, proof: "0x" }], { value: 3n * ONE });
      expect(await round.clustersOf(donor.address)).to.deep.equal([BigInt(fx.fed.communities[2].address)]);
      expect(await round.clustersOf(await fx.factory.getAddress())).to.deep.equal([]);
      expect(await round.clusterTotalOf(2, fx.fed.communities[2].address)).to.equal(2n * ONE * 12n);
    });

    it("refuses a donor whose source reports more than MAX_CLUSTERS communities", async function () {
      const fx = await loadFixture(deployClusterFixture);
      const source = await ethers.deployContract("MockMemberCommunities");
      const round = await createMatchingRound(fx, Matching.ClusterFederation, padded(await source.getAddress()));
      await applyAndApprove(fx, round, fx.owners.slice(0, 1));
      await moveTo(round, Phase.Donations);
      const donor = fx.donors[0];
      await source.setCommunities(
        donor.address,
        fx.fed.communities.slice(0, 5).map((c) => c.address),
      );
      await expect(round.connect(donor).donate(1, ONE, "0x", { value: ONE }))
        .to.be.revertedWithCustomError(round, "RoundTooManyClusters")
        .withArgs(donor.address, 5n, 4n);
      await source.setCommunities(
        donor.address,
        fx.fed.communities.slice(0, 4).map((c) => c.address),
      );
      await round.connect(donor).donate(1, ONE, "0x", { value: ONE });
      expect(await round.clusterCountOf(1)).to.equal(4n);
    });
  });

  describe("sybil resistance", function () {
    it("20 accounts in one community gain no more than one donor giving their total; 20 donors from 20 communities get the full quadratic match", async function () {
      this.timeout(0);
      const fx = await loadFixture(deployClusterFixture);
      const standard = await createRound(fx, await longDonations());
      await applyAndApprove(fx, standard, fx.owners.slice(0, 3));
      const round = await federationRound(fx);
      const ring = fx.wallets.slice(0, 20);
      const spread = fx.wallets.slice(20, 40);
      const loner = fx.donors[0];
      const donations = new Map<number, DonationRecord[]>();
      const clusters: ClusterMap = new Map();
      for (const w of ring) {
        await joinCommunities(fx.fed, w, [0]);
        clusters.set(w.address.toLowerCase(), [BigInt(fx.fed.communities[0].address)]);
      }
      for (const [i, w] of spread.entries()) {
        await joinCommunities(fx.fed, w, [i]);
        clusters.set(w.address.toLowerCase(), [BigInt(fx.fed.communities[i].address)]);
      }
      await fx.fed.communities[0].membership.setMember(loner.address, true);
      await fx.fed.federated.connect(loner).join(fx.fed.communities[0].address);
      clusters.set(loner.address.toLowerCase(), [BigInt(fx.fed.communities[0].address)]);
      for (const r of [round, standard]) {
        for (const w of ring) await r.connect(w).donate(1, ONE, "0x", { value: ONE });
        await r.connect(loner).donate(2, 20n * ONE, "0x", { value: 20n * ONE });
        for (const w of spread) await r.connect(w).donate(3, ONE, "0x", { value: ONE });
      }
      for (const w of ring) record(donations, 1, w.address, ONE);
      record(donations, 2, loner.address, 20n * ONE);
      for (const w of spread) record(donations, 3, w.address, ONE);

      // Cluster matching: the ring gets no more than the one donor (nothing: one cluster), the twenty
      // communities the full quadratic match, (20 * sqrt(1))^2 - 20 = 380 coins, less rounding.
      const ring1 = await round.idealMatchOf(1);
      expect(ring1).to.be.lessThanOrEqual(await round.idealMatchOf(2));
      expect(ring1).to.equal(0n);
      const full = (20n * 20n - 20n) * ONE;
      const spread3 = await round.idealMatchOf(3);
      expect(spread3).to.be.lessThanOrEqual(full);
      expect(full - spread3).to.be.lessThan(1000n);
      // Standard matching cannot tell them apart: the ring gets the full match too.
      expect(await standard.idealMatchOf(1)).to.equal(full);
      expect(await standard.idealMatchOf(3)).to.equal(full);

      const ref = referenceRound({
        pool: 0n,
        matching: "cluster",
        clusters,
        projects: [1, 2, 3].map((id) => ({ id, donations: donations.get(id)! })),
      });
      for (const id of [1, 2, 3]) expect(await round.idealMatchOf(id)).to.equal(ref.projects.get(id)!.idealMatch);
      expect(await round.clusterCountOf(1)).to.equal(1n);
      expect(await round.clusterCountOf(3)).to.equal(20n);
    });
  });

  describe("clusters published as a Merkle root", function () {
    async function merkleRound(fx: ClusterFixture) {
      const groups = new Map([
        [fx.donors[0].address, [1n, 2n]],
        [fx.donors[1].address, [7n]],
        [fx.donors[2].address, [1n, 2n, 3n, 4n]],
      ]);
      const tree = clusterTree(groups);
      const round = await createMatchingRound(fx, Matching.ClusterMerkle, tree.root);
      await applyAndApprove(fx, round, fx.owners.slice(0, 2));
      return { round, tree };
    }

    it("a donor proves its groups before donating (from the review phase on); one that does not counts as unaffiliated", async function () {
      const fx = await loadFixture(deployClusterFixture);
      const { round, tree } = await merkleRound(fx);
      const [d0, d1, d2, d3] = fx.donors;
      await moveTo(round, Phase.Review);
      await expect(round.connect(d0).proveClusters([1n, 2n], clusterProof(tree, d0.address)))
        .to.emit(round, "DonorClustersFixed")
        .withArgs(d0.address, [1n, 2n]);
      await moveTo(round, Phase.Donations);
      await round.connect(d2).proveClusters([1n, 2n, 3n, 4n], clusterProof(tree, d2.address));
      await round.connect(d0).donate(1, 2n * ONE, "0x", { value: 2n * ONE });
      await round.connect(d2).donate(1, 4n * ONE, "0x", { value: 4n * ONE });
      // d1 donates without proving: unaffiliated for the rest of the round.
      await expect(round.connect(d1).donate(1, ONE, "0x", { value: ONE }))
        .to.emit(round, "DonorClustersFixed")
        .withArgs(d1.address, [0n]);
      await expect(round.connect(d1).proveClusters([7n], clusterProof(tree, d1.address)))
        .to.be.revertedWithCustomError(round, "RoundClustersAlreadyFixed")
        .withArgs(d1.address);
      await round.connect(d3).donate(1, ONE, "0x", { value: ONE });
      // Cluster 1: d0's half (12 twelfths) + d2's quarter (12 twelfths); 3 and 4: d2's quarters; 0: d1 and d3.
      expect(await round.clusterTotalOf(1, 1)).to.equal(2n * ONE * 6n + 4n * ONE * 3n);
      expect(await round.clusterTotalOf(1, 3)).to.equal(4n * ONE * 3n);
      expect(await round.clusterTotalOf(1, 0)).to.equal(2n * ONE * 12n);
      expect(await round.clusterCountOf(1)).to.equal(5n);
      const ref = referenceRound({
        pool: 0n,
        matching: "cluster",
        clusters: new Map([
          [d0.address.toLowerCase(), [1n, 2n]],
          [d2.address.toLowerCase(), [1n, 2n, 3n, 4n]],
        ]),
        projects: [
          {
            id: 1,
            donations: [
              { donor: d0.address, amount: 2n * ONE },
              { donor: d2.address, amount: 4n * ONE },
              { donor: d1.address, amount: ONE },
              { donor: d3.address, amount: ONE },
            ],
          },
        ],
      });
      expect(await round.idealMatchOf(1)).to.equal(ref.projects.get(1)!.idealMatch);
    });

    it("refuses proofs once donations have closed", async function () {
      const fx = await loadFixture(deployClusterFixture);
      const { round, tree } = await merkleRound(fx);
      await moveToTallyWindow(round);
      await expect(round.connect(fx.donors[1]).proveClusters([7n], clusterProof(tree, fx.donors[1].address)))
        .to.be.revertedWithCustomError(round, "RoundWrongPhase")
        .withArgs(Phase.Tallying, Phase.Donations);
    });

    it("refuses proofs in a federation round", async function () {
      const fx = await loadFixture(deployClusterFixture);
      const round = await federationRound(fx);
      await expect(round.connect(fx.donors[1]).proveClusters([7n], []))
        .to.be.revertedWithCustomError(round, "RoundNotMerkleClusters")
        .withArgs(Matching.ClusterFederation);
    });
  });
});
