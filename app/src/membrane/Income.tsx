/** Contributor income: the membrane's epochs, the split between treasury and contributors, claims. */
import { membrane, type CommunityDetail } from "../chain/data";
import { Loading, useData, useSuite } from "../chain/hooks";
import { membraneAbi } from "../generated";
import { Action, eth, num, when } from "../ui";

function Split({ treasury, contributors }: { treasury: bigint; contributors: bigint }) {
  const total = num(treasury) + num(contributors) || 1;
  const t = (num(treasury) / total) * 100;
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label={`Split: ${eth(treasury)} to the treasury, ${eth(contributors)} to contributors`}
        viewBox="0 0 100 12"
        width="100%"
      >
        <rect x="0" y="0" width={t} height="12" fill="#3b6ea8" />
        <rect x={t} y="0" width={100 - t} height="12" fill="#2f7d4f" />
      </svg>
      <figcaption>
        <span className="legend">
          <i style={{ background: "#3b6ea8" }} /> treasury {eth(treasury)}
        </span>
        <span className="legend">
          <i style={{ background: "#2f7d4f" }} /> contributors {eth(contributors)}
        </span>
      </figcaption>
    </figure>
  );
}

export function Income({ c }: { c: CommunityDetail }) {
  const { account } = useSuite();
  const q = useData(["membrane", c.id], (s) => membrane(s.client, c, s.account));
  const m = q.data;
  const open = (m?.epochs ?? []).filter((e) => e.myClaimable > 0n && !e.myClaimed);
  const total = open.reduce((s, e) => s + e.myClaimable, 0n);
  return (
    <section>
      <Loading what={q}>
        {m ? (
          <>
            <p>
              Income shared by the membrane: {m.shareBps / 100} % to the treasury, the rest to contributors by their
              tokens at each epoch's close.
            </p>
            <dl className="facts">
              <dt>Waiting for the next epoch</dt>
              <dd data-testid="pending-income">{eth(m.pendingIncome)} ETH</dd>
              <dt>Carried to the next epoch's contributors</dt>
              <dd data-testid="carried">{eth(m.carriedToContributors)} ETH</dd>
              <dt>Owed to the treasury</dt>
              <dd>{eth(m.treasuryOwed)} ETH</dd>
              <dt>Next close</dt>
              <dd>{m.nextCloseAt > m.now ? when(m.nextCloseAt) : "now"}</dd>
            </dl>
            <Action
              kind="secondary"
              label="Close the epoch"
              blocked={
                m.pendingIncome === 0n
                  ? "No income is waiting."
                  : m.nextCloseAt > m.now && `The epoch can close from ${when(m.nextCloseAt)}.`
              }
              call={{ address: c.membrane, abi: membraneAbi, functionName: "closeEpoch", args: [m.asset] }}
            />
            <Action
              kind="secondary"
              label="Pay the treasury"
              blocked={m.treasuryOwed === 0n && "The treasury is owed nothing."}
              call={{ address: c.membrane, abi: membraneAbi, functionName: "payTreasury", args: [m.asset] }}
            />
            <h2>Epochs (ETH)</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Epoch</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Income</th>
                  <th scope="col">Split</th>
                  <th scope="col">Yours</th>
                </tr>
              </thead>
              <tbody>
                {m.epochs.map((e) => (
                  <tr key={String(e.id)}>
                    <td>{String(e.id)}</td>
                    <td>{when(e.closedAt)}</td>
                    <td>{eth(e.income)}</td>
                    <td style={{ minWidth: 140 }}>
                      <Split treasury={e.toTreasury} contributors={e.toContributors} />
                    </td>
                    <td>{e.myClaimed ? "claimed" : eth(e.myClaimable)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p data-testid="my-income">
              You can claim {eth(total)} ETH from {open.length} epoch(s).
            </p>
            <Action
              label={`Claim ${open.length > 1 ? `${open.length} epochs` : "my share"}`}
              blocked={!account ? "Connect a wallet first." : open.length === 0 && "Nothing to claim for this account."}
              call={{
                address: c.membrane,
                abi: membraneAbi,
                functionName: "claim",
                args: [m.asset, open.map((e) => e.id)],
              }}
            />
          </>
        ) : null}
      </Loading>
    </section>
  );
}
