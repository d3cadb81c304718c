import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { parseEther, ZeroAddress, ZeroHash } from "ethers";

import { CHARTER_TYPES, registryDomain } from "../../scripts/lib/licensing";
import type { Reenterer } from "../../typechain-types";
import {
  Commercial,
  Commons,
  DAY,
  NO_EXPIRY,
  NonCommercial,
  Status,
  deployLicensingFixture,
  gasOf,
  hashOf,
  makeTerms,
  nextLicenceId,
  registerWork,
} from "../helpers/licensing";

const FEE = parseEther("1");

async function commercialWorkFixture() {
  const f = await deployLicensingFixture();
  const terms = makeTerms({ feePerPeriod: FEE, revenueShareBps: 500, membership: await f.membership.getAddress() });
  const workId = await registerWork(f.registry, f.steward, await f.membrane.getAddress(), terms);
  return { ...f, terms, workId };
}

describe("LicenceRegistry", function () {
  describe("registerWork", function () {
    it("records the work, its first terms and the steward, with events", async function () {
      const { registry, steward, membrane } = await loadFixture(deployLicensingFixture);
      const terms = makeTerms();
      const beneficiary = await membrane.getAddress();
      await expect(
        registry.connect(steward).registerWork("Seed press", "ipfs://press", hashOf("press"), beneficiary, terms),
      )
        .to.emit(registry, "WorkRegistered")
        .withArgs(1n, steward.address, beneficiary, 0n, hashOf("press"), "Seed press", "ipfs://press")
        .and.to.emit(registry, "TermsSet");
      const w = await registry.work(1n);
      expect(w.steward).to.equal(steward.address);
      expect(w.beneficiary).to.equal(beneficiary);
      expect(w.termsVersion).to.equal(1n);
      expect((await registry.terms(1n, 1n)).uri).to.equal("ipfs://terms-v1");
      expect(await registry.counts()).to.deep.equal([1n, 0n]);
    });

    it("rejects an incomplete work, a zero beneficiary and invalid terms", async function () {
      const { registry, steward, membrane } = await loadFixture(deployLicensingFixture);
      const b = await membrane.getAddress();
      const r = registry.connect(steward);
      const t = makeTerms();
      await expect(r.registerWork("", "u", hashOf("x"), b, t)).to.be.revertedWithCustomError(
        registry,
        "LicenceRegistryInvalidWork",
      );
      await expect(r.registerWork("t", "", hashOf("x"), b, t)).to.be.revertedWithCustomError(
        registry,
        "LicenceRegistryInvalidWork",
      );
      await expect(r.registerWork("t", "u", ZeroHash, b, t)).to.be.revertedWithCustomError(
        registry,
        "LicenceRegistryInvalidWork",
      );
      await expect(r.registerWork("t", "u", hashOf("x"), ZeroAddress, t)).to.be.revertedWithCustomError(
        registry,
        "LicenceRegistryInvalidAddress",
      );
      await expect(r.registerWork("t", "u", hashOf("x"), b, makeTerms({ uri: "" }))).to.be.revertedWithCustomError(
        registry,
        "LicenceRegistryInvalidTerms",
      );
      await expect(
        r.registerWork("t", "u", hashOf("x"), b, makeTerms({ hash: ZeroHash })),
      ).to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidTerms");
      await expect(r.registerWork("t", "u", hashOf("x"), b, makeTerms({ revenueShareBps: 10_001 })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidShare")
        .withArgs(10_001);
      await expect(r.registerWork("t", "u", hashOf("x"), b, makeTerms({ answerWindow: DAY - 1 })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryAnswerWindowTooShort")
        .withArgs(DAY - 1, DAY);
      expect(await registry.counts()).to.deep.equal([0n, 0n]);
    });
  });

  describe("stewardship, beneficiary, terms and versions", function () {
    it("hands stewardship over in two steps", async function () {
      const { registry, steward, alice, bob, workId } = await loadFixture(commercialWorkFixture);
      await expect(registry.connect(alice).offerStewardship(workId, alice.address))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotSteward")
        .withArgs(workId, alice.address);
      await expect(registry.connect(steward).offerStewardship(workId, alice.address))
        .to.emit(registry, "StewardshipOffered")
        .withArgs(workId, steward.address, alice.address);
      await expect(registry.connect(bob).acceptStewardship(workId))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotPendingSteward")
        .withArgs(workId, bob.address);
      expect((await registry.work(workId)).steward).to.equal(steward.address);
      await expect(registry.connect(alice).acceptStewardship(workId))
        .to.emit(registry, "StewardshipAccepted")
        .withArgs(workId, steward.address, alice.address);
      const w = await registry.work(workId);
      expect(w.steward).to.equal(alice.address);
      expect(w.pendingSteward).to.equal(ZeroAddress);
      await expect(registry.connect(alice).acceptStewardship(99n))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownWork")
        .withArgs(99n);
    });

    it("lets only the steward supersede, set terms or change the beneficiary", async function () {
      const { registry, alice, workId, terms } = await loadFixture(commercialWorkFixture);
      await expect(registry.connect(alice).supersedeWork(workId, "t", "u", hashOf("x")))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotSteward")
        .withArgs(workId, alice.address);
      await expect(registry.connect(alice).setTerms(workId, terms))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotSteward")
        .withArgs(workId, alice.address);
      await expect(registry.connect(alice).setBeneficiary(workId, alice.address))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotSteward")
        .withArgs(workId, alice.address);
    });

    it("changes the beneficiary, never to the zero address", async function () {
      const { registry, steward, alice, workId } = await loadFixture(commercialWorkFixture);
      await expect(registry.connect(steward).setBeneficiary(workId, ZeroAddress)).to.be.revertedWithCustomError(
        registry,
        "LicenceRegistryInvalidAddress",
      );
      await expect(registry.connect(steward).setBeneficiary(workId, alice.address))
        .to.emit(registry, "BeneficiaryChanged")
        .withArgs(workId, alice.address);
      expect((await registry.work(workId)).beneficiary).to.equal(alice.address);
    });

    it("versions terms and rejects invalid ones", async function () {
      const { registry, steward, workId } = await loadFixture(commercialWorkFixture);
      await expect(registry.connect(steward).setTerms(workId, makeTerms({ uri: "ipfs://v2", feePerPeriod: 2n * FEE })))
        .to.emit(registry, "TermsSet")
        .withArgs(workId, 2n, anyValue);
      expect((await registry.work(workId)).termsVersion).to.equal(2n);
      expect((await registry.terms(workId, 1n)).feePerPeriod).to.equal(FEE);
      expect((await registry.terms(workId, 2n)).feePerPeriod).to.equal(2n * FEE);
      await expect(registry.terms(workId, 3n))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownWork")
        .withArgs(workId);
      await expect(registry.terms(workId, 0n))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownWork")
        .withArgs(workId);
      await expect(
        registry.connect(steward).setTerms(workId, makeTerms({ hash: ZeroHash })),
      ).to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidTerms");
    });

    it("supersedes a work by a new version that keeps the terms, while old licences stay", async function () {
      const { registry, steward, alice, bob, workId } = await loadFixture(commercialWorkFixture);
      await registry.connect(alice).requestLicence(workId, 1n, NonCommercial, 0, 0);
      await expect(registry.connect(steward).supersedeWork(workId, "Seed press v2", "ipfs://press2", hashOf("press2")))
        .to.emit(registry, "WorkSuperseded")
        .withArgs(workId, workId + 1n)
        .and.to.emit(registry, "WorkRegistered")
        .withArgs(workId + 1n, steward.address, anyValue, workId, hashOf("press2"), "Seed press v2", "ipfs://press2");
      const newer = await registry.work(workId + 1n);
      expect(newer.previousVersion).to.equal(workId);
      expect((await registry.terms(workId + 1n, 1n)).feePerPeriod).to.equal(FEE);
      expect((await registry.work(workId)).supersededBy).to.equal(workId + 1n);
      expect(await registry.isLicensed(workId, alice.address)).to.equal(true);
      await expect(registry.connect(bob).requestLicence(workId, 1n, NonCommercial, 0, 0))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWorkSuperseded")
        .withArgs(workId, workId + 1n);
      await expect(registry.connect(steward).supersedeWork(workId, "again", "u", hashOf("again")))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWorkSuperseded")
        .withArgs(workId, workId + 1n);
      for (const [title, uri, hash] of [
        ["", "u", hashOf("x")],
        ["t", "", hashOf("x")],
        ["t", "u", ZeroHash],
      ]) {
        await expect(
          registry.connect(steward).supersedeWork(workId + 1n, title, uri, hash),
        ).to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidWork");
      }
      await registry.connect(bob).requestLicence(workId + 1n, 1n, NonCommercial, 0, 0);
      expect(await registry.isLicensed(workId + 1n, bob.address)).to.equal(true);
    });
  });

  describe("free licences", function () {
    it("grants non-commercial use automatically, for the terms' period, and refuses payment", async function () {
      const { registry, alice, workId } = await loadFixture(commercialWorkFixture);
      await expect(registry.connect(alice).requestLicence(workId, 1n, NonCommercial, 0, 0, { value: 1n }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongValue")
        .withArgs(1n, 0n);
      const id = await nextLicenceId(registry);
      await expect(registry.connect(alice).requestLicence(workId, 1n, NonCommercial, 0, 0))
        .to.emit(registry, "LicenceRequested")
        .withArgs(id, workId, alice.address, NonCommercial, 0, 0)
        .and.to.emit(registry, "LicenceGranted")
        .withArgs(id, workId, alice.address, NonCommercial, 1n, await registry.getAddress(), anyValue, false);
      expect(await registry.isLicensed(workId, alice.address)).to.equal(true);
      expect(await registry.licenceOf(workId, alice.address)).to.equal(id);
      await expect(registry.connect(alice).requestLicence(workId, 1n, Commons, 0, 0))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryAlreadyLicensed")
        .withArgs(id, alice.address);
    });

    it("grants non-commercial use automatically even when commercial licences need the steward", async function () {
      // Killed mutant (docs/mutation.md): without its own branch, non-commercial use would follow
      // `commercialAutoGrant` and wait for the steward.
      const { registry, steward, bob, workId, terms } = await loadFixture(commercialWorkFixture);
      await registry.connect(steward).setTerms(workId, { ...terms, commercialAutoGrant: false });
      const id = await nextLicenceId(registry);
      await expect(registry.connect(bob).requestLicence(workId, 2n, NonCommercial, 0, 0))
        .to.emit(registry, "LicenceGranted")
        .withArgs(id, workId, bob.address, NonCommercial, 2n, await registry.getAddress(), anyValue, false);
      expect(await registry.isLicensed(workId, bob.address)).to.equal(true);
    });

    it("licenses a commons user (a member of the named membership) free, and prints its gas", async function () {
      const { registry, membership, membrane, alice, workId } = await loadFixture(commercialWorkFixture);
      await membership.setMember(alice.address, true);
      expect(await registry.isCommonsUser(workId, alice.address)).to.equal(true);
      const before = await ethers.provider.getBalance(await membrane.getAddress());
      const gas = await gasOf(registry.connect(alice).requestLicence(workId, 1n, Commons, 0, 0));
      console.log(`      gas: commons grant (membership check) ${gas}`);
      expect(await registry.isLicensed(workId, alice.address)).to.equal(true);
      const lic = await registry.licence(await registry.licenceOf(workId, alice.address));
      expect(lic.status).to.equal(Status.Active);
      expect(lic.licenceClass).to.equal(Commons);
      expect(await ethers.provider.getBalance(await membrane.getAddress())).to.equal(before);
    });

    it("licenses a cooperative the steward recognises", async function () {
      const { registry, steward, carol, workId } = await loadFixture(commercialWorkFixture);
      await expect(registry.connect(steward).recogniseCooperative(ZeroAddress, true)).to.be.revertedWithCustomError(
        registry,
        "LicenceRegistryInvalidAddress",
      );
      await expect(registry.connect(steward).recogniseCooperative(carol.address, true))
        .to.emit(registry, "CooperativeRecognised")
        .withArgs(steward.address, carol.address, true);
      expect(await registry.isRecognisedCooperative(steward.address, carol.address)).to.equal(true);
      await registry.connect(carol).requestLicence(workId, 1n, Commons, 0, 0);
      expect(await registry.isLicensed(workId, carol.address)).to.equal(true);
    });

    it("records a charter signer (EIP-712) once per signature, whose licence the steward grants", async function () {
      const f = await loadFixture(deployLicensingFixture);
      const { registry, steward, bob, alice, membrane } = f;
      const charterHash = hashOf("Cosmolocal commons charter");
      const workId = await registerWork(registry, steward, await membrane.getAddress(), makeTerms({ charterHash }));
      const net = await ethers.provider.getNetwork();
      const domain = registryDomain(net.chainId, await registry.getAddress());
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await bob.signTypedData(domain, CHARTER_TYPES, {
        signer: bob.address,
        charterHash,
        nonce: 0n,
        deadline,
      });
      await expect(registry.connect(alice).acceptCharter(bob.address, charterHash, deadline, sig.replace(/..$/, "00")))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidSignature")
        .withArgs(bob.address);
      await expect(registry.connect(alice).acceptCharter(alice.address, charterHash, deadline, sig))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidSignature")
        .withArgs(alice.address);
      await expect(registry.connect(alice).acceptCharter(bob.address, charterHash, deadline, sig))
        .to.emit(registry, "CharterAccepted")
        .withArgs(bob.address, charterHash, 0n);
      expect(await registry.charterAccepted(bob.address, charterHash)).to.equal(true);
      expect(await registry.nonces(bob.address)).to.equal(1n);
      await expect(registry.connect(alice).acceptCharter(bob.address, charterHash, deadline, sig))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidSignature")
        .withArgs(bob.address);
      // A charter anyone can sign makes bob a commons user, but his first licence waits for the steward.
      expect(await registry.isCommonsUser(workId, bob.address)).to.equal(true);
      const id = await nextLicenceId(registry);
      await registry.connect(bob).requestLicence(workId, 1n, Commons, 0, 0);
      expect(await registry.isLicensed(workId, bob.address)).to.equal(false);
      await registry.connect(steward).grantLicence(id);
      expect(await registry.isLicensed(workId, bob.address)).to.equal(true);
      await time.increaseTo(deadline + 1n);
      await expect(registry.acceptCharter(bob.address, charterHash, deadline, sig))
        .to.be.revertedWithCustomError(registry, "LicenceRegistrySignatureExpired")
        .withArgs(deadline);
      expect(await registry.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(domain));
    });

    it("leaves an unproven commons claim to the steward, who grants or refuses it", async function () {
      const { registry, steward, alice, bob, workId } = await loadFixture(commercialWorkFixture);
      const id = await nextLicenceId(registry);
      await registry.connect(alice).requestLicence(workId, 1n, Commons, 0, 0);
      expect((await registry.licence(id)).status).to.equal(Status.Requested);
      await expect(registry.connect(alice).requestLicence(workId, 1n, NonCommercial, 0, 0))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryAlreadyLicensed")
        .withArgs(id, alice.address);
      expect(await registry.isLicensed(workId, alice.address)).to.equal(false);
      await expect(registry.connect(alice).grantLicence(id))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotSteward")
        .withArgs(workId, alice.address);
      await expect(registry.connect(steward).grantLicence(id))
        .to.emit(registry, "LicenceGranted")
        .withArgs(id, workId, alice.address, Commons, 1n, steward.address, anyValue, false);
      expect(await registry.isLicensed(workId, alice.address)).to.equal(true);
      await expect(registry.connect(steward).grantLicence(id))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongStatus")
        .withArgs(id, Status.Active);

      await registry.connect(bob).requestLicence(workId, 1n, Commons, 0, 0);
      await expect(registry.connect(steward).refuseLicence(id + 1n, "ipfs://why", hashOf("why")))
        .to.emit(registry, "LicenceRefused")
        .withArgs(id + 1n, "ipfs://why", hashOf("why"));
      expect((await registry.licence(id + 1n)).status).to.equal(Status.Refused);
      expect(await registry.isLicensed(workId, bob.address)).to.equal(false);
      await expect(registry.licence(99n))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownLicence")
        .withArgs(99n);
      await expect(registry.licenceTerms(99n))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownLicence")
        .withArgs(99n);
    });
  });

  describe("commercial licences", function () {
    it("takes the fee in native currency into the membrane, and prints the gas of a commercial grant", async function () {
      const { registry, membrane, company, workId } = await loadFixture(commercialWorkFixture);
      const m = await membrane.getAddress();
      await expect(registry.connect(company).requestLicence(workId, 1n, Commercial, FEE, 500, { value: FEE - 1n }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongValue")
        .withArgs(FEE - 1n, FEE);
      const id = await nextLicenceId(registry);
      const tx = registry.connect(company).requestLicence(workId, 1n, Commercial, FEE, 500, { value: FEE });
      await expect(tx)
        .to.emit(registry, "FeePaid")
        .withArgs(id, company.address, m, ZeroAddress, FEE, true)
        .and.to.emit(membrane, "IncomeReceived")
        .withArgs(ZeroAddress, await registry.getAddress(), FEE);
      await expect(tx).to.changeEtherBalances([company, membrane], [-FEE, FEE]);
      expect(await membrane.pendingIncome(ZeroAddress)).to.equal(FEE);
      expect(await registry.isLicensed(workId, company.address)).to.equal(true);
      const f2 = await deployLicensingFixture();
      const w2 = await registerWork(
        f2.registry,
        f2.steward,
        await f2.membrane.getAddress(),
        makeTerms({ feePerPeriod: FEE }),
      );
      const gas = await gasOf(
        f2.registry.connect(f2.company).requestLicence(w2, 1n, Commercial, FEE, 0, { value: FEE }),
      );
      console.log(`      gas: commercial grant (native fee pushed to the membrane) ${gas}`);
    });

    it("takes an ERC-20 fee and a revenue share that arrive in the membrane", async function () {
      const f = await loadFixture(deployLicensingFixture);
      const { registry, membrane, erc20, company, steward } = f;
      const m = await membrane.getAddress();
      const terms = makeTerms({ feeToken: await erc20.getAddress(), feePerPeriod: FEE, revenueShareBps: 500 });
      const workId = await registerWork(registry, steward, m, terms);
      await erc20.mint(company.address, parseEther("100"));
      await erc20.connect(company).approve(await registry.getAddress(), parseEther("100"));
      const id = await nextLicenceId(registry);
      await expect(registry.connect(company).requestLicence(workId, 1n, Commercial, FEE, 500, { value: 1n }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongValue")
        .withArgs(1n, 0n);
      await expect(registry.connect(company).requestLicence(workId, 1n, Commercial, FEE, 500))
        .to.emit(registry, "FeePaid")
        .withArgs(id, company.address, m, await erc20.getAddress(), FEE, true);
      expect(await membrane.pendingIncome(await erc20.getAddress())).to.equal(FEE);
      await expect(registry.connect(company).reportRevenue(id, parseEther("40"), "ipfs://q1", hashOf("q1")))
        .to.emit(registry, "RevenueReported")
        .withArgs(id, parseEther("40"), parseEther("2"), "ipfs://q1", hashOf("q1"));
      expect(await membrane.pendingIncome(await erc20.getAddress())).to.equal(FEE + parseEther("2"));
      expect(await erc20.balanceOf(m)).to.equal(FEE + parseEther("2"));
      // A report so small that its share rounds to zero pays nothing and still records the report.
      await expect(registry.connect(company).reportRevenue(id, 19n, "ipfs://q2", hashOf("q2")))
        .to.emit(registry, "RevenueReported")
        .withArgs(id, 19n, 0n, "ipfs://q2", hashOf("q2"));
    });

    it("credits a fee-on-transfer fee by what arrived", async function () {
      const { registry, membrane, fotToken, company, steward } = await loadFixture(deployLicensingFixture);
      const m = await membrane.getAddress();
      const workId = await registerWork(
        registry,
        steward,
        m,
        makeTerms({ feeToken: await fotToken.getAddress(), feePerPeriod: 1000n }),
      );
      await fotToken.mint(company.address, 10_000n);
      await fotToken.connect(company).approve(await registry.getAddress(), 10_000n);
      await registry.connect(company).requestLicence(workId, 1n, Commercial, 1000n, 0);
      expect(await fotToken.balanceOf(m)).to.equal(990n);
      expect(await membrane.pendingIncome(await fotToken.getAddress())).to.equal(990n);
      expect(await membrane.accounted(await fotToken.getAddress())).to.equal(990n);
    });

    it("pays an EOA beneficiary directly, and holds the fee of a beneficiary that refuses native currency", async function () {
      const { registry, steward, carol, company, membership } = await loadFixture(deployLicensingFixture);
      const w1 = await registerWork(registry, steward, carol.address, makeTerms({ feePerPeriod: FEE }));
      await expect(
        registry.connect(company).requestLicence(w1, 1n, Commercial, FEE, 0, { value: FEE }),
      ).to.changeEtherBalance(carol, FEE);
      const refusing = await membership.getAddress();
      const w2 = await registerWork(registry, steward, refusing, makeTerms({ feePerPeriod: FEE }), "other");
      const id = await nextLicenceId(registry);
      await expect(registry.connect(company).requestLicence(w2, 1n, Commercial, FEE, 0, { value: FEE }))
        .to.emit(registry, "FeeHeld")
        .withArgs(id, refusing, FEE)
        .and.to.emit(registry, "FeePaid")
        .withArgs(id, company.address, refusing, ZeroAddress, FEE, false);
      expect(await registry.isLicensed(w2, company.address)).to.equal(true);
      expect(await registry.heldFees(refusing)).to.equal(FEE);
      expect(await registry.heldFees(carol.address)).to.equal(0n);
      // Only what is held for the caller can be withdrawn, to a real account that accepts it.
      await expect(registry.connect(carol).withdrawHeldFees(carol.address))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNothingHeld")
        .withArgs(carol.address);
      await expect(registry.connect(carol).withdrawHeldFees(ZeroAddress)).to.be.revertedWithCustomError(
        registry,
        "LicenceRegistryInvalidAddress",
      );
    });

    it("pays an ERC-20 fee to an EOA beneficiary without notifying it", async function () {
      const { registry, steward, carol, company, erc20 } = await loadFixture(deployLicensingFixture);
      const w = await registerWork(
        registry,
        steward,
        carol.address,
        makeTerms({ feeToken: await erc20.getAddress(), feePerPeriod: 10n }),
      );
      await erc20.mint(company.address, 10n);
      await erc20.connect(company).approve(await registry.getAddress(), 10n);
      await expect(registry.connect(company).requestLicence(w, 1n, Commercial, 10n, 0))
        .to.emit(registry, "FeePaid")
        .withArgs(1n, company.address, carol.address, await erc20.getAddress(), 10n, false);
      expect(await erc20.balanceOf(carol.address)).to.equal(10n);
    });

    it("stops a beneficiary from re-entering the registry while it is paid", async function () {
      const { registry, steward, company } = await loadFixture(deployLicensingFixture);
      const reenterer = (await (await ethers.getContractFactory("Reenterer")).deploy()) as unknown as Reenterer;
      const r = await reenterer.getAddress();
      const reg = await registry.getAddress();
      const w = await registerWork(
        registry,
        steward,
        steward.address,
        makeTerms({ feePerPeriod: FEE, revenueShareBps: 100 }),
      );
      await registry.connect(company).requestLicence(w, 1n, Commercial, FEE, 100, { value: FEE });
      // The beneficiary also holds a commercial licence: reporting a revenue whose share rounds to
      // zero would succeed on its own, so only the guard refuses it (killed mutant, docs/mutation.md).
      const request = registry.interface.encodeFunctionData("requestLicence", [w, 1n, Commercial, FEE, 100]);
      await reenterer.act(reg, request, { value: FEE });
      const own = await registry.licenceOf(w, r);
      const report = registry.interface.encodeFunctionData("reportRevenue", [own, 1n, "u", ZeroHash]);
      await registry.connect(steward).setBeneficiary(w, r);
      const calls = [
        registry.interface.encodeFunctionData("requestLicence", [w, 1n, NonCommercial, 0, 0]),
        registry.interface.encodeFunctionData("renewLicence", [1n]),
        registry.interface.encodeFunctionData("reportRevenue", [1n, 100n, "u", ZeroHash]),
        report,
        registry.interface.encodeFunctionData("withdrawHeldFees", [r]),
      ];
      // Each re-entry is refused by the guard, so the beneficiary refuses the fee: it is held for it.
      for (const data of calls) {
        await reenterer.setReentry(reg, data);
        await expect(registry.connect(company).renewLicence(1n, { value: FEE }))
          .to.emit(registry, "FeeHeld")
          .withArgs(1n, r, FEE);
      }
      expect(await registry.heldFees(r)).to.equal(5n * FEE);
      // A withdrawal to an account that refuses it fails and keeps the fees held.
      await expect(reenterer.act(reg, registry.interface.encodeFunctionData("withdrawHeldFees", [r])))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryPaymentFailed")
        .withArgs(r, 5n * FEE);
      expect(await registry.heldFees(r)).to.equal(5n * FEE);
      await expect(reenterer.act(reg, report))
        .to.emit(registry, "RevenueReported")
        .withArgs(own, 1n, 0n, "u", ZeroHash);
    });

    it("refuses a fee or share above the licensee's maximums, at request and at the steward's grant", async function () {
      const { registry, steward, company, workId, terms } = await loadFixture(commercialWorkFixture);
      await registry.connect(steward).setTerms(workId, { ...terms, feePerPeriod: 2n * FEE });
      await expect(registry.connect(company).requestLicence(workId, 2n, Commercial, FEE, 500, { value: FEE }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryTermsAboveMaximum")
        .withArgs(2n * FEE, FEE, 500, 500);
      await registry.connect(steward).setTerms(workId, { ...terms, commercialAutoGrant: false, revenueShareBps: 900 });
      const id = await nextLicenceId(registry);
      await registry.connect(company).requestLicence(workId, 3n, Commercial, FEE, 500);
      expect((await registry.licence(id)).status).to.equal(Status.Requested);
      await expect(registry.connect(steward).grantLicence(id))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryTermsAboveMaximum")
        .withArgs(FEE, FEE, 900, 500);
      expect((await registry.licence(id)).status).to.equal(Status.Requested);
    });

    it("leaves a steward-granted commercial licence awaiting its first payment", async function () {
      const { registry, steward, company, alice, membrane, workId, terms } = await loadFixture(commercialWorkFixture);
      await registry.connect(steward).setTerms(workId, { ...terms, commercialAutoGrant: false, renewable: false });
      const id = await nextLicenceId(registry);
      await expect(registry.connect(company).requestLicence(workId, 2n, Commercial, FEE, 500, { value: FEE }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongValue")
        .withArgs(FEE, 0n);
      await registry.connect(company).requestLicence(workId, 2n, Commercial, FEE, 500);
      await expect(registry.connect(steward).grantLicence(id))
        .to.emit(registry, "LicenceGranted")
        .withArgs(id, workId, company.address, Commercial, 2n, steward.address, anyValue, true);
      expect(await registry.isLicensed(workId, company.address)).to.equal(false);
      await expect(registry.connect(alice).renewLicence(id))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotLicensee")
        .withArgs(id, alice.address);
      await expect(registry.connect(company).renewLicence(id, { value: FEE })).to.changeEtherBalances(
        [company, membrane],
        [-FEE, FEE],
      );
      expect(await registry.isLicensed(workId, company.address)).to.equal(true);
      // Not renewable: the first payment was allowed, a second is not.
      await expect(registry.connect(company).renewLicence(id, { value: FEE }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotRenewable")
        .withArgs(id);
    });

    it("rejects revenue reports that are not owed", async function () {
      const { registry, steward, company, alice, bob, workId, terms } = await loadFixture(commercialWorkFixture);
      await registry.connect(alice).requestLicence(workId, 1n, NonCommercial, 0, 0);
      const nc = await registry.licenceOf(workId, alice.address);
      await expect(registry.connect(alice).reportRevenue(nc, 100n, "u", ZeroHash))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNoRevenueShare")
        .withArgs(nc);
      await expect(registry.connect(bob).reportRevenue(nc, 100n, "u", ZeroHash))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotLicensee")
        .withArgs(nc, bob.address);
      // Callers on both sides of the licensee's address are refused (killed mutant: `!=` -> `>`).
      expect(BigInt(company.address) < BigInt(alice.address)).to.equal(true);
      expect(BigInt(bob.address) > BigInt(alice.address)).to.equal(true);
      await expect(registry.connect(company).reportRevenue(nc, 100n, "u", ZeroHash))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotLicensee")
        .withArgs(nc, company.address);
      await registry.connect(steward).setTerms(workId, { ...terms, commercialAutoGrant: false });
      await registry.connect(company).requestLicence(workId, 2n, Commercial, FEE, 500);
      const pending = await registry.licenceOf(workId, company.address);
      await expect(registry.connect(company).reportRevenue(pending, 100n, "u", ZeroHash))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongStatus")
        .withArgs(pending, Status.Requested);
      await registry.connect(steward).setTerms(workId, { ...terms, revenueShareBps: 0 });
      await registry.connect(bob).requestLicence(workId, 3n, Commercial, FEE, 0, { value: FEE });
      const noShare = await registry.licenceOf(workId, bob.address);
      await expect(registry.connect(bob).reportRevenue(noShare, 100n, "u", ZeroHash))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNoRevenueShare")
        .withArgs(noShare);
    });
  });

  describe("frozen terms, expiry and renewal", function () {
    it("keeps a granted licence on its terms when the work's terms change", async function () {
      const { registry, steward, company, membrane, workId, terms } = await loadFixture(commercialWorkFixture);
      await registry.connect(company).requestLicence(workId, 1n, Commercial, FEE, 500, { value: FEE });
      const id = await registry.licenceOf(workId, company.address);
      await registry
        .connect(steward)
        .setTerms(workId, { ...terms, uri: "ipfs://v2", feePerPeriod: 5n * FEE, revenueShareBps: 2000 });
      const frozen = await registry.licenceTerms(id);
      expect(frozen.feePerPeriod).to.equal(FEE);
      expect(frozen.revenueShareBps).to.equal(500);
      expect(frozen.uri).to.equal("ipfs://terms-v1");
      expect((await registry.licence(id)).termsVersion).to.equal(1n);
      await expect(registry.connect(company).renewLicence(id, { value: FEE })).to.changeEtherBalance(membrane, FEE);
      await expect(registry.connect(company).reportRevenue(id, 1000n, "u", ZeroHash, { value: 50n }))
        .to.emit(registry, "RevenueReported")
        .withArgs(id, 1000n, 50n, "u", ZeroHash);
    });

    it("expires after its period and is renewed from now (or extended from its expiry)", async function () {
      const { registry, company, workId } = await loadFixture(commercialWorkFixture);
      await registry.connect(company).requestLicence(workId, 1n, Commercial, FEE, 500, { value: FEE });
      const id = await registry.licenceOf(workId, company.address);
      const first = (await registry.licence(id)).expiresAt;
      await registry.connect(company).renewLicence(id, { value: FEE });
      expect((await registry.licence(id)).expiresAt).to.equal(first + BigInt(30 * DAY));
      await time.increaseTo(first + BigInt(30 * DAY));
      expect(await registry.isLicensed(workId, company.address)).to.equal(false);
      // The timestamp is fixed first: read after the call, time.latest() races the block it mines.
      const renewedAt = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(renewedAt);
      await expect(registry.connect(company).renewLicence(id, { value: FEE }))
        .to.emit(registry, "LicenceRenewed")
        .withArgs(id, renewedAt + BigInt(30 * DAY));
      expect(await registry.isLicensed(workId, company.address)).to.equal(true);
    });

    it("lets an expired licensee request again, and never renews a licence without expiry", async function () {
      const { registry, steward, alice, membrane, workId, terms } = await loadFixture(commercialWorkFixture);
      await registry.connect(alice).requestLicence(workId, 1n, NonCommercial, 0, 0);
      const first = await registry.licenceOf(workId, alice.address);
      await time.increase(31 * DAY);
      await registry.connect(alice).requestLicence(workId, 1n, NonCommercial, 0, 0);
      expect(await registry.licenceOf(workId, alice.address)).to.equal(first + 1n);
      const perpetual = await registerWork(
        registry,
        steward,
        await membrane.getAddress(),
        { ...terms, period: 0 },
        "perpetual",
      );
      await registry.connect(alice).requestLicence(perpetual, 1n, NonCommercial, 0, 0);
      const id = await registry.licenceOf(perpetual, alice.address);
      expect((await registry.licence(id)).expiresAt).to.equal(NO_EXPIRY);
      await expect(registry.connect(alice).renewLicence(id))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotRenewable")
        .withArgs(id);
    });

    it("renews a commons licence only while its holder still qualifies", async function () {
      const { registry, membership, alice, workId } = await loadFixture(commercialWorkFixture);
      await membership.setMember(alice.address, true);
      await registry.connect(alice).requestLicence(workId, 1n, Commons, 0, 0);
      const id = await registry.licenceOf(workId, alice.address);
      await expect(registry.connect(alice).renewLicence(id, { value: 1n }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongValue")
        .withArgs(1n, 0n);
      await registry.connect(alice).renewLicence(id);
      await membership.setMember(alice.address, false);
      await expect(registry.connect(alice).renewLicence(id))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotCommons")
        .withArgs(id, alice.address);
    });
  });

  describe("suspension, answer and revocation", function () {
    async function licensedFixture() {
      const f = await commercialWorkFixture();
      await f.registry.connect(f.company).requestLicence(f.workId, 1n, Commercial, FEE, 500, { value: FEE });
      const id = await f.registry.licenceOf(f.workId, f.company.address);
      return { ...f, id };
    }

    it("suspends, hears the answer, and revokes for good", async function () {
      const { registry, steward, company, workId, id } = await loadFixture(licensedFixture);
      await expect(registry.connect(company).suspendLicence(id, "ipfs://breach", hashOf("breach")))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotSteward")
        .withArgs(workId, company.address);
      const tx = registry.connect(steward).suspendLicence(id, "ipfs://breach", hashOf("breach"));
      const deadline = BigInt(await time.latest()) + 1n + BigInt(7 * DAY);
      await expect(tx).to.emit(registry, "LicenceSuspended").withArgs(id, "ipfs://breach", hashOf("breach"), deadline);
      expect(await registry.isLicensed(workId, company.address)).to.equal(false);
      await expect(registry.connect(steward).revokeLicence(id, "ipfs://final", hashOf("final")))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryAnswerWindowOpen")
        .withArgs(id, deadline);
      await expect(registry.connect(steward).answerSuspension(id, "ipfs://answer", hashOf("answer")))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotLicensee")
        .withArgs(id, steward.address);
      await expect(registry.connect(company).answerSuspension(id, "ipfs://answer", hashOf("answer")))
        .to.emit(registry, "LicenceAnswered")
        .withArgs(id, "ipfs://answer", hashOf("answer"));
      expect((await registry.licence(id)).answered).to.equal(true);
      await expect(registry.connect(steward).revokeLicence(id, "ipfs://final", hashOf("final")))
        .to.emit(registry, "LicenceRevoked")
        .withArgs(id, "ipfs://final", hashOf("final"));
      expect((await registry.licence(id)).status).to.equal(Status.Revoked);
      expect(await registry.isLicensed(workId, company.address)).to.equal(false);
      await expect(registry.connect(company).renewLicence(id, { value: FEE }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongStatus")
        .withArgs(id, Status.Revoked);
      // A revoked licensee's new request waits for the steward, even when the terms would grant it.
      await registry.connect(company).requestLicence(workId, 1n, NonCommercial, 0, 0);
      expect((await registry.licence(id + 1n)).status).to.equal(Status.Requested);
      // Revenue earned under the licence is still owed after revocation.
      await expect(registry.connect(company).reportRevenue(id, 100n, "u", ZeroHash, { value: 5n })).to.emit(
        registry,
        "RevenueReported",
      );
    });

    it("revokes without an answer once the window has closed, and refuses a late answer", async function () {
      const { registry, steward, company, id } = await loadFixture(licensedFixture);
      await registry.connect(steward).suspendLicence(id, "ipfs://breach", hashOf("breach"));
      const deadline = (await registry.licence(id)).answerDeadline;
      await time.increaseTo(deadline + 1n);
      await expect(registry.connect(company).answerSuspension(id, "ipfs://late", hashOf("late")))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryAnswerWindowClosed")
        .withArgs(id, deadline);
      await expect(
        registry.connect(company).requestLicence((await registry.licence(id)).workId, 1n, NonCommercial, 0, 0),
      )
        .to.be.revertedWithCustomError(registry, "LicenceRegistryAlreadyLicensed")
        .withArgs(id, company.address);
      await registry.connect(steward).revokeLicence(id, "ipfs://final", hashOf("final"));
      expect((await registry.licence(id)).status).to.equal(Status.Revoked);
    });

    it("reinstates a suspended licence, and checks statuses", async function () {
      const { registry, steward, company, workId, id } = await loadFixture(licensedFixture);
      await expect(registry.connect(steward).reinstateLicence(id, "ipfs://ok"))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongStatus")
        .withArgs(id, Status.Active);
      await expect(registry.connect(steward).revokeLicence(id, "u", ZeroHash))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongStatus")
        .withArgs(id, Status.Active);
      await expect(registry.connect(company).answerSuspension(id, "u", ZeroHash))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongStatus")
        .withArgs(id, Status.Active);
      await registry.connect(steward).suspendLicence(id, "ipfs://breach", hashOf("breach"));
      await expect(registry.connect(steward).suspendLicence(id, "u", ZeroHash))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWrongStatus")
        .withArgs(id, Status.Suspended);
      await expect(registry.connect(steward).reinstateLicence(id, "ipfs://ok"))
        .to.emit(registry, "LicenceReinstated")
        .withArgs(id, "ipfs://ok");
      expect(await registry.isLicensed(workId, company.address)).to.equal(true);
      expect(await registry.isLicensed(workId + 5n, company.address)).to.equal(false);
      await expect(registry.isCommonsUser(99n, company.address))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownWork")
        .withArgs(99n);
    });
  });

  describe("protections of licensees and beneficiaries", function () {
    it("a one-time-fee licence granted by the steward can be paid", async function () {
      const { registry, steward, company, membrane } = await loadFixture(deployLicensingFixture);
      const terms = makeTerms({ feePerPeriod: FEE, period: 0, commercialAutoGrant: false });
      const w = await registerWork(registry, steward, await membrane.getAddress(), terms);
      const id = await nextLicenceId(registry);
      await registry.connect(company).requestLicence(w, 1n, Commercial, FEE, 0);
      await registry.connect(steward).grantLicence(id);
      expect((await registry.licence(id)).awaitingPayment).to.equal(true);
      await expect(registry.connect(company).renewLicence(id, { value: FEE }))
        .to.emit(registry, "LicenceRenewed")
        .withArgs(id, NO_EXPIRY)
        .and.to.emit(membrane, "IncomeReceived");
      expect(await registry.isLicensed(w, company.address)).to.equal(true);
      // Paid once, it never needs (nor accepts) another payment.
      await expect(registry.connect(company).renewLicence(id, { value: FEE }))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotRenewable")
        .withArgs(id);
    });

    it("a licensee's request pins the terms version it saw, so the steward cannot change them before the grant", async function () {
      const { registry, steward, company, membrane, erc20 } = await loadFixture(deployLicensingFixture);
      const w = await registerWork(
        registry,
        steward,
        await membrane.getAddress(),
        makeTerms({ feePerPeriod: FEE, commercialAutoGrant: false }),
      );
      const id = await nextLicenceId(registry);
      await registry.connect(company).requestLicence(w, 1n, Commercial, FEE, 0);
      // The steward front-runs the grant with a one-second period in another token, within maxFee.
      await registry
        .connect(steward)
        .setTerms(w, makeTerms({ feePerPeriod: FEE, period: 1, feeToken: await erc20.getAddress() }));
      await registry.connect(steward).grantLicence(id);
      const granted = await registry.licence(id);
      expect(granted.termsVersion).to.equal(1n);
      expect((await registry.licenceTerms(id)).period).to.equal(30 * DAY);
      // A request that names a version the work no longer has is refused.
      await expect(registry.connect(steward).requestLicence(w, 1n, NonCommercial, 0, 0))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryTermsChanged")
        .withArgs(w, 1n, 2n);
    });

    it("a revoked licensee is never granted automatically again, even after a refusal", async function () {
      const { registry, steward, alice, membrane } = await loadFixture(deployLicensingFixture);
      const w = await registerWork(registry, steward, await membrane.getAddress(), makeTerms());
      const id = await nextLicenceId(registry);
      await registry.connect(alice).requestLicence(w, 1n, NonCommercial, 0, 0);
      await registry.connect(steward).suspendLicence(id, "ipfs://breach", hashOf("breach"));
      await time.increase(7 * DAY + 1);
      await registry.connect(steward).revokeLicence(id, "ipfs://final", hashOf("final"));
      await registry.connect(alice).requestLicence(w, 1n, NonCommercial, 0, 0);
      expect((await registry.licence(id + 1n)).status).to.equal(Status.Requested);
      await registry.connect(steward).refuseLicence(id + 1n, "ipfs://no", hashOf("no"));
      // The refusal is now the latest licence; the revocation must still count.
      await registry.connect(alice).requestLicence(w, 1n, NonCommercial, 0, 0);
      expect((await registry.licence(id + 2n)).status).to.equal(Status.Requested);
      expect(await registry.isLicensed(w, alice.address)).to.equal(false);
    });

    it("a beneficiary that refuses native currency cannot end a licence: its fee is held for it to withdraw", async function () {
      const { registry, steward, company, carol } = await loadFixture(deployLicensingFixture);
      const reenterer = (await (await ethers.getContractFactory("Reenterer")).deploy()) as unknown as Reenterer;
      const r = await reenterer.getAddress();
      const reg = await registry.getAddress();
      await reenterer.setReentry(reg, "0xdeadbeef"); // refuses every payment
      const w = await registerWork(registry, steward, r, makeTerms({ feePerPeriod: FEE }));
      const id = await nextLicenceId(registry);
      await registry.connect(company).requestLicence(w, 1n, Commercial, FEE, 0, { value: FEE });
      expect(await registry.isLicensed(w, company.address)).to.equal(true);
      await time.increase(30 * DAY);
      await registry.connect(company).renewLicence(id, { value: FEE });
      expect(await registry.isLicensed(w, company.address)).to.equal(true);
      expect(await ethers.provider.getBalance(reg)).to.equal(2n * FEE);
      const withdraw = reenterer.act(reg, registry.interface.encodeFunctionData("withdrawHeldFees", [carol.address]));
      await expect(withdraw).to.changeEtherBalances([carol, registry], [2n * FEE, -2n * FEE]);
      await expect(withdraw)
        .to.emit(registry, "HeldFeesWithdrawn")
        .withArgs(r, carol.address, 2n * FEE);
      expect(await registry.heldFees(r)).to.equal(0n);
    });

    it("a charter signer's commons licence waits for the steward", async function () {
      const { registry, steward, bob, membrane } = await loadFixture(deployLicensingFixture);
      const charterHash = hashOf("Cosmolocal commons charter");
      const w = await registerWork(registry, steward, await membrane.getAddress(), makeTerms({ charterHash }));
      const domain = registryDomain((await ethers.provider.getNetwork()).chainId, await registry.getAddress());
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await bob.signTypedData(domain, CHARTER_TYPES, {
        signer: bob.address,
        charterHash,
        nonce: 0n,
        deadline,
      });
      await registry.acceptCharter(bob.address, charterHash, deadline, sig);
      const id = await nextLicenceId(registry);
      await registry.connect(bob).requestLicence(w, 1n, Commons, 0, 0);
      expect((await registry.licence(id)).status).to.equal(Status.Requested);
      expect(await registry.isLicensed(w, bob.address)).to.equal(false);
      expect(await registry.isCommonsUser(w, bob.address)).to.equal(true);
      expect(await registry.isCommonsUser(w, steward.address)).to.equal(false); // never signed
    });
  });
});
