/**
 * Bad input for the federation: the FederationRegistry, the FederationFunding escrow and the
 * FederatedMembership view. Every state-changing function called with invalid arguments, in the
 * wrong state or by the wrong account reverts with its specific custom error; key views and
 * balances are unchanged. Machinery: test/helpers/bad-input.ts; fixtures: test/helpers/federation.ts.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";

import { describeBadInput } from "../helpers/bad-input";
import {
  type FederationFixture,
  Kind,
  MAX_UINT64,
  affiliate,
  deployAffiliatedFixture,
  deployMembersFixture,
  factoryRecord,
  signJoin,
} from "../helpers/federation";

const Z = ethers.ZeroAddress;
const DAY = 86_400n;
const E = ethers.parseEther;

/**
 * Bio1–guild1 affiliated (epoch 1); bio2 has proposed to guild2; the factory's record also holds
 * community 7 (a guild without a token), 8 (a guild without a name) and 9 (a guild whose name is
 * longer than the registry allows), none registered.
 */
async function deployRegistryTableFixture() {
  const f = await deployAffiliatedFixture();
  await f.registry.connect(f.bio2.gov).affiliate(f.guild2.gov.address);
  await f.factory.setCommunity(7, { ...factoryRecord("guild", "Tokenless", f.outsider.address, Z), token: Z });
  await f.factory.setCommunity(8, factoryRecord("guild", "", f.alice.address, Z));
  await f.factory.setCommunity(9, factoryRecord("guild", "n".repeat(129), f.bob.address, Z));
  // A community outside the factory, listed by its own governance.
  const selfListed = (await ethers.getSigners())[12];
  await f.registry.connect(selfListed).registerSelf(Kind.Guild, SELF, SELF, SELF, Z, "Fjord", "");
  const stranger = (await ethers.getSigners())[13];
  return { ...f, selfListed, stranger };
}

type RegistryTable = Awaited<ReturnType<typeof deployRegistryTableFixture>>;

/** A name and addresses for `registerSelf` rows. */
const SELF = ethers.getAddress("0x00000000000000000000000000000000000c0de1");

describeBadInput<RegistryTable>({
  contract: "FederationRegistry",
  fixture: deployRegistryTableFixture,
  target: (f) => f.registry,
  snapshot: async (f) => {
    const r = f.registry;
    const who = [f.bio1, f.bio2, f.guild1, f.guild2, f.unregistered].map((c) => c.gov.address);
    who.push(f.outsider.address, f.alice.address, f.selfListed.address, f.stranger.address);
    const views: unknown[] = [await r.communityCount()];
    views.push(await r.founded());
    for (const a of who) {
      views.push(await r.getCommunity(a), await r.recognition(a), await r.voucherOf(a), await r.affiliationsOf(a));
    }
    for (let id = 1; id <= 9; ++id) views.push(await r.communityOfFactoryId(id));
    for (const b of [f.bio1, f.bio2]) {
      for (const g of [f.guild1, f.guild2]) {
        views.push(await r.getAffiliation(b.gov.address, g.gov.address));
        views.push(await r.affiliationEnd(b.gov.address, g.gov.address, 1));
      }
    }
    return views;
  },
  calls: [
    {
      fn: "register",
      what: "an id the factory does not know",
      send: (f) => f.registry.register(99),
      error: "CommunityFactoryUnknownCommunity",
      args: () => [99n],
      errorFrom: (f) => f.factory,
    },
    {
      fn: "register",
      what: "a community already registered",
      send: (f) => f.registry.register(f.bio1.id),
      error: "FederationRegistryAlreadyRegistered",
      args: (f) => [f.bio1.gov.address],
    },
    {
      fn: "register",
      what: "a factory record without a token",
      send: (f) => f.registry.register(7),
      error: "FederationRegistryZeroAddress",
    },
    {
      fn: "register",
      what: "a factory record without a name",
      send: (f) => f.registry.register(8),
      error: "FederationRegistryEmptyName",
    },
    {
      fn: "register",
      what: "a factory record whose name is longer than MAX_NAME_LENGTH",
      send: (f) => f.registry.register(9),
      error: "FederationRegistryNameTooLong",
      args: () => [129n, 128n],
    },
    {
      fn: "registerSelf",
      what: "the timelock of a factory community (it registers from the factory's record)",
      send: (f) => f.registry.connect(f.bio1.gov).registerSelf(Kind.Bioregion, SELF, SELF, SELF, Z, "Fjord", ""),
      error: "FederationRegistryUseFactoryRecord",
      args: (f) => [f.bio1.gov.address, BigInt(f.bio1.id)],
    },
    {
      fn: "registerSelf",
      what: "a kind that is neither bioregion nor guild",
      send: (f) => f.registry.connect(f.stranger).registerSelf(Kind.None, SELF, SELF, SELF, Z, "Fjord", ""),
      error: "FederationRegistryInvalidKind",
      args: () => [Kind.None],
    },
    {
      fn: "registerSelf",
      what: "a zero governor",
      send: (f) => f.registry.connect(f.stranger).registerSelf(Kind.Bioregion, Z, SELF, SELF, Z, "Fjord", ""),
      error: "FederationRegistryZeroAddress",
    },
    {
      fn: "registerSelf",
      what: "a zero token",
      send: (f) => f.registry.connect(f.stranger).registerSelf(Kind.Guild, SELF, Z, SELF, Z, "Fjord", ""),
      error: "FederationRegistryZeroAddress",
    },
    {
      fn: "registerSelf",
      what: "an empty name",
      send: (f) => f.registry.connect(f.stranger).registerSelf(Kind.Guild, SELF, SELF, SELF, Z, "", "ipfs://x"),
      error: "FederationRegistryEmptyName",
    },
    {
      fn: "registerSelf",
      what: "a name longer than MAX_NAME_LENGTH",
      send: (f) =>
        f.registry.connect(f.stranger).registerSelf(Kind.Guild, SELF, SELF, SELF, Z, "n".repeat(129), "ipfs://x"),
      error: "FederationRegistryNameTooLong",
      args: () => [129n, 128n],
    },
    {
      fn: "registerSelf",
      what: "a metadata URI longer than MAX_METADATA_URI_LENGTH",
      send: (f) =>
        f.registry.connect(f.stranger).registerSelf(Kind.Guild, SELF, SELF, SELF, Z, "Fjord", "u".repeat(513)),
      error: "FederationRegistryMetadataURITooLong",
      args: () => [513n, 512n],
    },
    {
      fn: "registerSelf",
      what: "by a community that listed itself already",
      send: (f) => f.registry.connect(f.selfListed).registerSelf(Kind.Guild, SELF, SELF, SELF, Z, "Again", ""),
      error: "FederationRegistryAlreadyRegistered",
      args: (f) => [f.selfListed.address],
    },
    {
      fn: "found",
      what: "by an account that is not the founder",
      send: (f) => f.registry.connect(f.outsider).found([f.unregistered.gov.address]),
      error: "FederationRegistryNotFounder",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "found",
      what: "a second time, by the founder",
      send: (f) => f.registry.connect(f.founder).found([f.selfListed.address]),
      error: "FederationRegistryAlreadyFounded",
    },
    {
      fn: "vouch",
      what: "by a registered community nobody recognised",
      send: (f) => f.registry.connect(f.selfListed).vouch(f.bio1.gov.address),
      error: "FederationRegistryVoucherNotRecognised",
      args: (f) => [f.selfListed.address],
    },
    {
      fn: "vouch",
      what: "for an address that is not a registered community",
      send: (f) => f.registry.connect(f.bio1.gov).vouch(f.stranger.address),
      error: "FederationRegistryUnknownCommunity",
      args: (f) => [f.stranger.address],
    },
    {
      fn: "vouch",
      what: "for a community recognised already",
      send: (f) => f.registry.connect(f.bio1.gov).vouch(f.guild2.gov.address),
      error: "FederationRegistryAlreadyRecognised",
      args: (f) => [f.guild2.gov.address],
    },
    {
      fn: "withdrawRecognition",
      what: "by a community that neither vouched for it nor is it",
      send: (f) => f.registry.connect(f.bio1.gov).withdrawRecognition(f.guild2.gov.address),
      error: "FederationRegistryNotVoucher",
      args: (f) => [f.bio1.gov.address, f.guild2.gov.address],
    },
    {
      fn: "withdrawRecognition",
      what: "of itself, by a community nobody vouched for",
      send: (f) => f.registry.connect(f.selfListed).withdrawRecognition(f.selfListed.address),
      error: "FederationRegistryNotVouched",
      args: (f) => [f.selfListed.address],
    },
    {
      fn: "updateMetadata",
      what: "by an account that is not a registered community",
      send: (f) => f.registry.connect(f.outsider).updateMetadata("Mine", "ipfs://mine"),
      error: "FederationRegistryUnknownCommunity",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "updateMetadata",
      what: "an empty name",
      send: (f) => f.registry.connect(f.bio1.gov).updateMetadata("", "ipfs://nameless"),
      error: "FederationRegistryEmptyName",
    },
    {
      fn: "updateMetadata",
      what: "a name longer than MAX_NAME_LENGTH",
      send: (f) => f.registry.connect(f.bio1.gov).updateMetadata("n".repeat(129), "ipfs://x"),
      error: "FederationRegistryNameTooLong",
      args: () => [129n, 128n],
    },
    {
      fn: "updateMetadata",
      what: "a metadata URI longer than MAX_METADATA_URI_LENGTH (12 kB)",
      send: (f) => f.registry.connect(f.bio1.gov).updateMetadata("Watershed", "x".repeat(12_000)),
      error: "FederationRegistryMetadataURITooLong",
      args: () => [12_000n, 512n],
    },
    {
      fn: "affiliate",
      what: "by an account that is not a registered community",
      send: (f) => f.registry.connect(f.outsider).affiliate(f.guild2.gov.address),
      error: "FederationRegistryUnknownCommunity",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "affiliate",
      what: "with a community recorded by the factory but not registered",
      send: (f) => f.registry.connect(f.guild2.gov).affiliate(f.unregistered.gov.address),
      error: "FederationRegistryUnknownCommunity",
      args: (f) => [f.unregistered.gov.address],
    },
    {
      fn: "affiliate",
      what: "with the zero address",
      send: (f) => f.registry.connect(f.guild2.gov).affiliate(Z),
      error: "FederationRegistryUnknownCommunity",
      args: () => [Z],
    },
    {
      fn: "affiliate",
      what: "two bioregions",
      send: (f) => f.registry.connect(f.bio1.gov).affiliate(f.bio2.gov.address),
      error: "FederationRegistryKindsCannotAffiliate",
      args: (f) => [f.bio1.gov.address, Kind.Bioregion, f.bio2.gov.address, Kind.Bioregion],
    },
    {
      fn: "affiliate",
      what: "a guild with itself",
      send: (f) => f.registry.connect(f.guild1.gov).affiliate(f.guild1.gov.address),
      error: "FederationRegistryKindsCannotAffiliate",
      args: (f) => [f.guild1.gov.address, Kind.Guild, f.guild1.gov.address, Kind.Guild],
    },
    {
      fn: "affiliate",
      what: "a second proposal by the side that already proposed",
      send: (f) => f.registry.connect(f.bio2.gov).affiliate(f.guild2.gov.address),
      error: "FederationRegistryAlreadyProposed",
      args: (f) => [f.bio2.gov.address, f.guild2.gov.address],
    },
    {
      fn: "affiliate",
      what: "a pair already affiliated (the guild asking again)",
      send: (f) => f.registry.connect(f.guild1.gov).affiliate(f.bio1.gov.address),
      error: "FederationRegistryAlreadyAffiliated",
      args: (f) => [f.bio1.gov.address, f.guild1.gov.address],
    },
    {
      fn: "leave",
      what: "by an account that is not a registered community",
      send: (f) => f.registry.connect(f.outsider).leave(f.guild1.gov.address),
      error: "FederationRegistryUnknownCommunity",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "leave",
      what: "a counterpart that is not registered",
      send: (f) => f.registry.connect(f.bio1.gov).leave(f.outsider.address),
      error: "FederationRegistryUnknownCommunity",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "leave",
      what: "two guilds",
      send: (f) => f.registry.connect(f.guild1.gov).leave(f.guild2.gov.address),
      error: "FederationRegistryKindsCannotAffiliate",
      args: (f) => [f.guild1.gov.address, Kind.Guild, f.guild2.gov.address, Kind.Guild],
    },
    {
      fn: "leave",
      what: "a pair neither affiliated nor proposed",
      send: (f) => f.registry.connect(f.bio1.gov).leave(f.guild2.gov.address),
      error: "FederationRegistryNotAffiliated",
      args: (f) => [f.bio1.gov.address, f.guild2.gov.address],
    },
  ],
});

/** One tranche of `amount` due `dueAt` (0: at once). */
const tranche = (amount: bigint, dueAt = 0n) => ({ amount, dueAt });

/** An address that holds no code. */
const NO_CODE = "0x000000000000000000000000000000000000dEaD";

/**
 * Sends `fund` from `from` (guild1's governance unless told) for `beneficiary` (bio1 unless told):
 * native currency with the tranches' total as value unless `token` or `value` is given.
 */
function fund(
  f: FederationFixture,
  tranches: { amount: bigint; dueAt: bigint }[],
  o: { from?: HardhatEthersSigner; beneficiary?: string; recipient?: string; token?: string; value?: bigint } = {},
) {
  const total = tranches.reduce((s, t) => s + t.amount, 0n);
  const value = o.value ?? (o.token === undefined ? total : 0n);
  return f.funding
    .connect(o.from ?? f.guild1.gov)
    .fund(o.beneficiary ?? f.bio1.gov.address, o.recipient ?? Z, o.token ?? Z, tranches, "ipfs://grant", { value });
}

/**
 * Guild1–bio1 affiliated; guild2–bio2 were affiliated and guild2 has left. Grants (native):
 * 1 guild1→bio1, 1 ether due at once (claimed) and 2 ether due in 30 days; 2 guild1→bio1, 1 ether
 * (claimed); 3 guild2→bio2, 1 ether due in 30 days (cut off by the end); 4 guild2→bio2, 1 ether due
 * at once (unclaimed, fell due before the end); 5 guild1→bio1 for a recipient that refuses native
 * currency, 1 ether due at once. Guild1 holds and has approved 1000 of the hooked token and of the
 * fee-on-transfer token.
 */
async function deployFundingTableFixture() {
  const f = await deployAffiliatedFixture();
  await affiliate(f.registry, f.guild2, f.bio2);
  const rejecter = await ethers.deployContract("MockRefusingRecipient");
  const later = BigInt(await time.latest()) + 30n * DAY;
  const toBio2 = { from: f.guild2.gov, beneficiary: f.bio2.gov.address };
  await fund(f, [tranche(E("1")), tranche(E("2"), later)]);
  await fund(f, [tranche(E("1"))]);
  await fund(f, [tranche(E("1"), later)], toBio2);
  await fund(f, [tranche(E("1"))], toBio2);
  await fund(f, [tranche(E("1"))], { recipient: await rejecter.getAddress() });
  await f.funding.claim(1);
  await f.funding.claim(2);
  await f.registry.connect(f.guild2.gov).leave(f.bio2.gov.address);
  const escrow = await f.funding.getAddress();
  for (const t of [f.token, f.feeToken]) {
    await t.mint(f.guild1.gov.address, 1000n);
    await t.connect(f.guild1.gov).approve(escrow, 1000n);
  }
  return { ...f, rejecter, later };
}

type FundingTable = Awaited<ReturnType<typeof deployFundingTableFixture>>;

describeBadInput<FundingTable>({
  contract: "FederationFunding",
  fixture: deployFundingTableFixture,
  target: (f) => f.funding,
  snapshot: async (f) => {
    const fu = f.funding;
    const escrow = await fu.getAddress();
    const tokens = [Z, await f.token.getAddress(), await f.feeToken.getAddress()];
    const views: unknown[] = [await fu.grantCount(), await Promise.all(tokens.map((t) => fu.owed(t)))];
    for (let id = 1; id <= 5; ++id) {
      views.push(await fu.getGrant(id), await fu.getTranches(id), await fu.claimable(id), await fu.reclaimable(id));
    }
    for (const t of [f.token, f.feeToken]) {
      views.push(
        await t.balanceOf(escrow),
        await t.balanceOf(f.guild1.gov.address),
        await t.allowance(f.guild1.gov.address, escrow),
      );
    }
    return views;
  },
  balances: async (f) => [f.bio1.gov.address, f.bio2.gov.address, await f.rejecter.getAddress()],
  calls: [
    {
      fn: "fund",
      what: "by an account that is not a registered community",
      send: (f) => fund(f, [tranche(1n)], { from: f.outsider }),
      error: "FederationFundingUnknownFunder",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "fund",
      what: "a registered bioregion the funder is not affiliated with",
      send: (f) => fund(f, [tranche(1n)], { beneficiary: f.bio2.gov.address }),
      error: "FederationFundingNotAffiliated",
      args: (f) => [f.guild1.gov.address, f.bio2.gov.address],
    },
    {
      fn: "fund",
      what: "after the affiliation has ended",
      send: (f) => fund(f, [tranche(1n)], { from: f.guild2.gov, beneficiary: f.bio2.gov.address }),
      error: "FederationFundingNotAffiliated",
      args: (f) => [f.guild2.gov.address, f.bio2.gov.address],
    },
    {
      fn: "fund",
      what: "a community of the same kind",
      send: (f) => fund(f, [tranche(1n)], { beneficiary: f.guild2.gov.address }),
      error: "FederationFundingNotAffiliated",
      args: (f) => [f.guild1.gov.address, f.guild2.gov.address],
    },
    {
      fn: "fund",
      what: "a zero beneficiary",
      send: (f) => fund(f, [tranche(1n)], { beneficiary: Z }),
      error: "FederationFundingNotAffiliated",
      args: (f) => [f.guild1.gov.address, Z],
    },
    {
      fn: "fund",
      what: "no tranches",
      send: (f) => fund(f, []),
      error: "FederationFundingInvalidTrancheCount",
      args: () => [0n, 64n],
    },
    {
      fn: "fund",
      what: "more tranches than a grant may have",
      send: (f) =>
        fund(
          f,
          Array.from({ length: 65 }, () => tranche(1n)),
        ),
      error: "FederationFundingInvalidTrancheCount",
      args: () => [65n, 64n],
    },
    {
      fn: "fund",
      what: "a tranche of zero",
      send: (f) => fund(f, [tranche(1n), tranche(0n, f.later)]),
      error: "FederationFundingZeroTranche",
      args: () => [1n],
    },
    {
      fn: "fund",
      what: "tranches out of order of due time",
      send: (f) => fund(f, [tranche(1n, f.later), tranche(1n, f.later - 1n)]),
      error: "FederationFundingUnorderedTranches",
      args: (f) => [1n, f.later - 1n, f.later],
    },
    {
      fn: "fund",
      what: "native currency short of the total",
      send: (f) => fund(f, [tranche(2n), tranche(3n, f.later)], { value: 4n }),
      error: "FederationFundingWrongValue",
      args: () => [4n, 5n],
    },
    {
      fn: "fund",
      what: "native currency sent with an ERC-20 grant",
      send: async (f) => fund(f, [tranche(10n)], { token: await f.token.getAddress(), value: 10n }),
      error: "FederationFundingWrongValue",
      args: () => [10n, 0n],
    },
    {
      fn: "fund",
      what: "a token address that holds no code",
      send: (f) => fund(f, [tranche(10n)], { token: NO_CODE }),
      error: "FederationFundingNotAContract",
      args: () => [NO_CODE],
    },
    {
      fn: "fund",
      what: "an ERC-20 grant above the funder's allowance",
      send: async (f) => fund(f, [tranche(1001n)], { token: await f.token.getAddress() }),
      error: "ERC20InsufficientAllowance",
      args: async (f) => [await f.funding.getAddress(), 1000n, 1001n],
      errorFrom: (f) => f.token,
    },
    {
      fn: "fund",
      what: "a fee-on-transfer token (1 % fee: 990 of 1000 arrive)",
      send: async (f) => fund(f, [tranche(1000n)], { token: await f.feeToken.getAddress() }),
      error: "FederationFundingTransferShortfall",
      args: () => [990n, 1000n],
    },
    {
      fn: "claim",
      what: "grant 0 (ids start at 1)",
      send: (f) => f.funding.connect(f.outsider).claim(0),
      error: "FederationFundingUnknownGrant",
      args: () => [0n],
    },
    {
      fn: "claim",
      what: "a grant that does not exist",
      send: (f) => f.funding.connect(f.outsider).claim(6),
      error: "FederationFundingUnknownGrant",
      args: () => [6n],
    },
    {
      fn: "claim",
      what: "before the next tranche is due",
      send: (f) => f.funding.connect(f.outsider).claim(1),
      error: "FederationFundingNothingDue",
      args: (f) => [1n, f.later],
    },
    {
      fn: "claim",
      what: "a grant fully paid",
      send: (f) => f.funding.connect(f.outsider).claim(2),
      error: "FederationFundingNothingDue",
      args: () => [2n, 0n],
    },
    {
      fn: "claim",
      what: "a tranche due after the affiliation ended",
      send: (f) => f.funding.connect(f.outsider).claim(3),
      error: "FederationFundingAffiliationEnded",
      args: async (f) => [
        3n,
        0n,
        f.later,
        await f.registry.affiliationEnd(f.guild2.gov.address, f.bio2.gov.address, 1),
      ],
    },
    {
      fn: "claim",
      what: "a recipient that refuses native currency (its refusal is passed on, the tranche stays open)",
      send: (f) => f.funding.connect(f.outsider).claim(5),
      error: "MockRefused",
      errorFrom: (f) => f.rejecter,
    },
    {
      fn: "reclaim",
      what: "a grant that does not exist",
      send: (f) => f.funding.connect(f.outsider).reclaim(6),
      error: "FederationFundingUnknownGrant",
      args: () => [6n],
    },
    {
      fn: "reclaim",
      what: "while the affiliation holds",
      send: (f) => f.funding.connect(f.outsider).reclaim(1),
      error: "FederationFundingNothingToReclaim",
      args: () => [1n, MAX_UINT64],
    },
    {
      fn: "reclaim",
      what: "an ended affiliation whose open tranches all fell due before the end",
      send: (f) => f.funding.connect(f.outsider).reclaim(4),
      error: "FederationFundingNothingToReclaim",
      args: async (f) => [4n, await f.registry.affiliationEnd(f.guild2.gov.address, f.bio2.gov.address, 1)],
    },
  ],
});

/**
 * Alice is a member of bio1, guild1, bio2, guild2 and community 5 (registered and vouched for
 * here), and lists the first four; bob is a member of bio2 and lists it. Also registered: a
 * self-registered bioregion that nobody recognises (alice is its member) and a factory guild
 * without a membership list (vouched for).
 */
async function deployListingsFixture() {
  const f = await deployMembersFixture();
  const signers = await ethers.getSigners();
  const [selfGov, listlessGov] = [signers[9], signers[10]];
  await f.registry.register(f.unregistered.id);
  await f.registry.connect(f.bio1.gov).vouch(f.unregistered.gov.address);
  for (const c of [f.bio2, f.guild2, f.unregistered]) await c.membership.setMember(f.alice.address, true);
  for (const c of [f.bio1, f.guild1, f.bio2, f.guild2]) await f.federated.connect(f.alice).join(c.gov.address);
  await f.federated.connect(f.bob).join(f.bio2.gov.address);
  const selfMembership = await ethers.deployContract("MockMembership");
  await selfMembership.setMember(f.alice.address, true);
  await f.registry
    .connect(selfGov)
    .registerSelf(Kind.Bioregion, SELF, SELF, await selfMembership.getAddress(), Z, "Fjord", "");
  await f.factory.setCommunity(9, factoryRecord("guild", "Listless", listlessGov.address, Z));
  await f.registry.register(9);
  await f.registry.connect(f.guild1.gov).vouch(listlessGov.address);
  const deadline = BigInt(await time.latest()) + 3600n;
  return { ...f, selfGov, listlessGov, deadline };
}

type ListingsTable = Awaited<ReturnType<typeof deployListingsFixture>>;

describeBadInput<ListingsTable>({
  contract: "FederatedMembership",
  fixture: deployListingsFixture,
  target: (f) => f.federated,
  snapshot: async (f) => {
    const views: unknown[] = [];
    for (const a of [f.alice, f.bob, f.outsider].map((s) => s.address)) {
      views.push(
        await f.federated.listedCommunitiesOf(a),
        await f.federated.memberCommunitiesOf(a),
        await f.federated.isMember(a),
        await f.federated.nonces(a),
      );
    }
    return views;
  },
  calls: [
    {
      fn: "join",
      what: "an address that is not a community",
      send: (f) => f.federated.connect(f.bob).join(f.outsider.address),
      error: "FederatedMembershipNotRecognised",
      args: (f) => [f.outsider.address],
    },
    {
      fn: "join",
      what: "a self-registered community no recognised community vouched for",
      send: (f) => f.federated.connect(f.bob).join(f.selfGov.address),
      error: "FederatedMembershipNotRecognised",
      args: (f) => [f.selfGov.address],
    },
    {
      fn: "join",
      what: "a community the account is not a member of",
      send: (f) => f.federated.connect(f.bob).join(f.bio1.gov.address),
      error: "FederatedMembershipNotMember",
      args: (f) => [f.bob.address, f.bio1.gov.address],
    },
    {
      fn: "join",
      what: "a community without a membership list",
      send: (f) => f.federated.connect(f.bob).join(f.listlessGov.address),
      error: "FederatedMembershipNotMember",
      args: (f) => [f.bob.address, f.listlessGov.address],
    },
    {
      fn: "join",
      what: "a community already listed",
      send: (f) => f.federated.connect(f.bob).join(f.bio2.gov.address),
      error: "FederatedMembershipAlreadyListed",
      args: (f) => [f.bob.address, f.bio2.gov.address],
    },
    {
      fn: "join",
      what: "a fifth community",
      send: (f) => f.federated.connect(f.alice).join(f.unregistered.gov.address),
      error: "FederatedMembershipTooManyCommunities",
      args: (f) => [f.alice.address, 4n],
    },
    {
      fn: "joinWithSignature",
      what: "an expired signature",
      send: async (f) =>
        f.federated
          .connect(f.outsider)
          .joinWithSignature(
            f.bob.address,
            f.guild2.gov.address,
            1n,
            await signJoin(f.federated, f.bob, f.bob.address, f.guild2.gov.address, 1n),
          ),
      error: "FederatedMembershipExpiredSignature",
      args: () => [1n],
    },
    {
      fn: "joinWithSignature",
      what: "another account's signature",
      send: async (f) =>
        f.federated
          .connect(f.outsider)
          .joinWithSignature(
            f.bob.address,
            f.bio2.gov.address,
            f.deadline,
            await signJoin(f.federated, f.outsider, f.bob.address, f.bio2.gov.address, f.deadline),
          ),
      error: "FederatedMembershipInvalidSignature",
      args: (f) => [f.bob.address],
    },
    {
      fn: "joinWithSignature",
      what: "a valid signature for a community the signer is not a member of",
      send: async (f) =>
        f.federated
          .connect(f.outsider)
          .joinWithSignature(
            f.bob.address,
            f.bio1.gov.address,
            f.deadline,
            await signJoin(f.federated, f.bob, f.bob.address, f.bio1.gov.address, f.deadline),
          ),
      error: "FederatedMembershipNotMember",
      args: (f) => [f.bob.address, f.bio1.gov.address],
    },
    {
      fn: "leave",
      what: "a community the caller has not listed",
      send: (f) => f.federated.connect(f.bob).leave(f.guild1.gov.address),
      error: "FederatedMembershipNotListed",
      args: (f) => [f.bob.address, f.guild1.gov.address],
    },
    {
      fn: "leave",
      what: "by an account that lists nothing",
      send: (f) => f.federated.connect(f.outsider).leave(f.bio1.gov.address),
      error: "FederatedMembershipNotListed",
      args: (f) => [f.outsider.address, f.bio1.gov.address],
    },
    {
      fn: "prune",
      what: "a listing that still holds",
      send: (f) => f.federated.connect(f.outsider).prune(f.alice.address, f.bio1.gov.address),
      error: "FederatedMembershipStillValid",
      args: (f) => [f.alice.address, f.bio1.gov.address],
    },
    {
      fn: "prune",
      what: "a community the account has not listed",
      send: (f) => f.federated.connect(f.outsider).prune(f.alice.address, f.unregistered.gov.address),
      error: "FederatedMembershipNotListed",
      args: (f) => [f.alice.address, f.unregistered.gov.address],
    },
  ],
});
