/**
 * The command line's dead ends, closed: a treasury one can fill and see, proposals that cannot
 * promise what the treasury lacks, schedules and short references, local time and test tokens.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";

import { communityFile } from "../helpers/dao";

type Result = Record<string, unknown>;
const run = (task: string, args: Result) => hre.run(task, { json: true, ...args }) as Promise<Result>;

describe("command-line tasks: treasury, schedules, local development", function () {
  let dir: string;
  let community: string;

  before(async function () {
    this.timeout(120_000);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-cli-"));
    await run("suite:deploy", {});
    const [, alice] = await hre.ethers.getSigners();
    community = `Commons${Date.now()}`;
    const file = path.join(dir, "c.json");
    fs.writeFileSync(
      file,
      JSON.stringify(
        communityFile("guild", community, [
          { account: alice.address, amount: "50" },
          { account: (await hre.ethers.getSigners())[0].address, amount: "50" },
        ]),
      ),
    );
    await run("dao:create", { file });
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const payout = (amount: string) => {
    const file = path.join(dir, `pay-${amount}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        description: `Pay ${amount} (${Math.random()})`,
        actions: [{ type: "transfer-native", to: hre.ethers.ZeroAddress.replace(/0$/, "1"), amount }],
      }),
    );
    return file;
  };

  it("a proposal paying more than the treasury holds is refused without --force, and nothing is proposed", async function () {
    await expect(run("dao:propose", { community, file: payout("0.5"), force: false })).to.be.rejectedWith(
      /pays out 0.5 ETH but the treasury holds 0 ETH/,
    );
    const listed = await run("dao:proposals", { community });
    expect(listed.proposals).to.have.length(0);
    const forced = await run("dao:propose", { community, file: payout("0.5"), force: true });
    expect(forced.ref).to.equal(1);
  });

  it("dao:deposit puts native currency and ERC-20 tokens in the treasury, and dao:info shows them", async function () {
    await run("dao:deposit", { community, amount: "1.5", token: "native" });
    await run("dev:token", { name: "Test USDC", symbol: "tUSDC", decimals: "6", mint: "100", to: "0" });
    await run("dao:deposit", { community, amount: "12.25", token: "Test USDC" });
    const info = (await run("dao:info", { community })) as { treasury: { symbol: string; balance: string }[] };
    expect(info.treasury).to.deep.include.members([
      { token: hre.ethers.ZeroAddress, symbol: "ETH", decimals: 18, balance: hre.ethers.parseEther("1.5").toString() },
    ]);
    const usdc = info.treasury.find((t) => t.symbol === "tUSDC");
    expect(usdc?.balance).to.equal("12250000");
    await run("dao:propose", { community, file: payout("1"), force: false });
  });

  it("dev:token makes an ERC-20 with the chosen decimals and EIP-2612 permit, recorded by name", async function () {
    const t = (await run("dev:token", { name: "Test DAI", symbol: "tDAI", decimals: "18", mint: "5", to: "1" })) as {
      address: string;
    };
    const token = await hre.ethers.getContractAt("DevToken", t.address);
    expect(await token.decimals()).to.equal(18n);
    expect(await token.nonces(hre.ethers.ZeroAddress)).to.equal(0n);
    expect((await token.eip712Domain()).name).to.equal("Test DAI");
  });

  it("dao:proposals gives each proposal a short reference that dao:vote accepts, and its schedule", async function () {
    const listed = (await run("dao:proposals", { community })) as {
      proposals: { ref: number; state: string; voteStart: string }[];
    };
    expect(listed.proposals.map((p) => p.ref)).to.deep.equal([1, 2]);
    await expect(run("dao:vote", { community, proposal: "2", support: "for" })).to.be.rejectedWith(
      /voting on proposal \S+ has not started: it opens \d\d:\d\d UTC(, \d+ \w+ \d{4})? \(in \d+ s\)/,
    );
    await run("dev:time", { by: "2m" });
    const voted = await run("dao:vote", { community, proposal: "2", support: "for" });
    expect(voted.proposalId).to.not.equal("2");
    await expect(run("dao:vote", { community, proposal: "7", support: "for" })).to.be.rejectedWith(
      /refer to them as 1 to 2/,
    );
  });

  it("a second community under a name already recorded is refused, and the record still points at the first", async function () {
    const before = (await run("dao:info", { community })) as { addresses: { governor: string } };
    const file = path.join(dir, "c.json");
    await expect(run("dao:create", { file })).to.be.rejectedWith(/already recorded/);
    const after = (await run("dao:info", { community })) as { addresses: { governor: string } };
    expect(after.addresses.governor).to.equal(before.addresses.governor);
  });

  it("dev:time moves the clock by a duration", async function () {
    const r = (await run("dev:time", { by: "3h" })) as { before: bigint; now: bigint };
    expect(r.now - r.before).to.be.greaterThanOrEqual(3n * 3600n);
    await expect(run("dev:time", { by: "soon" })).to.be.rejectedWith(/not a duration/);
  });
});
