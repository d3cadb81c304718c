/**
 * Testnet definitions. Each network's RPC URL and deployer key come from the environment (`.env`);
 * a network whose variables are missing is left out of the config, with a reason that
 * `describeDisabledNetworks` (and the `net:check` task) prints, instead of breaking every command.
 */
import type { HttpNetworkUserConfig } from "hardhat/types";

export interface TestnetSpec {
  /** Hardhat network name, used with `--network`. */
  name: string;
  chainId: number;
  /** Environment variable holding the JSON-RPC URL. */
  urlVar: string;
  /** Block explorer used for verification. */
  explorer: string;
}

export const TESTNETS: readonly TestnetSpec[] = [
  { name: "sepolia", chainId: 11155111, urlVar: "SEPOLIA_RPC_URL", explorer: "https://sepolia.etherscan.io" },
  { name: "baseSepolia", chainId: 84532, urlVar: "BASE_SEPOLIA_RPC_URL", explorer: "https://sepolia.basescan.org" },
  {
    name: "optimismSepolia",
    chainId: 11155420,
    urlVar: "OP_SEPOLIA_RPC_URL",
    explorer: "https://sepolia-optimism.etherscan.io",
  },
  { name: "gnosisChiado", chainId: 10200, urlVar: "CHIADO_RPC_URL", explorer: "https://gnosis-chiado.blockscout.com" },
];

/** Environment variable holding the deployer's private key for every testnet. */
export const DEPLOYER_KEY_VAR = "DEPLOYER_PRIVATE_KEY";

export interface ResolvedTestnet {
  name: string;
  spec: TestnetSpec;
  /** The network config, or undefined when disabled. */
  config?: HttpNetworkUserConfig;
  /** Why the network is disabled (names the missing or malformed variable). */
  disabledBecause?: string;
}

const KEY_RE = /^(0x)?[0-9a-fA-F]{64}$/;

/** Builds the testnet configs from an environment; never throws. */
export function testnets(env: NodeJS.ProcessEnv): ResolvedTestnet[] {
  const key = env[DEPLOYER_KEY_VAR]?.trim();
  return TESTNETS.map((spec) => {
    const url = env[spec.urlVar]?.trim();
    if (!url) return { name: spec.name, spec, disabledBecause: `${spec.urlVar} is not set in .env` };
    if (!/^https?:\/\//.test(url)) {
      return { name: spec.name, spec, disabledBecause: `${spec.urlVar} must start with http:// or https://` };
    }
    if (!key) return { name: spec.name, spec, disabledBecause: `${DEPLOYER_KEY_VAR} is not set in .env` };
    if (!KEY_RE.test(key)) {
      return { name: spec.name, spec, disabledBecause: `${DEPLOYER_KEY_VAR} must be 32 bytes of hex` };
    }
    return {
      name: spec.name,
      spec,
      config: { url, chainId: spec.chainId, accounts: [key.startsWith("0x") ? key : `0x${key}`] },
    };
  });
}
