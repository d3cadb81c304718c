/**
 * Independent audit of the issue-14 hardening: proofs of concept of the holes found.
 *
 * Each test asserts the SAFE behaviour. The auditor committed them as `it.skip`, and each failed on
 * the code of that commit (c5f5d14); they now run and pass, each named after the property it protects.
 */
import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { deployContributionsFixture, submitAttested, at } from "../helpers/contributions";
import { deployMembersFixture, registerOutsider } from "../helpers/federation";

describe("audit (issue 14 follow-up): proofs of concept", function () {
  // A-1 (medium), fixed: CommunityMembership.remove only worked on a current member. A member who sees the
  // removal proposal (public for the whole voting period and timelock delay) calls `leave()` first:
  // the proposal's `remove` then reverts (MembershipNotMember), `_removed` is never set, and the
  // member's friends re-admit it by endorsements, after which it claims its pending contributions.
  it("a removal sticks to a member who left before it took effect (A-1)", async function () {
    const f = await loadFixture(deployContributionsFixture);
    const { id, claimableAt } = await submitAttested(f); // alice's pending contribution
    // Governance's removal of alice is queued; alice front-runs it by leaving.
    await f.membership.connect(f.alice).leave();
    // Safe behaviour: governance can still mark alice removed.
    await expect(f.membership.connect(f.governance).remove(f.alice.address, "ipfs://reason")).to.not.be.reverted;
    expect(await f.membership.isRemoved(f.alice.address)).to.equal(true);
    // ...so endorsements alone cannot bring her back (each is refused, as for any removed account),
    // nor let her claim.
    for (const endorser of [f.bob, f.carol]) {
      await expect(f.membership.connect(endorser).endorse(f.alice.address))
        .to.be.revertedWithCustomError(f.membership, "MembershipRemovedByGovernance")
        .withArgs(f.alice.address);
    }
    expect(await f.membership.isMember(f.alice.address)).to.equal(false);
    await at(claimableAt);
    await expect(f.registry.connect(f.alice).claim(id)).to.be.revertedWithCustomError(
      f.registry,
      "ContributionRegistryNotMember",
    );
  });

  // A-2 (low/medium), fixed: FederatedMembership.isMemberOf reads the community's membership through
  // FederationRegistry.getCommunity, which copies the whole record, name and metadataURI included.
  // A named community's governance sets a huge metadataURI (updateMetadata, no bound); any account
  // that listed it before another named community becomes "not a member" of a FederatedCommunityList
  // behind MembershipEligibility (300,000 gas cap), although its other listing holds.
  it("a community's metadata cannot starve a capped check of another listing: membership reads one slot (A-2)", async function () {
    const f = await loadFixture(deployMembersFixture);
    // alice is a member of bio1 and guild1 (both founding) and lists both; the list names both.
    await f.federated.connect(f.alice).join(f.bio1.gov.address);
    await f.federated.connect(f.alice).join(f.guild1.gov.address);
    const list = await ethers.deployContract("FederatedCommunityList", [
      await f.federated.getAddress(),
      [f.bio1.gov.address, f.guild1.gov.address],
    ]);
    const eligibility = await ethers.deployContract("MembershipEligibility");
    const config = ethers.zeroPadValue(await list.getAddress(), 32);
    expect(await eligibility.isEligible(f.alice.address, config, "0x")).to.equal(true);
    // bio1 drops alice and its governance sets a 12 kB metadata URI.
    await f.bio1.membership.setMember(f.alice.address, false);
    // Control: with bio1's short record, the capped check still finds guild1.
    expect(await eligibility.isEligible(f.alice.address, config, "0x")).to.equal(true);
    const gasBefore = await f.federated.isMemberOf.estimateGas(f.alice.address, f.bio1.gov.address);
    // The 12 kB URI is refused now (as is an overlong name); the longest allowed ones are set instead.
    await expect(f.registry.connect(f.bio1.gov).updateMetadata("Watershed", "x".repeat(12_000)))
      .to.be.revertedWithCustomError(f.registry, "FederationRegistryMetadataURITooLong")
      .withArgs(12_000n, 512n);
    await expect(f.registry.connect(f.bio1.gov).updateMetadata("n".repeat(129), ""))
      .to.be.revertedWithCustomError(f.registry, "FederationRegistryNameTooLong")
      .withArgs(129n, 128n);
    await f.registry.connect(f.bio1.gov).updateMetadata("n".repeat(128), "x".repeat(512));
    // The membership check reads one slot of bio1's record: its cost does not depend on the metadata.
    expect(await f.federated.isMemberOf.estimateGas(f.alice.address, f.bio1.gov.address)).to.equal(gasBefore);
    // Safe behaviour: alice is still eligible through guild1, which she still belongs to.
    expect(await list.isMember(f.alice.address)).to.equal(true); // uncapped: still true
    expect(await eligibility.isEligible(f.alice.address, config, "0x")).to.equal(true); // capped: was false before the fix
  });

  // A-3 (low), fixed: withdrawing a vouch left the vouches below it in place. When the cut-off community
  // is vouched for again (by any recognised community, which consents to that one community only),
  // every community below it is recognised again at once, without any governance consenting anew.
  it("re-vouching a community whose recognition was withdrawn recognises it alone, not the communities below it (A-3)", async function () {
    const f = await loadFixture(deployMembersFixture);
    const [, , , , , , , , , xGov, sGov] = await ethers.getSigners();
    const m = await ethers.deployContract("MockMembership");
    const mAddr = await m.getAddress();
    await registerOutsider(f.registry, xGov, "bioregion", "X", mAddr, f.bio1); // bio1 vouches X
    await registerOutsider(f.registry, sGov, "guild", "S", mAddr); // X's governance vouches S
    await f.registry.connect(xGov).vouch(sGov.address);
    expect(await f.registry.isRecognised(sGov.address)).to.equal(true);
    // bio1 withdraws X (for example after X's governance was captured and vouched for S): S is cut off.
    await f.registry.connect(f.bio1.gov).withdrawRecognition(xGov.address);
    expect(await f.registry.isRecognised(sGov.address)).to.equal(false);
    // Later guild1 vouches for X only.
    await f.registry.connect(f.guild1.gov).vouch(xGov.address);
    expect(await f.registry.isRecognised(xGov.address)).to.equal(true);
    // Safe behaviour: S needs a new vouch (before the fix it was recognised again at once).
    expect(await f.registry.isRecognised(sGov.address)).to.equal(false);
  });
});
