import { expect } from "chai";
import hre from "hardhat";

import { decodeCustomError, formatTable } from "../../scripts/lib/task";

describe("scripts/lib/task", function () {
  it("decodes a custom error from revert data using the suite's ABIs", async function () {
    const iface = (await hre.ethers.getContractFactory("ContributionToken")).interface;
    const data = iface.encodeErrorResult("ContributionTokenBurnExceedsBalance", [hre.ethers.ZeroAddress, 1n, 2n]);
    expect(await decodeCustomError(data, hre)).to.equal(
      `ContributionTokenBurnExceedsBalance(${hre.ethers.ZeroAddress}, 1, 2)`,
    );
    expect(await decodeCustomError("0xdeadbeef", hre)).to.equal(undefined);
  });

  it("formats aligned tables", function () {
    expect(
      formatTable([
        { a: "x", bb: 1 },
        { a: "long", bb: 22 },
      ]),
    ).to.deep.equal(["  a     bb", "  ----  --", "  x     1", "  long  22"]);
  });

  it("runs a task in-process and returns its result; an unknown record entry is a one-line error", async function () {
    const r = (await hre.run("suite:deploy", { json: true })) as { contracts: Record<string, { address: string }> };
    expect(r.contracts.contributionTokenImpl.address).to.match(/^0x/);
    const { requireNamed } = await import("../../scripts/lib/record");
    await expect(requireNamed(hre, "community", "nowhere")).to.be.rejectedWith('unknown community "nowhere"');
  });
});
