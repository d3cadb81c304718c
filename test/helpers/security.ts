/**
 * Shared setup of the security tests (test/security/): a bioregion from the factory whose
 * founders alice, bob and carol hold 100, 400 and 900 tokens, and whose treasury (timelock)
 * holds 5 coins.
 */
import { ethers } from "hardhat";

import { communityConfig, createCommunity, deployCommunitiesFixture } from "./dao";

export const coins = (n: number) => ethers.parseEther(String(n));

export async function deployTreasuryCommunity() {
  const { factory, signers } = await deployCommunitiesFixture();
  const [, alice, bob, carol, dave] = signers;
  const { community } = await createCommunity(
    factory,
    communityConfig("bioregion", "simple"),
    [alice.address, bob.address, carol.address],
    [coins(100), coins(400), coins(900)],
  );
  await alice.sendTransaction({ to: await community.timelock.getAddress(), value: coins(5) });
  return { factory, community, governor: community.governor, timelock: community.timelock, alice, bob, carol, dave };
}
