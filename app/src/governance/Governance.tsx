/**
 * Governance: proposals with their state, schedule and tally (√tokens for quadratic communities),
 * the voter's weight at the snapshot; vote with a reason; propose common actions from forms; queue
 * and execute.
 */
import {
  encodeFunctionData,
  getAddress,
  isAddress,
  keccak256,
  parseEther,
  toBytes,
  type Address,
  type Hex,
} from "viem";

import { governance, type CommunityDetail, type ProposalView } from "../chain/data";
import { Loading, useData, useSuite } from "../chain/hooks";
import type { ContractCall } from "../chain/transactions";
import {
  communityGovernorAbi,
  communityMembershipAbi,
  contributionRegistryAbi,
  federationFundingAbi,
  federationRegistryAbi,
} from "../generated";
import { Action, Bars, duration, eth, Field, TxForm, when } from "../ui";
import { RelayVote, SignVote } from "./SignedVotes";

/** A vote's weight as people read it: tokens, or √tokens for quadratic counting (isqrt of wei = √tokens × 1e9). */
function weight(v: bigint, counting: string): number {
  return counting === "quadratic" ? Number(v) / 1e9 : Number(v) / 1e18;
}

export function Governance({ c }: { c: CommunityDetail }) {
  const { account, d, client } = useSuite();
  const fedFunding = d.contracts.federationFunding?.address;
  const partners = c.affiliations.filter((a) => a.status === "active");
  const q = useData(["governance", c.id], (s) => governance(s.client, s.d, c, s.account));
  const g = q.data;
  const unit = c.counting === "quadratic" ? "√tokens" : "tokens";
  const fedRegistry = d.contracts.federationRegistry?.address;

  const propose = (description: string, actions: { target: Address; value: bigint; data: Hex }[]): ContractCall => ({
    address: c.governor,
    abi: communityGovernorAbi,
    functionName: "propose",
    args: [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.data), description],
  });
  const canPropose = !account
    ? "Connect a wallet first."
    : g && g.myWeightNow < g.threshold
      ? `Proposing needs ${weight(g.threshold, c.counting)} ${unit} of votes; you have ${weight(g.myWeightNow, c.counting).toFixed(3)} (delegate your tokens to yourself on the Profile tab).`
      : false;

  return (
    <section>
      <Loading what={q}>
        {g ? (
          <>
            <p className="muted">
              A vote opens {duration(g.votingDelay)} after a proposal, lasts {duration(g.votingPeriod)}, then waits{" "}
              {duration(g.timelockDelay)} in the timelock. Your votes now: {eth(g.myVotes)} tokens
              {g.myEarned !== g.myWeight
                ? ` (your contributions: ${eth(g.myEarned)} earned, weighing ${eth(g.myWeight)} now)`
                : ""}
              .
            </p>
            <h2>Proposals</h2>
            <RelayVote c={c} />
            {g.proposals.length === 0 ? <p>No proposal yet.</p> : null}
            {g.proposals.map((p) => (
              <Proposal key={String(p.id)} p={p} c={c} now={g.now} unit={unit} />
            ))}
            <h2>Propose</h2>
            <div className="forms">
              <TxForm
                label="Propose payment"
                blocked={canPropose}
                build={(f) => {
                  const to = String(f.get("to")).trim();
                  if (!isAddress(to)) throw new Error("The recipient is not an address (0x… with 40 hex digits).");
                  const amount = parseEther(String(f.get("amount")));
                  if (amount > c.treasury)
                    throw new Error(`The treasury holds ${eth(c.treasury)} ETH, less than that.`);
                  const why = String(f.get("why") || "").trim();
                  return propose(`Pay ${f.get("amount")} ETH to ${to}${why ? `: ${why}` : ""}`, [
                    { target: getAddress(to), value: amount, data: "0x" },
                  ]);
                }}
              >
                <h3>Pay from the treasury</h3>
                <Field label="Recipient">
                  <input name="to" required placeholder="0x…" />
                </Field>
                <Field label="Amount (ETH)">
                  <input name="amount" required inputMode="decimal" placeholder="1.5" />
                </Field>
                <Field label="Why">
                  <input name="why" placeholder="what it pays for" />
                </Field>
              </TxForm>
              <TxForm
                label="Propose admission"
                blocked={canPropose}
                build={(f) => {
                  const who = String(f.get("account")).trim();
                  if (!isAddress(who)) throw new Error("Not an address.");
                  return propose(`Admit ${who} as a member`, [
                    {
                      target: c.membership,
                      value: 0n,
                      data: encodeFunctionData({
                        abi: communityMembershipAbi,
                        functionName: "admit",
                        args: [getAddress(who)],
                      }),
                    },
                  ]);
                }}
              >
                <h3>Admit a member</h3>
                <Field label="Account">
                  <input name="account" required placeholder="0x…" />
                </Field>
              </TxForm>
              <TxForm
                label="Propose kind value"
                blocked={canPropose}
                build={(f) => {
                  const kind = BigInt(String(f.get("kind")));
                  const value = parseEther(String(f.get("value")));
                  return propose(
                    `Set the value of ${c.kinds[Number(kind)]?.name} to ${f.get("value")} tokens per unit`,
                    [
                      {
                        target: c.registry,
                        value: 0n,
                        data: encodeFunctionData({
                          abi: contributionRegistryAbi,
                          functionName: "setKindValue",
                          args: [kind, value],
                        }),
                      },
                    ],
                  );
                }}
              >
                <h3>Set a kind's value</h3>
                <Field label="Kind">
                  <select name="kind">
                    {c.kinds.map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.name}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Tokens per unit">
                  <input name="value" required inputMode="decimal" />
                </Field>
              </TxForm>
              {fedRegistry ? (
                <TxForm
                  label="Propose affiliation"
                  blocked={canPropose}
                  build={(f) => {
                    const other = String(f.get("with")).trim();
                    if (!isAddress(other)) throw new Error("Give the other community's timelock address.");
                    return propose(`Affiliate with ${other}`, [
                      {
                        target: fedRegistry,
                        value: 0n,
                        data: encodeFunctionData({
                          abi: federationRegistryAbi,
                          functionName: "affiliate",
                          args: [getAddress(other)],
                        }),
                      },
                    ]);
                  }}
                >
                  <h3>Affiliate with a community</h3>
                  <Field label="Its treasury (timelock) address">
                    <input name="with" required placeholder="0x…" />
                  </Field>
                </TxForm>
              ) : null}
              {fedRegistry ? (
                <TxForm
                  label="Propose vouch"
                  blocked={
                    canPropose ||
                    (!c.recognition.recognised &&
                      "Only a community the federation recognises can vouch for another (see the Federation tab).")
                  }
                  build={(f) => {
                    const other = String(f.get("community")).trim();
                    if (!isAddress(other)) throw new Error("Give the other community's timelock address.");
                    return propose(`Vouch for ${other} in the federation`, [
                      {
                        target: fedRegistry,
                        value: 0n,
                        data: encodeFunctionData({
                          abi: federationRegistryAbi,
                          functionName: "vouch",
                          args: [getAddress(other)],
                        }),
                      },
                    ]);
                  }}
                >
                  <h3>Vouch for a community (federation)</h3>
                  <Field label="The community to vouch for (its timelock address)">
                    <input name="community" required placeholder="0x…" />
                  </Field>
                </TxForm>
              ) : null}
              {fedFunding ? (
                <TxForm
                  label="Propose grant"
                  blocked={canPropose || (partners.length === 0 && "A grant needs an affiliated community.")}
                  build={async (f) => {
                    const to = getAddress(String(f.get("to")));
                    const total = parseEther(String(f.get("amount")));
                    const count = BigInt(Math.max(1, Number(f.get("tranches") || "1")));
                    const every = BigInt(Math.round(Number(f.get("days") || "0") * 86_400));
                    const now = (await client.getBlock()).timestamp;
                    const each = total / count;
                    const tranches = Array.from({ length: Number(count) }, (_, i) => ({
                      amount: i === Number(count) - 1 ? total - each * (count - 1n) : each,
                      dueAt: now + every * BigInt(i + 1),
                    }));
                    const purpose = String(f.get("purpose") || "");
                    const name = partners.find((p) => p.with === to)?.name ?? to;
                    return propose(
                      `Fund ${name}: ${f.get("amount")} ETH in ${count} tranche(s)${purpose ? ` for ${purpose}` : ""}`,
                      [
                        {
                          target: fedFunding,
                          value: total,
                          data: encodeFunctionData({
                            abi: federationFundingAbi,
                            functionName: "fund",
                            args: [to, to, "0x0000000000000000000000000000000000000000", tranches, purpose],
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
            </div>
          </>
        ) : null}
      </Loading>
    </section>
  );
}

function Proposal({ p, c, now, unit }: { p: ProposalView; c: CommunityDetail; now: bigint; unit: string }) {
  const { account } = useSuite();
  const descriptionHash = keccak256(toBytes(p.description));
  const ops = [p.targets, p.values, p.calldatas, descriptionHash] as const;
  const w = (v: bigint) => weight(v, c.counting);
  const voteBlocked = !account
    ? "Connect a wallet first."
    : p.state !== "Active"
      ? `Voting is closed (${p.state}).`
      : p.voted
        ? "You have voted."
        : p.myWeight === 0n
          ? "You had no votes at the snapshot (tokens must be delegated before the proposal)."
          : false;
  return (
    <div className="card" data-testid="proposal">
      <h3>{p.description}</h3>
      <p>
        <strong data-testid="proposal-state">{p.state}</strong> · vote {when(p.snapshot)} → {when(p.deadline)}
        {p.eta > 0n ? ` · executable from ${when(p.eta)}` : ""}
        {p.quorum > 0n ? ` · quorum ${w(p.quorum).toFixed(2)} ${unit}` : ""}
      </p>
      <Bars
        title={`Tally of proposal: for ${w(p.for)}, against ${w(p.against)}, abstain ${w(p.abstain)} ${unit}`}
        legend={[
          `for ${w(p.for).toFixed(2)}`,
          `against ${w(p.against).toFixed(2)}`,
          `abstain ${w(p.abstain).toFixed(2)} (${unit})`,
        ]}
        rows={[
          { label: "for", parts: [w(p.for)] },
          { label: "against", parts: [0, w(p.against)] },
          { label: "abstain", parts: [0, 0, w(p.abstain)] },
        ]}
      />
      {p.state === "Active" || p.state === "Pending" ? (
        <>
          <p className="muted">
            Your weight at the snapshot:{" "}
            {p.snapshot < now ? `${w(p.myWeight).toFixed(3)} ${unit}` : "known once the vote opens"}
          </p>
          <TxForm
            label="Vote"
            blocked={voteBlocked}
            build={(f) => ({
              address: c.governor,
              abi: communityGovernorAbi,
              functionName: "castVoteWithReason",
              args: [p.id, Number(f.get("support")), String(f.get("reason") ?? "")],
            })}
          >
            <fieldset>
              <legend>Your vote</legend>
              <label>
                <input type="radio" name="support" value="1" defaultChecked /> for
              </label>
              <label>
                <input type="radio" name="support" value="0" /> against
              </label>
              <label>
                <input type="radio" name="support" value="2" /> abstain
              </label>
            </fieldset>
            <Field label="Reason (optional)">
              <input name="reason" />
            </Field>
          </TxForm>
          {!voteBlocked ? <SignVote c={c} proposalId={p.id} /> : null}
        </>
      ) : null}
      {p.state === "Succeeded" ? (
        <Action
          label="Queue"
          call={{ address: c.governor, abi: communityGovernorAbi, functionName: "queue", args: ops }}
        />
      ) : null}
      {p.state === "Queued" ? (
        <Action
          label="Execute"
          blocked={p.eta > now && `Executable from ${when(p.eta)}.`}
          call={{ address: c.governor, abi: communityGovernorAbi, functionName: "execute", args: ops }}
        />
      ) : null}
      {p.state === "Expired" ? (
        <>
          <p className="muted">
            This proposal expired (not queued, or not executed, within 30 days). Anyone may cancel it, with its timelock
            operation, so that nobody can execute it later.
          </p>
          <Action
            kind="secondary"
            label="Cancel the expired proposal"
            call={{ address: c.governor, abi: communityGovernorAbi, functionName: "cancelExpired", args: ops }}
          />
        </>
      ) : null}
    </div>
  );
}
