import { expect } from "chai";
import { MaxUint256, TypedDataEncoder, ZeroAddress, ZeroHash, keccak256, parseEther, toUtf8Bytes } from "ethers";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

import { deployClone } from "../../scripts/lib/community";
import { ATTESTATION_TYPES } from "../../scripts/lib/contributions";
import type { ContributionRegistry } from "../../typechain-types";
import {
  CARE,
  CARE_VALUE,
  CODE,
  CODE_VALUE,
  EVIDENCE_HASH,
  EVIDENCE_URI,
  FOUNDER_CREDIT,
  Status,
  attestationOf,
  THRESHOLD,
  WINDOW,
  deployContributionsFixture,
  registryDomain,
  signAttestation,
  signAttestationOf,
  signVoucher,
  submitAttested,
  type ContributionsFixture,
  type VoucherValue,
} from "../helpers/contributions";

const U128_MAX = 2n ** 128n - 1n;

async function registryAt(address: string): Promise<ContributionRegistry> {
  return (await hre.ethers.getContractAt("ContributionRegistry", address)) as unknown as ContributionRegistry;
}

/** Gives the fixture's steward a budget of `units` code units per period. */
async function withBudget(f: ContributionsFixture, units = 100n): Promise<void> {
  await f.registry.connect(f.governance).setStewardBudget(f.steward.address, units * CODE_VALUE);
}

async function voucherFor(f: ContributionsFixture, over: Partial<VoucherValue> = {}): Promise<VoucherValue> {
  return {
    contributor: f.bob.address,
    kind: CODE,
    units: 12n,
    id: 7n,
    deadline: BigInt(await time.latest()) + 3600n,
    ...over,
  };
}

describe("ContributionRegistry", function () {
  describe("initialize", function () {
    it("sets token, membership, roles, policy and kinds", async function () {
      const f = await loadFixture(deployContributionsFixture);
      expect(await f.registry.token()).to.equal(f.addresses.token);
      expect(await f.registry.membership()).to.equal(f.addresses.membership);
      expect(await f.registry.hasRole(await f.registry.DEFAULT_ADMIN_ROLE(), f.governance.address)).to.equal(true);
      expect(await f.registry.hasRole(await f.registry.STEWARD_ROLE(), f.steward.address)).to.equal(true);
      expect(await f.registry.hasRole(await f.registry.DEFAULT_ADMIN_ROLE(), f.deployer.address)).to.equal(false);
      expect(await f.registry.attestationPolicy()).to.deep.equal([THRESHOLD, WINDOW]);
      expect(await f.registry.kindCount()).to.equal(2n);
      expect(await f.registry.getKind(CARE)).to.deep.equal(["care", CARE_VALUE, true]);
      expect(await f.registry.getKind(CODE)).to.deep.equal(["code", CODE_VALUE, true]);
      expect(await f.registry.contributionCount()).to.equal(0n);
      const domain = await registryDomain(f.registry);
      expect(domain.name).to.equal("Cosmolocal ContributionRegistry");
      expect(domain.chainId).to.equal(31337n);
      expect(domain.verifyingContract).to.equal(f.addresses.registry);
      expect(await f.registry.DOMAIN_SEPARATOR()).to.equal(TypedDataEncoder.hashDomain(domain));
    });

    it("refuses zero addresses, a bad policy or a worthless kind; cannot run twice or on the implementation", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const r = await registryAt(await deployClone(f.deployer, f.implAddresses.registry));
      const { token, membership } = f.addresses;
      const g = f.governance.address;
      const kinds = [{ name: "care", valuePerUnit: 1n }];
      for (const [t, m, gov] of [
        [ZeroAddress, membership, g],
        [token, ZeroAddress, g],
        [token, membership, ZeroAddress],
      ]) {
        await expect(r.initialize(t, m, gov, [], 1n, 0n, kinds)).to.be.revertedWithCustomError(
          r,
          "ContributionRegistryInvalidAccount",
        );
      }
      await expect(r.initialize(token, membership, g, [ZeroAddress], 1n, 0n, kinds)).to.be.revertedWithCustomError(
        r,
        "ContributionRegistryInvalidAccount",
      );
      await expect(r.initialize(token, membership, g, [], 0n, 0n, kinds))
        .to.be.revertedWithCustomError(r, "ContributionRegistryInvalidPolicy")
        .withArgs(0n, 0n);
      await expect(r.initialize(token, membership, g, [], 1n, 0n, [{ name: "x", valuePerUnit: 0n }]))
        .to.be.revertedWithCustomError(r, "ContributionRegistryInvalidValue")
        .withArgs();
      await expect(r.initialize(token, membership, g, [], 1n, 60n, kinds))
        .to.emit(r, "KindAdded")
        .withArgs(0n, "care", 1n)
        .and.to.emit(r, "AttestationPolicyChanged")
        .withArgs(1n, 60n);
      await expect(r.initialize(token, membership, g, [], 1n, 0n, kinds)).to.be.revertedWithCustomError(
        r,
        "InvalidInitialization",
      );
      const impl = await registryAt(f.implAddresses.registry);
      await expect(impl.initialize(token, membership, g, [], 1n, 0n, kinds)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });
  });

  describe("kinds and policy (governance)", function () {
    it("adds, revalues, deactivates kinds and sets the policy, each with an event", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const gov = f.registry.connect(f.governance);
      await expect(gov.addKind("physical production", 7n))
        .to.emit(f.registry, "KindAdded")
        .withArgs(2n, "physical production", 7n);
      await expect(gov.setKindValue(2n, 9n)).to.emit(f.registry, "KindValueChanged").withArgs(2n, 7n, 9n);
      await expect(gov.setKindActive(2n, false)).to.emit(f.registry, "KindActiveChanged").withArgs(2n, false);
      expect(await f.registry.getKind(2n)).to.deep.equal(["physical production", 9n, false]);
      await expect(gov.setKindActive(2n, true)).to.emit(f.registry, "KindActiveChanged").withArgs(2n, true);
      await expect(gov.setAttestationPolicy(3n, 60n)).to.emit(f.registry, "AttestationPolicyChanged").withArgs(3n, 60n);
      expect(await f.registry.attestationPolicy()).to.deep.equal([3n, 60n]);
    });

    it("only governance changes kinds, policy and stewards", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const admin = await f.registry.DEFAULT_ADMIN_ROLE();
      const steward = await f.registry.STEWARD_ROLE();
      for (const who of [f.alice, f.steward]) {
        const r = f.registry.connect(who);
        for (const call of [
          () => r.addKind("x", 1n),
          () => r.setKindValue(CARE, 1n),
          () => r.setKindActive(CARE, false),
          () => r.setAttestationPolicy(1n, 0n),
          () => r.grantRole(steward, who.address),
        ]) {
          await expect(call())
            .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
            .withArgs(who.address, admin);
        }
      }
      expect(await f.registry.getKind(CARE)).to.deep.equal(["care", CARE_VALUE, true]);
      await f.registry.connect(f.governance).grantRole(steward, f.alice.address);
      expect(await f.registry.hasRole(steward, f.alice.address)).to.equal(true);
      await f.registry.connect(f.governance).revokeRole(steward, f.alice.address);
      expect(await f.registry.hasRole(steward, f.alice.address)).to.equal(false);
    });

    it("refuses unknown kinds, zero values and impossible policies", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const gov = f.registry.connect(f.governance);
      await expect(gov.setKindValue(5n, 1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownKind")
        .withArgs(5n, 2n);
      await expect(gov.setKindActive(2n, true))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownKind")
        .withArgs(2n, 2n);
      await expect(f.registry.getKind(2n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownKind")
        .withArgs(2n, 2n);
      await expect(gov.setKindValue(CARE, 0n)).to.be.revertedWithCustomError(
        f.registry,
        "ContributionRegistryInvalidValue",
      );
      await expect(gov.addKind("free", 0n)).to.be.revertedWithCustomError(
        f.registry,
        "ContributionRegistryInvalidValue",
      );
      await expect(gov.setAttestationPolicy(0n, 1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidPolicy")
        .withArgs(0n, 1n);
      await expect(gov.setAttestationPolicy(65536n, 1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidPolicy")
        .withArgs(65536n, 1n);
      await expect(gov.setAttestationPolicy(1n, 2n ** 32n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidPolicy")
        .withArgs(1n, 2n ** 32n);
      expect(await f.registry.attestationPolicy()).to.deep.equal([THRESHOLD, WINDOW]);
      expect(await f.registry.kindCount()).to.equal(2n);
    });
  });

  describe("submit", function () {
    it("records a member's contribution with its value and policy fixed at submission", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await expect(f.registry.connect(f.alice).submit(CODE, 4n, EVIDENCE_URI, EVIDENCE_HASH))
        .to.emit(f.registry, "ContributionSubmitted")
        .withArgs(1n, f.alice.address, CODE, 4n, 4n * CODE_VALUE, EVIDENCE_URI, EVIDENCE_HASH, THRESHOLD, WINDOW);
      await f.registry.connect(f.governance).setKindValue(CODE, 1n);
      await f.registry.connect(f.governance).setAttestationPolicy(3n, 1n);
      const c = await f.registry.getContribution(1n);
      expect(c.contributor).to.equal(f.alice.address);
      expect(c.kind).to.equal(CODE);
      expect(c.amount).to.equal(4n * CODE_VALUE);
      expect(c.threshold).to.equal(THRESHOLD);
      expect(c.challengeWindow).to.equal(WINDOW);
      expect(c.status).to.equal(Status.Pending);
      expect(c.attestations).to.equal(0n);
      expect(c.claimableAt).to.equal(0n);
      expect(await f.registry.contributionCount()).to.equal(1n);
      expect(await f.registry.evidenceHashOf(1n)).to.equal(EVIDENCE_HASH);
      await expect(f.registry.evidenceHashOf(2n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownContribution")
        .withArgs(2n);
    });

    it("refuses a non-member, an unknown or inactive kind, zero units and amounts beyond 128 bits", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await expect(f.registry.connect(f.outsider).submit(CARE, 1n, EVIDENCE_URI, EVIDENCE_HASH))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotMember")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.alice).submit(9n, 1n, EVIDENCE_URI, EVIDENCE_HASH))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownKind")
        .withArgs(9n, 2n);
      await f.registry.connect(f.governance).setKindActive(CARE, false);
      await expect(f.registry.connect(f.alice).submit(CARE, 1n, EVIDENCE_URI, EVIDENCE_HASH))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInactiveKind")
        .withArgs(CARE);
      for (const units of [0n, U128_MAX / CODE_VALUE + 1n, U128_MAX + 1n, MaxUint256]) {
        await expect(f.registry.connect(f.alice).submit(CODE, units, EVIDENCE_URI, EVIDENCE_HASH))
          .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidUnits")
          .withArgs(units);
      }
      await f.registry.connect(f.alice).submit(CODE, U128_MAX / CODE_VALUE, EVIDENCE_URI, ZeroHash);
      expect(await f.registry.contributionCount()).to.equal(1n);
    });
  });

  describe("attest", function () {
    it("counts peers' attestations and opens the challenge window at the threshold", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      await expect(f.registry.connect(f.bob).attest(1n))
        .to.emit(f.registry, "ContributionAttested")
        .withArgs(1n, f.bob.address, 1n, 0n);
      expect(await f.registry.hasAttested(1n, f.bob.address)).to.equal(true);
      // Below the threshold no window is open, however long one waits.
      await time.increase(WINDOW);
      expect(await f.registry.isClaimable(1n)).to.equal(false);
      const tx = f.registry.connect(f.carol).attest(1n);
      await tx;
      const claimableAt = BigInt(await time.latest()) + WINDOW;
      await expect(tx).to.emit(f.registry, "ContributionAttested").withArgs(1n, f.carol.address, 2n, claimableAt);
      // A further attestation is counted but does not move the window.
      await expect(f.registry.connect(f.dave).attest(1n))
        .to.emit(f.registry, "ContributionAttested")
        .withArgs(1n, f.dave.address, 3n, claimableAt);
      const c = await f.registry.getContribution(1n);
      expect(c.attestations).to.equal(3n);
      expect(c.claimableAt).to.equal(claimableAt);
      expect(await f.registry.isClaimable(1n)).to.equal(false);
      await time.increaseTo(claimableAt);
      expect(await f.registry.isClaimable(1n)).to.equal(true);
    });

    it("refuses self-attestation, double attestation, non-members and unknown contributions", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      await expect(f.registry.connect(f.alice).attest(1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistrySelfAttestation")
        .withArgs(1n, f.alice.address);
      await f.registry.connect(f.bob).attest(1n);
      await expect(f.registry.connect(f.bob).attest(1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryAlreadyAttested")
        .withArgs(1n, f.bob.address);
      await expect(f.registry.connect(f.outsider).attest(1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotMember")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.bob).attest(2n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownContribution")
        .withArgs(2n);
      await expect(f.registry.getContribution(2n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownContribution")
        .withArgs(2n);
      const c = await f.registry.getContribution(1n);
      expect(c.attestations).to.equal(1n);
      expect(c.claimableAt).to.equal(0n);
    });

    it("a contributor who left can no longer attest; a rejected or claimed contribution takes no attestation", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const { id, claimableAt } = await submitAttested(f);
      await time.increaseTo(claimableAt);
      await f.registry.connect(f.alice).claim(id);
      await expect(f.registry.connect(f.dave).attest(id))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(id, Status.Claimed);
      await f.registry.connect(f.bob).submit(CARE, 1n, EVIDENCE_URI, EVIDENCE_HASH);
      await f.registry.connect(f.carol).challenge(2n, "ipfs://why");
      await f.registry.connect(f.steward).resolveChallenge(2n, true, "ipfs://upheld");
      await expect(f.registry.connect(f.dave).attest(2n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(2n, Status.Rejected);
      await f.registry.connect(f.bob).submit(CARE, 1n, EVIDENCE_URI, EVIDENCE_HASH);
      await f.membership.connect(f.dave).leave();
      await expect(f.registry.connect(f.dave).attest(3n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotMember")
        .withArgs(f.dave.address);
    });
  });

  describe("attestBySig", function () {
    it("records an EIP-712 attestation relayed by anyone", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      const deadline = BigInt(await time.latest()) + 600n;
      const sig = await signAttestationOf(
        f.bob,
        f.registry,
        1n,
        f.bob.address,
        deadline,
        await registryDomain(f.registry),
      );
      await expect(f.registry.connect(f.outsider).attestBySig(1n, f.bob.address, deadline, sig))
        .to.emit(f.registry, "ContributionAttested")
        .withArgs(1n, f.bob.address, 1n, 0n);
      await expect(f.registry.connect(f.outsider).attestBySig(1n, f.bob.address, deadline, sig))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryAlreadyAttested")
        .withArgs(1n, f.bob.address);
    });

    it("accepts an ERC-1271 wallet's signature when the wallet is a member", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const wallet = await (await ethers.getContractFactory("ERC1271WalletMock")).deploy(f.dave.address);
      const walletAddress = await wallet.getAddress();
      await f.membership.connect(f.governance).admit(walletAddress);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      const deadline = BigInt(await time.latest()) + 600n;
      const sig = await signAttestationOf(
        f.dave,
        f.registry,
        1n,
        walletAddress,
        deadline,
        await registryDomain(f.registry),
      );
      await expect(f.registry.attestBySig(1n, walletAddress, deadline, sig))
        .to.emit(f.registry, "ContributionAttested")
        .withArgs(1n, walletAddress, 1n, 0n);
      const bad = await signAttestationOf(
        f.carol,
        f.registry,
        1n,
        walletAddress,
        deadline,
        await registryDomain(f.registry),
      );
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      await expect(f.registry.attestBySig(2n, walletAddress, deadline, bad))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidSignature")
        .withArgs(walletAddress);
    });

    it("refuses an expired, forged, other-chain, other-contract, other-contribution or altered signature", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      const domain = await registryDomain(f.registry);
      const deadline = BigInt(await time.latest()) + 600n;
      const value = await attestationOf(f.registry, 1n, f.bob.address, deadline);
      const cases = [
        await signAttestationOf(f.carol, f.registry, 1n, f.bob.address, deadline, domain),
        await signAttestationOf(f.bob, f.registry, 1n, f.bob.address, deadline, { ...domain, chainId: 1n }),
        await signAttestationOf(f.bob, f.registry, 1n, f.bob.address, deadline, {
          ...domain,
          verifyingContract: f.addresses.epochs,
        }),
        await signAttestation(f.bob, domain, { ...value, contributor: f.carol.address }),
        await signAttestation(f.bob, domain, { ...value, kind: CODE }),
        await signAttestation(f.bob, domain, { ...value, amount: value.amount + 1n }),
        await signAttestation(f.bob, domain, { ...value, evidenceHash: ZeroHash }),
        await signAttestationOf(f.bob, f.registry, 2n, f.bob.address, deadline, domain),
        await signAttestationOf(f.bob, f.registry, 1n, f.bob.address, deadline + 1n, domain),
      ];
      for (const sig of cases) {
        await expect(f.registry.attestBySig(1n, f.bob.address, deadline, sig))
          .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidSignature")
          .withArgs(f.bob.address);
      }
      const good = await signAttestationOf(f.bob, f.registry, 1n, f.bob.address, deadline, domain);
      await time.increaseTo(deadline + 1n);
      await expect(f.registry.attestBySig(1n, f.bob.address, deadline, good))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryExpired")
        .withArgs(deadline);
      expect(await f.registry.hasAttested(1n, f.bob.address)).to.equal(false);
    });
  });

  describe("challenge and resolveChallenge", function () {
    it("a member challenges a pending contribution; a steward upholds it and it can never be claimed", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const { id, claimableAt } = await submitAttested(f);
      await expect(f.registry.connect(f.dave).challenge(id, "ipfs://not-done"))
        .to.emit(f.registry, "ContributionChallenged")
        .withArgs(id, f.dave.address, "ipfs://not-done");
      expect((await f.registry.getContribution(id)).status).to.equal(Status.Challenged);
      await time.increaseTo(claimableAt);
      expect(await f.registry.isClaimable(id)).to.equal(false);
      await expect(f.registry.connect(f.alice).claim(id))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(id, Status.Challenged);
      await expect(f.registry.connect(f.steward).resolveChallenge(id, true, "ipfs://upheld"))
        .to.emit(f.registry, "ChallengeResolved")
        .withArgs(id, f.steward.address, true, "ipfs://upheld");
      expect((await f.registry.getContribution(id)).status).to.equal(Status.Rejected);
      await expect(f.registry.connect(f.alice).claim(id))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(id, Status.Rejected);
      await expect(f.registry.connect(f.steward).resolveChallenge(id, false, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(id, Status.Rejected);
      expect(await f.token.balanceOf(f.alice.address)).to.equal(FOUNDER_CREDIT);
    });

    it("governance dismisses a challenge; the contribution is claimable after its window and cannot be challenged again", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.registry.connect(f.alice).submit(CARE, 2n, EVIDENCE_URI, EVIDENCE_HASH);
      await f.registry.connect(f.dave).challenge(1n, "ipfs://early");
      await f.registry.connect(f.bob).attest(1n);
      await f.registry.connect(f.carol).attest(1n);
      await expect(f.registry.connect(f.governance).resolveChallenge(1n, false, "ipfs://dismissed"))
        .to.emit(f.registry, "ChallengeResolved")
        .withArgs(1n, f.governance.address, false, "ipfs://dismissed");
      expect((await f.registry.getContribution(1n)).status).to.equal(Status.Cleared);
      await expect(f.registry.connect(f.dave).challenge(1n, "again"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(1n, Status.Cleared);
      const { claimableAt } = await f.registry.getContribution(1n);
      await expect(f.registry.connect(f.alice).claim(1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotClaimable")
        .withArgs(1n, claimableAt);
      await time.increaseTo(claimableAt);
      expect(await f.registry.isClaimable(1n)).to.equal(true); // cleared, window over
      await expect(f.registry.connect(f.alice).claim(1n)).to.changeTokenBalance(f.token, f.alice, 2n * CARE_VALUE);
      expect(await f.registry.isClaimable(1n)).to.equal(false); // claimed
    });

    it("refuses a challenge from a non-member, of an unknown contribution, after the window, or twice", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const { id, claimableAt } = await submitAttested(f);
      await expect(f.registry.connect(f.outsider).challenge(id, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotMember")
        .withArgs(f.outsider.address);
      await expect(f.registry.connect(f.dave).challenge(99n, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownContribution")
        .withArgs(99n);
      await f.registry.connect(f.bob).submit(CARE, 1n, EVIDENCE_URI, EVIDENCE_HASH);
      await f.registry.connect(f.dave).challenge(2n, "r");
      await expect(f.registry.connect(f.carol).challenge(2n, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(2n, Status.Challenged);
      await time.increaseTo(claimableAt);
      await expect(f.registry.connect(f.dave).challenge(id, "late"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryChallengeWindowClosed")
        .withArgs(id, claimableAt);
      expect((await f.registry.getContribution(id)).status).to.equal(Status.Pending);
    });

    it("only governance or a steward resolves, and only a challenged contribution", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const { id } = await submitAttested(f);
      await expect(f.registry.connect(f.steward).resolveChallenge(id, true, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(id, Status.Pending);
      await f.registry.connect(f.dave).challenge(id, "r");
      await expect(f.registry.connect(f.dave).resolveChallenge(id, true, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotResolver")
        .withArgs(f.dave.address);
      await f.registry.connect(f.governance).revokeRole(await f.registry.STEWARD_ROLE(), f.steward.address);
      await expect(f.registry.connect(f.steward).resolveChallenge(id, true, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotResolver")
        .withArgs(f.steward.address);
      await expect(f.registry.connect(f.steward).resolveChallenge(99n, true, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotResolver")
        .withArgs(f.steward.address);
      await expect(f.registry.connect(f.governance).resolveChallenge(99n, true, "r"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownContribution")
        .withArgs(99n);
      expect((await f.registry.getContribution(id)).status).to.equal(Status.Challenged);
    });
  });

  describe("claim", function () {
    it("the contributor claims an accepted contribution once; its votes count at once", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const { id, claimableAt } = await submitAttested(f, 3n);
      await time.increaseTo(claimableAt);
      const tx = f.registry.connect(f.alice).claim(id);
      await expect(tx)
        .to.emit(f.registry, "ContributionClaimed")
        .withArgs(id, f.alice.address, 3n * CARE_VALUE);
      await expect(tx).to.changeTokenBalance(f.token, f.alice, 3n * CARE_VALUE);
      expect(await f.token.getVotes(f.alice.address)).to.equal(FOUNDER_CREDIT + 3n * CARE_VALUE);
      expect((await f.registry.getContribution(id)).status).to.equal(Status.Claimed);
      expect(await f.registry.isClaimable(id)).to.equal(false);
      await expect(f.registry.connect(f.alice).claim(id))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(id, Status.Claimed);
    });

    it("refuses a claim before the threshold, before the window ends, by someone else or of an unknown id", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      await f.registry.connect(f.bob).attest(1n);
      await expect(f.registry.connect(f.alice).claim(1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotClaimable")
        .withArgs(1n, 0n);
      await f.registry.connect(f.carol).attest(1n);
      const { claimableAt } = await f.registry.getContribution(1n);
      await time.increaseTo(claimableAt - 2n);
      await expect(f.registry.connect(f.alice).claim(1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotClaimable")
        .withArgs(1n, claimableAt);
      await expect(f.registry.connect(f.bob).claim(1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotContributor")
        .withArgs(f.bob.address, f.alice.address);
      await expect(f.registry.connect(f.alice).claim(2n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownContribution")
        .withArgs(2n);
      expect(await f.token.balanceOf(f.alice.address)).to.equal(FOUNDER_CREDIT);
    });

    it("a contributor who left claims what was accepted once admitted again", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const { id, claimableAt } = await submitAttested(f, 1n);
      await f.membership.connect(f.alice).leave();
      await time.increaseTo(claimableAt);
      await expect(f.registry.connect(f.alice).claim(id))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotMember")
        .withArgs(f.alice.address);
      await f.membership.connect(f.bob).endorse(f.alice.address);
      await f.membership.connect(f.carol).endorse(f.alice.address);
      await expect(f.registry.connect(f.alice).claim(id)).to.changeTokenBalance(f.token, f.alice, CARE_VALUE);
    });
  });

  describe("setStewardBudget", function () {
    it("governance sets a steward's budget per period, with an event; the period rolls over", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const period = await f.registry.STEWARD_BUDGET_PERIOD();
      expect(period).to.equal(30n * 24n * 3600n);
      const now = BigInt(await time.latest());
      expect(await f.registry.stewardBudget(f.steward.address)).to.deep.equal([0n, 0n, (now / period + 1n) * period]);
      await expect(f.registry.connect(f.governance).setStewardBudget(f.steward.address, 20n * CODE_VALUE))
        .to.emit(f.registry, "StewardBudgetSet")
        .withArgs(f.steward.address, 0n, 20n * CODE_VALUE);
      const domain = await registryDomain(f.registry);
      const v = await voucherFor(f, { units: 20n });
      await f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, await signVoucher(f.steward, domain, v));
      const [budget, spent, endsAt] = await f.registry.stewardBudget(f.steward.address);
      expect([budget, spent]).to.deep.equal([20n * CODE_VALUE, 20n * CODE_VALUE]);
      // Lowered below what was spent: nothing remains this period.
      await f.registry.connect(f.governance).setStewardBudget(f.steward.address, 10n * CODE_VALUE);
      const next = await voucherFor(f, { units: 1n, id: 99n, deadline: endsAt + 3600n });
      const sig = await signVoucher(f.steward, domain, next);
      await expect(f.registry.connect(f.bob).redeemVoucher(next, f.steward.address, sig))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryStewardBudgetExceeded")
        .withArgs(f.steward.address, CODE_VALUE, 0n);
      // The next period starts from nothing spent.
      await time.increaseTo(endsAt);
      expect((await f.registry.stewardBudget(f.steward.address))[1]).to.equal(0n);
      await expect(f.registry.connect(f.bob).redeemVoucher(next, f.steward.address, sig)).to.changeTokenBalance(
        f.token,
        f.bob,
        CODE_VALUE,
      );
      expect(await f.registry.stewardBudget(f.steward.address)).to.deep.equal([
        10n * CODE_VALUE,
        CODE_VALUE,
        endsAt + period,
      ]);
    });

    it("only governance sets budgets; never for the zero address or beyond 128 bits", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await expect(f.registry.connect(f.steward).setStewardBudget(f.steward.address, 1n))
        .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
        .withArgs(f.steward.address, await f.registry.DEFAULT_ADMIN_ROLE());
      await expect(f.registry.connect(f.governance).setStewardBudget(ZeroAddress, 1n)).to.be.revertedWithCustomError(
        f.registry,
        "ContributionRegistryInvalidAccount",
      );
      await expect(f.registry.connect(f.governance).setStewardBudget(f.steward.address, U128_MAX + 1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidBudget")
        .withArgs(U128_MAX + 1n);
      await f.registry.connect(f.governance).setStewardBudget(f.steward.address, U128_MAX);
      expect((await f.registry.stewardBudget(f.steward.address))[0]).to.equal(U128_MAX);
    });
  });

  describe("redeemVoucher", function () {
    it("the contributor redeems a steward's voucher once", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await withBudget(f);
      const v = await voucherFor(f);
      const sig = await signVoucher(f.steward, await registryDomain(f.registry), v);
      const tx = f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, sig);
      await expect(tx)
        .to.emit(f.registry, "VoucherRedeemed")
        .withArgs(v.id, f.bob.address, v.kind, v.units, v.units * CODE_VALUE, f.steward.address);
      await expect(tx).to.changeTokenBalance(f.token, f.bob, v.units * CODE_VALUE);
      expect(await f.registry.isVoucherRedeemed(v.id)).to.equal(true);
      await expect(f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, sig))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryVoucherRedeemed")
        .withArgs(v.id);
      // The same id cannot be reused by another voucher either.
      const v2 = await voucherFor(f, { units: 1n });
      const sig2 = await signVoucher(f.steward, await registryDomain(f.registry), v2);
      await expect(f.registry.connect(f.bob).redeemVoucher(v2, f.steward.address, sig2))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryVoucherRedeemed")
        .withArgs(v.id);
    });

    it("accepts a voucher signed by a steward that is an ERC-1271 wallet", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const wallet = await (await ethers.getContractFactory("ERC1271WalletMock")).deploy(f.dave.address);
      const w = await wallet.getAddress();
      await f.registry.connect(f.governance).grantRole(await f.registry.STEWARD_ROLE(), w);
      await f.registry.connect(f.governance).setStewardBudget(w, 12n * CODE_VALUE);
      const v = await voucherFor(f);
      const sig = await signVoucher(f.dave, await registryDomain(f.registry), v);
      await expect(f.registry.connect(f.bob).redeemVoucher(v, w, sig)).to.changeTokenBalance(
        f.token,
        f.bob,
        12n * CODE_VALUE,
      );
    });

    it("refuses a voucher for another chain or another contract, a forged or non-steward signature", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const v = await voucherFor(f);
      const domain = await registryDomain(f.registry);
      const other = await registryAt(await deployClone(f.deployer, f.implAddresses.registry));
      await other.initialize(
        f.addresses.token,
        f.addresses.membership,
        f.governance.address,
        [f.steward.address],
        1n,
        0n,
        [
          { name: "care", valuePerUnit: 1n },
          { name: "code", valuePerUnit: 1n },
        ],
      );
      const otherContract = await signVoucher(f.steward, await registryDomain(other), v);
      const otherChain = await signVoucher(f.steward, { ...domain, chainId: 10n }, v);
      const forged = await signVoucher(f.alice, domain, v);
      const altered = await signVoucher(f.steward, domain, { ...v, units: v.units - 1n });
      for (const sig of [otherContract, otherChain, forged, altered]) {
        await expect(f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, sig))
          .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidSignature")
          .withArgs(f.steward.address);
      }
      await expect(f.registry.connect(f.bob).redeemVoucher(v, f.alice.address, forged))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotSteward")
        .withArgs(f.alice.address);
      const good = await signVoucher(f.steward, domain, v);
      await f.registry.connect(f.governance).revokeRole(await f.registry.STEWARD_ROLE(), f.steward.address);
      await expect(f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, good))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotSteward")
        .withArgs(f.steward.address);
      expect(await f.registry.isVoucherRedeemed(v.id)).to.equal(false);
      expect(await f.token.balanceOf(f.bob.address)).to.equal(0n);
    });

    it("refuses an expired voucher, someone else's, zero or too many units, and an unknown or inactive kind", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await withBudget(f);
      const domain = await registryDomain(f.registry);
      const v = await voucherFor(f);
      const sig = await signVoucher(f.steward, domain, v);
      await expect(f.registry.connect(f.alice).redeemVoucher(v, f.steward.address, sig))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotContributor")
        .withArgs(f.alice.address, f.bob.address);
      for (const units of [0n, U128_MAX / CODE_VALUE + 1n, U128_MAX + 1n, MaxUint256]) {
        const bad = await voucherFor(f, { units, id: 8n });
        await expect(
          f.registry.connect(f.bob).redeemVoucher(bad, f.steward.address, await signVoucher(f.steward, domain, bad)),
        )
          .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidUnits")
          .withArgs(units);
      }
      const unknown = await voucherFor(f, { kind: 4n, id: 9n });
      await expect(
        f.registry
          .connect(f.bob)
          .redeemVoucher(unknown, f.steward.address, await signVoucher(f.steward, domain, unknown)),
      )
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryUnknownKind")
        .withArgs(4n, 2n);
      await f.registry.connect(f.governance).setKindActive(CODE, false);
      await expect(f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, sig))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInactiveKind")
        .withArgs(CODE);
      await f.registry.connect(f.governance).setKindActive(CODE, true);
      await time.increaseTo(v.deadline + 1n);
      await expect(f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, sig))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryExpired")
        .withArgs(v.deadline);
      expect(await f.token.balanceOf(f.bob.address)).to.equal(0n);
    });
  });

  describe("regression: issue 14", function () {
    async function budgeted(f: ContributionsFixture, budget = 10n * CODE_VALUE) {
      await f.registry.connect(f.governance).setStewardBudget(f.steward.address, budget);
      return registryDomain(f.registry);
    }

    it("a steward cannot mint beyond its period budget (zero by default)", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const domain = await registryDomain(f.registry);
      const v = await voucherFor(f, { units: 1n });
      await expect(
        f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, await signVoucher(f.steward, domain, v)),
      )
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryStewardBudgetExceeded")
        .withArgs(f.steward.address, CODE_VALUE, 0n);
      await budgeted(f);
      const six = await voucherFor(f, { units: 6n, id: 1n });
      await f.registry.connect(f.bob).redeemVoucher(six, f.steward.address, await signVoucher(f.steward, domain, six));
      const five = await voucherFor(f, { units: 5n, id: 2n });
      await expect(
        f.registry.connect(f.bob).redeemVoucher(five, f.steward.address, await signVoucher(f.steward, domain, five)),
      )
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryStewardBudgetExceeded")
        .withArgs(f.steward.address, 5n * CODE_VALUE, 4n * CODE_VALUE);
      expect(await f.token.balanceOf(f.bob.address)).to.equal(6n * CODE_VALUE);
    });

    it("a voucher mints units times the kind's value, never a free amount", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const domain = await budgeted(f);
      const v = await voucherFor(f, { units: 3n });
      const tx = f.registry.connect(f.bob).redeemVoucher(v, f.steward.address, await signVoucher(f.steward, domain, v));
      await expect(tx)
        .to.emit(f.registry, "VoucherRedeemed")
        .withArgs(v.id, f.bob.address, CODE, 3n, 3n * CODE_VALUE, f.steward.address);
      await expect(tx).to.changeTokenBalance(f.token, f.bob, 3n * CODE_VALUE);
    });

    it("a steward cannot pay itself or a non-member by voucher", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const domain = await budgeted(f);
      // The steward is made a member, so only the self-payment rule stops it.
      await f.membership.connect(f.governance).admit(f.steward.address);
      const self = await voucherFor(f, { contributor: f.steward.address, units: 1n });
      await expect(
        f.registry
          .connect(f.steward)
          .redeemVoucher(self, f.steward.address, await signVoucher(f.steward, domain, self)),
      )
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistrySelfVoucher")
        .withArgs(f.steward.address);
      const outsider = await voucherFor(f, { contributor: f.outsider.address, units: 1n });
      await expect(
        f.registry
          .connect(f.outsider)
          .redeemVoucher(outsider, f.steward.address, await signVoucher(f.steward, domain, outsider)),
      )
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotMember")
        .withArgs(f.outsider.address);
      expect(await f.token.balanceOf(f.steward.address)).to.equal(0n);
      expect(await f.token.balanceOf(f.outsider.address)).to.equal(0n);
    });

    it("a contributor cannot challenge its own contribution", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      await expect(f.registry.connect(f.alice).challenge(1n, "self"))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistrySelfChallenge")
        .withArgs(1n, f.alice.address);
      expect((await f.registry.getContribution(1n)).status).to.equal(Status.Pending);
    });

    it("attestations after a dismissed challenge can be challenged again within their window", async function () {
      const f = await loadFixture(deployContributionsFixture);
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      // An early (perhaps colluding) challenge is dismissed before anyone attested.
      await f.registry.connect(f.dave).challenge(1n, "early");
      await f.registry.connect(f.steward).resolveChallenge(1n, false, "nothing to see yet");
      await expect(f.registry.connect(f.bob).attest(1n))
        .to.emit(f.registry, "ContributionReopened")
        .withArgs(1n, f.bob.address);
      expect((await f.registry.getContribution(1n)).status).to.equal(Status.Pending);
      await f.registry.connect(f.carol).attest(1n);
      const claimableAt = BigInt(await time.latest()) + WINDOW;
      expect((await f.registry.getContribution(1n)).claimableAt).to.equal(claimableAt);
      await expect(f.registry.connect(f.dave).challenge(1n, "the attestations are collusive"))
        .to.emit(f.registry, "ContributionChallenged")
        .withArgs(1n, f.dave.address, "the attestations are collusive");
      await f.registry.connect(f.steward).resolveChallenge(1n, true, "upheld");
      await time.increaseTo(claimableAt);
      await expect(f.registry.connect(f.alice).claim(1n))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryWrongStatus")
        .withArgs(1n, Status.Rejected);
    });

    it("a late attestation re-opens a cleared contribution only until its claimableAt", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const { id, claimableAt } = await submitAttested(f);
      await f.registry.connect(f.dave).challenge(id, "r");
      await f.registry.connect(f.steward).resolveChallenge(id, false, "dismissed");
      await f.membership.connect(f.governance).admit(f.outsider.address);
      // Before claimableAt: re-opened, and the window is not moved.
      await expect(f.registry.connect(f.dave).attest(id)).to.emit(f.registry, "ContributionReopened");
      expect((await f.registry.getContribution(id)).claimableAt).to.equal(claimableAt);
      await f.registry.connect(f.dave).challenge(id, "again");
      await f.registry.connect(f.steward).resolveChallenge(id, false, "dismissed again");
      // After claimableAt: the attestation is counted, the contribution stays cleared and claimable.
      await time.increaseTo(claimableAt);
      await expect(f.registry.connect(f.outsider).attest(id)).not.to.emit(f.registry, "ContributionReopened");
      expect((await f.registry.getContribution(id)).status).to.equal(Status.Cleared);
      expect(await f.registry.isClaimable(id)).to.equal(true);
    });

    it("an attestation signature cannot attest another contributor's submission under the same id", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const domain = await registryDomain(f.registry);
      const deadline = BigInt(await time.latest()) + 600n;
      // Carol prepares her attestation of alice's coming contribution #1 (the next id) ...
      const sig = await signAttestation(f.carol, domain, {
        contributionId: 1n,
        contributor: f.alice.address,
        kind: CARE,
        amount: 3n * CARE_VALUE,
        evidenceHash: EVIDENCE_HASH,
        attestor: f.carol.address,
        deadline,
      });
      // ... but bob's submission takes id 1 first.
      await f.registry.connect(f.bob).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
      await expect(f.registry.attestBySig(1n, f.carol.address, deadline, sig))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryInvalidSignature")
        .withArgs(f.carol.address);
      // Alice's own submission at id 2 with other evidence is not attested by it either.
      await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, ZeroHash);
      expect(await f.registry.hasAttested(1n, f.carol.address)).to.equal(false);
      // The type the contract checks names the contributor, kind, amount and evidence hash; a signature
      // over what the registry holds for id 1 is accepted.
      expect(await f.registry.ATTESTATION_TYPEHASH()).to.equal(
        keccak256(toUtf8Bytes(TypedDataEncoder.from(ATTESTATION_TYPES).encodeType("Attestation"))),
      );
      const bound = await signAttestationOf(f.carol, f.registry, 1n, f.carol.address, deadline);
      await expect(f.registry.attestBySig(1n, f.carol.address, deadline, bound))
        .to.emit(f.registry, "ContributionAttested")
        .withArgs(1n, f.carol.address, 1n, 0n);
    });

    it("a removed member cannot claim pending contributions until governance re-admits them", async function () {
      const f = await loadFixture(deployContributionsFixture);
      const { id, claimableAt } = await submitAttested(f, 1n);
      await f.membership.connect(f.governance).remove(f.alice.address, "ipfs://why");
      await time.increaseTo(claimableAt);
      expect(await f.registry.isClaimable(id)).to.equal(false);
      await expect(f.registry.connect(f.alice).claim(id))
        .to.be.revertedWithCustomError(f.registry, "ContributionRegistryNotMember")
        .withArgs(f.alice.address);
      await f.membership.connect(f.governance).admit(f.alice.address);
      expect(await f.registry.isClaimable(id)).to.equal(true);
      await expect(f.registry.connect(f.alice).claim(id)).to.changeTokenBalance(f.token, f.alice, CARE_VALUE);
    });
  });

  describe("supportsInterface", function () {
    it("reports AccessControl", async function () {
      const f = await loadFixture(deployContributionsFixture);
      expect(await f.registry.supportsInterface("0x7965db0b")).to.equal(true);
    });
  });
});
