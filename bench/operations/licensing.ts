/**
 * Licences and the membrane, with a community made by the factory as the work's steward:
 *   lic.grant.commons     a member of the community takes a free commons licence (granted at once)
 *   lic.grant.commercial  a company takes a commercial licence, its native fee pushed into the membrane
 *   membrane.claim        a founder claims their share of one closed epoch of native income
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import SuiteModule from "../../deploy/modules/Suite";
import type { CommunityFactory, LicenceRegistry } from "../../typechain-types";
import { gasOf, type GasRecorder } from "../lib";
import { BENCH_GOVERNANCE, asAccount, benchCommunityConfig, createDecayingCommunity } from "./shared";

const DAY = 24 * 60 * 60;
const LicenceClass = { Commons: 1, Commercial: 2 } as const;

export async function measureLicensing(hre: HardhatRuntimeEnvironment, rec: GasRecorder): Promise<void> {
  const { ethers } = hre;
  const [, alice, bob, carol, , , company] = await ethers.getSigners();
  const suite = await hre.ignition.deploy(SuiteModule);
  const factory = suite.communityFactory as unknown as CommunityFactory;
  const registry = suite.licenceRegistry as unknown as LicenceRegistry;
  const founders = [alice.address, bob.address, carol.address];
  await (
    await factory.createCommunity(
      benchCommunityConfig(hre, 0, "Bench licensing"),
      founders,
      founders.map(() => BENCH_GOVERNANCE.balance),
    )
  ).wait();
  const c = await factory.getCommunity(await factory.communityCount());

  const fee = 10n ** 17n;
  const terms = {
    uri: "ipfs://terms",
    hash: ethers.id("terms"),
    membership: c.membership,
    charterHash: ethers.ZeroHash,
    cooperativesFree: true,
    commercialAutoGrant: true,
    renewable: true,
    attributionRequired: true,
    derivatives: 1,
    feeToken: ethers.ZeroAddress,
    feePerPeriod: fee,
    revenueShareBps: 0,
    period: 30 * DAY,
    answerWindow: 7 * DAY,
  };
  await asAccount(hre, c.timelock, async (tl) =>
    (
      await registry
        .connect(tl)
        .registerWork("Open seed press", "ipfs://design", ethers.id("design"), c.membrane, terms)
    ).wait(),
  );
  const workId = (await registry.counts()).works;
  rec.record(
    "lic.grant.commons",
    await gasOf(registry.connect(alice).requestLicence(workId, 1n, LicenceClass.Commons, 0, 0)),
  );
  rec.record(
    "lic.grant.commercial",
    await gasOf(registry.connect(company).requestLicence(workId, 1n, LicenceClass.Commercial, fee, 0, { value: fee })),
    undefined,
    "native fee pushed to the community's membrane",
  );

  const membrane = await ethers.getContractAt("Membrane", c.membrane);
  await hre.network.provider.send("evm_increaseTime", [DAY + 1]);
  await hre.network.provider.send("evm_mine", []);
  await (await membrane.closeEpoch(ethers.ZeroAddress)).wait();
  const epochId = await membrane.epochCount(ethers.ZeroAddress);
  rec.record("membrane.claim", await gasOf(membrane.connect(alice).claim(ethers.ZeroAddress, [epochId])));

  // The same claim in a community whose weight fades with a 90-day half-life (recency); its income
  // is sent to the membrane directly.
  const dc = await createDecayingCommunity(hre, factory, "Bench licensing decaying", founders);
  const dMembrane = await ethers.getContractAt("Membrane", dc.membrane);
  await (await company.sendTransaction({ to: dc.membrane, value: fee })).wait();
  await hre.network.provider.send("evm_increaseTime", [DAY + 1]);
  await hre.network.provider.send("evm_mine", []);
  await (await dMembrane.closeEpoch(ethers.ZeroAddress)).wait();
  const dEpoch = await dMembrane.epochCount(ethers.ZeroAddress);
  rec.record(
    "membrane.claim.decay",
    await gasOf(dMembrane.connect(alice).claim(ethers.ZeroAddress, [dEpoch])),
    "membrane.claim",
    "the same with a 90-day half-life (recency); income sent to the membrane directly",
  );
}
