/**
 * The cosmo-local story in one command: `npm run demo` (in-process chain) or
 * `npm run demo -- --network localhost` (a running node).
 * Until every part has landed, it deploys the suite and prints the deployment record.
 */
import hre from "hardhat";

async function main(): Promise<void> {
  console.log("Cosmolocal demonstration\n");
  console.log("1. Deploying the suite (implementations, factories, registries)");
  await hre.run("suite:deploy", {});
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
