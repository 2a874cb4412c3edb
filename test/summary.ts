/**
 * Prints one plain "summary: N passed, N failed" line over the Vitest and Playwright JSON
 * reports, so CI (and a person) sees the whole count at a glance.
 */
import { existsSync, readFileSync } from 'node:fs';

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
const vitest = 'test-results/vitest.json';
const playwright = 'test-results/playwright.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8')) as VitestReport;
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
