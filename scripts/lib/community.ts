/**
 * A minimal community for the licensing and membrane parts, before the DAO factory exists:
 * a ContributionToken and a Membrane, each a minimal clone (OpenZeppelin `Clones`, through the
 * CloneMaker mock) of the implementations the suite deployed, initialised with one governance
 * account (standing in for the community's timelock) and one minter.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Signer } from "ethers";

import type { CloneMaker, ContributionToken, Membrane } from "../../typechain-types";

export interface MiniCommunity {
  token: ContributionToken;
  membrane: Membrane;
  cloneMaker: CloneMaker;
}

export interface MiniCommunityOptions {
  tokenImpl: string;
  membraneImpl: string;
  governance: Signer;
  minter: Signer;
  treasuryShareBps: number;
  name?: string;
  symbol?: string;
  cloneMaker?: CloneMaker;
}

/** Clones `implementation` and returns the clone's address. */
export async function cloneOf(cloneMaker: CloneMaker, implementation: string): Promise<string> {
  const receipt = await (await cloneMaker.clone(implementation)).wait();
  for (const log of receipt?.logs ?? []) {
    const parsed = cloneMaker.interface.parseLog(log);
    if (parsed?.name === "Cloned") return parsed.args.instance as string;
  }
  throw new Error(`no Cloned event when cloning ${implementation}`);
}

/** Creates a token clone and a membrane clone for one community. */
export async function createMiniCommunity(
  hre: HardhatRuntimeEnvironment,
  o: MiniCommunityOptions,
): Promise<MiniCommunity> {
  const cloneMaker =
    o.cloneMaker ?? ((await (await hre.ethers.getContractFactory("CloneMaker")).deploy()) as unknown as CloneMaker);
  await cloneMaker.waitForDeployment();
  const tokenAddr = await cloneOf(cloneMaker, o.tokenImpl);
  const membraneAddr = await cloneOf(cloneMaker, o.membraneImpl);
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
    )
  ).wait();
  await (await membrane.initialize(tokenAddr, governance, governance, o.treasuryShareBps)).wait();
  return { token, membrane, cloneMaker };
}
