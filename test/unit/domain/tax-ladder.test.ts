import { describe, expect, it } from 'vitest';
import { LadderHistory, fiscalName, printerRateBp, replayLadder, taxLadderViolations } from '../../../electron/domain/tax-ladder.js';

const L = (name: string, rateBp: number) => ({ name, rateBp });

describe('fiscalName', () => {
  it.each([
    ['Mleko 3,2% 1L', 'mleko3,2%1l'],
    ['MLEKO  3,2 %  1 l', 'mleko3,2%1l'],
    ['mleko-3,2%_1l!', 'mleko3,2%1l'],
    ['Mleko 3.2% 1L', 'mleko3.2%1l'],
    ['Sok 1/2 L', 'sok1/2l'],
    ['Sok 1\\2 L', 'sok1\\2l'],
    ['ŻÓŁĆ gęślą', 'żółćgęślą'],
    ['"Kawa" (ziarno) #1*', 'kawaziarno1'],
    ['***', ''],
  ])('%j → %j', (name, expected) => {
    expect(fiscalName(name)).toBe(expected);
  });
});

describe('taxLadderViolations', () => {
  it.each([
    // [history (registered in order), the new receipt's lines, expected violations as name:from→to]
    ['never sold: anything goes', [], [L('Mleko', 2300)], []],
    ['same rate again', [L('Mleko', 800)], [L('Mleko', 800)], []],
    ['raised, never lowered: allowed', [L('Mleko', 800)], [L('Mleko', 2300)], []],
    ['lowered: may go lower', [L('Mleko', 2300), L('Mleko', 800)], [L('Mleko', 500)], []],
    ['lowered: same rate fine', [L('Mleko', 2300), L('Mleko', 800)], [L('Mleko', 800)], []],
    ['lowered, then raised: refused', [L('Mleko', 2300), L('Mleko', 800)], [L('Mleko', 2300)], ['Mleko:800→2300']],
    ['spec example 23 → 8 → 3, then 8', [L('Towar1', 2300), L('Towar1', 800), L('Towar1', 300)], [L('Towar1', 800)], ['Towar1:300→800']],
    ['raise, lower, raise', [L('Mleko', 500), L('Mleko', 2300), L('Mleko', 800)], [L('Mleko', 2300)], ['Mleko:800→2300']],
    ['another spelling is the same fiscal item', [L('Mleko 1L', 2300), L('MLEKO 1 l', 800)], [L('mleko-1l', 2300)], ['mleko-1l:800→2300']],
    ['a different item is not affected', [L('Mleko', 2300), L('Mleko', 800)], [L('Mleko UHT', 2300)], []],
    ['lowered inside the receipt, then raised', [], [L('Kawa', 2300), L('Kawa', 800), L('Kawa', 2300)], ['Kawa:800→2300']],
    ['history unlocked, lowered in the receipt', [L('Kawa', 2300)], [L('Kawa', 800), L('Kawa', 2300)], ['Kawa:800→2300']],
    ['raised inside the receipt, never lowered', [L('Kawa', 800)], [L('Kawa', 2300), L('Kawa', 2300)], []],
    ['0 % and exempt-like rates compare as numbers', [L('Książka', 500), L('Książka', 0)], [L('Książka', 500)], ['Książka:0→500']],
    ['several violations, in receipt order', [L('A', 800), L('A', 500), L('B', 2300), L('B', 0)], [L('B', 800), L('A', 2300), L('C', 2300)], ['B:0→800', 'A:500→2300']],
  ] as const)('%s', (_name, history, lines, expected) => {
    const found = taxLadderViolations(lines, replayLadder(history));
    expect(found.map((v) => `${v.name}:${v.fromBp}→${v.toBp}`)).toEqual(expected);
  });

  it('returns the fiscal name with each violation', () => {
    expect(taxLadderViolations([L('Mleko 1L', 2300)], replayLadder([L('mleko 1l', 2300), L('MLEKO 1L', 800)]))).toEqual([
      { name: 'Mleko 1L', fiscalName: 'mleko1l', fromBp: 800, toBp: 2300 },
    ]);
  });

  it('takes a plain map of fiscal name → highest accepted rate too', () => {
    const history = new Map([['mleko', 800]]);
    expect(taxLadderViolations([L('MLEKO', 2300)], history).map((v) => v.fiscalName)).toEqual(['mleko']);
    expect(taxLadderViolations([L('MLEKO', 800), L('Chleb', 2300)], history)).toEqual([]);
  });

  it('a refused line does not count as registered: the next line is judged against the ceiling', () => {
    const history = replayLadder([L('Mleko', 2300), L('Mleko', 800)]);
    expect(taxLadderViolations([L('Mleko', 2300), L('Mleko', 800)], history).map((v) => v.toBp)).toEqual([2300]);
  });

  it('with the PTU map, rates that share a letter are one rate to the printer', () => {
    const ptuMap = { '2300': 'A', '2200': 'A', '800': 'B', '900': 'B', '500': 'C', '0': 'D' };
    expect(printerRateBp(2200, ptuMap)).toBe(2300);
    expect(printerRateBp(800, ptuMap)).toBe(900);
    expect(printerRateBp(700, ptuMap)).toBe(700);
    const history = replayLadder([L('Mleko', printerRateBp(2300, ptuMap)), L('Mleko', printerRateBp(2200, ptuMap))]);
    expect(taxLadderViolations([L('Mleko', 2300)], history, ptuMap)).toEqual([]);
    // without the map 2200 after 2300 looks like a lowering
    expect(taxLadderViolations([L('Mleko', 2300)], replayLadder([L('Mleko', 2300), L('Mleko', 2200)]))).toHaveLength(1);
    // letters still order by rate: B (8/9 %) after A is a lowering
    const locked = replayLadder([L('Kawa', 2300), L('Kawa', printerRateBp(800, ptuMap))]);
    expect(taxLadderViolations([L('Kawa', 2200)], locked, ptuMap).map((v) => [v.fromBp, v.toBp])).toEqual([[900, 2200]]);
  });
});

describe('LadderHistory', () => {
  it('is a map of the locked items only, and remembers every item’s last rate', () => {
    const h = replayLadder([L('Mleko', 2300), L('Chleb', 500), L('Mleko', 800), L('Chleb', 800)]);
    expect([...h]).toEqual([['mleko', 800]]);
    expect([...h.last]).toEqual([
      ['mleko', 800],
      ['chleb', 800],
    ]);
    expect(h).toBeInstanceOf(Map);
  });

  it('ignores a line the printer would have refused, and names without letters or digits', () => {
    const h = new LadderHistory();
    h.record('Mleko', 2300);
    h.record('Mleko', 800);
    h.record('Mleko', 2300);
    h.record('***', 800);
    expect(h.get('mleko')).toBe(800);
    expect(h.last.get('mleko')).toBe(800);
    expect(h.size).toBe(1);
  });

  it('copies independently', () => {
    const h = replayLadder([L('Mleko', 2300), L('Mleko', 800)]);
    const c = h.copy();
    c.record('Mleko', 500);
    expect(h.get('mleko')).toBe(800);
    expect(c.get('mleko')).toBe(500);
  });
});
