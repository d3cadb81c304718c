/**
 * Checks that solhint lacks, run with `npm run lint:sol` (so in `npm test` and CI):
 * - `tx.origin` anywhere;
 * - a low-level `.call` whose success flag is not captured and checked within the next lines;
 * - `.send(` / `.transfer(` of native currency (2300-gas stipend: breaks contract recipients);
 * - `selfdestruct`, raw `ecrecover` (use OpenZeppelin's ECDSA / SignatureChecker), `delegatecall`
 *   outside OpenZeppelin's own code;
 * - an `unchecked` block without a comment on the line before saying why it cannot overflow.
 * Mocks and benchmark references are not checked. A finding that is deliberate is silenced by a
 * comment on the line before, with the reason: `// static-checks-disable-next-line <rule>: <why>`.
 */
import fs from "node:fs";
import path from "node:path";

export interface Finding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

const SKIP = [`${path.sep}mocks${path.sep}`, `${path.sep}reference${path.sep}`];

/** Removes comments and string literals so that rules only see code. */
function codeOnly(line: string): string {
  return line
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\/\/.*$/, "")
    .replace(/\/\*.*?\*\//g, "");
}

export function checkSource(file: string, source: string): Finding[] {
  const findings: Finding[] = [];
  const lines = source.split("\n");
  let inBlockComment = false;
  lines.forEach((raw, i) => {
    let line = raw;
    if (inBlockComment) {
      if (!line.includes("*/")) return;
      line = line.slice(line.indexOf("*/") + 2);
      inBlockComment = false;
    }
    if (/^\s*\/\*/.test(line) && !line.includes("*/")) {
      inBlockComment = true;
      return;
    }
    const code = codeOnly(line);
    const disabled = /static-checks-disable-next-line\s+([\w-]+):\s*\S/.exec(lines[i - 1] ?? "");
    const add = (rule: string) => {
      if (disabled?.[1] !== rule) findings.push({ file, line: i + 1, rule, text: raw.trim() });
    };
    if (/\btx\.origin\b/.test(code)) add("no-tx-origin");
    if (/\bselfdestruct\s*\(/.test(code)) add("no-selfdestruct");
    if (/\becrecover\s*\(/.test(code)) add("no-raw-ecrecover");
    if (/\.delegatecall\s*\(/.test(code)) add("no-delegatecall");
    if (/\.(send|transfer)\s*\(/.test(code) && /payable\s*\(|\.send\s*\(/.test(code)) add("no-send-transfer");
    if (/\.call\s*[{(]/.test(code)) {
      const m = /\(\s*bool\s+(\w+)\s*,?[^)]*\)\s*=/.exec(code);
      const following = lines
        .slice(i, i + 4)
        .map(codeOnly)
        .join(" ");
      if (!m || !new RegExp(`(!\\s*${m[1]}\\b|\\b${m[1]}\\s*==\\s*false)`).test(following)) add("checked-call-result");
    }
    if (/\bunchecked\s*\{/.test(code)) {
      const prev = (lines[i - 1] ?? "").trim();
      const sameLineComment = /\/\/\s*\S/.test(raw);
      if (!prev.startsWith("//") && !sameLineComment) add("unchecked-needs-reason");
    }
  });
  return findings;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : p.endsWith(".sol") ? [p] : [];
  });
}

if (require.main === module) {
  const root = path.join(__dirname, "..", "contracts");
  const files = walk(root).filter((f) => !SKIP.some((s) => f.includes(s)));
  const findings = files.flatMap((f) => checkSource(path.relative(process.cwd(), f), fs.readFileSync(f, "utf8")));
  for (const f of findings) console.error(`${f.file}:${f.line}  ${f.rule}  ${f.text}`);
  if (findings.length) {
    console.error(`static checks: ${findings.length} problem(s)`);
    process.exit(1);
  }
  console.log(`static checks: ${files.length} files clean`);
}
