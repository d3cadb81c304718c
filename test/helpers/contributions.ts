/**
 * Fixtures and signing helpers for the contribution-accounting tests: a community created as real
 * minimal clones of the implementations deployed through the `Contributions` Ignition module.
 */
import { keccak256, parseEther, toUtf8Bytes, type Signer, type TypedDataDomain } from "ethers";
import hre, { ethers, ignition } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";

import ContributionsModule from "../../deploy/modules/Contributions";
import { createCommunityClones, type CommunitySpec } from "../../scripts/lib/community";
import {
  ATTESTATION_TYPES,
  VOUCHER_TYPES,
  attestationOf,
  type AttestationValue,
} from "../../scripts/lib/contributions";
import type { ContributionRegistry } from "../../typechain-types";

export const CARE = 0n;
export const CODE = 1n;
export const CARE_VALUE = parseEther("10");
export const CODE_VALUE = parseEther("25");
export const THRESHOLD = 2n;
export const WINDOW = 3n * 24n * 3600n;
export const FOUNDER_CREDIT = parseEther("100");
export const EVIDENCE_URI = "ipfs://bafy-evidence";
export const EVIDENCE_HASH = keccak256(toUtf8Bytes("evidence"));

/** `IContributionRegistry.ContributionStatus`, in the contract's order. */
export enum Status {
  None,
  Pending,
  Challenged,
  Cleared,
  Rejected,
  Claimed,
}

export interface VoucherValue {
  contributor: string;
  kind: bigint;
  units: bigint;
  id: bigint;
  deadline: bigint;
}

/** The EIP-712 domain of a registry, read from the contract (ERC-5267). */
export async function registryDomain(registry: ContributionRegistry): Promise<TypedDataDomain> {
  const d = await registry.eip712Domain();
  return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
}

export { attestationOf, type AttestationValue };

export async function signAttestation(
  signer: Signer,
  domain: TypedDataDomain,
  value: AttestationValue,
): Promise<string> {
  return signer.signTypedData(domain, ATTESTATION_TYPES, value);
}

/** `signer` signs `attestor`'s attestation of contribution `id` as the registry holds it now. */
export async function signAttestationOf(
  signer: Signer,
  registry: ContributionRegistry,
  id: bigint,
  attestor: string,
  deadline: bigint,
  domain?: TypedDataDomain,
): Promise<string> {
  return signAttestation(
    signer,
    domain ?? (await registryDomain(registry)),
    await attestationOf(registry, id, attestor, deadline),
  );
}

export async function signVoucher(signer: Signer, domain: TypedDataDomain, voucher: VoucherValue): Promise<string> {
  return signer.signTypedData(domain, VOUCHER_TYPES, voucher);
}

/** A community: governance is a plain account, four founding members, one steward, one outsider. */
export async function deployContributionsFixture() {
  const [deployer, governance, steward, alice, bob, carol, dave, outsider] = await ethers.getSigners();
  const impls = await ignition.deploy(ContributionsModule);
  const implAddresses = {
    token: await impls.contributionTokenImpl.getAddress(),
    membership: await impls.membershipImpl.getAddress(),
    registry: await impls.registryImpl.getAddress(),
    epochs: await impls.epochsImpl.getAddress(),
  };
  const spec: CommunitySpec = {
    name: "Watershed Contribution",
    symbol: "cWATER",
    governance: governance.address,
    founders: [alice.address, bob.address, carol.address, dave.address],
    founderAmounts: [FOUNDER_CREDIT, 0n, 0n, 0n],
    stewards: [steward.address],
    endorsementThreshold: 2n,
    attestationThreshold: THRESHOLD,
    challengeWindow: WINDOW,
    kinds: [
      { name: "care", valuePerUnit: CARE_VALUE },
      { name: "code", valuePerUnit: CODE_VALUE },
    ],
  };
  const community = await createCommunityClones(hre, deployer, implAddresses, spec);
  return {
    ...community,
    impls,
    implAddresses,
    spec,
    deployer,
    governance,
    steward,
    alice,
    bob,
    carol,
    dave,
    outsider,
  };
}

export type ContributionsFixture = Awaited<ReturnType<typeof deployContributionsFixture>>;

/** Alice submits `units` of care; bob and carol attest it; returns its id and when it becomes claimable. */
export async function submitAttested(
  f: ContributionsFixture,
  units = 3n,
): Promise<{ id: bigint; claimableAt: bigint }> {
  const id = (await f.registry.contributionCount()) + 1n;
  await f.registry.connect(f.alice).submit(CARE, units, EVIDENCE_URI, EVIDENCE_HASH);
  await f.registry.connect(f.bob).attest(id);
  await f.registry.connect(f.carol).attest(id);
  const c = await f.registry.getContribution(id);
  return { id, claimableAt: c.claimableAt };
}

/** Moves the chain's clock to `t` (the next block has timestamp `t`). */
export async function at(t: bigint): Promise<void> {
  await time.setNextBlockTimestamp(t);
}
