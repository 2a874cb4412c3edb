import {
  api,
  type ArticleHit,
  type Channel,
  type CustomerView,
  type ReferenceLists,
  type SettingsView,
} from '../../../electron/contract/api';
import type { PosBridge } from '../../../electron/contract/bridge';
import { FALLBACK_SETTINGS } from '../../../renderer/src/features/receipt/store';
import type { ErrorCode, Wire } from '../../../electron/contract/errors';

/**
 * A fake `window.pos` for the settings screen and the search dialogs: settings, reference lists,
 * an article catalogue and a customer register in memory. Inputs and outputs go through the
 * contract's zod schemas, so the renderer is held to the real contract. A channel can be held:
 * its answers then wait until the test releases them, in any order.
 */

const article = (id: string, code: string, name: string, barcode: string | null, priceMinor: number, stockMilli: number | null, unit: 'pcs' | 'kg' = 'pcs'): ArticleHit => ({
  id,
  code,
  name,
  barcode,
  unit,
  priceMinor,
  vatRateBp: 2400,
  stockMilli,
  imageUrl: null,
});

export const ARTICLES: ArticleHit[] = [
  article('a1', 'MILK1', 'Milk 2.5% 1 l', '4740001000011', 129, 24_000),
  article('a2', 'MILK2', 'Lactose-free milk 1 l', '4740001000028', 189, 6_000),
  article('a3', 'APPLE', 'Apples', '2000000000017', 199, 12_500, 'kg'),
  article('a4', 'BREAD', 'Rye bread', null, 245, null),
  article('a5', 'WATER', 'Mineral water 0.5 l', '4740001000035', 1_234_567, 3_000),
];

const customer = (id: string, code: string, name: string, idCode: string, phone: string, priceFormulaName: string | null): CustomerView => ({
  id,
  code,
  name,
  idCode,
  phone,
  email: '',
  address: '',
  vatNo: '',
  priceFormulaCode: priceFormulaName ? 'STAFF' : null,
  priceFormulaName,
  discountBp: priceFormulaName ? 1000 : 0,
});

export const CUSTOMERS: CustomerView[] = [
  customer('c1', 'K001', 'Mari Maasikas', '48001010000', '+372 5555 0001', 'Staff −10 %'),
  customer('c2', 'K002', 'Jaan Tamm', '38002020000', '+372 5555 0002', null),
  customer('c3', 'K003', 'Tamm OÜ', '', '+372 5555 0002', null),
];

/** The renderer's own fallbacks (device settings included), with this fake shop's receipt choices. */
export const DEFAULT_SETTINGS: SettingsView = {
  ...FALLBACK_SETTINGS,
  zeroPricePolicy: 'warn',
  lockAfterPrint: false,
  allowDelete: true,
  salespersonPerRow: false,
  showArticleImage: true,
  phoneLookup: false,
  transferEnabled: false,
  prepaymentEnabled: false,
  cashRounding: '0.05',
  roundingAccount: '7790',
  defaultSeries: 'KA',
  defaultWarehouse: 'MAIN',
  cashierName: 'Anu',
};

export const LISTS: ReferenceLists = {
  series: [
    { code: 'KA', name: 'Cash receipts', prefix: 'KA-' },
    { code: 'KB', name: 'Second till', prefix: 'KB-' },
  ],
  warehouses: [
    { code: 'MAIN', name: 'Shop floor' },
    { code: 'BACK', name: 'Back store' },
  ],
  objects: [],
  salespeople: [],
  priceFormulas: [{ code: 'STAFF', name: 'Staff −10 %', discountBp: 1000, priceListCode: null }],
};

class Fail extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, string | number>,
  ) {
    super(code);
  }
}

export interface HeldCall {
  channel: Channel;
  input: unknown;
  /** Lets the answer go. */
  release(): void;
}

export interface FakeSettingsCore {
  bridge: PosBridge;
  calls: { channel: string; input: unknown }[];
  settings: SettingsView;
  /** Calls of a channel so far, their inputs in order. */
  inputs(channel: Channel): unknown[];
  /** Makes the next call of a channel fail with this wire error. */
  failNext(channel: Channel, code: ErrorCode, details?: Record<string, string | number>): void;
  /** From now on, answers of this channel wait in `held` until released. */
  hold(channel: Channel): void;
  held: HeldCall[];
}

const matches = (needle: string, ...fields: (string | null)[]) =>
  fields.some((field) => field !== null && field.toLowerCase().includes(needle.toLowerCase()));

export function createFakeSettingsCore(initial: Partial<SettingsView> = {}): FakeSettingsCore {
  const core: FakeSettingsCore = {
    bridge: { invoke, on: () => () => {} },
    calls: [],
    settings: { ...DEFAULT_SETTINGS, ...initial },
    inputs: (channel) => core.calls.filter((c) => c.channel === channel).map((c) => c.input),
    failNext(channel, code, details) {
      failures.set(channel, { code, details });
    },
    hold(channel) {
      holding.add(channel);
    },
    held: [],
  };
  const failures = new Map<string, { code: ErrorCode; details?: Record<string, string | number> }>();
  const holding = new Set<Channel>();

  const handlers: Partial<{ [C in Channel]: (input: never) => unknown }> = {
    'app.info': () => ({ version: '0.1.0-test', locale: 'en-GB', currency: 'EUR', shopName: 'Corner Shop', tillName: 'Till 1' }),
    'printer.status': () => ({ name: 'TM-T20', state: 'ok', pendingJobs: 0 }),
    'devices.status': () => ({
      printer: { name: 'TM-T20', state: 'ok' },
      fiscal: { name: '', state: 'none' },
      terminal: { name: '', state: 'none' },
      scanner: { name: '', state: 'none' },
    }),
    'devices.log': () => [{ at: '2026-11-22T10:00:00.000Z', device: 'drawer', event: 'drawer.open', detail: 'change for the bakery' }],
    'printer.test': () => ({ queued: true }),
    'drawer.open': () => ({ queued: true }),
    'terminal.orphans': () => [],
    'terminal.reverseOrphan': () => [],
    'terminal.recover': () => ({ settled: 0, inDoubt: 0 }),
    'terminal.endOfDay': () => ({ ok: true, lines: [] }),
    'receipt.current': () => null,
    'receipt.listOpen': () => [],
    'settings.get': () => core.settings,
    'settings.update': (patch: Partial<SettingsView>) => {
      if (patch.defaultSeries !== undefined && !LISTS.series.some((s) => s.code === patch.defaultSeries)) {
        throw new Fail('series.not_found', { code: patch.defaultSeries });
      }
      if (patch.defaultWarehouse !== undefined && !LISTS.warehouses.some((w) => w.code === patch.defaultWarehouse)) {
        throw new Fail('warehouse.not_found', { code: patch.defaultWarehouse });
      }
      core.settings = { ...core.settings, ...patch };
      return core.settings;
    },
    'reference.lists': () => LISTS,
    'article.search': ({ query, limit }: { query: string; limit: number }) =>
      ARTICLES.filter((a) => matches(query, a.code, a.name, a.barcode)).slice(0, limit),
    'customer.search': ({ query, by }: { query: string; by: 'any' | 'phone' | 'idCode' }) => {
      const digits = (text: string) => text.replace(/\D/g, '');
      return CUSTOMERS.filter((c) => {
        if (by === 'phone') return digits(query) !== '' && digits(c.phone).endsWith(digits(query));
        if (by === 'idCode') return c.idCode !== '' && c.idCode === query;
        return matches(query, c.name, c.code, c.idCode, c.phone);
      });
    },
  };

  async function invoke(channel: string, input: unknown): Promise<Wire<unknown>> {
    core.calls.push({ channel, input });
    if (!(channel in api)) return { ok: false, error: { code: 'unknown_channel', message: channel } };
    const c = channel as Channel;
    if (holding.has(c)) {
      await new Promise<void>((resolve) => core.held.push({ channel: c, input, release: resolve }));
    } else {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const failure = failures.get(c);
    if (failure) {
      failures.delete(c);
      return { ok: false, error: { code: failure.code, message: failure.code, ...(failure.details ? { details: failure.details } : {}) } };
    }
    const parsed = api[c].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: parsed.error.message } };
    const handler = handlers[c] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'internal', message: `the fake core has no ${c}` } };
    try {
      // A wrong answer from the fake is a bug in the test: let it fail loudly.
      return { ok: true, value: api[c].output.parse(handler(parsed.data)) };
    } catch (error) {
      if (error instanceof Fail) {
        return { ok: false, error: { code: error.code, message: error.code, ...(error.details ? { details: error.details } : {}) } };
      }
      throw error;
    }
  }

  return core;
}
