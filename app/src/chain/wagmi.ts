/**
 * The wallet connection: one chain per deployment record, every EIP-6963 wallet the browser
 * announces plus the generic injected provider, WalletConnect when a project id is configured, and
 * reads over each chain's RPC with JSON-RPC batching (many reads, one request).
 */
import { defineChain, type Address, type Chain } from "viem";
import { mainnet, sepolia } from "viem/chains";
import { createConfig, http, injected, type Config } from "wagmi";

import type { ChainDeployment, Deployments } from "./deployments";

/** Chains whose viem definition names ENS's universal resolver. */
const ENS_CHAINS: Chain[] = [mainnet, sepolia];

/**
 * The universal resolver the app asks for names on `d`'s chain: the app config's, else the record's,
 * else viem's for the chain; undefined where the chain has no ENS (names are then not looked up).
 */
export function ensResolver(d: ChainDeployment): Address | undefined {
  return (
    d.ensUniversalResolver ??
    d.contracts.ensUniversalResolver?.address ??
    ENS_CHAINS.find((c) => c.id === d.chainId)?.contracts?.ensUniversalResolver?.address
  );
}

export function chainOf(d: ChainDeployment): Chain {
  const resolver = ensResolver(d);
  return defineChain({
    id: d.chainId,
    name: d.name,
    nativeCurrency: { name: d.nativeSymbol, symbol: d.nativeSymbol, decimals: 18 },
    rpcUrls: { default: { http: [d.rpcUrl] } },
    blockExplorers: d.explorer ? { default: { name: "Explorer", url: d.explorer } } : undefined,
    testnet: d.testnet,
    contracts: resolver ? { ensUniversalResolver: { address: resolver } } : undefined,
  });
}

export async function makeConfig(deployments: Deployments): Promise<Config> {
  const chains = deployments.chains.map(chainOf);
  if (!chains.length) throw new Error("deployments.json lists no chain: deploy the suite and rebuild the app");
  const connectors = [injected()];
  if (deployments.walletConnectProjectId) {
    // Loaded only when configured, so the first screen does not carry WalletConnect's code.
    try {
      const { walletConnect } = await import("wagmi/connectors");
      connectors.push(walletConnect({ projectId: deployments.walletConnectProjectId }) as never);
    } catch {
      console.warn("WalletConnect is configured but its SDK is not installed");
    }
  }
  return createConfig({
    chains: chains as [Chain, ...Chain[]],
    connectors,
    multiInjectedProviderDiscovery: true,
    transports: Object.fromEntries(
      deployments.chains.map((d) => [d.chainId, http(d.rpcUrl, { batch: { batchSize: 64, wait: 8 } })]),
    ),
    pollingInterval: 1_000,
  });
}
