/**
 * A member's contributions: submit with evidence, attest others', challenge one with a reason, claim
 * once cleared; the community's stewards resolve challenges (uphold: rejected for good; dismiss:
 * cleared, and an attestation still missing re-opens it).
 */
import { useState } from "react";
import { keccak256, toBytes } from "viem";

import {
  contributions,
  isChallengeResolver,
  isRemoved,
  type CommunityDetail,
  type ContributionView,
} from "../chain/data";
import { Loading, useData, useSuite } from "../chain/hooks";
import { contributionRegistryAbi } from "../generated";
import { Action, Addr, eth, Field, TxForm, when } from "../ui";
import { LoadSignedFile, SignAttestation } from "./SignedFiles";

export function Contributions({ c, member }: { c: CommunityDetail; member: boolean }) {
  const { account } = useSuite();
  const q = useData(["contributions", c.id], (s) => contributions(s.client, s.d, c, s.account));
  const removed = useData(["removed", c.id], (s) => isRemoved(s.client, c, s.account));
  const resolver = useData(["resolver", c.id], (s) => isChallengeResolver(s.client, c, s.account));
  const me = account?.toLowerCase();
  const notMember = !account ? "Connect a wallet first." : !member ? "Only members can do this." : false;
  const mine = (q.data ?? []).filter((k) => k.contributor.toLowerCase() === me);
  const total = (ks: ContributionView[]) => ks.reduce((s, k) => s + k.amount, 0n);
  // Claimable is what the registry says is claimable now; a contribution cleared by a dismissed challenge
  // but short of its attestations still waits, like a pending or challenged one.
  const waiting = total(mine.filter((k) => ["pending", "challenged", "cleared"].includes(k.status) && !k.claimable));
  return (
    <section>
      {removed.data ? (
        <p className="error" data-testid="removed">
          Governance removed you from this community: you cannot submit or claim until it admits you again (an
          endorsement cannot).
        </p>
      ) : null}
      <h2>Submit a contribution</h2>
      <TxForm
        label="Submit contribution"
        blocked={notMember}
        build={(f) => {
          const units = BigInt(String(f.get("units") || "0"));
          const evidence = String(f.get("evidence") ?? "").trim();
          if (!evidence) throw new Error("Give a link to the evidence (photos, a report …).");
          return {
            address: c.registry,
            abi: contributionRegistryAbi,
            functionName: "submit",
            args: [BigInt(String(f.get("kind"))), units, evidence, keccak256(toBytes(evidence))],
          };
        }}
      >
        <Field label="Kind">
          <select name="kind">
            {c.kinds
              .filter((k) => k.active)
              .map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name} ({eth(k.valuePerUnit)} per unit)
                </option>
              ))}
          </select>
        </Field>
        <Field label="Units">
          <input name="units" type="number" min="1" step="1" defaultValue="1" required />
        </Field>
        <Field label="Evidence (URI)" hint="Its keccak-256 hash is recorded beside it.">
          <input name="evidence" type="text" placeholder="ipfs://…" required />
        </Field>
      </TxForm>
      {account ? (
        <p data-testid="my-contributions">
          Yours: {eth(waiting)} pending, {eth(total(mine.filter((k) => k.claimable)))} claimable,{" "}
          {eth(total(mine.filter((k) => k.status === "claimed")))} claimed.
        </p>
      ) : null}
      <h2>Vouchers, epoch allocations, signed attestations</h2>
      <LoadSignedFile c={c} />
      <h2>Contributions</h2>
      <Loading what={q}>
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Contributor</th>
              <th scope="col">Kind</th>
              <th scope="col">Tokens</th>
              <th scope="col">Status</th>
              <th scope="col">Act</th>
            </tr>
          </thead>
          <tbody>
            {(q.data ?? []).map((k) => {
              const own = k.contributor.toLowerCase() === me;
              return (
                <tr key={String(k.id)} data-testid={`contribution-${k.id}`}>
                  <td>{String(k.id)}</td>
                  <td>
                    <Addr a={k.contributor} />
                  </td>
                  <td>
                    {k.units.toString()} × {c.kinds[k.kind]?.name}
                  </td>
                  <td>{eth(k.amount)}</td>
                  <td data-testid="contribution-status">
                    <Status k={k} />
                  </td>
                  <td>
                    <Acts
                      c={c}
                      k={k}
                      own={own}
                      member={member}
                      notMember={notMember}
                      resolver={Boolean(resolver.data)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Loading>
    </section>
  );
}

/** A contribution's status in words: its attestations, when it becomes claimable, its challenge and how it ended. */
function Status({ k }: { k: ContributionView }) {
  return (
    <>
      {k.status} ({k.attestations}/{k.threshold}
      {k.claimableAt > 0n && ["pending", "cleared"].includes(k.status) ? `, claimable from ${when(k.claimableAt)}` : ""}
      )
      {k.status === "challenged" && k.challenge ? (
        <small className="why" data-testid="challenge">
          Challenged by <Addr a={k.challenge.challenger} />: {k.challenge.reasonURI}. A steward or governance decides;
          nothing can be claimed until then.
        </small>
      ) : null}
      {k.resolution && k.status !== "challenged" ? (
        <small className="why" data-testid="resolution">
          {k.resolution.upheld
            ? "The challenge was upheld: rejected for good"
            : k.claimableAt === 0n
              ? "The challenge was dismissed: cleared, and it still needs its attestations"
              : "The challenge was dismissed: cleared"}{" "}
          by <Addr a={k.resolution.resolver} /> ({k.resolution.reasonURI}).
        </small>
      ) : null}
    </>
  );
}

/** What the connected account may do with one contribution now, and why not otherwise. */
function Acts({
  c,
  k,
  own,
  member,
  notMember,
  resolver,
}: {
  c: CommunityDetail;
  k: ContributionView;
  own: boolean;
  member: boolean;
  notMember: string | false;
  resolver: boolean;
}) {
  const [reason, setReason] = useState("");
  const registry = { address: c.registry, abi: contributionRegistryAbi } as const;
  // The registry accepts attestations until a contribution is rejected or claimed; one after a dismissal
  // that left it short of its threshold re-opens it.
  const attestable =
    !own && (k.status === "pending" || k.status === "challenged" || (k.status === "cleared" && k.claimableAt === 0n));
  // Open to challenge while pending and before its challenge window has passed.
  const challengeable = !own && k.status === "pending" && !k.claimable;
  const reasonField = (label: string) => (
    <Field label={`${label} #${k.id} (URI)`}>
      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="ipfs://…" />
    </Field>
  );
  const noReason = !reason.trim() && "Give a link to your reason first.";
  return (
    <>
      {attestable ? (
        <Action
          label="Attest"
          blocked={notMember || (k.attestedByMe && "You have attested it.")}
          call={{ ...registry, functionName: "attest", args: [k.id] }}
        />
      ) : null}
      {k.status === "pending" && !own && member && !k.attestedByMe ? <SignAttestation c={c} id={k.id} /> : null}
      {own && (k.status === "pending" || k.status === "cleared") ? (
        <Action
          label="Claim"
          blocked={!k.claimable && `Claimable once attested and the challenge window has passed.`}
          call={{ ...registry, functionName: "claim", args: [k.id] }}
        />
      ) : null}
      {challengeable && member ? (
        <div className="challenge">
          {reasonField("Why you challenge")}
          <Action
            kind="secondary"
            label="Challenge"
            blocked={noReason}
            call={() => Promise.resolve({ ...registry, functionName: "challenge", args: [k.id, reason.trim()] })}
          />
        </div>
      ) : null}
      {k.status === "challenged" && resolver ? (
        <div className="resolve">
          {reasonField("Your decision on")}
          <Action
            label="Uphold the challenge"
            blocked={noReason}
            call={() =>
              Promise.resolve({ ...registry, functionName: "resolveChallenge", args: [k.id, true, reason.trim()] })
            }
          />
          <Action
            kind="secondary"
            label="Dismiss the challenge"
            blocked={noReason}
            call={() =>
              Promise.resolve({ ...registry, functionName: "resolveChallenge", args: [k.id, false, reason.trim()] })
            }
          />
        </div>
      ) : null}
      {k.status === "challenged" && !resolver && member ? (
        <small className="why">Only a steward or a governance vote can resolve a challenge.</small>
      ) : null}
    </>
  );
}
