/**
 * Tasks for developers: deploy the suite, print the deployment record, check the network config.
 */
import fs from "node:fs";
import path from "node:path";

import SuiteModule from "../../deploy/modules/Suite";
import { readJsonFile } from "../lib/args";
import { speedUpIgnition } from "../lib/ignition-speed";
import { gitCommit, loadRecord, saveRecord } from "../lib/record";
import { testnets } from "../lib/networks";
import { cosmoTask, type TaskArgs } from "../lib/task";

interface DeployArgs extends TaskArgs {
  parameters?: string;
  deploymentId?: string;
}

cosmoTask<DeployArgs>(
  "suite:deploy",
  "Deploy (or resume deploying) the core suite and write the deployment record",
  (t) =>
    t
      .addOptionalParam("parameters", "Ignition parameters file (default: deploy/parameters/<network>.json)")
      .addOptionalParam("deploymentId", "Ignition deployment id (default: chain-<chainId>)"),
  async (args, hre, out) => {
    const defaultFile = path.join(__dirname, "..", "..", "deploy", "parameters", `${hre.network.name}.json`);
    type Parameters = Record<string, Record<string, never>>;
    const parameters: Parameters = args.parameters
      ? readJsonFile<Parameters>(args.parameters, "parameters")
      : fs.existsSync(defaultFile)
        ? readJsonFile<Parameters>(defaultFile, "parameters")
        : {};
    const deploymentId = args.deploymentId ?? process.env.COSMOLOCAL_DEPLOYMENT_ID;
    const [deployer] = await hre.ethers.getSigners();
    speedUpIgnition();
    const deployed = await hre.ignition.deploy(SuiteModule, { parameters, deploymentId, displayUi: false });
    const rec = await loadRecord(hre);
    const block = await hre.ethers.provider.getBlockNumber();
    const commit = gitCommit();
    let created = 0;
    for (const [name, contract] of Object.entries(deployed)) {
      const address = await contract.getAddress();
      if (rec.contracts[name]?.address === address) continue;
      rec.contracts[name] = { address, block, deployer: deployer.address, commit };
      created += 1;
    }
    await saveRecord(hre, rec);
    out.say(`  ${created} new contract(s) recorded; ${Object.keys(deployed).length} in the suite`);
    out.table(
      Object.entries(rec.contracts).map(([name, c]) => ({ contract: name, address: c.address, block: c.block })),
    );
    out.set("contracts", rec.contracts);
    out.set("newlyRecorded", created);
  },
);

cosmoTask(
  "suite:info",
  "Print the deployment record of the network",
  (t) => t,
  async (_args, hre, out) => {
    const rec = await loadRecord(hre);
    out.say(`  chain ${rec.chainId}`);
    out.table(
      Object.entries(rec.contracts).map(([name, c]) => ({ contract: name, address: c.address, block: c.block })),
    );
    for (const [kind, entries] of Object.entries(rec.named)) out.say(`  ${kind}: ${Object.keys(entries).join(", ")}`);
    out.set("chainId", rec.chainId);
    out.set("contracts", rec.contracts);
    out.set("named", rec.named);
  },
);

cosmoTask(
  "net:check",
  "Say which testnets are configured from .env, and why the others are disabled",
  (t) => t,
  async (_args, _hre, out) => {
    const nets = testnets(process.env);
    out.table(
      nets.map((n) => ({
        network: n.name,
        chainId: n.spec.chainId,
        status: n.config ? "enabled" : `disabled: ${n.disabledBecause}`,
      })),
    );
    out.set(
      "networks",
      nets.map((n) => ({
        name: n.name,
        chainId: n.spec.chainId,
        enabled: Boolean(n.config),
        reason: n.disabledBecause ?? null,
      })),
    );
  },
);
