/**
 * Quadratic funding operations. Every round here has the same 20 approved projects, so the
 * figures at different scales are comparable:
 *   qf.donate.erc20          a donor's first ERC-20 donation to a project (others already gave)
 *   qf.donate.erc20.repeat   the same donor to the same project again
 *   qf.donate.native         a donor's first native donation to a project
 *   qf.cart.10               an ERC-20 cart of ten donations to ten projects, one transaction
 *   qf.finalize.<n>          finalising after n donations, pool smaller than the ideal matches
 *   qf.finalize.<n>.cap      the same with a 25% cap on any project's match
 *   qf.claim                 a project pulling its donations plus match
 *   qf.donate.cluster.federation[.repeat]  cluster matching, clusters from the federation: a donor in two
 *                            communities, first donation to a project (reads its communities) and again
 *   qf.donate.cluster.merkle[.repeat]      cluster matching, published groups: a donor in two groups
 *                            (proven before), first donation to a project and again
 *   qf.cluster.prove         a donor proving its two published groups
 *   qf.finalize.cluster.<n>  finalising a cluster round (published groups, one per donor) after n donations
 */
import type { Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { MockPermitToken, Round, RoundFactory } from "../../typechain-types";
import { clusterProof, clusterTree, type ClusterTree } from "../../scripts/lib/clusters";
import { gasOf, type GasRecorder } from "../lib";
import { factoryRecord } from "../../test/helpers/federation";

const ONE = 10n ** 18n;
export const BENCH_PROJECTS = 20;
/** A cap no project reaches at any scale here (at most 5 projects share the pool at 10 donations). */
const CAP_BPS = 2_500;

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

/** A round in its donations phase with BENCH_PROJECTS approved projects and a small pool. */
/** `IRound.Matching` of cluster rounds. */
const CLUSTER_FEDERATION = 1;
const CLUSTER_MERKLE = 2;

async function openRound(
  b: Bench,
  token: string,
  matchCapBps = 0,
  matching?: { mode: number; source: string },
): Promise<Round> {
  const { ethers, network } = b.hre;
  const now = BigInt((await ethers.provider.getBlock("latest"))?.timestamp ?? 0);
  const operator = await b.operator.getAddress();
  const config = {
    token,
    minDonation: 0n,
    eligibility: ethers.ZeroAddress,
    matchCapBps,
    applicationsStart: now,
    applicationsEnd: now + 100n,
    donationsStart: now + 100n,
    donationsEnd: now + 1_000_000n,
    maxDonationsEnd: now + 1_000_000n,
    tallyWindow: TALLY_WINDOW,
    operator,
    matchCapAmount: 0n,
    eligibilityConfig: ethers.ZeroHash,
    reviewers: [operator],
    reviewThreshold: 1n,
    metadataURI: "bench",
  };
  let address: string;
  if (matching) {
    address = await b.factory.createRoundWithMatching.staticCall(config, matching.mode, matching.source);
    await (await b.factory.createRoundWithMatching(config, matching.mode, matching.source)).wait();
  } else {
    address = await b.factory.createRound.staticCall(config);
    await (await b.factory.createRound(config)).wait();
  }
  const r = (await ethers.getContractAt("Round", address, b.operator)) as unknown as Round;
  for (let i = 1; i <= BENCH_PROJECTS; i++) {
    await (await r.applyProject(operator, `bench://${i}`)).wait();
    await (await r.reviewApplication(i, true)).wait();
  }
  if (token === ethers.ZeroAddress) await (await r.fund(ONE / 1000n, { value: ONE / 1000n })).wait();
  await network.provider.send("evm_increaseTime", [200]);
  await network.provider.send("evm_mine", []);
  return r;
}

/** The shortest tally window a round may have: finalisation waits for it after donations close. */
const TALLY_WINDOW = 3600;

/** Closes donations and lets the tally window pass. */
async function closeDonations(hre: HardhatRuntimeEnvironment): Promise<void> {
  await hre.network.provider.send("evm_increaseTime", [1_000_000 + TALLY_WINDOW]);
  await hre.network.provider.send("evm_mine", []);
}

/** Donations, a cart of ten, finalisation after 10 donations (with and without cap) and a claim. */
export async function measureFunding(hre: HardhatRuntimeEnvironment, rec: GasRecorder): Promise<void> {
  const b = await setup(hre);
  const [, d1, d2, d3] = await hre.ethers.getSigners();
  const erc20 = await openRound(b, await b.token.getAddress());
  for (const d of [d1, d2, d3]) {
    await (await b.token.mint(d.address, 100n * ONE)).wait();
    await (await b.token.connect(d).approve(await erc20.getAddress(), hre.ethers.MaxUint256)).wait();
  }
  await (await erc20.connect(d2).donate(1, ONE, "0x")).wait();
  rec.record(
    "qf.donate.erc20",
    await gasOf(erc20.connect(d1).donate(1, ONE, "0x")),
    undefined,
    "first donation of a donor to a project",
  );
  rec.record("qf.donate.erc20.repeat", await gasOf(erc20.connect(d1).donate(1, ONE, "0x")));
  const cart = Array.from({ length: 10 }, (_, i) => ({ projectId: BigInt(i + 1), amount: ONE + BigInt(i) }));
  rec.record("qf.cart.10", await gasOf(erc20.connect(d3).donateMany(cart, "0x")), undefined, "ERC-20, ten projects");

  const native = await openRound(b, hre.ethers.ZeroAddress);
  await (await native.connect(d2).donate(1, ONE, "0x", { value: ONE })).wait();
  rec.record("qf.donate.native", await gasOf(native.connect(d1).donate(1, ONE, "0x", { value: ONE })));

  await measureFinalize(b, rec, 10, false, true);
  await measureFinalize(b, rec, 10, true);
  await measureClusterDonations(b, rec);
  await measureFinalize(b, rec, 10, false, false, true);
}

/** Groups published for the benchmark: signer i in group i, signer 1 also in group 2. */
async function benchGroups(hre: HardhatRuntimeEnvironment): Promise<ClusterTree> {
  const signers = await hre.ethers.getSigners();
  return clusterTree(new Map(signers.slice(1).map((s, i) => [s.address, i === 0 ? [1n, 2n] : [BigInt(i + 1)]])));
}

/** Cluster rounds: a donor in two clusters, first and repeat ERC-20 donations, from both sources. */
async function measureClusterDonations(b: Bench, rec: GasRecorder): Promise<void> {
  const { ethers } = b.hre;
  const [founder, d1, d2] = await ethers.getSigners();
  const token = await b.token.getAddress();
  // A federation of two recognised communities; d1 is a member of both, d2 of one.
  const factory = await ethers.deployContract("FederationMockFactory");
  const registry = await ethers.deployContract("FederationRegistry", [await factory.getAddress(), founder.address]);
  const federated = await ethers.deployContract("FederatedMembership", [await registry.getAddress()]);
  const communities: string[] = [];
  for (const id of [1, 2]) {
    const gov = ethers.Wallet.createRandom().address;
    const membership = await ethers.deployContract("MockMembership");
    for (const d of [d1, d2]) if (id === 1 || d === d1) await (await membership.setMember(d.address, true)).wait();
    const record = factoryRecord(id === 1 ? "bioregion" : "guild", `bench ${id}`, gov, await membership.getAddress());
    await (await factory.setCommunity(id, record)).wait();
    await (await registry.register(id)).wait();
    communities.push(gov);
  }
  await (await registry.found(communities)).wait();
  for (const c of communities) await (await federated.connect(d1).join(c)).wait();
  await (await federated.connect(d2).join(communities[0])).wait();
  const tree = await benchGroups(b.hre);
  for (const [label, matching] of [
    ["federation", { mode: CLUSTER_FEDERATION, source: ethers.zeroPadValue(await federated.getAddress(), 32) }],
    ["merkle", { mode: CLUSTER_MERKLE, source: tree.root }],
  ] as const) {
    const r = await openRound(b, token, 0, matching);
    for (const d of [d1, d2]) await (await b.token.connect(d).approve(await r.getAddress(), ethers.MaxUint256)).wait();
    if (label === "merkle") {
      for (const d of [d1, d2]) {
        const leaf = clusterProof(tree, d.address)!;
        const sent = r.connect(d).proveClusters(leaf.clusters, leaf.proof);
        if (d === d1)
          rec.record("qf.cluster.prove", await gasOf(sent), undefined, "a donor proving two published groups");
        else await (await sent).wait();
      }
    }
    await (await r.connect(d2).donate(1, ONE, "0x")).wait();
    rec.record(
      `qf.donate.cluster.${label}`,
      await gasOf(r.connect(d1).donate(1, ONE, "0x")),
      "qf.donate.erc20",
      label === "federation"
        ? "first donation of a donor in two communities (reads them from FederatedMembership)"
        : "first donation of a donor in two published groups (proven before)",
    );
    rec.record(
      `qf.donate.cluster.${label}.repeat`,
      await gasOf(r.connect(d1).donate(1, ONE, "0x")),
      "qf.donate.erc20.repeat",
    );
  }
}

/** Finalisation after 100, 1,000 and 10,000 donations, with and without a cap (slow). */
export async function measureFundingAtScale(
  hre: HardhatRuntimeEnvironment,
  rec: GasRecorder,
  sizes: number[] = [100, 1_000, 10_000],
): Promise<void> {
  const b = await setup(hre);
  for (const n of sizes) {
    await measureFinalize(b, rec, n, false);
    await measureFinalize(b, rec, n, true);
    await measureFinalize(b, rec, n, false, false, true);
  }
}

async function measureFinalize(
  b: Bench,
  rec: GasRecorder,
  donations: number,
  cap: boolean,
  claim = false,
  cluster = false,
): Promise<void> {
  const { ethers } = b.hre;
  const tree = cluster ? await benchGroups(b.hre) : undefined;
  const r = await openRound(
    b,
    ethers.ZeroAddress,
    cap ? CAP_BPS : 0,
    tree ? { mode: CLUSTER_MERKLE, source: tree.root } : undefined,
  );
  const donors = (await ethers.getSigners()).slice(1);
  if (tree) {
    // Every donor proves its group(s), so the clusters are as many as the donors.
    for (const d of donors) {
      const leaf = clusterProof(tree, d.address)!;
      await (await r.connect(d).proveClusters(leaf.clusters, leaf.proof)).wait();
    }
  }
  // Carts of at most 100 spread over the accounts, cycling over the projects (over fewer of them when
  // there are fewer than 40 donations), so every project reached has at least two distinct donors and
  // the ideal matches exceed the small pool: the same settlement shape (pool scaled down, no leftover)
  // for any number of donations.
  const reached = Math.min(BENCH_PROJECTS, Math.max(1, Math.floor(donations / 2)));
  const size = Math.max(1, Math.min(100, Math.floor(donations / donors.length)));
  for (let done = 0, k = 0; done < donations; k++) {
    const n = Math.min(size, donations - done);
    const amount = ONE / 100n;
    const cart = Array.from({ length: n }, (_, i) => ({
      projectId: BigInt(((done + i) % reached) + 1),
      amount,
    }));
    await (await r.connect(donors[k % donors.length]).donateMany(cart, "0x", { value: amount * BigInt(n) })).wait();
    done += n;
  }
  await closeDonations(b.hre);
  const name = `qf.finalize.${cluster ? "cluster." : ""}${donations}${cap ? ".cap" : ""}`;
  const receipt = await (await r.finalize()).wait();
  const finalized = receipt!.logs.map((l) => r.interface.parseLog(l)).find((e) => e?.name === "RoundFinalized");
  if (finalized?.args.leftover !== 0n) {
    throw new Error(`${name}: the pool was not exhausted; the benchmark's round has the wrong shape`);
  }
  rec.record(
    name,
    Number(receipt!.gasUsed),
    undefined,
    `${BENCH_PROJECTS} projects${cap ? ", 25% cap (loops over the projects)" : ", no cap"}${
      cluster ? ", cluster matching (published groups, one per donor)" : ""
    }`,
  );
  if (claim) rec.record("qf.claim", await gasOf(r.claim(1)));
}
