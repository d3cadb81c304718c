/**
 * Fixtures and helpers for the federation's unit tests: a stand-in factory record whose
 * communities are governed by plain signers (so a test can act as a community's timelock), the
 * registry, the funding escrow and the federated membership view.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { ethers } from "hardhat";

import type {
  CommunityGovernor,
  CommunityTimelock,
  ContributionToken,
  EpochAllocations,
  FederatedMembership,
  FederationFunding,
  FederationMockFactory,
  MockMembership,
  FederationMockHookedToken,
  MockERC20,
  FederationRegistry,
} from "../../typechain-types";
import { JOIN_TYPES } from "../../scripts/lib/federation";
import { DOMAIN_NAMES } from "../../scripts/lib/typed-data";
import { buildProposal, propose, toDeadline, toVoting } from "./dao";

/** The registry's `CommunityKind`. */
export const Kind = { None: 0, Bioregion: 1, Guild: 2 } as const;
/** The registry's `AffiliationStatus`. */
export const Status = { None: 0, ProposedByBioregion: 1, ProposedByGuild: 2, Active: 3 } as const;
/** The profile's kinds, as the factory records them. */
const FactoryKind = { Bioregion: 0, Guild: 1 } as const;

export const MAX_UINT64 = 2n ** 64n - 1n;

export interface TestCommunity {
  id: number;
  /** The signer acting as the community's governance (its timelock). */
  gov: HardhatEthersSigner;
  membership: MockMembership;
}

export interface FederationFixture {
  factory: FederationMockFactory;
  registry: FederationRegistry;
  funding: FederationFunding;
  federated: FederatedMembership;
  token: FederationMockHookedToken;
  feeToken: MockERC20;
  /**
   * Bioregions 1 and 2 and guilds 3 and 4 in the factory's record, registered and named by the
   * founding act (so recognised); 5 recorded but not registered.
   */
  bio1: TestCommunity;
  bio2: TestCommunity;
  guild1: TestCommunity;
  guild2: TestCommunity;
  unregistered: TestCommunity;
  /** The founder named at deployment (who performed the founding act). */
  founder: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  outsider: HardhatEthersSigner;
}

/** A community record as the factory returns it. */
export function factoryRecord(kind: "bioregion" | "guild", name: string, timelock: string, membership: string) {
  return {
    kind: kind === "bioregion" ? FactoryKind.Bioregion : FactoryKind.Guild,
    counting: 0,
    name,
    token: ethers.Wallet.createRandom().address,
    governor: ethers.Wallet.createRandom().address,
    timelock,
    profile: ethers.Wallet.createRandom().address,
    membership,
    registry: ethers.ZeroAddress,
    epochs: ethers.ZeroAddress,
    vouchers: ethers.ZeroAddress,
    membrane: ethers.ZeroAddress,
  };
}

export async function deployFederationFixture(): Promise<FederationFixture> {
  const [founder, g1, g2, g3, g4, g5, alice, bob, outsider] = await ethers.getSigners();
  const factory = await ethers.deployContract("FederationMockFactory");
  const registry = await ethers.deployContract("FederationRegistry", [await factory.getAddress(), founder.address]);
  const funding = await ethers.deployContract("FederationFunding", [await registry.getAddress()]);
  const federated = await ethers.deployContract("FederatedMembership", [await registry.getAddress()]);
  const token = await ethers.deployContract("FederationMockHookedToken");
  const feeToken = await ethers.deployContract("MockERC20", ["Fee", "FEE", 100]);

  const make = async (id: number, gov: HardhatEthersSigner, kind: "bioregion" | "guild", name: string) => {
    const membership = await ethers.deployContract("MockMembership");
    await factory.setCommunity(id, factoryRecord(kind, name, gov.address, await membership.getAddress()));
    return { id, gov, membership };
  };
  const bio1 = await make(1, g1, "bioregion", "Watershed");
  const bio2 = await make(2, g2, "bioregion", "Highlands");
  const guild1 = await make(3, g3, "guild", "Builders");
  const guild2 = await make(4, g4, "guild", "Permaculture");
  const unregistered = await make(5, g5, "bioregion", "Delta");
  for (const c of [bio1, bio2, guild1, guild2]) await registry.register(c.id);
  await registry.connect(founder).found([bio1, bio2, guild1, guild2].map((c) => c.gov.address));
  return {
    factory,
    registry,
    funding,
    federated,
    token,
    feeToken,
    bio1,
    bio2,
    guild1,
    guild2,
    unregistered,
    founder,
    alice,
    bob,
    outsider,
  };
}

/**
 * Lists a community outside the factory through `gov` (its governance) with the given membership,
 * and (when `voucher` is given) has the voucher's governance vouch for it.
 */
export async function registerOutsider(
  registry: FederationRegistry,
  gov: HardhatEthersSigner,
  kind: "bioregion" | "guild",
  name: string,
  membership: string,
  voucher?: TestCommunity,
) {
  const a = ethers.Wallet.createRandom().address;
  await registry
    .connect(gov)
    .registerSelf(kind === "bioregion" ? Kind.Bioregion : Kind.Guild, a, a, membership, ethers.ZeroAddress, name, "");
  if (voucher) await registry.connect(voucher.gov).vouch(gov.address);
}

/** `signer`'s EIP-712 signature of a listing of `community` for `account`. */
export async function signJoin(
  federated: FederatedMembership,
  signer: { signTypedData: typeof ethers.Wallet.prototype.signTypedData },
  account: string,
  community: string,
  deadline: bigint,
  nonce?: bigint,
) {
  const { chainId } = await ethers.provider.getNetwork();
  const domain = {
    name: DOMAIN_NAMES.federatedMembership,
    version: "1",
    chainId,
    verifyingContract: await federated.getAddress(),
  };
  return signer.signTypedData(domain, JOIN_TYPES, {
    account,
    community,
    nonce: nonce ?? (await federated.nonces(account)),
    deadline,
  });
}

/** Affiliates two registered communities: `first` proposes, `second` accepts. */
export async function affiliate(registry: FederationRegistry, first: TestCommunity, second: TestCommunity) {
  await registry.connect(first.gov).affiliate(second.gov.address);
  await registry.connect(second.gov).affiliate(first.gov.address);
}

/** A fixture with bio1–guild1 affiliated, for funding tests. */
export async function deployAffiliatedFixture(): Promise<FederationFixture> {
  const f = await deployFederationFixture();
  await affiliate(f.registry, f.guild1, f.bio1);
  return f;
}

/** A fixture where alice is a member of bio1 and guild1 and bob of bio2 (nobody listed yet), for membership tests. */
export async function deployMembersFixture(): Promise<FederationFixture> {
  const f = await deployFederationFixture();
  await f.bio1.membership.setMember(f.alice.address, true);
  await f.guild1.membership.setMember(f.alice.address, true);
  await f.bio2.membership.setMember(f.bob.address, true);
  return f;
}

/** A community made by the real factory, with the handles the story needs. */
export interface StoryCommunity {
  name: string;
  id: bigint;
  governor: CommunityGovernor;
  timelock: CommunityTimelock;
  token: ContributionToken;
  epochs: EpochAllocations;
  address: string;
}

/**
 * Takes `actions` through a community's whole governance: proposal by the first voter, votes
 * (support 0 against, 1 for, 2 abstain), queue after the deadline, execution after the timelock
 * delay. Returns the proposal id.
 */
export async function passProposal(
  c: Pick<StoryCommunity, "governor" | "timelock">,
  actions: { target: string; value?: bigint; data: string }[],
  description: string,
  votes: [HardhatEthersSigner, number][],
): Promise<bigint> {
  const p = await buildProposal(c.governor, actions, description);
  await propose(c.governor, votes[0][0], p);
  await toVoting(c.governor, p.id);
  for (const [voter, support] of votes) await c.governor.connect(voter).castVote(p.id, support);
  await toDeadline(c.governor, p.id);
  await c.governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash);
  await time.increase(await c.timelock.getMinDelay());
  await c.governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash);
  return p.id;
}
