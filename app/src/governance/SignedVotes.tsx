/**
 * Votes by signature: a voter signs an EIP-712 ballot (eth_signTypedData_v4, so smart-contract
 * wallets vote through EIP-1271) and hands the file to anyone, who relays it with
 * `castVoteWithReasonAndParamsBySig` and pays the gas.
 */
import { useState } from "react";
import { getAddress, type Address, type Hex } from "viem";
import { useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";

import { EXTENDED_BALLOT_TYPES } from "../../../scripts/lib/typed-data";
import type { CommunityDetail } from "../chain/data";
import { explain } from "../chain/errors";
import { useSend, useSuite } from "../chain/hooks";
import { communityGovernorAbi } from "../generated";
import { Field } from "../ui";

interface VoteFile {
  governor: Address;
  chainId: string;
  proposalId: string;
  support: number;
  voter: Address;
  reason: string;
  signature: Hex;
}

export function SignVote({ c, proposalId }: { c: CommunityDetail; proposalId: bigint }) {
  const config = useConfig();
  const { account, d, client } = useSuite();
  const [file, setFile] = useState<string>();
  const [error, setError] = useState<string>();
  const [support, setSupport] = useState(1);
  if (!account) return null;
  return (
    <div className="txform">
      <Field label="Sign a vote for someone to relay">
        <select value={support} onChange={(e) => setSupport(Number(e.target.value))} aria-label="Signed vote">
          <option value={1}>for</option>
          <option value={0}>against</option>
          <option value={2}>abstain</option>
        </select>
      </Field>
      <button
        type="button"
        className="secondary"
        onClick={async () => {
          setError(undefined);
          try {
            const gov = { address: c.governor, abi: communityGovernorAbi } as const;
            const [name, version, nonce] = await Promise.all([
              client.readContract({ ...gov, functionName: "name" }),
              client.readContract({ ...gov, functionName: "version" }),
              client.readContract({ ...gov, functionName: "nonces", args: [account] }),
            ]);
            const reason = "";
            const signature = await signTypedData(config, {
              domain: { name, version, chainId: d.chainId, verifyingContract: c.governor },
              types: EXTENDED_BALLOT_TYPES,
              primaryType: "ExtendedBallot",
              message: { proposalId, support, voter: account, nonce, reason, params: "0x" },
            });
            const f: VoteFile = {
              governor: c.governor,
              chainId: String(d.chainId),
              proposalId: String(proposalId),
              support,
              voter: account,
              reason,
              signature,
            };
            setFile(JSON.stringify(f, null, 2));
          } catch (e) {
            setError(explain(e));
          }
        }}
      >
        Sign vote
      </button>
      {file ? (
        <a
          download={`vote-${String(proposalId).slice(0, 8)}.json`}
          href={`data:application/json,${encodeURIComponent(file)}`}
        >
          vote.json (anyone can relay it)
        </a>
      ) : null}
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function RelayVote({ c }: { c: CommunityDetail }) {
  const { d } = useSuite();
  const tx = useSend();
  const [note, setNote] = useState<string>();
  return (
    <div className="txform">
      <Field
        label="Relay a signed vote"
        hint="A vote file signed by a member; you pay the gas, the vote counts as theirs."
      >
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            setNote(undefined);
            const f = e.target.files?.[0];
            e.target.value = "";
            if (!f) return;
            let v: VoteFile;
            try {
              v = JSON.parse(await f.text()) as VoteFile;
            } catch {
              return setNote("This file is not JSON.");
            }
            if (!v.signature || !v.voter || !v.proposalId) return setNote("This is not a signed vote.");
            if (Number(v.chainId) !== d.chainId || getAddress(v.governor) !== getAddress(c.governor)) {
              return setNote("This vote is for another community or chain.");
            }
            await tx.send("Relay a signed vote", {
              address: c.governor,
              abi: communityGovernorAbi,
              functionName: "castVoteWithReasonAndParamsBySig",
              args: [BigInt(v.proposalId), v.support, getAddress(v.voter), v.reason, "0x", v.signature],
            });
          }}
        />
      </Field>
      {note || tx.error ? (
        <p className="error" role="alert">
          {note ?? tx.error}
        </p>
      ) : null}
    </div>
  );
}
