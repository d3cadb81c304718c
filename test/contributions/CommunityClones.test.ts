import { expect } from "chai";
import hre from "hardhat";

import type { CommunityMembership, ContributionRegistry, ContributionToken } from "../../typechain-types";

interface DevCommunity {
  token: string;
  membership: string;
  registry: string;
  epochs: string;
  transactions: { hash: string }[];
}

describe("CommunityClones (contrib:dev-community)", function () {
  it("contrib:dev-community creates and initialises its clones in one transaction", async function () {
    await hre.run("suite:deploy", { json: true });
    const signers = await hre.ethers.getSigners();
    const before = await hre.ethers.provider.getBlockNumber();
    const r = (await hre.run("contrib:dev-community", {
      name: `clones-${before}`,
      json: true,
      founderCredit: "5",
    })) as DevCommunity;
    // Automining: one block per transaction.
    expect((await hre.ethers.provider.getBlockNumber()) - before).to.equal(1);
    expect(r.transactions).to.have.length(1);
    const at = async <T>(name: string, address: string) =>
      (await hre.ethers.getContractAt(name, address)) as unknown as T;
    const token = await at<ContributionToken>("ContributionToken", r.token);
    const membership = await at<CommunityMembership>("CommunityMembership", r.membership);
    const registry = await at<ContributionRegistry>("ContributionRegistry", r.registry);
    const governance = signers[1].address;
    // Every clone is initialised, with the roles the community factory gives, and nothing left to initialise.
    expect(await token.balanceOf(signers[2].address)).to.equal(hre.ethers.parseEther("5"));
    expect(await token.hasRole(await token.MINTER_ROLE(), r.registry)).to.equal(true);
    expect(await token.hasRole(await token.MINTER_ROLE(), r.epochs)).to.equal(true);
    expect(await membership.governance()).to.equal(governance);
    expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), governance)).to.equal(true);
    expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), signers[0].address)).to.equal(false);
    await expect(membership.initialize(signers[0].address, [], 0n)).to.be.revertedWithCustomError(
      membership,
      "InvalidInitialization",
    );
  });
});
