/**
 * Tokens by what a person types: "native", an ERC-20 address, or the name a token was recorded
 * under (`dev:token` records its test tokens by name), with the decimals and symbol that readable
 * output needs.
 */
import { ZeroAddress, getAddress, isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { IERC20Metadata } from "../../typechain-types";
import { TaskInputError } from "./errors";
import { loadRecord } from "./record";

export interface TokenInfo {
  /** ZeroAddress for the chain's native currency. */
  address: string;
  decimals: number;
  symbol: string;
}

/** The native currency's symbol on the current network. */
export function nativeSymbol(hre: HardhatRuntimeEnvironment): string {
  return hre.network.name === "gnosisChiado" ? "xDAI" : "ETH";
}

/** A token from "native" (or nothing), an address, or a recorded name. */
export async function resolveToken(
  hre: HardhatRuntimeEnvironment,
  value: string | undefined,
  label: string,
): Promise<TokenInfo> {
  if (value === undefined || value === "" || value === "native" || value === ZeroAddress) {
    return { address: ZeroAddress, decimals: 18, symbol: nativeSymbol(hre) };
  }
  let address: string;
  if (isAddress(value)) address = getAddress(value);
  else {
    const rec = await loadRecord(hre);
    const entry = rec.named.token?.[value];
    if (!entry) {
      const known = Object.keys(rec.named.token ?? {});
      throw new TaskInputError(
        `--${label} "${value}" is not "native", an address, or a recorded token` +
          (known.length
            ? ` (recorded: ${known.join(", ")})`
            : ` (none recorded; dev:token makes one on a local chain)`),
      );
    }
    address = String(entry.address);
  }
  const erc20 = (await hre.ethers.getContractAt("IERC20Metadata", address)) as unknown as IERC20Metadata;
  try {
    return { address, decimals: Number(await erc20.decimals()), symbol: await erc20.symbol() };
  } catch {
    throw new TaskInputError(`--${label} ${address} is not an ERC-20 token with decimals and a symbol`);
  }
}
