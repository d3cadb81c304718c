/** The first screen: the communities of the chain, then the rounds and works. */
import { listCommunities } from "./chain/data";
import { Loading, useData, useSuite } from "./chain/hooks";
import { eth } from "./ui";

export function Home() {
  const { d } = useSuite();
  const q = useData(["communities"], (s) => listCommunities(s.client, s.d));
  return (
    <section>
      <h1>Communities on {d.name}</h1>
      <Loading what={q}>
        <ul className="cards" data-testid="communities">
          {(q.data ?? []).map((c) => (
            <li key={c.id} className="card">
              <a href={`#/c/${c.id}/profile`}>
                <strong>{c.name}</strong>
              </a>
              <p>
                {c.kind} · {c.counting} voting · treasury {eth(c.treasury)} ETH · {eth(c.supply)} {c.symbol}
              </p>
            </li>
          ))}
        </ul>
        {q.data?.length === 0 ? <p>No community yet: create one with `npx hardhat dao:create`.</p> : null}
      </Loading>
      <p>
        <a href="#/rounds">Quadratic funding rounds</a> · <a href="#/works">Works and licences</a>
      </p>
    </section>
  );
}
