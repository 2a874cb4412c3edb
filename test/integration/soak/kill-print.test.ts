/**
 * The kill -9 soak in the suite (test/soak/soak.ts): 20 cycles of a till process killed with
 * SIGKILL at random moments while it prints to a simulated network printer in this process,
 * some with the roll running out mid-receipt, then restarted. `npm run soak` runs 500.
 */
import { describe, expect, it } from 'vitest';
import { runSoak, summary } from '../../soak/soak.js';

describe('kill -9 while printing, 20 times', () => {
  it('every confirmed receipt is fully on paper once, no section twice without its continued line, one kick per cash sale', async () => {
    const report = await runSoak({ cycles: 20 });
    console.log(summary(report));
    // The seed does not replay a run (the kills are timed in real time): what CI needs to read a failure is printed here.
    if (report.findings.length > 0 || report.problems.length > 0) {
      for (const [i, f] of report.findings.entries()) {
        console.log(`finding: ${f.kind}: ${f.job} ${f.section} (tape ${f.at}): ${f.detail}`);
        console.log(report.excerpts[i] ?? '(no excerpt)');
      }
      for (const p of report.problems) console.log(`problem: ${p}`);
    }
    expect(report.findings).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.drawerKicks).toBe(report.cashSales);
    // The soak proves something only when the kills land mid-receipt and the resumes happen.
    expect(report.killsMidReceipt).toBeGreaterThanOrEqual(10);
    expect(report.markers).toBeGreaterThan(0);
    expect(report.receipts).toBeGreaterThanOrEqual(20);
  }, 240_000);
});
