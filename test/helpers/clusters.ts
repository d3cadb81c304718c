/**
 * Helpers for cluster (plural) matching rounds: a federation of `n` communities to draw clusters
 * from, groups published as a Merkle root, and rounds created with a matching mode.
 */
import { ethers } from "hardhat";

import { clusterProof as proofOf, clusterTree as treeOf, type ClusterTree } from "../../scripts/lib/clusters";
import type { FederatedMembership, MockMembership, Round } from "../../typechain-types";
import { factoryRecord } from "./federation";
import { roundConfig, type FundingFixture, type RoundConfig } from "./funding";

/** `IRound.Matching`. */
export const Matching = { Standard: 0, ClusterFederation: 1, ClusterMerkle: 2 } as const;

export interface ClusterCommunity {
  /** The community's address in the registry (its governance). */
  address: string;
  membership: MockMembership;
}

export interface ClusterFederation {
  federated: FederatedMembership;
  communities: ClusterCommunity[];
}

/** A federation of `n` recognised communities, each with its own membership list, nobody listed yet. */
export async function deployClusterFederation(n: number): Promise<ClusterFederation> {
  const [founder] = await ethers.getSigners();
  const factory = await ethers.deployContract("FederationMockFactory");
  const registry = await ethers.deployContract("FederationRegistry", [await factory.getAddress(), founder.address]);
  const federated = (await ethers.deployContract("FederatedMembership", [
    await registry.getAddress(),
  ])) as unknown as FederatedMembership;
  const communities: ClusterCommunity[] = [];
  for (let id = 1; id <= n; id++) {
    const gov = ethers.Wallet.createRandom().address;
    const membership = (await ethers.deployContract("MockMembership")) as unknown as MockMembership;
    await factory.setCommunity(
      id,
      factoryRecord(id % 2 ? "bioregion" : "guild", `c${id}`, gov, await membership.getAddress()),
    );
    await registry.register(id);
    communities.push({ address: gov, membership });
  }
  await registry.connect(founder).found(communities.map((c) => c.address));
  return { federated, communities };
}

/** Makes `donor` a member of the communities given and lists them in the federated membership view. */
export async function joinCommunities(
  fed: ClusterFederation,
  donor: { address: string } & Parameters<FederatedMembership["connect"]>[0],
  indexes: number[],
): Promise<void> {
  for (const i of indexes) {
    await fed.communities[i].membership.setMember(donor.address, true);
    await fed.federated.connect(donor).join(fed.communities[i].address);
  }
}

/** Groups published by an operator: the standard Merkle tree of `[address donor, uint256[] clusters]` leaves. */
export function clusterTree(groups: Map<string, bigint[]>): ClusterTree {
  return treeOf(groups);
}

/** The proof of `donor`'s leaf in `tree`. */
export function clusterProof(tree: ClusterTree, donor: string): string[] {
  const found = proofOf(tree, donor);
  if (!found) throw new Error(`${donor} is not in the tree`);
  return found.proof;
}

/** Creates a round with the matching mode and cluster source given, through the factory. */
export async function createMatchingRound(
  fx: FundingFixture,
  matching: number,
  clusterSource: string,
  overrides: Partial<RoundConfig> = {},
): Promise<Round> {
  const config = await roundConfig(fx, overrides);
  const address = await fx.factory.createRoundWithMatching.staticCall(config, matching, clusterSource);
  await fx.factory.createRoundWithMatching(config, matching, clusterSource);
  return (await ethers.getContractAt("Round", address)) as unknown as Round;
}

/** An address left-padded to 32 bytes, as a cluster source. */
export function padded(address: string): string {
  return ethers.zeroPadValue(address, 32);
}
