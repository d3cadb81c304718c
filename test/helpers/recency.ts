/**
 * Fixtures for the recency tests: a contribution token (and its membrane) created with a half-life,
 * a minter, and the TypeScript model (`scripts/lib/recency-model.ts`) started at the token's creation.
 */
import { time } from "@nomicfoundation/hardhat-network-helpers";
import hre, { ethers } from "hardhat";

import { createMiniCommunity } from "../../scripts/lib/community";
import { RecencyToken } from "../../scripts/lib/recency-model";
import type { ContributionToken } from "../../typechain-types";

export const DAY = 86_400n;
export const YEAR = 365n * DAY;
export const QUARTER = 90n * DAY;
export const HUNDRED_YEARS = 36_500n * DAY;
export const ONE_HALF_LIFE = 1n << 64n;

/** A token and membrane created with `halfLife` (0: no decay), and the model started with them. */
export async function deployRecencyCommunity(halfLife: bigint) {
  const [deployer, governance, minter, alice, bob, carol, dave] = await ethers.getSigners();
  const tokenImpl = await (await ethers.getContractFactory("ContributionToken")).deploy();
  const membraneImpl = await (await ethers.getContractFactory("Membrane")).deploy();
  const { token, membrane } = await createMiniCommunity(hre, {
    tokenImpl: await tokenImpl.getAddress(),
    membraneImpl: await membraneImpl.getAddress(),
    governance,
    minter,
    treasuryShareBps: 2_000,
    halfLife,
  });
  const start = await createdAt(token);
  return {
    token,
    membrane,
    deployer,
    governance,
    minter,
    alice,
    bob,
    carol,
    dave,
    start,
    model: new RecencyToken(start, halfLife),
  };
}

export type RecencyCommunity = Awaited<ReturnType<typeof deployRecencyCommunity>>;

/** The timestamp of the block that initialised `token`. */
export async function createdAt(token: ContributionToken): Promise<bigint> {
  const [initialized] = await token.queryFilter(token.filters.Initialized());
  const block = await ethers.provider.getBlock(initialized.blockNumber);
  return BigInt(block!.timestamp);
}

/** Sends `send` in a block at timestamp `t` and returns `t`. */
export async function atTime<T>(t: bigint, send: () => Promise<T>): Promise<T> {
  await time.setNextBlockTimestamp(t);
  return send();
}

/** The timestamp of the latest block. */
export async function now(): Promise<bigint> {
  return BigInt(await time.latest());
}
