import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, parseEther } from "ethers";

import { minimalCloneInitCode, minimalCloneRuntimeCode } from "../../scripts/lib/community";
import { allocationTree, claimsOf, readAllocations, type EpochLeaf } from "../../scripts/lib/contributions";

const A = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
const B = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";

describe("scripts/lib/contributions", function () {
  let dir: string;
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-alloc-"));
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads CSV with a header and JSON in both shapes, summing an account listed twice", function () {
    const csv = readAllocations(write("a.csv", `account,amount\n${A},12.5\n\n# note\n${B},4\n${A},0.5\n`));
    expect([...csv.entries()]).to.deep.equal([
      [getAddress(A), parseEther("13")],
      [getAddress(B), parseEther("4")],
    ]);
    const arr = readAllocations(
      write(
        "b.json",
        JSON.stringify([
          { account: A, amount: "1" },
          { address: B, amount: "2.25" },
        ]),
      ),
    );
    expect(arr.get(getAddress(B))).to.equal(parseEther("2.25"));
    const obj = readAllocations(write("c.json", JSON.stringify({ [A]: "3" })));
    expect(obj.get(getAddress(A))).to.equal(parseEther("3"));
  });

  it("refuses a missing file, bad JSON, a bad address, a bad or zero amount, and an empty list", function () {
    expect(() => readAllocations(path.join(dir, "none.csv"))).to.throw("no file at");
    expect(() => readAllocations(write("bad.json", "[{"))).to.throw("is not valid JSON");
    expect(() => readAllocations(write("addr.csv", `${A},1\n0x1234,2\n`))).to.throw(
      'entry 2: "0x1234" is not an address',
    );
    expect(() => readAllocations(write("amt.csv", `${A},1e3\n`))).to.throw("is not a positive decimal amount");
    expect(() => readAllocations(write("zero.csv", `${A},0\n`))).to.throw("the amount is zero");
    expect(() => readAllocations(write("empty.csv", "account,amount\n"))).to.throw("lists no allocations");
    expect(() => readAllocations(write("num.json", "42"))).to.throw("must hold an array");
  });

  it("builds a StandardMerkleTree of (index, account, amount) whose proofs verify, numbered in list order", function () {
    const tree = allocationTree(readAllocations(write("t.csv", `${A},1\n${B},2\n`)));
    const claims = claimsOf(tree);
    expect(claims[getAddress(B)]).to.have.length(1);
    const { index, amount, proof } = claims[getAddress(B)][0];
    expect(index).to.equal("1");
    const leaf: EpochLeaf = [index, getAddress(B), amount];
    expect(StandardMerkleTree.verify(tree.root, ["uint256", "address", "uint256"], leaf, proof)).to.equal(true);
  });

  it("writes EIP-1167 clone code around the implementation", function () {
    expect(minimalCloneInitCode(A)).to.equal(
      `0x3d602d80600a3d3981f3363d3d373d3d3d363d73${A.slice(2)}5af43d82803e903d91602b57fd5bf3`,
    );
    expect(minimalCloneRuntimeCode(A)).to.equal(`0x363d3d373d3d3d363d73${A.slice(2)}5af43d82803e903d91602b57fd5bf3`);
  });
});
