/**
 * The browser tests' world: a real `hardhat node` on a free loopback port (the e2e helper of the
 * contracts' tests), the suite deployed and the demo's story told on it (scripts/demo.ts, as
 * `npm run demo -- --network localhost` does), the built app served with that node's deployment
 * record, and Debian's Chromium driven by playwright-core with the test wallet injected.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { spawn } from "node:child_process";
import net from "node:net";

import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

import { getAddress } from "viem";

import { gather } from "../scripts/records.mjs";
import { serve } from "../scripts/serve.mjs";
import { testWallet } from "./wallet";

const here = path.dirname(fileURLToPath(import.meta.url));
export const APP = path.join(here, "..");
export const SHOTS = path.join(APP, "..", "docs", "app");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Who is who in the demo's story (indices into the node's accounts). */
export const PEOPLE = {
  dana: 0,
  ana: 1,
  ben: 2,
  chloe: 3,
  dev: 4,
  eli: 5,
  fern: 6,
  riparian: 7,
  seeds: 8,
  gil: 9,
  hana: 10,
  coop: 11,
  company: 12,
  iris: 13,
  poor: 14,
} as const;
export type Person = keyof typeof PEOPLE;

const ROOT = path.join(here, "..", "..");
const HARDHAT = path.join(ROOT, "node_modules", ".bin", "hardhat");

export interface RunningNode {
  url: string;
  recordsDir: string;
  /** Runs `hardhat --network localhost <args>` against this node (its own record and Ignition id). */
  task: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address() as net.AddressInfo;
      srv.close(() => resolve(a.port));
    });
  });
}

/**
 * `hardhat node --hostname 127.0.0.1` on a free port, as the contracts' e2e helper (test/helpers/node.ts)
 * starts it: its own deployment-record directory and Ignition deployment id, removed at the end.
 */
export async function startNode(): Promise<RunningNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const recordsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-app-records-"));
  const deploymentId = `e2e-app-${process.pid}-${port}`;
  const child = spawn(HARDHAT, ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  child.stderr.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
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
    fs.rmSync(recordsDir, { recursive: true, force: true });
    fs.rmSync(path.join(ROOT, "deploy", "deployments", deploymentId), { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (exited) throw new Error(`hardhat node exited before it was ready:\n${log}`);
    if (Date.now() - started > 120_000) {
      await stop();
      throw new Error(`hardhat node did not answer on ${url}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const task = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const p = spawn(HARDHAT, ["--network", "localhost", ...args], {
        cwd: ROOT,
        env: {
          ...process.env,
          LOCALHOST_RPC_URL: url,
          COSMOLOCAL_RECORDS_DIR: recordsDir,
          COSMOLOCAL_DEPLOYMENT_ID: deploymentId,
          HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1",
        },
      });
      let stdout = "";
      let stderr = "";
      p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      p.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  return { url, recordsDir, task, stop };
}

export interface World {
  node: RunningNode;
  url: string;
  accounts: string[];
  /** The suite's contracts on the node, from its deployment record. */
  contracts: Record<string, `0x${string}`>;
  /** The account of a person of the story. */
  addr: (who: Person) => `0x${string}`;
  browser: Browser;
  rpcCount: () => number;
  resetRpcCount: () => void;
  rpc: <T = unknown>(method: string, params?: unknown[]) => Promise<T>;
  /** A fresh browser context (its own storage) with the wallet holding `who`'s account. */
  open: (who: Person, opts?: OpenOptions) => Promise<Page>;
  /** Changes the deployments.json the app reads (at its next load), e.g. to name an ENS resolver. */
  configure: (change: (deployments: { chains: Record<string, unknown>[] }) => void) => void;
  advance: (seconds: number) => Promise<void>;
  /** Closes every browser context opened so far (their polling would count in the next measurement). */
  closeAll: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface OpenOptions {
  startChainId?: number;
  width?: number;
  hash?: string;
  /** The test wallet advertises and runs EIP-5792 atomic batches. */
  batches?: boolean;
}

/** What is on the node before the app opens: by default the demo's whole story. */
export type Story = (node: RunningNode) => Promise<void>;

/** Runs one task on the node; fails the world's setup with its output otherwise. */
export async function setupTask(node: RunningNode, args: string[]): Promise<void> {
  const run = await node.task(args);
  if (run.code !== 0) throw new Error(`the setup failed on the test node:\n${run.stdout}\n${run.stderr}`);
}

/** The demo's story (scripts/demo.ts), as `npm run demo -- --network localhost` tells it. */
export const demoStory: Story = (node) => setupTask(node, ["run", "scripts/demo.ts"]);

/** Only the suite (`suite:deploy`), no story: for tests that build their own state (and start faster). */
export const suiteOnly: Story = (node) => setupTask(node, ["suite:deploy"]);

export async function startWorld(story: Story = demoStory): Promise<World> {
  if (!fs.existsSync(path.join(APP, "dist", "index.html"))) {
    throw new Error("app/dist is missing: run `npm run build --prefix app` first");
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const node = await startNode();
  const contexts: BrowserContext[] = [];
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    await story(node);
    let id = 0;
    const rpc = async <T>(method: string, params: unknown[] = []): Promise<T> => {
      const res = await fetch(node.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
      });
      const j = (await res.json()) as { result: T; error?: { message: string } };
      if (j.error) throw new Error(`${method}: ${j.error.message}`);
      return j.result;
    };
    const accounts = await rpc<string[]>("eth_accounts");
    const record = JSON.parse(fs.readFileSync(path.join(node.recordsDir, "localhost.json"), "utf8")) as {
      contracts: Record<string, { address: `0x${string}` }>;
    };
    const contracts = Object.fromEntries(Object.entries(record.contracts).map(([k, v]) => [k, v.address]));
    const deployments = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cosmolocal-app-")), "deployments.json");
    fs.writeFileSync(
      deployments,
      JSON.stringify(gather({ dir: node.recordsDir, localRpc: node.url, includeLocal: true })),
    );
    server = await serve({ root: path.join(APP, "dist"), port: 0, deploymentsFile: deployments });
    const addr = server.address();
    const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    let rpcRequests = 0;
    const b = browser;
    const open = async (who: Person, o: OpenOptions = {}) => {
      const context = await b.newContext({ viewport: { width: o.width ?? 1100, height: 900 } });
      contexts.push(context);
      const options = {
        rpcUrl: node.url,
        chainId: 31337,
        account: accounts[PEOPLE[who]],
        startChainId: o.startChainId,
        batches: o.batches,
      };
      // esbuild (through tsx) may wrap functions in __name(); give the page a no-op one.
      await context.addInitScript({
        content: `var __name = (f) => f; (${testWallet.toString()})(${JSON.stringify(options)});`,
      });
      const origin = new URL(node.url).origin;
      await context.route(
        (u) => u.origin === origin,
        (route) => {
          rpcRequests += 1;
          return route.continue();
        },
      );
      // A disabled button or a missing element fails the test with a message instead of waiting forever.
      context.setDefaultTimeout(45_000);
      const page = await context.newPage();
      page.on("pageerror", (e) => console.log(`      [page error] ${e.message}`));
      await page.goto(`${url}#${o.hash ?? "/"}`);
      return page;
    };
    const advance = async (seconds: number) => {
      await rpc("evm_increaseTime", [seconds]);
      await rpc("evm_mine");
    };
    const stop = async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await b.close().catch(() => undefined);
      await new Promise<void>((r) => server!.close(() => r()));
      await node.stop();
    };
    const closeAll = async () => {
      for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    };
    const configure = (change: (deployments: { chains: Record<string, unknown>[] }) => void) => {
      const data = JSON.parse(fs.readFileSync(deployments, "utf8")) as { chains: Record<string, unknown>[] };
      change(data);
      fs.writeFileSync(deployments, JSON.stringify(data));
    };
    return {
      configure,
      closeAll,
      node,
      url,
      accounts,
      contracts,
      addr: (who: Person) => getAddress(accounts[PEOPLE[who]]),
      browser,
      rpc,
      rpcCount: () => rpcRequests,
      resetRpcCount: () => {
        rpcRequests = 0;
      },
      open,
      advance,
      stop,
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    server?.close();
    await node.stop();
    throw e;
  }
}

/** Connects the page's wallet through the app's dialog (EIP-6963 lists the test wallet). */
export async function connect(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await page.getByTestId("account").waitFor();
}

/**
 * A screenshot for docs/app.md, written when APP_SCREENSHOTS=1 (`npm run screenshots --prefix app`),
 * so that `npm test` leaves the committed pictures alone.
 */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.APP_SCREENSHOTS !== "1") return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** The id of the newest transaction in the page's panel (empty when none). */
async function topTx(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector("[data-testid=tx]")?.getAttribute("data-id") ?? "");
}

/**
 * Clicks a button that sends a transaction and waits until that transaction (a new entry in the
 * panel) is mined; fails the test with the app's own words otherwise.
 */
export async function send(page: Page, button: ReturnType<Page["getByRole"]> | (() => Promise<void>)): Promise<void> {
  const before = await topTx(page);
  if (typeof button === "function") await button();
  else await button.click();
  await page
    .waitForFunction(
      (prev) => {
        const li = document.querySelector("[data-testid=tx]");
        if (!li || li.getAttribute("data-id") === prev) {
          // No new transaction yet: an error shown beside the button ends the wait too.
          return Boolean(document.querySelector("[role=alert]"));
        }
        const s = li.querySelector("[data-testid=tx-status]")?.textContent ?? "";
        return s === "mined" || s === "failed";
      },
      before,
      { timeout: 60_000 },
    )
    .catch(async (e: Error) => {
      // Say what the page shows: the newest transactions and the button's state.
      const txs = await page.getByTestId("tx").allTextContents();
      throw new Error(
        `${e.message}\n  transactions shown: ${txs.slice(0, 3).join(" | ") || "none"} (before: ${before})`,
      );
    });
  const li = page.getByTestId("tx").first();
  const id = await topTx(page);
  if (id !== before) {
    // An alert seen while the call was still being prepared (a read that failed for a moment on a
    // loaded machine) ended the wait above; the transaction itself decides.
    await page.waitForFunction(
      () =>
        ["mined", "failed", "replaced"].includes(document.querySelector("[data-testid=tx-status]")?.textContent ?? ""),
      undefined,
      { timeout: 60_000 },
    );
  }
  const status = id !== before ? await li.getByTestId("tx-status").textContent() : "not sent";
  if (status !== "mined") {
    const alerts = await page.getByRole("alert").allTextContents();
    throw new Error(`transaction ${status}: ${id !== before ? await li.textContent() : ""} ${alerts.join(" | ")}`);
  }
  // The control that sent it shows "…" until the screen has read the chain again and a form has
  // cleared itself: typing into the form before then would be wiped.
  await page.waitForFunction(() => ![...document.querySelectorAll("button")].some((b) => b.textContent?.endsWith("…")));
}

/** Waits for the newest transaction to be mined (after a reload). */
export async function mined(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector("[data-testid=tx-status]")?.textContent === "mined",
    undefined,
    {
      timeout: 60_000,
    },
  );
}

/** Opens the app as `who` with the wallet connected, at `hash`. */
export async function openAs(w: World, who: Person, hash = "/", width?: number): Promise<Page> {
  const page = await w.open(who, { hash, width });
  await connect(page);
  return page;
}

/**
 * Sends a transaction from one of the node's unlocked accounts, outside the app: the setting of a
 * scene (a round with donations, a registered work) whose next step the test then takes in the app.
 * Fails with the node's words when it reverts.
 */
export async function sendAs(w: World, who: Person, to: `0x${string}`, data: `0x${string}`, value = 0n): Promise<void> {
  const hash = await w.rpc<string>("eth_sendTransaction", [
    { from: w.addr(who), to, data, value: `0x${value.toString(16)}` },
  ]);
  const receipt = await w.rpc<{ status: string }>("eth_getTransactionReceipt", [hash]);
  if (receipt.status !== "0x1") throw new Error(`${who}'s transaction ${hash} reverted`);
}
