/**
 * Stewards and their budgets: what each steward's vouchers may mint per 30-day period
 * (`ContributionRegistry.stewardBudget`, set by governance with `setStewardBudget`), what they minted
 * this period and what is left; a steward signs a voucher within what is left (EIP-712, the file a
 * member redeems under "Vouchers, epoch allocations, signed attestations"); members propose a budget.
 */
import { useState } from "react";
import { encodeFunctionData, getAddress, isAddress, parseEther, toHex } from "viem";
import { useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";

import { DOMAIN_NAMES, VOUCHER_TYPES } from "../../../scripts/lib/typed-data";
import { stewardBudgets, type CommunityDetail, type StewardBudgetView } from "../chain/data";
import { explain } from "../chain/errors";
import { Loading, useData, useSuite } from "../chain/hooks";
import { contributionRegistryAbi } from "../generated";
import { proposal, useProposeBlocked } from "../governance/propose";
import { Addr, duration, eth, Field, TxForm, when } from "../ui";
import type { VoucherFile } from "./SignedFiles";

const left = (s: StewardBudgetView) => (s.budget > s.spent ? s.budget - s.spent : 0n);

export function StewardBudgets({ c }: { c: CommunityDetail }) {
  const { account } = useSuite();
  const q = useData(["steward-budgets", c.id], (s) => stewardBudgets(s.client, s.d, c));
  const blocked = useProposeBlocked(c);
  const data = q.data;
  const mine = data?.stewards.find((s) => account && s.steward.toLowerCase() === account.toLowerCase());
  return (
    <section>
      <h2>Stewards and their budgets</h2>
      <Loading what={q}>
        {data ? (
          <>
            <p className="muted">
              A steward's vouchers may mint at most its budget per {duration(data.period)} period; governance sets each
              budget (0 refuses its vouchers).
            </p>
            {data.stewards.length === 0 ? <p>This community has no steward.</p> : null}
            <table data-testid="steward-budgets">
              <thead>
                <tr>
                  <th scope="col">Steward</th>
                  <th scope="col">Budget per period</th>
                  <th scope="col">Minted this period</th>
                  <th scope="col">Left until</th>
                </tr>
              </thead>
              <tbody>
                {data.stewards.map((s) => (
                  <tr key={s.steward} data-testid="steward-budget">
                    <td>
                      <Addr a={s.steward} />
                    </td>
                    <td>{eth(s.budget)} tokens</td>
                    <td>{eth(s.spent)}</td>
                    <td>
                      {eth(left(s))} until {when(s.periodEndsAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {mine ? <SignVoucher c={c} steward={mine} /> : null}
            <TxForm
              label="Propose steward budget"
              blocked={blocked || (data.stewards.length === 0 && "This community has no steward to give a budget.")}
              build={(f) => {
                const steward = getAddress(String(f.get("steward")));
                const amount = String(f.get("budget")).trim();
                const budget = parseEther(amount);
                return proposal(c, `Steward budget of ${steward}: ${amount} tokens per 30 days`, [
                  {
                    target: c.registry,
                    value: 0n,
                    data: encodeFunctionData({
                      abi: contributionRegistryAbi,
                      functionName: "setStewardBudget",
                      args: [steward, budget],
                    }),
                  },
                ]);
              }}
            >
              <h3>Set a steward's budget (governance)</h3>
              <Field label="Steward">
                <select name="steward">
                  {data.stewards.map((s) => (
                    <option key={s.steward} value={s.steward}>
                      {s.steward}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label="Tokens per period"
                hint="0 refuses the steward's vouchers from the proposal's execution on."
              >
                <input name="budget" required inputMode="decimal" />
              </Field>
            </TxForm>
          </>
        ) : null}
      </Loading>
    </section>
  );
}

/** A steward signs a voucher (no transaction) within what its budget has left this period. */
function SignVoucher({ c, steward }: { c: CommunityDetail; steward: StewardBudgetView }) {
  const config = useConfig();
  const { d, client, account } = useSuite();
  const [file, setFile] = useState<VoucherFile>();
  const [error, setError] = useState<string>();
  const remaining = left(steward);
  const members = c.members.filter((m) => m.account.toLowerCase() !== account?.toLowerCase());
  return (
    <form
      className="txform"
      data-testid="sign-voucher"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        setFile(undefined);
        const f = new FormData(e.currentTarget);
        try {
          const contributor = String(f.get("contributor"));
          if (!isAddress(contributor)) throw new Error("Choose a member.");
          const kind = Number(f.get("kind"));
          const units = BigInt(String(f.get("units") || "0"));
          if (units <= 0n) throw new Error("Enter a number of units above zero.");
          const k = c.kinds[kind];
          if (!k?.active) throw new Error("That kind is no longer accepted.");
          const amount = units * k.valuePerUnit;
          if (amount > remaining) {
            throw new Error(
              `This voucher is worth ${eth(amount)} tokens; your budget has ${eth(remaining)} left until ${when(steward.periodEndsAt)}.`,
            );
          }
          const id = BigInt(toHex(crypto.getRandomValues(new Uint8Array(8))));
          const deadline = (await client.getBlock()).timestamp + 30n * 86_400n;
          const voucher = { contributor: getAddress(contributor), kind, units, id, deadline };
          const signature = await signTypedData(config, {
            domain: {
              name: DOMAIN_NAMES.contributionRegistry,
              version: "1",
              chainId: d.chainId,
              verifyingContract: c.registry,
            },
            types: VOUCHER_TYPES,
            primaryType: "Voucher",
            message: voucher,
          });
          setFile({
            registry: c.registry,
            chainId: String(d.chainId),
            steward: steward.steward,
            voucher: {
              contributor: voucher.contributor,
              kind: String(kind),
              units: String(units),
              id: String(id),
              deadline: String(deadline),
            },
            signature,
          });
        } catch (err) {
          setError(explain(err));
        }
      }}
    >
      <h3>Sign a voucher (you are a steward)</h3>
      <p data-testid="my-budget">
        Your vouchers may mint {eth(remaining)} more tokens until {when(steward.periodEndsAt)}.
      </p>
      <Field label="Member">
        <select name="contributor">
          {members.map((m) => (
            <option key={m.account} value={m.account}>
              {m.account}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Kind of work">
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
        <input name="units" required inputMode="numeric" defaultValue="1" />
      </Field>
      <button type="submit" className="secondary" disabled={remaining === 0n}>
        Sign voucher
      </button>
      {remaining === 0n ? <small className="why">Your budget has nothing left this period.</small> : null}
      {file ? (
        <a
          download={`voucher-${file.voucher.id}.json`}
          href={`data:application/json,${encodeURIComponent(JSON.stringify(file, null, 2))}`}
        >
          voucher.json (for {file.voucher.contributor.slice(0, 8)}… to redeem)
        </a>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
