/**
 * Funder / operator: the rounds of the chain, and a form to create one with its schedule, cap and
 * token (the chain's native currency, or an ERC-20 whose name, decimals and permit support are read
 * and shown as its address is typed).
 */
import { useState } from "react";
import { getAddress, isAddress, parseUnits, zeroAddress, zeroHash, type Address } from "viem";

import { listRounds, nativeToken, permitSupport, tokenInfo } from "../chain/data";
import { contractAddress } from "../chain/deployments";
import { Loading, useData, useSuite } from "../chain/hooks";
import { roundFactoryAbi } from "../generated";
import { Addr, amount, Field, TxForm, when } from "../ui";

export function Rounds() {
  const { d, client, account } = useSuite();
  const q = useData(["rounds"], (s) => listRounds(s.client, s.d));
  const [tokenInput, setTokenInput] = useState("");
  const typed = tokenInput.trim();
  const token = useData(
    ["token", typed.toLowerCase()],
    async (s) => {
      const info = await tokenInfo(s.client, s.d, getAddress(typed));
      const permit = await permitSupport(s.client, s.d, info.address, s.account ?? zeroAddress);
      return { ...info, permit: Boolean(permit) };
    },
    isAddress(typed),
  );
  const known = Object.entries(d.contracts).filter(([name]) => /token/i.test(name));
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
                {r.phase} · pool {amount(r.pool, r.asset)} · donations {when(r.schedule.donationsStart)} →{" "}
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
          const tokenText = String(f.get("token") || "").trim();
          if (tokenText && !isAddress(tokenText))
            throw new Error("The token is an ERC-20 contract's address (0x…), or empty for the native currency.");
          // Read here too, so the minimum is parsed in the token's own decimals even before the preview shows.
          const asset = tokenText ? await tokenInfo(client, d, getAddress(tokenText)) : nativeToken(d);
          let minDonation: bigint;
          try {
            minDonation = parseUnits(String(f.get("min") || "0"), asset.decimals);
          } catch {
            throw new Error(`The minimum donation is an amount of ${asset.symbol}, such as 0 or 0.5.`);
          }
          return {
            address: contractAddress(d, "roundFactory"),
            abi: roundFactoryAbi,
            functionName: "createRound",
            args: [
              {
                token: asset.address as Address,
                minDonation,
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
        <Field
          label={`Token (an ERC-20 address; empty for ${d.nativeSymbol})`}
          hint={known.length ? `Known on ${d.name}: ${known.map(([n]) => n).join(", ")}` : undefined}
        >
          <input
            name="token"
            placeholder="0x… (empty: native currency)"
            list="known-tokens"
            value={tokenInput}
            onChange={(e) => setTokenInput(e.target.value)}
          />
        </Field>
        <datalist id="known-tokens">
          {known.map(([name, c]) => (
            <option key={name} value={c.address} label={name} />
          ))}
        </datalist>
        <p data-testid="token-info" aria-live="polite">
          {!typed
            ? `Donations and matching in ${d.nativeSymbol}.`
            : !isAddress(typed)
              ? "Not an address yet."
              : token.error
                ? String(token.error.message)
                : token.data
                  ? `${token.data.name} (${token.data.symbol}), ${token.data.decimals} decimals, ${token.data.permit ? "takes EIP-2612 permits (donors sign instead of approving)" : "no permits (donors approve first)"}.`
                  : "Reading the token…"}
        </p>
        <Field label={`Minimum donation (${typed && token.data ? token.data.symbol : d.nativeSymbol})`}>
          <input name="min" inputMode="decimal" defaultValue="0" />
        </Field>
        <Field label="Reviewers (addresses, comma separated; yourself when empty)">
          <input name="reviewers" placeholder="0x…, 0x…" />
        </Field>
      </TxForm>
    </section>
  );
}
