/** Small shared pieces of the screens: amounts, addresses, times, an action button, light SVG bars. */
import { useState, type FormEvent, type ReactNode } from "react";
import { formatUnits, type Address } from "viem";

import { useSend } from "./chain/hooks";
import type { ContractCall } from "./chain/transactions";
import { short } from "./format";

export { amount, duration, eth, short, units, when } from "./format";

/** A send's outcome in words beside its control: the error (an alert) or what was done (a status). */
export function Outcome({ error, done, inline }: { error?: string; done?: string; inline?: boolean }) {
  const Tag = inline ? "span" : "p";
  return (
    <>
      {error ? (
        <Tag className="error" role="alert">
          {error}
        </Tag>
      ) : null}
      {done ? (
        <Tag className="ok" role="status">
          {done}
        </Tag>
      ) : null}
    </>
  );
}

export function Addr({ a, names }: { a: Address | string; names?: Record<string, string> }) {
  const name = names?.[a.toLowerCase()];
  return (
    <code title={a} className="addr">
      {name ?? short(a)}
    </code>
  );
}

/**
 * One action: a button that runs the call through the one write path, or says why it cannot be
 * used now (`blocked`), with the outcome in words beside it.
 */
export function Action({
  label,
  call,
  blocked,
  onDone,
  kind = "primary",
}: {
  label: string;
  call: ContractCall | (() => Promise<ContractCall>);
  blocked?: string | false;
  onDone?: () => void;
  kind?: "primary" | "secondary";
}) {
  const tx = useSend();
  return (
    <span className="action">
      <button
        type="button"
        className={kind}
        disabled={tx.busy || Boolean(blocked)}
        aria-describedby={blocked ? undefined : undefined}
        title={blocked || undefined}
        onClick={async () => {
          if (await tx.send(label, call)) onDone?.();
        }}
      >
        {tx.busy ? `${label}…` : label}
      </button>
      {blocked ? <small className="why">{blocked}</small> : null}
      <Outcome error={tx.error} done={tx.done} inline />
    </span>
  );
}

/** A form whose submit sends one call built from its fields. */
export function TxForm({
  label,
  build,
  children,
  blocked,
  onDone,
}: {
  label: string;
  build: (form: FormData) => ContractCall | Promise<ContractCall>;
  children: ReactNode;
  blocked?: string | false;
  onDone?: () => void;
}) {
  const tx = useSend();
  const [formError, setFormError] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFormError(undefined);
    const form = e.currentTarget;
    let call: ContractCall;
    try {
      call = await build(new FormData(form));
    } catch (err) {
      setFormError(err instanceof Error ? err.message : String(err));
      return;
    }
    if (await tx.send(label, call)) {
      form.reset();
      onDone?.();
    }
  };
  return (
    <form onSubmit={submit} className="txform">
      {children}
      <button type="submit" disabled={tx.busy || Boolean(blocked)}>
        {tx.busy ? `${label}…` : label}
      </button>
      {blocked ? <small className="why">{blocked}</small> : null}
      <Outcome error={formError ?? tx.error} done={tx.done} />
    </form>
  );
}

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {hint ? <small>{hint}</small> : null}
    </label>
  );
}

/** Horizontal bars, one per row, each split in segments (e.g. for / against / abstain). */
export function Bars({
  rows,
  legend,
  title,
}: {
  rows: { label: string; parts: number[] }[];
  legend: string[];
  title: string;
}) {
  const colours = ["#2f7d4f", "#b0413e", "#8a8a8a", "#3b6ea8"];
  const max = Math.max(1e-12, ...rows.map((r) => r.parts.reduce((s, x) => s + x, 0)));
  const h = 22;
  return (
    <figure className="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 300 ${rows.length * (h + 6) + 4}`} width="100%">
        {rows.map((r, i) => {
          let x = 0;
          return (
            <g key={r.label} transform={`translate(0 ${i * (h + 6) + 2})`}>
              {r.parts.map((p, k) => {
                const w = (p / max) * 200;
                const rect = <rect key={k} x={x} y={0} width={w} height={h} fill={colours[k % colours.length]} />;
                x += w;
                return rect;
              })}
              <text x={205} y={15} fontSize="11" fill="currentColor">
                {r.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {legend.map((l, k) => (
          <span key={l} className="legend">
            <i style={{ background: colours[k % colours.length] }} /> {l}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export const num = (v: bigint, decimals = 18) => Number(formatUnits(v, decimals));
