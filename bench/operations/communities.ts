/**
 * Community operations, measured in the same scenario as the reference governor
 * (bench/operations/reference.ts): three founders with the same balance, the same voting delay,
 * period and quorum; the first founder proposes and votes, then we measure the second founder's
 * vote and the third founder's signed vote relayed by someone else.
 *   dao.create                the factory creating a whole community (8 clones, wiring, 3 founders)
 *   dao.create.direct         deploying the same 8 contracts afresh (creation transactions only)
 *   gov.propose               a proposal paying from the treasury
 *   gov.castVote / gov.castVoteBySig / gov.castVote.quadratic
 *   gov.propose.decay / gov.castVote.decay   the same in a community whose weight fades (90-day half-life)
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import CommunitiesModule from "../../deploy/modules/Communities";
import { COMMUNITY_CONTRACTS } from "../../scripts/lib/community";
import type { CommunityFactory } from "../../typechain-types";
import { gasOf, type GasRecorder } from "../lib";
import {
  BENCH_GOVERNANCE,
  type BenchGovernor,
  benchCommunityConfig,
  voteScenario,
  createDecayingCommunity,
} from "./shared";

export async function measureCommunities(hre: HardhatRuntimeEnvironment, rec: GasRecorder): Promise<void> {
  const { ethers } = hre;
  const [deployer, alice, bob, carol, relayer] = await ethers.getSigners();
  const { communityFactory } = await hre.ignition.deploy(CommunitiesModule);
  const factory = communityFactory as unknown as CommunityFactory;

  const founders = [alice.address, bob.address, carol.address];
  const amounts = founders.map(() => BENCH_GOVERNANCE.balance);
  const config = (counting: number) => benchCommunityConfig(hre, counting, `Bench community ${counting}`);

  rec.record("dao.create", await gasOf(factory.createCommunity(config(0), founders, amounts)), "dao.create.direct");
  await (await factory.createCommunity(config(1), founders, amounts)).wait();

  let direct = 0;
  for (const name of COMMUNITY_CONTRACTS) {
    const contract = await ethers.deployContract(name, deployer);
    const receipt = await contract.deploymentTransaction()!.wait();
    direct += Number(receipt!.gasUsed);
  }
  rec.record(
    "dao.create.direct",
    direct,
    undefined,
    `sum of the creation transactions of ${COMMUNITY_CONTRACTS.join(", ")}; initialising them would add more`,
  );

  const voters = [alice, bob, carol, relayer];
  const simple = await factory.getCommunity(1n);
  const governor = await ethers.getContractAt("CommunityGovernor", simple.governor);
  const ours = await voteScenario(hre, governor as unknown as BenchGovernor, simple.timelock, voters, "bench");
  rec.record("gov.propose", ours.propose, "gov.propose.reference");
  rec.record("gov.castVote", ours.castVote, "gov.castVote.reference");
  rec.record("gov.castVoteBySig", ours.castVoteBySig, "gov.castVoteBySig.reference");
  const quadratic = await factory.getCommunity(2n);
  const qGovernor = await ethers.getContractAt("CommunityGovernorQuadratic", quadratic.governor);
  const q = await voteScenario(
    hre,
    qGovernor as unknown as BenchGovernor,
    quadratic.timelock,
    voters,
    "bench quadratic",
  );
  rec.record("gov.castVote.quadratic", q.castVote, "gov.castVote");

  // The same scenario where contribution weight fades with a 90-day half-life (recency).
  const dc = await createDecayingCommunity(hre, factory, "Bench community decaying", founders);
  const dGovernor = await ethers.getContractAt("CommunityGovernor", dc.governor);
  const dv = await voteScenario(hre, dGovernor as unknown as BenchGovernor, dc.timelock, voters, "bench decaying");
  const note = "the same with a 90-day half-life (recency)";
  rec.record("gov.propose.decay", dv.propose, "gov.propose", note);
  rec.record("gov.castVote.decay", dv.castVote, "gov.castVote", note);
  rec.record("gov.castVoteBySig.decay", dv.castVoteBySig, "gov.castVoteBySig", note);
}
