/**
 * One round, for everyone who takes part: projects apply and follow their status, reviewers admit or
 * remove, funders fill the pool, donors put donations in the cart (with the match they would add),
 * anyone finalises, projects claim, funders reclaim the leftover, donors take refunds.
 */
import { useState, type FormEvent } from "react";
import { getAddress, isAddress, parseUnits, type Address } from "viem";

import { estimatedMatch, holding, matchAfter, roundDetail, type ProjectView, type RoundDetail } from "../chain/data";
import { Loading, useData, useNames, useSend, useSuite } from "../chain/hooks";
import { sendCall, TxError } from "../chain/transactions";
import { roundAbi } from "../generated";
import { Action, Addr, amount, Bars, duration, Field, num, Outcome, TxForm, when } from "../ui";
import { cart } from "./cart";
import { approveCall, authorisation, shortfall, signPermit } from "./spend";

export function RoundPage({ address }: { address: Address }) {
  const { account } = useSuite();
  const q = useData(["round", address], (s) => roundDetail(s.client, s.d, address, s.account));
  const r = q.data;
  const connected = !account && "Connect a wallet first.";
  return (
    <Loading what={q}>
      {r ? (
        <article>
          <h1>{r.metadataURI || "Round"}</h1>
          <p>
            Phase: <strong data-testid="round-phase">{r.phase}</strong> · matching pool{" "}
            <strong data-testid="pool">{amount(r.pool, r.asset)}</strong>
            {r.asset.native ? null : (
              <>
                {" "}
                · token <span data-testid="round-token">{r.asset.name}</span> <Addr a={r.asset.address} />
              </>
            )}
            {r.matchCapBps ? ` · each match capped at ${r.matchCapBps / 100} % of the pool` : ""}
          </p>
          {r.matching === "cluster" ? <ClusterNote r={r} /> : null}
          <ol className="schedule">
            <li>
              Applications {when(r.schedule.applicationsStart)} → {when(r.schedule.applicationsEnd)}
            </li>
            <li>
              Donations {when(r.schedule.donationsStart)} → {when(r.schedule.donationsEnd)}
              {r.maxDonationsEnd > r.schedule.donationsEnd
                ? ` (the operator may extend them to ${when(r.maxDonationsEnd)})`
                : ""}
            </li>
            <li data-testid="tally-window">
              Tally window {when(r.schedule.donationsEnd)} → {when(r.tallyWindowEnd)} ({duration(r.tallyWindow)}):
              reviewers may still remove projects and the operator cancel; anyone may finalise after it
            </li>
            {r.openClaimAt > 0n ? (
              <li data-testid="claim-period">
                {r.openClaimAt > r.now
                  ? `Until ${when(r.openClaimAt)}, only a project's owner or recipient may claim its payout; anyone after that`
                  : `Since ${when(r.openClaimAt)}, anyone may trigger a project's payout`}
              </li>
            ) : null}
          </ol>
          <Bars
            title="Donations and estimated matches per project"
            legend={["donations", "estimated match"]}
            rows={r.projects
              .filter((p) => p.status === "approved")
              .map((p) => ({
                label: `#${p.id} ${p.metadataURI}`.slice(0, 28),
                parts: [
                  num(p.donations, r.asset.decimals),
                  num(
                    r.phase === "finalised" ? p.match : estimatedMatch(p.idealMatch, r.totalIdealMatch, r.pool),
                    r.asset.decimals,
                  ),
                ],
              }))}
          />
          <h2>Projects</h2>
          {r.projects.length === 0 ? <p>No project has applied yet.</p> : null}
          {r.projects.map((p) => (
            <ProjectCard key={String(p.id)} r={r} p={p} />
          ))}
          {r.phase === "applications" ? (
            <>
              <h2>Apply</h2>
              <TxForm
                label="Apply"
                blocked={connected}
                build={(f) => {
                  const recipient = String(f.get("recipient") || account);
                  if (!isAddress(recipient)) throw new Error("The recipient is not an address.");
                  return {
                    address,
                    abi: roundAbi,
                    functionName: "applyProject",
                    args: [getAddress(recipient), String(f.get("uri"))],
                  };
                }}
              >
                <Field label="Project (name or metadata URI)">
                  <input name="uri" required />
                </Field>
                <Field label="Recipient of the funds (yours when empty)">
                  <input name="recipient" placeholder="0x…" />
                </Field>
              </TxForm>
            </>
          ) : null}
          <h2>Matching pool</h2>
          <p data-testid="my-funding">
            {r.myFunding > 0n || r.myReclaimed === 0n ? `You funded ${amount(r.myFunding, r.asset)}.` : ""}
            {r.phase === "finalised"
              ? ` ${amount(r.leftover, r.asset)} of the pool went to no project; it returns to the funders in proportion to what each gave.`
              : ""}
            {r.phase === "cancelled" ? " The round was cancelled: every funder takes back what they gave." : ""}
            {r.myReclaimed > 0n ? ` You took back ${amount(r.myReclaimed, r.asset)}.` : ""}
          </p>
          {["upcoming", "applications", "review", "donations"].includes(r.phase) ? (
            <FundForm r={r} blocked={connected} />
          ) : null}
          {r.phase === "tallying" ? (
            <Action
              label="Finalise the round"
              blocked={
                r.now < r.tallyWindowEnd &&
                `The tally window is open until ${when(r.tallyWindowEnd)}; the round can be finalised after it.`
              }
              call={{ address, abi: roundAbi, functionName: "finalize" }}
            />
          ) : null}
          {(r.phase === "finalised" || r.phase === "cancelled") && r.myFunding > 0n ? (
            <Action
              label={
                r.phase === "cancelled"
                  ? `Reclaim my ${amount(r.myReclaimable, r.asset)}`
                  : `Reclaim my share of the leftover (${amount(r.myReclaimable, r.asset)})`
              }
              blocked={
                r.myReclaimable === 0n && "Every project's match used the whole pool: there is no leftover to reclaim."
              }
              call={{ address, abi: roundAbi, functionName: "reclaimFunding" }}
            />
          ) : null}
          {r.isOperator && !["finalised", "cancelled"].includes(r.phase) ? (
            <Action
              kind="secondary"
              label="Cancel the round"
              call={{ address, abi: roundAbi, functionName: "cancel" }}
            />
          ) : null}
        </article>
      ) : null}
    </Loading>
  );
}

/**
 * Cluster (plural) matching in words: what counts, and which cluster(s) the connected donor's donations
 * count in (community addresses in a federation round, a groups file's ids otherwise).
 */
function ClusterNote({ r }: { r: RoundDetail }) {
  // myClusters is empty with no account connected; cluster 0 is the unaffiliated one.
  const mine = r.myClusters.filter((c) => c !== 0n);
  return (
    <p data-testid="my-clusters">
      Cluster matching: support from many different {r.clusterSource === "federation" ? "communities" : "groups"} counts
      for more than support from many accounts inside one.{" "}
      {r.myClusters.length === 0 ? (
        "Connect a wallet to see which cluster your donations count in."
      ) : mine.length === 0 ? (
        `Your donations ${r.myClustersFixed ? "count" : "would count"} in the unaffiliated cluster${
          r.clusterSource === "groups file" && !r.myClustersFixed
            ? " (prove your groups from the published file first: `npx hardhat qf:donate --clusters`)"
            : ""
        }.`
      ) : (
        <>
          Your donations {r.myClustersFixed ? "count" : "would count"} in {mine.length} cluster
          {mine.length > 1 ? "s, a share in each" : ""}:{" "}
          {mine.map((c, i) => (
            <span key={String(c)}>
              {i ? ", " : ""}
              {r.clusterSource === "federation" ? <Addr a={`0x${c.toString(16).padStart(40, "0")}`} /> : `#${c}`}
            </span>
          ))}
          {r.myClustersFixed ? " (fixed for this round)" : " (fixed at your first donation)"}.
        </>
      )}
    </p>
  );
}

function ProjectCard({ r, p }: { r: RoundDetail; p: ProjectView }) {
  const { account } = useSuite();
  const names = useNames([p.recipient]);
  const [gift, setGift] = useState("");
  let preview: bigint | undefined;
  try {
    if (gift) preview = matchAfter(r, p, p.myDonation, parseUnits(gift, r.asset.decimals));
  } catch {
    preview = undefined;
  }
  const current = estimatedMatch(p.idealMatch, r.totalIdealMatch, r.pool);
  const own = account && p.owner.toLowerCase() === account.toLowerCase();
  return (
    <div className="card" data-testid={`project-${p.id}`}>
      <h3>
        #{String(p.id)} {p.metadataURI}
      </h3>
      <p>
        <span data-testid="project-status">{p.status}</span> · donations {amount(p.donations, r.asset)} · estimated
        match {amount(r.phase === "finalised" ? p.match : current, r.asset)}
        {p.paid ? " · paid" : ""} · recipient <Addr a={p.recipient} names={names} />
        {p.myDonation > 0n ? ` · you gave ${amount(p.myDonation, r.asset)}` : ""}
        {p.myRefunded > 0n ? ` · refunded to you: ${amount(p.myRefunded, r.asset)}` : ""}
      </p>
      {p.status === "removed" ? (
        <p className="why" data-testid="removed-project">
          The reviewers removed this project: it gets no payout and its donors take their donations back.
        </p>
      ) : null}
      {r.isReviewer && ["applications", "review", "donations", "tallying"].includes(r.phase) ? (
        <p>
          {p.status === "pending" ? (
            <>
              <Action
                label={`Admit project ${p.id}`}
                call={{ address: r.address, abi: roundAbi, functionName: "reviewApplication", args: [p.id, true] }}
              />
              <Action
                kind="secondary"
                label={`Refuse project ${p.id}`}
                call={{ address: r.address, abi: roundAbi, functionName: "reviewApplication", args: [p.id, false] }}
              />
            </>
          ) : null}
          {p.status === "approved" ? (
            <Action
              kind="secondary"
              label={`Vote to remove project ${p.id}`}
              call={{ address: r.address, abi: roundAbi, functionName: "voteRemoval", args: [p.id] }}
            />
          ) : null}
          {p.removalVotes > 0 ? ` ${p.removalVotes} vote(s) to remove so far.` : ""}
        </p>
      ) : null}
      {p.status === "approved" && r.phase === "donations" ? (
        <div className="donate">
          <Field label={`Donation to project ${p.id} (${r.asset.symbol})`}>
            <input value={gift} onChange={(e) => setGift(e.target.value)} inputMode="decimal" placeholder="0.1" />
          </Field>
          {preview !== undefined ? (
            <small data-testid="match-preview">
              Its estimated match would go from {amount(current, r.asset)} to {amount(preview, r.asset)}.
            </small>
          ) : null}
          <button
            type="button"
            disabled={!gift || preview === undefined}
            onClick={() => {
              cart.put({
                round: r.address,
                projectId: String(p.id),
                amount: parseUnits(gift, r.asset.decimals).toString(),
                label: `#${p.id} ${p.metadataURI}`,
              });
              setGift("");
            }}
          >
            Add to cart
          </button>
        </div>
      ) : null}
      {r.phase === "finalised" && !p.paid && p.status === "approved" ? (
        <Action
          label={`Pay project ${p.id}`}
          blocked={
            r.openClaimAt > r.now &&
            !own &&
            account?.toLowerCase() !== p.recipient.toLowerCase() &&
            `Until ${when(r.openClaimAt)} only the project's owner or recipient may claim its payout.`
          }
          call={{ address: r.address, abi: roundAbi, functionName: "claim", args: [p.id] }}
        />
      ) : null}
      {own && !p.paid ? (
        <TxForm
          label="Change recipient"
          build={(f) => {
            const to = String(f.get("to"));
            if (!isAddress(to)) throw new Error("Not an address.");
            return { address: r.address, abi: roundAbi, functionName: "updateRecipient", args: [p.id, getAddress(to)] };
          }}
        >
          <Field label="New recipient">
            <input name="to" required placeholder="0x…" />
          </Field>
        </TxForm>
      ) : null}
      {p.myDonation > 0n && (r.phase === "cancelled" || p.status === "removed") ? (
        <Action
          label={`Refund my ${amount(p.myDonation, r.asset)}`}
          call={{ address: r.address, abi: roundAbi, functionName: "refund", args: [p.id] }}
        />
      ) : null}
    </div>
  );
}

/**
 * Funding the matching pool: native currency sent as value; an ERC-20 after a balance check, by a
 * permit signature (`fundWithPermit`) where the token takes permits, else an approval then `fund`.
 */
function FundForm({ r, blocked }: { r: RoundDetail; blocked: string | false }) {
  const { d, client, account } = useSuite();
  const tx = useSend();
  const [value, setValue] = useState("");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await tx.run("Fund the pool", async (ctx) => {
      let sum: bigint;
      try {
        sum = parseUnits(value, r.asset.decimals);
      } catch {
        throw new TxError(`Enter an amount of ${r.asset.symbol}, such as 10 or 2.5.`);
      }
      const fund = (args: readonly unknown[], v?: bigint) =>
        sendCall(ctx.config, ctx.chainId, "Fund the pool", {
          address: r.address,
          abi: roundAbi,
          functionName: args.length > 1 ? "fundWithPermit" : "fund",
          args,
          value: v,
        });
      if (r.asset.native) return fund([sum], sum);
      const h = await holding(client, d, r.asset.address, account!, r.address);
      const lacking = shortfall(h, sum);
      if (lacking) throw new TxError(lacking);
      const how = authorisation(h, sum);
      if (how === "permit") {
        const p = await signPermit(ctx, account!, h, r.address, sum);
        return fund([sum, p.deadline, p.v, p.r, p.s]);
      }
      if (how === "approve")
        await sendCall(
          ctx.config,
          ctx.chainId,
          `Approve ${amount(sum, h)} for the round`,
          approveCall(h, r.address, sum),
        );
      return fund([sum]);
    });
    if (ok) setValue("");
  };
  return (
    <form onSubmit={submit} className="txform">
      <Field label={`Amount (${r.asset.symbol})`}>
        <input name="amount" required inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <button type="submit" disabled={tx.busy || Boolean(blocked)}>
        {tx.busy ? "Fund the pool…" : "Fund the pool"}
      </button>
      {blocked ? <small className="why">{blocked}</small> : null}
      <Outcome error={tx.error} done={tx.done} />
    </form>
  );
}
