/**
 * Local development only (a Hardhat node, chain 31337 or 1337): move time, make test tokens, give
 * accounts test money. Each refuses on any other network.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { DevToken } from "../../typechain-types";
import { isLocalChain, resolveActor, resolveAddress } from "../lib/accounts";
import { parseAmount, parseUint } from "../lib/args";
import { TaskInputError } from "../lib/errors";
import { chainNow, formatAmount, formatDuration, formatTime } from "../lib/format";
import { recordNamed, requireNewName } from "../lib/record";
import { resolveToken } from "../lib/tokens";
import { cosmoTask, type TaskArgs } from "../lib/task";

async function requireLocal(hre: HardhatRuntimeEnvironment, task: string): Promise<void> {
  if (!(await isLocalChain(hre))) {
    throw new TaskInputError(`${task} works on local chains only (hardhat, localhost); ${hre.network.name} is not one`);
  }
}

const UNITS: Record<string, number> = { s: 1, m: 60, min: 60, h: 3600, d: 86400, w: 604800 };

/** "90", "90s", "15m", "2h", "3d", "1w" → seconds. */
export function parseDuration(value: string | undefined, label: string): bigint {
  const m = /^(\d+)\s*(s|m|min|h|d|w)?$/.exec(value ?? "");
  if (!m) throw new TaskInputError(`--${label} "${value ?? ""}" is not a duration (e.g. 90, 15m, 2h, 3d, 1w)`);
  return BigInt(m[1]) * BigInt(UNITS[m[2] ?? "s"]);
}

interface TimeArgs extends TaskArgs {
  by?: string;
  to?: string;
}

cosmoTask<TimeArgs>(
  "dev:time",
  "Move a local chain's clock forward (--by 2h, or --to a Unix time) and mine a block",
  (t) =>
    t
      .addOptionalParam("by", "How long: 90 (seconds), 15m, 2h, 3d, 1w")
      .addOptionalParam("to", "Or: the Unix time to move to"),
  async (args, hre, out) => {
    await requireLocal(hre, "dev:time");
    if (Boolean(args.by) === Boolean(args.to)) throw new TaskInputError("give either --by or --to");
    const before = await chainNow(hre);
    if (args.to) {
      const to = parseUint(args.to, "to");
      if (to <= before) throw new TaskInputError(`--to ${to} is not after the chain's time (${before})`);
      await hre.network.provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(to)] });
    } else {
      await hre.network.provider.request({
        method: "evm_increaseTime",
        params: [Number(parseDuration(args.by, "by"))],
      });
    }
    await hre.network.provider.request({ method: "evm_mine", params: [] });
    const after = await chainNow(hre);
    out.say(`  moved ${formatDuration(after - before)}: the chain's time is now ${formatTime(after, after)}`);
    out.set("before", before);
    out.set("now", after);
  },
);

interface TokenArgs extends TaskArgs {
  name?: string;
  symbol?: string;
  decimals?: string;
  mint?: string;
  to?: string;
}

cosmoTask<TokenArgs>(
  "dev:token",
  "Deploy a test ERC-20 (with EIP-2612 permit, any decimals) on a local chain, mint it to accounts, record it by name",
  (t) =>
    t
      .addParam("name", 'Name to record it under and its ERC-20 name, e.g. "Test USDC"')
      .addParam("symbol", "Its symbol, e.g. tUSDC")
      .addOptionalParam("decimals", "Its decimals (6 like USDC, 18 like DAI)", "18")
      .addOptionalParam("mint", "Amount to mint to each of --to, in tokens", "1000")
      .addOptionalParam("to", "Comma-separated accounts to mint to (names, addresses or local indexes)", "0"),
  async (args, hre, out) => {
    await requireLocal(hre, "dev:token");
    if (!args.name || !/^[\w. -]{1,64}$/.test(args.name)) throw new TaskInputError(`--name must be a short name`);
    if (!args.symbol || !/^\w{1,11}$/.test(args.symbol)) throw new TaskInputError(`--symbol must be a short word`);
    await requireNewName(hre, "token", args.name);
    const decimals = Number(parseUint(args.decimals, "decimals"));
    if (decimals > 36) throw new TaskInputError(`--decimals ${decimals}: at most 36`);
    const amount = parseAmount(args.mint, decimals, "mint");
    const recipients: string[] = [];
    for (const who of (args.to ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      recipients.push(await resolveAddress(hre, who, "to"));
    }
    const signer = await resolveActor(hre, args.from);
    const factory = await hre.ethers.getContractFactory("DevToken", signer);
    const token = (await factory.deploy(args.name, args.symbol, decimals)) as unknown as DevToken;
    const deployment = token.deploymentTransaction();
    if (!deployment) throw new TaskInputError("the token's deployment transaction is missing");
    const receipt = await out.tx(`deploy ${args.symbol}`, Promise.resolve(deployment));
    const address = await token.getAddress();
    for (const r of recipients) await out.tx(`mint to ${r}`, token.mint(r, amount));
    await recordNamed(hre, "token", args.name, { address, symbol: args.symbol, decimals, block: receipt.blockNumber });
    out.say(`  ${args.name} (${args.symbol}, ${decimals} decimals) at ${address}; use it by name: "${args.name}"`);
    if (recipients.length)
      out.say(`  minted ${formatAmount(amount, decimals, args.symbol)} to each of ${recipients.join(", ")}`);
    out.set("name", args.name);
    out.set("address", address);
    out.set("decimals", decimals);
    out.set("minted", recipients);
  },
);

interface FundArgs extends TaskArgs {
  to?: string;
  amount?: string;
  token?: string;
}

cosmoTask<FundArgs>(
  "dev:fund",
  "Give an account test money on a local chain: native currency from a local account, or a dev:token minted",
  (t) =>
    t
      .addParam("to", "Who receives: an account name, an address or a local index")
      .addOptionalParam("amount", "How much, in tokens", "10")
      .addOptionalParam("token", 'What: "native" or a token recorded by dev:token', "native"),
  async (args, hre, out) => {
    await requireLocal(hre, "dev:fund");
    const to = await resolveAddress(hre, args.to ?? "", "to");
    const token = await resolveToken(hre, args.token, "token");
    const amount = parseAmount(args.amount, token.decimals, "amount");
    const signer = await resolveActor(hre, args.from);
    if (token.address === hre.ethers.ZeroAddress) {
      await out.tx(`send ${args.amount} ${token.symbol}`, signer.sendTransaction({ to, value: amount }));
      out.say(`  ${to} now has ${formatAmount(await hre.ethers.provider.getBalance(to), 18, token.symbol)}`);
    } else {
      const erc20 = (await hre.ethers.getContractAt("DevToken", token.address, signer)) as unknown as DevToken;
      await out.tx(`mint ${args.amount} ${token.symbol}`, erc20.mint(to, amount));
      out.say(`  ${to} now has ${formatAmount(await erc20.balanceOf(to), token.decimals, token.symbol)}`);
    }
    out.set("to", to);
    out.set("amount", amount);
    out.set("token", token.address);
  },
);
