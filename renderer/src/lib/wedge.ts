/**
 * Keyboard-wedge scanner detection, pure and clock-injected: a scanner
 * "types" a code far faster than a person, so a burst of keystrokes whose average gap is at most
 * `maxGapMs`, with at least `minLength` characters, is a scan; anything slower is typing.
 *
 * The detector only sees characters and end keys; the caller (useScanner) decides what to do
 * with the key events. Time comes from `now` — `performance.now()` in the app, a fake in tests.
 */

export interface WedgeOptions {
  /** Longest average gap between a scanner's keystrokes (ms); slower input is a person typing. */
  maxGapMs: number;
  /** Fewest characters a code has (not counting the prefix). */
  minLength: number;
  /** Characters the scanner sends before a code ('' = none). A code may start with it; it is stripped. */
  prefix: string;
  /** A pause this long between two keys starts a new burst; also how long a scan without an end key waits. */
  idleMs?: number;
}

/** onscan.js's defaults: 30 ms per key on average, 6 characters. */
export const WEDGE_DEFAULTS: Readonly<WedgeOptions> = { maxGapMs: 30, minLength: 6, prefix: '' };

/** The settings' scanner fields (SettingsView), any of them possibly missing. */
export interface WedgeSettings {
  scannerPrefix?: string | undefined;
  scannerMaxGapMs?: number | undefined;
  scannerMinLength?: number | undefined;
}

const positive = (n: number | undefined, fallback: number) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback);

/** The detector's options from the shop's settings; a missing or odd value falls back to the default. */
export function wedgeOptions(settings: WedgeSettings | null | undefined): WedgeOptions {
  return {
    maxGapMs: positive(settings?.scannerMaxGapMs, WEDGE_DEFAULTS.maxGapMs),
    minLength: Math.max(1, Math.round(positive(settings?.scannerMinLength, WEDGE_DEFAULTS.minLength))),
    prefix: typeof settings?.scannerPrefix === 'string' ? settings.scannerPrefix : WEDGE_DEFAULTS.prefix,
  };
}

/** The pause that ends a burst: never under 100 ms (onscan's timeBeforeScanTest), and 3 gaps at least. */
export const idleMsOf = (o: WedgeOptions): number => o.idleMs ?? Math.max(100, 3 * o.maxGapMs);

export interface WedgeStep {
  /** This key began a new burst (whatever came before it was forgotten). */
  started: boolean;
  /**
   * The burst is a scan (it reached `minLength` at scanner speed): this key, and every one up to
   * the end of the burst, belongs to the code and must not reach the page.
   */
  scanning: boolean;
}

export interface Wedge {
  /** One printable character, at `now()`. */
  key(char: string): WedgeStep;
  /** An end key (Enter, Tab, …): the code when the burst is a scan, else null. Starts over either way. */
  end(): string | null;
  /** Silence after a scan that sent no end key: the code when the burst is a scan, else null. Starts over. */
  flush(): string | null;
  /** Forgets the burst (another key, the focus moved). */
  reset(): void;
  /** The burst so far is a scan. */
  readonly scanning: boolean;
  /** Characters in the burst so far. */
  readonly size: number;
  /** The current options' idle pause (ms). */
  idleMs(): number;
}

/**
 * A burst detector. `options` may be a function, read at every key, so a settings change applies
 * at once. Once a burst is a scan it stays one until its end: its keys were kept off the page.
 */
export function createWedge(options: WedgeOptions | (() => WedgeOptions), now: () => number = () => performance.now()): Wedge {
  const read = typeof options === 'function' ? options : () => options;
  let chars: string[] = [];
  let first = 0;
  let last = 0;
  let proven = false;

  const reset = () => {
    chars = [];
    proven = false;
  };

  const codeOf = (o: WedgeOptions) => {
    const text = chars.join('');
    return o.prefix !== '' && text.startsWith(o.prefix) ? text.slice(o.prefix.length) : text;
  };

  // Average gap ≤ maxGapMs ⇔ first→last ≤ maxGapMs × gaps (no division, no rounding).
  const fastEnough = (o: WedgeOptions) => chars.length >= 2 && last - first <= o.maxGapMs * (chars.length - 1);

  const take = () => {
    const code = proven ? codeOf(read()) : null;
    reset();
    return code;
  };

  return {
    key(char) {
      const o = read();
      const t = now();
      let started = false;
      if (chars.length === 0 || t - last > idleMsOf(o) || t < last) {
        reset();
        first = t;
        started = true;
      }
      chars.push(char);
      last = t;
      if (!proven && codeOf(o).length >= o.minLength && fastEnough(o)) proven = true;
      return { started, scanning: proven };
    },
    end: take,
    flush: take,
    reset,
    get scanning() {
      return proven;
    },
    get size() {
      return chars.length;
    },
    idleMs: () => idleMsOf(read()),
  };
}
