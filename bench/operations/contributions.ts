/**
 * Contribution accounting, in a community made by the factory (three founders, a steward):
 *   contrib.claim.attested   a contributor's first claim of an attested contribution (new holder)
 *   contrib.claim.merkle     an epoch claim with a proof, 64 leaves, the same shape as the reference
 *   contrib.voucher.redeem   a steward's voucher (5 units, within its budget) redeemed by a member, a new holder
 *   contrib.mint             the token's mint alone to a new holder: what every claim above adds to
 *                            a plain ERC-20 transfer (balance, supply, supply and vote checkpoints)
 * and each again as `<name>.decay` in a community whose contribution weight fades (recency, a 90-day
 * half-life), beside the same operation without decay.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import CommunitiesModule from "../../deploy/modules/Communities";
import { EPOCH_LEAF_ENCODING, VOUCHER_TYPES } from "../../scripts/lib/contributions";
import type { CommunityFactory } from "../../typechain-types";
import { gasOf, type GasRecorder } from "../lib";
import { BENCH_GOVERNANCE, BENCH_HALF_LIFE, asAccount, benchCommunityConfig } from "./shared";

export async function measureContributions(hre: HardhatRuntimeEnvironment, rec: GasRecorder): Promise<void> {
  await measureContributionsWith(hre, rec, 0n);
  await measureContributionsWith(hre, rec, BENCH_HALF_LIFE);
}

async function measureContributionsWith(
  hre: HardhatRuntimeEnvironment,
  baseRec: GasRecorder,
  halfLife: bigint,
): Promise<void> {
  const { ethers } = hre;
  // With decay, each row is named `<name>.decay` and compared with the same operation without it.
  const rec = {
    record: (name: string, gas: number, reference?: string, note?: string) =>
      halfLife === 0n
        ? baseRec.record(name, gas, reference, note)
        : baseRec.record(`${name}.decay`, gas, name, "the same with a 90-day half-life (recency)"),
  };
  const signers = await ethers.getSigners();
  const [, alice, bob, carol, steward, newcomer] = signers;
  const { communityFactory } = await hre.ignition.deploy(CommunitiesModule);
  const factory = communityFactory as unknown as CommunityFactory;
  const defaults = await factory.defaultAccounting();
  const accounting = {
    endorsementThreshold: defaults.endorsementThreshold,
    stewards: [steward.address],
    attestationThreshold: defaults.attestationThreshold,
    challengeWindow: defaults.challengeWindow,
    kinds: [{ name: "care", valuePerUnit: 10n ** 18n }],
    membraneTreasuryShareBps: defaults.membraneTreasuryShareBps,
    halfLife,
  };
  const founders = [alice.address, bob.address, carol.address];
  await (
    await factory.createCommunityWithAccounting(
      benchCommunityConfig(hre, 0, halfLife === 0n ? "Bench contributions" : "Bench contributions decaying"),
      accounting,
      founders,
      founders.map(() => BENCH_GOVERNANCE.balance),
    )
  ).wait();
  const c = await factory.getCommunity(await factory.communityCount());
  const registry = await ethers.getContractAt("ContributionRegistry", c.registry);
  const epochs = await ethers.getContractAt("EpochAllocations", c.epochs);
  const token = await ethers.getContractAt("ContributionToken", c.token);

  // Attested: admit the newcomer, who submits; two founders attest; the window passes; first claim.
  const membership = await ethers.getContractAt("CommunityMembership", c.membership);
  await asAccount(hre, c.timelock, async (tl) => (await membership.connect(tl).admit(newcomer.address)).wait());
  await (await registry.connect(newcomer).submit(0, 3, "ipfs://evidence", ethers.id("evidence"))).wait();
  await (await registry.connect(alice).attest(1)).wait();
  await (await registry.connect(bob).attest(1)).wait();
  await hre.network.provider.send("evm_increaseTime", [Number(accounting.challengeWindow) + 1]);
  await hre.network.provider.send("evm_mine", []);
  rec.record("contrib.claim.attested", await gasOf(registry.connect(newcomer).claim(1)));

  // Merkle: the same 64 leaves (index, account, amount) as the reference distributor; leaf 7 claimed
  // by its owner, a new holder, as in the reference.
  const values: [number, string, bigint][] = signers.slice(0, 64).map((s, i) => [i, s.address, 10n ** 18n + BigInt(i)]);
  const tree = StandardMerkleTree.of(values, EPOCH_LEAF_ENCODING);
  await asAccount(hre, c.timelock, async (tl) =>
    (await epochs.connect(tl).publishEpoch(tree.root, "ipfs://epoch", 0)).wait(),
  );
  const [index, account, amount] = values[7];
  rec.record(
    "contrib.claim.merkle",
    await gasOf(epochs.connect(signers[7]).claim(0, index, account, amount, tree.getProof(7))),
    "contrib.claim.merkle.reference",
    "mints a contribution token with vote checkpoints; the reference transfers a plain ERC-20",
  );

  // Voucher: signed by the steward within the budget governance gave it, redeemed by a member who is
  // a new holder (the steward's first voucher of the period).
  const d = await registry.eip712Domain();
  const domain = { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
  const holder = signers[8];
  await asAccount(hre, c.timelock, async (tl) => {
    await (await membership.connect(tl).admit(holder.address)).wait();
    await (await registry.connect(tl).setStewardBudget(steward.address, 100n * 10n ** 18n)).wait();
  });
  const voucher = {
    contributor: holder.address,
    kind: 0,
    units: 5n,
    id: 1n,
    deadline: BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 600n,
  };
  const signature = await steward.signTypedData(domain, VOUCHER_TYPES, voucher);
  rec.record(
    "contrib.voucher.redeem",
    await gasOf(registry.connect(holder).redeemVoucher(voucher, steward.address, signature)),
  );

  // The mint alone, by a minter the community's governance adds for the measurement.
  const minterRole = await token.MINTER_ROLE();
  await asAccount(hre, c.timelock, async (tl) =>
    (await token.connect(tl).grantRole(minterRole, signers[0].address)).wait(),
  );
  rec.record("contrib.mint", await gasOf(token.connect(signers[0]).mint(signers[9].address, 10n ** 18n)));
}
