/**
 * A signed listing in the federated membership view: a member signs an EIP-712
 * `Join(account, community, nonce, deadline)` (eth_signTypedData_v4, so smart-contract wallets sign
 * through EIP-1271) and hands the file to anyone, who relays it with `joinWithSignature` and pays the
 * gas. The listing counts as the member's own; the nonce makes the signature good once.
 */
import { useState } from "react";
import { getAddress, isAddress, type Address, type Hex } from "viem";
import { useConfig } from "wagmi";
import { signTypedData } from "wagmi/actions";

import { DOMAIN_NAMES, JOIN_TYPES } from "../../../scripts/lib/typed-data";
import type { CommunityDetail } from "../chain/data";
import { explain } from "../chain/errors";
import { useSend, useSuite } from "../chain/hooks";
import { federatedMembershipAbi } from "../generated";
import { Field, Outcome, when } from "../ui";

/** The file a member hands to a relayer. */
export interface ListingFile {
  federatedMembership: Address;
  chainId: string;
  account: Address;
  community: Address;
  communityName: string;
  nonce: string;
  deadline: string;
  signature: Hex;
}

/** How long a signed listing stays good. */
const VALID_FOR = 7n * 86_400n;

export function SignListing({ c, federated }: { c: CommunityDetail; federated: Address }) {
  const config = useConfig();
  const { account, d, client } = useSuite();
  const [file, setFile] = useState<ListingFile>();
  const [error, setError] = useState<string>();
  if (!account) return null;
  return (
    <div className="txform">
      <p className="muted">
        Or sign your listing (no gas) and hand the file to anyone who relays it for you; it is good for 7 days and once.
      </p>
      <button
        type="button"
        className="secondary"
        onClick={async () => {
          setError(undefined);
          try {
            const [nonce, block] = await Promise.all([
              client.readContract({
                address: federated,
                abi: federatedMembershipAbi,
                functionName: "nonces",
                args: [account],
              }),
              client.getBlock(),
            ]);
            const deadline = block.timestamp + VALID_FOR;
            const signature = await signTypedData(config, {
              domain: {
                name: DOMAIN_NAMES.federatedMembership,
                version: "1",
                chainId: d.chainId,
                verifyingContract: federated,
              },
              types: JOIN_TYPES,
              primaryType: "Join",
              message: { account, community: c.timelock, nonce, deadline },
            });
            setFile({
              federatedMembership: federated,
              chainId: String(d.chainId),
              account,
              community: c.timelock,
              communityName: c.name,
              nonce: String(nonce),
              deadline: String(deadline),
              signature,
            });
          } catch (e) {
            setError(explain(e));
          }
        }}
      >
        Sign my listing
      </button>
      {file ? (
        <a
          download={`listing-${file.account.slice(2, 8)}.json`}
          href={`data:application/json,${encodeURIComponent(JSON.stringify(file, null, 2))}`}
        >
          listing.json (anyone can relay it until {when(BigInt(file.deadline))})
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

/** Reads a listing file and says what is wrong with it before anything is sent. */
export function checkListingFile(text: string, chainId: number, federated: Address): ListingFile | string {
  let v: ListingFile;
  try {
    v = JSON.parse(text) as ListingFile;
  } catch {
    return "This file is not JSON.";
  }
  if (!v.signature || !isAddress(v.account ?? "") || !isAddress(v.community ?? "") || !v.deadline) {
    return "This is not a signed listing.";
  }
  if (
    Number(v.chainId) !== chainId ||
    !isAddress(v.federatedMembership ?? "") ||
    getAddress(v.federatedMembership) !== getAddress(federated)
  ) {
    return "This listing was signed for another chain or another federation.";
  }
  return v;
}

export function RelayListing({ federated }: { federated: Address }) {
  const { d } = useSuite();
  const tx = useSend();
  const [note, setNote] = useState<string>();
  return (
    <div className="txform">
      <Field
        label="Relay a signed listing"
        hint="A listing file signed by a member of a recognised community; you pay the gas, the listing is theirs."
      >
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            setNote(undefined);
            const f = e.target.files?.[0];
            e.target.value = "";
            if (!f) return;
            const v = checkListingFile(await f.text(), d.chainId, federated);
            if (typeof v === "string") return setNote(v);
            await tx.send(`Relay ${v.communityName || "a"} listing`, {
              address: federated,
              abi: federatedMembershipAbi,
              functionName: "joinWithSignature",
              args: [getAddress(v.account), getAddress(v.community), BigInt(v.deadline), v.signature],
            });
          }}
        />
      </Field>
      <Outcome error={note ?? tx.error} done={tx.done} />
    </div>
  );
}
