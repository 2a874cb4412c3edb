/**
 * `npm run soak [-- --cycles N] [--seed S]`: the kill -9 soak with more cycles than CI runs
 * (500 by default), ending with one summary line; exits 1 when the paper shows anything wrong.
 */
import { runSoak, summary } from './soak.js';

function flag(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : undefined;
  if (value !== undefined && !Number.isInteger(value)) throw new Error(`--${name} takes a whole number`);
  return value;
}

const seed = flag('seed');
const report = await runSoak({ cycles: flag('cycles') ?? 500, ...(seed !== undefined ? { seed } : {}), log: (line) => console.log(line) });
for (const f of report.findings) console.log(`  ${f.kind}: ${f.job} ${f.section} (tape ${f.at}): ${f.detail}`);
for (const e of report.excerpts) console.log(e);
for (const p of report.problems) console.log(`  problem: ${p}`);
console.log(summary(report));
process.exit(report.findings.length === 0 && report.problems.length === 0 ? 0 : 1);
