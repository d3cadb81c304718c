/**
 * `npm run app`: the whole suite on this machine, in one command.
 *   1. starts `hardhat node` on 127.0.0.1:8545 (or a free port);
 *   2. deploys the suite and tells the demo's story on it (scripts/demo.ts);
 *   3. installs and builds the app when needed, and serves it on http://127.0.0.1:5173 (or a free port);
 *   4. prints how to connect a browser wallet: chain id, RPC URL, funded test accounts to import.
 * Ctrl-C stops everything it started. The deployment record and Ignition journal of this throwaway
 * chain live in a temporary folder, never in deploy/.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(here, "..");
const ROOT = path.join(APP, "..");
const HARDHAT = path.join(ROOT, "node_modules", ".bin", "hardhat");
const children = [];
let recordsDir;

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}
async function pickPort(preferred) {
  if (await portFree(preferred)) return preferred;
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function stopAll(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  if (recordsDir) fs.rmSync(recordsDir, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGINT", () => {
  console.log("\nStopping the node and the app server …");
  stopAll(0);
});
process.on("SIGTERM", () => stopAll(0));

async function rpc(url, method, params = []) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()).result;
}

async function main() {
  if (!fs.existsSync(path.join(APP, "node_modules"))) {
    console.log("Installing the app's dependencies (npm ci --prefix app) …");
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", APP], { stdio: "inherit" });
  }
  console.log("Compiling the contracts …");
  execFileSync(HARDHAT, ["compile", "--quiet"], { cwd: ROOT, stdio: "inherit" });
  if (!fs.existsSync(path.join(APP, "dist", "index.html")) || process.argv.includes("--build")) {
    console.log("Building the app …");
    execFileSync("npm", ["run", "build", "--prefix", APP], { stdio: "inherit" });
  }
  const nodePort = await pickPort(8545);
  const url = `http://127.0.0.1:${nodePort}`;
  const node = spawn(HARDHAT, ["node", "--hostname", "127.0.0.1", "--port", String(nodePort)], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(node);
  node.on("exit", (code) => {
    console.error(`hardhat node stopped (exit ${code})`);
    stopAll(1);
  });
  for (let i = 0; ; i++) {
    try {
      if (await rpc(url, "eth_chainId")) break;
    } catch {
      // not yet listening
    }
    if (i > 480) throw new Error("hardhat node did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  recordsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-local-"));
  const env = {
    ...process.env,
    LOCALHOST_RPC_URL: url,
    COSMOLOCAL_RECORDS_DIR: recordsDir,
    COSMOLOCAL_DEPLOYMENT_ID: `local-app-${process.pid}`,
    HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1",
  };
  console.log(`Deploying the suite and telling the demo's story on ${url} (about a minute) …`);
  await new Promise((resolve, reject) => {
    const demo = spawn(HARDHAT, ["run", "scripts/demo.ts", "--network", "localhost"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(demo);
    let out = "";
    demo.stdout.on("data", (d) => (out += d.toString()));
    demo.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the demo failed:\n${out}`))));
  });
  fs.rmSync(path.join(ROOT, "deploy", "deployments", `local-app-${process.pid}`), { recursive: true, force: true });
  const { gather } = await import("./records.mjs");
  const deployments = path.join(recordsDir, "deployments.json");
  fs.writeFileSync(deployments, JSON.stringify(gather({ dir: recordsDir, localRpc: url, includeLocal: true })));
  const { serve } = await import("./serve.mjs");
  const appPort = await pickPort(5173);
  await serve({ root: path.join(APP, "dist"), port: appPort, deploymentsFile: deployments });
  const accounts = await rpc(url, "eth_accounts");
  const who = [
    "Dana (developer)",
    "Ana (watershed steward)",
    "Ben (watershed member)",
    "Chloé (guild founder)",
    "Dev (guild founder)",
    "Eli (watershed member)",
    "Fern (funder)",
  ];
  console.log(`
The suite and the demo's story are on a local node. Open the app:

    http://127.0.0.1:${appPort}/

Connect a browser wallet to the local chain:
    network name   Cosmolocal local
    RPC URL        ${url}
    chain id       31337
    currency       ETH

Import a funded test account (Hardhat's well-known test keys: never use them on a real network).
Private keys are printed by \`npx hardhat node\`; the accounts of the story are:
${accounts
  .slice(0, who.length)
  .map((a, i) => `    #${i} ${a}  ${who[i]}`)
  .join("\n")}
    Account #2 (Ben) key: 0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a

Command-line tasks against this chain:
    COSMOLOCAL_RECORDS_DIR=${recordsDir} LOCALHOST_RPC_URL=${url} npx hardhat --network localhost dao:info --community "Salmon River Watershed"

Ctrl-C stops the node and the app server.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  stopAll(1);
});
