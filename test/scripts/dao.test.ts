import { expect } from "chai";
import { ethers } from "ethers";

import { parseCommunityFile, thresholdUnits, type CommunityFile } from "../../scripts/lib/dao";
import { TaskInputError } from "../../scripts/lib/errors";
import { communityFile } from "../helpers/dao";

const founder = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function file(overrides: Partial<CommunityFile> = {}): CommunityFile {
  const base = communityFile("bioregion", "Cascadia", [{ account: founder, amount: "100" }]);
  return { ...base, governor: { ...base.governor, proposalThreshold: "9" }, ...overrides };
}

describe("dao task inputs (scripts/lib/dao.ts)", function () {
  it("turns a community file into the factory's arguments, with defaults for accounting", function () {
    const spec = parseCommunityFile(file());
    expect(spec.config.identity.kind).to.equal(0);
    expect(spec.config.identity.domain).to.equal("");
    expect(spec.config.governor.proposalThreshold).to.equal(ethers.parseEther("9"));
    expect(spec.amounts).to.deep.equal([ethers.parseEther("100")]);
    expect(spec.accounting.attestationThreshold).to.equal(2n);
    expect(spec.accounting.membraneTreasuryShareBps).to.equal(5000);
  });

  it("expresses a quadratic threshold as the weight of that many tokens", function () {
    const spec = parseCommunityFile(file({ counting: "quadratic" }));
    expect(spec.config.governor.proposalThreshold).to.equal(3_000_000_000n);
    expect(thresholdUnits(ethers.parseEther("8"), "quadratic")).to.equal(2_828_427_124n);
  });

  it("reads a guild's domain and leaves its area empty", function () {
    const spec = parseCommunityFile(file({ kind: "guild", area: undefined, domain: "natural building" }));
    expect(spec.config.identity.kind).to.equal(1);
    expect(spec.config.identity.areaURI).to.equal("");
    expect(spec.config.identity.areaHash).to.equal(ethers.ZeroHash);
  });

  const bad: [string, Partial<CommunityFile>, RegExp][] = [
    ["an unknown kind", { kind: "village" }, /kind/],
    ["an unknown counting", { counting: "cubic" }, /counting/],
    ["a bioregion without area", { area: undefined }, /needs "area"/],
    ["a guild without domain", { kind: "guild", area: undefined }, /needs "domain"/],
    ["no founders", { founders: [] }, /at least one/],
    ["a bad founder address", { founders: [{ account: "0x12", amount: "1" }] }, /founders\[0\]\.account/],
    ["a bad charter hash", { charter: { uri: "ipfs://c", hash: "0x12" } }, /charter\.hash/],
    ["a missing name", { name: "" }, /"name" is required/],
  ];
  for (const [what, overrides, message] of bad) {
    it(`refuses ${what}`, function () {
      expect(() => parseCommunityFile(file(overrides)))
        .to.throw(TaskInputError)
        .with.property("message")
        .that.matches(message);
    });
  }
});
