// solidity-coverage: mocks and benchmark references are not part of the suite. Gas measurements
// (the gas regression check and the finalisation-gas test, which makes thousands of donations)
// and end-to-end tests are left out: they exercise nothing the unit tests do not, and instrumented
// code makes them very slow.
module.exports = {
  skipFiles: ["mocks/", "reference/"],
  istanbulReporter: ["html", "json-summary", "text-summary", "lcov"],
  mocha: { timeout: 300000, grep: "e2e|gas regression|finalisation gas", invert: true },
};
