/**
 * Bad input for the contracts that carry a community's income: the Membrane and the
 * LicenceRegistry. Every state-changing function called with invalid arguments, in the wrong
 * status or by the wrong account reverts with its specific custom error; key views and balances
 * are unchanged. Machinery: test/helpers/bad-input.ts.
 */
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";

import { describeBadInput } from "../helpers/bad-input";
import {
  Commercial,
  Commons,
  DAY,
  NATIVE,
  NonCommercial,
  Status,
  deployLicensingFixture,
  hashOf,
  makeTerms,
  registerWork,
} from "../helpers/licensing";

/** Alice 1, bob 1, carol 2 tokens; native income 1000 split in epoch 1 (alice has claimed it); 500 pending. */
async function deployIncomeFixture() {
  const f = await deployLicensingFixture();
  const { token, minter, alice, bob, carol, company, membrane } = f;
  await token.connect(minter).mint(alice.address, 1n);
  await token.connect(minter).mint(bob.address, 1n);
  await token.connect(minter).mint(carol.address, 2n);
  const m = await membrane.getAddress();
  await company.sendTransaction({ to: m, value: 1_000n });
  await time.increase(DAY);
  await membrane.closeEpoch(NATIVE);
  await membrane.connect(alice).claim(NATIVE, [1n]);
  await company.sendTransaction({ to: m, value: 500n });
  return f;
}

type Income = Awaited<ReturnType<typeof deployIncomeFixture>>;

describeBadInput<Income>({
  contract: "Membrane",
  fixture: deployIncomeFixture,
  target: (f) => f.membrane,
  snapshot: async (f) => {
    const m = f.membrane;
    const erc20 = await f.erc20.getAddress();
    const views: unknown[] = [
      await m.treasuryShareBps(),
      await m.minEpochLength(),
      await m.treasury(),
      await m.governance(),
    ];
    for (const asset of [NATIVE, erc20]) {
      views.push(
        await m.epochCount(asset),
        await m.pendingIncome(asset),
        await m.carriedToContributors(asset),
        await m.treasuryOwed(asset),
        await m.accounted(asset),
      );
      views.push(await m.nextCloseAt(asset), await m.epoch(asset, 1n));
      for (const s of [f.alice, f.bob, f.carol, f.company]) views.push(await m.claimable(asset, 1n, s.address));
    }
    return views;
  },
  balances: async (f) => [await f.token.getAddress()],
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: async (f) => f.membrane.initialize(await f.token.getAddress(), f.alice.address, f.alice.address, 0),
      error: "InvalidInitialization",
    },
    {
      fn: "depositIncome",
      what: "native currency through the ERC-20 path",
      send: (f) => f.membrane.connect(f.company).depositIncome(NATIVE, 10n),
      error: "MembraneInvalidDeposit",
      args: () => [NATIVE, 10n, 0n],
    },
    {
      fn: "depositIncome",
      what: "zero amount",
      send: (f) => f.membrane.connect(f.company).depositIncome(f.erc20.getAddress(), 0n),
      error: "MembraneInvalidDeposit",
      args: async (f) => [await f.erc20.getAddress(), 0n, 0n],
    },
    {
      fn: "closeEpoch",
      what: "before the minimum epoch length has passed",
      send: (f) => f.membrane.closeEpoch(NATIVE),
      error: "MembraneEpochTooShort",
      args: async (f) => [NATIVE, await f.membrane.nextCloseAt(NATIVE), anyValue],
    },
    {
      fn: "claim",
      what: "no epochs",
      send: (f) => f.membrane.connect(f.bob).claim(NATIVE, []),
      error: "MembraneTooManyEpochs",
      args: () => [0n, 64n],
    },
    {
      fn: "claim",
      what: "more epochs than a claim may name",
      send: (f) =>
        f.membrane.connect(f.bob).claim(
          NATIVE,
          Array.from({ length: 65 }, () => 1n),
        ),
      error: "MembraneTooManyEpochs",
      args: () => [65n, 64n],
    },
    {
      fn: "claim",
      what: "epoch 0",
      send: (f) => f.membrane.connect(f.bob).claim(NATIVE, [0n]),
      error: "MembraneUnknownEpoch",
      args: () => [NATIVE, 0n, 1n],
    },
    {
      fn: "claim",
      what: "an epoch not closed yet",
      send: (f) => f.membrane.connect(f.bob).claim(NATIVE, [1n, 2n]),
      error: "MembraneUnknownEpoch",
      args: () => [NATIVE, 2n, 1n],
    },
    {
      fn: "claim",
      what: "an epoch already claimed",
      send: (f) => f.membrane.connect(f.alice).claim(NATIVE, [1n]),
      error: "MembraneAlreadyClaimed",
      args: (f) => [NATIVE, 1n, f.alice.address],
    },
    {
      fn: "claim",
      what: "the same epoch twice in one claim",
      send: (f) => f.membrane.connect(f.bob).claim(NATIVE, [1n, 1n]),
      error: "MembraneAlreadyClaimed",
      args: (f) => [NATIVE, 1n, f.bob.address],
    },
    {
      fn: "claim",
      what: "by an account that held nothing at the snapshot",
      send: (f) => f.membrane.connect(f.company).claim(NATIVE, [1n]),
      error: "MembraneNothingToClaim",
      args: (f) => [NATIVE, f.company.address],
    },
    {
      fn: "payTreasury",
      what: "an asset of which the treasury is owed nothing",
      send: (f) => f.membrane.payTreasury(f.erc20.getAddress()),
      error: "MembraneNothingOwed",
      args: async (f) => [await f.erc20.getAddress()],
    },
    {
      fn: "setTreasuryShare",
      what: "by anyone but governance",
      send: (f) => f.membrane.connect(f.alice).setTreasuryShare(0),
      error: "MembraneUnauthorized",
      args: (f) => [f.alice.address],
    },
    {
      fn: "setTreasuryShare",
      what: "a share above 100 %",
      send: (f) => f.membrane.connect(f.governance).setTreasuryShare(10_001),
      error: "MembraneInvalidShare",
      args: () => [10_001n],
    },
    {
      fn: "setMinEpochLength",
      what: "by anyone but governance",
      send: (f) => f.membrane.connect(f.alice).setMinEpochLength(1),
      error: "MembraneUnauthorized",
      args: (f) => [f.alice.address],
    },
  ],
  exempt: {
    notifyIncome:
      "takes any asset from anyone: it credits only what the balance holds beyond what is owed (0 is not an error)",
  },
});

/**
 * Works: 1 (steward's, free non-commercial, 100-wei commercial fee in native currency, 5 % revenue
 * share), 2 (superseded by 3). Licences: 1 company's active commercial licence of work 1; 2 bob's
 * pending commons request (refused automatic grant); 3 carol's suspended non-commercial licence.
 */
async function deployRegistryFixture() {
  const f = await deployLicensingFixture();
  const { registry, steward, company, bob, carol, membrane } = f;
  const m = await membrane.getAddress();
  const terms = makeTerms({ feePerPeriod: 100n, revenueShareBps: 500, cooperativesFree: false });
  await registerWork(registry, steward, m, terms);
  await registerWork(registry, steward, m, makeTerms(), "Old seed press");
  await registry.connect(steward).supersedeWork(2n, "New seed press", "ipfs://new", hashOf("new"));
  await registry.connect(company).requestLicence(1n, 1n, Commercial, 100n, 500, { value: 100n });
  await registry.connect(bob).requestLicence(1n, 1n, Commons, 0n, 0);
  await registry.connect(carol).requestLicence(1n, 1n, NonCommercial, 0n, 0);
  await registry.connect(steward).suspendLicence(3n, "ipfs://breach", hashOf("breach"));
  const deadline = BigInt(await time.latest()) + 3600n;
  return { ...f, deadline };
}

type Registry = Awaited<ReturnType<typeof deployRegistryFixture>>;

describeBadInput<Registry>({
  contract: "LicenceRegistry",
  fixture: deployRegistryFixture,
  target: (f) => f.registry,
  snapshot: async (f) => {
    const r = f.registry;
    const views: unknown[] = [await r.counts()];
    for (const id of [1n, 2n, 3n]) views.push(await r.work(id), await r.licence(id));
    for (const s of [f.company, f.bob, f.carol, f.alice]) {
      views.push(await r.licenceOf(1n, s.address), await r.isLicensed(1n, s.address), await r.nonces(s.address));
    }
    views.push(await r.terms(1n, 1n), await f.membrane.accounted(NATIVE), await r.heldFees(f.alice.address));
    views.push(await r.wasRevoked(1n, f.carol.address));
    return views;
  },
  balances: async (f) => [await f.membrane.getAddress()],
  calls: [
    {
      fn: "registerWork",
      what: "a zero beneficiary",
      send: (f) =>
        f.registry.connect(f.alice).registerWork("T", "ipfs://t", hashOf("t"), ethers.ZeroAddress, makeTerms()),
      error: "LicenceRegistryInvalidAddress",
    },
    {
      fn: "registerWork",
      what: "an empty title",
      send: (f) => f.registry.connect(f.alice).registerWork("", "ipfs://t", hashOf("t"), f.alice.address, makeTerms()),
      error: "LicenceRegistryInvalidWork",
    },
    {
      fn: "registerWork",
      what: "a zero content hash",
      send: (f) =>
        f.registry.connect(f.alice).registerWork("T", "ipfs://t", ethers.ZeroHash, f.alice.address, makeTerms()),
      error: "LicenceRegistryInvalidWork",
    },
    {
      fn: "registerWork",
      what: "terms without a URI",
      send: (f) =>
        f.registry.connect(f.alice).registerWork("T", "ipfs://t", hashOf("t"), f.alice.address, makeTerms({ uri: "" })),
      error: "LicenceRegistryInvalidTerms",
    },
    {
      fn: "registerWork",
      what: "a revenue share above 100 %",
      send: (f) =>
        f.registry
          .connect(f.alice)
          .registerWork("T", "ipfs://t", hashOf("t"), f.alice.address, makeTerms({ revenueShareBps: 10_001 })),
      error: "LicenceRegistryInvalidShare",
      args: () => [10_001n],
    },
    {
      fn: "registerWork",
      what: "an answer window shorter than a day",
      send: (f) =>
        f.registry
          .connect(f.alice)
          .registerWork("T", "ipfs://t", hashOf("t"), f.alice.address, makeTerms({ answerWindow: DAY - 1 })),
      error: "LicenceRegistryAnswerWindowTooShort",
      args: () => [BigInt(DAY - 1), BigInt(DAY)],
    },
    {
      fn: "supersedeWork",
      what: "by someone other than the steward",
      send: (f) => f.registry.connect(f.alice).supersedeWork(1n, "T", "ipfs://t", hashOf("t")),
      error: "LicenceRegistryNotSteward",
      args: (f) => [1n, f.alice.address],
    },
    {
      fn: "supersedeWork",
      what: "a work already superseded",
      send: (f) => f.registry.connect(f.steward).supersedeWork(2n, "T", "ipfs://t", hashOf("t")),
      error: "LicenceRegistryWorkSuperseded",
      args: () => [2n, 3n],
    },
    {
      fn: "supersedeWork",
      what: "an unknown work",
      send: (f) => f.registry.connect(f.steward).supersedeWork(99n, "T", "ipfs://t", hashOf("t")),
      error: "LicenceRegistryUnknownWork",
      args: () => [99n],
    },
    {
      fn: "setTerms",
      what: "by someone other than the steward",
      send: (f) => f.registry.connect(f.company).setTerms(1n, makeTerms()),
      error: "LicenceRegistryNotSteward",
      args: (f) => [1n, f.company.address],
    },
    {
      fn: "setTerms",
      what: "terms without a hash",
      send: (f) => f.registry.connect(f.steward).setTerms(1n, makeTerms({ hash: ethers.ZeroHash })),
      error: "LicenceRegistryInvalidTerms",
    },
    {
      fn: "offerStewardship",
      what: "by someone other than the steward",
      send: (f) => f.registry.connect(f.alice).offerStewardship(1n, f.alice.address),
      error: "LicenceRegistryNotSteward",
      args: (f) => [1n, f.alice.address],
    },
    {
      fn: "acceptStewardship",
      what: "without an offer",
      send: (f) => f.registry.connect(f.alice).acceptStewardship(1n),
      error: "LicenceRegistryNotPendingSteward",
      args: (f) => [1n, f.alice.address],
    },
    {
      fn: "setBeneficiary",
      what: "a zero beneficiary",
      send: (f) => f.registry.connect(f.steward).setBeneficiary(1n, ethers.ZeroAddress),
      error: "LicenceRegistryInvalidAddress",
    },
    {
      fn: "setBeneficiary",
      what: "by someone other than the steward",
      send: (f) => f.registry.connect(f.company).setBeneficiary(1n, f.company.address),
      error: "LicenceRegistryNotSteward",
      args: (f) => [1n, f.company.address],
    },
    {
      fn: "recogniseCooperative",
      what: "the zero address",
      send: (f) => f.registry.connect(f.steward).recogniseCooperative(ethers.ZeroAddress, true),
      error: "LicenceRegistryInvalidAddress",
    },
    {
      fn: "acceptCharter",
      what: "after the signature's deadline",
      send: (f) => f.registry.acceptCharter(f.alice.address, hashOf("c"), 1n, "0x"),
      error: "LicenceRegistrySignatureExpired",
      args: () => [1n],
    },
    {
      fn: "acceptCharter",
      what: "a signature by someone else",
      send: async (f) =>
        f.registry.acceptCharter(
          f.alice.address,
          hashOf("c"),
          f.deadline,
          await f.bob.signMessage("not a charter acceptance"),
        ),
      error: "LicenceRegistryInvalidSignature",
      args: (f) => [f.alice.address],
    },
    {
      fn: "requestLicence",
      what: "an unknown work",
      send: (f) => f.registry.connect(f.alice).requestLicence(99n, 1n, NonCommercial, 0n, 0),
      error: "LicenceRegistryUnknownWork",
      args: () => [99n],
    },
    {
      fn: "requestLicence",
      what: "a terms version the work no longer has (changed since the licensee read them)",
      send: (f) => f.registry.connect(f.alice).requestLicence(1n, 2n, NonCommercial, 0n, 0),
      error: "LicenceRegistryTermsChanged",
      args: () => [1n, 2n, 1n],
    },
    {
      fn: "requestLicence",
      what: "a superseded work",
      send: (f) => f.registry.connect(f.alice).requestLicence(2n, 1n, NonCommercial, 0n, 0),
      error: "LicenceRegistryWorkSuperseded",
      args: () => [2n, 3n],
    },
    {
      fn: "requestLicence",
      what: "while holding an active licence",
      send: (f) => f.registry.connect(f.company).requestLicence(1n, 1n, Commercial, 100n, 500, { value: 100n }),
      error: "LicenceRegistryAlreadyLicensed",
      args: (f) => [1n, f.company.address],
    },
    {
      fn: "requestLicence",
      what: "while suspended",
      send: (f) => f.registry.connect(f.carol).requestLicence(1n, 1n, NonCommercial, 0n, 0),
      error: "LicenceRegistryAlreadyLicensed",
      args: (f) => [3n, f.carol.address],
    },
    {
      fn: "requestLicence",
      what: "terms above the licensee's maximum fee",
      send: (f) => f.registry.connect(f.alice).requestLicence(1n, 1n, Commercial, 99n, 500, { value: 100n }),
      error: "LicenceRegistryTermsAboveMaximum",
      args: () => [100n, 99n, 500n, 500n],
    },
    {
      fn: "requestLicence",
      what: "a fee paid with the wrong value",
      send: (f) => f.registry.connect(f.alice).requestLicence(1n, 1n, Commercial, 100n, 500, { value: 99n }),
      error: "LicenceRegistryWrongValue",
      args: () => [99n, 100n],
    },
    {
      fn: "requestLicence",
      what: "value sent with a free licence",
      send: (f) => f.registry.connect(f.alice).requestLicence(1n, 1n, NonCommercial, 0n, 0, { value: 1n }),
      error: "LicenceRegistryWrongValue",
      args: () => [1n, 0n],
    },
    {
      fn: "withdrawHeldFees",
      what: "by an account with nothing held",
      send: (f) => f.registry.connect(f.alice).withdrawHeldFees(f.alice.address),
      error: "LicenceRegistryNothingHeld",
      args: (f) => [f.alice.address],
    },
    {
      fn: "withdrawHeldFees",
      what: "to the zero address",
      send: (f) => f.registry.connect(f.alice).withdrawHeldFees(ethers.ZeroAddress),
      error: "LicenceRegistryInvalidAddress",
    },
    {
      fn: "grantLicence",
      what: "by someone other than the steward",
      send: (f) => f.registry.connect(f.bob).grantLicence(2n),
      error: "LicenceRegistryNotSteward",
      args: (f) => [1n, f.bob.address],
    },
    {
      fn: "grantLicence",
      what: "a licence that is not requested",
      send: (f) => f.registry.connect(f.steward).grantLicence(1n),
      error: "LicenceRegistryWrongStatus",
      args: () => [1n, Status.Active],
    },
    {
      fn: "grantLicence",
      what: "an unknown licence",
      send: (f) => f.registry.connect(f.steward).grantLicence(99n),
      error: "LicenceRegistryUnknownLicence",
      args: () => [99n],
    },
    {
      fn: "refuseLicence",
      what: "an active licence",
      send: (f) => f.registry.connect(f.steward).refuseLicence(1n, "u", ethers.ZeroHash),
      error: "LicenceRegistryWrongStatus",
      args: () => [1n, Status.Active],
    },
    {
      fn: "renewLicence",
      what: "someone else's licence",
      send: (f) => f.registry.connect(f.bob).renewLicence(1n, { value: 100n }),
      error: "LicenceRegistryNotLicensee",
      args: (f) => [1n, f.bob.address],
    },
    {
      fn: "renewLicence",
      what: "a suspended licence",
      send: (f) => f.registry.connect(f.carol).renewLicence(3n),
      error: "LicenceRegistryWrongStatus",
      args: () => [3n, Status.Suspended],
    },
    {
      fn: "renewLicence",
      what: "with the wrong value",
      send: (f) => f.registry.connect(f.company).renewLicence(1n, { value: 1n }),
      error: "LicenceRegistryWrongValue",
      args: () => [1n, 100n],
    },
    {
      fn: "reportRevenue",
      what: "a licence that is not the caller's",
      send: (f) => f.registry.connect(f.bob).reportRevenue(1n, 1000n, "u", ethers.ZeroHash, { value: 50n }),
      error: "LicenceRegistryNotLicensee",
      args: (f) => [1n, f.bob.address],
    },
    {
      fn: "reportRevenue",
      what: "a licence never granted",
      send: (f) => f.registry.connect(f.bob).reportRevenue(2n, 1000n, "u", ethers.ZeroHash),
      error: "LicenceRegistryWrongStatus",
      args: () => [2n, Status.Requested],
    },
    {
      fn: "reportRevenue",
      what: "a non-commercial licence (no share owed)",
      send: (f) => f.registry.connect(f.carol).reportRevenue(3n, 1000n, "u", ethers.ZeroHash),
      error: "LicenceRegistryNoRevenueShare",
      args: () => [3n],
    },
    {
      fn: "reportRevenue",
      what: "a share paid with the wrong value",
      send: (f) => f.registry.connect(f.company).reportRevenue(1n, 1000n, "u", ethers.ZeroHash, { value: 49n }),
      error: "LicenceRegistryWrongValue",
      args: () => [49n, 50n],
    },
    {
      fn: "suspendLicence",
      what: "by someone other than the steward",
      send: (f) => f.registry.connect(f.alice).suspendLicence(1n, "u", ethers.ZeroHash),
      error: "LicenceRegistryNotSteward",
      args: (f) => [1n, f.alice.address],
    },
    {
      fn: "suspendLicence",
      what: "a licence already suspended",
      send: (f) => f.registry.connect(f.steward).suspendLicence(3n, "u", ethers.ZeroHash),
      error: "LicenceRegistryWrongStatus",
      args: () => [3n, Status.Suspended],
    },
    {
      fn: "answerSuspension",
      what: "by someone other than the licensee",
      send: (f) => f.registry.connect(f.alice).answerSuspension(3n, "u", ethers.ZeroHash),
      error: "LicenceRegistryNotLicensee",
      args: (f) => [3n, f.alice.address],
    },
    {
      fn: "answerSuspension",
      what: "a licence that is not suspended",
      send: (f) => f.registry.connect(f.company).answerSuspension(1n, "u", ethers.ZeroHash),
      error: "LicenceRegistryWrongStatus",
      args: () => [1n, Status.Active],
    },
    {
      fn: "reinstateLicence",
      what: "a licence that is not suspended",
      send: (f) => f.registry.connect(f.steward).reinstateLicence(1n, "u"),
      error: "LicenceRegistryWrongStatus",
      args: () => [1n, Status.Active],
    },
    {
      fn: "revokeLicence",
      what: "while the answer window is open and unanswered",
      send: (f) => f.registry.connect(f.steward).revokeLicence(3n, "u", ethers.ZeroHash),
      error: "LicenceRegistryAnswerWindowOpen",
      args: async (f) => [3n, (await f.registry.licence(3n)).answerDeadline],
    },
    {
      fn: "revokeLicence",
      what: "by someone other than the steward",
      send: (f) => f.registry.connect(f.carol).revokeLicence(3n, "u", ethers.ZeroHash),
      error: "LicenceRegistryNotSteward",
      args: (f) => [1n, f.carol.address],
    },
  ],
});
