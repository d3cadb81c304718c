/**
 * Reference operations: OpenZeppelin's own Governor on an ERC20Votes token, and a plain Merkle
 * distributor that transfers an ERC-20 on claim. Our operations are compared with these.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type {
  ReferenceGovernor,
  ReferenceGovernorSameModules,
  ReferenceMerkleDistributor,
  ReferenceVotesToken,
  TimelockController,
} from "../../typechain-types";
import { gasOf, type GasRecorder } from "../lib";
import { BENCH_GOVERNANCE, type BenchGovernor, voteScenario } from "./shared";

const SAME_MODULES_NOTE =
  "OpenZeppelin Governor, not a clone, with the community governor's modules (fractional counting, late-quorum protection)";

export async function measureReference(hre: HardhatRuntimeEnvironment, rec: GasRecorder): Promise<void> {
  const { ethers } = hre;
  const [deployer, alice, bob, carol, relayer] = await ethers.getSigners();

  // Governor: same settings as the communities' governors in the benchmark.
  const token = (await (
    await ethers.getContractFactory("ReferenceVotesToken")
  ).deploy()) as unknown as ReferenceVotesToken;
  for (const s of [alice, bob, carol]) {
    await token.mint(s.address, BENCH_GOVERNANCE.balance);
    await token.connect(s).delegate(s.address);
  }
  const timelock = (await (
    await ethers.getContractFactory("TimelockController")
  ).deploy(
    BENCH_GOVERNANCE.timelockDelay,
    [],
    [ethers.ZeroAddress],
    deployer.address,
  )) as unknown as TimelockController;
  // Both reference governors take the same settings; the same-modules one adds late-quorum protection.
  const deployGovernor = async (name: string, ...extra: number[]) =>
    ethers.deployContract(name, [
      await token.getAddress(),
      await timelock.getAddress(),
      BENCH_GOVERNANCE.votingDelay,
      BENCH_GOVERNANCE.votingPeriod,
      0,
      BENCH_GOVERNANCE.quorumPercent,
      ...extra,
    ]);
  const governor = (await deployGovernor("ReferenceGovernor")) as unknown as ReferenceGovernor;
  await timelock.grantRole(await timelock.PROPOSER_ROLE(), await governor.getAddress());
  const sameModules = (await deployGovernor(
    "ReferenceGovernorSameModules",
    BENCH_GOVERNANCE.lateQuorumExtension,
  )) as unknown as ReferenceGovernorSameModules;

  await timelock.grantRole(await timelock.PROPOSER_ROLE(), await sameModules.getAddress());
  const voters = [alice, bob, carol, relayer];
  const target = await timelock.getAddress();
  const plain = await voteScenario(hre, governor as unknown as BenchGovernor, target, voters, "reference");
  rec.record("gov.propose.reference", plain.propose);
  rec.record("gov.castVote.reference", plain.castVote);
  rec.record("gov.castVoteBySig.reference", plain.castVoteBySig);
  const same = await voteScenario(hre, sameModules as unknown as BenchGovernor, target, voters, "same modules");
  rec.record("gov.castVote.reference.sameModules", same.castVote, undefined, SAME_MODULES_NOTE);
  rec.record("gov.castVoteBySig.reference.sameModules", same.castVoteBySig, undefined, SAME_MODULES_NOTE);

  // Merkle distributor: 64 leaves, claim of a leaf in the middle by its owner.
  const signers = await ethers.getSigners();
  const values: [number, string, bigint][] = signers.slice(0, 64).map((s, i) => [i, s.address, 10n ** 18n + BigInt(i)]);
  const tree = StandardMerkleTree.of(values, ["uint256", "address", "uint256"]);
  const erc20 = (await (
    await ethers.getContractFactory("ReferenceVotesToken")
  ).deploy()) as unknown as ReferenceVotesToken;
  const distributor = (await (
    await ethers.getContractFactory("ReferenceMerkleDistributor")
  ).deploy(await erc20.getAddress(), tree.root)) as unknown as ReferenceMerkleDistributor;
  await erc20.mint(await distributor.getAddress(), 10n ** 24n);
  const [index, account, amount] = values[7];
  const claimer = signers[7];
  rec.record(
    "contrib.claim.merkle.reference",
    await gasOf(distributor.connect(claimer).claim(index, account, amount, tree.getProof(7))),
  );
}
