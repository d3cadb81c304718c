/**
 * Gas measurements of quadratic funding rounds, for the suite's benchmark (`bench/`): plug
 * `measureFunding` in as a core operation group and `measureFundingAtScale` as a slow one.
 * Both take any recorder with `record(name, gas, reference?, note?)` (the benchmark's GasRecorder).
 *
 * Recorded operations:
 *   qf.donate.erc20.first    a donor's first ERC-20 donation to a project (others already gave)
 *   qf.donate.erc20.repeat   the same donor again
 *   qf.donate.native.first / qf.donate.native.repeat
 *   qf.donate.cart10         an ERC-20 cart of 10 donations over 4 projects
 *   qf.finalize.<n>          finalising a round of 3 projects after n donations (same gas for any n;
 *                            it depends only on whether a leftover remains and, with a cap, on projects)
 */
import type { ContractTransactionResponse, Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { MockPermitToken, Round, RoundFactory } from "../../typechain-types";

export interface GasRecord {
  record(name: string, gas: number, reference?: string, note?: string): void;
}

const ONE = 10n ** 18n;

async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await sent).wait();
  if (!receipt) throw new Error("transaction dropped");
  return Number(receipt.gasUsed);
}

interface Bench {
  hre: HardhatRuntimeEnvironment;
  factory: RoundFactory;
  token: MockPermitToken;
  operator: Signer;
}

async function setup(hre: HardhatRuntimeEnvironment): Promise<Bench> {
  const { ethers } = hre;
  const [operator] = await ethers.getSigners();
  const impl = await ethers.deployContract("Round");
  const factory = (await ethers.deployContract("RoundFactory", [await impl.getAddress()])) as unknown as RoundFactory;
  const token = (await ethers.deployContract("MockPermitToken")) as unknown as MockPermitToken;
  return { hre, factory, token, operator };
}

/** A round in its donations phase with `projects` approved projects (and a small pool). */
async function round(b: Bench, projects: number, token: string): Promise<Round> {
  const { ethers, network } = b.hre;
  const latest = await ethers.provider.getBlock("latest");
  const now = BigInt(latest?.timestamp ?? 0);
  const operator = await b.operator.getAddress();
  const config = {
    token,
    minDonation: 0n,
    eligibility: ethers.ZeroAddress,
    matchCapBps: 0,
    applicationsStart: now,
    applicationsEnd: now + 100n,
    donationsStart: now + 100n,
    donationsEnd: now + 1_000_000n,
    operator,
    matchCapAmount: 0n,
    eligibilityConfig: ethers.ZeroHash,
    reviewers: [operator],
    reviewThreshold: 1n,
    metadataURI: "bench",
  };
  const address = await b.factory.createRound.staticCall(config);
  await (await b.factory.createRound(config)).wait();
  const r = (await ethers.getContractAt("Round", address, b.operator)) as unknown as Round;
  for (let i = 1; i <= projects; i++) {
    await (await r.applyProject(operator, `bench://${i}`)).wait();
    await (await r.review(i, true)).wait();
  }
  if (token === ethers.ZeroAddress) await (await r.fund(ONE / 1000n, { value: ONE / 1000n })).wait();
  await network.provider.send("evm_increaseTime", [200]);
  await network.provider.send("evm_mine", []);
  return r;
}

/** Single donations, repeats, a cart of 10, and finalisation after 10 donations. */
export async function measureFunding(hre: HardhatRuntimeEnvironment, rec: GasRecord): Promise<void> {
  const b = await setup(hre);
  const [, d1, d2, d3] = await hre.ethers.getSigners();
  const erc20 = await round(b, 4, await b.token.getAddress());
  for (const d of [d1, d2, d3]) {
    await (await b.token.mint(d.address, 100n * ONE)).wait();
    await (await b.token.connect(d).approve(await erc20.getAddress(), hre.ethers.MaxUint256)).wait();
  }
  await (await erc20.connect(d2).donate(1, ONE, "0x")).wait();
  rec.record("qf.donate.erc20.first", await gasOf(erc20.connect(d1).donate(1, ONE, "0x")));
  rec.record("qf.donate.erc20.repeat", await gasOf(erc20.connect(d1).donate(1, ONE, "0x")));
  const cart = Array.from({ length: 10 }, (_, i) => ({ projectId: BigInt((i % 4) + 1), amount: ONE + BigInt(i) }));
  rec.record(
    "qf.donate.cart10",
    await gasOf(erc20.connect(d3).donateMany(cart, "0x")),
    undefined,
    "ERC-20, 4 projects",
  );
  const native = await round(b, 3, hre.ethers.ZeroAddress);
  await (await native.connect(d2).donate(1, ONE, "0x", { value: ONE })).wait();
  rec.record("qf.donate.native.first", await gasOf(native.connect(d1).donate(1, ONE, "0x", { value: ONE })));
  rec.record("qf.donate.native.repeat", await gasOf(native.connect(d1).donate(1, ONE, "0x", { value: ONE })));
  await measureFinalize(b, rec, 10);
}

/** Finalisation after many donations (default 10,000): slow, so not for the regression check. */
export async function measureFundingAtScale(
  hre: HardhatRuntimeEnvironment,
  rec: GasRecord,
  donations = 10_000,
): Promise<void> {
  await measureFinalize(await setup(hre), rec, donations);
}

async function measureFinalize(b: Bench, rec: GasRecord, donations: number): Promise<void> {
  const { ethers, network } = b.hre;
  const r = await round(b, 3, ethers.ZeroAddress);
  const signers = (await ethers.getSigners()).slice(1);
  // Carts spread over the accounts (so every project has several donors and the ideal matches
  // exceed the small pool, the same settlement shape for any number of donations), at most 100 each.
  const size = Math.max(1, Math.min(100, Math.floor(donations / signers.length)));
  for (let done = 0, k = 0; done < donations; k++) {
    const n = Math.min(size, donations - done);
    const cart = Array.from({ length: n }, (_, i) => ({ projectId: BigInt(((done + i) % 3) + 1), amount: ONE / 100n }));
    const donor = signers[k % signers.length];
    await (await r.connect(donor).donateMany(cart, "0x", { value: (ONE / 100n) * BigInt(n) })).wait();
    done += n;
  }
  await network.provider.send("evm_increaseTime", [1_000_000]);
  await network.provider.send("evm_mine", []);
  rec.record(`qf.finalize.${donations}`, await gasOf(r.finalize()), undefined, "3 projects, no cap");
}
