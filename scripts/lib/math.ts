/** Integer arithmetic shared by the governance and quadratic-funding tooling. */

/** floor(sqrt(n)) for n >= 0 (the same value as OpenZeppelin's Math.sqrt). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("isqrt of a negative number");
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n)))) + 1n;
  // One Newton step from any positive start lands at or above floor(sqrt(n)) (AM-GM); from there
  // the integer Newton iteration decreases monotonically to floor(sqrt(n)).
  x = (x + n / x) >> 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}
