/**
 * Where each testnet's contracts are verified. hardhat-verify (2.x) knows Sepolia and Base Sepolia
 * natively; OP Sepolia and Gnosis Chiado (under our network name) need a custom chain entry, which
 * `hardhat.config.ts` passes as `etherscan.customChains`. With one Etherscan API key (v2) the
 * same key serves every Etherscan-family explorer; Blockscout (Chiado) accepts any key.
 */
export interface ExplorerChain {
  network: string;
  chainId: number;
  urls: { apiURL: string; browserURL: string };
}

export const EXPLORER_CHAINS: ExplorerChain[] = [
  {
    network: "optimismSepolia",
    chainId: 11155420,
    urls: {
      apiURL: "https://api-sepolia-optimistic.etherscan.io/api",
      browserURL: "https://sepolia-optimism.etherscan.io",
    },
  },
  {
    network: "gnosisChiado",
    chainId: 10200,
    urls: {
      apiURL: "https://gnosis-chiado.blockscout.com/api",
      browserURL: "https://gnosis-chiado.blockscout.com",
    },
  },
];
