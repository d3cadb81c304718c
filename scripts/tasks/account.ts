/**
 * Accounts a person controls: encrypted JSON keystores (the standard format ethers, geth and most
 * wallets read and write), named, kept in ~/.cosmolocal/keystores (or COSMOLOCAL_KEYSTORE_DIR).
 * Every task's `--from` takes such a name. Private keys are never printed; passwords come from a
 * hidden prompt, or from COSMOLOCAL_KEYSTORE_PASSWORD in scripts.
 */
import { Wallet } from "ethers";

import {
  IMPORT_KEY_VAR,
  importKeystoreFile,
  keystoreDir,
  listKeystores,
  parseAccountName,
  promptHidden,
  readPassword,
  writeKeystore,
} from "../lib/accounts";
import { TaskInputError } from "../lib/errors";
import { cosmoTask, type TaskArgs } from "../lib/task";

interface AccountArgs extends TaskArgs {
  name?: string;
  keystore?: string;
  light: boolean;
}

const LIGHT =
  "Cheaper encryption (scrypt N=2^12) that unlocks in milliseconds: for throwaway test accounts only, never for real funds";

cosmoTask<AccountArgs>(
  "account:new",
  "Create a new account in an encrypted keystore under a name (the private key is never shown)",
  (t) => t.addParam("name", "A name for the account, e.g. alice").addFlag("light", LIGHT),
  async (args, _hre, out) => {
    const name = parseAccountName(args.name);
    const password = await readPassword(`Password for the new account "${name}": `, true);
    const entry = await writeKeystore(name, Wallet.createRandom() as unknown as Wallet, password, args.light);
    out.say(`  account "${name}": ${entry.address}`);
    out.say(`  keystore ${entry.file} (keep a copy and the password: nobody can recover them)`);
    out.say(`  act as it with --from ${name}`);
    out.set("name", name);
    out.set("address", entry.address);
    out.set("file", entry.file);
  },
);

cosmoTask<AccountArgs>(
  "account:import",
  `Import an account under a name: an existing JSON keystore (--keystore), or a private key typed at a hidden prompt (or in ${IMPORT_KEY_VAR} for scripts)`,
  (t) =>
    t
      .addParam("name", "A name for the account")
      .addOptionalParam("keystore", "An existing JSON keystore file (geth, MetaMask export, ethers ...)")
      .addFlag("light", LIGHT),
  async (args, _hre, out) => {
    const name = parseAccountName(args.name);
    if (listKeystores().some((k) => k.name === name)) {
      throw new TaskInputError(`an account called "${name}" already exists in ${keystoreDir()}`);
    }
    let entry;
    if (args.keystore) {
      entry = await importKeystoreFile(name, args.keystore, await readPassword(`Password of ${args.keystore}: `));
    } else {
      let key = process.env[IMPORT_KEY_VAR];
      if (!key) {
        if (!process.stdin.isTTY) {
          throw new TaskInputError(`no terminal to type the private key in: set ${IMPORT_KEY_VAR} for scripts`);
        }
        key = await promptHidden("Private key (hidden): ");
      }
      key = key.trim();
      if (!/^(0x)?[0-9a-fA-F]{64}$/.test(key)) throw new TaskInputError("that is not a private key (64 hex digits)");
      const wallet = new Wallet(key.startsWith("0x") ? key : `0x${key}`);
      const password = await readPassword(`Password to protect "${name}": `, true);
      entry = await writeKeystore(name, wallet, password, args.light);
    }
    out.say(`  account "${name}": ${entry.address}`);
    out.say(`  keystore ${entry.file}; act as it with --from ${name}`);
    out.set("name", name);
    out.set("address", entry.address);
    out.set("file", entry.file);
  },
);

cosmoTask<AccountArgs>(
  "account:list",
  "List the named accounts (keystores) and their addresses; with --network, their balances too",
  (t) => t,
  async (_args, hre, out) => {
    const accounts = listKeystores();
    const rows = [];
    for (const a of accounts) {
      let balance = "";
      if (hre.network.name !== "hardhat" && a.address) {
        balance = hre.ethers.formatEther(await hre.ethers.provider.getBalance(a.address));
      }
      rows.push({ name: a.name, address: a.address, ...(balance ? { balance } : {}) });
    }
    if (rows.length === 0) out.say(`  no accounts in ${keystoreDir()}; create one with account:new --name <name>`);
    out.table(rows);
    out.set("directory", keystoreDir());
    out.set("accounts", accounts);
  },
);
