/**
 * Federation: recognition (founding, or vouched for by whom), a member listing itself in the federated
 * membership (from its wallet, or by a signature anyone relays), affiliations, grants and their
 * tranche schedules, claiming due tranches and returning to the funder what an ended affiliation cut
 * off. The community's federation decisions are proposals (Governance tab, federation/Decisions.tsx).
 */
import { federatedListing, grantsOf, type CommunityDetail } from "../chain/data";
import { Loading, useData, useSuite } from "../chain/hooks";
import { federatedMembershipAbi, federationFundingAbi, federationRegistryAbi } from "../generated";
import { Action, Addr, eth, when } from "../ui";
import { SignListing } from "./SignedListing";

export function Federation({ c }: { c: CommunityDetail }) {
  const { d, account } = useSuite();
  const q = useData(["grants", c.id], (s) => grantsOf(s.client, s.d, c));
  const listing = useData(["federated-listing", c.id], (s) => federatedListing(s.client, s.d, c, s.account));
  const r = c.recognition;
  const l = listing.data;
  const funding = d.contracts.federationFunding?.address;
  const registry = d.contracts.federationRegistry?.address;
  return (
    <section>
      <h2>Recognition</h2>
      <p data-testid="recognition">
        {!c.registered
          ? "Not registered in the federation."
          : !r.recognised
            ? "Registered, not recognised: a recognised community's governance must vouch for it."
            : r.founding
              ? "Recognised: a founding community of the federation."
              : r.voucher
                ? `Recognised: vouched for by ${r.voucher.name}, ${r.depth} vouch(es) from a founding community.`
                : "Recognised."}
        {r.voucher && !r.recognised ? ` (vouched for by ${r.voucher.name}, whose own recognition has lapsed)` : ""}
      </p>
      {l?.address && account ? (
        <div data-testid="federated-listing">
          {l.listed ? (
            <p>You are listed as a member of this community in the federated membership.</p>
          ) : (
            <Action
              label="List me in the federation"
              blocked={
                (!l.member && "Only a member of this community can list it.") ||
                (!r.recognised && "The federation does not recognise this community yet.")
              }
              call={{ address: l.address, abi: federatedMembershipAbi, functionName: "join", args: [c.timelock] }}
            />
          )}
          {!l.listed && l.member && r.recognised ? <SignListing c={c} federated={l.address} /> : null}
        </div>
      ) : null}
      <p className="muted">
        The whole federation (the founding act, every community's recognition, signed listings to relay) is on the{" "}
        <a href="#/federation">Federation page</a>; this community's federation decisions are proposals on its{" "}
        <a href={`#/c/${c.id}/governance`}>Governance tab</a>.
      </p>
      <h2>Affiliations</h2>
      {!c.registered && registry ? (
        <Action
          label="Register in the federation"
          call={{ address: registry, abi: federationRegistryAbi, functionName: "register", args: [BigInt(c.id)] }}
        />
      ) : null}
      <ul>
        {c.affiliations.map((a) => (
          <li key={a.with}>
            {a.name} (<Addr a={a.with} />
            ): {a.status}
          </li>
        ))}
      </ul>
      <h2>Grants</h2>
      <Loading what={q}>
        {(q.data ?? []).length === 0 ? <p>No grant to or from this community.</p> : null}
        {(q.data ?? []).map((g) => {
          const incoming = g.beneficiary.toLowerCase() === c.timelock.toLowerCase();
          const max = g.tranches.reduce((s, t) => (t.amount > s ? t.amount : s), 1n);
          return (
            <div className="card" key={String(g.id)} data-testid="grant">
              <h3>
                Grant {String(g.id)} {incoming ? "from" : "to"} <Addr a={incoming ? g.funder : g.beneficiary} />
              </h3>
              <svg
                role="img"
                aria-label="Tranche schedule"
                viewBox={`0 0 ${g.tranches.length * 60} 50`}
                width={Math.min(360, g.tranches.length * 90)}
              >
                {g.tranches.map((t, i) => {
                  const h = (Number(t.amount) / Number(max)) * 30;
                  return (
                    <g key={i} transform={`translate(${i * 60} 0)`}>
                      <rect
                        x="8"
                        y={34 - h}
                        width="40"
                        height={h}
                        fill={t.paid ? "#8a8a8a" : t.returned ? "#b0413e" : "#2f7d4f"}
                      />
                      <text x="28" y="46" fontSize="8" textAnchor="middle" fill="currentColor">
                        {eth(t.amount)}
                      </text>
                    </g>
                  );
                })}
              </svg>
              <ul>
                {g.tranches.map((t, i) => (
                  <li key={i}>
                    {eth(t.amount)} ETH due {when(t.dueAt)}{" "}
                    {t.paid ? "(paid)" : t.returned ? "(returned to the funder)" : ""}
                  </li>
                ))}
              </ul>
              <p>Due now: {eth(g.claimable)} ETH</p>
              {funding ? (
                <Action
                  label="Claim due tranches"
                  blocked={g.claimable === 0n && "Nothing is due yet."}
                  call={{ address: funding, abi: federationFundingAbi, functionName: "claim", args: [g.id] }}
                />
              ) : null}
              {funding && g.reclaimable > 0n ? (
                <>
                  <p>
                    Cut off by the end of the affiliation: {eth(g.reclaimable)} ETH, which anyone may return to the
                    funder.
                  </p>
                  <Action
                    kind="secondary"
                    label="Return cut-off tranches to the funder"
                    call={{ address: funding, abi: federationFundingAbi, functionName: "reclaim", args: [g.id] }}
                  />
                </>
              ) : null}
            </div>
          );
        })}
      </Loading>
    </section>
  );
}
