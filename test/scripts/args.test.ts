import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { parseAddress, parseAmount, parseBytes32, parseChoice, parseUint, readJsonFile } from "../../scripts/lib/args";
import { TaskInputError } from "../../scripts/lib/errors";

describe("scripts/lib/args", function () {
  describe("parseAddress", function () {
    it("checksums a valid address", function () {
      expect(parseAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3", "to")).to.equal(
        "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      );
    });
    it("names the option when the address is malformed or missing", function () {
      expect(() => parseAddress("0x123", "to")).to.throw(TaskInputError, '--to "0x123" is not an address');
      expect(() => parseAddress(undefined, "to")).to.throw(TaskInputError, "--to is required");
    });
  });

  describe("parseAmount", function () {
    it("parses decimals up to the token's precision", function () {
      expect(parseAmount("1.5", 18, "amount")).to.equal(1_500_000_000_000_000_000n);
      expect(parseAmount("2", 6, "amount")).to.equal(2_000_000n);
    });
    it("refuses more decimals than the token has", function () {
      expect(() => parseAmount("1.1234567", 6, "amount")).to.throw(
        TaskInputError,
        "has 7 decimals; the token has only 6",
      );
    });
    it("refuses negative, exponent and empty amounts", function () {
      expect(() => parseAmount("-1", 18, "amount")).to.throw(TaskInputError, "not a positive decimal amount");
      expect(() => parseAmount("1e18", 18, "amount")).to.throw(TaskInputError, "not a positive decimal amount");
      expect(() => parseAmount("", 18, "amount")).to.throw(TaskInputError, "--amount is required");
    });
  });

  describe("parseUint, parseBytes32, parseChoice", function () {
    it("accepts valid values", function () {
      expect(parseUint("42", "id")).to.equal(42n);
      expect(parseUint(7, "id")).to.equal(7n);
      expect(parseBytes32("0x" + "AB".repeat(32), "hash")).to.equal("0x" + "ab".repeat(32));
      expect(parseChoice("quadratic", ["simple", "quadratic"] as const, "counting")).to.equal("quadratic");
    });
    it("names what is wrong", function () {
      expect(() => parseUint("1.5", "id")).to.throw(TaskInputError, '--id "1.5" is not a whole number');
      expect(() => parseUint(undefined, "id")).to.throw(TaskInputError, "--id is required");
      expect(() => parseBytes32("0x12", "hash")).to.throw(TaskInputError, "not a 32-byte hex value");
      expect(() => parseChoice("cubic", ["simple", "quadratic"] as const, "counting")).to.throw(
        TaskInputError,
        "must be one of: simple, quadratic",
      );
    });
  });

  describe("readJsonFile", function () {
    it("reads JSON and reports missing or malformed files", function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "args-"));
      const good = path.join(dir, "good.json");
      const bad = path.join(dir, "bad.json");
      fs.writeFileSync(good, '{"a":1}');
      fs.writeFileSync(bad, "{nope");
      expect(readJsonFile<{ a: number }>(good, "file").a).to.equal(1);
      expect(() => readJsonFile(bad, "file")).to.throw(TaskInputError, "is not valid JSON");
      expect(() => readJsonFile(path.join(dir, "none.json"), "file")).to.throw(TaskInputError, "no file at");
      expect(() => readJsonFile(undefined, "file")).to.throw(TaskInputError, "--file is required");
      fs.rmSync(dir, { recursive: true });
    });
  });
});
