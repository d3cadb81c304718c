/**
 * Fixtures and helpers for quadratic funding rounds: the suite's funding contracts deployed through
 * their Ignition module, rounds created through the factory, and moves between phases.
 */
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { ethers, ignition } from "hardhat";

import FundingModule from "../../deploy/modules/Funding";
import { PERMIT_TYPES } from "../../scripts/lib/typed-data";
import type {
  MembershipEligibility,
  MerkleAllowlistEligibility,
  MockERC20,
  MockHookToken,
  MockMembership,
  MockPermitToken,
  Round,
  RoundFactory,
} from "../../typechain-types";
import type { IRound } from "../../typechain-types/contracts/funding/Round";

export const Phase = {
  Upcoming: 0,
  Applications: 1,
  Review: 2,
  Donations: 3,
  Tallying: 4,
  Finalized: 5,
  Cancelled: 6,
} as const;

export const Status = { None: 0, Pending: 1, Approved: 2, Rejected: 3, Removed: 4 } as const;

export const ONE = 10n ** 18n;

export interface FundingFixture {
  factory: RoundFactory;
  roundImpl: Round;
  merkleEligibility: MerkleAllowlistEligibility;
  membershipEligibility: MembershipEligibility;
  membership: MockMembership;
  token: MockPermitToken;
  feeToken: MockERC20;
  hookToken: MockHookToken;
  deployer: HardhatEthersSigner;
  operator: HardhatEthersSigner;
  reviewers: HardhatEthersSigner[];
  owners: HardhatEthersSigner[];
  funders: HardhatEthersSigner[];
  donors: HardhatEthersSigner[];
}

/** The funding contracts through the deploy module, three test tokens and named accounts. */
export async function deployFundingFixture(): Promise<FundingFixture> {
  const signers = await ethers.getSigners();
  const [deployer, operator, r1, r2, r3, o1, o2, o3, o4, f1, f2, ...donors] = signers;
  const deployed = await ignition.deploy(FundingModule);
  const factory = (await ethers.getContractAt(
    "RoundFactory",
    await deployed.roundFactory.getAddress(),
  )) as unknown as RoundFactory;
  const roundImpl = (await ethers.getContractAt("Round", await deployed.roundImpl.getAddress())) as unknown as Round;
  const merkleEligibility = (await ethers.getContractAt(
    "MerkleAllowlistEligibility",
    await deployed.merkleEligibility.getAddress(),
  )) as unknown as MerkleAllowlistEligibility;
  const membershipEligibility = (await ethers.getContractAt(
    "MembershipEligibility",
    await deployed.membershipEligibility.getAddress(),
  )) as unknown as MembershipEligibility;
  const membership = (await ethers.deployContract("MockMembership")) as unknown as MockMembership;
  const token = (await ethers.deployContract("MockPermitToken")) as unknown as MockPermitToken;
  const feeToken = (await ethers.deployContract("MockERC20", ["Fee Token", "FEE", 100])) as unknown as MockERC20;
  const hookToken = (await ethers.deployContract("MockHookToken")) as unknown as MockHookToken;
  for (const s of signers) {
    await token.mint(s.address, 1_000_000n * ONE);
    await feeToken.mint(s.address, 1_000_000n * ONE);
    await hookToken.mint(s.address, 1_000_000n * ONE);
  }
  return {
    factory,
    roundImpl,
    merkleEligibility,
    membershipEligibility,
    membership,
    token,
    feeToken,
    hookToken,
    deployer,
    operator,
    reviewers: [r1, r2, r3],
    owners: [o1, o2, o3, o4],
    funders: [f1, f2],
    donors,
  };
}

export type RoundConfig = IRound.ConfigStruct;

export interface RoundSchedule {
  applicationsStart: bigint;
  applicationsEnd: bigint;
  donationsStart: bigint;
  donationsEnd: bigint;
}

/** The phases of a round whose applications open at `start`: applications, review and donations 1000 s each. */
export function schedule(
  start: bigint,
): Pick<RoundConfig, "applicationsStart" | "applicationsEnd" | "donationsStart" | "donationsEnd"> {
  return {
    applicationsStart: start,
    applicationsEnd: start + 1000n,
    donationsStart: start + 2000n,
    donationsEnd: start + 3000n,
  };
}

/** The tally window of test rounds: the shortest a round may have (one hour). */
export const TALLY_WINDOW = 3600n;

/**
 * A round config starting now (see `schedule`), with the shortest tally window; unless overridden, the
 * operator may extend donations by up to 1000 s past their (possibly overridden) end.
 */
export async function roundConfig(fx: FundingFixture, overrides: Partial<RoundConfig> = {}): Promise<RoundConfig> {
  const times = { ...schedule(BigInt(await time.latest())), ...overrides };
  return {
    token: ethers.ZeroAddress,
    operator: fx.operator.address,
    ...schedule(BigInt(await time.latest())),
    maxDonationsEnd: BigInt(times.donationsEnd) + 1000n,
    tallyWindow: TALLY_WINDOW,
    minDonation: 0n,
    matchCapAmount: 0n,
    matchCapBps: 0,
    eligibility: ethers.ZeroAddress,
    eligibilityConfig: ethers.ZeroHash,
    reviewers: [fx.reviewers[0].address],
    reviewThreshold: 1n,
    metadataURI: "ipfs://round",
    ...overrides,
  };
}

/** Creates a round through the factory and returns it. */
export async function createRound(fx: FundingFixture, overrides: Partial<RoundConfig> = {}): Promise<Round> {
  const config = await roundConfig(fx, overrides);
  const address = await fx.factory.createRound.staticCall(config);
  await fx.factory.createRound(config);
  return (await ethers.getContractAt("Round", address)) as unknown as Round;
}

/**
 * Moves the chain's clock to the start of `phase` (Review or Donations); for Tallying, to the end of
 * the tally window, when anyone may finalise (use `moveToTallyWindow` for the window itself).
 */
export async function moveTo(round: Round, phase: number): Promise<void> {
  const c = await round.config();
  const target =
    phase === Phase.Review
      ? c.applicationsEnd
      : phase === Phase.Donations
        ? c.donationsStart
        : await round.tallyWindowEnd();
  if (BigInt(await time.latest()) < target) await time.increaseTo(target);
}

/** Moves the chain's clock to the close of donations: the tally window opens (phase Tallying). */
export async function moveToTallyWindow(round: Round): Promise<void> {
  const target = (await round.config()).donationsEnd;
  if (BigInt(await time.latest()) < target) await time.increaseTo(target);
}

/** Moves the chain's clock past the owners' claim period of a finalised round: anyone may claim. */
export async function moveToOpenClaims(round: Round): Promise<void> {
  const target = await round.openClaimAt();
  if (BigInt(await time.latest()) < target) await time.increaseTo(target);
}

/** Applies with each owner (recipient = owner) and admits with the first reviewer (threshold 1). */
export async function applyAndApprove(
  fx: FundingFixture,
  round: Round,
  owners: HardhatEthersSigner[],
): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (const owner of owners) {
    await round.connect(owner).applyProject(owner.address, `ipfs://${owner.address}`);
    const id = await round.projectCount();
    await round.connect(fx.reviewers[0]).reviewApplication(id, true);
    ids.push(id);
  }
  return ids;
}

/** An EIP-2612 permit signature from `owner` for `spender`. */
export async function signPermit(
  token: MockPermitToken,
  owner: HardhatEthersSigner,
  spender: string,
  value: bigint,
  deadline: bigint,
): Promise<{ v: number; r: string; s: string }> {
  const { chainId } = await ethers.provider.getNetwork();
  const sig = await owner.signTypedData(
    { name: await token.name(), version: "1", chainId, verifyingContract: await token.getAddress() },
    { Permit: [...PERMIT_TYPES.Permit] },
    { owner: owner.address, spender, value, nonce: await token.nonces(owner.address), deadline },
  );
  const { v, r, s } = ethers.Signature.from(sig);
  return { v, r, s };
}

export { gasOf } from "../../scripts/lib/gas";
