import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { expect } from "chai";

const ROOT = path.join(__dirname, "..", "..");

describe("repository hygiene for the command line", function () {
  it("pending-transaction journals are ignored by git", function () {
    for (const file of ["deploy/records/sepolia.pending.json", "deploy/records/localhost.pending.json"]) {
      // git check-ignore exits 0 when the path is ignored, 1 when it is not.
      expect(() => execFileSync("git", ["check-ignore", "-q", file], { cwd: ROOT }), file).to.not.throw();
    }
  });

  it("npm run test:unit compiles first (a fresh clone has no artifacts: HH700 otherwise)", function () {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts["test:unit"]).to.match(/^hardhat compile --quiet && /);
  });
});
