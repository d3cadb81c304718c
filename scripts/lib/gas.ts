/** Gas figures of sent transactions, for the benchmark and the gas tests. */

/** Gas used by a sent transaction, once mined. */
export async function gasOf(sent: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<bigint> {
  const receipt = await (await sent).wait();
  if (!receipt) throw new Error("transaction dropped");
  return receipt.gasUsed;
}
