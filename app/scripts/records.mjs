/**
 * Gathers the deployment records (`deploy/records/<network>.json`) into the `deployments.json` the
 * app reads at run time: one entry per chain, with a public RPC, the explorer and the contracts.
 *
 *   node scripts/records.mjs [--out dist/deployments.json] [--records ../deploy/records]
 *                            [--local-rpc http://127.0.0.1:8545] [--include-local]
 *
 * The local chain (31337) is left out of a build for hosting unless --include-local is given
 * (`npm run app` and the browser tests write their own). Public RPC URLs can be overridden with
 * environment variables named like the contracts' config: SEPOLIA_PUBLIC_RPC_URL etc.
 * WALLETCONNECT_PROJECT_ID enables WalletConnect in the app.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Chains the suite can be deployed on (the networks of hardhat.config.ts), with public endpoints. */
export const CHAINS = {
  sepolia: {
    chainId: 11155111,
    name: "Sepolia",
    rpcUrl: "https://ethereum-sepolia-rpc.publicnode.com",
    explorer: "https://sepolia.etherscan.io",
    testnet: true,
  },
  baseSepolia: {
    chainId: 84532,
    name: "Base Sepolia",
    rpcUrl: "https://sepolia.base.org",
    explorer: "https://sepolia.basescan.org",
    testnet: true,
  },
  optimismSepolia: {
    chainId: 11155420,
    name: "OP Sepolia",
    rpcUrl: "https://sepolia.optimism.io",
    explorer: "https://sepolia-optimism.etherscan.io",
    testnet: true,
  },
  gnosisChiado: {
    chainId: 10200,
    name: "Gnosis Chiado",
    rpcUrl: "https://rpc.chiadochain.net",
    explorer: "https://gnosis-chiado.blockscout.com",
    testnet: true,
    nativeSymbol: "xDAI",
  },
  localhost: { chainId: 31337, name: "Local node", rpcUrl: "http://127.0.0.1:8545", testnet: true },
};

function envName(network) {
  return `${network.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_PUBLIC_RPC_URL`;
}

/** The deployments.json object for the records in `dir`. */
export function gather({ dir, localRpc, includeLocal }) {
  const chains = [];
  if (fs.existsSync(dir)) {
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const network = path.basename(file, ".json");
      const known = CHAINS[network];
      if (!known || network === "hardhat") continue;
      if (network === "localhost" && !includeLocal) continue;
      const record = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      if (record.chainId !== known.chainId)
        throw new Error(`${file} is for chain ${record.chainId}, not ${known.chainId}`);
      chains.push({
        chainId: known.chainId,
        network,
        name: known.name,
        rpcUrl: network === "localhost" && localRpc ? localRpc : (process.env[envName(network)] ?? known.rpcUrl),
        explorer: known.explorer,
        nativeSymbol: known.nativeSymbol ?? "ETH",
        testnet: known.testnet,
        contracts: Object.fromEntries(
          Object.entries(record.contracts).map(([k, v]) => [k, { address: v.address, block: v.block }]),
        ),
        named: record.named ?? {},
      });
    }
  }
  const out = { chains };
  if (process.env.WALLETCONNECT_PROJECT_ID) out.walletConnectProjectId = process.env.WALLETCONNECT_PROJECT_ID;
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const out = arg("out", path.join(here, "..", "dist", "deployments.json"));
  const data = gather({
    dir: arg("records", path.join(here, "..", "..", "deploy", "records")),
    localRpc: arg("local-rpc"),
    includeLocal: process.argv.includes("--include-local"),
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  console.log(
    `deployments.json: ${data.chains.map((c) => `${c.name} (${c.chainId})`).join(", ") || "no chain yet"} -> ${out}`,
  );
}
