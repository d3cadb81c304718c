/**
 * Licensee: works and their terms, the class that applies to the connected account and its cost,
 * charter acceptance by EIP-712 signature, requesting and paying a licence with the fee cap pinned,
 * renewing, reporting revenue; and verifying anyone's licence.
 */
import { useState } from "react";
import { getAddress, isAddress, keccak256, parseEther, toBytes, zeroHash } from "viem";
import { useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";

import { CHARTER_TYPES, DOMAIN_NAMES } from "../../../scripts/lib/typed-data";
import { heldFees, listWorks, verifyLicence, type WorkView } from "../chain/data";
import { contractAddress } from "../chain/deployments";
import { explain } from "../chain/errors";
import { Loading, useData, useSend, useSuite } from "../chain/hooks";
import { licenceRegistryAbi } from "../generated";
import { Action, Addr, duration, eth, Field, TxForm, when } from "../ui";

export function Works() {
  const q = useData(["works"], (s) => listWorks(s.client, s.d, s.account));
  const { d, client, account } = useSuite();
  const held = useData(["held-fees"], (s) => heldFees(s.client, s.d, s.account));
  const [verified, setVerified] = useState<string>();
  return (
    <section>
      <h1>Works and licences</h1>
      {account && held.data ? (
        <div className="card" data-testid="held-fees">
          <p>{eth(held.data)} ETH of licence fees are held for you (your account refused them when they were paid).</p>
          <Action
            label="Withdraw held fees"
            call={{
              address: contractAddress(d, "licenceRegistry"),
              abi: licenceRegistryAbi,
              functionName: "withdrawHeldFees",
              args: [account],
            }}
          />
        </div>
      ) : null}
      <Loading what={q}>
        {(q.data ?? []).map((w) => (
          <WorkCard key={String(w.id)} w={w} />
        ))}
      </Loading>
      <h2>Verify a licence</h2>
      <form
        className="txform"
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const who = String(f.get("licensee"));
          if (!isAddress(who)) return setVerified("That is not an address.");
          const ok = await verifyLicence(client, d, BigInt(String(f.get("work"))), getAddress(who));
          setVerified(ok ? "Licensed: the licence is active." : "Not licensed for this work.");
        }}
      >
        <Field label="Work number">
          <input name="work" type="number" min="1" defaultValue="1" />
        </Field>
        <Field label="Licensee">
          <input name="licensee" required placeholder="0x…" />
        </Field>
        <button type="submit">Verify</button>
        {verified ? (
          <p role="status" data-testid="verified">
            {verified}
          </p>
        ) : null}
      </form>
    </section>
  );
}

function WorkCard({ w }: { w: WorkView }) {
  const { account, d, client } = useSuite();
  const config = useConfig();
  const relay = useSend();
  const registry = contractAddress(d, "licenceRegistry");
  const [sigError, setSigError] = useState<string>();
  const t = w.terms;
  const applies = w.commonsUser ? "commons" : "commercial";
  const licensed = w.myLicence && (w.myLicence.status === "active" || w.myLicence.status === "requested");
  const blocked = !account ? "Connect a wallet first." : licensed ? "You already hold a licence for this work." : false;
  return (
    <div className="card" data-testid={`work-${w.id}`}>
      <h2>
        {String(w.id)}. {w.title}
      </h2>
      <p className="muted">
        {w.uri} · steward <Addr a={w.steward} /> · income to <Addr a={w.beneficiary} /> · terms v
        {String(w.termsVersion)} ({t.uri})
      </p>
      <ul>
        <li>
          Commons use (members, recognised cooperatives
          {t.charterHash !== zeroHash ? ", signatories of the charter" : ""}): free
        </li>
        <li>
          Commercial use: {eth(t.feePerPeriod)} ETH per {duration(t.period)}
          {t.revenueShareBps ? ` + ${t.revenueShareBps / 100} % of revenue` : ""}
          {t.commercialAutoGrant ? ", granted at once" : ", granted by the steward"}
        </li>
      </ul>
      {account ? (
        <p data-testid="applies">
          For you: <strong>{applies}</strong> ({applies === "commons" ? "free" : `${eth(t.feePerPeriod)} ETH`}).
          {w.myLicence ? (
            <span data-testid="my-licence">
              {" "}
              Your licence #{String(w.myLicence.id)}: {w.myLicence.status}, {w.myLicence.class}
              {w.myLicence.status === "requested" ? ", waiting for the steward" : ""}
              {w.myLicence.awaitingPayment
                ? ", granted: pay its first fee to use it"
                : w.myLicence.status === "active"
                  ? `, ${expiry(w.myLicence.expiresAt)}`
                  : ""}
              .
            </span>
          ) : null}
        </p>
      ) : null}
      <TxForm
        label="Request licence"
        blocked={blocked}
        build={(f) => {
          const cls = Number(f.get("class"));
          const maxFee = cls === 2 ? parseEther(String(f.get("maxFee") || "0")) : 0n;
          const value = cls === 2 && t.commercialAutoGrant ? t.feePerPeriod : 0n;
          if (cls === 2 && maxFee < t.feePerPeriod) {
            throw new Error(`The fee is ${eth(t.feePerPeriod)} ETH; raise your cap to at least that.`);
          }
          return {
            address: registry,
            abi: licenceRegistryAbi,
            functionName: "requestLicence",
            // The terms version shown on this card: the request fails if the steward changed the terms since.
            args: [w.id, w.termsVersion, cls, maxFee, t.revenueShareBps],
            value,
          };
        }}
      >
        {/* Keyed by the class that applies, so the choice follows it (e.g. once the charter is signed). */}
        <fieldset key={applies}>
          <legend>Class</legend>
          <label>
            <input type="radio" name="class" value="1" defaultChecked={applies === "commons"} /> commons
          </label>
          <label>
            <input type="radio" name="class" value="2" defaultChecked={applies === "commercial"} /> commercial
          </label>
          <label>
            <input type="radio" name="class" value="0" /> non-commercial
          </label>
        </fieldset>
        <p className="muted" data-testid="pinned-version">
          You accept terms v{String(w.termsVersion)} as shown; if they change before your request is mined, nothing is
          sent and you can review the new ones. A charter signatory's first commons licence waits for the steward.
        </p>
        <Field
          label="Most I accept to pay per period (ETH)"
          hint="Pinned in the licence: a later fee rise cannot charge you more."
        >
          <input name="maxFee" inputMode="decimal" defaultValue={eth(t.feePerPeriod, 18)} />
        </Field>
      </TxForm>
      {t.charterHash !== zeroHash && account && !w.commonsUser ? (
        <p>
          <button
            type="button"
            onClick={async () => {
              setSigError(undefined);
              try {
                // An hour from now by the chain's clock, which the registry checks (a local chain's may run ahead).
                const deadline = (await client.getBlock()).timestamp + 3600n;
                const nonce = await client.readContract({
                  address: registry,
                  abi: licenceRegistryAbi,
                  functionName: "nonces",
                  args: [account],
                });
                const signature = await signTypedData(config, {
                  domain: {
                    name: DOMAIN_NAMES.licenceRegistry,
                    version: "1",
                    chainId: d.chainId,
                    verifyingContract: registry,
                  },
                  types: CHARTER_TYPES,
                  primaryType: "CharterAcceptance",
                  message: { signer: account, charterHash: t.charterHash, nonce, deadline },
                });
                // Anyone may relay the signature; here the signer's own wallet does.
                await relay.send("Accept the charter", {
                  address: registry,
                  abi: licenceRegistryAbi,
                  functionName: "acceptCharter",
                  args: [account, t.charterHash, deadline, signature],
                });
              } catch (e) {
                setSigError(explain(e));
              }
            }}
          >
            Accept the charter by signature
          </button>
          {sigError || relay.error ? (
            <span className="error" role="alert">
              {" "}
              {sigError ?? relay.error}
            </span>
          ) : null}
        </p>
      ) : null}
      {w.myLicence && w.myLicence.status === "active" && w.myLicence.class === "commercial" ? (
        <LicenceUpkeep w={w} licence={w.myLicence} />
      ) : null}
      {w.stewardship ? <Stewardship w={w} /> : null}
    </div>
  );
}

/** max uint64: a licence with no period never expires. */
const NO_EXPIRY = 2n ** 64n - 1n;
const expiry = (t: bigint) => (t === NO_EXPIRY ? "never expires" : `valid until ${when(t)}`);
const hashOf = (uri: string) => (uri ? keccak256(toBytes(uri)) : zeroHash);

/**
 * A commercial licensee's upkeep, under the terms its licence holds (not the work's newest ones): the
 * first fee of a licence the steward granted, renewals, revenue reports with their share.
 */
function LicenceUpkeep({ w, licence }: { w: WorkView; licence: NonNullable<WorkView["myLicence"]> }) {
  const { d } = useSuite();
  const registry = contractAddress(d, "licenceRegistry");
  const t = licence.terms;
  const [revenue, setRevenue] = useState("");
  let share: bigint | undefined;
  try {
    share = revenue ? (parseEther(revenue) * BigInt(t.revenueShareBps)) / 10_000n : undefined;
  } catch {
    share = undefined;
  }
  const renew = {
    address: registry,
    abi: licenceRegistryAbi,
    functionName: "renewLicence",
    args: [licence.id],
    value: t.feePerPeriod,
  } as const;
  return (
    <div className="upkeep" data-testid="licence-upkeep">
      {licence.awaitingPayment ? (
        <Action label={`Pay the first fee (${eth(t.feePerPeriod)} ETH)`} call={renew} />
      ) : (
        <Action
          kind="secondary"
          label={`Renew for ${duration(t.period)} (${eth(t.feePerPeriod)} ETH)`}
          blocked={
            (!t.renewable || t.period === 0n) &&
            "The terms of your licence are not renewable; request a new licence under the current terms."
          }
          call={renew}
        />
      )}
      {t.revenueShareBps && !licence.awaitingPayment ? (
        <TxForm
          label="Report revenue"
          build={(f) => {
            if (share === undefined) throw new Error("Enter the revenue as a number of ETH.");
            const uri = String(f.get("uri") || "").trim();
            return {
              address: registry,
              abi: licenceRegistryAbi,
              functionName: "reportRevenue",
              args: [licence.id, parseEther(revenue), uri, hashOf(uri)],
              value: share,
            };
          }}
          onDone={() => setRevenue("")}
        >
          <Field label={`Revenue earned with work ${w.id} (ETH)`}>
            <input
              name="revenue"
              required
              inputMode="decimal"
              value={revenue}
              onChange={(e) => setRevenue(e.target.value)}
            />
          </Field>
          <Field label="Report (URI)" hint="Its keccak-256 hash is recorded beside it.">
            <input name="uri" placeholder="ipfs://…" />
          </Field>
          <p className="muted" data-testid="revenue-share">
            Your licence's terms take {t.revenueShareBps / 100} % of revenue
            {share !== undefined ? `: this report pays ${eth(share, 18)} ETH to the work's community.` : "."}
          </p>
        </TxForm>
      ) : null}
    </div>
  );
}

/** The steward's desk for one work: licence requests to grant or refuse, every licence, the revenue reported. */
function Stewardship({ w }: { w: WorkView }) {
  const { d } = useSuite();
  const registry = { address: contractAddress(d, "licenceRegistry"), abi: licenceRegistryAbi } as const;
  const { licences, reports } = w.stewardship!;
  const [reason, setReason] = useState("");
  return (
    <section className="stewardship" data-testid="stewardship" aria-label={`Stewardship of work ${w.id}`}>
      <h3>You steward this work</h3>
      <table>
        <caption>Licences</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Licensee</th>
            <th scope="col">Class</th>
            <th scope="col">Status</th>
            <th scope="col">Act</th>
          </tr>
        </thead>
        <tbody>
          {licences.map((l) => (
            <tr key={String(l.id)} data-testid={`licence-${l.id}`}>
              <td>{String(l.id)}</td>
              <td>
                <Addr a={l.licensee} />
              </td>
              <td>{l.class}</td>
              <td>
                {l.status}
                {l.awaitingPayment
                  ? " (first fee not paid yet)"
                  : l.status === "active"
                    ? `, ${expiry(l.expiresAt)}`
                    : ""}
              </td>
              <td>
                {l.status === "requested" ? (
                  <>
                    <Action
                      label={`Grant licence ${l.id}`}
                      call={{ ...registry, functionName: "grantLicence", args: [l.id] }}
                    />
                    <Field label={`Why you refuse licence ${l.id} (URI)`}>
                      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="ipfs://…" />
                    </Field>
                    <Action
                      kind="secondary"
                      label={`Refuse licence ${l.id}`}
                      blocked={!reason.trim() && "Give a link to your reason first."}
                      call={() =>
                        Promise.resolve({
                          ...registry,
                          functionName: "refuseLicence",
                          args: [l.id, reason.trim(), hashOf(reason.trim())],
                        })
                      }
                    />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="revenue-reports">
        <caption>Revenue reported</caption>
        <thead>
          <tr>
            <th scope="col">Licence</th>
            <th scope="col">Licensee</th>
            <th scope="col">Revenue</th>
            <th scope="col">Share paid</th>
            <th scope="col">Report</th>
          </tr>
        </thead>
        <tbody>
          {reports.length === 0 ? (
            <tr>
              <td colSpan={5}>No revenue reported yet.</td>
            </tr>
          ) : null}
          {reports.map((r) => (
            <tr key={`${r.licenceId}-${r.block}-${r.reportURI}`} data-testid="revenue-report">
              <td>{String(r.licenceId)}</td>
              <td>
                <Addr a={r.licensee} />
              </td>
              <td>{eth(r.revenue)} ETH</td>
              <td>{eth(r.share, 18)} ETH</td>
              <td>{r.reportURI || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
