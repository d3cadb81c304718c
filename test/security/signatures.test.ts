/**
 * Hostile environment, part 2: every action the suite accepts by EIP-712 signature (a peer's
 * attestation, a steward's voucher, a charter acceptance, a vote, a federated listing) against replays: the same
 * signature twice, a signature for another chain, for another community's contract of the same
 * kind, for a later nonce, and the same signature in its malleable forms (high-s, and the 64-byte
 * EIP-2098 encoding). Each must fail with the contract's own error and leave the action undone;
 * the genuine signature must still work afterwards (a rejected attempt consumes nothing).
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { Signature, type BaseContract, type ContractTransactionResponse, type TypedDataDomain } from "ethers";
import hre, { ethers } from "hardhat";

import { createCommunityClones } from "../../scripts/lib/community";
import { ATTESTATION_TYPES, VOUCHER_TYPES, attestationOf } from "../../scripts/lib/contributions";
import { JOIN_TYPES } from "../../scripts/lib/federation";
import type { ContributionRegistry, LicenceRegistry } from "../../typechain-types";
import { CARE, CARE_VALUE, EVIDENCE_HASH, EVIDENCE_URI, deployContributionsFixture } from "../helpers/contributions";
import {
  BALLOT_TYPES,
  Vote,
  buildProposal,
  communityConfig,
  createCommunity,
  deployCommunitiesFixture,
  openVote,
} from "../helpers/dao";
import { deployMembersFixture } from "../helpers/federation";
import { deployLicensingFixture, hashOf } from "../helpers/licensing";

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The same signature with s replaced by n - s and v flipped: valid for plain ecrecover, not for OpenZeppelin's ECDSA. */
function highS(sig: string): string {
  const s = Signature.from(sig);
  const flipped = SECP256K1_N - BigInt(s.s);
  const v = s.v === 27 ? 28 : 27;
  return ethers.concat([s.r, ethers.toBeHex(flipped, 32), ethers.toBeHex(v, 1)]);
}

/** The same signature in the 64-byte EIP-2098 encoding (r, yParity and s packed). */
function compact(sig: string): string {
  return Signature.from(sig).compactSerialized;
}

/** A contract's EIP-712 domain as it reports it (ERC-5267). */
async function domainOf(c: { eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]> }) {
  const d = await c.eip712Domain();
  return { name: d[1], version: d[2], chainId: d[3], verifyingContract: d[4] } satisfies TypedDataDomain;
}

interface SignedAction<C> {
  name: string;
  fixture: () => Promise<C>;
  /** Signs the action for `domain` (nonce-based actions: with `nonceShift` added to the next nonce). */
  sign: (c: C, domain: TypedDataDomain, nonceShift?: bigint) => Promise<string>;
  submit: (c: C, signature: string) => Promise<ContractTransactionResponse>;
  /** The contract under test and another community's contract of the same kind. */
  contract: (c: C) => BaseContract & {
    eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]>;
  };
  other: (c: C) => Promise<string>;
  /** The error of a signature that does not verify. */
  invalid: (c: C) => [string, unknown[]];
  /** The error of a replay of an accepted signature. */
  replay: (c: C) => [string, unknown[]];
  /** Whether the action took effect. */
  done: (c: C) => Promise<boolean>;
  /** Nonce-based actions can be signed for a later nonce. */
  nonces: boolean;
}

function describeSignedAction<C>(a: SignedAction<C>): void {
  describe(a.name, function () {
    async function expectRejected(c: C, sig: string, [error, args]: [string, unknown[]]) {
      await expect(a.submit(c, sig))
        .to.be.revertedWithCustomError(a.contract(c), error)
        .withArgs(...args);
      expect(await a.done(c)).to.equal(false);
    }

    it("is accepted once; the same signature again is refused", async function () {
      const c = await loadFixture(a.fixture);
      const sig = await a.sign(c, await domainOf(a.contract(c)));
      await a.submit(c, sig);
      expect(await a.done(c)).to.equal(true);
      const [error, args] = a.replay(c);
      await expect(a.submit(c, sig))
        .to.be.revertedWithCustomError(a.contract(c), error)
        .withArgs(...args);
    });

    it("a signature for another chain is refused", async function () {
      const c = await loadFixture(a.fixture);
      const domain = await domainOf(a.contract(c));
      await expectRejected(c, await a.sign(c, { ...domain, chainId: BigInt(domain.chainId!) + 1n }), a.invalid(c));
    });

    it("a signature for another community's contract of the same kind is refused", async function () {
      const c = await loadFixture(a.fixture);
      const domain = await domainOf(a.contract(c));
      const other = await a.other(c);
      expect(other).to.not.equal(domain.verifyingContract);
      await expectRejected(c, await a.sign(c, { ...domain, verifyingContract: other }), a.invalid(c));
    });

    it("malleable forms (high-s, 64-byte compact) are refused; the genuine signature still works", async function () {
      const c = await loadFixture(a.fixture);
      const sig = await a.sign(c, await domainOf(a.contract(c)));
      await expectRejected(c, highS(sig), a.invalid(c));
      await expectRejected(c, compact(sig), a.invalid(c));
      await a.submit(c, sig);
      expect(await a.done(c)).to.equal(true);
    });

    if (a.nonces) {
      it("a signature for a later nonce is refused", async function () {
        const c = await loadFixture(a.fixture);
        await expectRejected(c, await a.sign(c, await domainOf(a.contract(c)), 1n), a.invalid(c));
      });
    }
  });
}

/** Two communities' contribution registries; a pending contribution of alice's in the first. */
async function deployTwoRegistriesFixture() {
  const f = await deployContributionsFixture();
  const second = await createCommunityClones(hre, f.deployer, f.implAddresses, { ...f.spec, symbol: "cOTHER" });
  await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
  await f.registry.connect(f.governance).setStewardBudget(f.steward.address, 5n * CARE_VALUE);
  const deadline = BigInt(await time.latest()) + 3600n;
  return { ...f, other: second.registry as ContributionRegistry, deadline };
}

type Registries = Awaited<ReturnType<typeof deployTwoRegistriesFixture>>;

const voucher = (c: Registries) => ({
  contributor: c.bob.address,
  kind: CARE,
  units: 5n,
  id: 77n,
  deadline: c.deadline,
});

describeSignedAction<Registries>({
  name: "ContributionRegistry.attestBySig (a peer's attestation)",
  fixture: deployTwoRegistriesFixture,
  sign: async (c, domain) =>
    c.bob.signTypedData(domain, ATTESTATION_TYPES, await attestationOf(c.registry, 1n, c.bob.address, c.deadline)),
  submit: (c, sig) => c.registry.connect(c.outsider).attestBySig(1n, c.bob.address, c.deadline, sig),
  contract: (c) => c.registry,
  other: (c) => c.other.getAddress(),
  invalid: (c) => ["ContributionRegistryInvalidSignature", [c.bob.address]],
  replay: (c) => ["ContributionRegistryAlreadyAttested", [1n, c.bob.address]],
  done: (c) => c.registry.hasAttested(1n, c.bob.address),
  nonces: false,
});

describeSignedAction<Registries>({
  name: "ContributionRegistry.redeemVoucher (a steward's voucher)",
  fixture: deployTwoRegistriesFixture,
  sign: (c, domain) => c.steward.signTypedData(domain, VOUCHER_TYPES, voucher(c)),
  submit: (c, sig) => c.registry.connect(c.bob).redeemVoucher(voucher(c), c.steward.address, sig),
  contract: (c) => c.registry,
  other: (c) => c.other.getAddress(),
  invalid: (c) => ["ContributionRegistryInvalidSignature", [c.steward.address]],
  replay: () => ["ContributionRegistryVoucherRedeemed", [77n]],
  done: async (c) => (await c.token.balanceOf(c.bob.address)) === 5n * CARE_VALUE,
  nonces: false,
});

const CHARTER_TYPES = {
  CharterAcceptance: [
    { name: "signer", type: "address" },
    { name: "charterHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** Two licence registries (two deployments of the suite, as on two communities' chains or setups). */
async function deployTwoLicenceRegistriesFixture() {
  const f = await deployLicensingFixture();
  const other = (await ethers.deployContract("LicenceRegistry")) as unknown as LicenceRegistry;
  const deadline = BigInt(await time.latest()) + 3600n;
  return { ...f, other, deadline, charter: hashOf("commons charter") };
}

type Licensing = Awaited<ReturnType<typeof deployTwoLicenceRegistriesFixture>>;

describeSignedAction<Licensing>({
  name: "LicenceRegistry.acceptCharter (a charter acceptance)",
  fixture: deployTwoLicenceRegistriesFixture,
  sign: async (c, domain, shift = 0n) =>
    c.alice.signTypedData(domain, CHARTER_TYPES, {
      signer: c.alice.address,
      charterHash: c.charter,
      nonce: (await c.registry.nonces(c.alice.address)) + shift,
      deadline: c.deadline,
    }),
  submit: (c, sig) => c.registry.connect(c.bob).acceptCharter(c.alice.address, c.charter, c.deadline, sig),
  contract: (c) => c.registry,
  other: (c) => c.other.getAddress(),
  invalid: (c) => ["LicenceRegistryInvalidSignature", [c.alice.address]],
  replay: (c) => ["LicenceRegistryInvalidSignature", [c.alice.address]],
  done: (c) => c.registry.charterAccepted(c.alice.address, c.charter),
  nonces: true,
});

/** Two communities from the factory; a proposal of the first open for votes; carol votes by signature. */
async function deployTwoGovernorsFixture() {
  const { factory, signers } = await deployCommunitiesFixture();
  const [, alice, bob, carol, , relayer] = signers;
  const founders = [alice.address, bob.address, carol.address];
  const amounts = [ethers.parseEther("100"), ethers.parseEther("400"), ethers.parseEther("900")];
  const { community } = await createCommunity(factory, communityConfig("bioregion", "simple"), founders, amounts);
  const second = await createCommunity(factory, communityConfig("guild", "simple"), founders, amounts);
  const p = await buildProposal(community.governor, [{ target: alice.address }], "A signal");
  await openVote(community.governor, bob, p);
  return { governor: community.governor, other: second.community.governor, carol, relayer, proposalId: p.id };
}

type Governors = Awaited<ReturnType<typeof deployTwoGovernorsFixture>>;

describeSignedAction<Governors>({
  name: "CommunityGovernor.castVoteBySig (a vote)",
  fixture: deployTwoGovernorsFixture,
  sign: async (c, domain, shift = 0n) =>
    c.carol.signTypedData(domain, BALLOT_TYPES, {
      proposalId: c.proposalId,
      support: Vote.For,
      voter: c.carol.address,
      nonce: (await c.governor.nonces(c.carol.address)) + shift,
    }),
  submit: (c, sig) => c.governor.connect(c.relayer).castVoteBySig(c.proposalId, Vote.For, c.carol.address, sig),
  contract: (c) => c.governor,
  other: (c) => c.other.getAddress(),
  invalid: (c) => ["GovernorInvalidSignature", [c.carol.address]],
  replay: (c) => ["GovernorInvalidSignature", [c.carol.address]],
  done: (c) => c.governor.hasVoted(c.proposalId, c.carol.address),
  nonces: true,
});

/** The federation with alice a member of bio1, and a second federated membership view (another deployment). */
async function deployTwoFederatedViewsFixture() {
  const f = await deployMembersFixture();
  const other = await ethers.deployContract("FederatedMembership", [await f.registry.getAddress()]);
  const deadline = BigInt(await time.latest()) + 3600n;
  return { ...f, other, deadline };
}

type FederatedViews = Awaited<ReturnType<typeof deployTwoFederatedViewsFixture>>;

describeSignedAction<FederatedViews>({
  name: "FederatedMembership.joinWithSignature (a member's listing)",
  fixture: deployTwoFederatedViewsFixture,
  sign: async (c, domain, shift = 0n) =>
    c.alice.signTypedData(domain, JOIN_TYPES, {
      account: c.alice.address,
      community: c.bio1.gov.address,
      nonce: (await c.federated.nonces(c.alice.address)) + shift,
      deadline: c.deadline,
    }),
  submit: (c, sig) =>
    c.federated.connect(c.outsider).joinWithSignature(c.alice.address, c.bio1.gov.address, c.deadline, sig),
  contract: (c) => c.federated,
  other: (c) => c.other.getAddress(),
  invalid: (c) => ["FederatedMembershipInvalidSignature", [c.alice.address]],
  replay: (c) => ["FederatedMembershipInvalidSignature", [c.alice.address]],
  done: async (c) => (await c.federated.listedCommunitiesOf(c.alice.address)).length === 1,
  nonces: true,
});
