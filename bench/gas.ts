/**
 * `npm run bench`: measures every user operation of the suite beside reference contracts compiled
 * in the same project with the same settings, and writes bench/results.json and bench/RESULTS.md.
 */
import hre from "hardhat";

import { GasRecorder, ratio, writeResults } from "./lib";
import { OPERATION_GROUPS } from "./operations";

async function main(): Promise<void> {
  const rec = new GasRecorder();
  for (const group of OPERATION_GROUPS) {
    const started = Date.now();
    process.stdout.write(`  measuring ${group.name} ... `);
    await group.measure(hre, rec);
    console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const results = rec.results();
  const compiler = hre.config.solidity.compilers[0];
  writeResults(results, [
    `Written by \`npm run bench\` (solc ${compiler.version}, optimizer ${compiler.settings.optimizer.runs} runs, ` +
      `EVM ${compiler.settings.evmVersion}). Gas is what the transaction used, on the in-process Hardhat chain.`,
    "A reference is the same work done by the best-known contract for it, compiled in this project.",
  ]);
  for (const [name, m] of Object.entries(results.operations)) {
    console.log(`  ${name.padEnd(34)} ${String(m.gas).padStart(10)}  ${m.reference ?? ""} ${ratio(m)}`);
  }
  console.log("\nwrote bench/results.json and bench/RESULTS.md");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
