// Preloaded into every SuMo process by scripts/mutation.js (`node -r ./scripts/mutation-preload.js`).
//
// 1. SuMo 1.2.1 calls `require("glob")` without declaring glob as a dependency, and calls it the
//    glob 7 way, `glob(pattern, (err, files) => ...)`. The copy Node finds (hoisted for Hardhat's
//    mocha) is glob 10, whose export is an object of promise-returning functions. This file answers
//    SuMo's `require("glob")` with a glob 7-style callback function built on whichever glob is
//    installed, so no package has to be added or re-hoisted.
// 2. Mutant selection. SuMo tests every mutant its enabled operators generate (about 2,500 for the
//    five targets): too many for two cores. MUTANT_HASHES="m1234abcd m..." keeps only those mutants
//    (to re-test the live ones); otherwise the operators in FULL_OPS (default MOD) keep all their
//    mutants and the others keep a fixed pseudo-random sample of MUTANT_SAMPLE (0..1, default 1):
//    a mutant is kept when its SuMo id (a hash of file, position and replacement) falls below it,
//    so the same mutants are chosen on every run of the same source.
const Module = require("node:module");
const path = require("node:path");

const installed = require("glob");

/** glob 7's signature: `glob(pattern, [options], callback)`, results sorted (glob 7 sorts too). */
function glob7(pattern, options, callback) {
  const cb = typeof options === "function" ? options : callback;
  const opts = typeof options === "function" ? {} : (options ?? {});
  if (typeof installed === "function") return installed(pattern, opts, cb); // glob <= 8
  installed.glob(pattern, opts).then(
    (files) => cb(null, files.map((f) => f.replaceAll("\\", "/")).sort()),
    (err) => cb(err),
  );
}
glob7.sync = (pattern, opts) =>
  (typeof installed === "function" ? installed.sync : installed.globSync)(pattern, opts ?? {}).sort();

module.exports = glob7;

const sumoDir = path.dirname(require.resolve("@morenabarboni/sumo/package.json"));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === "glob" && parent?.filename && parent.filename.startsWith(sumoDir + path.sep)) {
    return __filename;
  }
  return resolve.call(this, request, parent, ...rest);
};

const hashes = (process.env.MUTANT_HASHES ?? "").split(/[\s,]+/).filter(Boolean);
const sample = Number(process.env.MUTANT_SAMPLE ?? "1");
const fullOps = (process.env.FULL_OPS ?? "MOD").split(/[\s,]+/).filter(Boolean);
if (hashes.length > 0 || sample < 1) {
  const { CompositeOperator } = require(path.join(sumoDir, "src", "operators", "mutationGenerator.js"));
  const generate = CompositeOperator.prototype.getMutations;
  CompositeOperator.prototype.getMutations = function (...args) {
    return generate
      .apply(this, args)
      .filter((m) =>
        hashes.length > 0
          ? hashes.includes(m.id)
          : fullOps.includes(m.operator) || parseInt(m.id.slice(1), 16) / 2 ** 32 < sample,
      );
  };
}
