/**
 * The federation decisions a community takes by its own vote, each a form that proposes it in the
 * community's governor (members then vote, queue and execute it on the Governance tab): affiliate
 * with a community of the other kind (or accept its proposal), end an affiliation, vouch for a
 * registered community (recognising it), withdraw a recognition it gave (or its own), fund a grant
 * to an affiliated community. Each form offers only what the community may do now and says why not.
 */
import { encodeFunctionData, getAddress, parseEther, zeroAddress, type Address } from "viem";

import { federation, type CommunityDetail, type FederationView } from "../chain/data";
import { useData, useSuite } from "../chain/hooks";
import { federationFundingAbi, federationRegistryAbi } from "../generated";
import { proposal, useProposeBlocked } from "../governance/propose";
import { Field, TxForm } from "../ui";

const same = (a?: string, b?: string) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/** What the community may decide in the federation now, and why not otherwise. */
export function federationChoices(c: CommunityDetail, f: FederationView) {
  const me = f.communities.find((x) => same(x.address, c.timelock));
  const others = f.communities.filter((x) => !same(x.address, c.timelock));
  const affiliation = (a: Address) => c.affiliations.find((x) => same(x.with, a));
  const ownProposal = c.kind === "bioregion" ? "proposed by the bioregion" : "proposed by the guild";
  const toAffiliate = others.filter((x) => {
    const a = affiliation(x.address);
    return x.kind !== c.kind && a?.status !== "active" && a?.status !== ownProposal;
  });
  const toVouch = others.filter((x) => !x.recognised);
  const toWithdraw = f.communities.filter(
    (x) => same(x.voucher, c.timelock) || (same(x.address, c.timelock) && (x.founding || Boolean(x.voucher))),
  );
  return {
    registered: Boolean(me),
    toAffiliate: toAffiliate.map((x) => ({
      ...x,
      theyProposed: Boolean(affiliation(x.address)?.status.startsWith("proposed")),
    })),
    toLeave: c.affiliations,
    toVouch,
    vouchBlocked: !me
      ? "This community is not registered in the federation (Federation tab)."
      : !me.recognised
        ? "Only a community the federation recognises can vouch for another (see the Federation tab)."
        : me.depth >= f.maxDepth
          ? `This community is ${me.depth} vouches from a founding community, the most allowed: a community it vouched for would be too far.`
          : toVouch.length === 0
            ? "Every registered community is recognised already."
            : (false as const),
    toWithdraw,
  };
}

export function FederationProposals({ c }: { c: CommunityDetail }) {
  const { d, client } = useSuite();
  const registry = d.contracts.federationRegistry?.address;
  const funding = d.contracts.federationFunding?.address;
  const q = useData(["federation"], (s) => federation(s.client, s.d, s.account), Boolean(registry));
  const blocked = useProposeBlocked(c);
  const f = q.data;
  if (!registry || !f) return null;
  const choices = federationChoices(c, f);
  const notRegistered = !choices.registered && "Register this community in the federation first (Federation tab).";
  const call = (functionName: "affiliate" | "leave" | "vouch" | "withdrawRecognition", who: Address) => ({
    target: registry,
    value: 0n,
    data: encodeFunctionData({ abi: federationRegistryAbi, functionName, args: [who] }),
  });
  const nameOf = (a: string) => f.communities.find((x) => same(x.address, a))?.name ?? a;
  const partners = c.affiliations.filter((a) => a.status === "active");
  return (
    <>
      <TxForm
        label="Propose affiliation"
        blocked={
          blocked ||
          notRegistered ||
          (choices.toAffiliate.length === 0 &&
            `No registered ${c.kind === "bioregion" ? "guild" : "bioregion"} is left to affiliate with.`)
        }
        build={(form) => {
          const other = getAddress(String(form.get("with")));
          const accepting = choices.toAffiliate.find((x) => same(x.address, other))?.theyProposed;
          return proposal(c, `${accepting ? "Accept the affiliation with" : "Affiliate with"} ${nameOf(other)}`, [
            call("affiliate", other),
          ]);
        }}
      >
        <h3>Affiliate with a community (federation)</h3>
        <Field label="Community to affiliate with">
          <select name="with">
            {choices.toAffiliate.map((x) => (
              <option key={x.address} value={x.address}>
                {x.name}
                {x.theyProposed ? " (they proposed: accept)" : ""}
              </option>
            ))}
          </select>
        </Field>
      </TxForm>
      <TxForm
        label="Propose leaving"
        blocked={blocked || (choices.toLeave.length === 0 && "This community has no affiliation or proposal to end.")}
        build={(form) => {
          const other = getAddress(String(form.get("leave")));
          const a = choices.toLeave.find((x) => same(x.with, other));
          return proposal(
            c,
            a?.status === "active"
              ? `End the affiliation with ${a.name}`
              : `Withdraw the affiliation proposal to ${a?.name ?? other}`,
            [call("leave", other)],
          );
        }}
      >
        <h3>End an affiliation (federation)</h3>
        <Field
          label="Affiliation to end"
          hint="Grant payments falling due after the end stop; those already due stay the recipient's."
        >
          <select name="leave">
            {choices.toLeave.map((a) => (
              <option key={a.with} value={a.with}>
                {a.name} ({a.status})
              </option>
            ))}
          </select>
        </Field>
      </TxForm>
      <TxForm
        label="Propose vouch"
        blocked={blocked || choices.vouchBlocked}
        build={(form) => {
          const other = getAddress(String(form.get("community")));
          return proposal(c, `Vouch for ${nameOf(other)} in the federation`, [call("vouch", other)]);
        }}
      >
        <h3>Vouch for a community (federation)</h3>
        <Field
          label="Community to vouch for"
          hint="It is recognised once the proposal is executed, on this community's word."
        >
          <select name="community">
            {choices.toVouch.map((x) => (
              <option key={x.address} value={x.address}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
      </TxForm>
      <TxForm
        label="Propose withdrawal"
        blocked={
          blocked ||
          (choices.toWithdraw.length === 0 &&
            "This community vouched for nobody and holds no recognition of its own to give up.")
        }
        build={(form) => {
          const other = getAddress(String(form.get("withdraw")));
          return proposal(c, `Withdraw the recognition of ${nameOf(other)}`, [call("withdrawRecognition", other)]);
        }}
      >
        <h3>Withdraw a recognition (federation)</h3>
        <Field
          label="Recognition to withdraw"
          hint="The community, and every community recognised on its word, stop counting at once, for good."
        >
          <select name="withdraw">
            {choices.toWithdraw.map((x) => (
              <option key={x.address} value={x.address}>
                {same(x.address, c.timelock) ? `${x.name} (this community's own)` : x.name}
              </option>
            ))}
          </select>
        </Field>
      </TxForm>
      {funding ? (
        <TxForm
          label="Propose grant"
          blocked={blocked || (partners.length === 0 && "A grant needs an affiliated community.")}
          build={async (form) => {
            const to = getAddress(String(form.get("to")));
            const total = parseEther(String(form.get("amount")));
            const count = BigInt(Math.max(1, Number(form.get("tranches") || "1")));
            const every = BigInt(Math.round(Number(form.get("days") || "0") * 86_400));
            const now = (await client.getBlock()).timestamp;
            const each = total / count;
            const tranches = Array.from({ length: Number(count) }, (_, i) => ({
              amount: i === Number(count) - 1 ? total - each * (count - 1n) : each,
              dueAt: now + every * BigInt(i + 1),
            }));
            const purpose = String(form.get("purpose") || "");
            return proposal(
              c,
              `Fund ${nameOf(to)}: ${form.get("amount")} ETH in ${count} tranche(s)${purpose ? ` for ${purpose}` : ""}`,
              [
                {
                  target: funding,
                  value: total,
                  data: encodeFunctionData({
                    abi: federationFundingAbi,
                    functionName: "fund",
                    args: [to, to, zeroAddress, tranches, purpose],
                  }),
                },
              ],
            );
          }}
        >
          <h3>Fund a grant (federation)</h3>
          <Field label="Affiliated community">
            <select name="to">
              {partners.map((p) => (
                <option key={p.with} value={p.with}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Total (ETH)">
            <input name="amount" required inputMode="decimal" />
          </Field>
          <Field label="Tranches">
            <input name="tranches" type="number" min="1" defaultValue="1" />
          </Field>
          <Field label="Days between tranches">
            <input name="days" inputMode="decimal" defaultValue="1" />
          </Field>
          <Field label="Purpose (URI)">
            <input name="purpose" />
          </Field>
        </TxForm>
      ) : null}
    </>
  );
}
