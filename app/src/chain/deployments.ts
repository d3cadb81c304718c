/**
 * Where the suite lives: the deployment records (`deploy/records/<network>.json`) of every network,
 * gathered into `deployments.json` beside the app when it is built (scripts/records.mjs) or served
 * locally (scripts/serve.mjs). Read at run time, so a host can point the same build at new records.
 */
import type { Address } from "viem";

export interface RecordedContract {
  address: Address;
  block: number;
}

export interface ChainDeployment {
  chainId: number;
  /** The network's name in hardhat.config.ts ("sepolia", "localhost" ...). */
  network: string;
  /** A human name for the chain ("Sepolia", "Local node"). */
  name: string;
  rpcUrl: string;
  explorer?: string;
  nativeSymbol: string;
  testnet: boolean;
  contracts: Record<string, RecordedContract>;
  /**
   * ENS's universal resolver on this chain, when the app config names one (a local chain with a resolver
   * deployed for testing); a record listing `ensUniversalResolver` among its contracts does the same, and
   * chains whose viem definition has one (mainnet, Sepolia) need neither.
   */
  ensUniversalResolver?: Address;
  named: Record<string, Record<string, Record<string, string | number | boolean>>>;
}

export interface Deployments {
  chains: ChainDeployment[];
  walletConnectProjectId?: string;
}

export async function loadDeployments(): Promise<Deployments> {
  const res = await fetch("./deployments.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`deployments.json could not be loaded (${res.status})`);
  return (await res.json()) as Deployments;
}

/** The earliest block of the suite on a chain: where event history starts. */
export function suiteStartBlock(d: ChainDeployment): bigint {
  const blocks = Object.values(d.contracts).map((c) => c.block);
  return BigInt(blocks.length ? Math.min(...blocks) : 0);
}

export function contractAddress(d: ChainDeployment, name: string): Address {
  const c = d.contracts[name];
  if (!c) throw new Error(`${name} is not deployed on ${d.name}`);
  return c.address;
}
