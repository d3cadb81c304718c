/**
 * A small community for trying the licensing and membrane tasks before the DAO factory exists:
 *   npx hardhat run --network localhost scripts/examples/licensing-community.ts
 * It clones the suite's ContributionToken and Membrane implementations (from `suite:deploy`),
 * with account #1 as governance (standing in for a timelock: it is an EOA here) and treasury,
 * account #2 as minter, credits accounts #4 and #5 with 3 and 1 contribution tokens, and records
 * the community as "example" (override with COMMUNITY_NAME) with its token, membrane and timelock.
 */
import hre from "hardhat";
import { parseEther } from "ethers";

import { createMiniCommunity } from "../lib/community";
import { recordNamed, requireContract } from "../lib/record";

async function main(): Promise<void> {
  const name = process.env.COMMUNITY_NAME ?? "example";
  const [, governance, minter, , alice, bob] = await hre.ethers.getSigners();
  const { token, membrane } = await createMiniCommunity(hre, {
    tokenImpl: await requireContract(hre, "contributionTokenImpl"),
    membraneImpl: await requireContract(hre, "membraneImpl"),
    governance,
    minter,
    treasuryShareBps: 2_000,
    name: "Example Contribution",
    symbol: "cEX",
  });
  await (await token.connect(minter).mint(alice.address, parseEther("3"))).wait();
  await (await token.connect(minter).mint(bob.address, parseEther("1"))).wait();
  const entry = {
    token: await token.getAddress(),
    membrane: await membrane.getAddress(),
    timelock: governance.address,
  };
  await recordNamed(hre, "community", name, entry);
  console.log(JSON.stringify({ community: name, ...entry }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
