/**
 * Off-chain pieces of contribution accounting shared by the `contrib:*` tasks, tests and (later) a
 * claim page: the EIP-712 types of attestations and vouchers, the voucher file format, and epoch
 * allocation lists turned into `@openzeppelin/merkle-tree` StandardMerkleTrees.
 */
import fs from "node:fs";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, isAddress } from "ethers";

import { parseAmount } from "./args";
import * as TYPED from "./typed-data";
import { forEthers } from "./typed-data";
import { TaskInputError } from "./errors";

/**
 * EIP-712 type of a peer's attestation (ContributionRegistry.ATTESTATION_TYPEHASH). It names the
 * contribution's contributor, kind, amount and evidence hash, so it attests only what the attestor saw.
 * Defined once, in typed-data.ts, for the command line and the wallet app.
 */
export const ATTESTATION_TYPES = forEthers(TYPED.ATTESTATION_TYPES);

/** The values an attestation signs. */
export interface AttestationValue {
  contributionId: bigint;
  contributor: string;
  kind: bigint;
  amount: bigint;
  evidenceHash: string;
  attestor: string;
  deadline: bigint;
}

/** What a registry reads for `attestationOf`: the contribution and its evidence hash. */
interface AttestationSource {
  getContribution(id: bigint): Promise<{ contributor: string; kind: bigint; amount: bigint }>;
  evidenceHashOf(id: bigint): Promise<string>;
}

/** The attestation of contribution `contributionId` by `attestor`, bound to what the registry holds now. */
export async function attestationOf(
  registry: AttestationSource,
  contributionId: bigint,
  attestor: string,
  deadline: bigint,
): Promise<AttestationValue> {
  const c = await registry.getContribution(contributionId);
  return {
    contributionId,
    contributor: c.contributor,
    kind: c.kind,
    amount: c.amount,
    evidenceHash: await registry.evidenceHashOf(contributionId),
    attestor,
    deadline,
  };
}

/**
 * EIP-712 type of a steward's voucher (ContributionRegistry.VOUCHER_TYPEHASH): units of a kind, worth
 * units × the kind's value per unit when redeemed.
 */
export const VOUCHER_TYPES = forEthers(TYPED.VOUCHER_TYPES);

/** Leaf encoding of epoch allocations: (index, account, amount). */
export const EPOCH_LEAF_ENCODING = ["uint256", "address", "uint256"];

export type EpochLeaf = [string, string, string];

/** What `contrib:voucher-sign` writes and `contrib:voucher-redeem` reads. */
export interface VoucherFile {
  registry: string;
  chainId: string;
  steward: string;
  voucher: { contributor: string; kind: string; units: string; id: string; deadline: string };
  signature: string;
}

/** What `contrib:attest --sign-only` writes and `contrib:attest --signature-file` reads. */
export interface AttestationFile {
  registry: string;
  chainId: string;
  contributionId: string;
  contributor: string;
  kind: string;
  amount: string;
  evidenceHash: string;
  attestor: string;
  deadline: string;
  signature: string;
}

/** What `contrib:epoch-publish` writes: the tree a claim page loads, and each account's proofs. */
export interface EpochTreeFile {
  epochs: string;
  chainId: string;
  epoch: string;
  root: string;
  uri: string;
  claimDeadline: string;
  leafEncoding: string[];
  tree: ReturnType<StandardMerkleTree<EpochLeaf>["dump"]>;
  claims: Record<string, { index: string; amount: string; proof: string[] }[]>;
}

/**
 * Reads an allocation list: CSV lines `address,amount` (an optional header line `account,amount`),
 * or JSON, either `[{ "account": "0x..", "amount": "12.5" }]` or `{ "0x..": "12.5" }`. Amounts are in
 * tokens (18 decimals). An account listed twice gets the sum.
 */
export function readAllocations(file: string, decimals = 18): Map<string, bigint> {
  if (!fs.existsSync(file)) throw new TaskInputError(`--file: no file at ${file}`);
  const text = fs.readFileSync(file, "utf8");
  const pairs: [string, string][] = [];
  if (/\.json$/i.test(file) || /^\s*[[{]/.test(text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new TaskInputError(`--file: ${file} is not valid JSON (${(e as Error).message})`);
    }
    if (Array.isArray(data)) {
      for (const row of data as { account?: unknown; address?: unknown; amount?: unknown }[]) {
        pairs.push([String(row.account ?? row.address ?? ""), String(row.amount ?? "")]);
      }
    } else if (data && typeof data === "object") {
      for (const [k, v] of Object.entries(data as Record<string, unknown>)) pairs.push([k, String(v)]);
    } else {
      throw new TaskInputError(`--file: ${file} must hold an array of {account, amount} or an object address → amount`);
    }
  } else {
    text.split(/\r?\n/).forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === "" || trimmed.startsWith("#")) return;
      const [a, b] = trimmed.split(",").map((s) => s.trim());
      if (i === 0 && !isAddress(a)) return; // header
      pairs.push([a, b ?? ""]);
    });
  }
  const out = new Map<string, bigint>();
  pairs.forEach(([account, amount], i) => {
    if (!isAddress(account)) throw new TaskInputError(`--file: entry ${i + 1}: "${account}" is not an address`);
    const value = parseAmount(amount, decimals, `file entry ${i + 1} amount`);
    if (value === 0n) throw new TaskInputError(`--file: entry ${i + 1}: the amount is zero`);
    const key = getAddress(account);
    out.set(key, (out.get(key) ?? 0n) + value);
  });
  if (out.size === 0) throw new TaskInputError(`--file: ${file} lists no allocations`);
  return out;
}

/** The StandardMerkleTree of an allocation list, leaves numbered in the list's order. */
export function allocationTree(allocations: Map<string, bigint>): StandardMerkleTree<EpochLeaf> {
  const leaves: EpochLeaf[] = [...allocations.entries()].map(([account, amount], i) => [
    String(i),
    account,
    amount.toString(),
  ]);
  return StandardMerkleTree.of(leaves, EPOCH_LEAF_ENCODING);
}

/** Each account's leaves and proofs in a tree, keyed by checksummed address. */
export function claimsOf(tree: StandardMerkleTree<EpochLeaf>): EpochTreeFile["claims"] {
  const claims: EpochTreeFile["claims"] = {};
  for (const [i, [index, account, amount]] of tree.entries()) {
    const key = getAddress(account);
    (claims[key] ??= []).push({ index: String(index), amount: String(amount), proof: tree.getProof(i) });
  }
  return claims;
}

/** The file `contrib:epoch-publish` writes (and the demo, whose root governance publishes): the tree and every proof. */
export function epochTreeFile(
  tree: StandardMerkleTree<EpochLeaf>,
  where: { epochs: string; chainId: bigint; epoch: bigint; uri: string; claimDeadline: bigint },
): EpochTreeFile {
  return {
    epochs: where.epochs,
    chainId: where.chainId.toString(),
    epoch: where.epoch.toString(),
    root: tree.root,
    uri: where.uri,
    claimDeadline: where.claimDeadline.toString(),
    leafEncoding: EPOCH_LEAF_ENCODING,
    tree: tree.dump(),
    claims: claimsOf(tree),
  };
}
