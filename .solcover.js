// solidity-coverage: mocks and benchmark references are not part of the suite.
module.exports = {
  skipFiles: ["mocks/", "reference/"],
  istanbulReporter: ["html", "json-summary", "text-summary", "lcov"],
  mocha: { timeout: 300000, grep: "e2e|gas regression", invert: true },
};
