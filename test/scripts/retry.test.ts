import { expect } from "chai";
import { keccak256 } from "ethers";

import { addRetries, isTransient, withRetry, type RequestProvider } from "../../scripts/lib/retry";

function flaky(failures: number, error: () => Error) {
  const calls: string[] = [];
  let left = failures;
  return {
    calls,
    async request(args: { method: string; params?: unknown[] | object }): Promise<unknown> {
      calls.push(args.method);
      if (left-- > 0) throw error();
      return "0x1";
    },
  };
}

const reset = () => Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });

describe("scripts/lib/retry: connection faults", function () {
  it("a read retries a dropped connection with backoff before giving up", async function () {
    const p = flaky(2, reset);
    addRetries(p, { baseMs: 1 });
    expect(await p.request({ method: "eth_getBalance", params: [] })).to.equal("0x1");
    expect(p.calls).to.deep.equal(["eth_getBalance", "eth_getBalance", "eth_getBalance"]);
  });

  it("rate limits (429) and timeouts are transient; a revert is not", function () {
    expect(isTransient(Object.assign(new Error("Too Many Requests"), { status: 429 }))).to.equal(true);
    expect(isTransient(new Error("request timed out"))).to.equal(true);
    expect(isTransient({ cause: reset() })).to.equal(true);
    expect(isTransient(new Error("execution reverted: custom error 0x12345678"))).to.equal(false);
  });

  it("gives up after the last attempt with the original error", async function () {
    const p = flaky(10, reset);
    addRetries(p, { baseMs: 1, attempts: 3 });
    await expect(p.request({ method: "eth_call", params: [] })).to.be.rejectedWith("ECONNRESET");
    expect(p.calls).to.have.length(3);
  });

  it("a node-signed transaction is never sent twice", async function () {
    const p = flaky(1, reset);
    addRetries(p, { baseMs: 1 });
    await expect(p.request({ method: "eth_sendTransaction", params: [{}] })).to.be.rejectedWith("ECONNRESET");
    expect(p.calls).to.deep.equal(["eth_sendTransaction"]);
  });

  it("a rebroadcast signed transaction that the node already has is the same transaction", async function () {
    let n = 0;
    const p: RequestProvider = {
      async request(): Promise<unknown> {
        n++;
        if (n === 1) throw reset();
        throw new Error("already known");
      },
    };
    addRetries(p, { baseMs: 1 });
    const raw = "0x02f86b0180";
    expect(await p.request({ method: "eth_sendRawTransaction", params: [raw] })).to.equal(keccak256(raw));
  });

  it("withRetry does not retry what is not transient", async function () {
    let n = 0;
    await expect(
      withRetry(
        async () => {
          n++;
          throw new Error("nope");
        },
        { baseMs: 1 },
      ),
    ).to.be.rejectedWith("nope");
    expect(n).to.equal(1);
  });
});
