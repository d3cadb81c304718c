/**
 * Every failure in words: the suite's custom errors (decoded from the generated ABIs), the wallet's
 * refusals and the chain's objections, each as a sentence that says what happened and what to do.
 */
import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  UserRejectedRequestError,
  decodeErrorResult,
  formatEther,
  type Abi,
  type Hex,
} from "viem";

import * as generated from "../generated";

/** Every custom error any contract of the suite can raise, gathered from the generated ABIs. */
export const SUITE_ERRORS: Abi = (Object.values(generated) as unknown[])
  .filter((v): v is Abi => Array.isArray(v))
  .flat()
  .filter((item) => item.type === "error");

const PHASES = ["upcoming", "applications", "review", "donations", "tallying", "finalised", "cancelled"];
const PROJECT_STATUS = ["none", "pending", "approved", "rejected", "removed"];
const KINDS = ["none", "bioregion", "guild"];
const PROPOSAL_STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
const when = (t: unknown) => new Date(Number(t) * 1000).toLocaleString();
const short = (a: unknown) => {
  const s = String(a);
  return s.startsWith("0x") && s.length === 42 ? `${s.slice(0, 6)}…${s.slice(-4)}` : s;
};

type Args = readonly unknown[];
/** Sentences for the errors people meet; the rest are read from their names (see `fromName`). */
const SENTENCES: Record<string, (a: Args) => string> = {
  ContributionRegistryNotMember: (a) => `${short(a[0])} is not a member of this community; ask to be admitted first.`,
  ContributionRegistrySelfAttestation: () => "You cannot attest your own contribution; ask another member.",
  ContributionRegistryAlreadyAttested: (a) => `You have already attested contribution ${a[0]}.`,
  ContributionRegistryNotClaimable: (a) =>
    `Contribution ${a[0]} cannot be claimed yet: it needs its attestations and then waits until ${when(a[1])}.`,
  ContributionRegistryChallengeWindowClosed: (a) => `The challenge window of contribution ${a[0]} has closed.`,
  ContributionRegistryNotContributor: () => "Only the contributor can claim this contribution.",
  ContributionRegistryInvalidUnits: () => "Enter a number of units above zero.",
  ContributionRegistryUnknownKind: (a) => `Kind ${a[0]} does not exist (the community has ${a[1]} kinds).`,
  ContributionRegistryInactiveKind: (a) => `Kind ${a[0]} is no longer accepted by the community.`,
  ContributionRegistryWrongStatus: (a) => `Contribution ${a[0]} is not in a state that allows this.`,
  ContributionRegistryVoucherRedeemed: (a) => `Voucher ${a[0]} was already redeemed.`,
  ContributionRegistryExpired: (a) => `This signature expired at ${when(a[0])}; ask for a new one.`,
  ContributionRegistryNotSteward: (a) => `${short(a[0])} is not a steward of this community.`,
  ContributionRegistryStewardBudgetExceeded: (a) =>
    `This voucher is worth ${formatEther(BigInt(String(a[1])))} tokens but steward ${short(a[0])} may mint only ${formatEther(BigInt(String(a[2])))} more this period; ask for a smaller voucher or wait for the next period.`,
  ContributionRegistrySelfChallenge: (a) => `You submitted contribution ${a[0]}; you cannot challenge your own work.`,
  ContributionRegistrySelfVoucher: () => "A steward's voucher cannot pay the steward itself.",
  ContributionRegistryInvalidSignature: (a) =>
    `The signature is not ${short(a[0])}'s over this contribution as it stands (contributor, kind, amount, evidence); ask for a new one.`,
  MembershipRemovedByGovernance: (a) =>
    `Governance removed ${short(a[0])}; only a governance vote can admit them again, not endorsements.`,
  CommunityGovernorProposalNotExpired: (a) =>
    `Proposal ${short(a[0])} has not expired (it is ${PROPOSAL_STATES[Number(a[1])] ?? a[1]}); only an expired proposal can be cancelled this way.`,
  EpochAllocationsAlreadyClaimed: (a) => `This allocation of epoch ${a[0]} was already claimed.`,
  EpochAllocationsInvalidProof: (a) => `The proof does not match epoch ${a[0]}'s published tree; load the right file.`,
  EpochAllocationsClaimClosed: (a) => `Claims for epoch ${a[0]} closed at ${when(a[1])}.`,
  GovernorInsufficientProposerVotes: (a) =>
    `You need ${formatEther(BigInt(String(a[2])))} votes to propose and have ${formatEther(BigInt(String(a[1])))}; delegate to yourself or earn tokens first.`,
  GovernorAlreadyCastVote: () => "You have already voted on this proposal.",
  GovernorUnexpectedProposalState: () => "The proposal is not in a state that allows this now; wait for its next step.",
  GovernorRestrictedProposer: () => "This proposal's description restricts who may submit it.",
  GovernorNonexistentProposal: (a) => `Proposal ${short(a[0])} does not exist.`,
  MembershipAlreadyMember: (a) => `${short(a[0])} is already a member.`,
  MembershipNotMember: (a) => `${short(a[0])} is not a member.`,
  MembraneNothingToClaim: () => "There is nothing for this account to claim in the selected epochs.",
  MembraneAlreadyClaimed: (a) => `You already claimed epoch ${a[1]}.`,
  MembraneEpochTooShort: (a) => `The epoch can be closed from ${when(a[1])}.`,
  MembraneNothingOwed: () => "The treasury is owed nothing now.",
  RoundWrongPhase: (a) =>
    `The round is in its ${PHASES[Number(a[0])] ?? a[0]} phase; this needs the ${PHASES[Number(a[1])] ?? a[1]} phase.`,
  RoundBelowMinimum: (a) => `A donation must be at least ${formatEther(BigInt(String(a[1])))}.`,
  RoundProjectNotApproved: (a) => `Project ${a[0]} is not approved for donations.`,
  RoundTooManyClusters: (a) =>
    `${short(String(a[0]))} belongs to ${a[1]} clusters; a donor may count in at most ${a[2]}. Leave a community's listing first.`,
  RoundInvalidClusterIds: () => "Cluster ids must be at least one, in increasing order, and none of them 0.",
  RoundInvalidClusterProof: (a) => `The groups file does not place ${short(String(a[0]))} in these clusters.`,
  RoundClustersAlreadyFixed: (a) =>
    `The clusters of ${short(String(a[0]))} are fixed for this round (at its first donation or proof).`,
  RoundNotMerkleClusters: () => "This round does not take clusters from a published groups file.",
  RoundInvalidClusterSource: () =>
    "A cluster round needs its source: a FederatedMembership contract, or the root of a published groups file.",
  RoundNotReviewer: () => "Only the round's reviewers can review applications or vote to remove projects.",
  RoundAlreadyReviewed: (a) => `You have already voted on project ${a[0]} at this stage.`,
  RoundStageChanged: (a) =>
    `Project ${a[0]} is now ${PROJECT_STATUS[Number(a[2])] ?? a[2]}, no longer ${PROJECT_STATUS[Number(a[1])] ?? a[1]}: another reviewer's vote came first. Reload to see it.`,
  RoundTallyWindowOpen: (a) =>
    `Donations have closed but the tally window is open until ${when(a[0])}; the round can be finalised after that.`,
  RoundClaimReserved: (a) =>
    `Until ${when(a[2])} only project ${a[0]}'s owner or recipient may claim its payout; anyone may after that.`,
  RoundInvalidTallyWindow: () => "The tally window must last between 1 hour and 30 days.",
  RoundInvalidMaxDonationsEnd: () =>
    "The latest end of donations must be after their scheduled end, and at most 365 days after it.",
  RoundNotOperator: () => "Only the round's operator can do this.",
  RoundNotProjectOwner: (a) => `Only project ${a[0]}'s owner can change it.`,
  RoundIneligibleDonor: (a) => `${short(a[0])} is not eligible to donate in this round.`,
  RoundNothingToRefund: (a) => `You have nothing to refund from project ${a[0]}.`,
  RoundNothingToReclaim: () => "You have no matching funds to reclaim.",
  RoundAlreadyPaid: (a) => `Project ${a[0]} has already been paid.`,
  RoundZeroAmount: () => "Enter an amount above zero.",
  RoundInvalidSchedule: () =>
    "The schedule is not in order: applications must open before they close, and donations must open after applications close and before they close.",
  RoundFactoryWrongValue: (a) =>
    `The cart sends ${formatEther(BigInt(String(a[0])))} but its donations add up to ${formatEther(BigInt(String(a[1])))}.`,
  LicenceRegistryTermsAboveMaximum: (a) =>
    `The fee is now ${formatEther(BigInt(String(a[0])))}, above the ${formatEther(BigInt(String(a[1])))} you accept; review the terms and raise your cap.`,
  LicenceRegistryWrongValue: (a) =>
    `Send exactly ${formatEther(BigInt(String(a[1])))} (you sent ${formatEther(BigInt(String(a[0])))}).`,
  LicenceRegistryAlreadyLicensed: (a) => `${short(a[1])} already holds licence ${a[0]} for this work.`,
  LicenceRegistryNotCommons: () =>
    "This account is not a commons user of the work (not a member, a recognised cooperative or a charter signatory).",
  LicenceRegistryNotLicensee: () => "Only the licensee can do this.",
  LicenceRegistryNotRenewable: () => "These terms cannot be renewed; request a new licence.",
  LicenceRegistryTermsChanged: (a) =>
    `The terms of work ${a[0]} changed from version ${a[1]} (the one you saw) to ${a[2]}; reload, read the new terms and request again.`,
  LicenceRegistryNothingHeld: () => "No licence fees are held for this account.",
  LicenceRegistryWorkSuperseded: (a) => `Work ${a[0]} was superseded by work ${a[1]}; licence the new version.`,
  // The federation: every custom error of FederationRegistry, FederationFunding, FederatedMembership,
  // FederatedCommunityList and MembershipCheck (test/federation.browser.ts checks that none is missing).
  FederationRegistryNotFounder: (a) =>
    `Only the founder named at deployment can perform the founding act; ${short(a[0])} is not it.`,
  FederationRegistryAlreadyFounded: () =>
    "The federation was founded already; communities are now recognised only through vouches.",
  FederationRegistryNothingToFound: () => "Choose at least one registered community for the founding act.",
  FederationRegistryVoucherNotRecognised: (a) =>
    `${short(a[0])} is not recognised by the federation, so it cannot vouch for another community.`,
  FederationRegistryAlreadyRecognised: (a) => `${short(a[0])} is already recognised by the federation.`,
  FederationRegistryTooDeep: (a) =>
    `This community is ${a[1]} vouches away from a founding community, the most allowed: a community it vouched for would be too far. Ask a community closer to the founders to vouch.`,
  FederationRegistryNotVoucher: (a) =>
    `Only the community that vouched for ${short(a[1])}, or ${short(a[1])} itself, can withdraw its recognition.`,
  FederationRegistryNotVouched: (a) =>
    `Nobody vouched for ${short(a[0])} and it is not a founding community: there is no recognition to withdraw.`,
  FederationRegistryAlreadyRegistered: (a) => `${short(a[0])} is already registered in the federation.`,
  FederationRegistryUseFactoryRecord: (a) =>
    `${short(a[0])} is community ${a[1]} of the factory: register it from the factory's record (its Federation tab, "Register in the federation").`,
  FederationRegistryUnknownCommunity: (a) =>
    `${short(a[0])} is not registered in the federation; register it first (its Federation tab).`,
  FederationRegistryInvalidKind: (a) => `Kind ${a[0]} is neither a bioregion nor a guild.`,
  FederationRegistryZeroAddress: () => "A community needs a governor and a token; an address given was empty.",
  FederationRegistryEmptyName: () => "Give the community a name.",
  FederationRegistryNameTooLong: (a) => `The name is ${a[0]} bytes long; shorten it to at most ${a[1]}.`,
  FederationRegistryMetadataURITooLong: (a) => `The metadata URI is ${a[0]} bytes long; shorten it to at most ${a[1]}.`,
  FederationRegistryKindsCannotAffiliate: (a) =>
    `An affiliation joins a bioregion and a guild; ${short(a[0])} is a ${KINDS[Number(a[1])] ?? a[1]} and ${short(a[2])} a ${KINDS[Number(a[3])] ?? a[3]}.`,
  FederationRegistryAlreadyProposed: (a) =>
    `${short(a[0])} already proposed this affiliation to ${short(a[1])}; the other side must accept it.`,
  FederationRegistryAlreadyAffiliated: (a) => `${short(a[0])} and ${short(a[1])} are already affiliated.`,
  FederationRegistryNotAffiliated: (a) =>
    `${short(a[0])} and ${short(a[1])} are not affiliated and nothing is proposed between them: there is nothing to leave.`,
  FederationFundingUnknownFunder: (a) =>
    `${short(a[0])} is not registered in the federation, so it cannot fund a grant; register it first.`,
  FederationFundingNotAffiliated: () => "The two communities are not affiliated; a grant needs an active affiliation.",
  FederationFundingInvalidTrancheCount: (a) => `A grant has between 1 and ${a[1]} tranches; this one has ${a[0]}.`,
  FederationFundingZeroTranche: (a) => `Tranche ${Number(a[0]) + 1} has a zero amount; give every tranche an amount.`,
  FederationFundingUnorderedTranches: (a) =>
    `Tranche ${Number(a[0]) + 1} falls due at ${when(a[1])}, before the one ahead of it (${when(a[2])}); order the tranches by due time.`,
  FederationFundingWrongValue: (a) =>
    `The grant sends ${formatEther(BigInt(String(a[0])))} but its tranches add up to ${formatEther(BigInt(String(a[1])))}.`,
  FederationFundingNotAContract: (a) => `${short(a[0])} holds no contract, so it is not an ERC-20 token.`,
  FederationFundingTransferShortfall: (a) =>
    `The token delivered ${a[0]} of ${a[1]} units: tokens that take a fee on transfer cannot fund a grant.`,
  FederationFundingUnknownGrant: (a) => `There is no grant ${a[0]}.`,
  FederationFundingNothingDue: (a) =>
    BigInt(String(a[1])) === 0n
      ? `Every tranche of grant ${a[0]} was paid or returned already.`
      : `Nothing of grant ${a[0]} is due yet; the next tranche falls due on ${when(a[1])}.`,
  FederationFundingAffiliationEnded: (a) =>
    `Tranche ${Number(a[1]) + 1} of grant ${a[0]} fell due on ${when(a[2])}, after the affiliation ended (${when(a[3])}): it cannot be paid; anyone can return it to the funder.`,
  FederationFundingNothingToReclaim: (a) =>
    BigInt(String(a[1])) === 2n ** 64n - 1n
      ? `The affiliation of grant ${a[0]} still holds: nothing goes back to the funder.`
      : `Every open tranche of grant ${a[0]} fell due before the affiliation ended (${when(a[1])}): they are the recipient's, nothing goes back.`,
  FederatedMembershipNotRecognised: (a) =>
    `The federation does not recognise ${short(a[0])}; its members cannot list it until a recognised community vouches for it.`,
  FederatedMembershipNotMember: (a) => `${short(a[0])} is not a member of that community.`,
  FederatedMembershipAlreadyListed: (a) => `${short(a[0])} has already listed this community.`,
  FederatedMembershipTooManyCommunities: (a) =>
    `An account can list at most ${a[1]} communities; leave one first (on the Federation page).`,
  FederatedMembershipNotListed: (a) => `${short(a[0])} has not listed ${short(a[1])}.`,
  FederatedMembershipStillValid: (a) =>
    `${short(a[0])} is still a member of the recognised ${short(a[1])}: only that account can unlist it.`,
  FederatedMembershipExpiredSignature: (a) => `This signed listing expired at ${when(a[0])}; ask for a new one.`,
  FederatedMembershipInvalidSignature: (a) =>
    `The signature is not ${short(a[0])}'s over this listing and its current nonce (already used, or signed for another community); ask for a new one.`,
  FederatedCommunityListInvalidSize: (a) => `A list names between 1 and ${a[1]} communities; ${a[0]} were given.`,
  FederatedCommunityListUnknownCommunity: (a) => `${short(a[0])} is not registered in the federation.`,
  FederatedCommunityListDuplicate: (a) => `${short(a[0])} is named twice; name each community once.`,
  MembershipCheckGasTooLow: (a) =>
    `The call had ${a[0]} gas left for a membership check that needs ${a[1]}; send it with more gas.`,
  ContributionRegistryInvalidBudget: (a) =>
    `A steward budget of ${formatEther(BigInt(String(a[0])))} tokens per period is too large (at most 2^128 − 1 units).`,
  // Errors of OpenZeppelin's libraries that the federation contracts (and others) can raise.
  FailedCall: () =>
    "A call the contract made failed (for example a recipient that refuses payment); nothing changed. Choose a recipient that can receive.",
  InsufficientBalance: (a) =>
    `The contract holds ${formatEther(BigInt(String(a[0])))}, less than the ${formatEther(BigInt(String(a[1])))} it must send.`,
  ReentrancyGuardReentrantCall: () =>
    "A contract called back into this one in the middle of a payment; the call was refused and nothing changed.",
  SafeERC20FailedOperation: (a) =>
    `The token ${short(a[0])} refused the transfer (its balance or allowance is too low, or it returned false).`,
  InvalidAccountNonce: (a) => `${short(a[0])}'s nonce is ${a[1]} now, not the one signed; sign again.`,
  InvalidShortString: () => "A name given to the contract is not a valid short string.",
  StringTooLong: () => "A name given to the contract is too long (at most 31 bytes).",
  ERC20InsufficientBalance: (a) =>
    `The balance is ${formatEther(BigInt(String(a[1])))}, below the ${formatEther(BigInt(String(a[2])))} needed.`,
  ERC20InsufficientAllowance: () => "The token allowance is too low; approve the amount first.",
};

/** "RoundTooManyProjects" -> "Round: too many projects". */
function fromName(name: string, args: Args): string {
  const m =
    /^(ContributionRegistry|ContributionToken|EpochAllocations|CommunityFactory|CommunityProfile|CommunityGovernor|Membership|Membrane|RoundFactory|Round|LicenceRegistry|FederationRegistry|FederationFunding|FederatedMembership|FederatedCommunityList|MembershipCheck|Governor|Timelock|ERC20|ERC721)(.*)$/.exec(
      name,
    );
  const [part, rest] = m ? [m[1], m[2]] : ["", name];
  const words = rest.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  const shown = args.length ? ` (${args.map((x) => short(x)).join(", ")})` : "";
  return `${part ? `${part.replace(/([a-z])([A-Z])/g, "$1 $2")}: ` : ""}${words}${shown}.`;
}

/** Whether `name` has a hand-written sentence (the rest are read from their names). */
export function hasSentence(name: string): boolean {
  return name in SENTENCES;
}

export function errorSentence(name: string, args: Args = []): string {
  const s = SENTENCES[name];
  return s ? s(args) : fromName(name, args);
}

/** Decodes raw revert data against every error of the suite. */
export function decodeRevert(data: Hex): { name: string; args: Args } | undefined {
  try {
    const d = decodeErrorResult({ abi: SUITE_ERRORS, data });
    return { name: d.errorName, args: (d.args ?? []) as Args };
  } catch {
    return undefined;
  }
}

/** A sentence for anything thrown by the wallet, the node or a contract. */
export function explain(e: unknown): string {
  if (e instanceof BaseError) {
    if (e.walk((x) => x instanceof UserRejectedRequestError) || /user rejected|denied|4001/i.test(e.message)) {
      return "You declined the request in your wallet. Nothing was sent; try again when you are ready.";
    }
    const mismatch = e.walk((x) => x instanceof ChainMismatchError);
    if (mismatch) return "Your wallet is on another network. Switch network (button at the top) and try again.";
    if (e.walk((x) => x instanceof InsufficientFundsError)) {
      return "This account cannot pay for the transaction and its gas; add funds or choose a smaller amount.";
    }
    const reverted = e.walk((x) => x instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      if (reverted.data?.errorName) {
        return errorSentence(reverted.data.errorName, (reverted.data.args ?? []) as Args);
      }
      const raw = (reverted as { raw?: Hex }).raw;
      const decoded = raw ? decodeRevert(raw) : undefined;
      if (decoded) return errorSentence(decoded.name, decoded.args);
      if (reverted.reason) return `The contract refused: ${reverted.reason}.`;
    }
    const raw = /(0x[0-9a-f]{8,})/i.exec(e.message)?.[1] as Hex | undefined;
    const decoded = raw ? decodeRevert(raw) : undefined;
    if (decoded) return errorSentence(decoded.name, decoded.args);
    return e.shortMessage || e.message;
  }
  if (typeof e === "object" && e && "code" in e && (e as { code: number }).code === 4001) {
    return "You declined the request in your wallet. Nothing was sent; try again when you are ready.";
  }
  return e instanceof Error ? e.message : String(e);
}
