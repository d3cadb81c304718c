/**
 * Validation of task options. Each parser either returns a well-typed value or throws a
 * `TaskInputError` naming the option and saying what to fix, before any transaction is sent.
 */
import fs from "node:fs";

import { getAddress, isAddress, parseUnits, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { resolveActor } from "./accounts";
import { TaskInputError } from "./errors";

/** A checksummed address; `label` names the option in the error. */
export function parseAddress(value: string | undefined, label: string): string {
  if (value === undefined || value === "") throw new TaskInputError(`--${label} is required (an 0x address)`);
  if (!isAddress(value))
    throw new TaskInputError(`--${label} "${value}" is not an address (0x followed by 40 hex digits)`);
  return getAddress(value);
}

/**
 * A decimal amount in token units, e.g. "1.5" with 18 decimals. Rejects negative numbers, exponents
 * and more fractional digits than the token has.
 */
export function parseAmount(value: string | undefined, decimals: number, label: string): bigint {
  if (value === undefined || value === "") throw new TaskInputError(`--${label} is required (an amount such as 1.5)`);
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new TaskInputError(`--${label} "${value}" is not a positive decimal amount (for example 1.5)`);
  }
  const fraction = value.split(".")[1] ?? "";
  if (fraction.length > decimals) {
    throw new TaskInputError(`--${label} "${value}" has ${fraction.length} decimals; the token has only ${decimals}`);
  }
  return parseUnits(value, decimals);
}

/** A non-negative whole number (ids, units, seconds). */
export function parseUint(value: string | number | undefined, label: string): bigint {
  if (value === undefined || value === "") throw new TaskInputError(`--${label} is required (a whole number)`);
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new TaskInputError(`--${label} "${text}" is not a whole number`);
  return BigInt(text);
}

/** A 32-byte hex value (content hashes). */
export function parseBytes32(value: string | undefined, label: string): string {
  if (value === undefined || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new TaskInputError(`--${label} "${value ?? ""}" is not a 32-byte hex value (0x followed by 64 hex digits)`);
  }
  return value.toLowerCase();
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(value: string | undefined, choices: readonly T[], label: string): T {
  if (value === undefined || !(choices as readonly string[]).includes(value)) {
    throw new TaskInputError(`--${label} "${value ?? ""}" must be one of: ${choices.join(", ")}`);
  }
  return value as T;
}

/** The parsed contents of a JSON file. */
export function readJsonFile<T = unknown>(file: string | undefined, label: string): T {
  if (!file) throw new TaskInputError(`--${label} is required (a path to a JSON file)`);
  if (!fs.existsSync(file)) throw new TaskInputError(`--${label}: no file at ${file}`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch (e) {
    throw new TaskInputError(`--${label}: ${file} is not valid JSON (${(e as Error).message})`);
  }
}

/**
 * The account that acts (`--from`): a keystore name, an address (of a keystore, or unlocked by a
 * local node), or an index on a local chain; see `accounts.ts`.
 */
export async function parseSigner(
  hre: HardhatRuntimeEnvironment,
  value: string | undefined,
  label: string,
): Promise<Signer> {
  return resolveActor(hre, value, label);
}

const DURATION_UNITS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86_400n, w: 604_800n, y: 31_536_000n };

/** A duration in seconds from "3600", "90d", "12w", "1y" (s, m, h, d, w, y = 365 days). */
export function parseDuration(value: string | number | undefined, label: string): bigint {
  const text = String(value ?? "").trim();
  const m = /^(\d+)([smhdwy]?)$/.exec(text);
  if (m === null) throw new TaskInputError(`--${label} "${text}" is not a duration (for example 3600, 90d, 12w or 1y)`);
  return BigInt(m[1]) * DURATION_UNITS[m[2] === "" ? "s" : m[2]];
}

/** A half-life (recency): "off" or 0 for none, else a duration between 1 day and 100 years. */
export function parseHalfLife(value: string | number | undefined, label: string): bigint {
  if (value === "off") return 0n;
  const seconds = parseDuration(value, label);
  if (seconds !== 0n && (seconds < 86_400n || seconds > 36_500n * 86_400n)) {
    throw new TaskInputError(`--${label} "${value}" must be off (0) or between 1d and 100y`);
  }
  return seconds;
}
