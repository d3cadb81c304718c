/** Settings shared by our operations and the references, so both sides do the same work. */
export const BENCH_GOVERNANCE = {
  balance: 1_000n * 10n ** 18n,
  votingDelay: 60,
  votingPeriod: 3_600,
  timelockDelay: 60,
  quorumPercent: 4,
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
