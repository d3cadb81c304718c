/**
 * Shared fixture and helpers of the licensing and membrane tests: the suite's Licensing module
 * deployed through Ignition, one community (token + membrane clones) whose membrane is the
 * beneficiary of the works, a membership mock and two ERC-20s (one taking a fee on transfer).
 */
import hre, { ethers, ignition } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { keccak256, toUtf8Bytes, ZeroAddress, ZeroHash } from "ethers";

import LicensingModule from "../../deploy/modules/Licensing";
import { createMiniCommunity } from "../../scripts/lib/community";
import type { ContributionToken, LicenceRegistry, Membrane, MockERC20, MockMembership } from "../../typechain-types";
import type { ILicenceRegistry } from "../../typechain-types/contracts/licensing/LicenceRegistry";

export const NonCommercial = 0;
export const Commons = 1;
export const Commercial = 2;
export const Status = { None: 0, Requested: 1, Active: 2, Suspended: 3, Revoked: 4, Refused: 5 } as const;
export const NO_EXPIRY = 2n ** 64n - 1n;
export const DAY = 24 * 60 * 60;
export const NATIVE = ZeroAddress;

export type Terms = ILicenceRegistry.TermsStruct;

/** A hash of a text, standing in for the hash of a document at a URI. */
export const hashOf = (text: string): string => keccak256(toUtf8Bytes(text));

/** Terms with sensible defaults (free for members, 1 token per 30 days, 5 % revenue share). */
export function makeTerms(overrides: Partial<Terms> = {}): Terms {
  return {
    uri: "ipfs://terms-v1",
    hash: hashOf("terms-v1"),
    membership: ZeroAddress,
    charterHash: ZeroHash,
    cooperativesFree: true,
    commercialAutoGrant: true,
    renewable: true,
    attributionRequired: true,
    derivatives: 1,
    feeToken: ZeroAddress,
    feePerPeriod: 0n,
    revenueShareBps: 0,
    period: 30 * DAY,
    answerWindow: 7 * DAY,
    ...overrides,
  };
}

export interface LicensingFixture {
  registry: LicenceRegistry;
  membraneImpl: Membrane;
  token: ContributionToken;
  membrane: Membrane;
  membership: MockMembership;
  erc20: MockERC20;
  fotToken: MockERC20;
  governance: HardhatEthersSigner;
  minter: HardhatEthersSigner;
  steward: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  company: HardhatEthersSigner;
  others: HardhatEthersSigner[];
}

/** The Licensing module, a community whose membrane takes 20 % for the treasury, mocks. */
export async function deployLicensingFixture(): Promise<LicensingFixture> {
  const [, governance, minter, steward, alice, bob, carol, company, ...others] = await ethers.getSigners();
  const { licenceRegistry, membraneImpl } = await ignition.deploy(LicensingModule);
  const registry = licenceRegistry as unknown as LicenceRegistry;
  const tokenImpl = await (await ethers.getContractFactory("ContributionToken")).deploy();
  const { token, membrane } = await createMiniCommunity(hre, {
    tokenImpl: await tokenImpl.getAddress(),
    membraneImpl: await membraneImpl.getAddress(),
    governance,
    minter,
    treasuryShareBps: 2_000,
  });
  const membership = (await (await ethers.getContractFactory("MockMembership")).deploy()) as unknown as MockMembership;
  const erc20Factory = await ethers.getContractFactory("MockERC20");
  const erc20 = (await erc20Factory.deploy("Dai Stand-in", "DAI", 0)) as unknown as MockERC20;
  const fotToken = (await erc20Factory.deploy("Taxed", "TAX", 100)) as unknown as MockERC20;
  return {
    registry,
    membraneImpl: membraneImpl as unknown as Membrane,
    token,
    membrane,
    membership,
    erc20,
    fotToken,
    governance,
    minter,
    steward,
    alice,
    bob,
    carol,
    company,
    others,
  };
}

/** Registers a work by `steward` paying `beneficiary`, returns its id. */
export async function registerWork(
  registry: LicenceRegistry,
  steward: HardhatEthersSigner,
  beneficiary: string,
  terms: Terms,
  title = "Open seed press",
): Promise<bigint> {
  const [works] = await registry.counts();
  await registry.connect(steward).registerWork(title, `ipfs://${title}`, hashOf(title), beneficiary, terms);
  return works + 1n;
}

/** The id the next licence request will get. */
export async function nextLicenceId(registry: LicenceRegistry): Promise<bigint> {
  const [, licences] = await registry.counts();
  return licences + 1n;
}

export { gasOf } from "../../scripts/lib/gas";
