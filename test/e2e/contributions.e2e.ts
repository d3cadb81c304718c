import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { JsonRpcProvider, formatUnits, getAddress, keccak256, parseEther, toUtf8Bytes } from "ethers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import {
  ATTESTATION_TYPES,
  VOUCHER_TYPES,
  type AttestationFile,
  type VoucherFile,
} from "../../scripts/lib/contributions";
import { E2E_BUDGET_MS, startNode, type RunningNode } from "../helpers/node";

interface Out<T> {
  result: T;
  transactions: { label: string; hash: string; gasUsed: string }[];
}

const EIP712_DOMAIN = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
];

/** Signs typed data the way a browser wallet does: eth_signTypedData_v4 over JSON-RPC, with the node's unlocked account. */
async function signV4(
  provider: JsonRpcProvider,
  signer: string,
  registry: string,
  primaryType: "Attestation" | "Voucher",
  message: Record<string, string>,
): Promise<string> {
  const types = primaryType === "Attestation" ? ATTESTATION_TYPES : VOUCHER_TYPES;
  const data = {
    types: { EIP712Domain: EIP712_DOMAIN, ...types },
    primaryType,
    domain: { name: "Cosmolocal ContributionRegistry", version: "1", chainId: 31337, verifyingContract: registry },
    message,
  };
  return (await provider.send("eth_signTypedData_v4", [signer, JSON.stringify(data)])) as string;
}

describe("e2e: contribution accounting tasks on a real node", function () {
  // About 17 task runs, each a child process that loads Hardhat (3 s on an idle machine, much more when busy).
  this.timeout(E2E_BUDGET_MS);
  let node: RunningNode;
  let provider: JsonRpcProvider;
  let dir: string;
  let accounts: string[];

  before(async function () {
    node = await startNode();
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    accounts = ((await provider.send("eth_accounts", [])) as string[]).map((a) => getAddress(a));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-contrib-"));
  });

  after(async function () {
    provider?.destroy();
    await node?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs every contrib task: submit, attest (3 ways), challenge, resolve, claim, epochs, vouchers, status", async function () {
    const [, governance, alice, bob, carol, dave, steward] = accounts;
    const C = ["--community", "watershed"];
    await node.taskJson(["suite:deploy"]);
    const created = await node.taskJson<Out<{ registry: string; epochs: string; token: string }>>([
      "contrib:dev-community",
      "--name",
      "watershed",
      "--window",
      "60",
      "--stewards",
      steward,
    ]);
    const registry = created.result.registry;

    // A member submits; one peer attests on-chain, another signs with eth_signTypedData_v4 and anyone relays it.
    const evidence = path.join(dir, "evidence.txt");
    fs.writeFileSync(evidence, "three hours of code review");
    const submitted = await node.taskJson<Out<{ id: string; evidenceHash: string }>>([
      "contrib:submit",
      ...C,
      "--from",
      alice,
      "--kind",
      "code",
      "--units",
      "3",
      "--evidence",
      "ipfs://review",
      "--evidence-file",
      evidence,
    ]);
    expect(submitted.result.id).to.equal("1");
    expect(submitted.result.evidenceHash).to.equal(keccak256(toUtf8Bytes("three hours of code review")));
    const onchain = await node.taskJson<Out<{ attestations: string }>>([
      "contrib:attest",
      ...C,
      "--from",
      bob,
      "--id",
      "1",
    ]);
    expect(onchain.result.attestations).to.equal("1");

    const deadline = String((await provider.getBlock("latest"))!.timestamp + 3600);
    // What carol attests: the contribution's contributor, kind, amount and evidence hash, as she saw them.
    const attested = {
      contributionId: "1",
      contributor: alice,
      kind: "1",
      amount: parseEther("75").toString(),
      evidenceHash: submitted.result.evidenceHash,
      attestor: carol,
      deadline,
    };
    const attestation: AttestationFile = {
      registry,
      chainId: "31337",
      ...attested,
      signature: await signV4(provider, carol, registry, "Attestation", attested),
    };
    const attFile = path.join(dir, "attestation.json");
    fs.writeFileSync(attFile, JSON.stringify(attestation));
    const relayed = await node.taskJson<Out<{ attestations: string; claimableAt: string }>>([
      "contrib:attest",
      ...C,
      "--from",
      accounts[9],
      "--signature-file",
      attFile,
    ]);
    expect(relayed.result.attestations).to.equal("2");
    expect(Number(relayed.result.claimableAt)).to.be.greaterThan(0);

    // A second contribution: a signature-only attestation, a challenge, upheld by the steward, so no claim.
    await node.taskJson([
      "contrib:submit",
      ...C,
      "--from",
      alice,
      "--kind",
      "0",
      "--units",
      "1",
      "--evidence",
      "ipfs://care",
      "--evidence-hash",
      "0x" + "11".repeat(32),
    ]);
    const signOnlyFile = path.join(dir, "signed.json");
    const signed = await node.taskJson<Out<AttestationFile>>([
      "contrib:attest",
      ...C,
      "--from",
      bob,
      "--id",
      "2",
      "--sign-only",
      "--out",
      signOnlyFile,
    ]);
    expect(signed.transactions).to.have.length(0);
    expect(JSON.parse(fs.readFileSync(signOnlyFile, "utf8")).signature).to.equal(signed.result.signature);
    const challenged = await node.taskJson<Out<{ status: string }>>([
      "contrib:challenge",
      ...C,
      "--from",
      dave,
      "--id",
      "2",
      "--reason",
      "ipfs://no-evidence",
    ]);
    expect(challenged.result.status).to.equal("challenged");
    const resolved = await node.taskJson<Out<{ status: string }>>([
      "contrib:resolve",
      ...C,
      "--from",
      steward,
      "--id",
      "2",
      "--decision",
      "upheld",
      "--reason",
      "ipfs://decision",
    ]);
    expect(resolved.result.status).to.equal("rejected");
    const refused = await node.task(["contrib:claim", ...C, "--from", alice, "--id", "2"]);
    expect(refused.code).to.not.equal(0);
    expect(refused.stderr + refused.stdout).to.contain("Contribution 2 is rejected, which does not allow this");

    // After the challenge window, the contributor claims #1.
    await provider.send("evm_increaseTime", [61]);
    await provider.send("evm_mine", []);
    const claimed = await node.taskJson<Out<{ claimed: string }>>([
      "contrib:claim",
      ...C,
      "--from",
      alice,
      "--id",
      "1",
    ]);
    expect(claimed.result.claimed).to.equal(parseEther("75").toString());

    // An epoch: governance publishes from a CSV; anyone claims bob's line with the written tree.
    const csv = path.join(dir, "epoch.csv");
    fs.writeFileSync(csv, `account,amount\n${bob},12.5\n${dave},4\n${bob},0.5\n`);
    const treeFile = path.join(dir, "tree.json");
    const published = await node.taskJson<Out<{ epoch: string; root: string; accounts: number }>>([
      "contrib:epoch-publish",
      ...C,
      "--from",
      governance,
      "--file",
      csv,
      "--uri",
      "ipfs://epoch-0",
      "--out",
      treeFile,
    ]);
    expect(published.result.epoch).to.equal("0");
    expect(published.result.accounts).to.equal(2);
    const dumped = JSON.parse(fs.readFileSync(treeFile, "utf8")) as { tree: never; root: string };
    expect(StandardMerkleTree.load(dumped.tree).root).to.equal(published.result.root);
    const epochClaim = await node.taskJson<Out<{ claimed: string }>>([
      "contrib:epoch-claim",
      ...C,
      "--from",
      accounts[9],
      "--account",
      bob,
      "--tree",
      treeFile,
    ]);
    expect(epochClaim.result.claimed).to.equal(parseEther("13").toString());

    // Vouchers: governance gives the steward a budget; one voucher signed by the task, one signed with
    // eth_signTypedData_v4; each redeemed by its contributor.
    const budget = await node.taskJson<Out<{ budget: string; spent: string }>>([
      "contrib:steward-budget",
      ...C,
      "--from",
      governance,
      "--steward",
      steward,
      "--budget",
      "50",
    ]);
    expect(budget.result.budget).to.equal(parseEther("50").toString());
    const voucherFile = path.join(dir, "voucher.json");
    await node.taskJson([
      "contrib:voucher-sign",
      ...C,
      "--from",
      steward,
      "--contributor",
      dave,
      "--units",
      "2",
      "--kind",
      "care",
      "--id",
      "1",
      "--out",
      voucherFile,
    ]);
    const redeemed = await node.taskJson<Out<{ amount: string }>>([
      "contrib:voucher-redeem",
      ...C,
      "--from",
      dave,
      "--file",
      voucherFile,
    ]);
    expect(redeemed.result.amount).to.equal(parseEther("20").toString());

    const message = { contributor: carol, kind: "2", units: "1", id: "2", deadline };
    const rawVoucher: VoucherFile = {
      registry,
      chainId: "31337",
      steward,
      voucher: message,
      signature: await signV4(provider, steward, registry, "Voucher", message),
    };
    const rawFile = path.join(dir, "raw-voucher.json");
    fs.writeFileSync(rawFile, JSON.stringify(rawVoucher));
    const rawRedeemed = await node.taskJson<Out<{ balance: string }>>([
      "contrib:voucher-redeem",
      ...C,
      "--from",
      carol,
      "--file",
      rawFile,
    ]);
    expect(rawRedeemed.result.balance).to.equal(parseEther("20").toString());
    const status = await node.taskJson<
      Out<{ claimed: string; rejected: string; balance: string; contributions: { status: string }[] }>
    >(["contrib:status", ...C, "--account", alice]);
    expect(status.result.contributions.map((r) => r.status)).to.deep.equal(["claimed", "rejected"]);
    expect(formatUnits(status.result.claimed, 18)).to.equal("75.0");
    expect(formatUnits(status.result.rejected, 18)).to.equal("10.0");
    expect(status.result.balance).to.equal(parseEther("75").toString());
  });
});
