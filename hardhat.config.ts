// The plugins of @nomicfoundation/hardhat-toolbox, loaded one by one so that the gas reporter (which
// pulls in viem, a third of a second per start) loads only when asked for: every task is a process.
import "@nomicfoundation/hardhat-chai-matchers";
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-verify";
import "@nomicfoundation/hardhat-ignition-ethers";
import "@typechain/hardhat";
import "solidity-coverage";
import type {} from "hardhat-gas-reporter";
import "dotenv/config";

import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

import { extendConfig, extendEnvironment, subtask } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig, NetworkUserConfig } from "hardhat/types";

import { testnets } from "./scripts/lib/networks";
import { addRetries } from "./scripts/lib/retry";
import { EXPLORER_CHAINS } from "./scripts/lib/verify";

/** The compiler version every contract is built with. The npm `solc` package must be pinned to it. */
export const SOLC_VERSION = "0.8.30";

// Compile with the JavaScript build of solc shipped by the npm `solc` package: the Solidity
// release site is unreachable here (and in CI), so Hardhat must never try to download a compiler.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solcPkg = require("solc/package.json") as { version: string };
  if (args.solcVersion !== SOLC_VERSION || solcPkg.version !== SOLC_VERSION) {
    throw new Error(
      `Compiler mismatch: hardhat.config.ts asks for solc ${args.solcVersion}, SOLC_VERSION is ${SOLC_VERSION} ` +
        `and the npm package "solc" is ${solcPkg.version}. Pin them to the same version ` +
        `(npm install --save-exact solc@${args.solcVersion}); compilers are never downloaded.`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion: solc.version(),
  };
});

// Hardhat compiles the files of each distinct settings object (by identity) in one solc job, with all
// their imports, and resolves every override to an object of its own: four governors at the same
// settings made four jobs, compiling OpenZeppelin's governor modules (and CommunityGovernor, which
// the quadratic one imports) four times. Overrides with equal settings share one object, so one job.
extendConfig((config) => {
  const distinct: (typeof config.solidity.overrides)[string][] = [];
  for (const [file, settings] of Object.entries(config.solidity.overrides)) {
    const same = distinct.find((d) => isDeepStrictEqual(d, settings));
    if (same) config.solidity.overrides[file] = same;
    else distinct.push(settings);
  }
});

// Load every task module in scripts/tasks (one file per area: contrib, dao, qf, lic, ...).
// Skipped while TypeChain bindings do not exist yet (the first compile generates them).
// Tasks import TypeChain types only (`import type`), so they load before the first compile.
if (process.env.REPORT_GAS) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("hardhat-gas-reporter");
}

/** Where the coverage run builds (set by scripts/coverage-run.ts); unset: the usual folders. */
const COVERAGE_BUILD_DIR = process.env.COSMO_COVERAGE_BUILD_DIR;

// Hardhat 2 decides once, before this file loads, whether to print a stack trace after every
// error: it does when it believes it runs on CI, and it believes so on any Linux machine with no
// DISPLAY (a server, a container, an SSH session). Our tasks print their own one-line sentences;
// Hardhat's own errors (a missing option ...) are printed by Hardhat as one line before the trace.
// Here the trace is left out unless asked for (--verbose or --show-stack-traces) or on a real CI.
{
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isCI } = require("ci-info") as { isCI: boolean };
  const asked = process.argv.includes("--verbose") || process.argv.includes("--show-stack-traces");
  if (!isCI && !asked && !process.env.GITHUB_ACTIONS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { HardhatError, HardhatPluginError } = require("hardhat/internal/core/errors") as {
      HardhatError: { isHardhatError(e: unknown): boolean };
      HardhatPluginError: { isHardhatPluginError(e: unknown): boolean };
    };
    const consoleError = console.error.bind(console);
    // Any other error that reaches Hardhat (a missing test file, a plugin's own failure ...) is
    // announced by Hardhat as "An unexpected error occurred:" and then printed whole: here its
    // message is printed instead, in one line (its first), with the same hint.
    let unexpected = false;
    console.error = (...args: unknown[]) => {
      const [e] = args;
      if (args.length === 1 && (HardhatError.isHardhatError(e) || HardhatPluginError.isHardhatPluginError(e))) {
        consoleError("(run with --verbose for the stack trace)");
        return;
      }
      if (args.length === 1 && unexpected && e instanceof Error) {
        unexpected = false;
        consoleError(`✗ ${e.message.split("\n")[0]}\n(run with --verbose for the stack trace)`);
        return;
      }
      unexpected = args.length === 1 && typeof e === "string" && e.includes("An unexpected error occurred");
      consoleError(...args);
    };
  }
  // --verbose is the tasks' "show me the raw error"; Hardhat's internal debug log stays behind DEBUG=hardhat*.
  if (process.argv.includes("--verbose") && !process.env.DEBUG) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("debug") as { disable(): string }).disable();
  }
}

// Reads and idempotent requests to a real node retry dropped connections, timeouts and rate limits.
extendEnvironment((hre) => {
  if (hre.network.name !== "hardhat") addRetries(hre.network.provider);
});

const tasksDir = path.join(__dirname, "scripts", "tasks");
for (const file of fs.readdirSync(tasksDir).sort()) {
  if (file.endsWith(".ts")) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(tasksDir, file));
  }
}

const networks: Record<string, NetworkUserConfig> = {
  hardhat: { chainId: 31337, allowUnlimitedContractSize: false },
  localhost: { url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545", chainId: 31337 },
};
for (const net of testnets(process.env)) {
  if (net.config) networks[net.name] = net.config;
}
// A testnet whose .env variables are missing is left out of the config; asking for it by name
// says which variable to set instead of Hardhat's generic "network does not exist".
const requested = process.argv[process.argv.indexOf("--network") + 1];
const disabled = testnets(process.env).find((n) => n.name === requested && !n.config);
if (process.argv.includes("--network") && disabled) {
  console.error(`Network ${disabled.name} is disabled: ${disabled.disabledBecause} (see .env.example).`);
  process.exit(1);
}

const config: HardhatUserConfig = {
  solidity: {
    compilers: [
      {
        version: SOLC_VERSION,
        settings: {
          optimizer: { enabled: true, runs: 10_000 },
          // Cancun: supported by Sepolia, Base Sepolia, OP Sepolia, Gnosis Chiado and Celo Sepolia (transient storage, MCOPY).
          evmVersion: "cancun",
        },
      },
    ],
    // The governors are OpenZeppelin's Governor with six modules, at the 24,576-byte code size limit with
    // 10,000 runs; fewer runs inline less. Their reference twins get the same settings, so the benchmark
    // compares like with like. The funding round (standard and cluster matching) is 25.9 kB with 10,000 runs
    // and fits with 1,000; its donations, finalisation and claims cost within 2 % of what they did.
    overrides: Object.fromEntries(
      [
        "contracts/governance/CommunityGovernor.sol",
        "contracts/governance/CommunityGovernorQuadratic.sol",
        "contracts/reference/ReferenceGovernor.sol",
        "contracts/reference/ReferenceGovernorSameModules.sol",
        "contracts/funding/Round.sol",
      ].map((file) => [
        file,
        { version: SOLC_VERSION, settings: { optimizer: { enabled: true, runs: 1_000 }, evmVersion: "cancun" } },
      ]),
    ),
  },
  networks,
  paths: {
    sources: "./contracts",
    tests: "./test",
    ignition: "./deploy",
    // solidity-coverage compiles its instrumented contracts over the default artifacts; the coverage
    // run (scripts/coverage-run.ts) gives them a folder of their own, so that the optimised artifacts
    // other processes read at the same time (npm test runs the e2e tests beside it) are never replaced.
    ...(COVERAGE_BUILD_DIR
      ? { artifacts: `${COVERAGE_BUILD_DIR}/artifacts`, cache: `${COVERAGE_BUILD_DIR}/cache` }
      : {}),
  },
  // The instrumented build's types are the same: the coverage run leaves typechain-types alone.
  typechain: { outDir: "typechain-types", target: "ethers-v6", dontOverrideCompile: Boolean(COVERAGE_BUILD_DIR) },
  gasReporter: {
    enabled: Boolean(process.env.REPORT_GAS),
    currency: "USD",
    offline: true,
    excludeContracts: ["mocks/", "reference/"],
  },
  etherscan: {
    apiKey: process.env.ETHERSCAN_API_KEY ?? "",
    customChains: EXPLORER_CHAINS,
  },
  sourcify: { enabled: false },
  // End-to-end tests run tasks as processes against a node: on a loaded two-core machine a suite can
  // take minutes. A hung test still fails, after ten.
  mocha: {
    timeout: 600_000,
    rootHooks: {
      // Property tests are reproducible in `npm test` (one fixed seed, so CI is deterministic); the
      // long runs (`FC_RUNS=500 npm run test:invariants`) explore a new random seed every time, or
      // the one given in FC_SEED.
      beforeAll() {
        const seed = process.env.FC_SEED ?? (process.env.FC_RUNS ? undefined : "20261123");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        if (seed !== undefined)
          (require("fast-check") as typeof import("fast-check")).configureGlobal({ seed: Number(seed) });
      },
    },
  },
};

export default config;
