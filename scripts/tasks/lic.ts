/**
 * Tasks for stewards and licensees of reciprocity licences (see docs/licensing.md):
 * lic:register, lic:terms, lic:request, lic:grant, lic:pay, lic:report-revenue, lic:verify,
 * lic:accept-charter, lic:suspend, lic:answer, lic:reinstate, lic:revoke, lic:withdraw-held.
 */
import fs from "node:fs";

import { formatUnits, keccak256, ZeroAddress, ZeroHash, type Signer, type TransactionReceipt } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { LicenceRegistry } from "../../typechain-types";
import type { ILicenceRegistry } from "../../typechain-types/contracts/licensing/LicenceRegistry";
import { parseAddress, parseAmount, parseBytes32, parseChoice, parseUint } from "../lib/args";
import { TaskInputError } from "../lib/errors";
import {
  CHARTER_TYPES,
  DERIVATIVES,
  LICENCE_CLASSES,
  LICENCE_STATUSES,
  assetInfo,
  readTerms,
  registryDomain,
  resolveWork,
  signerFor,
} from "../lib/licensing";
import { recordNamed, requireContract, requireNamed } from "../lib/record";
import { cosmoTask, type TaskArgs, type TaskOutput } from "../lib/task";

async function registryAs(hre: HardhatRuntimeEnvironment, signer: Signer): Promise<LicenceRegistry> {
  const address = await requireContract(hre, "licenceRegistry");
  return (await hre.ethers.getContractAt("LicenceRegistry", address, signer)) as unknown as LicenceRegistry;
}

/** Readable terms, with amounts in token units. */
async function describeTerms(hre: HardhatRuntimeEnvironment, t: ILicenceRegistry.TermsStructOutput) {
  const { decimals, symbol } = await assetInfo(hre, t.feeToken);
  return {
    uri: t.uri,
    hash: t.hash,
    membership: t.membership,
    charterHash: t.charterHash,
    cooperativesFree: t.cooperativesFree,
    commercialAutoGrant: t.commercialAutoGrant,
    renewable: t.renewable,
    attributionRequired: t.attributionRequired,
    derivatives: DERIVATIVES[Number(t.derivatives)],
    feeToken: t.feeToken === ZeroAddress ? "native" : t.feeToken,
    fee: `${formatUnits(t.feePerPeriod, decimals)} ${symbol}`,
    feeWei: t.feePerPeriod.toString(),
    revenueShareBps: Number(t.revenueShareBps),
    periodSeconds: Number(t.period),
    answerWindowSeconds: Number(t.answerWindow),
  };
}

function describeLicence(id: bigint, l: ILicenceRegistry.LicenceStructOutput) {
  return {
    id: id.toString(),
    workId: l.workId.toString(),
    licensee: l.licensee,
    class: LICENCE_CLASSES[Number(l.licenceClass)],
    status: LICENCE_STATUSES[Number(l.status)],
    termsVersion: l.termsVersion.toString(),
    expiresAt: l.expiresAt === 2n ** 64n - 1n ? "never" : new Date(Number(l.expiresAt) * 1000).toISOString(),
    awaitingPayment: l.awaitingPayment,
    answerDeadline: l.answerDeadline === 0n ? "" : new Date(Number(l.answerDeadline) * 1000).toISOString(),
  };
}

/**
 * Prepares a payment of `amount` of `token` by `signer` to the registry: the native value to send,
 * or an ERC-20 approval sent first when the allowance is short.
 */
async function preparePayment(
  hre: HardhatRuntimeEnvironment,
  out: TaskOutput,
  registry: LicenceRegistry,
  signer: Signer,
  token: string,
  amount: bigint,
): Promise<bigint> {
  if (amount === 0n) return 0n;
  if (token === ZeroAddress) return amount;
  const { erc20 } = await assetInfo(hre, token);
  const owner = await signer.getAddress();
  const spender = await registry.getAddress();
  if (erc20 && (await erc20.allowance(owner, spender)) < amount) {
    await out.tx("approve fee token", erc20.connect(signer).approve(spender, amount));
  }
  return 0n;
}

function eventArg(receipt: TransactionReceipt, registry: LicenceRegistry, event: string, arg: string): bigint {
  for (const log of receipt.logs) {
    try {
      const parsed = registry.interface.parseLog(log);
      if (parsed?.name === event) return parsed.args[arg] as bigint;
    } catch {
      // a log of another contract (the fee token, the membrane)
    }
  }
  throw new TaskInputError(`no ${event} event in transaction ${receipt.hash}`);
}

interface RegisterArgs extends TaskArgs {
  name: string;
  title: string;
  uri: string;
  contentHash?: string;
  contentFile?: string;
  terms: string;
  community?: string;
  beneficiary?: string;
  from?: string;
}

cosmoTask<RegisterArgs>(
  "lic:register",
  "Register a work with its licence terms (the sender becomes its steward)",
  (t) =>
    t
      .addParam("name", "Name to record the work under (used by --work in other tasks)")
      .addParam("title", "Title of the work")
      .addParam("uri", "Where the work is (ipfs://, https:// ...)")
      .addOptionalParam("contentHash", "Content hash of the work (0x + 64 hex digits)")
      .addOptionalParam("contentFile", "A local copy of the work, hashed with keccak-256 instead of --content-hash")
      .addParam("terms", "Terms file (JSON, see docs/licensing.md)")
      .addOptionalParam("community", "Community whose membrane receives the fees")
      .addOptionalParam("beneficiary", "Account that receives the fees (instead of --community)")
      .addOptionalParam("from", "Steward account (index or address; default the first)"),
  async (args, hre, out) => {
    let contentHash: string;
    if (args.contentHash) contentHash = parseBytes32(args.contentHash, "content-hash");
    else if (args.contentFile && fs.existsSync(args.contentFile))
      contentHash = keccak256(fs.readFileSync(args.contentFile));
    else throw new TaskInputError("give --content-hash or --content-file (an existing file)");
    let beneficiary: string;
    if (args.community) beneficiary = String((await requireNamed(hre, "community", args.community)).membrane);
    else if (args.beneficiary) beneficiary = parseAddress(args.beneficiary, "beneficiary");
    else throw new TaskInputError("give --community (its membrane receives the fees) or --beneficiary");
    const terms = await readTerms(hre, args.terms);
    const signer = await signerFor(hre, args.from);
    const registry = await registryAs(hre, signer);
    const receipt = await out.tx(
      `register work "${args.title}"`,
      registry.registerWork(args.title, args.uri, contentHash, beneficiary, terms),
    );
    const workId = eventArg(receipt, registry, "WorkRegistered", "workId");
    await recordNamed(hre, "work", args.name, {
      id: workId.toString(),
      registry: await registry.getAddress(),
      steward: await signer.getAddress(),
      beneficiary,
      title: args.title,
    });
    out.set("workId", workId.toString());
    out.set("beneficiary", beneficiary);
    out.set("steward", await signer.getAddress());
  },
);

interface TermsArgs extends TaskArgs {
  work: string;
  terms?: string;
  termsVersion?: string;
  from?: string;
}

cosmoTask<TermsArgs>(
  "lic:terms",
  "Show a work's terms, or set a new version of them with --terms (steward only)",
  (t) =>
    t
      .addParam("work", "Work id or recorded name")
      .addOptionalParam("terms", "New terms file (JSON); without it the terms are shown")
      .addOptionalParam("termsVersion", "Terms version to show (default the current one)")
      .addOptionalParam("from", "Steward account (index or address; default the first)"),
  async (args, hre, out) => {
    const workId = await resolveWork(hre, args.work);
    const signer = await signerFor(hre, args.from);
    const registry = await registryAs(hre, signer);
    if (args.terms) {
      const terms = await readTerms(hre, args.terms);
      await out.tx(`set terms of work ${workId}`, registry.setTerms(workId, terms));
    }
    const w = await registry.work(workId);
    const version = args.termsVersion ? parseUint(args.termsVersion, "terms-version") : w.termsVersion;
    const terms = await describeTerms(hre, await registry.terms(workId, version));
    out.say(`  work ${workId} "${w.title}" (steward ${w.steward}), terms version ${version}`);
    out.table(Object.entries(terms).map(([field, value]) => ({ field, value: String(value) })));
    out.set("workId", workId.toString());
    out.set("version", version.toString());
    out.set("terms", terms);
    out.set("supersededBy", w.supersededBy.toString());
  },
);

interface RequestArgs extends TaskArgs {
  work: string;
  class: string;
  maxFee: string;
  maxShareBps: string;
  termsVersion?: string;
  from?: string;
}

cosmoTask<RequestArgs>(
  "lic:request",
  "Ask for a licence of a work; granted at once (and the first fee paid) when the terms allow it",
  (t) =>
    t
      .addParam("work", "Work id or recorded name")
      .addParam("class", `The use claimed: ${LICENCE_CLASSES.join(", ")}`)
      .addOptionalParam("maxFee", "Highest fee per period you accept, in the fee token's units", "0")
      .addOptionalParam("maxShareBps", "Highest revenue share you accept, in basis points", "0")
      .addOptionalParam(
        "termsVersion",
        "Terms version you read (lic:terms shows it); default the current one. The request fails if the work's terms change before it is mined",
      )
      .addOptionalParam("from", "Licensee account (index or address; default the first)"),
  async (args, hre, out) => {
    const workId = await resolveWork(hre, args.work);
    const licenceClass = LICENCE_CLASSES.indexOf(parseChoice(args.class, LICENCE_CLASSES, "class"));
    const signer = await signerFor(hre, args.from);
    const registry = await registryAs(hre, signer);
    const w = await registry.work(workId);
    const version = args.termsVersion ? parseUint(args.termsVersion, "terms-version") : w.termsVersion;
    const t = await registry.terms(workId, version);
    const { decimals, symbol } = await assetInfo(hre, t.feeToken);
    const maxFee = parseAmount(args.maxFee, decimals, "max-fee");
    const maxShare = Number(parseUint(args.maxShareBps, "max-share-bps"));
    const paysNow = licenceClass === 2 && t.commercialAutoGrant && t.feePerPeriod <= maxFee;
    const value = paysNow ? await preparePayment(hre, out, registry, signer, t.feeToken, t.feePerPeriod) : 0n;
    out.say(
      `  terms version ${version} (${t.uri}): fee ${formatUnits(t.feePerPeriod, decimals)} ${symbol}` +
        ` per ${t.period === 0n ? "licence" : `${t.period} s`}, revenue share ${t.revenueShareBps} bps`,
    );
    const receipt = await out.tx(
      `request ${args.class} licence of work ${workId} under terms version ${version}`,
      registry.requestLicence(workId, version, licenceClass, maxFee, maxShare, { value }),
    );
    const id = eventArg(receipt, registry, "LicenceRequested", "licenceId");
    const licence = describeLicence(id, await registry.licence(id));
    out.say(`  licence ${id}: ${licence.status}${licence.awaitingPayment ? " (awaiting payment)" : ""}`);
    out.set("licenceId", id.toString());
    out.set("termsVersion", version.toString());
    out.set("status", licence.status);
    out.set("licensed", await registry.isLicensed(workId, await signer.getAddress()));
  },
);

interface LicenceArgs extends TaskArgs {
  licence: string;
  from?: string;
}

cosmoTask<LicenceArgs>(
  "lic:grant",
  "Grant a requested licence under the terms version it was requested with (steward only)",
  (t) =>
    t
      .addParam("licence", "Licence id")
      .addOptionalParam("from", "Steward account (index or address; default the first)"),
  async (args, hre, out) => {
    const id = parseUint(args.licence, "licence");
    const registry = await registryAs(hre, await signerFor(hre, args.from));
    await out.tx(`grant licence ${id}`, registry.grantLicence(id));
    out.set("licence", describeLicence(id, await registry.licence(id)));
  },
);

cosmoTask<LicenceArgs>(
  "lic:pay",
  "Pay the first fee of a steward-granted licence (one period, or for good when the terms have none), or renew it for one more period",
  (t) =>
    t
      .addParam("licence", "Licence id")
      .addOptionalParam("from", "Licensee account (index or address; default the first)"),
  async (args, hre, out) => {
    const id = parseUint(args.licence, "licence");
    const signer = await signerFor(hre, args.from);
    const registry = await registryAs(hre, signer);
    const l = await registry.licence(id);
    const t = await registry.licenceTerms(id);
    const fee = Number(l.licenceClass) === 2 ? t.feePerPeriod : 0n;
    const value = await preparePayment(hre, out, registry, signer, t.feeToken, fee);
    await out.tx(`pay licence ${id}`, registry.renewLicence(id, { value }));
    const after = describeLicence(id, await registry.licence(id));
    const { decimals, symbol } = await assetInfo(hre, t.feeToken);
    out.say(`  paid ${formatUnits(fee, decimals)} ${symbol}; valid until ${after.expiresAt}`);
    out.set("paid", fee.toString());
    out.set("licence", after);
  },
);

interface ReportArgs extends TaskArgs {
  licence: string;
  revenue: string;
  reportUri: string;
  reportHash?: string;
  from?: string;
}

cosmoTask<ReportArgs>(
  "lic:report-revenue",
  "Report revenue earned under a commercial licence and pay its share",
  (t) =>
    t
      .addParam("licence", "Licence id")
      .addParam("revenue", "Revenue earned, in the fee token's units")
      .addParam("reportUri", "Where the revenue report is")
      .addOptionalParam("reportHash", "Hash of the report (0x + 64 hex digits)")
      .addOptionalParam("from", "Licensee account (index or address; default the first)"),
  async (args, hre, out) => {
    const id = parseUint(args.licence, "licence");
    const signer = await signerFor(hre, args.from);
    const registry = await registryAs(hre, signer);
    const t = await registry.licenceTerms(id);
    const { decimals, symbol } = await assetInfo(hre, t.feeToken);
    const revenue = parseAmount(args.revenue, decimals, "revenue");
    const reportHash = args.reportHash ? parseBytes32(args.reportHash, "report-hash") : ZeroHash;
    const share = (revenue * t.revenueShareBps) / 10_000n;
    const value = await preparePayment(hre, out, registry, signer, t.feeToken, share);
    await out.tx(
      `report revenue of licence ${id}`,
      registry.reportRevenue(id, revenue, args.reportUri, reportHash, { value }),
    );
    out.say(`  paid ${formatUnits(share, decimals)} ${symbol} (${Number(t.revenueShareBps) / 100} % of the revenue)`);
    out.set("share", share.toString());
  },
);

interface VerifyArgs extends TaskArgs {
  work: string;
  licensee: string;
}

cosmoTask<VerifyArgs>(
  "lic:verify",
  "Say whether an account holds a valid licence of a work, under which terms",
  (t) => t.addParam("work", "Work id or recorded name").addParam("licensee", "The account to check"),
  async (args, hre, out) => {
    const workId = await resolveWork(hre, args.work);
    const licensee = parseAddress(args.licensee, "licensee");
    const [first] = await hre.ethers.getSigners();
    const registry = await registryAs(hre, first);
    const licensed = await registry.isLicensed(workId, licensee);
    const id = await registry.licenceOf(workId, licensee);
    out.say(`  ${licensee} ${licensed ? "IS" : "is NOT"} licensed for work ${workId}`);
    out.set("licensed", licensed);
    out.set("licenceId", id.toString());
    if (id !== 0n) {
      const licence = describeLicence(id, await registry.licence(id));
      out.table([licence]);
      out.set("licence", licence);
      out.set("terms", await describeTerms(hre, await registry.licenceTerms(id)));
    }
  },
);

interface CharterArgs extends TaskArgs {
  charterHash: string;
  deadlineSeconds: string;
  from?: string;
}

cosmoTask<CharterArgs>(
  "lic:accept-charter",
  "Sign (EIP-712) and record your acceptance of a commons charter",
  (t) =>
    t
      .addParam("charterHash", "Hash of the charter (0x + 64 hex digits)")
      .addOptionalParam("deadlineSeconds", "How long the signature stays valid", "3600")
      .addOptionalParam("from", "Signer account (index or address; default the first)"),
  async (args, hre, out) => {
    const charterHash = parseBytes32(args.charterHash, "charter-hash");
    const signer = await signerFor(hre, args.from);
    const registry = await registryAs(hre, signer);
    const address = await signer.getAddress();
    const block = await hre.ethers.provider.getBlock("latest");
    const deadline = BigInt(block?.timestamp ?? 0) + parseUint(args.deadlineSeconds, "deadline-seconds");
    const domain = registryDomain((await hre.ethers.provider.getNetwork()).chainId, await registry.getAddress());
    const nonce = await registry.nonces(address);
    const signature = await signer.signTypedData(domain, CHARTER_TYPES, {
      signer: address,
      charterHash,
      nonce,
      deadline,
    });
    await out.tx("accept charter", registry.acceptCharter(address, charterHash, deadline, signature));
    out.set("signer", address);
    out.set("charterHash", charterHash);
  },
);

interface ReasonArgs extends TaskArgs {
  licence: string;
  uri: string;
  hash?: string;
  from?: string;
}

const withReason = (t: Parameters<Parameters<typeof cosmoTask>[2]>[0], who: string, what: string) =>
  t
    .addParam("licence", "Licence id")
    .addParam("uri", `Where the ${what} is`)
    .addOptionalParam("hash", `Hash of the ${what} (0x + 64 hex digits)`)
    .addOptionalParam("from", `${who} account (index or address; default the first)`);

async function dueProcess(
  hre: HardhatRuntimeEnvironment,
  out: TaskOutput,
  args: ReasonArgs,
  step: "suspend" | "answer" | "reinstate" | "revoke",
): Promise<void> {
  const id = parseUint(args.licence, "licence");
  const hash = args.hash ? parseBytes32(args.hash, "hash") : ZeroHash;
  const registry = await registryAs(hre, await signerFor(hre, args.from));
  const sent = {
    suspend: () => registry.suspendLicence(id, args.uri, hash),
    answer: () => registry.answerSuspension(id, args.uri, hash),
    reinstate: () => registry.reinstateLicence(id, args.uri),
    revoke: () => registry.revokeLicence(id, args.uri, hash),
  }[step]();
  await out.tx(`${step} licence ${id}`, sent);
  const licence = describeLicence(id, await registry.licence(id));
  if (step === "suspend") out.say(`  the licensee may answer until ${licence.answerDeadline}`);
  out.set("licence", licence);
}

cosmoTask<ReasonArgs>(
  "lic:suspend",
  "Suspend a licence for breach, with a reason; the licensee may answer within the terms' window (steward only)",
  (t) => withReason(t, "Steward", "reason"),
  (args, hre, out) => dueProcess(hre, out, args, "suspend"),
);

cosmoTask<ReasonArgs>(
  "lic:answer",
  "Answer the suspension of your licence before its deadline (licensee only)",
  (t) => withReason(t, "Licensee", "answer"),
  (args, hre, out) => dueProcess(hre, out, args, "answer"),
);

cosmoTask<ReasonArgs>(
  "lic:reinstate",
  "Lift the suspension of a licence (steward only)",
  (t) => withReason(t, "Steward", "note"),
  (args, hre, out) => dueProcess(hre, out, args, "reinstate"),
);

cosmoTask<ReasonArgs>(
  "lic:revoke",
  "Revoke a suspended licence for good, once answered or past its answer window (steward only)",
  (t) => withReason(t, "Steward", "reason"),
  (args, hre, out) => dueProcess(hre, out, args, "revoke"),
);

interface WithdrawHeldArgs extends TaskArgs {
  to?: string;
  from?: string;
}

cosmoTask<WithdrawHeldArgs>(
  "lic:withdraw-held",
  "Withdraw the native fees held for a beneficiary that refused them",
  (t) =>
    t
      .addOptionalParam("to", "Where to send them (default the beneficiary itself)")
      .addOptionalParam("from", "Beneficiary account (index or address; default the first)"),
  async (args, hre, out) => {
    const signer = await signerFor(hre, args.from);
    const registry = await registryAs(hre, signer);
    const beneficiary = await signer.getAddress();
    const to = args.to ? parseAddress(args.to, "to") : beneficiary;
    const held = await registry.heldFees(beneficiary);
    if (held === 0n) throw new TaskInputError(`no fees are held for ${beneficiary}`);
    await out.tx(`withdraw held fees of ${beneficiary}`, registry.withdrawHeldFees(to));
    out.say(`  sent ${formatUnits(held, 18)} to ${to}`);
    out.set("withdrawn", held.toString());
    out.set("to", to);
  },
);
