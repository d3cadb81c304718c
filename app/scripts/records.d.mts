export interface GatherOptions {
  dir: string;
  localRpc?: string;
  includeLocal?: boolean;
}
export declare const CHAINS: Record<string, { chainId: number; name: string; rpcUrl: string; explorer?: string }>;
export declare function gather(o: GatherOptions): { chains: unknown[]; walletConnectProjectId?: string };
