/**
 * The EIP-712 types of everything the contracts accept signed, in one place for the command line
 * (ethers) and the wallet app (viem, which imports this file from app/): the field lists must match
 * the contracts' typehashes to the letter, so they are written once. No imports, so both sides can
 * use it as it is.
 */

/** EIP-712 domain names (version "1"), as the contracts' constructors set them. */
export const DOMAIN_NAMES = {
  contributionRegistry: "Cosmolocal ContributionRegistry",
  licenceRegistry: "Cosmolocal LicenceRegistry",
  federatedMembership: "FederatedMembership",
} as const;

/** An attestation of a contribution (ContributionRegistry.ATTESTATION_TYPEHASH). */
export const ATTESTATION_TYPES = {
  Attestation: [
    { name: "contributionId", type: "uint256" },
    { name: "contributor", type: "address" },
    { name: "kind", type: "uint32" },
    { name: "amount", type: "uint256" },
    { name: "evidenceHash", type: "bytes32" },
    { name: "attestor", type: "address" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A steward's voucher (ContributionRegistry.VOUCHER_TYPEHASH). */
export const VOUCHER_TYPES = {
  Voucher: [
    { name: "contributor", type: "address" },
    { name: "kind", type: "uint32" },
    { name: "units", type: "uint256" },
    { name: "id", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A signed listing in the federated membership view (FederatedMembership.joinWithSignature). */
export const JOIN_TYPES = {
  Join: [
    { name: "account", type: "address" },
    { name: "community", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A charter acceptance (LicenceRegistry.CHARTER_TYPEHASH). */
export const CHARTER_TYPES = {
  CharterAcceptance: [
    { name: "signer", type: "address" },
    { name: "charterHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A governor's vote (OpenZeppelin Governor's BALLOT_TYPEHASH, `castVoteBySig`). */
export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/** A vote with a reason (EXTENDED_BALLOT_TYPEHASH, `castVoteWithReasonAndParamsBySig`, params empty). */
export const EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [...BALLOT_TYPES.Ballot, { name: "reason", type: "string" }, { name: "params", type: "bytes" }],
} as const;

/** A mutable copy, for ethers' `signTypedData` and `TypedDataEncoder` (which take plain arrays). */
export function forEthers<T extends Record<string, readonly { name: string; type: string }[]>>(
  types: T,
): Record<string, { name: string; type: string }[]> {
  return Object.fromEntries(Object.entries(types).map(([k, fields]) => [k, fields.map((f) => ({ ...f }))]));
}

/**
 * An EIP-2612 permit (the token's `PERMIT_TYPEHASH`), signed by a donor or funder for a round or the
 * round factory. The domain is the token's own (its `eip712Domain()`, or its name and version "1").
 */
export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;
