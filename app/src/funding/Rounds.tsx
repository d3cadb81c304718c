/** Funder / operator: the rounds of the chain, and a form to create one with its schedule and cap. */
import { getAddress, isAddress, parseEther, zeroAddress, zeroHash } from "viem";

import { listRounds } from "../chain/data";
import { contractAddress } from "../chain/deployments";
import { Loading, useData, useSuite } from "../chain/hooks";
import { roundFactoryAbi } from "../generated";
import { Addr, eth, Field, TxForm, when } from "../ui";

export function Rounds() {
  const { d, client, account } = useSuite();
  const q = useData(["rounds"], (s) => listRounds(s.client, s.d));
  return (
    <section>
      <h1>Quadratic funding rounds</h1>
      <Loading what={q}>
        <ul className="cards">
          {(q.data ?? []).map((r) => (
            <li key={r.address} className="card">
              <a href={`#/round/${r.address}`}>
                <strong>{r.metadataURI || `Round ${r.index + 1}`}</strong>
              </a>
              <p>
                {r.phase} · pool {eth(r.pool)} ETH · donations {when(r.schedule.donationsStart)} →{" "}
                {when(r.schedule.donationsEnd)}
              </p>
              <p className="muted">
                operator <Addr a={r.operator} />
              </p>
            </li>
          ))}
        </ul>
      </Loading>
      <h2>Create a round</h2>
      <TxForm
        label="Create round"
        blocked={!account && "Connect a wallet first."}
        build={async (f) => {
          const now = (await client.getBlock()).timestamp;
          const mins = (name: string) => BigInt(Math.round(Number(f.get(name)) * 60));
          const applicationsStart = now + mins("opensIn");
          const applicationsEnd = applicationsStart + mins("applyFor");
          const donationsStart = applicationsEnd + mins("reviewFor");
          const donationsEnd = donationsStart + mins("donateFor");
          const reviewers = String(f.get("reviewers") || "")
            .split(/[\s,]+/)
            .filter(Boolean);
          if (!reviewers.length) reviewers.push(account!);
          for (const r of reviewers) if (!isAddress(r)) throw new Error(`Reviewer ${r} is not an address.`);
          const tallyHours = Number(f.get("tally") || "24");
          if (!(tallyHours >= 1 && tallyHours <= 720))
            throw new Error("The tally window lasts between 1 hour and 30 days (720 hours).");
          const extendDays = Number(f.get("extend") || "0");
          if (!(extendDays >= 0 && extendDays <= 365))
            throw new Error("The operator may extend donations by 0 to 365 days.");
          const maxDonationsEnd = donationsEnd + BigInt(Math.round(extendDays * 86_400));
          const capPercent = Number(f.get("cap") || "0");
          if (capPercent < 0 || capPercent > 100) throw new Error("The cap is a percentage between 0 and 100.");
          return {
            address: contractAddress(d, "roundFactory"),
            abi: roundFactoryAbi,
            functionName: "createRound",
            args: [
              {
                token: zeroAddress,
                minDonation: parseEther(String(f.get("min") || "0")),
                eligibility: zeroAddress,
                matchCapBps: Math.round(capPercent * 100),
                tallyWindow: Math.round(tallyHours * 3600),
                applicationsStart,
                applicationsEnd,
                donationsStart,
                donationsEnd,
                operator: account!,
                maxDonationsEnd,
                matchCapAmount: 0n,
                eligibilityConfig: zeroHash,
                reviewers: reviewers.map((r) => getAddress(r)),
                reviewThreshold: 1n,
                metadataURI: String(f.get("name")),
              },
            ],
          };
        }}
      >
        <Field label="Name or metadata URI">
          <input name="name" required placeholder="ipfs://… or a name" />
        </Field>
        <Field label="Applications open in (minutes)">
          <input name="opensIn" type="number" min="0" defaultValue="0" />
        </Field>
        <Field label="Applications last (minutes)">
          <input name="applyFor" type="number" min="1" defaultValue="10" />
        </Field>
        <Field label="Review lasts (minutes)">
          <input name="reviewFor" type="number" min="0" defaultValue="0" />
        </Field>
        <Field label="Donations last (minutes)">
          <input name="donateFor" type="number" min="0" defaultValue="60" />
        </Field>
        <Field label="Tally window after donations (hours, 1 to 720)">
          <input name="tally" type="number" min="1" max="720" step="any" defaultValue="24" />
        </Field>
        <Field label="The operator may extend donations by up to (days, 0 to 365)">
          <input name="extend" type="number" min="0" max="365" step="any" defaultValue="0" />
        </Field>
        <Field label="Match cap per project (% of the pool, 0 = none)">
          <input name="cap" type="number" min="0" max="100" defaultValue="0" />
        </Field>
        <Field label="Minimum donation (ETH)">
          <input name="min" inputMode="decimal" defaultValue="0" />
        </Field>
        <Field label="Reviewers (addresses, comma separated; yourself when empty)">
          <input name="reviewers" placeholder="0x…, 0x…" />
        </Field>
      </TxForm>
      <p className="muted">
        Rounds here take the chain's native token; ERC-20 rounds are created with `qf:create-round`.
      </p>
    </section>
  );
}
