/**
 * Readable values for task output (never used with `--json`, which keeps raw values): amounts in a
 * token's decimals with its symbol, times as UTC dates with "in 58 s" / "2 h ago", enum values by
 * name, quadratic weights in √tokens.
 */
import { formatUnits } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/** An amount in `decimals` with `symbol`, trailing zeros dropped and thousands grouped: "1,250.5 USDC". */
export function formatAmount(value: bigint, decimals = 18, symbol = ""): string {
  const text = formatUnits(value, decimals);
  const [whole, fraction = ""] = text.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = fraction.replace(/0+$/, "");
  return `${sign}${grouped}${frac ? `.${frac}` : ""}${symbol ? ` ${symbol}` : ""}`;
}

/** A duration in words: "58 s", "12 min", "3 h", "2 days". */
export function formatDuration(seconds: bigint | number): string {
  const s = Math.abs(Number(seconds));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

/** A half-life (recency) in words: "90 days", or "off (weights never fade)" for 0. */
export function formatHalfLife(seconds: bigint | number): string {
  return Number(seconds) === 0 ? "off (weights never fade)" : formatDuration(seconds);
}

/** How far `at` is from `now`: "in 58 s", "2 h ago", "now". */
export function formatRelative(at: bigint | number, now: bigint | number): string {
  const d = Number(at) - Number(now);
  if (d === 0) return "now";
  return d > 0 ? `in ${formatDuration(d)}` : `${formatDuration(-d)} ago`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A Unix time as "14:05 UTC, 7 Dec 2026 (in 58 s)"; the date is left out when it is the same day as `now`. */
export function formatTime(at: bigint | number, now: bigint | number): string {
  const n = Number(at);
  if (!Number.isFinite(n) || n <= 0) return "never";
  // Beyond year 9999 (e.g. type(uint64).max as "no end"): no date.
  if (n > 253402300799) return "no end";
  const d = new Date(n * 1000);
  const today = new Date(Number(now) * 1000);
  const hm = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")} UTC`;
  const sameDay = d.toISOString().slice(0, 10) === today.toISOString().slice(0, 10);
  const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${hm}${sameDay ? "" : `, ${date}`} (${formatRelative(n, now)})`;
}

/** The time of the latest block (the chain's "now", which `dev:time` moves on a local chain). */
export async function chainNow(hre: HardhatRuntimeEnvironment): Promise<bigint> {
  const block = await hre.ethers.provider.getBlock("latest");
  return BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
}

/** "ProposedByBioregion" → "proposed by bioregion"; "NotAllowed" → "not allowed". */
export function words(identifier: string): string {
  return identifier
    .replace(/_+$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase()
    .replace(/\berc (\d+)/g, "ERC-$1")
    .replace(/\berc(\d+)/g, "ERC-$1");
}

/** An enum value by name (`names[value]`), or "unknown (n)" beyond the list. */
export function enumName(names: readonly string[], value: bigint | number): string {
  return names[Number(value)] ?? `unknown (${value})`;
}

/** A quadratic weight (the square root of an 18-decimal token amount) in √tokens: 9 decimals. */
export function formatSqrtTokens(weight: bigint): string {
  return `${formatAmount(weight, 9)} √tokens`;
}

/** A long id (proposal ids are 256-bit hashes) shortened for a table: "7229…6992". */
export function shortId(id: bigint | string): string {
  const s = id.toString();
  return s.length > 12 ? `${s.slice(0, 4)}…${s.slice(-4)}` : s;
}
