/** A community: its profile, members, treasury, contribution kinds and affiliations, and its tabs. */
import { communityDetail, isMember } from "../chain/data";
import { Loading, useData, useNames, useSuite } from "../chain/hooks";
import { contributionTokenAbi } from "../generated";
import { Contributions } from "../contributions/Contributions";
import { StewardBudgets } from "../contributions/StewardBudgets";
import { Federation } from "../federation/Federation";
import { Governance } from "../governance/Governance";
import { Income } from "../membrane/Income";
import { Action, Addr, duration, eth } from "../ui";

const TABS = [
  ["profile", "Profile"],
  ["contributions", "Contributions"],
  ["governance", "Governance"],
  ["income", "Income"],
  ["federation", "Federation"],
] as const;

export function CommunityPage({ id, tab }: { id: number; tab: string }) {
  const { account } = useSuite();
  const q = useData(["community", id], (s) => communityDetail(s.client, s.d, id));
  const member = useData(
    ["isMember", id],
    (s) => (q.data ? isMember(s.client, q.data, s.account) : Promise.resolve(false)),
    Boolean(q.data),
  );
  const c = q.data;
  const names = useNames(c?.members.map((m) => m.account) ?? []);
  return (
    <Loading what={q}>
      {c ? (
        <article>
          <header className="community-head">
            <h1>{c.name}</h1>
            <p className="muted">
              {c.kind === "bioregion" ? "A bioregion (place)" : `A guild (practice: ${c.identity.domain})`} ·{" "}
              {c.counting === "quadratic" ? "quadratic voting (√tokens)" : "one token, one vote"} ·{" "}
              {account ? (member.data ? "you are a member" : "you are not a member") : "connect a wallet to act"}
            </p>
          </header>
          <nav className="tabs" aria-label="Community sections">
            {TABS.map(([t, label]) => (
              <a key={t} href={`#/c/${id}/${t}`} aria-current={t === tab ? "page" : undefined}>
                {label}
              </a>
            ))}
          </nav>
          {tab === "profile" ? (
            <section>
              <dl className="facts">
                <dt>Treasury (its timelock)</dt>
                <dd data-testid="treasury">{eth(c.treasury)} ETH</dd>
                <dt>Token</dt>
                <dd>
                  {c.symbol}, {eth(c.supply)} issued
                </dd>
                {c.kind === "bioregion" ? (
                  <>
                    <dt>Area</dt>
                    <dd>{c.identity.areaURI}</dd>
                  </>
                ) : null}
                <dt>Charter</dt>
                <dd>{c.identity.charterURI}</dd>
                <dt>Attestations</dt>
                <dd>
                  {String(c.attestationThreshold)} needed, then a {duration(c.challengeWindow)} challenge window
                </dd>
              </dl>
              <p>
                {c.halfLife === 0n
                  ? "Contribution weight does not fade: what members earned is what they weigh."
                  : `Contribution weight fades: it halves every ${duration(c.halfLife)}, so recent work weighs more than old work.`}
              </p>
              <h2>Members ({c.members.length})</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col">Earned</th>
                    <th scope="col">Weight now</th>
                    <th scope="col">Votes</th>
                  </tr>
                </thead>
                <tbody>
                  {c.members.map((m) => (
                    <tr key={m.account}>
                      <td>
                        <Addr a={m.account} names={names} />
                      </td>
                      <td>{eth(m.tokens)}</td>
                      <td>{eth(m.weight)}</td>
                      <td>{eth(m.votes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {account && member.data ? (
                <Action
                  kind="secondary"
                  label="Delegate my votes to myself"
                  blocked={
                    c.members.find((m) => m.account.toLowerCase() === account.toLowerCase())?.delegate.toLowerCase() ===
                      account.toLowerCase() && "Your votes are already delegated to you."
                  }
                  call={{ address: c.token, abi: contributionTokenAbi, functionName: "delegate", args: [account] }}
                />
              ) : null}
              <h2>Contribution kinds</h2>
              <ul>
                {c.kinds.map((k) => (
                  <li key={k.id}>
                    {k.name}: {eth(k.valuePerUnit)} tokens per unit{k.active ? "" : " (retired)"}
                  </li>
                ))}
              </ul>
              <h2>Affiliations</h2>
              {c.registered ? (
                c.affiliations.length ? (
                  <ul>
                    {c.affiliations.map((a) => (
                      <li key={a.with}>
                        {a.name}: {a.status}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>None yet.</p>
                )
              ) : (
                <p>Not registered in the federation.</p>
              )}
            </section>
          ) : null}
          {tab === "contributions" ? (
            <>
              <Contributions c={c} member={Boolean(member.data)} />
              <StewardBudgets c={c} />
            </>
          ) : null}
          {tab === "governance" ? <Governance c={c} /> : null}
          {tab === "income" ? <Income c={c} /> : null}
          {tab === "federation" ? <Federation c={c} /> : null}
        </article>
      ) : null}
    </Loading>
  );
}
