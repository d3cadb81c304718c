/**
 * Every custom error a task can meet (the errors in the ABIs of the suite's deployable contracts,
 * their own and the OpenZeppelin ones they inherit) renders as a sentence: no selector, no
 * `Name(arg, ...)` form, no enum number, no Unix time; `--json` keeps the raw values.
 */
import { expect } from "chai";
import { AbiCoder, ErrorFragment, Interface, ParamType, id } from "ethers";
import hre from "hardhat";

import { describeRevert } from "../../scripts/lib/task";
import { revertDetails } from "../../scripts/lib/revert";

const TIME = 1796079108n;

/** A sample value for a parameter; times get `TIME`, enums 1. */
function sample(p: ParamType): unknown {
  if (p.baseType === "array") return [];
  if (p.baseType === "tuple") return p.components?.map(sample) ?? [];
  if (p.type === "address") return "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  if (p.type === "bool") return true;
  if (p.type === "string") return "x";
  if (p.type === "bytes32") return `0x${"0".repeat(63)}2`;
  if (p.type.startsWith("bytes")) return "0x12";
  if (/(At|deadline|End|Start|now_|nowTime|timepoint|clock)$/.test(p.name)) return TIME;
  return 1n;
}

interface Reachable {
  contract: string;
  fragment: ErrorFragment;
  /** Solidity types of the inputs ("enum IRound.Phase" ...), which ethers' fragments drop. */
  internalTypes: string[];
}

async function reachableErrors(): Promise<Reachable[]> {
  const seen = new Map<string, Reachable>();
  for (const fqn of await hre.artifacts.getAllFullyQualifiedNames()) {
    if (!fqn.startsWith("contracts/") || /\/(mocks|reference|test)\//.test(fqn)) continue;
    const artifact = await hre.artifacts.readArtifact(fqn);
    for (const item of artifact.abi as { type: string; inputs?: { internalType?: string }[] }[]) {
      if (item.type !== "error") continue;
      const fragment = ErrorFragment.from(item);
      const internalTypes = (item.inputs ?? []).map((i) => i.internalType ?? "");
      seen.set(fragment.selector, { contract: fqn, fragment, internalTypes });
    }
  }
  return [...seen.values()];
}

describe("scripts/lib/revert: custom errors in words", function () {
  it("each custom error reachable from a task renders as a sentence without the raw selector or enum number", async function () {
    this.timeout(120_000);
    const errors = await reachableErrors();
    expect(errors.length).to.be.greaterThan(100);
    const failures: string[] = [];
    let enumErrors = 0;
    for (const { contract, fragment, internalTypes } of errors) {
      const values = fragment.inputs.map(sample);
      const data = fragment.selector + AbiCoder.defaultAbiCoder().encode(fragment.inputs, values).slice(2);
      const text = await describeRevert({ data }, hre);
      const problems: string[] = [];
      if (text.includes(fragment.selector)) problems.push("shows the selector");
      if (text.includes(`${fragment.name}(`)) problems.push("shows the raw error");
      if (text.includes(TIME.toString())) problems.push("shows a Unix time");
      if (!/^([A-Z]|0x[0-9a-fA-F]{40}\b).*[.)]$/s.test(text)) problems.push("is not a sentence");
      fragment.inputs.forEach((p, i) => {
        // The enum's value, 1, must appear by name, not as a number after the enum's own label
        // (other arguments, such as an id, are also sampled as 1).
        const label = p.name.replace(/([A-Z])/g, " $1").toLowerCase();
        if (internalTypes[i].startsWith("enum ") && new RegExp(`\\b${label}:\\s*1\\b|\\b(is|its) 1\\b`).test(text))
          problems.push(`shows enum ${p.name} as 1`);
      });
      if (internalTypes.some((t) => t.startsWith("enum "))) enumErrors++;
      if (problems.length) failures.push(`${fragment.name} (${contract}): ${problems.join(", ")}\n    ${text}`);
    }
    expect(failures, failures.join("\n")).to.deep.equal([]);
    expect(enumErrors, "errors with enum arguments checked").to.be.greaterThan(5);
  });

  it("--json keeps the raw error: name, selector, arguments as decoded", async function () {
    const iface = new Interface(["error RoundWrongPhase(uint8 current, uint8 required)"]);
    const data = iface.encodeErrorResult("RoundWrongPhase", [1, 3]);
    const d = await revertDetails({ data }, hre);
    if (!d) throw new Error("not decoded");
    expect(d).to.deep.include({ error: "RoundWrongPhase", selector: data.slice(0, 10), data });
    expect(d.args).to.deep.equal({ current: "1", required: "3" });
  });

  it("names phases, and says when a phase opens", async function () {
    const iface = new Interface(["error ContributionRegistryNotClaimable(uint256 id, uint256 claimableAt)"]);
    // "in 58 s" is counted from the chain's clock (the latest block), which earlier tests in the same
    // process may have moved past the wall clock.
    const latest = await hre.ethers.provider.getBlock("latest");
    const at = BigInt((latest?.timestamp ?? Math.floor(Date.now() / 1000)) + 58);
    const text = await describeRevert(
      { data: iface.encodeErrorResult("ContributionRegistryNotClaimable", [1n, at]) },
      hre,
    );
    expect(text).to.match(/UTC/);
    expect(text).to.match(/in (5\d|6\d) s/);
    expect(id("x")).to.be.a("string");
  });
});
