/**
 * Option parsing shared by the `lic:*` and `membrane:*` tasks: who sends, which work, which asset,
 * and the terms file format.
 */
import fs from "node:fs";

import { getAddress, isAddress, keccak256, ZeroAddress, ZeroHash, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { IERC20Metadata } from "../../typechain-types";
import type { ILicenceRegistry } from "../../typechain-types/contracts/licensing/LicenceRegistry";
import { parseAmount, parseBytes32, parseChoice, parseSigner, parseUint, readJsonFile } from "./args";
import { TaskInputError } from "./errors";
import { requireNamed } from "./record";
import { CHARTER_TYPES as TYPED_CHARTER, DOMAIN_NAMES, forEthers } from "./typed-data";

export const LICENCE_CLASSES = ["non-commercial", "commons", "commercial"] as const;
export const LICENCE_STATUSES = ["none", "requested", "active", "suspended", "revoked", "refused"] as const;
export const DERIVATIVES = ["not-allowed", "share-alike", "allowed"] as const;

/** EIP-712 types of a charter acceptance (see LicenceRegistry.CHARTER_TYPEHASH). */
export const CHARTER_TYPES = forEthers(TYPED_CHARTER);

/** EIP-712 domain of the licence registry at `registry` on chain `chainId`. */
export function registryDomain(chainId: bigint, registry: string) {
  return { name: DOMAIN_NAMES.licenceRegistry, version: "1", chainId, verifyingContract: registry };
}

/** The signer given by `--from` (an index into the node's accounts, or an address); default the first. */
export async function signerFor(hre: HardhatRuntimeEnvironment, from: string | undefined): Promise<Signer> {
  return parseSigner(hre, from, "from");
}

/** A work id from `--work`: a number, or the name it was recorded under by `lic:register`. */
export async function resolveWork(hre: HardhatRuntimeEnvironment, value: string | undefined): Promise<bigint> {
  if (value === undefined || value === "") throw new TaskInputError("--work is required (a work id or recorded name)");
  if (/^\d+$/.test(value)) return BigInt(value);
  return BigInt(String((await requireNamed(hre, "work", value)).id));
}

/** An asset from `--asset`: "native" (address zero) or an ERC-20 address. */
export function parseAsset(value: string | undefined): string {
  if (value === undefined || value === "" || value === "native") return ZeroAddress;
  if (!isAddress(value)) throw new TaskInputError(`--asset "${value}" must be "native" or an ERC-20 address`);
  return getAddress(value);
}

/** Decimals and symbol of an asset (18 and the chain's currency for native). */
export async function assetInfo(
  hre: HardhatRuntimeEnvironment,
  asset: string,
): Promise<{ decimals: number; symbol: string; erc20?: IERC20Metadata }> {
  if (asset === ZeroAddress) return { decimals: 18, symbol: "native" };
  const erc20 = (await hre.ethers.getContractAt("IERC20Metadata", asset)) as unknown as IERC20Metadata;
  return { decimals: Number(await erc20.decimals()), symbol: await erc20.symbol(), erc20 };
}

/** The terms file of `lic:register` and `lic:terms` (see docs/licensing.md). */
export interface TermsFile {
  uri: string;
  hash?: string;
  file?: string;
  membership?: string;
  charterHash?: string;
  cooperativesFree?: boolean;
  commercialAutoGrant?: boolean;
  renewable?: boolean;
  attributionRequired?: boolean;
  derivatives?: (typeof DERIVATIVES)[number];
  feeToken?: string;
  fee?: string;
  revenueShareBps?: number;
  periodSeconds?: number;
  answerWindowSeconds?: number;
}

/** Reads and validates a terms file into the registry's Terms struct. */
export async function readTerms(
  hre: HardhatRuntimeEnvironment,
  path: string | undefined,
): Promise<ILicenceRegistry.TermsStruct> {
  const t = readJsonFile<TermsFile>(path, "terms");
  if (typeof t.uri !== "string" || t.uri === "")
    throw new TaskInputError(`--terms: "uri" (where the licence text is) is required`);
  let hash: string;
  if (t.hash !== undefined) hash = parseBytes32(t.hash, "terms: hash");
  else if (t.file !== undefined && fs.existsSync(t.file)) hash = keccak256(fs.readFileSync(t.file));
  else
    throw new TaskInputError(
      `--terms: give "hash" (0x + 64 hex digits) or "file" (the licence text, hashed with keccak-256)`,
    );
  const feeToken = parseAsset(t.feeToken);
  const { decimals } = await assetInfo(hre, feeToken);
  const addr = (v: string | undefined, label: string) => {
    if (v === undefined || v === "") return ZeroAddress;
    if (!isAddress(v)) throw new TaskInputError(`--terms: "${label}" "${v}" is not an address`);
    return getAddress(v);
  };
  const bps = Number(parseUint(t.revenueShareBps ?? 0, "terms: revenueShareBps"));
  if (bps > 10_000) throw new TaskInputError(`--terms: "revenueShareBps" ${bps} is above 10000 (100 %)`);
  return {
    uri: t.uri,
    hash,
    membership: addr(t.membership, "membership"),
    charterHash: t.charterHash ? parseBytes32(t.charterHash, "terms: charterHash") : ZeroHash,
    cooperativesFree: t.cooperativesFree ?? true,
    commercialAutoGrant: t.commercialAutoGrant ?? true,
    renewable: t.renewable ?? true,
    attributionRequired: t.attributionRequired ?? true,
    derivatives: DERIVATIVES.indexOf(parseChoice(t.derivatives ?? "share-alike", DERIVATIVES, "terms: derivatives")),
    feeToken,
    feePerPeriod: t.fee ? parseAmount(t.fee, decimals, "terms: fee") : 0n,
    revenueShareBps: bps,
    period: parseUint(t.periodSeconds ?? 30 * 24 * 3600, "terms: periodSeconds"),
    answerWindow: parseUint(t.answerWindowSeconds ?? 7 * 24 * 3600, "terms: answerWindowSeconds"),
  };
}
