/**
 * Creating a community's contribution-accounting contracts as EIP-1167 minimal clones of the suite's
 * implementations, initialised and wired with the roles a community factory gives them:
 *   token:      DEFAULT_ADMIN_ROLE = governance, MINTER_ROLE = registry + epochs, founders credited at init;
 *   membership: governance, founders as members;
 *   registry:   DEFAULT_ADMIN_ROLE = governance, STEWARD_ROLE = stewards;
 *   epochs:     governance.
 * The deploying account holds no role afterwards. Used by tests and by `contrib:dev-community` until
 * the DAO factory is on the network. Like the factory, it creates and initialises every clone in one
 * transaction (the deployment of a `CommunityClones`, whose constructor does it all), so no initializer
 * can be front-run.
 */
import { getAddress, type Signer, type TransactionReceipt } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type {
  CommunityMembership,
  ContributionRegistry,
  ContributionToken,
  EpochAllocations,
  Membrane,
} from "../../typechain-types";

/** The contracts one community is made of, as the community factory clones them. */
export const COMMUNITY_CONTRACTS = [
  "ContributionToken",
  "CommunityGovernor",
  "CommunityTimelock",
  "CommunityProfile",
  "CommunityMembership",
  "ContributionRegistry",
  "EpochAllocations",
  "Membrane",
] as const;

/** Creation code of an EIP-1167 minimal proxy delegating to `implementation`. */
export function minimalCloneInitCode(implementation: string): string {
  return `0x3d602d80600a3d3981f3363d3d373d3d3d363d73${getAddress(implementation).slice(2).toLowerCase()}5af43d82803e903d91602b57fd5bf3`;
}

/** Runtime code of an EIP-1167 minimal proxy delegating to `implementation`. */
export function minimalCloneRuntimeCode(implementation: string): string {
  return `0x363d3d373d3d3d363d73${getAddress(implementation).slice(2).toLowerCase()}5af43d82803e903d91602b57fd5bf3`;
}

/** Deploys a minimal clone of `implementation` and returns its address. */
export async function deployClone(signer: Signer, implementation: string): Promise<string> {
  const tx = await signer.sendTransaction({ data: minimalCloneInitCode(implementation) });
  const receipt = await tx.wait();
  if (!receipt?.contractAddress) throw new Error(`clone of ${implementation} was not created (tx ${tx.hash})`);
  return getAddress(receipt.contractAddress);
}

export interface ContributionImplementations {
  token: string;
  membership: string;
  registry: string;
  epochs: string;
}

export interface KindSpecInput {
  name: string;
  valuePerUnit: bigint;
}

export interface CommunitySpec {
  name: string;
  symbol: string;
  /** The community's governance (its timelock; in tests and dev setups, a plain account). */
  governance: string;
  founders: string[];
  /** Tokens credited to each founder at creation (same order as `founders`; 0n credits nothing). */
  founderAmounts: bigint[];
  stewards: string[];
  /** Endorsements that admit a member (0: governance only). */
  endorsementThreshold: bigint;
  /** Attestations a contribution needs. */
  attestationThreshold: bigint;
  /** Seconds a contribution stays challengeable after reaching its threshold. */
  challengeWindow: bigint;
  kinds: KindSpecInput[];
}

export interface CommunityContracts {
  token: ContributionToken;
  membership: CommunityMembership;
  registry: ContributionRegistry;
  epochs: EpochAllocations;
  addresses: { token: string; membership: string; registry: string; epochs: string };
  /** The one transaction that created and initialised the clones. */
  receipt: TransactionReceipt;
}

/** Clones and initialises a community's token, membership, registry and epochs, in one transaction. */
export async function createCommunityClones(
  hre: HardhatRuntimeEnvironment,
  signer: Signer,
  impls: ContributionImplementations,
  spec: CommunitySpec,
): Promise<CommunityContracts> {
  const credited = spec.founders.map((f, i) => ({ f, a: spec.founderAmounts[i] ?? 0n })).filter(({ a }) => a > 0n);
  const factory = await hre.ethers.getContractFactory("CommunityClones", signer);
  const deployment = await factory.deploy(impls, {
    name: spec.name,
    symbol: spec.symbol,
    governance: spec.governance,
    founders: spec.founders,
    creditedFounders: credited.map(({ f }) => f),
    credits: credited.map(({ a }) => a),
    stewards: spec.stewards,
    endorsementThreshold: spec.endorsementThreshold,
    attestationThreshold: spec.attestationThreshold,
    challengeWindow: spec.challengeWindow,
    kinds: spec.kinds,
  });
  const receipt = await deployment.deploymentTransaction()?.wait();
  if (!receipt) throw new Error("the CommunityClones deployment was not mined");
  const event = receipt.logs.map((l) => factory.interface.parseLog(l)).find((e) => e?.name === "CommunityCloned");
  if (!event) throw new Error(`no CommunityCloned event in ${receipt.hash}`);
  const [token, membership, registry, epochs] = (event.args as unknown as string[]).map((a) => getAddress(a));
  const at = async <T>(name: string, address: string) =>
    (await hre.ethers.getContractAt(name, address, signer)) as unknown as T;
  return {
    token: await at<ContributionToken>("ContributionToken", token),
    membership: await at<CommunityMembership>("CommunityMembership", membership),
    registry: await at<ContributionRegistry>("ContributionRegistry", registry),
    epochs: await at<EpochAllocations>("EpochAllocations", epochs),
    addresses: { token, membership, registry, epochs },
    receipt,
  };
}

// ---- From part/licensing: a minimal token + membrane community for the licensing and membrane tests.

export interface MiniCommunity {
  token: ContributionToken;
  membrane: Membrane;
}

export interface MiniCommunityOptions {
  tokenImpl: string;
  membraneImpl: string;
  governance: Signer;
  minter: Signer;
  treasuryShareBps: number;
  name?: string;
  symbol?: string;
  /** Recency: seconds in which a contribution's weight halves (default 0: no decay). */
  halfLife?: bigint;
}

/** Creates a token clone and a membrane clone for one community (sent by the governance signer). */
export async function createMiniCommunity(
  hre: HardhatRuntimeEnvironment,
  o: MiniCommunityOptions,
): Promise<MiniCommunity> {
  const tokenAddr = await deployClone(o.governance, o.tokenImpl);
  const membraneAddr = await deployClone(o.governance, o.membraneImpl);
  const token = (await hre.ethers.getContractAt("ContributionToken", tokenAddr)) as unknown as ContributionToken;
  const membrane = (await hre.ethers.getContractAt("Membrane", membraneAddr)) as unknown as Membrane;
  const governance = await o.governance.getAddress();
  await (
    await token.initialize(
      o.name ?? "Commons Contribution",
      o.symbol ?? "cCOM",
      governance,
      [await o.minter.getAddress()],
      [],
      [],
      o.halfLife ?? 0n,
    )
  ).wait();
  await (await membrane.initialize(tokenAddr, governance, governance, o.treasuryShareBps)).wait();
  return { token, membrane };
}
