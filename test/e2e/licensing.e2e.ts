import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { keccak256, parseEther, toUtf8Bytes } from "ethers";

import { E2E_BUDGET_MS, startNode, type RunningNode } from "../helpers/node";

interface Out<T> {
  result: T;
  transactions: { label: string; gasUsed: string }[];
}

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: T }).result;
}

describe("e2e: licences and the membrane on a real node", function () {
  let node: RunningNode;
  let dir: string;

  before(async function () {
    node = await startNode();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-lic-"));
  });

  after(async function () {
    await node?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("registers a work, licenses commercial and free users, handles a breach, and pays contributors", async function () {
    // A dozen task processes of a few seconds each; more on a shared, busy machine.
    this.timeout(E2E_BUDGET_MS);
    const accounts = await rpc<string[]>(node.url, "eth_accounts");
    const [, , , steward, alice, , company] = accounts;
    await node.taskJson(["suite:deploy"]);
    const setup = await node.task(["run", "scripts/examples/licensing-community.ts"], { COMMUNITY_NAME: "watershed" });
    expect(setup.code, setup.stderr).to.equal(0);

    const termsFile = path.join(dir, "terms.json");
    fs.writeFileSync(
      termsFile,
      JSON.stringify({
        uri: "ipfs://peer-production-licence",
        hash: keccak256(toUtf8Bytes("ppl")),
        fee: "1",
        revenueShareBps: 500,
      }),
    );
    const reg = await node.taskJson<Out<{ workId: string; steward: string }>>([
      "lic:register",
      ...["--name", "press", "--title", "Open seed press", "--uri", "ipfs://seed-press"],
      ...[
        "--content-hash",
        keccak256(toUtf8Bytes("seed press")),
        "--terms",
        termsFile,
        "--community",
        "watershed",
        "--from",
        "3",
      ],
    ]);
    expect(reg.result.workId).to.equal("1");
    expect(reg.result.steward.toLowerCase()).to.equal(steward.toLowerCase());
    const terms = await node.taskJson<Out<{ terms: { feeWei: string; revenueShareBps: number } }>>([
      "lic:terms",
      "--work",
      "press",
    ]);
    expect(terms.result.terms.feeWei).to.equal(parseEther("1").toString());

    // A commercial user: licensed with the first fee, renews, reports revenue (5 % of 10).
    // The licensee names the terms version it read with lic:terms; a change since would make the request fail.
    const req = await node.taskJson<
      Out<{ licenceId: string; termsVersion: string; status: string; licensed: boolean }>
    >([
      ...[
        "lic:request",
        "--work",
        "press",
        "--class",
        "commercial",
        "--max-fee",
        "1",
        "--max-share-bps",
        "500",
        "--terms-version",
        "1",
        "--from",
        "6",
      ],
    ]);
    expect(req.result).to.deep.include({ licenceId: "1", termsVersion: "1", status: "active", licensed: true });
    console.log(`      gas: commercial grant via lic:request ${req.transactions[0].gasUsed}`);
    await node.taskJson(["lic:pay", "--licence", "1", "--from", "6"]);
    const rep = await node.taskJson<Out<{ share: string }>>([
      ...["lic:report-revenue", "--licence", "1", "--revenue", "10", "--report-uri", "ipfs://q1", "--from", "6"],
    ]);
    expect(rep.result.share).to.equal(parseEther("0.5").toString());
    const ver = await node.taskJson<Out<{ licensed: boolean }>>([
      "lic:verify",
      "--work",
      "press",
      "--licensee",
      company,
    ]);
    expect(ver.result.licensed).to.equal(true);

    // A free user in breach: suspended, answers, revoked by the steward.
    await node.taskJson(["lic:request", "--work", "press", "--class", "non-commercial", "--from", "7"]);
    await node.taskJson(["lic:suspend", "--licence", "2", "--uri", "ipfs://breach", "--from", "3"]);
    await node.taskJson(["lic:answer", "--licence", "2", "--uri", "ipfs://answer", "--from", "7"]);
    const rev = await node.taskJson<Out<{ licence: { status: string } }>>([
      ...["lic:revoke", "--licence", "2", "--uri", "ipfs://final", "--from", "3"],
    ]);
    expect(rev.result.licence.status).to.equal("revoked");
    // The revocation is remembered: asking again waits for the steward.
    const again = await node.taskJson<Out<{ status: string; licensed: boolean }>>([
      ...["lic:request", "--work", "press", "--class", "non-commercial", "--from", "7"],
    ]);
    expect(again.result).to.deep.include({ status: "requested", licensed: false });
    const bad = await node.task(["lic:request", "--work", "press", "--class", "freeloader", "--from", "7"]);
    expect(bad.code).to.not.equal(0);
    expect(bad.stderr + bad.stdout).to.contain("--class");

    // 2.5 ETH of fees reached the membrane; a day later the epoch closes and contributors claim.
    await rpc(node.url, "evm_increaseTime", [86_400]);
    await rpc(node.url, "evm_mine");
    const closed = await node.taskJson<Out<{ income: string; toTreasury: string }>>([
      ...["membrane:close-epoch", "--community", "watershed"],
    ]);
    expect(closed.result.income).to.equal(parseEther("2.5").toString());
    expect(closed.result.toTreasury).to.equal(parseEther("0.5").toString());
    const claim = await node.taskJson<Out<{ amount: string }>>([
      "membrane:claim",
      "--community",
      "watershed",
      "--from",
      "4",
    ]);
    expect(claim.result.amount).to.equal(parseEther("1.5").toString());
    console.log(`      gas: membrane claim via membrane:claim ${claim.transactions[0].gasUsed}`);
    const status = await node.taskJson<Out<{ claimable: string; treasuryOwed: string; pendingIncome: string }>>([
      ...["membrane:status", "--community", "watershed", "--account", alice],
    ]);
    expect(status.result).to.deep.include({
      claimable: "0",
      treasuryOwed: parseEther("0.5").toString(),
      pendingIncome: "0",
    });
  });
});
