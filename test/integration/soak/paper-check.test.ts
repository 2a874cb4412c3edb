/**
 * The soak's reading of the paper (test/soak/paper-check.ts) on tapes made by hand: it must pass
 * every legitimate seam and catch every silent repeat, or the soak proves nothing.
 */
import { describe, expect, it } from 'vitest';
import type { TapeEvent } from '../../../native/printer/escpos-decode.js';
import { checkPaper, type ExpectedJob } from '../../soak/paper-check.js';

const line = (text: string): TapeEvent => ({ kind: 'line', text });
const CUT: TapeEvent = { kind: 'cut' };
const KICK: TapeEvent = { kind: 'kick' };
const MARK = line('— continued —');

const HEADER = [{ kind: 'image', widthDots: 256 } as TapeEvent, line('Shop'), line('Receipt')];
const ROW1 = [line('Milk'), line('  1 pcs x 1.19   1.19')];
const ROW2 = [line('Bread'), line('  1 pcs x 2.00   2.00')];
const FOOT = [line('TOTAL 3.19'), line('No. K1')];
const CUTS = [line(''), line(''), CUT];

function job(label = 'receipt K1', drawer = true): ExpectedJob {
  const sections = [
    { name: 'header', tape: HEADER },
    { name: 'row 1', tape: ROW1 },
    { name: 'row 2', tape: ROW2 },
    { name: 'footer', tape: FOOT },
    { name: 'cut', tape: CUTS },
    ...(drawer ? [{ name: 'drawer', tape: [KICK] }] : []),
  ];
  return { label, marker: [MARK], sections };
}

const clean = [...HEADER, ...ROW1, ...ROW2, ...FOOT, ...CUTS, KICK];

describe('checkPaper', () => {
  it('passes a receipt printed straight through', () => {
    expect(checkPaper(clean, [job()])).toEqual({ sections: 6, markers: 0, markedRepeats: 0, jobsWithFindings: 0, findings: [] });
  });

  it('passes the seams of a resume: a section whole, in part or not at all before the continued line', () => {
    const tape = [
      ...HEADER, MARK, ...HEADER, MARK, HEADER[0]!, MARK, ...HEADER, // printed, printed, in part, then whole
      ...ROW1,
      MARK, ...ROW2, // never reached the paper before the seam
      ...FOOT,
      ...CUTS, MARK, ...CUTS, // an empty strip that says it is a seam
      KICK,
    ];
    const check = checkPaper(tape, [job()]);
    expect(check.findings).toEqual([]);
    expect(check.markers).toBe(5);
    expect(check.markedRepeats).toBe(3);
  });

  it('catches a row printed twice without the continued line', () => {
    const tape = [...HEADER, ...ROW1, ...ROW1, ...ROW2, ...FOOT, ...CUTS, KICK];
    expect(checkPaper(tape, [job()]).findings).toEqual([
      expect.objectContaining({ kind: 'silent-repeat', section: 'row 1', at: HEADER.length + ROW1.length }),
    ]);
  });

  it('catches a row cut short and printed whole again without the line', () => {
    const tape = [...HEADER, ROW1[0]!, ...ROW1, ...ROW2, ...FOOT, ...CUTS, KICK];
    expect(checkPaper(tape, [job()]).findings).toEqual([expect.objectContaining({ kind: 'silent-repeat', section: 'row 1' })]);
  });

  it('catches an empty cut twice and a second kick', () => {
    expect(checkPaper([...HEADER, ...ROW1, ...ROW2, ...FOOT, ...CUTS, ...CUTS, KICK], [job()]).findings).toEqual([
      expect.objectContaining({ kind: 'silent-repeat', section: 'cut' }),
    ]);
    expect(checkPaper([...clean, KICK], [job()]).findings).toEqual([expect.objectContaining({ kind: 'silent-repeat', section: 'drawer' })]);
  });

  it('catches a receipt not fully on paper, and a kick that never came', () => {
    expect(checkPaper([...HEADER, ...ROW1, ...FOOT, ...CUTS, KICK], [job()]).findings).toEqual([
      expect.objectContaining({ kind: 'missing', section: 'row 2' }),
    ]);
    expect(checkPaper([...HEADER, ...ROW1, ...ROW2, ...FOOT, ...CUTS], [job()]).findings).toEqual([
      expect.objectContaining({ kind: 'missing', section: 'drawer' }),
    ]);
  });

  it('catches a whole receipt printed twice', () => {
    expect(checkPaper([...clean, ...clean], [job()]).findings).toEqual([expect.objectContaining({ kind: 'unexpected' })]);
  });

  it('reads several jobs in order, a seam at the start of the second', () => {
    const second = job('receipt K2', false);
    const tape = [...clean, MARK, ...HEADER, ...ROW1, ...ROW2, ...FOOT, ...CUTS];
    expect(checkPaper(tape, [job(), second])).toMatchObject({ sections: 11, markers: 1, markedRepeats: 0, findings: [] });
  });
});

describe('checkPaper after something went wrong', () => {
  it('reads on after garbled paper before a header: reported, and the rest of the receipt still counts', () => {
    const tape = [...HEADER.slice(0, 2), line('Receipt?'), ...HEADER, ...ROW1, ...ROW2, ...FOOT, ...CUTS, KICK];
    const check = checkPaper(tape, [job()]);
    expect(check.findings.map((f) => [f.kind, f.section])).toEqual([['unexpected', 'header']]);
    expect(check.sections).toBe(6);
    expect(check.jobsWithFindings).toBe(1);
  });

  it('counts the receipts with a finding, not the findings', () => {
    const bad = [...HEADER, ...ROW1, ...ROW1, ...ROW2, ...ROW2, ...FOOT, ...CUTS, KICK];
    const check = checkPaper([...bad, ...clean], [job('receipt K1'), job('receipt K2')]);
    expect(check.findings).toHaveLength(2);
    expect(check.jobsWithFindings).toBe(1);
  });
});
