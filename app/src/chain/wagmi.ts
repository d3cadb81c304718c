/**
 * The wallet connection: one chain per deployment record, every EIP-6963 wallet the browser
 * announces plus the generic injected provider, WalletConnect when a project id is configured, and
 * reads over each chain's RPC with JSON-RPC batching (many reads, one request).
 */
import { defineChain, type Chain } from "viem";
import { createConfig, http, injected, type Config } from "wagmi";

import type { ChainDeployment, Deployments } from "./deployments";

export function chainOf(d: ChainDeployment): Chain {
  return defineChain({
    id: d.chainId,
    name: d.name,
    nativeCurrency: { name: d.nativeSymbol, symbol: d.nativeSymbol, decimals: 18 },
    rpcUrls: { default: { http: [d.rpcUrl] } },
    blockExplorers: d.explorer ? { default: { name: "Explorer", url: d.explorer } } : undefined,
    testnet: d.testnet,
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
