/**
 * Prints one plain "summary: N passed, N failed" line over the Vitest and Playwright JSON
 * reports, so CI (and a person) sees the whole count at a glance.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

let passed = 0;
let failed = 0;
let skipped = 0;
const playwright = 'test-results/playwright.json';
// One Vitest report per run: the unit tests (two workers) and the integration tests (one).
const vitestReports = existsSync('test-results') ? readdirSync('test-results').filter((f) => /^vitest(-[a-z]+)?\.json$/.test(f)) : [];
for (const file of vitestReports) {
  const r = JSON.parse(readFileSync(`test-results/${file}`, 'utf8')) as VitestReport;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests ?? 0;
}
if (existsSync(playwright)) {
  const r = JSON.parse(readFileSync(playwright, 'utf8')) as PlaywrightReport;
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
  skipped += r.stats.skipped;
}
console.log(`summary: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
