/**
 * Validation of task options. Each parser either returns a well-typed value or throws a
 * `TaskInputError` naming the option and saying what to fix, before any transaction is sent.
 */
import fs from "node:fs";

import { getAddress, isAddress, parseUnits, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

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
 * The account that sends a task's transactions: an index into the network's accounts ("3") or one
 * of their addresses; the first account when `value` is empty.
 */
export async function parseSigner(
  hre: HardhatRuntimeEnvironment,
  value: string | undefined,
  label: string,
): Promise<Signer> {
  const signers = await hre.ethers.getSigners();
  if (value === undefined || value === "") return signers[0];
  if (/^\d+$/.test(value)) {
    const s = signers[Number(value)];
    if (!s) throw new TaskInputError(`--${label} ${value}: ${hre.network.name} has only ${signers.length} accounts`);
    return s;
  }
  if (!isAddress(value)) throw new TaskInputError(`--${label} "${value}" is neither an account index nor an address`);
  const s = signers.find((x) => x.address === getAddress(value));
  if (!s) throw new TaskInputError(`--${label} ${value} is not an account ${hre.network.name} can sign for`);
  return s;
}
