import { expect } from "chai";
import { parseEther } from "ethers";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import {
  CARE,
  EVIDENCE_HASH,
  EVIDENCE_URI,
  deployContributionsFixture,
  registryDomain,
  signAttestationOf,
  signVoucher,
} from "../helpers/contributions";

/**
 * Gas of the operations a contributor pays for, each measured for a first-time holder (the
 * costliest case: new balance, vote and balance checkpoints). Printed for the benchmark report;
 * the bounds catch a regression without pinning exact numbers.
 */
describe("contribution accounting gas", function () {
  it("prints the gas of submit, attest, a first attested claim, a Merkle claim and a voucher redemption", async function () {
    const f = await loadFixture(deployContributionsFixture);
    const gas: Record<string, bigint> = {};
    const measure = async (label: string, sent: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) => {
      const receipt = await (await sent).wait();
      gas[label] = receipt!.gasUsed;
    };

    await measure("submit", f.registry.connect(f.bob).submit(CARE, 3n, EVIDENCE_URI, EVIDENCE_HASH));
    await measure("attest (on-chain)", f.registry.connect(f.carol).attest(1n));
    const deadline = BigInt(await time.latest()) + 600n;
    const sig = await signAttestationOf(f.dave, f.registry, 1n, f.dave.address, deadline);
    await measure(
      "attestBySig (reaches threshold)",
      f.registry.connect(f.outsider).attestBySig(1n, f.dave.address, deadline, sig),
    );
    await time.increaseTo((await f.registry.getContribution(1n)).claimableAt);
    await measure("first attested claim", f.registry.connect(f.bob).claim(1n));

    const rows: [bigint, string, bigint][] = Array.from({ length: 64 }, (_, i) => [
      BigInt(i),
      i === 17 ? f.carol.address : `0x${(i + 1).toString(16).padStart(40, "0")}`,
      parseEther(String(i + 1)),
    ]);
    const tree = StandardMerkleTree.of(rows, ["uint256", "address", "uint256"]);
    await f.epochs.connect(f.governance).publishEpoch(tree.root, "ipfs://epoch", 0n);
    await measure("Merkle claim (64 leaves)", f.epochs.claim(0n, 17n, f.carol.address, rows[17][2], tree.getProof(17)));

    await f.registry.connect(f.governance).setStewardBudget(f.steward.address, parseEther("50"));
    const v = {
      contributor: f.dave.address,
      kind: CARE,
      units: 5n,
      id: 1n,
      deadline: BigInt(await time.latest()) + 600n,
    };
    const vsig = await signVoucher(f.steward, await registryDomain(f.registry), v);
    await measure("voucher redemption", f.registry.connect(f.dave).redeemVoucher(v, f.steward.address, vsig));

    // What every path above adds to a plain ERC-20 transfer: a mint with vote and balance checkpoints.
    await f.token.connect(f.governance).grantRole(await f.token.MINTER_ROLE(), f.deployer.address);
    await measure("token mint alone (new holder)", f.token.connect(f.deployer).mint(f.outsider.address, 1n));

    console.log("\n    gas (first-time holder):");
    for (const [label, g] of Object.entries(gas)) console.log(`      ${label.padEnd(34)} ${g.toLocaleString("en-US")}`);

    // Coverage instrumentation inflates gas: the bounds only hold for the real bytecode.
    if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING) return;
    // Regression bounds (a mint to a new holder writes its balance, the supply, one checkpoint of the
    // supply and the total quadratic weight together, and a vote checkpoint, which doubles as its
    // balance checkpoint until it delegates away).
    // The claim reads the contributor's membership (a removed member claims nothing): +3k.
    expect(gas["first attested claim"]).to.be.lessThan(177_000n);
    expect(gas["Merkle claim (64 leaves)"]).to.be.lessThan(200_000n);
    // The voucher reads membership and writes the steward's spending of the period (a fresh slot here): +35k.
    expect(gas["voucher redemption"]).to.be.lessThan(245_000n);
    expect(gas["token mint alone (new holder)"]).to.be.lessThan(150_000n);
    // The evidence hash is stored (attestation signatures bind it): one more fresh slot, +22k.
    expect(gas["submit"]).to.be.lessThan(140_000n);
  });
});
