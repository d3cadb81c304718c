/**
 * Reference operations: OpenZeppelin's own Governor on an ERC20Votes token, and a plain Merkle
 * distributor that transfers an ERC-20 on claim. Our operations are compared with these.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type {
  ReferenceGovernor,
  ReferenceMerkleDistributor,
  ReferenceVotesToken,
  TimelockController,
} from "../../typechain-types";
import { gasOf, type GasRecorder } from "../lib";
import { BENCH_GOVERNANCE, ballotTypes } from "./shared";

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
  const governor = (await (
    await ethers.getContractFactory("ReferenceGovernor")
  ).deploy(
    await token.getAddress(),
    await timelock.getAddress(),
    BENCH_GOVERNANCE.votingDelay,
    BENCH_GOVERNANCE.votingPeriod,
    0,
    BENCH_GOVERNANCE.quorumPercent,
  )) as unknown as ReferenceGovernor;
  await timelock.grantRole(await timelock.PROPOSER_ROLE(), await governor.getAddress());
  await time.increase(1);

  const targets = [await timelock.getAddress()];
  const description = "reference proposal";
  await governor.connect(alice).propose(targets, [0n], ["0x"], description);
  const proposalId = await governor.hashProposal(targets, [0n], ["0x"], ethers.id(description));
  await time.increase(BENCH_GOVERNANCE.votingDelay + 1);
  await governor.connect(alice).castVote(proposalId, 1);
  rec.record("gov.castVote.reference", await gasOf(governor.connect(bob).castVote(proposalId, 1)));

  const domain = {
    name: await governor.name(),
    version: await governor.version(),
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await governor.getAddress(),
  };
  const nonce = await governor.nonces(carol.address);
  const signature = await carol.signTypedData(domain, ballotTypes, {
    proposalId,
    support: 1,
    voter: carol.address,
    nonce,
  });
  rec.record(
    "gov.castVoteBySig.reference",
    await gasOf(governor.connect(relayer).castVoteBySig(proposalId, 1, carol.address, signature)),
  );

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
