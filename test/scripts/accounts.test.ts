import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { Wallet } from "ethers";
import hre from "hardhat";

import * as accounts from "../../scripts/lib/accounts";

describe("scripts/lib/accounts: keystores and the one option for who acts", function () {
  let dir: string;
  const saved = { ...process.env };

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-keys-"));
    process.env.COSMOLOCAL_KEYSTORE_DIR = dir;
    process.env.COSMOLOCAL_KEYSTORE_PASSWORD = "correct horse battery staple";
  });

  after(function () {
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a keystore created by account:new is a standard encrypted JSON keystore that ethers unlocks, and never holds the key in clear", async function () {
    this.timeout(120_000);
    const r = (await hre.run("account:new", { name: "alice", json: true, light: true })) as {
      address: string;
      file: string;
    };
    const text = fs.readFileSync(r.file, "utf8");
    const wallet = await Wallet.fromEncryptedJson(text, "correct horse battery staple");
    expect(wallet.address).to.equal(r.address);
    expect(text.toLowerCase()).to.not.contain(wallet.privateKey.slice(2).toLowerCase());
    const listed = (await hre.run("account:list", { json: true })) as { accounts: { name: string; address: string }[] };
    expect(listed.accounts).to.deep.include({ name: "alice", address: r.address, file: r.file });
  });

  it("account:import takes a key without ever printing it, and refuses a name that exists", async function () {
    this.timeout(120_000);
    const key = Wallet.createRandom().privateKey;
    const logged: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => logged.push(a.join(" "));
    try {
      process.env.COSMOLOCAL_IMPORT_PRIVATE_KEY = key;
      await hre.run("account:import", { name: "bob", json: false, light: true });
    } finally {
      console.log = log;
      delete process.env.COSMOLOCAL_IMPORT_PRIVATE_KEY;
    }
    expect(logged.join("\n")).to.not.contain(key.slice(2));
    expect(logged.join("\n")).to.contain(new Wallet(key).address);
    await expect(hre.run("account:import", { name: "bob", json: true, light: true })).to.be.rejectedWith(
      /already exists/,
    );
  });

  it("the who-acts option takes a keystore name, a local account's address or a local index", async function () {
    this.timeout(120_000);
    const signers = await hre.ethers.getSigners();
    const alice = accounts.listKeystores().find((a) => a.name === "alice");
    expect(await (await accounts.resolveActor(hre, "alice", "from")).getAddress()).to.equal(alice?.address);
    expect(await (await accounts.resolveActor(hre, "2", "from")).getAddress()).to.equal(signers[2].address);
    expect(await (await accounts.resolveActor(hre, signers[3].address, "from")).getAddress()).to.equal(
      signers[3].address,
    );
    await expect(accounts.resolveActor(hre, "nobody", "from")).to.be.rejectedWith(/no account called "nobody"/);
  });

  it("a wrong keystore password is a one-line error that names the account", async function () {
    this.timeout(120_000);
    process.env.COSMOLOCAL_KEYSTORE_PASSWORD = "wrong";
    accounts.forgetUnlocked();
    try {
      await expect(accounts.resolveActor(hre, "alice", "from")).to.be.rejectedWith(
        /wrong password for account "alice"/,
      );
    } finally {
      process.env.COSMOLOCAL_KEYSTORE_PASSWORD = "correct horse battery staple";
    }
  });

  it("on a public network an index is refused and nobody acts by default (the deployer key is for deployment only)", function () {
    expect(() => accounts.checkActorOnNetwork("3", false)).to.throw(/local chains only/);
    expect(() => accounts.checkActorOnNetwork(undefined, false)).to.throw(/--from <account name>/);
    expect(() => accounts.checkActorOnNetwork(undefined, true)).to.not.throw();
  });
});
