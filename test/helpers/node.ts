/**
 * End-to-end harness: a real `hardhat node` on a free loopback port, and tasks run against it as
 * child processes, exactly as a user runs them. The node is stopped at the end, even on failure.
 *
 *   const node = await startNode();
 *   try { const r = await node.task(["suite:deploy", "--json"]); } finally { await node.stop(); }
 *
 * Each node gets its own deployment-record directory and Ignition deployment id, so it never
 * touches a developer's own localhost record or journal.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

/**
 * The time an end-to-end test may take. Each task is a process of a few seconds on an idle machine,
 * and of half a minute on a loaded two-core one (the suite runs beside coverage, other test runs
 * and compilers); a hung test still fails, after this. COSMOLOCAL_E2E_TIMEOUT_MS overrides it.
 */
export const E2E_BUDGET_MS = Number(process.env.COSMOLOCAL_E2E_TIMEOUT_MS) || 1_800_000;
const HARDHAT = path.join(ROOT, "node_modules", ".bin", "hardhat");

export interface TaskRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunningNode {
  url: string;
  port: number;
  recordsDir: string;
  deploymentId: string;
  /** Runs `hardhat --network localhost <args>` against this node. */
  task(args: string[], extraEnv?: Record<string, string>): Promise<TaskRun>;
  /** Runs a task with --json and parses its output; throws with stderr when it fails. */
  taskJson<T = Record<string, unknown>>(args: string[], extraEnv?: Record<string, string>): Promise<T>;
  /** Stops the node (idempotent). */
  stop(): Promise<void>;
}

/** A TCP port that is free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address() as net.AddressInfo;
      srv.close(() => resolve(addr.port));
    });
  });
}

async function rpcReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Runs a hardhat command in the project, collecting its output. */
export function runHardhat(args: string[], env: NodeJS.ProcessEnv): Promise<TaskRun> {
  return new Promise((resolve) => {
    const child = spawn(HARDHAT, args, { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Starts `hardhat node` on a free port and waits until it answers JSON-RPC. */
export async function startNode(timeoutMs = 180_000): Promise<RunningNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const recordsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-records-"));
  const deploymentId = `e2e-${process.pid}-${port}`;
  const child: ChildProcess = spawn(HARDHAT, ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: false,
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  let exited = false;
  child.on("exit", () => (exited = true));

  const stop = async () => {
    if (!exited) {
      child.kill("SIGTERM");
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 5_000);
        child.on("exit", () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    // A task killed mid-write may still be flushing a file: retry the removal for a moment.
    const rm = { recursive: true, force: true, maxRetries: 10, retryDelay: 200 };
    fs.rmSync(recordsDir, rm);
    fs.rmSync(path.join(ROOT, "deploy", "deployments", deploymentId), rm);
  };

  const started = Date.now();
  while (!(await rpcReady(url))) {
    if (exited) throw new Error(`hardhat node exited before it was ready:\n${log}`);
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`hardhat node did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    LOCALHOST_RPC_URL: url,
    COSMOLOCAL_RECORDS_DIR: recordsDir,
    COSMOLOCAL_DEPLOYMENT_ID: deploymentId,
    HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1",
    ...extra,
  });
  const task = (args: string[], extra?: Record<string, string>) =>
    runHardhat(["--network", "localhost", ...args], env(extra));
  const taskJson = async <T>(args: string[], extra?: Record<string, string>): Promise<T> => {
    const r = await task([...args, "--json"], extra);
    if (r.code !== 0) throw new Error(`task ${args.join(" ")} failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
    const start = r.stdout.indexOf("{");
    return JSON.parse(r.stdout.slice(start)) as T;
  };
  return { url, port, recordsDir, deploymentId, task, taskJson, stop };
}
