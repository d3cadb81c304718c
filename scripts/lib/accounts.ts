/**
 * Who acts: the accounts a person controls, and the one `--from` option every task takes.
 *
 * `--from` accepts, in this order:
 *   - the name of an encrypted keystore (the standard JSON keystore ethers, geth and most wallets
 *     read and write), created with `account:new` or `account:import`, kept in
 *     `~/.cosmolocal/keystores/<name>.json` (or under `COSMOLOCAL_KEYSTORE_DIR`); its password comes
 *     from a prompt, or from `COSMOLOCAL_KEYSTORE_PASSWORD` for scripts;
 *   - the address of a keystore, or of an account the node unlocks (a local node's test accounts);
 *   - on a local chain only, an index into the node's unlocked accounts ("0", "3" ...).
 * Without `--from`, `COSMOLOCAL_FROM` is used; without either, the first unlocked account on a local
 * chain, and on a public network nobody: the task says to name an account. `DEPLOYER_PRIVATE_KEY`
 * signs deployments (`suite:deploy`) only. Private keys and passwords are never printed, logged or
 * recorded; an unlocked keystore lives in this process's memory only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import {
  AbstractSigner,
  Wallet,
  ZeroAddress,
  encryptKeystoreJson,
  getAddress,
  isAddress,
  type Provider,
  type Signer,
} from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { TaskInputError } from "./errors";

export const KEYSTORE_DIR_VAR = "COSMOLOCAL_KEYSTORE_DIR";
export const PASSWORD_VAR = "COSMOLOCAL_KEYSTORE_PASSWORD";
export const FROM_VAR = "COSMOLOCAL_FROM";
/** `account:import` reads the key from here when set (scripts), else from a hidden prompt. */
export const IMPORT_KEY_VAR = "COSMOLOCAL_IMPORT_PRIVATE_KEY";

/** Chain ids of local development chains (Hardhat, Anvil/Ganache). */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];

const NAME_RE = /^[A-Za-z][\w.-]{0,63}$/;

/** Where keystores live. */
export function keystoreDir(): string {
  return process.env[KEYSTORE_DIR_VAR] || path.join(os.homedir(), ".cosmolocal", "keystores");
}

/** A keystore's name, checked (a word: it becomes a file name). */
export function parseAccountName(value: string | undefined, label = "name"): string {
  if (!value || !NAME_RE.test(value)) {
    throw new TaskInputError(
      `--${label} "${value ?? ""}" must be a word starting with a letter (letters, digits, - . _; at most 64)`,
    );
  }
  return value;
}

export function keystorePath(name: string): string {
  return path.join(keystoreDir(), `${name}.json`);
}

export interface KeystoreEntry {
  name: string;
  address: string;
  file: string;
}

/** The keystores in the keystore folder, by name, with the address each file declares. */
export function listKeystores(): KeystoreEntry[] {
  const dir = keystoreDir();
  if (!fs.existsSync(dir)) return [];
  const entries: KeystoreEntry[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith(".json")) continue;
    const file = path.join(dir, f);
    try {
      const json = JSON.parse(fs.readFileSync(file, "utf8")) as { address?: string };
      const raw = json.address ?? "";
      const address = isAddress(raw.startsWith("0x") ? raw : `0x${raw}`)
        ? getAddress(raw.startsWith("0x") ? raw : `0x${raw}`)
        : "";
      entries.push({ name: f.slice(0, -".json".length), address, file });
    } catch {
      // Not a keystore: skipped.
    }
  }
  return entries;
}

/**
 * A password: from `COSMOLOCAL_KEYSTORE_PASSWORD`, else asked on the terminal without echo (twice
 * with `confirm`). Refuses when there is neither (a script without the variable).
 */
export async function readPassword(question: string, confirm = false): Promise<string> {
  const fromEnv = process.env[PASSWORD_VAR];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (!process.stdin.isTTY) {
    throw new TaskInputError(`no terminal to ask for the keystore password: set ${PASSWORD_VAR} for scripts`);
  }
  const first = await promptHidden(question);
  if (confirm && (await promptHidden("Repeat the password: ")) !== first) {
    throw new TaskInputError("the two passwords differ; nothing was written");
  }
  if (first === "") throw new TaskInputError("an empty password protects nothing; nothing was written");
  return first;
}

/** Reads one line from the terminal without echoing it. */
export async function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode?.(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let value = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          done();
          process.stderr.write("\n");
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          done();
          reject(new TaskInputError("cancelled"));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.removeListener("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
    };
    stdin.on("data", onData);
  });
}

/**
 * Scrypt cost of new keystores. The standard (2^17) takes a second or two to unlock; `light`
 * (2^12, for throwaway test accounts only) a few milliseconds.
 */
function scryptN(light: boolean): number {
  return light ? 1 << 12 : 1 << 17;
}

/** Encrypts `wallet` into a new keystore `name`; refuses to replace one. */
export async function writeKeystore(
  name: string,
  wallet: Wallet,
  password: string,
  light = false,
): Promise<KeystoreEntry> {
  const file = keystorePath(name);
  if (fs.existsSync(file)) throw new TaskInputError(`an account called "${name}" already exists (${file})`);
  const json = await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, password, {
    scrypt: { N: scryptN(light) },
  });
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, json, { mode: 0o600, flag: "wx" });
  return { name, address: wallet.address, file };
}

/** Copies an existing JSON keystore (geth, MetaMask export, ethers ...) in under `name`, after unlocking it once. */
export async function importKeystoreFile(name: string, source: string, password: string): Promise<KeystoreEntry> {
  const file = keystorePath(name);
  if (fs.existsSync(file)) throw new TaskInputError(`an account called "${name}" already exists (${file})`);
  if (!fs.existsSync(source)) throw new TaskInputError(`--keystore: no file at ${source}`);
  const json = fs.readFileSync(source, "utf8");
  let wallet: Wallet;
  try {
    wallet = (await Wallet.fromEncryptedJson(json, password)) as Wallet;
  } catch {
    throw new TaskInputError(`cannot unlock ${source}: wrong password, or not a JSON keystore`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, json, { mode: 0o600, flag: "wx" });
  return { name, address: wallet.address, file };
}

/**
 * The actor when nobody was named on a public network: it reads, and refuses to sign with the
 * sentence that says how to name an account.
 */
export class Nobody extends AbstractSigner {
  constructor(
    provider: Provider,
    private readonly why: string,
  ) {
    super(provider);
  }
  async getAddress(): Promise<string> {
    return ZeroAddress;
  }
  connect(provider: Provider): Nobody {
    return new Nobody(provider, this.why);
  }
  async signTransaction(): Promise<string> {
    throw new TaskInputError(this.why);
  }
  async signMessage(): Promise<string> {
    throw new TaskInputError(this.why);
  }
  async signTypedData(): Promise<string> {
    throw new TaskInputError(this.why);
  }
  override async sendTransaction(): Promise<never> {
    throw new TaskInputError(this.why);
  }
}

const unlocked = new Map<string, Wallet>();

/** Forgets the keystores unlocked by this process (tests). */
export function forgetUnlocked(): void {
  unlocked.clear();
}

/** Unlocks keystore `name` (once per process). */
export async function unlockKeystore(name: string): Promise<Wallet> {
  const cached = unlocked.get(name);
  if (cached) return cached;
  const file = keystorePath(name);
  const json = fs.readFileSync(file, "utf8");
  const password = await readPassword(`Password of account "${name}": `);
  let wallet: Wallet;
  try {
    wallet = (await Wallet.fromEncryptedJson(json, password)) as Wallet;
  } catch {
    throw new TaskInputError(`wrong password for account "${name}" (${file})`);
  }
  unlocked.set(name, wallet);
  return wallet;
}

/** The address of DEPLOYER_PRIVATE_KEY, if set (it may act only in deployments on public networks). */
function deployerAddress(): string | undefined {
  const key = process.env.DEPLOYER_PRIVATE_KEY?.trim();
  if (!key || !/^(0x)?[0-9a-fA-F]{64}$/.test(key)) return undefined;
  return new Wallet(key.startsWith("0x") ? key : `0x${key}`).address;
}

/** Whether the task runs against a local development chain (where indexes and `dev:*` work). */
export async function isLocalChain(hre: HardhatRuntimeEnvironment): Promise<boolean> {
  if (hre.network.name === "hardhat") return true;
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  return LOCAL_CHAIN_IDS.includes(chainId);
}

/**
 * What `--from` may be on a public network: never an index, and never empty unless the task
 * deploys (`deployer`: the `DEPLOYER_PRIVATE_KEY` account acts).
 */
export function checkActorOnNetwork(value: string | undefined, deployer: boolean): void {
  if (value !== undefined && /^\d+$/.test(value)) {
    throw new TaskInputError(
      `--from ${value}: account indexes are for local chains only; on a public network give an account name ` +
        `(npx hardhat account:list)`,
    );
  }
  if ((value === undefined || value === "") && !deployer) {
    throw new TaskInputError(
      `say who acts: --from <account name> (create one with npx hardhat account:new --name <name>, or set ${FROM_VAR}); ` +
        `the deployer key signs deployments only`,
    );
  }
}

/**
 * The signer `--from` names (see the module notes). `label` names the option in errors; `deployer`
 * lets the deployment key act when nothing is named (deploy tasks only).
 */
export async function resolveActor(
  hre: HardhatRuntimeEnvironment,
  given: string | undefined,
  label = "from",
  options: { deployer?: boolean } = {},
): Promise<Signer> {
  const value = given === undefined || given === "" ? process.env[FROM_VAR] || undefined : given;
  const local = await isLocalChain(hre);
  if (!local) {
    try {
      checkActorOnNetwork(value, Boolean(options.deployer));
    } catch (e) {
      // Nobody named: reads work, and the first signature or transaction says who must act.
      if (value === undefined) return new Nobody(hre.ethers.provider, (e as Error).message);
      throw e;
    }
  }
  const unlockedSigners = await hre.ethers.getSigners();
  if (value === undefined) {
    if (!unlockedSigners[0]) throw new TaskInputError(`${hre.network.name} has no account to act as; give --${label}`);
    return unlockedSigners[0];
  }
  if (/^\d+$/.test(value)) {
    const s = unlockedSigners[Number(value)];
    if (!s)
      throw new TaskInputError(`--${label} ${value}: ${hre.network.name} has only ${unlockedSigners.length} accounts`);
    return s;
  }
  if (isAddress(value)) {
    const address = getAddress(value);
    const keystore = listKeystores().find((k) => k.address === address);
    if (keystore) return (await unlockKeystore(keystore.name)).connect(hre.ethers.provider);
    // On a public network the configured accounts hold the deployer key (deployments only) and
    // whatever a wallet plugin adds (a Ledger through @nomicfoundation/hardhat-ledger): those may act.
    const s = local || address !== deployerAddress() ? unlockedSigners.find((x) => x.address === address) : undefined;
    if (!s) {
      throw new TaskInputError(
        `--${label} ${value} is not an account you can sign for here: no keystore has that address` +
          (local ? ` and the node does not unlock it` : ` (npx hardhat account:import)`),
      );
    }
    return s;
  }
  const keystores = listKeystores();
  if (!keystores.some((k) => k.name === value)) {
    throw new TaskInputError(
      `--${label}: no account called "${value}" in ${keystoreDir()}; ` +
        (keystores.length ? `accounts: ${keystores.map((k) => k.name).join(", ")}` : `create one with account:new`),
    );
  }
  return (await unlockKeystore(value)).connect(hre.ethers.provider);
}

/**
 * The address an option names, without unlocking anything: an address, a keystore's name, or on a
 * local chain an index into the node's accounts.
 */
export async function resolveAddress(hre: HardhatRuntimeEnvironment, value: string, label: string): Promise<string> {
  if (isAddress(value)) return getAddress(value);
  if (/^\d+$/.test(value)) {
    if (!(await isLocalChain(hre))) {
      throw new TaskInputError(`--${label} ${value}: account indexes are for local chains only`);
    }
    const s = (await hre.ethers.getSigners())[Number(value)];
    if (!s) throw new TaskInputError(`--${label} ${value}: ${hre.network.name} has no account ${value}`);
    return s.address;
  }
  const k = listKeystores().find((x) => x.name === value);
  if (!k?.address) throw new TaskInputError(`--${label} "${value}" is neither an address nor an account name`);
  return k.address;
}
