/**
 * Governance: proposals with their state, schedule and tally (√tokens for quadratic communities),
 * the voter's weight at the snapshot; vote with a reason; propose common actions from forms; queue
 * and execute.
 */
import { encodeFunctionData, getAddress, isAddress, keccak256, parseEther, toBytes } from "viem";

import { governance, type CommunityDetail, type ProposalView } from "../chain/data";
import { Loading, useData, useSuite } from "../chain/hooks";
import { FederationProposals } from "../federation/Decisions";
import { communityGovernorAbi, communityMembershipAbi, contributionRegistryAbi } from "../generated";
import { Action, Bars, duration, eth, Field, TxForm, when } from "../ui";
import { proposal, useProposeBlocked, weight, type ProposalAction } from "./propose";
import { RelayVote, SignVote } from "./SignedVotes";

export function Governance({ c }: { c: CommunityDetail }) {
  const q = useData(["governance", c.id], (s) => governance(s.client, s.d, c, s.account));
  const g = q.data;
  const unit = c.counting === "quadratic" ? "√tokens" : "tokens";
  const propose = (description: string, actions: ProposalAction[]) => proposal(c, description, actions);
  const canPropose = useProposeBlocked(c);

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
              <FederationProposals c={c} />
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
