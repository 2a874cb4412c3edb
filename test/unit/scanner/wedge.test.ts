import { describe, expect, it } from 'vitest';
import { createWedge, idleMsOf, WEDGE_DEFAULTS, wedgeOptions, type WedgeOptions } from '../../../renderer/src/lib/wedge.js';

/** A detector on a fake clock; `type` feeds characters `gaps` ms apart (a number, or one per key). */
function setup(options: Partial<WedgeOptions> = {}) {
  let t = 1000;
  const wedge = createWedge({ ...WEDGE_DEFAULTS, ...options }, () => t);
  const type = (text: string, gaps: number | number[], pauseFirst = 0) => {
    t += pauseFirst;
    return [...text].map((ch, i) => {
      if (i > 0) t += typeof gaps === 'number' ? gaps : (gaps[i - 1] ?? 0);
      return wedge.key(ch);
    });
  };
  const wait = (ms: number) => {
    t += ms;
  };
  return { wedge, type, wait };
}

describe('keyboard wedge: a scan is keys typed faster than a person types', () => {
  it('a fast burst of at least minLength characters is a scan from its minLength-th key on', () => {
    const { wedge, type } = setup();
    const steps = type('4740001000011', 8);
    expect(steps[0]).toEqual({ started: true, scanning: false });
    expect(steps.slice(0, 5).every((s) => !s.scanning)).toBe(true);
    expect(steps.slice(5).every((s) => s.scanning && !s.started)).toBe(true);
    expect(wedge.end()).toBe('4740001000011');
    expect(wedge.size).toBe(0);
    expect(wedge.end()).toBeNull(); // the end starts over
  });

  it.each([
    { name: 'a person typing (90 ms a key)', gap: 90 },
    { name: 'a quick typist (45 ms a key)', gap: 45 },
    { name: 'slow keys, each its own burst (150 ms)', gap: 150 },
  ])('$name is never a scan', ({ gap }) => {
    const { wedge, type } = setup();
    expect(type('12345678', gap).some((s) => s.scanning)).toBe(false);
    expect(wedge.end()).toBeNull();
  });

  it('judges the average gap: one slow gap among fast ones is still a scan', () => {
    const { wedge, type } = setup();
    // 80 + 5×4 = 100 ms over 5 gaps = 20 ms on average.
    const steps = type('400638', [5, 5, 80, 5, 5]);
    expect(steps[5]?.scanning).toBe(true);
    expect(wedge.end()).toBe('400638');
  });

  it('a burst shorter than minLength is typing, however fast', () => {
    const { wedge, type } = setup({ minLength: 8 });
    type('1234567', 5);
    expect(wedge.scanning).toBe(false);
    expect(wedge.end()).toBeNull();
  });

  it('a pause longer than the idle time starts a new burst', () => {
    const { wedge, type } = setup();
    type('ab', 5);
    const steps = type('5901234123457', 5, 150);
    expect(steps[0]?.started).toBe(true);
    expect(wedge.end()).toBe('5901234123457');
  });

  it('strips the configured prefix; minLength counts the code only', () => {
    const { wedge, type } = setup({ prefix: '§#', minLength: 4 });
    const steps = type('§#1234', 5);
    expect(steps.map((s) => s.scanning)).toEqual([false, false, false, false, false, true]);
    expect(wedge.end()).toBe('1234');
    // Without the prefix a fast burst is still a scan (the prefix is optional).
    type('123456', 5, 500);
    expect(wedge.end()).toBe('123456');
  });

  it('flush ends a scan that sent no end key; reset forgets a burst', () => {
    const { wedge, type, wait } = setup();
    type('96385074', 4);
    wait(200);
    expect(wedge.flush()).toBe('96385074');
    type('96385074', 4);
    wedge.reset();
    expect(wedge.scanning).toBe(false);
    expect(wedge.end()).toBeNull();
  });

  it('reads the options at every key (a settings change applies at once)', () => {
    let options: WedgeOptions = { ...WEDGE_DEFAULTS };
    let t = 0;
    const wedge = createWedge(() => options, () => t);
    for (const ch of '123456') {
      t += 40;
      wedge.key(ch);
    }
    expect(wedge.end()).toBeNull(); // 40 ms > 30 ms
    options = { ...options, maxGapMs: 50 };
    for (const ch of '123456') {
      t += 40;
      wedge.key(ch);
    }
    expect(wedge.end()).toBe('123456');
  });

  it('takes its options from the settings, with defaults for what is missing', () => {
    expect(wedgeOptions(undefined)).toEqual({ maxGapMs: 30, minLength: 6, prefix: '' });
    expect(wedgeOptions({ scannerPrefix: ']', scannerMaxGapMs: 20, scannerMinLength: 8 })).toEqual({ maxGapMs: 20, minLength: 8, prefix: ']' });
    expect(wedgeOptions({ scannerMaxGapMs: Number.NaN, scannerMinLength: 0 })).toEqual(WEDGE_DEFAULTS);
    expect(idleMsOf(WEDGE_DEFAULTS)).toBe(100);
    expect(idleMsOf({ ...WEDGE_DEFAULTS, maxGapMs: 50 })).toBe(150);
  });
});
