import { expect } from "chai";
import hre from "hardhat";

import { DEPLOYER_KEY_VAR, TESTNETS, testnets } from "../../scripts/lib/networks";

const KEY = "0x" + "11".repeat(32);

describe("scripts/lib/networks (testnet config from .env)", function () {
  it("defines at least Sepolia, Base Sepolia, OP Sepolia and Gnosis Chiado with their chain ids", function () {
    const byName = Object.fromEntries(TESTNETS.map((t) => [t.name, t.chainId]));
    expect(byName).to.include({
      sepolia: 11155111,
      baseSepolia: 84532,
      optimismSepolia: 11155420,
      gnosisChiado: 10200,
    });
  });

  it("enables a network when its URL and the deployer key are set", function () {
    const nets = testnets({ SEPOLIA_RPC_URL: "https://rpc.example/sepolia", [DEPLOYER_KEY_VAR]: KEY });
    const sepolia = nets.find((n) => n.name === "sepolia");
    expect(sepolia?.config).to.deep.equal({ url: "https://rpc.example/sepolia", chainId: 11155111, accounts: [KEY] });
    expect(nets.filter((n) => n.config)).to.have.length(1);
  });

  it("disables a network with the name of the missing or malformed variable", function () {
    const reasons = (env: NodeJS.ProcessEnv) => testnets(env).find((n) => n.name === "baseSepolia")?.disabledBecause;
    expect(reasons({})).to.equal("BASE_SEPOLIA_RPC_URL is not set in .env");
    expect(reasons({ BASE_SEPOLIA_RPC_URL: "wss://x" })).to.equal(
      "BASE_SEPOLIA_RPC_URL must start with http:// or https://",
    );
    expect(reasons({ BASE_SEPOLIA_RPC_URL: "https://x" })).to.equal(`${DEPLOYER_KEY_VAR} is not set in .env`);
    expect(reasons({ BASE_SEPOLIA_RPC_URL: "https://x", [DEPLOYER_KEY_VAR]: "0x1234" })).to.equal(
      `${DEPLOYER_KEY_VAR} must be 32 bytes of hex`,
    );
  });

  it("accepts a key without 0x and adds it", function () {
    const nets = testnets({ CHIADO_RPC_URL: "https://rpc.chiado", [DEPLOYER_KEY_VAR]: "22".repeat(32) });
    const chiado = nets.find((n) => n.name === "gnosisChiado");
    expect(chiado?.config?.accounts).to.deep.equal(["0x" + "22".repeat(32)]);
  });

  it("compiles with a pinned optimizer and EVM version, and verification is configured for every testnet", function () {
    const compiler = hre.config.solidity.compilers[0];
    expect(compiler.version).to.equal(require("solc/package.json").version);
    // solidity-coverage turns the optimizer off while it instruments the contracts.
    if (!("__SOLIDITY_COVERAGE_RUNNING" in hre)) expect(compiler.settings.optimizer.enabled).to.equal(true);
    expect(compiler.settings.evmVersion).to.equal("cancun");
    expect(hre.config.typechain.outDir).to.equal("typechain-types");
    const custom = hre.config.etherscan.customChains.map((c) => c.network);
    // Sepolia, Base Sepolia and OP Sepolia are built into hardhat-verify; Chiado is a custom chain.
    expect(custom).to.include("gnosisChiado");
    expect(hre.config.networks.localhost).to.have.property("url");
  });
});
