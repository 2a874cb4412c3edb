import { api, type AppInfo, type Channel, type PrinterStatusView, type ReceiptView } from '../../../electron/contract/api';
import type { PosBridge } from '../../../electron/contract/bridge';
import type { ErrorCode, Wire } from '../../../electron/contract/errors';
import { events, type EventName, type EventPayload } from '../../../electron/contract/events';

/**
 * A tiny in-memory core behind a fake `window.pos`: two articles, one receipt series, totals
 * done simply. Inputs and outputs go through the contract's zod schemas, so the renderer is
 * held to the real contract.
 */

export const MILK = { code: '4740001000011', name: 'Milk 2.5% 1 l', unit: 'pcs', priceMinor: 129, vatRateBp: 2400 } as const;
export const APPLES = { code: '2000000000017', name: 'Apples', unit: 'kg', priceMinor: 199, vatRateBp: 2400 } as const;
const CATALOGUE = [MILK, APPLES];

class Fail extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, string | number>,
  ) {
    super(code);
  }
}

export interface FakeCoreOptions {
  info?: Partial<AppInfo>;
  printer?: Partial<PrinterStatusView>;
  /** Milliseconds each call takes; 0 still answers asynchronously. */
  latencyMs?: number;
}

export interface FakeCore {
  bridge: PosBridge;
  calls: { channel: string; input: unknown }[];
  receipts: ReceiptView[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Makes the next calls of a channel fail with this wire error. */
  failNext(channel: Channel, code: ErrorCode, details?: Record<string, string | number>): void;
}

const roundDiv = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b)); // half up, a,b >= 0

export function createFakeCore(options: FakeCoreOptions = {}): FakeCore {
  const info: AppInfo = {
    version: '0.1.0-test',
    locale: 'en-GB',
    currency: 'EUR',
    shopName: 'Corner Shop',
    tillName: 'Till 1',
    ...options.info,
  };
  const printer: PrinterStatusView = { name: 'TM-T20', state: 'ok', pendingJobs: 0, ...options.printer };
  const receipts: ReceiptView[] = [];
  const calls: FakeCore['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const failures = new Map<string, { code: ErrorCode; details?: Record<string, string | number> }>();
  let nextId = 1;
  let nextNumber = 1;

  const find = (id: string) => {
    const receipt = receipts.find((r) => r.id === id);
    if (!receipt) throw new Fail('receipt.not_found');
    return receipt;
  };
  const open = (id: string) => {
    const receipt = find(id);
    if (receipt.status === 'confirmed') throw new Fail('receipt.confirmed');
    return receipt;
  };

  function recompute(r: ReceiptView): ReceiptView {
    const rows = r.rows.map((row, i) => ({
      ...row,
      lineNo: i + 1,
      sumMinor: roundDiv(row.quantityMilli * row.unitPriceMinor, 1000),
    }));
    const total = rows.reduce((s, row) => s + row.sumMinor, 0);
    const rates = [...new Set(rows.map((row) => row.vatRateBp))];
    const vat = rates.map((rateBp) => {
      const gross = rows.filter((row) => row.vatRateBp === rateBp).reduce((s, row) => s + row.sumMinor, 0);
      const net = roundDiv(gross * 10_000, 10_000 + rateBp);
      return { rateBp, grossMinor: gross, netMinor: net, vatMinor: gross - net };
    });
    const paid = r.payments.reduce((s, p) => s + p.amountMinor, 0);
    return { ...r, rows, vat, totalMinor: total, paidMinor: paid, dueMinor: Math.max(total - paid, 0) };
  }

  function save(next: ReceiptView): ReceiptView {
    const view = recompute(next);
    receipts[receipts.findIndex((r) => r.id === view.id)] = view;
    return view;
  }

  const handlers: { [C in Channel]: (input: never) => unknown } = {
    'app.info': () => info,
    'printer.status': () => printer,
    'receipt.new': () => {
      const view: ReceiptView = recompute({
        id: `r${nextId++}`,
        status: 'new',
        number: null,
        seriesCode: 'KA',
        currency: 'EUR',
        createdAt: '2025-03-01T09:30:00.000Z',
        confirmedAt: null,
        rows: [],
        vat: [],
        totalMinor: 0,
        paidMinor: 0,
        dueMinor: 0,
        moneyMinor: 0,
        changeMinor: 0,
        payments: [],
      });
      receipts.push(view);
      return view;
    },
    'receipt.current': () => [...receipts].reverse().find((r) => r.status !== 'confirmed') ?? null,
    'receipt.get': ({ receiptId }: { receiptId: string }) => find(receiptId),
    'receipt.addArticle': ({ receiptId, code }: { receiptId: string; code: string }) => {
      const r = open(receiptId);
      const article = CATALOGUE.find((a) => a.code === code);
      if (!article) throw new Fail('article.not_found', { code });
      const row = {
        id: `row${nextId++}`,
        lineNo: r.rows.length + 1,
        articleId: article.code,
        code: article.code,
        name: article.name,
        unit: article.unit,
        quantityMilli: 1000,
        unitPriceMinor: article.priceMinor,
        vatRateBp: article.vatRateBp,
        sumMinor: 0,
      };
      return save({ ...r, status: 'modified', rows: [...r.rows, row] });
    },
    'receipt.setQuantity': ({ receiptId, rowId, quantityMilli }: { receiptId: string; rowId: string; quantityMilli: number }) => {
      const r = open(receiptId);
      if (!r.rows.some((row) => row.id === rowId)) throw new Fail('row.not_found');
      return save({
        ...r,
        status: 'modified',
        rows: r.rows.map((row) => (row.id === rowId ? { ...row, quantityMilli } : row)),
      });
    },
    'receipt.removeRow': ({ receiptId, rowId }: { receiptId: string; rowId: string }) => {
      const r = open(receiptId);
      if (!r.rows.some((row) => row.id === rowId)) throw new Fail('row.not_found');
      return save({ ...r, status: 'modified', rows: r.rows.filter((row) => row.id !== rowId) });
    },
    'receipt.payCash': ({ receiptId, tenderedMinor }: { receiptId: string; tenderedMinor: number }) => {
      const r = open(receiptId);
      if (r.dueMinor <= 0) throw new Fail('payment.nothing_due');
      if (tenderedMinor <= 0) throw new Fail('payment.invalid_amount');
      const amount = Math.min(tenderedMinor, r.dueMinor);
      const change = tenderedMinor - amount;
      const payment = { id: `p${nextId++}`, method: 'cash' as const, amountMinor: amount, tenderedMinor, changeMinor: change };
      return save({
        ...r,
        status: 'modified',
        payments: [...r.payments, payment],
        moneyMinor: r.moneyMinor + tenderedMinor,
        changeMinor: r.changeMinor + change,
      });
    },
    'receipt.confirm': ({ receiptId }: { receiptId: string }) => {
      const r = open(receiptId);
      if (r.rows.length === 0) throw new Fail('receipt.empty');
      if (r.dueMinor > 0) throw new Fail('receipt.not_paid', { due: r.dueMinor });
      const number = `KA-${String(nextNumber++).padStart(6, '0')}`;
      return save({ ...r, status: 'confirmed', number, confirmedAt: '2025-03-01T09:35:00.000Z' });
    },
  };

  const bridge: PosBridge = {
    async invoke(channel, input): Promise<Wire<unknown>> {
      calls.push({ channel, input });
      await new Promise((resolve) => setTimeout(resolve, options.latencyMs ?? 0));
      if (!(channel in api)) return { ok: false, error: { code: 'unknown_channel', message: channel } };
      const c = channel as Channel;
      const failure = failures.get(c);
      if (failure) {
        failures.delete(c);
        return { ok: false, error: { code: failure.code, message: failure.code, ...(failure.details ? { details: failure.details } : {}) } };
      }
      const parsed = api[c].input.safeParse(input);
      if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: parsed.error.message } };
      try {
        const value = (handlers[c] as (i: unknown) => unknown)(parsed.data);
        // The fake answers exactly what the contract promises, or the test fails loudly.
        return { ok: true, value: api[c].output.parse(value) };
      } catch (error) {
        if (error instanceof Fail) {
          return { ok: false, error: { code: error.code, message: error.code, ...(error.details ? { details: error.details } : {}) } };
        }
        throw error;
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };

  return {
    bridge,
    calls,
    receipts,
    emit(event, payload) {
      const parsed = events[event].parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(parsed);
    },
    failNext(channel, code, details) {
      failures.set(channel, details ? { code, details } : { code });
    },
  };
}
