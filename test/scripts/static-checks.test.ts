import { expect } from "chai";

import { checkSource } from "../../scripts/static-checks";

const rules = (src: string) => checkSource("X.sol", src).map((f) => f.rule);

describe("scripts/static-checks", function () {
  it("flags tx.origin, selfdestruct, raw ecrecover, delegatecall and send/transfer", function () {
    expect(rules("if (tx.origin == a) {}")).to.deep.equal(["no-tx-origin"]);
    expect(rules("selfdestruct(payable(a));")).to.include("no-selfdestruct");
    expect(rules("address s = ecrecover(h, v, r, s);")).to.deep.equal(["no-raw-ecrecover"]);
    expect(rules("target.delegatecall(data);")).to.deep.equal(["no-delegatecall"]);
    expect(rules("payable(to).transfer(1);")).to.deep.equal(["no-send-transfer"]);
    expect(rules("bool ok = to.send(1);")).to.deep.equal(["no-send-transfer"]);
  });

  it("requires the result of a low-level call to be captured and checked", function () {
    expect(rules('to.call{value: v}("");')).to.deep.equal(["checked-call-result"]);
    expect(rules('(bool ok, ) = to.call{value: v}("");\nemit X();')).to.deep.equal(["checked-call-result"]);
    expect(rules('(bool ok, ) = to.call{value: v}("");\nif (!ok) revert Failed();')).to.deep.equal([]);
  });

  it("accepts a deliberate finding only with the rule named and a reason", function () {
    const call = "(bool notified, ) = to.call(data);\nemit Paid(notified);";
    expect(
      rules(`// static-checks-disable-next-line checked-call-result: recorded in the event\n${call}`),
    ).to.deep.equal([]);
    expect(rules(`// static-checks-disable-next-line checked-call-result:\n${call}`)).to.deep.equal([
      "checked-call-result",
    ]);
    expect(rules(`// static-checks-disable-next-line no-tx-origin: wrong rule\n${call}`)).to.deep.equal([
      "checked-call-result",
    ]);
  });

  it("requires a reason before every unchecked block", function () {
    expect(rules("unchecked {\n ++i;\n}")).to.deep.equal(["unchecked-needs-reason"]);
    expect(rules("// i < length, so ++i cannot overflow\nunchecked {\n ++i;\n}")).to.deep.equal([]);
  });

  it("ignores comments and strings", function () {
    expect(rules('// tx.origin is never used\nstring s = "tx.origin";\n/*\n selfdestruct(x)\n*/')).to.deep.equal([]);
  });
});
