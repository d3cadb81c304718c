import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { parseEther } from "ethers";

import { Commercial, DAY, deployLicensingFixture, makeTerms, registerWork } from "../helpers/licensing";

describe("integration: a licence fee through the membrane into a contributor's wallet", function () {
  it("follows a commercial fee and revenue share from the licensee to the treasury and the contributors", async function () {
    // The community: a ContributionToken clone (governance signer as admin, a minter signer) and a
    // Membrane clone taking 20 % for the treasury; the work's fees go to that membrane.
    const { registry, token, membrane, erc20, minter, governance, steward, alice, bob, company } =
      await loadFixture(deployLicensingFixture);
    await token.connect(minter).mint(alice.address, parseEther("3"));
    await token.connect(minter).mint(bob.address, parseEther("1"));
    const dai = await erc20.getAddress();
    const terms = makeTerms({ feeToken: dai, feePerPeriod: parseEther("100"), revenueShareBps: 1_000 });
    const workId = await registerWork(registry, steward, await membrane.getAddress(), terms);

    // The company takes a commercial licence and reports revenue: 100 + 10 % of 500 = 150 DAI.
    await erc20.mint(company.address, parseEther("1000"));
    await erc20.connect(company).approve(await registry.getAddress(), parseEther("1000"));
    await registry.connect(company).requestLicence(workId, 1n, Commercial, parseEther("100"), 1_000);
    const licenceId = await registry.licenceOf(workId, company.address);
    await registry.connect(company).reportRevenue(licenceId, parseEther("500"), "ipfs://report", terms.hash);
    expect(await registry.isLicensed(workId, company.address)).to.equal(true);
    expect(await membrane.pendingIncome(dai)).to.equal(parseEther("150"));

    // A day later anyone closes the epoch; contributors pull their shares, the treasury is paid.
    await time.increase(DAY);
    await membrane.connect(company).closeEpoch(dai);
    await expect(membrane.connect(alice).claim(dai, [1n])).to.changeTokenBalance(erc20, alice, parseEther("90"));
    await expect(membrane.connect(bob).claim(dai, [1n])).to.changeTokenBalance(erc20, bob, parseEther("30"));
    await expect(membrane.payTreasury(dai)).to.changeTokenBalance(erc20, governance, parseEther("30"));
    expect(await erc20.balanceOf(await membrane.getAddress())).to.equal(0n);
    expect(await erc20.balanceOf(company.address)).to.equal(parseEther("850"));
  });
});
