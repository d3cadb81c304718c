import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { deployAffiliatedFixture, MAX_UINT64 } from "../helpers/federation";

const E = ethers.parseEther;

describe("FederationFunding", function () {
  /** Three monthly tranches of 1, 2 and 3 ether, the first due in a day. */
  async function schedule() {
    const now = await time.latest();
    const day = 86_400;
    return [
      { amount: E("1"), dueAt: now + day },
      { amount: E("2"), dueAt: now + 31 * day },
      { amount: E("3"), dueAt: now + 61 * day },
    ];
  }

  describe("fund", function () {
    it("escrows native currency paid at once, claimable immediately by anyone for the recipient", async function () {
      const { funding, guild1, bio1, outsider } = await loadFixture(deployAffiliatedFixture);
      const tranches = [{ amount: E("5"), dueAt: 0 }];
      await expect(
        funding
          .connect(guild1.gov)
          .fund(bio1.gov.address, ethers.ZeroAddress, ethers.ZeroAddress, tranches, "ipfs://seed-bank", {
            value: E("5"),
          }),
      )
        .to.emit(funding, "GrantFunded")
        .withArgs(
          1,
          guild1.gov.address,
          bio1.gov.address,
          bio1.gov.address,
          ethers.ZeroAddress,
          E("5"),
          1,
          1,
          "ipfs://seed-bank",
        )
        .and.to.emit(funding, "TrancheScheduled")
        .withArgs(1, 0, E("5"), 0);
      expect(await funding.owed(ethers.ZeroAddress)).to.equal(E("5"));
      expect(await funding.claimable(1)).to.deep.equal([E("5"), 1n]);
      const tx = funding.connect(outsider).claim(1);
      await expect(tx).to.emit(funding, "TranchesClaimed").withArgs(1, bio1.gov.address, 0, 1, E("5"));
      await expect(tx).to.changeEtherBalances([funding, bio1.gov], [-E("5"), E("5")]);
      expect(await funding.owed(ethers.ZeroAddress)).to.equal(0);
      expect((await funding.getGrant(1)).nextTranche).to.equal(1);
    });

    it("escrows an ERC-20 tranche schedule for a project inside the bioregion", async function () {
      const { funding, token, guild1, bio1, alice } = await loadFixture(deployAffiliatedFixture);
      const tranches = await schedule();
      await token.mint(guild1.gov.address, E("6"));
      await token.connect(guild1.gov).approve(await funding.getAddress(), E("6"));
      await expect(
        funding
          .connect(guild1.gov)
          .fund(bio1.gov.address, alice.address, await token.getAddress(), tranches, "ipfs://mill"),
      ).to.changeTokenBalances(token, [guild1.gov, funding], [-E("6"), E("6")]);
      const g = await funding.getGrant(1);
      expect([g.funder, g.beneficiary, g.recipient, g.token]).to.deep.equal([
        guild1.gov.address,
        bio1.gov.address,
        alice.address,
        await token.getAddress(),
      ]);
      expect([g.affiliationEpoch, g.trancheCount, g.nextTranche, g.endTranche]).to.deep.equal([1n, 3n, 0n, 3n]);
      expect((await funding.getTranches(1)).map((t) => [t.amount, t.dueAt])).to.deep.equal(
        tranches.map((t) => [t.amount, BigInt(t.dueAt)]),
      );
      expect(await funding.owed(await token.getAddress())).to.equal(E("6"));
      expect(await funding.grantCount()).to.equal(1);
      expect(await funding.maxTranches()).to.equal(64);
      expect(await funding.registry()).to.equal(
        await (await loadFixture(deployAffiliatedFixture)).registry.getAddress(),
      );
    });

    it("lets a bioregion fund an affiliated guild too", async function () {
      const { funding, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
      await expect(
        funding
          .connect(bio1.gov)
          .fund(guild1.gov.address, ethers.ZeroAddress, ethers.ZeroAddress, [{ amount: 7, dueAt: 0 }], "", {
            value: 7,
          }),
      ).to.emit(funding, "GrantFunded");
    });

    it("prints the gas of fund", async function () {
      const { funding, token, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
      const now = await time.latest();
      const native = await (
        await funding
          .connect(guild1.gov)
          .fund(
            bio1.gov.address,
            ethers.ZeroAddress,
            ethers.ZeroAddress,
            [{ amount: E("1"), dueAt: 0 }],
            "ipfs://grant",
            { value: E("1") },
          )
      ).wait();
      await token.mint(guild1.gov.address, E("100"));
      await token.connect(guild1.gov).approve(await funding.getAddress(), E("100"));
      const gasFor = async (n: number) => {
        const tranches = Array.from({ length: n }, (_, i) => ({ amount: E("1"), dueAt: now + (i + 1) * 2_592_000 }));
        const r = await (
          await funding
            .connect(guild1.gov)
            .fund(bio1.gov.address, ethers.ZeroAddress, await token.getAddress(), tranches, "ipfs://grant")
        ).wait();
        return r!.gasUsed;
      };
      const erc20x4 = await gasFor(4);
      const erc20x12 = await gasFor(12);
      const claim = await (await funding.claim(1)).wait();
      console.log(
        `      gas: fund native 1 tranche ${native!.gasUsed}, fund ERC-20 4 tranches ${erc20x4}, ` +
          `fund ERC-20 12 tranches ${erc20x12}, claim 1 native tranche ${claim!.gasUsed}`,
      );
      expect(native!.gasUsed).to.be.lessThan(erc20x4);
      expect(erc20x4).to.be.lessThan(erc20x12);
    });

    it("refuses a funder that is not a registered community", async function () {
      const { funding, bio1, outsider } = await loadFixture(deployAffiliatedFixture);
      await expect(
        funding
          .connect(outsider)
          .fund(bio1.gov.address, ethers.ZeroAddress, ethers.ZeroAddress, [{ amount: 1, dueAt: 0 }], "", { value: 1 }),
      )
        .to.be.revertedWithCustomError(funding, "FederationFundingUnknownFunder")
        .withArgs(outsider.address);
    });

    it("refuses funding an unaffiliated community, a merely proposed affiliation, and an unregistered one", async function () {
      const { funding, registry, guild1, guild2, bio2, unregistered } = await loadFixture(deployAffiliatedFixture);
      await registry.connect(guild2.gov).affiliate(bio2.gov.address); // proposed, not accepted
      const cases: [typeof guild1, string][] = [
        [guild2, bio2.gov.address],
        [guild1, bio2.gov.address],
        [guild1, unregistered.gov.address],
      ];
      for (const [funder, beneficiary] of cases) {
        await expect(
          funding
            .connect(funder.gov)
            .fund(beneficiary, ethers.ZeroAddress, ethers.ZeroAddress, [{ amount: 1, dueAt: 0 }], "", { value: 1 }),
        )
          .to.be.revertedWithCustomError(funding, "FederationFundingNotAffiliated")
          .withArgs(funder.gov.address, beneficiary);
      }
      expect(await funding.grantCount()).to.equal(0);
    });

    it("refuses an empty schedule, too many tranches, a zero tranche and tranches out of order", async function () {
      const { funding, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
      const fund = (tranches: { amount: bigint | number; dueAt: number }[], value = 0n) =>
        funding
          .connect(guild1.gov)
          .fund(bio1.gov.address, ethers.ZeroAddress, ethers.ZeroAddress, tranches, "", { value });
      await expect(fund([]))
        .to.be.revertedWithCustomError(funding, "FederationFundingInvalidTrancheCount")
        .withArgs(0, 64);
      const many = Array.from({ length: 65 }, () => ({ amount: 1, dueAt: 0 }));
      await expect(fund(many, 65n))
        .to.be.revertedWithCustomError(funding, "FederationFundingInvalidTrancheCount")
        .withArgs(65, 64);
      await expect(
        fund(
          [
            { amount: 1, dueAt: 0 },
            { amount: 0, dueAt: 5 },
          ],
          1n,
        ),
      )
        .to.be.revertedWithCustomError(funding, "FederationFundingZeroTranche")
        .withArgs(1);
      await expect(
        fund(
          [
            { amount: 1, dueAt: 10 },
            { amount: 1, dueAt: 9 },
          ],
          2n,
        ),
      )
        .to.be.revertedWithCustomError(funding, "FederationFundingUnorderedTranches")
        .withArgs(1, 9, 10);
      expect(await funding.grantCount()).to.equal(0);
      expect(await funding.owed(ethers.ZeroAddress)).to.equal(0);
    });

    it("refuses the wrong native value, and native value with an ERC-20 grant", async function () {
      const { funding, token, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
      const tranches = [{ amount: 10, dueAt: 0 }];
      for (const value of [9n, 11n]) {
        await expect(
          funding
            .connect(guild1.gov)
            .fund(bio1.gov.address, ethers.ZeroAddress, ethers.ZeroAddress, tranches, "", { value }),
        )
          .to.be.revertedWithCustomError(funding, "FederationFundingWrongValue")
          .withArgs(value, 10);
      }
      await token.mint(guild1.gov.address, 10);
      await token.connect(guild1.gov).approve(await funding.getAddress(), 10);
      await expect(
        funding
          .connect(guild1.gov)
          .fund(bio1.gov.address, ethers.ZeroAddress, await token.getAddress(), tranches, "", { value: 1 }),
      )
        .to.be.revertedWithCustomError(funding, "FederationFundingWrongValue")
        .withArgs(1, 0);
    });

    it("refuses a fee-on-transfer token", async function () {
      const { funding, feeToken, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
      await feeToken.mint(guild1.gov.address, 1000);
      await feeToken.connect(guild1.gov).approve(await funding.getAddress(), 1000);
      await expect(
        funding
          .connect(guild1.gov)
          .fund(bio1.gov.address, ethers.ZeroAddress, await feeToken.getAddress(), [{ amount: 1000, dueAt: 0 }], ""),
      )
        .to.be.revertedWithCustomError(funding, "FederationFundingTransferShortfall")
        .withArgs(990, 1000);
      expect(await funding.owed(await feeToken.getAddress())).to.equal(0);
    });

    it("refuses a token that delivers more than the tranches add up to", async function () {
      // The escrow takes exactly what it owes, no more (killed mutant: `received != total` -> `<`):
      // the hooked token mints one extra unit to the escrow during the transfer.
      const { funding, token, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
      const escrow = await funding.getAddress();
      const t = await token.getAddress();
      await token.mint(guild1.gov.address, 1000);
      await token.connect(guild1.gov).approve(escrow, 1000);
      await token.setHook(t, token.interface.encodeFunctionData("mint", [escrow, 1]));
      await expect(
        funding.connect(guild1.gov).fund(bio1.gov.address, ethers.ZeroAddress, t, [{ amount: 1000, dueAt: 0 }], ""),
      )
        .to.be.revertedWithCustomError(funding, "FederationFundingTransferShortfall")
        .withArgs(1001, 1000);
      expect(await funding.owed(t)).to.equal(0);
      expect(await token.balanceOf(guild1.gov.address)).to.equal(1000);
    });
  });

  describe("claim", function () {
    async function fundedScheduleFixture() {
      const f = await deployAffiliatedFixture();
      const tranches = await schedule();
      await f.funding
        .connect(f.guild1.gov)
        .fund(f.bio1.gov.address, ethers.ZeroAddress, ethers.ZeroAddress, tranches, "ipfs://plan", { value: E("6") });
      return { ...f, tranches };
    }

    it("refuses before the first tranche is due, then pays each tranche as it falls due", async function () {
      const { funding, bio1, tranches } = await loadFixture(fundedScheduleFixture);
      await expect(funding.claim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingNothingDue")
        .withArgs(1, tranches[0].dueAt);
      expect(await funding.claimable(1)).to.deep.equal([0n, 0n]);

      await time.increaseTo(tranches[1].dueAt);
      expect(await funding.claimable(1)).to.deep.equal([E("3"), 2n]);
      const tx = funding.claim(1);
      await expect(tx).to.emit(funding, "TranchesClaimed").withArgs(1, bio1.gov.address, 0, 2, E("3"));
      await expect(tx).to.changeEtherBalance(bio1.gov, E("3"));
      await expect(funding.claim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingNothingDue")
        .withArgs(1, tranches[2].dueAt);

      await time.increaseTo(tranches[2].dueAt);
      await expect(funding.claim(1)).to.changeEtherBalance(bio1.gov, E("3"));
      await expect(funding.claim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingNothingDue")
        .withArgs(1, 0);
      expect(await funding.owed(ethers.ZeroAddress)).to.equal(0);
    });

    it("refuses an unknown grant", async function () {
      const { funding } = await loadFixture(fundedScheduleFixture);
      const calls = [
        () => funding.claim(2),
        () => funding.reclaim(0),
        () => funding.getGrant(2),
        () => funding.getTranches(9),
        () => funding.claimable(5),
        () => funding.reclaimable(5),
      ];
      for (const call of calls) {
        await expect(call()).to.be.revertedWithCustomError(funding, "FederationFundingUnknownGrant");
      }
    });

    it("reverts and keeps the tranche when the recipient refuses the payment", async function () {
      const { funding, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
      const rejecter = await ethers.deployContract("MockRefusingRecipient");
      await funding
        .connect(guild1.gov)
        .fund(bio1.gov.address, await rejecter.getAddress(), ethers.ZeroAddress, [{ amount: 3, dueAt: 0 }], "", {
          value: 3,
        });
      await expect(funding.claim(1)).to.be.revertedWithCustomError(rejecter, "MockRefused");
      expect((await funding.getGrant(1)).nextTranche).to.equal(0);
      expect(await funding.owed(ethers.ZeroAddress)).to.equal(3);
    });
  });

  describe("when the affiliation ends", function () {
    async function endedFixture() {
      const f = await deployAffiliatedFixture();
      const tranches = await schedule();
      await f.token.mint(f.guild1.gov.address, E("6"));
      await f.token.connect(f.guild1.gov).approve(await f.funding.getAddress(), E("6"));
      await f.funding
        .connect(f.guild1.gov)
        .fund(f.bio1.gov.address, ethers.ZeroAddress, await f.token.getAddress(), tranches, "ipfs://plan");
      await time.increaseTo(tranches[1].dueAt + 10);
      await f.registry.connect(f.bio1.gov).leave(f.guild1.gov.address);
      const end = BigInt(await time.latest());
      return { ...f, tranches, end };
    }

    it("keeps what fell due before the end claimable and refuses the next tranche", async function () {
      const { funding, token, bio1, tranches, end } = await loadFixture(endedFixture);
      await time.increaseTo(tranches[2].dueAt + 1);
      await expect(funding.claim(1)).to.changeTokenBalance(token, bio1.gov, E("3"));
      await expect(funding.claim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingAffiliationEnded")
        .withArgs(1, 2, tranches[2].dueAt, end);
    });

    it("refuses the cut-off tranche even before its due time", async function () {
      const { funding, tranches, end } = await loadFixture(endedFixture);
      await funding.claim(1);
      await expect(funding.claim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingAffiliationEnded")
        .withArgs(1, 2, tranches[2].dueAt, end);
    });

    it("returns what falls due after the end to the funder, once, by anyone's call", async function () {
      const { funding, token, guild1, bio1, outsider, end } = await loadFixture(endedFixture);
      expect(await funding.reclaimable(1)).to.deep.equal([E("3"), 2n]);
      const tx = funding.connect(outsider).reclaim(1);
      await expect(tx).to.emit(funding, "TranchesReclaimed").withArgs(1, guild1.gov.address, 2, 3, E("3"), end);
      await expect(tx).to.changeTokenBalances(token, [guild1.gov, funding], [E("3"), -E("3")]);
      await expect(funding.reclaim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingNothingToReclaim")
        .withArgs(1, end);
      // What was due before the end is still the bioregion's.
      expect(await funding.owed(await token.getAddress())).to.equal(E("3"));
      await expect(funding.claim(1)).to.changeTokenBalance(token, bio1.gov, E("3"));
      expect(await funding.owed(await token.getAddress())).to.equal(0);
      expect(await token.balanceOf(await funding.getAddress())).to.equal(0);
      await expect(funding.claim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingNothingDue")
        .withArgs(1, 0);
    });

    it("does not revive a grant when the two affiliate again", async function () {
      const { funding, registry, guild1, bio1, tranches, end } = await loadFixture(endedFixture);
      await registry.connect(guild1.gov).affiliate(bio1.gov.address);
      await registry.connect(bio1.gov).affiliate(guild1.gov.address);
      await time.increaseTo(tranches[2].dueAt + 1);
      await funding.claim(1);
      await expect(funding.claim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingAffiliationEnded")
        .withArgs(1, 2, tranches[2].dueAt, end);
      expect(await funding.reclaimable(1)).to.deep.equal([E("3"), 2n]);
    });

    it("refuses to reclaim while the affiliation holds, or when every tranche fell due before the end", async function () {
      const { funding, registry, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
      await funding
        .connect(guild1.gov)
        .fund(bio1.gov.address, ethers.ZeroAddress, ethers.ZeroAddress, [{ amount: 4, dueAt: 0 }], "", { value: 4 });
      await expect(funding.reclaim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingNothingToReclaim")
        .withArgs(1, MAX_UINT64);
      expect(await funding.reclaimable(1)).to.deep.equal([0n, 1n]);
      await registry.connect(guild1.gov).leave(bio1.gov.address);
      // Read before the call: a reverted transaction is mined too, so `time.latest()` read after it races that block.
      const end = await time.latest();
      await expect(funding.reclaim(1))
        .to.be.revertedWithCustomError(funding, "FederationFundingNothingToReclaim")
        .withArgs(1, end);
      await expect(funding.claim(1)).to.changeEtherBalance(bio1.gov, 4);
    });
  });
});

describe("FederationFunding re-entrancy", function () {
  it("refuses a token that calls back into fund, claim or reclaim while they pay", async function () {
    const { funding, registry, token, guild1, bio1 } = await loadFixture(deployAffiliatedFixture);
    const escrow = await funding.getAddress();
    await token.mint(guild1.gov.address, 100);
    await token.connect(guild1.gov).approve(escrow, 100);
    const tranches = [{ amount: 10, dueAt: 0 }];
    const fundArgs = [bio1.gov.address, ethers.ZeroAddress, await token.getAddress(), tranches, ""] as const;
    await funding.connect(guild1.gov).fund(...fundArgs);
    await funding
      .connect(guild1.gov)
      .fund(bio1.gov.address, ethers.ZeroAddress, await token.getAddress(), [{ amount: 10, dueAt: 2n ** 40n }], "");

    await token.setHook(escrow, funding.interface.encodeFunctionData("fund", [...fundArgs]));
    await expect(funding.connect(guild1.gov).fund(...fundArgs)).to.be.revertedWithCustomError(
      funding,
      "ReentrancyGuardReentrantCall",
    );
    await token.setHook(escrow, funding.interface.encodeFunctionData("claim", [1]));
    await expect(funding.claim(1)).to.be.revertedWithCustomError(funding, "ReentrancyGuardReentrantCall");
    await registry.connect(bio1.gov).leave(guild1.gov.address);
    await token.setHook(escrow, funding.interface.encodeFunctionData("reclaim", [2]));
    await expect(funding.reclaim(2)).to.be.revertedWithCustomError(funding, "ReentrancyGuardReentrantCall");

    await token.setHook(ethers.ZeroAddress, "0x");
    expect(await funding.owed(await token.getAddress())).to.equal(20);
    await funding.claim(1);
    await funding.reclaim(2);
    expect(await token.balanceOf(escrow)).to.equal(0);
  });
});
