/** Amounts, addresses, times and durations as the screens write them (pure, so tests can share them). */
import { formatUnits } from "viem";

/** An amount in a token's units (`decimals`), cut to `digits` decimals without trailing zeros. */
export const units = (v: bigint, decimals: number, digits = 4) => {
  const s = formatUnits(v, decimals);
  const [i, f = ""] = s.split(".");
  const frac = f.slice(0, digits).replace(/0+$/, "");
  return frac ? `${i}.${frac}` : i;
};
export const eth = (v: bigint, digits = 4) => units(v, 18, digits);
/** An amount with its token's symbol: "12.5 DAI". */
export const amount = (v: bigint, t: { decimals: number; symbol: string }, digits = 4) =>
  `${units(v, t.decimals, digits)} ${t.symbol}`;
export const short = (a?: string) => (a ? `${a.slice(0, 6)}…${a.slice(-4)}` : "");
export const when = (t: bigint | number) =>
  Number(t) === 0 ? "—" : new Date(Number(t) * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC";
export const duration = (s: bigint | number) => {
  const n = Number(s);
  if (n >= 86_400) return `${(n / 86_400).toFixed(n % 86_400 ? 1 : 0)} d`;
  if (n >= 3_600) return `${(n / 3_600).toFixed(n % 3_600 ? 1 : 0)} h`;
  if (n >= 60) return `${Math.round(n / 60)} min`;
  return `${n} s`;
};
