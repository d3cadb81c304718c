/**
 * What members sign and relay, in one place (the EIP-712 types follow the contracts' typehashes):
 *   - attest by signature: the attestor signs (eth_signTypedData_v4, so EIP-1271 wallets work) and
 *     gets the file `contrib:attest --signature-file` reads; anyone relays it;
 *   - load a file: an attestation to relay, a steward's voucher to redeem, or an epoch's tree file
 *     (`contrib:epoch-publish`) to claim this account's allocation with its proof.
 */
import { useState } from "react";
import { getAddress, type Address, type Hex } from "viem";
import { useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";

import { ATTESTATION_TYPES, DOMAIN_NAMES } from "../../../scripts/lib/typed-data";
import { attestationSubject, type AttestationSubject, type CommunityDetail } from "../chain/data";
import { explain } from "../chain/errors";
import { useSend, useSuite } from "../chain/hooks";
import { contributionRegistryAbi, epochAllocationsAbi } from "../generated";
import { Field, Outcome } from "../ui";

const DOMAIN_NAME = DOMAIN_NAMES.contributionRegistry;

/**
 * The attestation binds what is attested (contributor, kind, amount, evidence hash: scripts/lib/contributions.ts
 * ATTESTATION_TYPES), read from the registry by `attestationSubject`.
 */
export function attestationTypedData(
  chainId: number,
  registry: Address,
  id: bigint,
  subject: AttestationSubject,
  attestor: Address,
  deadline: bigint,
) {
  return {
    domain: { name: DOMAIN_NAME, version: "1", chainId, verifyingContract: registry },
    types: ATTESTATION_TYPES,
    primaryType: "Attestation" as const,
    message: {
      contributionId: id,
      contributor: subject.contributor,
      kind: subject.kind,
      amount: subject.amount,
      evidenceHash: subject.evidenceHash,
      attestor,
      deadline,
    },
  };
}

interface AttestationFile {
  registry: string;
  chainId: string;
  contributionId: string;
  attestor: string;
  deadline: string;
  signature: Hex;
}
export interface VoucherFile {
  registry: string;
  chainId: string;
  steward: string;
  voucher: { contributor: string; kind: string; units: string; id: string; deadline: string };
  signature: Hex;
}
interface TreeFile {
  epochs: string;
  chainId: string;
  epoch: string;
  claims: Record<string, { index: string; amount: string; proof: Hex[] }[]>;
}

/** "Sign my attestation" for a pending contribution: returns the file to hand to a relayer. */
export function SignAttestation({ c, id }: { c: CommunityDetail; id: bigint }) {
  const config = useConfig();
  const { account, d, client } = useSuite();
  const [file, setFile] = useState<string>();
  const [error, setError] = useState<string>();
  if (!account) return null;
  return (
    <span className="action">
      <button
        type="button"
        className="secondary"
        onClick={async () => {
          setError(undefined);
          try {
            // A week from now by the chain's clock (a local chain's may run ahead of the browser's).
            const deadline = (await client.getBlock()).timestamp + BigInt(7 * 86_400);
            const subject = await attestationSubject(client, c.registry, id);
            const signature = await signTypedData(
              config,
              attestationTypedData(d.chainId, c.registry, id, subject, account, deadline),
            );
            const f: AttestationFile = {
              registry: c.registry,
              chainId: String(d.chainId),
              contributionId: String(id),
              attestor: account,
              deadline: String(deadline),
              signature,
            };
            setFile(JSON.stringify(f, null, 2));
          } catch (e) {
            setError(explain(e));
          }
        }}
      >
        Sign attestation
      </button>
      {file ? (
        <a download={`attestation-${id}.json`} href={`data:application/json,${encodeURIComponent(file)}`}>
          attestation-{String(id)}.json (anyone can relay it)
        </a>
      ) : null}
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Loads a signed attestation, a voucher or an epoch tree file, and sends what it allows. */
export function LoadSignedFile({ c }: { c: CommunityDetail }) {
  const { account, d, client } = useSuite();
  const tx = useSend();
  const [note, setNote] = useState<string>();
  const load = async (text: string) => {
    setNote(undefined);
    let data: Partial<AttestationFile & VoucherFile & TreeFile>;
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      return setNote("This file is not JSON.");
    }
    if (data.chainId && Number(data.chainId) !== d.chainId) {
      return setNote(`This file is for chain ${data.chainId}; the app is on ${d.name} (chain ${d.chainId}).`);
    }
    if (data.claims && data.epochs) {
      if (getAddress(data.epochs) !== getAddress(c.epochs))
        return setNote("This tree file is for another community's epochs.");
      if (!account) return setNote("Connect a wallet first.");
      const mine = data.claims[getAddress(account)] ?? [];
      if (!mine.length) return setNote(`Epoch ${data.epoch} allocates nothing to ${account}.`);
      for (const leaf of mine) {
        const claimed = await client.readContract({
          address: c.epochs,
          abi: epochAllocationsAbi,
          functionName: "isClaimed",
          args: [BigInt(data.epoch!), BigInt(leaf.index)],
        });
        if (claimed) {
          setNote(`Your allocation ${leaf.index} of epoch ${data.epoch} was already claimed.`);
          continue;
        }
        await tx.send(`Claim epoch ${data.epoch} allocation`, {
          address: c.epochs,
          abi: epochAllocationsAbi,
          functionName: "claim",
          args: [BigInt(data.epoch!), BigInt(leaf.index), getAddress(account), BigInt(leaf.amount), leaf.proof],
        });
      }
      return;
    }
    if (data.voucher && data.steward && data.signature) {
      const v = data.voucher;
      return void tx.send("Redeem voucher", {
        address: c.registry,
        abi: contributionRegistryAbi,
        functionName: "redeemVoucher",
        args: [
          {
            contributor: getAddress(v.contributor),
            kind: Number(v.kind),
            units: BigInt(v.units),
            id: BigInt(v.id),
            deadline: BigInt(v.deadline),
          },
          getAddress(data.steward),
          data.signature,
        ],
      });
    }
    if (data.attestor && data.contributionId && data.signature) {
      return void tx.send(`Relay attestation of ${data.contributionId}`, {
        address: c.registry,
        abi: contributionRegistryAbi,
        functionName: "attestBySig",
        args: [BigInt(data.contributionId), getAddress(data.attestor), BigInt(data.deadline ?? "0"), data.signature],
      });
    }
    setNote("This is not an attestation, a voucher or an epoch tree file.");
  };
  return (
    <div className="txform">
      <Field
        label="Load a signed file"
        hint="An attestation to relay, a steward's voucher to redeem, or an epoch's tree file (contrib:epoch-publish) to claim your allocation."
      >
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (f) await load(await f.text());
            e.target.value = "";
          }}
        />
      </Field>
      <Outcome error={note ?? tx.error} done={tx.done} />
    </div>
  );
}
