/** A member's contributions: submit with evidence, attest others', claim once cleared. */
import { keccak256, toBytes } from "viem";

import { contributions, isRemoved, type CommunityDetail } from "../chain/data";
import { Loading, useData, useSuite } from "../chain/hooks";
import { contributionRegistryAbi } from "../generated";
import { Action, Addr, eth, Field, TxForm, when } from "../ui";
import { LoadSignedFile, SignAttestation } from "./SignedFiles";

export function Contributions({ c, member }: { c: CommunityDetail; member: boolean }) {
  const { account } = useSuite();
  const q = useData(["contributions", c.id], (s) => contributions(s.client, s.d, c, s.account));
  const removed = useData(["removed", c.id], (s) => isRemoved(s.client, c, s.account));
  const me = account?.toLowerCase();
  const notMember = !account ? "Connect a wallet first." : !member ? "Only members can do this." : false;
  const mine = (q.data ?? []).filter((k) => k.contributor.toLowerCase() === me);
  const sum = (st: string[]) => mine.filter((k) => st.includes(k.status)).reduce((s, k) => s + k.amount, 0n);
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
          Yours: {eth(sum(["pending", "challenged"]))} pending, {eth(sum(["cleared"]))} claimable,{" "}
          {eth(sum(["claimed"]))} claimed.
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
                  <td>
                    {k.status} ({k.attestations}/{k.threshold}
                    {k.claimableAt > 0n ? `, claimable from ${when(k.claimableAt)}` : ""})
                  </td>
                  <td>
                    {k.status === "pending" && !own ? (
                      <Action
                        label="Attest"
                        blocked={notMember || (k.attestedByMe && "You have attested it.")}
                        call={{
                          address: c.registry,
                          abi: contributionRegistryAbi,
                          functionName: "attest",
                          args: [k.id],
                        }}
                      />
                    ) : null}
                    {k.status === "pending" && !own && member && !k.attestedByMe ? (
                      <SignAttestation c={c} id={k.id} />
                    ) : null}
                    {own && (k.status === "pending" || k.status === "cleared") ? (
                      <Action
                        label="Claim"
                        blocked={!k.claimable && `Claimable once attested and the challenge window has passed.`}
                        call={{
                          address: c.registry,
                          abi: contributionRegistryAbi,
                          functionName: "claim",
                          args: [k.id],
                        }}
                      />
                    ) : null}
                    {k.status === "pending" && !own && k.claimableAt > 0n ? (
                      <Action
                        kind="secondary"
                        label="Challenge"
                        blocked={notMember}
                        call={{
                          address: c.registry,
                          abi: contributionRegistryAbi,
                          functionName: "challenge",
                          args: [k.id, "ipfs://challenge"],
                        }}
                      />
                    ) : null}
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
