/**
 * Table-driven bad-input tests: one table per contract lists rejected calls, each with the custom
 * error (and its arguments) it must revert with. For every row the machinery loads the table's
 * fixture, takes a snapshot of the contract's key views (and native balances), makes the call,
 * asserts the error, and asserts that the snapshot did not change. A last test checks that every
 * external state-changing function of the contract's ABI appears in some row (or is listed as
 * exempt, with the reason), so a function added later without a bad-input row fails the table.
 */
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import type { BaseContract } from "ethers";
import { ethers } from "hardhat";

export interface BadCall<F> {
  /** The contract function the row calls (checked against the ABI). */
  fn: string;
  /** What is wrong with the call, in words. */
  what: string;
  /** Makes the rejected call. */
  send: (fx: F) => Promise<unknown>;
  /** The custom error it must revert with. */
  error: string;
  /** The error's arguments (omit only for errors without arguments). */
  args?: (fx: F) => unknown[] | Promise<unknown[]>;
  /** The contract whose ABI declares the error, when not the table's contract. */
  errorFrom?: (fx: F) => BaseContract;
}

export interface BadInputTable<F> {
  /** Contract name, as in its artifact. */
  contract: string;
  fixture: () => Promise<F>;
  /** The contract under test. */
  target: (fx: F) => BaseContract;
  /** Key views that must not change when a call is rejected (native balances are added). */
  snapshot: (fx: F) => Promise<unknown[]>;
  /**
   * Contracts (or accounts that send none of the rejected calls) whose native balances are part of
   * the snapshot, besides the target's. Senders are left out: a rejected transaction costs them gas.
   */
  balances?: (fx: F) => Promise<string[]> | string[];
  calls: BadCall<F>[];
  /** State-changing functions without a row, each with the reason (e.g. "accepts any input"). */
  exempt?: Record<string, string>;
}

const STATE_CHANGING = new Set(["nonpayable", "payable"]);

/** Snapshot of the table's views plus the native balances it names (bigints kept exact). */
async function takeSnapshot<F>(table: BadInputTable<F>, fx: F): Promise<string> {
  const views = await table.snapshot(fx);
  const who = [await table.target(fx).getAddress(), ...((await table.balances?.(fx)) ?? [])];
  const balances = await Promise.all(who.map((a) => ethers.provider.getBalance(a)));
  return JSON.stringify([views, balances], (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/** Declares the tests of one table. */
export function describeBadInput<F>(table: BadInputTable<F>): void {
  describe(`bad input: ${table.contract}`, function () {
    for (const row of table.calls) {
      it(`${row.fn}: ${row.what} -> ${row.error}, state unchanged`, async function () {
        const fx = await loadFixture(table.fixture);
        const before = await takeSnapshot(table, fx);
        const matcher = expect(row.send(fx)).to.be.revertedWithCustomError(
          row.errorFrom?.(fx) ?? table.target(fx),
          row.error,
        );
        if (row.args) await matcher.withArgs(...(await row.args(fx)));
        else await matcher;
        expect(await takeSnapshot(table, fx)).to.equal(before);
      });
    }

    it("has a row (or a stated exemption) for every external state-changing function", async function () {
      const fx = await loadFixture(table.fixture);
      const fns = new Set<string>();
      table.target(fx).interface.forEachFunction((f) => {
        if (STATE_CHANGING.has(f.stateMutability)) fns.add(f.name);
      });
      const covered = new Set([...table.calls.map((c) => c.fn), ...Object.keys(table.exempt ?? {})]);
      const missing = [...fns].filter((f) => !covered.has(f)).sort();
      expect(missing, `${table.contract} functions without a bad-input row`).to.deep.equal([]);
      const unknown = [...covered].filter((f) => !fns.has(f)).sort();
      expect(unknown, `rows naming functions ${table.contract} does not have`).to.deep.equal([]);
    });
  });
}
