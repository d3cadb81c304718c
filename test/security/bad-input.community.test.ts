/**
 * Bad input for a community's contribution accounting (ContributionToken, ContributionRegistry,
 * EpochAllocations, CommunityMembership), its profile and the CommunityFactory: every
 * state-changing function called with invalid arguments or by the wrong account reverts with its
 * specific custom error, and key views are unchanged. Machinery: test/helpers/bad-input.ts.
 */
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { impersonateAccount, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";

import { describeBadInput } from "../helpers/bad-input";
import {
  CARE,
  CARE_VALUE,
  EVIDENCE_HASH,
  EVIDENCE_URI,
  FOUNDER_CREDIT,
  Status,
  deployContributionsFixture,
  registryDomain,
  type ContributionsFixture,
} from "../helpers/contributions";
import { communityConfig, createCommunity, deployCommunitiesFixture } from "../helpers/dao";
import { VOUCHER_TYPES } from "../../scripts/lib/contributions";

const ADMIN = ethers.ZeroHash;
const ACCOUNTING = {
  endorsementThreshold: 1n,
  stewards: [],
  attestationThreshold: 1n,
  challengeWindow: 3600n,
  kinds: [{ name: "care", valuePerUnit: 1n }],
  membraneTreasuryShareBps: 2500,
  halfLife: 0n,
};
const MINTER = ethers.id("MINTER_ROLE");
const DAY = 86_400n;
const HUNDRED_YEARS = 36_500n * DAY;

/**
 * The contributions fixture with alice's contribution 1 pending, epoch 0 published, alice endorsing the
 * outsider, and dave removed by governance after submitting contribution 2.
 */
async function deployAccountingFixture() {
  const f = await deployContributionsFixture();
  await f.registry.connect(f.alice).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH);
  await f.registry.connect(f.dave).submit(CARE, 1n, EVIDENCE_URI, EVIDENCE_HASH);
  await f.membership.connect(f.governance).remove(f.dave.address, "ipfs://decision");
  await f.epochs
    .connect(f.governance)
    .publishEpoch(ethers.id("root"), "ipfs://epoch-0", BigInt(await time.latest()) + 3600n);
  await f.membership.connect(f.alice).endorse(f.outsider.address);
  return f;
}

type Accounting = Awaited<ReturnType<typeof deployAccountingFixture>>;

/** A voucher of `units` care units from the steward to `contributor`, signed. */
async function stewardVoucher(f: ContributionsFixture, contributor: string, units = 1n) {
  const voucher = { contributor, kind: CARE, units, id: 1n, deadline: 2n ** 40n };
  const signature = await f.steward.signTypedData(await registryDomain(f.registry), VOUCHER_TYPES, voucher);
  return { voucher, signature };
}

async function accountingViews(f: Accounting): Promise<unknown[]> {
  const people = [f.alice, f.bob, f.carol, f.dave, f.outsider, f.steward].map((s) => s.address);
  return [
    await f.token.totalSupply(),
    await f.token.halfLife(),
    await Promise.all(people.map((a) => f.token.balanceOf(a))),
    await Promise.all(people.map((a) => f.token.getVotes(a))),
    await Promise.all(people.map((a) => f.membership.isMember(a))),
    await Promise.all(people.map((a) => f.membership.isRemoved(a))),
    await f.registry.stewardBudget(f.steward.address),
    await f.membership.memberCount(),
    await f.membership.endorsementsOf(f.outsider.address),
    await f.registry.contributionCount(),
    await f.registry.getContribution(1n),
    await f.registry.getKind(CARE),
    await f.epochs.epochCount(),
    await f.epochs.isClaimed(0n, 0n),
  ];
}

const accounting = {
  fixture: deployAccountingFixture,
  snapshot: accountingViews,
};

describeBadInput<Accounting>({
  contract: "ContributionToken",
  ...accounting,
  target: (f) => f.token,
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: (f) => f.token.initialize("X", "X", f.governance.address, [], [], [], 0n),
      error: "InvalidInitialization",
    },
    {
      fn: "mint",
      what: "by an account without the minter role",
      send: (f) => f.token.connect(f.outsider).mint(f.outsider.address, 1n),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.outsider.address, MINTER],
    },
    {
      fn: "burn",
      what: "by anyone but governance",
      send: (f) => f.token.connect(f.steward).burn(f.alice.address, 1n, "ipfs://why"),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.steward.address, ADMIN],
    },
    {
      fn: "burn",
      what: "from the zero address",
      send: (f) => f.token.connect(f.governance).burn(ethers.ZeroAddress, 1n, "ipfs://why"),
      error: "ContributionTokenInvalidAccount",
    },
    {
      fn: "burn",
      what: "zero amount",
      send: (f) => f.token.connect(f.governance).burn(f.alice.address, 0n, "ipfs://why"),
      error: "ContributionTokenInvalidAmount",
    },
    {
      fn: "burn",
      what: "more than the balance",
      send: (f) => f.token.connect(f.governance).burn(f.alice.address, FOUNDER_CREDIT + 1n, "ipfs://why"),
      error: "ContributionTokenBurnExceedsBalance",
      args: (f) => [f.alice.address, FOUNDER_CREDIT, FOUNDER_CREDIT + 1n],
    },
    {
      fn: "setHalfLife",
      what: "by anyone but governance",
      send: (f) => f.token.connect(f.alice).setHalfLife(90n * DAY),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.alice.address, ADMIN],
    },
    {
      fn: "setHalfLife",
      what: "the half-life it has already (0, no decay)",
      send: (f) => f.token.connect(f.governance).setHalfLife(0n),
      error: "ContributionTokenHalfLifeUnchanged",
      args: () => [0n],
    },
    {
      fn: "setHalfLife",
      what: "shorter than a day",
      send: (f) => f.token.connect(f.governance).setHalfLife(DAY - 1n),
      error: "ContributionTokenInvalidHalfLife",
      args: () => [DAY - 1n, DAY, HUNDRED_YEARS],
    },
    {
      fn: "setHalfLife",
      what: "longer than a hundred years (a unit mistake: milliseconds)",
      send: (f) => f.token.connect(f.governance).setHalfLife(HUNDRED_YEARS + 1n),
      error: "ContributionTokenInvalidHalfLife",
      args: () => [HUNDRED_YEARS + 1n, DAY, HUNDRED_YEARS],
    },
    {
      fn: "delegateBySig",
      what: "an expired signature",
      send: (f) => f.token.delegateBySig(f.bob.address, 0n, 1n, 27, ethers.ZeroHash, ethers.ZeroHash),
      error: "VotesExpiredSignature",
      args: () => [1n],
    },
    {
      fn: "grantRole",
      what: "by anyone but governance",
      send: (f) => f.token.connect(f.outsider).grantRole(MINTER, f.outsider.address),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.outsider.address, ADMIN],
    },
    {
      fn: "revokeRole",
      what: "by anyone but governance",
      send: async (f) => f.token.connect(f.outsider).revokeRole(MINTER, await f.registry.getAddress()),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.outsider.address, ADMIN],
    },
    {
      fn: "renounceRole",
      what: "on behalf of another account",
      send: (f) => f.token.connect(f.outsider).renounceRole(ADMIN, f.governance.address),
      error: "AccessControlBadConfirmation",
    },
  ],
  exempt: { delegate: "any delegate is valid (zero returns the votes to the holder's own count)" },
});

describeBadInput<Accounting>({
  contract: "ContributionRegistry",
  ...accounting,
  target: (f) => f.registry,
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: async (f) =>
        f.registry.initialize(f.addresses.token, f.addresses.membership, f.governance.address, [], 1n, 0n, []),
      error: "InvalidInitialization",
    },
    {
      fn: "addKind",
      what: "by anyone but governance",
      send: (f) => f.registry.connect(f.steward).addKind("seeds", 1n),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.steward.address, ADMIN],
    },
    {
      fn: "addKind",
      what: "a zero value per unit",
      send: (f) => f.registry.connect(f.governance).addKind("seeds", 0n),
      error: "ContributionRegistryInvalidValue",
    },
    {
      fn: "setKindValue",
      what: "an unknown kind",
      send: (f) => f.registry.connect(f.governance).setKindValue(9n, 1n),
      error: "ContributionRegistryUnknownKind",
      args: () => [9n, 2n],
    },
    {
      fn: "setKindValue",
      what: "a zero value",
      send: (f) => f.registry.connect(f.governance).setKindValue(CARE, 0n),
      error: "ContributionRegistryInvalidValue",
    },
    {
      fn: "setKindActive",
      what: "an unknown kind",
      send: (f) => f.registry.connect(f.governance).setKindActive(2n, false),
      error: "ContributionRegistryUnknownKind",
      args: () => [2n, 2n],
    },
    {
      fn: "setAttestationPolicy",
      what: "a zero threshold",
      send: (f) => f.registry.connect(f.governance).setAttestationPolicy(0n, 60n),
      error: "ContributionRegistryInvalidPolicy",
      args: () => [0n, 60n],
    },
    {
      fn: "setAttestationPolicy",
      what: "a window beyond 32 bits",
      send: (f) => f.registry.connect(f.governance).setAttestationPolicy(1n, 2n ** 32n),
      error: "ContributionRegistryInvalidPolicy",
      args: () => [1n, 2n ** 32n],
    },
    {
      fn: "submit",
      what: "by a non-member",
      send: (f) => f.registry.connect(f.outsider).submit(CARE, 1n, EVIDENCE_URI, EVIDENCE_HASH),
      error: "ContributionRegistryNotMember",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "submit",
      what: "an unknown kind",
      send: (f) => f.registry.connect(f.bob).submit(7n, 1n, EVIDENCE_URI, EVIDENCE_HASH),
      error: "ContributionRegistryUnknownKind",
      args: () => [7n, 2n],
    },
    {
      fn: "submit",
      what: "zero units",
      send: (f) => f.registry.connect(f.bob).submit(CARE, 0n, EVIDENCE_URI, EVIDENCE_HASH),
      error: "ContributionRegistryInvalidUnits",
      args: () => [0n],
    },
    {
      fn: "submit",
      what: "units whose value passes 128 bits",
      send: (f) => f.registry.connect(f.bob).submit(CARE, 2n ** 127n, EVIDENCE_URI, EVIDENCE_HASH),
      error: "ContributionRegistryInvalidUnits",
      args: () => [2n ** 127n],
    },
    {
      fn: "attest",
      what: "one's own contribution",
      send: (f) => f.registry.connect(f.alice).attest(1n),
      error: "ContributionRegistrySelfAttestation",
      args: (f) => [1n, f.alice.address],
    },
    {
      fn: "attest",
      what: "by a non-member",
      send: (f) => f.registry.connect(f.outsider).attest(1n),
      error: "ContributionRegistryNotMember",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "attest",
      what: "an unknown contribution",
      send: (f) => f.registry.connect(f.bob).attest(99n),
      error: "ContributionRegistryUnknownContribution",
      args: () => [99n],
    },
    {
      fn: "attestBySig",
      what: "an expired signature",
      send: (f) => f.registry.attestBySig(1n, f.bob.address, 1n, "0x"),
      error: "ContributionRegistryExpired",
      args: () => [1n],
    },
    {
      fn: "challenge",
      what: "by a non-member",
      send: (f) => f.registry.connect(f.outsider).challenge(1n, "ipfs://no"),
      error: "ContributionRegistryNotMember",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "challenge",
      what: "one's own contribution",
      send: (f) => f.registry.connect(f.alice).challenge(1n, "ipfs://no"),
      error: "ContributionRegistrySelfChallenge",
      args: (f) => [1n, f.alice.address],
    },
    {
      fn: "challenge",
      what: "an unknown contribution",
      send: (f) => f.registry.connect(f.bob).challenge(0n, "ipfs://no"),
      error: "ContributionRegistryUnknownContribution",
      args: () => [0n],
    },
    {
      fn: "resolveChallenge",
      what: "by neither governance nor a steward",
      send: (f) => f.registry.connect(f.bob).resolveChallenge(1n, true, "ipfs://r"),
      error: "ContributionRegistryNotResolver",
      args: (f) => [f.bob.address],
    },
    {
      fn: "resolveChallenge",
      what: "a contribution that is not challenged",
      send: (f) => f.registry.connect(f.steward).resolveChallenge(1n, true, "ipfs://r"),
      error: "ContributionRegistryWrongStatus",
      args: () => [1n, Status.Pending],
    },
    {
      fn: "claim",
      what: "someone else's contribution",
      send: (f) => f.registry.connect(f.bob).claim(1n),
      error: "ContributionRegistryNotContributor",
      args: (f) => [f.bob.address, f.alice.address],
    },
    {
      fn: "claim",
      what: "by a contributor governance removed",
      send: (f) => f.registry.connect(f.dave).claim(2n),
      error: "ContributionRegistryNotMember",
      args: (f) => [f.dave.address],
    },
    {
      fn: "claim",
      what: "before enough attestations",
      send: (f) => f.registry.connect(f.alice).claim(1n),
      error: "ContributionRegistryNotClaimable",
      args: () => [1n, 0n],
    },
    {
      fn: "redeemVoucher",
      what: "someone else's voucher",
      send: (f) =>
        f.registry
          .connect(f.bob)
          .redeemVoucher(
            { contributor: f.alice.address, kind: CARE, units: 1n, id: 1n, deadline: 2n ** 40n },
            f.steward.address,
            "0x",
          ),
      error: "ContributionRegistryNotContributor",
      args: (f) => [f.bob.address, f.alice.address],
    },
    {
      fn: "redeemVoucher",
      what: "zero units",
      send: (f) =>
        f.registry
          .connect(f.alice)
          .redeemVoucher(
            { contributor: f.alice.address, kind: CARE, units: 0n, id: 1n, deadline: 2n ** 40n },
            f.steward.address,
            "0x",
          ),
      error: "ContributionRegistryInvalidUnits",
      args: () => [0n],
    },
    {
      fn: "redeemVoucher",
      what: "units whose value passes 128 bits",
      send: (f) =>
        f.registry
          .connect(f.alice)
          .redeemVoucher(
            { contributor: f.alice.address, kind: CARE, units: 2n ** 127n, id: 1n, deadline: 2n ** 40n },
            f.steward.address,
            "0x",
          ),
      error: "ContributionRegistryInvalidUnits",
      args: () => [2n ** 127n],
    },
    {
      fn: "redeemVoucher",
      what: "a signer who is not a steward",
      send: (f) =>
        f.registry
          .connect(f.alice)
          .redeemVoucher(
            { contributor: f.alice.address, kind: CARE, units: 1n, id: 1n, deadline: 2n ** 40n },
            f.bob.address,
            "0x",
          ),
      error: "ContributionRegistryNotSteward",
      args: (f) => [f.bob.address],
    },
    {
      fn: "redeemVoucher",
      what: "a steward's voucher to itself",
      send: async (f) => {
        const { voucher, signature } = await stewardVoucher(f, f.steward.address);
        return f.registry.connect(f.steward).redeemVoucher(voucher, f.steward.address, signature);
      },
      error: "ContributionRegistrySelfVoucher",
      args: (f) => [f.steward.address],
    },
    {
      fn: "redeemVoucher",
      what: "a voucher to a member governance removed",
      send: async (f) => {
        const { voucher, signature } = await stewardVoucher(f, f.dave.address);
        return f.registry.connect(f.dave).redeemVoucher(voucher, f.steward.address, signature);
      },
      error: "ContributionRegistryNotMember",
      args: (f) => [f.dave.address],
    },
    {
      fn: "redeemVoucher",
      what: "beyond the steward's budget (zero by default)",
      send: async (f) => {
        const { voucher, signature } = await stewardVoucher(f, f.bob.address, 2n);
        return f.registry.connect(f.bob).redeemVoucher(voucher, f.steward.address, signature);
      },
      error: "ContributionRegistryStewardBudgetExceeded",
      args: (f) => [f.steward.address, 2n * CARE_VALUE, 0n],
    },
    {
      fn: "setStewardBudget",
      what: "by anyone but governance",
      send: (f) => f.registry.connect(f.steward).setStewardBudget(f.steward.address, 1n),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.steward.address, ADMIN],
    },
    {
      fn: "setStewardBudget",
      what: "the zero address",
      send: (f) => f.registry.connect(f.governance).setStewardBudget(ethers.ZeroAddress, 1n),
      error: "ContributionRegistryInvalidAccount",
    },
    {
      fn: "setStewardBudget",
      what: "a budget beyond 128 bits",
      send: (f) => f.registry.connect(f.governance).setStewardBudget(f.steward.address, 2n ** 128n),
      error: "ContributionRegistryInvalidBudget",
      args: () => [2n ** 128n],
    },
    {
      fn: "grantRole",
      what: "by anyone but governance",
      send: (f) => f.registry.connect(f.steward).grantRole(ADMIN, f.steward.address),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.steward.address, ADMIN],
    },
    {
      fn: "revokeRole",
      what: "by anyone but governance",
      send: (f) => f.registry.connect(f.outsider).revokeRole(ADMIN, f.governance.address),
      error: "AccessControlUnauthorizedAccount",
      args: (f) => [f.outsider.address, ADMIN],
    },
    {
      fn: "renounceRole",
      what: "on behalf of another account",
      send: (f) => f.registry.connect(f.outsider).renounceRole(ADMIN, f.governance.address),
      error: "AccessControlBadConfirmation",
    },
  ],
});

describeBadInput<Accounting>({
  contract: "EpochAllocations",
  ...accounting,
  target: (f) => f.epochs,
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: (f) => f.epochs.initialize(f.addresses.token, f.governance.address),
      error: "InvalidInitialization",
    },
    {
      fn: "publishEpoch",
      what: "by anyone but governance",
      send: (f) => f.epochs.connect(f.steward).publishEpoch(ethers.id("r"), "ipfs://e", 2n ** 40n),
      error: "EpochAllocationsUnauthorized",
      args: (f) => [f.steward.address],
    },
    {
      fn: "publishEpoch",
      what: "a zero root",
      send: (f) => f.epochs.connect(f.governance).publishEpoch(ethers.ZeroHash, "ipfs://e", 2n ** 40n),
      error: "EpochAllocationsInvalidRoot",
    },
    {
      fn: "publishEpoch",
      what: "a deadline in the past",
      send: (f) => f.epochs.connect(f.governance).publishEpoch(ethers.id("r"), "ipfs://e", 1n),
      error: "EpochAllocationsInvalidDeadline",
      args: () => [1n, anyValue],
    },
    {
      fn: "claim",
      what: "an unknown epoch",
      send: (f) => f.epochs.claim(1n, 0n, f.alice.address, 1n, []),
      error: "EpochAllocationsUnknownEpoch",
      args: () => [1n, 1n],
    },
    {
      fn: "claim",
      what: "a proof that is not in the tree",
      send: (f) => f.epochs.claim(0n, 0n, f.alice.address, 5n, [ethers.id("x")]),
      error: "EpochAllocationsInvalidProof",
      args: (f) => [0n, 0n, f.alice.address, 5n],
    },
  ],
});

describeBadInput<Accounting>({
  contract: "CommunityMembership",
  ...accounting,
  target: (f) => f.membership,
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: (f) => f.membership.initialize(f.governance.address, [], 0n),
      error: "InvalidInitialization",
    },
    {
      fn: "admit",
      what: "by anyone but governance",
      send: (f) => f.membership.connect(f.alice).admit(f.outsider.address),
      error: "MembershipUnauthorized",
      args: (f) => [f.alice.address],
    },
    {
      fn: "admit",
      what: "the zero address",
      send: (f) => f.membership.connect(f.governance).admit(ethers.ZeroAddress),
      error: "MembershipInvalidAccount",
    },
    {
      fn: "admit",
      what: "a member",
      send: (f) => f.membership.connect(f.governance).admit(f.bob.address),
      error: "MembershipAlreadyMember",
      args: (f) => [f.bob.address],
    },
    {
      fn: "endorse",
      what: "by a non-member",
      send: (f) => f.membership.connect(f.steward).endorse(f.outsider.address),
      error: "MembershipNotMember",
      args: (f) => [f.steward.address],
    },
    {
      fn: "endorse",
      what: "the zero address",
      send: (f) => f.membership.connect(f.bob).endorse(ethers.ZeroAddress),
      error: "MembershipInvalidAccount",
    },
    {
      fn: "endorse",
      what: "someone already a member",
      send: (f) => f.membership.connect(f.bob).endorse(f.carol.address),
      error: "MembershipAlreadyMember",
      args: (f) => [f.carol.address],
    },
    {
      fn: "endorse",
      what: "the same nominee twice",
      send: (f) => f.membership.connect(f.alice).endorse(f.outsider.address),
      error: "MembershipAlreadyEndorsed",
      args: (f) => [f.outsider.address, f.alice.address],
    },
    {
      fn: "endorse",
      what: "an account governance removed",
      send: (f) => f.membership.connect(f.bob).endorse(f.dave.address),
      error: "MembershipRemovedByGovernance",
      args: (f) => [f.dave.address],
    },
    {
      fn: "leave",
      what: "by a non-member",
      send: (f) => f.membership.connect(f.outsider).leave(),
      error: "MembershipNotMember",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "remove",
      what: "by anyone but governance",
      send: (f) => f.membership.connect(f.alice).remove(f.bob.address, "ipfs://why"),
      error: "MembershipUnauthorized",
      args: (f) => [f.alice.address],
    },
    {
      fn: "remove",
      what: "an account removed already",
      send: (f) => f.membership.connect(f.governance).remove(f.dave.address, "ipfs://why"),
      error: "MembershipAlreadyRemoved",
      args: (f) => [f.dave.address],
    },
    {
      fn: "remove",
      what: "the zero address",
      send: (f) => f.membership.connect(f.governance).remove(ethers.ZeroAddress, "ipfs://why"),
      error: "MembershipInvalidAccount",
    },
    {
      fn: "setEndorsementThreshold",
      what: "by anyone but governance",
      send: (f) => f.membership.connect(f.alice).setEndorsementThreshold(1n),
      error: "MembershipUnauthorized",
      args: (f) => [f.alice.address],
    },
  ],
});

/** A bioregion from the factory, with its timelock (its governance) as an impersonated signer. */
async function deployProfileFixture() {
  const { factory, signers } = await deployCommunitiesFixture();
  const [, alice, bob] = signers;
  const { community } = await createCommunity(
    factory,
    communityConfig("bioregion", "simple"),
    [alice.address, bob.address],
    [ethers.parseEther("10"), ethers.parseEther("20")],
  );
  const timelock = await community.timelock.getAddress();
  await impersonateAccount(timelock);
  await setBalance(timelock, ethers.parseEther("1"));
  const governance = await ethers.getSigner(timelock);
  return { factory, profile: community.profile, token: community.token, governance, alice, signers };
}

type Profile = Awaited<ReturnType<typeof deployProfileFixture>>;

describeBadInput<Profile>({
  contract: "CommunityProfile",
  fixture: deployProfileFixture,
  target: (f) => f.profile,
  snapshot: async (f) => [await f.profile.identity(), await f.profile.governance()],
  calls: [
    {
      fn: "initialize",
      what: "a second initialisation",
      send: (f) => f.profile.initialize(f.alice.address, communityConfig("bioregion", "simple").identity),
      error: "InvalidInitialization",
    },
    {
      fn: "setName",
      what: "by anyone but governance",
      send: (f) => f.profile.connect(f.alice).setName("Mine now"),
      error: "CommunityProfileUnauthorized",
      args: (f) => [f.alice.address],
    },
    {
      fn: "setName",
      what: "an empty name",
      send: (f) => f.profile.connect(f.governance).setName(""),
      error: "CommunityProfileEmptyName",
    },
    {
      fn: "setArea",
      what: "an empty area",
      send: (f) => f.profile.connect(f.governance).setArea("", ethers.ZeroHash),
      error: "CommunityProfileMissingArea",
    },
    {
      fn: "setDomain",
      what: "a domain of practice on a bioregion",
      send: (f) => f.profile.connect(f.governance).setDomain("weaving"),
      error: "CommunityProfileFieldNotForKind",
      args: () => [0],
    },
    {
      fn: "setCharter",
      what: "by anyone but governance",
      send: (f) => f.profile.connect(f.alice).setCharter("ipfs://c", ethers.ZeroHash),
      error: "CommunityProfileUnauthorized",
      args: (f) => [f.alice.address],
    },
  ],
});

describeBadInput<Profile>({
  contract: "CommunityFactory",
  fixture: deployProfileFixture,
  target: (f) => f.factory,
  snapshot: async (f) => [await f.factory.communityCount()],
  calls: [
    {
      fn: "createCommunity",
      what: "no founders",
      send: (f) => f.factory.createCommunity(communityConfig("guild", "simple"), [], []),
      error: "CommunityFactoryNoFounders",
    },
    {
      fn: "createCommunity",
      what: "an empty token symbol",
      send: (f) =>
        f.factory.createCommunity(communityConfig("guild", "simple", { symbol: "" }), [f.alice.address], [1n]),
      error: "CommunityFactoryEmptySymbol",
    },
    {
      fn: "createCommunityWithAccounting",
      what: "no founders",
      send: async (f) =>
        f.factory.createCommunityWithAccounting(communityConfig("guild", "simple"), ACCOUNTING, [], []),
      error: "CommunityFactoryNoFounders",
    },
    {
      fn: "createCommunityWithAccounting",
      what: "an empty token symbol",
      send: async (f) =>
        f.factory.createCommunityWithAccounting(
          communityConfig("guild", "simple", { symbol: "" }),
          ACCOUNTING,
          [f.alice.address],
          [1n],
        ),
      error: "CommunityFactoryEmptySymbol",
    },
    {
      fn: "createCommunityWithAccounting",
      what: "a half-life shorter than a day (recency)",
      send: async (f) =>
        f.factory.createCommunityWithAccounting(
          communityConfig("guild", "simple"),
          { ...ACCOUNTING, halfLife: 3600n },
          [f.alice.address],
          [1n],
        ),
      error: "ContributionTokenInvalidHalfLife",
      args: () => [3600n, DAY, HUNDRED_YEARS],
      errorFrom: (f) => f.token,
    },
  ],
});
