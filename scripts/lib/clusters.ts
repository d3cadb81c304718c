/**
 * Groups an operator publishes for a cluster (plural) matching round outside a federation: a JSON file
 * of groups, turned into the Merkle tree whose root the round holds (`@openzeppelin/merkle-tree`'s
 * standard format, leaves `[address donor, uint256[] clusters]` with the ids strictly increasing), and
 * the proof a donor gives to `Round.proveClusters`.
 *
 *   { "groups": [ { "id": 1, "name": "Watershed", "members": ["0x...", ...] }, ... ] }
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress } from "ethers";

import { TaskInputError } from "./errors";
import { MAX_CLUSTERS } from "./qf-reference";

export interface ClusterGroup {
  /** The cluster id (a positive integer; 0 is the unaffiliated cluster). */
  id: number | string;
  name?: string;
  members: string[];
}

export interface ClusterFile {
  groups: ClusterGroup[];
}

/** The leaf types of a groups tree. */
export const CLUSTER_LEAF = ["address", "uint256[]"];

export type ClusterTree = StandardMerkleTree<[string, string[]]>;

/** Each member's cluster ids, strictly increasing (checksummed address -> ids). */
export function clusterAssignments(file: ClusterFile): Map<string, bigint[]> {
  if (!file || !Array.isArray(file.groups) || file.groups.length === 0) {
    throw new TaskInputError(`a clusters file needs "groups": [{ "id": 1, "members": ["0x..."] }, ...]`);
  }
  const seen = new Set<bigint>();
  const byMember = new Map<string, bigint[]>();
  for (const [i, g] of file.groups.entries()) {
    let id: bigint;
    try {
      id = BigInt(g.id);
    } catch {
      throw new TaskInputError(`groups[${i}].id must be a positive integer, not ${JSON.stringify(g.id)}`);
    }
    if (id <= 0n || id >= 2n ** 256n)
      throw new TaskInputError(`groups[${i}].id must be a positive integer below 2^256`);
    if (seen.has(id)) throw new TaskInputError(`groups[${i}].id ${id} is used twice`);
    seen.add(id);
    if (!Array.isArray(g.members)) throw new TaskInputError(`groups[${i}].members must be an array of addresses`);
    for (const m of g.members) {
      let member: string;
      try {
        member = getAddress(m);
      } catch {
        throw new TaskInputError(`groups[${i}].members: ${JSON.stringify(m)} is not an address`);
      }
      byMember.set(member, [...(byMember.get(member) ?? []), id]);
    }
  }
  for (const [member, ids] of byMember) {
    if (ids.length > MAX_CLUSTERS) {
      throw new TaskInputError(`${member} is in ${ids.length} groups; a donor counts in at most ${MAX_CLUSTERS}`);
    }
    ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return byMember;
}

/** The tree of `[donor, clusters]` leaves whose root a `ClusterMerkle` round holds. */
export function clusterTree(assignments: Map<string, bigint[]>): ClusterTree {
  return StandardMerkleTree.of(
    [...assignments].map(([donor, ids]) => [donor, ids.map((id) => id.toString())] as [string, string[]]),
    CLUSTER_LEAF,
  );
}

/** `donor`'s clusters and their proof in `tree`, or undefined when the donor has no leaf (unaffiliated). */
export function clusterProof(tree: ClusterTree, donor: string): { clusters: bigint[]; proof: string[] } | undefined {
  for (const [i, [member, ids]] of tree.entries()) {
    if (member.toLowerCase() === donor.toLowerCase()) {
      return { clusters: ids.map((id) => BigInt(id)), proof: tree.getProof(i) };
    }
  }
  return undefined;
}
