/**
 * Writes docs/img/recency.svg and prints the table of docs/contributions.md ("Recency: a worked
 * example"): the weights of two members over three years with a 90-day half-life, computed by the
 * same model the tests hold the contract to (scripts/lib/recency-model.ts).
 *
 *   npx ts-node scripts/plot-recency.ts
 */
import fs from "node:fs";
import path from "node:path";

import { weightsOverTime } from "./lib/recency-model";

const DAY = 86_400n;
const MONTH = 30n * DAY;
const HALF_LIFE = 90n * DAY;
const TOKEN = 10n ** 18n;
const MONTHS = 36;

/** Ada credited 1,000 tokens when the community began, then nothing; Ben earns 40 tokens every month. */
const ada = [{ t: 0n, amount: 1_000n * TOKEN }];
const ben = Array.from({ length: MONTHS + 1 }, (_, m) => ({ t: BigInt(m) * MONTH + DAY, amount: 40n * TOKEN }));

const times = Array.from({ length: MONTHS * 4 + 1 }, (_, i) => (BigInt(i) * MONTH) / 4n + 2n * DAY);
const tokens = (w: bigint) => Number(w / 10n ** 14n) / 10_000;
const adaWeights = weightsOverTime(0n, HALF_LIFE, ada, times).map(tokens);
const benWeights = weightsOverTime(0n, HALF_LIFE, ben, times).map(tokens);
const benNominal = times.map((t) => ben.filter((b) => b.t <= t).length * 40);

// The table of the docs: every six months.
const rows = ["| month | Ada: earned | Ada: weight | Ben: earned | Ben: weight | Ada's share of the votes |"];
rows.push("| ---: | ---: | ---: | ---: | ---: | ---: |");
for (let m = 0; m <= MONTHS; m += 6) {
  const i = m * 4;
  const share = (100 * adaWeights[i]) / (adaWeights[i] + benWeights[i]);
  rows.push(
    `| ${m} | 1,000 | ${adaWeights[i].toFixed(1)} | ${benNominal[i].toLocaleString("en")} | ${benWeights[i].toFixed(1)} | ${share.toFixed(0)} % |`,
  );
}
console.log(rows.join("\n"));

// The plot.
const W = 720;
const H = 360;
const pad = { left: 60, right: 150, top: 30, bottom: 50 };
const maxY = 1_000;
const x = (i: number) => pad.left + (i / (times.length - 1)) * (W - pad.left - pad.right);
const y = (v: number) => H - pad.bottom - (Math.min(v, maxY) / maxY) * (H - pad.top - pad.bottom);
const line = (vs: number[]) => vs.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
const grid: string[] = [];
for (let v = 0; v <= maxY; v += 250) {
  grid.push(`<line x1="${pad.left}" y1="${y(v)}" x2="${W - pad.right}" y2="${y(v)}" stroke="#ddd"/>`);
  grid.push(`<text x="${pad.left - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
}
for (let m = 0; m <= MONTHS; m += 6) {
  const xm = x(m * 4);
  grid.push(`<line x1="${xm}" y1="${pad.top}" x2="${xm}" y2="${H - pad.bottom}" stroke="#eee"/>`);
  grid.push(`<text x="${xm}" y="${H - pad.bottom + 18}" text-anchor="middle">${m}</text>`);
}
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<title>Contribution weight with a 90-day half-life: Ada (1,000 tokens at the start) and Ben (40 tokens a month)</title>
<rect width="${W}" height="${H}" fill="white"/>
${grid.join("\n")}
<text x="${(pad.left + W - pad.right) / 2}" y="${H - 12}" text-anchor="middle">months since the community began (half-life 90 days)</text>
<text x="16" y="${(pad.top + H - pad.bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(pad.top + H - pad.bottom) / 2})">tokens</text>
<polyline fill="none" stroke="#c0392b" stroke-width="2.5" points="${line(adaWeights)}"/>
<polyline fill="none" stroke="#2471a3" stroke-width="2.5" points="${line(benWeights)}"/>
<polyline fill="none" stroke="#2471a3" stroke-width="1.5" stroke-dasharray="5 4" points="${line(benNominal)}"/>
<line x1="${pad.left}" y1="${y(1000)}" x2="${W - pad.right}" y2="${y(1000)}" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="5 4"/>
<g transform="translate(${W - pad.right + 12} ${pad.top + 10})">
<line x1="0" y1="0" x2="24" y2="0" stroke="#c0392b" stroke-width="2.5"/><text x="30" y="4">Ada: weight</text>
<line x1="0" y1="20" x2="24" y2="20" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="5 4"/><text x="30" y="24">Ada: earned</text>
<line x1="0" y1="40" x2="24" y2="40" stroke="#2471a3" stroke-width="2.5"/><text x="30" y="44">Ben: weight</text>
<line x1="0" y1="60" x2="24" y2="60" stroke="#2471a3" stroke-width="1.5" stroke-dasharray="5 4"/><text x="30" y="64">Ben: earned</text>
<text x="0" y="88" font-size="11">(earned above 1,000</text><text x="0" y="102" font-size="11">is drawn at the top)</text>
</g>
</svg>
`;
const out = path.join(__dirname, "..", "docs", "img", "recency.svg");
fs.writeFileSync(out, svg);
console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
