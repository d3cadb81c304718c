/**
 * Federation, between a bioregion and a guild made by the factory and affiliated by both sides:
 *   fed.fund   the guild's timelock escrowing a grant of four monthly native tranches to the bioregion
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import SuiteModule from "../../deploy/modules/Suite";
import type { CommunityFactory, FederationFunding, FederationRegistry } from "../../typechain-types";
import { gasOf, type GasRecorder } from "../lib";
import { BENCH_GOVERNANCE, asAccount, benchCommunityConfig } from "./shared";

export async function measureFederation(hre: HardhatRuntimeEnvironment, rec: GasRecorder): Promise<void> {
  const { ethers } = hre;
  const [, alice, bob] = await ethers.getSigners();
  const suite = await hre.ignition.deploy(SuiteModule);
  const factory = suite.communityFactory as unknown as CommunityFactory;
  const registry = suite.federationRegistry as unknown as FederationRegistry;
  const funding = suite.federationFunding as unknown as FederationFunding;
  const founders = [alice.address, bob.address];
  const timelocks: string[] = [];
  for (const [kind, name] of [
    [0, "Bench bioregion"],
    [1, "Bench guild"],
  ] as const) {
    const config = benchCommunityConfig(hre, 0, name);
    if (kind === 1) {
      config.identity = {
        ...config.identity,
        kind,
        areaURI: "",
        areaHash: ethers.ZeroHash,
        domain: "regenerative agriculture",
      };
    }
    await (
      await factory.createCommunity(
        config,
        founders,
        founders.map(() => BENCH_GOVERNANCE.balance),
      )
    ).wait();
    const id = await factory.communityCount();
    await (await registry.register(id)).wait();
    timelocks.push((await factory.getCommunity(id)).timelock);
  }
  const [bioregion, guild] = timelocks;
  await asAccount(hre, bioregion, async (tl) => (await registry.connect(tl).affiliate(guild)).wait());
  await asAccount(hre, guild, async (tl) => (await registry.connect(tl).affiliate(bioregion)).wait());

  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const month = 30n * 24n * 3600n;
  const tranches = [1n, 2n, 3n, 4n].map((i) => ({ amount: 10n ** 17n, dueAt: now + i * month }));
  const total = tranches.reduce((sum, t) => sum + t.amount, 0n);
  rec.record(
    "fed.fund",
    await asAccount(hre, guild, (tl) =>
      gasOf(
        funding
          .connect(tl)
          .fund(bioregion, ethers.ZeroAddress, ethers.ZeroAddress, tranches, "ipfs://grant", { value: total }),
      ),
    ),
    undefined,
    "native, four tranches, first grant of the guild",
  );
}
