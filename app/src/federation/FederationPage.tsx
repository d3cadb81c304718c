/**
 * The federation as a whole: the founding act (once, by the founder named at deployment), every
 * registered community with where its recognition comes from, factory communities still to register,
 * the connected account's listings in the federated membership view (leave one), a signed listing to
 * relay, and a check of any account's federated membership.
 */
import { useState } from "react";
import { getAddress, isAddress, type Address } from "viem";

import { federatedMemberOf, federation, type FederationView } from "../chain/data";
import { Loading, useData, useSuite } from "../chain/hooks";
import { federatedMembershipAbi, federationRegistryAbi } from "../generated";
import { Action, Addr, Field, TxForm } from "../ui";
import { RelayListing } from "./SignedListing";

const same = (a?: string, b?: string) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

export function recognitionText(f: FederationView, c: FederationView["communities"][number]): string {
  const voucher = f.communities.find((x) => same(x.address, c.voucher))?.name ?? c.voucher;
  if (!c.recognised) {
    return c.voucher
      ? `not recognised (vouched for by ${voucher}, whose own recognition has lapsed)`
      : "not recognised";
  }
  if (c.founding) return "a founding community";
  return `vouched for by ${voucher}, ${c.depth} vouch(es) from a founding community`;
}

export function FederationPage() {
  const { d, account } = useSuite();
  const registry = d.contracts.federationRegistry?.address;
  const federated = d.contracts.federatedMembership?.address;
  const q = useData(["federation"], (s) => federation(s.client, s.d, s.account), Boolean(registry));
  if (!registry) return <p>The federation is not deployed on {d.name}.</p>;
  const f = q.data;
  return (
    <article>
      <h1>Federation</h1>
      <Loading what={q}>
        {f ? (
          <>
            <Founding f={f} registry={registry} />
            <h2>Communities</h2>
            <table data-testid="federation-communities">
              <thead>
                <tr>
                  <th scope="col">Community</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Recognition</th>
                </tr>
              </thead>
              <tbody>
                {f.communities.map((c) => (
                  <tr key={c.address} data-testid="federation-community">
                    <td>{c.factoryId ? <a href={`#/c/${c.factoryId}/federation`}>{c.name}</a> : c.name}</td>
                    <td>{c.kind}</td>
                    <td>{recognitionText(f, c)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {f.unregistered.length ? (
              <>
                <h3>Not registered yet</h3>
                <p className="muted">Anyone may list a community made by the factory; listing is not recognition.</p>
                <ul>
                  {f.unregistered.map((u) => (
                    <li key={u.id}>
                      {u.name}{" "}
                      <Action
                        kind="secondary"
                        label={`Register ${u.name}`}
                        call={{
                          address: registry,
                          abi: federationRegistryAbi,
                          functionName: "register",
                          args: [BigInt(u.id)],
                        }}
                      />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {federated ? (
              <>
                <h2>Federated membership</h2>
                {account && f.me ? <MyListings f={f} federated={federated} /> : <p>Connect a wallet to see yours.</p>}
                <RelayListing federated={federated} />
                <MemberCheck f={f} />
              </>
            ) : null}
          </>
        ) : null}
      </Loading>
    </article>
  );
}

function Founding({ f, registry }: { f: FederationView; registry: Address }) {
  const { account } = useSuite();
  if (f.founded) {
    return (
      <p data-testid="founding">
        Founded: the founding act named{" "}
        {f.communities
          .filter((c) => c.founding)
          .map((c) => c.name)
          .join(", ") || "communities that have since given up their founding status"}
        . From now on a community is recognised when a recognised community vouches for it by its vote (its Governance
        tab).
      </p>
    );
  }
  const isFounder = same(account, f.founder);
  const blocked = !account
    ? "Connect a wallet first."
    : !isFounder
      ? `Only the founder named at deployment (${f.founder}) performs the founding act.`
      : f.communities.length === 0
        ? "No community is registered yet: register the first ones below."
        : false;
  return (
    <section data-testid="founding">
      <h2>The founding act</h2>
      <p>
        The federation is not founded yet: no community is recognised, and nobody is a federated member. The founder
        named at deployment (<Addr a={f.founder} />) names its first communities, once, and has no power afterwards.
      </p>
      <TxForm
        label="Found the federation"
        blocked={blocked}
        build={(form) => {
          const chosen = form.getAll("founding").map((x) => getAddress(String(x)));
          if (chosen.length === 0) throw new Error("Choose at least one community.");
          return { address: registry, abi: federationRegistryAbi, functionName: "found", args: [chosen] };
        }}
      >
        <fieldset>
          <legend>Founding communities</legend>
          {f.communities.map((c) => (
            <label key={c.address}>
              <input type="checkbox" name="founding" value={c.address} /> {c.name} ({c.kind})
            </label>
          ))}
        </fieldset>
      </TxForm>
    </section>
  );
}

function MyListings({ f, federated }: { f: FederationView; federated: Address }) {
  const me = f.me!;
  const name = (a: string) => f.communities.find((c) => same(c.address, a))?.name ?? a;
  if (me.listed.length === 0) {
    return <p data-testid="my-listings">You list no community yet: list yours from its Federation tab.</p>;
  }
  return (
    <ul data-testid="my-listings">
      {me.listed.map((a) => (
        <li key={a}>
          {name(a)}:{" "}
          {me.memberOf.some((m) => same(m, a)) ? "counts now" : "no longer holds (not a member, or not recognised)"}{" "}
          <Action
            kind="secondary"
            label={`Leave ${name(a)}`}
            call={{ address: federated, abi: federatedMembershipAbi, functionName: "leave", args: [a] }}
          />
        </li>
      ))}
    </ul>
  );
}

function MemberCheck({ f }: { f: FederationView }) {
  const { client, d } = useSuite();
  const [answer, setAnswer] = useState<string>();
  const name = (a: string) => f.communities.find((c) => same(c.address, a))?.name ?? a;
  return (
    <form
      className="txform"
      onSubmit={async (e) => {
        e.preventDefault();
        const who = String(new FormData(e.currentTarget).get("who")).trim();
        if (!isAddress(who)) return setAnswer("Not an address (0x… with 40 hex digits).");
        const r = await federatedMemberOf(client, d, getAddress(who));
        setAnswer(
          r.isMember
            ? `${who} is a member of the federation through ${r.communities.map(name).join(", ")}.`
            : `${who} is not a member of any listed, recognised community.`,
        );
      }}
    >
      <Field label="Is this account a member of the federation?">
        <input name="who" required placeholder="0x…" />
      </Field>
      <button type="submit" className="secondary">
        Check
      </button>
      {answer ? (
        <p role="status" data-testid="member-check">
          {answer}
        </p>
      ) : null}
    </form>
  );
}
