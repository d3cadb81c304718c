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
          {w.myLicence
            ? ` Your licence #${w.myLicence.id}: ${w.myLicence.status}, ${w.myLicence.class}, expires ${when(w.myLicence.expiresAt)}.`
            : ""}
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
        <fieldset>
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
                const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
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
        <>
          <Action
            kind="secondary"
            label="Renew"
            blocked={!t.renewable && "These terms are not renewable."}
            call={{
              address: registry,
              abi: licenceRegistryAbi,
              functionName: "renewLicence",
              args: [w.myLicence.id],
              value: t.feePerPeriod,
            }}
          />
          {t.revenueShareBps ? (
            <TxForm
              label="Report revenue"
              build={(f) => {
                const revenue = parseEther(String(f.get("revenue")));
                const uri = String(f.get("uri") || "");
                return {
                  address: registry,
                  abi: licenceRegistryAbi,
                  functionName: "reportRevenue",
                  args: [w.myLicence!.id, revenue, uri, keccak256(toBytes(uri))],
                  value: (revenue * BigInt(t.revenueShareBps)) / 10_000n,
                };
              }}
            >
              <Field label="Revenue this period (ETH)">
                <input name="revenue" required inputMode="decimal" />
              </Field>
              <Field label="Report (URI)">
                <input name="uri" />
              </Field>
            </TxForm>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
