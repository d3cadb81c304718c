/**
 * Tasks for a community's membrane (see docs/membrane.md): membrane:close-epoch, membrane:claim,
 * membrane:pay-treasury, membrane:status. The community is found by name in the deployment record
 * (`dao:create` records it, with its `membrane`).
 */
import { formatUnits, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { Membrane } from "../../typechain-types";
import { parseAddress, parseUint } from "../lib/args";
import { TaskInputError } from "../lib/errors";
import { assetInfo, parseAsset, signerFor } from "../lib/licensing";
import { sendOnce } from "../lib/pending";
import { requireNamed } from "../lib/record";
import { cosmoTask, type TaskArgs } from "../lib/task";

interface MembraneArgs extends TaskArgs {
  community: string;
  asset?: string;
  from?: string;
}

async function membraneOf(hre: HardhatRuntimeEnvironment, community: string, signer: Signer): Promise<Membrane> {
  const entry = await requireNamed(hre, "community", community);
  if (!entry.membrane) throw new TaskInputError(`community "${community}" has no membrane in the record`);
  return (await hre.ethers.getContractAt("Membrane", String(entry.membrane), signer)) as unknown as Membrane;
}

const membraneParams = (t: Parameters<Parameters<typeof cosmoTask>[2]>[0], who: string) =>
  t
    .addParam("community", "Community name (as recorded by dao:create)")
    .addOptionalParam("asset", 'Asset: "native" (default) or an ERC-20 address')
    .addOptionalParam("from", `${who} account (index or address; default the first)`);

cosmoTask<MembraneArgs>(
  "membrane:close-epoch",
  "Close the open epoch of an asset and split its income (anyone, once the minimum epoch length has passed)",
  (t) => membraneParams(t, "Sending"),
  async (args, hre, out) => {
    const asset = parseAsset(args.asset);
    const membrane = await membraneOf(hre, args.community, await signerFor(hre, args.from));
    const { decimals, symbol } = await assetInfo(hre, asset);
    await membrane.notifyIncome.staticCall(asset); // surfaces a broken asset before sending anything
    await out.tx(`close epoch of ${symbol}`, membrane.closeEpoch(asset));
    const id = await membrane.epochCount(asset);
    const e = await membrane.epoch(asset, id);
    out.say(
      `  epoch ${id}: income ${formatUnits(e.income, decimals)} ${symbol}, treasury ${formatUnits(e.toTreasury, decimals)}, ` +
        `contributors ${formatUnits(e.toContributors, decimals)} (supply ${formatUnits(e.supply, 18)} at ${e.snapshot})`,
    );
    out.set("epochId", id.toString());
    out.set("income", e.income.toString());
    out.set("toTreasury", e.toTreasury.toString());
    out.set("toContributors", e.toContributors.toString());
    out.set("snapshot", Number(e.snapshot));
  },
);

interface ClaimArgs extends MembraneArgs {
  epochs?: string;
}

cosmoTask<ClaimArgs>(
  "membrane:claim",
  "Claim your share of an asset's closed epochs (all epochs with something to claim, or --epochs 1,2,3)",
  (t) => membraneParams(t, "Contributor").addOptionalParam("epochs", "Comma-separated epoch ids"),
  async (args, hre, out) => {
    const asset = parseAsset(args.asset);
    const signer = await signerFor(hre, args.from);
    const account = await signer.getAddress();
    const membrane = await membraneOf(hre, args.community, signer);
    const { decimals, symbol } = await assetInfo(hre, asset);
    // Epochs this account already claimed (a claim of an earlier run, maybe cut off before it
    // could report): named, never claimed again.
    const claimedLogs = await membrane.queryFilter(membrane.filters.IncomeClaimed(asset, undefined, account));
    const done = new Map(claimedLogs.map((e) => [e.args.epochId, e.transactionHash]));
    let ids: bigint[];
    if (args.epochs) {
      ids = args.epochs.split(",").map((s) => parseUint(s.trim(), "epochs"));
    } else {
      ids = [];
      const count = await membrane.epochCount(asset);
      for (let id = 1n; id <= count; id++) if ((await membrane.claimable(asset, id, account)) > 0n) ids.push(id);
    }
    const already = ids.length ? ids.filter((id) => done.has(id)) : [...done.keys()];
    ids = ids.filter((id) => !done.has(id));
    if (already.length) {
      out.say(`  already claimed by ${account}: ${already.map((id) => `epoch ${id} (tx ${done.get(id)})`).join(", ")}`);
      out.set("alreadyClaimed", already.map(String));
    }
    if (ids.length === 0) {
      if (already.length === 0) throw new TaskInputError(`${account} has nothing to claim in ${symbol}`);
      out.set("account", account);
      out.set("epochs", []);
      out.set("amount", "0");
      return;
    }
    const max = Number(await membrane.MAX_CLAIM_EPOCHS());
    let total = 0n;
    for (let i = 0; i < ids.length; i += max) {
      const chunk = ids.slice(i, i + max);
      const expected = await membrane.claim.staticCall(asset, chunk);
      const key = `membrane:claim|community=${args.community}|asset=${asset}|from=${account.toLowerCase()}|epochs=${chunk.join(",")}`;
      await sendOnce(hre, out, key, `claim epochs ${chunk.join(",")}`, signer, () =>
        membrane.claim.populateTransaction(asset, chunk),
      );
      total += expected;
    }
    out.say(`  ${account} received ${formatUnits(total, decimals)} ${symbol}`);
    out.set("account", account);
    out.set("epochs", ids.map(String));
    out.set("amount", total.toString());
  },
);

cosmoTask<MembraneArgs>(
  "membrane:pay-treasury",
  "Send what the treasury is owed in an asset to the treasury (anyone)",
  (t) => membraneParams(t, "Sending"),
  async (args, hre, out) => {
    const asset = parseAsset(args.asset);
    const membrane = await membraneOf(hre, args.community, await signerFor(hre, args.from));
    const owed = await membrane.treasuryOwed(asset);
    await out.tx("pay treasury", membrane.payTreasury(asset));
    out.set("amount", owed.toString());
  },
);

interface StatusArgs extends MembraneArgs {
  account?: string;
}

cosmoTask<StatusArgs>(
  "membrane:status",
  "Show a membrane's open income, treasury debt, recent epochs and (with --account) what an account can claim",
  (t) => membraneParams(t, "Reading").addOptionalParam("account", "Show what this account can claim"),
  async (args, hre, out) => {
    const asset = parseAsset(args.asset);
    const membrane = await membraneOf(hre, args.community, await signerFor(hre, args.from));
    const { decimals, symbol } = await assetInfo(hre, asset);
    const fmt = (v: bigint) => `${formatUnits(v, decimals)} ${symbol}`;
    const count = await membrane.epochCount(asset);
    const pending = await membrane.pendingIncome(asset);
    const owed = await membrane.treasuryOwed(asset);
    const carried = await membrane.carriedToContributors(asset);
    const nextCloseAt = Number(await membrane.nextCloseAt(asset));
    out.say(
      `  membrane ${await membrane.getAddress()} (treasury share ${Number(await membrane.treasuryShareBps()) / 100} %)`,
    );
    out.say(`  open epoch ${count + 1n}: ${fmt(pending)}, closable from ${new Date(nextCloseAt * 1000).toISOString()}`);
    out.say(`  carried to the next epoch's contributors: ${fmt(carried)}`);
    out.say(`  owed to the treasury: ${fmt(owed)}`);
    const account = args.account ? parseAddress(args.account, "account") : undefined;
    const rows: Record<string, string>[] = [];
    let claimable = 0n;
    for (let id = count > 10n ? count - 9n : 1n; id <= count; id++) {
      const e = await membrane.epoch(asset, id);
      const mine = account ? await membrane.claimable(asset, id, account) : 0n;
      claimable += mine;
      rows.push({
        epoch: id.toString(),
        income: fmt(e.income),
        treasury: fmt(e.toTreasury),
        contributors: fmt(e.toContributors),
        claimed: fmt(e.claimed),
        ...(account ? { claimable: fmt(mine) } : {}),
      });
    }
    out.table(rows);
    out.set("epochCount", count.toString());
    out.set("pendingIncome", pending.toString());
    out.set("carriedToContributors", carried.toString());
    out.set("treasuryOwed", owed.toString());
    out.set("nextCloseAt", nextCloseAt);
    out.set("accounted", (await membrane.accounted(asset)).toString());
    if (account) out.set("claimable", claimable.toString());
  },
);
