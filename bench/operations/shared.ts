/** Settings and the voting scenario shared by our governors and the references, so both do the same work. */
import type { ContractTransactionResponse, Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { CommunityFactory } from "../../typechain-types";
import { gasOf } from "../lib";

export const BENCH_GOVERNANCE = {
  balance: 1_000n * 10n ** 18n,
  votingDelay: 60,
  votingPeriod: 3_600,
  timelockDelay: 60,
  quorumPercent: 4,
  lateQuorumExtension: 600,
} as const;

/** EIP-712 types of a governor ballot (OpenZeppelin Governor 5). */
export const ballotTypes = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

/** What the scenario needs of a governor: OpenZeppelin's IGovernor, as both sides implement it. */
export interface BenchGovernor {
  getAddress(): Promise<string>;
  name(): Promise<string>;
  version(): Promise<string>;
  nonces(owner: string): Promise<bigint>;
  hashProposal(targets: string[], values: bigint[], calldatas: string[], descriptionHash: string): Promise<bigint>;
  connect(signer: Signer): BenchGovernor;
  propose(
    targets: string[],
    values: bigint[],
    calldatas: string[],
    description: string,
  ): Promise<ContractTransactionResponse>;
  castVote(proposalId: bigint, support: number): Promise<ContractTransactionResponse>;
  castVoteBySig(
    proposalId: bigint,
    support: number,
    voter: string,
    signature: string,
  ): Promise<ContractTransactionResponse>;
}

export interface VoteGas {
  propose: number;
  castVote: number;
  castVoteBySig: number;
}

/**
 * Three holders of BENCH_GOVERNANCE.balance votes each: the first proposes (a no-op call to
 * `target`) and votes; we measure the second's vote and the third's signed vote, relayed.
 */
export async function voteScenario(
  hre: HardhatRuntimeEnvironment,
  governor: BenchGovernor,
  target: string,
  [proposer, voter, signer, relayer]: Signer[],
  description: string,
): Promise<VoteGas> {
  const { ethers } = hre;
  await hre.network.provider.send("evm_increaseTime", [1]);
  const propose = await gasOf(governor.connect(proposer).propose([target], [0n], ["0x"], description));
  const proposalId = await governor.hashProposal([target], [0n], ["0x"], ethers.id(description));
  await hre.network.provider.send("evm_increaseTime", [BENCH_GOVERNANCE.votingDelay + 1]);
  await hre.network.provider.send("evm_mine", []);
  await (await governor.connect(proposer).castVote(proposalId, 1)).wait();
  const castVote = await gasOf(governor.connect(voter).castVote(proposalId, 1));
  const signerAddress = await signer.getAddress();
  const domain = {
    name: await governor.name(),
    version: await governor.version(),
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await governor.getAddress(),
  };
  const nonce = await governor.nonces(signerAddress);
  const signature = await signer.signTypedData(domain, ballotTypes, {
    proposalId,
    support: 1,
    voter: signerAddress,
    nonce,
  });
  const castVoteBySig = await gasOf(governor.connect(relayer).castVoteBySig(proposalId, 1, signerAddress, signature));
  return { propose, castVote, castVoteBySig };
}

/** A bioregion's configuration with the benchmark's governance settings (counting 0 simple, 1 quadratic). */
export function benchCommunityConfig(hre: HardhatRuntimeEnvironment, counting: number, name: string) {
  const { ethers } = hre;
  return {
    identity: {
      kind: 0,
      name,
      areaURI: "ipfs://boundary.geojson",
      areaHash: ethers.id("boundary"),
      domain: "",
      charterURI: "ipfs://charter",
      charterHash: ethers.id("charter"),
    },
    symbol: "cBENCH",
    counting,
    governor: {
      votingDelay: BENCH_GOVERNANCE.votingDelay,
      votingPeriod: BENCH_GOVERNANCE.votingPeriod,
      proposalThreshold: 0n,
      quorumNumerator: BENCH_GOVERNANCE.quorumPercent,
      lateQuorumExtension: BENCH_GOVERNANCE.lateQuorumExtension,
    },
    timelockDelay: BENCH_GOVERNANCE.timelockDelay,
    openExecution: true,
  };
}

/** Runs `fn` as `account` (a contract such as a community's timelock), on the in-process chain. */
export async function asAccount<T>(
  hre: HardhatRuntimeEnvironment,
  account: string,
  fn: (signer: Signer) => Promise<T>,
): Promise<T> {
  await hre.network.provider.send("hardhat_impersonateAccount", [account]);
  await hre.network.provider.send("hardhat_setBalance", [account, "0x56BC75E2D63100000"]);
  try {
    return await fn(await hre.ethers.getSigner(account));
  } finally {
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [account]);
  }
}

/** The 90-day half-life of the `.decay` rows (recency). */
export const BENCH_HALF_LIFE = 90n * 24n * 3600n;

/**
 * Creates a community with the factory's default accounting but contribution weight that fades with
 * BENCH_HALF_LIFE (the `.decay` rows), `founders` holding BENCH_GOVERNANCE.balance each; returns its record.
 */
export async function createDecayingCommunity(
  hre: HardhatRuntimeEnvironment,
  factory: CommunityFactory,
  name: string,
  founders: string[],
) {
  const d = await factory.defaultAccounting();
  const decaying = {
    endorsementThreshold: d.endorsementThreshold,
    stewards: [],
    attestationThreshold: d.attestationThreshold,
    challengeWindow: d.challengeWindow,
    kinds: [],
    membraneTreasuryShareBps: d.membraneTreasuryShareBps,
    halfLife: BENCH_HALF_LIFE,
  };
  const amounts = founders.map(() => BENCH_GOVERNANCE.balance);
  await (
    await factory.createCommunityWithAccounting(benchCommunityConfig(hre, 0, name), decaying, founders, amounts)
  ).wait();
  return factory.getCommunity(await factory.communityCount());
}
