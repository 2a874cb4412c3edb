import {
  api,
  type AppInfo,
  type ArticleHit,
  type Channel,
  type CustomerView,
  type ParsedInput,
  type PaymentMethod,
  type PaymentView,
  type PrinterStatusView,
  type ReceiptRowView,
  type ReceiptView,
  type ReferenceLists,
  type SettingsView,
} from '../../../electron/contract/api';
import type { PosBridge } from '../../../electron/contract/bridge';
import { FALLBACK_SETTINGS } from '../../../renderer/src/features/receipt/store';
import type { ErrorCode, Wire } from '../../../electron/contract/errors';
import { events, type EventName, type EventPayload } from '../../../electron/contract/events';

/**
 * A small in-memory core behind a fake `window.pos`: a handful of articles and customers, two
 * number series, totals done simply (but with discounts, 5-cent cash rounding and the zero-price
 * policy), a card terminal that approves or declines on demand, and Directo's save/revert
 * statuses. Inputs and outputs go through the contract's zod schemas, so the renderer is held
 * to the real contract.
 */

interface Article {
  code: string;
  name: string;
  unit: 'pcs' | 'kg';
  priceMinor: number;
  vatRateBp: number;
  stockMilli: number | null;
  imageUrl: string | null;
}

export const MILK = {
  code: '4740001000011',
  name: 'Milk 2.5% 1 l',
  unit: 'pcs',
  priceMinor: 129,
  vatRateBp: 2400,
  stockMilli: 10_000,
  imageUrl: '/images/milk.png',
} as const satisfies Article;
export const APPLES = {
  code: '2000000000017',
  name: 'Apples',
  unit: 'kg',
  priceMinor: 199,
  vatRateBp: 2400,
  stockMilli: null,
  imageUrl: null,
} as const satisfies Article;
/** Sold at 0: the zero-price policy applies to it. */
export const GIFT_BAG = {
  code: '2000000000024',
  name: 'Gift bag',
  unit: 'pcs',
  priceMinor: 0,
  vatRateBp: 2400,
  stockMilli: null,
  imageUrl: null,
} as const satisfies Article;
/** One left in stock: a second one is over stock. */
export const VASE = {
  code: '2000000000031',
  name: 'Glass vase',
  unit: 'pcs',
  priceMinor: 1500,
  vatRateBp: 2400,
  stockMilli: 1000,
  imageUrl: '/images/vase.png',
} as const satisfies Article;
const CATALOGUE: readonly Article[] = [MILK, APPLES, GIFT_BAG, VASE];

const customer = (c: Omit<CustomerView, 'priceFormulaName' | 'discountBp'> & { discountBp?: number }): CustomerView => ({
  ...c,
  priceFormulaName: c.priceFormulaCode ? 'Staff −10 %' : null,
  discountBp: c.discountBp ?? 0,
});
export const ANNA = customer({
  id: 'c1',
  code: 'K001',
  name: 'Anna Tamm',
  idCode: '49001010001',
  phone: '+372 5550 0001',
  email: 'anna@example.ee',
  address: 'Pikk 1, Tallinn',
  vatNo: '',
  priceFormulaCode: 'STAFF',
  discountBp: 1000,
});
export const PEETER = customer({
  id: 'c2',
  code: 'K002',
  name: 'Peeter Tamm',
  idCode: '38001010002',
  phone: '+372 5550 0002',
  email: '',
  address: 'Lai 2, Tartu',
  vatNo: '',
  priceFormulaCode: null,
});
export const FIRM = customer({
  id: 'c3',
  code: 'K003',
  name: 'Näidis OÜ',
  idCode: '',
  phone: '+372 600 0003',
  email: 'arved@naidis.ee',
  address: 'Tööstuse 3, Pärnu',
  vatNo: 'EE100000003',
  priceFormulaCode: null,
});
const CUSTOMERS: readonly CustomerView[] = [ANNA, PEETER, FIRM];

/** The renderer's own fallbacks (device settings included), with this fake shop's receipt choices. */
export const DEFAULT_SETTINGS: SettingsView = {
  ...FALLBACK_SETTINGS,
  zeroPricePolicy: 'none',
  lockAfterPrint: false,
  allowDelete: true,
  salespersonPerRow: false,
  showArticleImage: false,
  phoneLookup: true,
  transferEnabled: false,
  prepaymentEnabled: false,
  cashRounding: '0.05',
  roundingAccount: '6990',
  defaultSeries: 'KA',
  defaultWarehouse: 'MAIN',
  cashierName: 'Mari',
};

export const LISTS: ReferenceLists = {
  series: [
    { code: 'KA', name: 'Cash receipts', prefix: 'KA-' },
    { code: 'KB', name: 'Market stall', prefix: 'KB-' },
  ],
  warehouses: [
    { code: 'MAIN', name: 'Main store' },
    { code: 'BACK', name: 'Back store' },
  ],
  objects: [{ code: 'SHOP1', name: 'Shop 1' }],
  salespeople: [
    { code: 'MARI', name: 'Mari Mets' },
    { code: 'JAAN', name: 'Jaan Kask' },
  ],
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

export interface FakeCoreOptions {
  info?: Partial<AppInfo>;
  printer?: Partial<PrinterStatusView>;
  settings?: Partial<SettingsView>;
  /** Milliseconds each call takes; 0 still answers asynchronously. */
  latencyMs?: number;
  /** Extra milliseconds the card terminal takes for a payment. */
  cardLatencyMs?: number;
  /** What the ID card reader reads (F10); null: no card in the reader. */
  idCard?: string | null;
}

export interface FakeCore {
  bridge: PosBridge;
  calls: { channel: string; input: unknown }[];
  receipts: ReceiptView[];
  settings: SettingsView;
  /** The next card payments are approved (default) or declined with this reason. */
  card: { outcome: 'approve' } | { outcome: 'decline'; reason: string; key?: string };
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Makes the next call of a channel fail with this wire error. */
  failNext(channel: Channel, code: ErrorCode, details?: Record<string, string | number>): void;
  /** Calls of one channel, in order. */
  callsOf(channel: Channel): unknown[];
}

const roundDiv = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b)); // half up, a,b >= 0

/** 5-cent rounding as DOMAIN.md §2 describes it (1, 2, 6, 7 down; 3, 4, 8, 9 up). */
export function roundCash(minor: number): number {
  const rest = minor % 5;
  return rest <= 2 ? minor - rest : minor + (5 - rest);
}

type Draft = Omit<
  ReceiptView,
  'vat' | 'totalMinor' | 'roundingMinor' | 'payableMinor' | 'paidMinor' | 'dueMinor' | 'cashDueMinor' | 'moneyMinor' | 'changeMinor'
>;

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
  const settings: SettingsView = { ...DEFAULT_SETTINGS, ...options.settings };
  const receipts: ReceiptView[] = [];
  /** What each receipt looked like at its last save (F9): Leave goes back to it. */
  const saved = new Map<string, ReceiptView>();
  const calls: FakeCore['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const failures = new Map<string, { code: ErrorCode; details?: Record<string, string | number> }>();
  let nextId = 1;
  const nextNumber = new Map<string, number>();
  const now = () => '2025-03-01T09:30:00.000Z';

  const find = (id: string) => {
    const receipt = receipts.find((r) => r.id === id);
    if (!receipt) throw new Fail('receipt.not_found');
    return receipt;
  };
  /** A receipt that may still change (rows, header, payments). */
  const open = (id: string, { evenLocked = false } = {}) => {
    const receipt = find(id);
    if (receipt.status === 'confirmed') throw new Fail('receipt.confirmed');
    if (receipt.locked && !evenLocked) throw new Fail('receipt.locked');
    return receipt;
  };
  const article = (code: string) => CATALOGUE.find((a) => a.code === code);

  function recompute(r: Draft): ReceiptView {
    const ordered = r.rows.map((row, i) => ({ ...row, lineNo: i + 1 }));
    const rows: ReceiptRowView[] = ordered.map((row) => {
      const listSum = roundDiv(Math.abs(row.quantityMilli) * row.unitPriceMinor, 1000) * Math.sign(row.quantityMilli);
      const sum =
        roundDiv(Math.abs(row.quantityMilli) * row.unitPriceMinor * (10_000 - row.discountBp), 10_000_000) *
        Math.sign(row.quantityMilli);
      const stock = article(row.code)?.stockMilli ?? null;
      const taken = ordered.filter((other) => other.code === row.code).reduce((s, other) => s + other.quantityMilli, 0);
      const policy = settings.zeroPricePolicy;
      return {
        ...row,
        sumMinor: sum,
        discountMinor: listSum - sum,
        stockMilli: stock,
        overStock: stock !== null && taken > stock,
        zeroPrice: row.unitPriceMinor === 0 && policy !== 'none' ? policy : 'ok',
      };
    });
    const total = rows.reduce((s, row) => s + row.sumMinor, 0);
    const rates = [...new Set(rows.map((row) => row.vatRateBp))];
    const vat = rates.map((rateBp) => {
      const gross = rows.filter((row) => row.vatRateBp === rateBp).reduce((s, row) => s + row.sumMinor, 0);
      const net = roundDiv(gross * 10_000, 10_000 + rateBp);
      return { rateBp, grossMinor: gross, netMinor: net, vatMinor: gross - net };
    });
    const rounding = r.payments.reduce((s, p) => s + p.roundingMinor, 0);
    const payable = total + rounding;
    const paid = r.payments.reduce((s, p) => s + p.amountMinor, 0);
    const due = payable - paid;
    const cash = r.payments.filter((p) => p.method === 'cash');
    return {
      ...r,
      rows,
      vat,
      totalMinor: total,
      roundingMinor: rounding,
      payableMinor: payable,
      paidMinor: paid,
      dueMinor: due,
      cashDueMinor: due > 0 && settings.cashRounding === '0.05' ? roundCash(due) : due,
      moneyMinor: cash.reduce((s, p) => s + p.tenderedMinor, 0),
      changeMinor: cash.reduce((s, p) => s + p.changeMinor, 0),
    };
  }

  function store(next: Draft): ReceiptView {
    const view = recompute(next);
    const at = receipts.findIndex((r) => r.id === view.id);
    if (at >= 0) receipts[at] = view;
    else receipts.push(view);
    return view;
  }

  /** A change the cashier made: the receipt becomes Modified (unsaved). */
  const change = (r: ReceiptView, patch: Partial<Draft>) => store({ ...r, ...patch, status: 'modified' });

  function checkZeroPrice(r: ReceiptView) {
    const forbidden = r.rows.filter((row) => row.zeroPrice === 'forbid').map((row) => row.lineNo);
    if (forbidden.length > 0) throw new Fail('row.price_required', { lines: forbidden.join(', ') });
  }

  function saveReceipt(r: ReceiptView): ReceiptView {
    checkZeroPrice(r);
    const view = store({ ...r, status: 'view', savedAt: now() });
    saved.set(view.id, view);
    return view;
  }

  function newRow(r: ReceiptView, a: Article): ReceiptRowView {
    const discountBp = CUSTOMERS.find((c) => c.id === r.customer?.id)?.discountBp ?? 0;
    return {
      id: `row${nextId++}`,
      lineNo: r.rows.length + 1,
      articleId: a.code,
      code: a.code,
      name: a.name,
      unit: a.unit,
      quantityMilli: 1000,
      unitPriceMinor: a.priceMinor,
      discountBp,
      vatRateBp: a.vatRateBp,
      sumMinor: 0,
      discountMinor: 0,
      serialNo: '',
      salespersonCode: null,
      imageUrl: a.imageUrl,
      stockMilli: a.stockMilli,
      overStock: false,
      zeroPrice: 'ok',
    };
  }

  function emptyReceipt(seriesCode: string): ReceiptView {
    return recompute({
      id: `r${nextId++}`,
      status: 'new',
      number: null,
      seriesCode,
      currency: 'EUR',
      createdAt: now(),
      confirmedAt: null,
      savedAt: null,
      printedAt: null,
      locked: false,
      customer: null,
      customerName: '',
      address: '',
      vatNo: '',
      email: '',
      priceFormulaCode: null,
      objectCode: null,
      warehouseCode: settings.defaultWarehouse,
      creditOf: null,
      rows: [],
      payments: [],
    });
  }

  // Mutable from the test (core.card = { outcome: 'decline', … }) between payments.
  const fake: { card: FakeCore['card'] } = { card: { outcome: 'approve' } };

  function pay(r: ReceiptView, method: PaymentMethod, amountMinor: number): PaymentView {
    if ((method === 'transfer' && !settings.transferEnabled) || (method === 'prepayment' && !settings.prepaymentEnabled)) {
      throw new Fail('payment.method_disabled', { method });
    }
    const due = r.dueMinor;
    if (due <= 0) throw new Fail('payment.nothing_due');
    const id = `p${nextId++}`;
    if (method === 'cash') {
      const rounded = r.cashDueMinor;
      if (amountMinor >= rounded) {
        return { id, method, amountMinor: rounded, tenderedMinor: amountMinor, changeMinor: amountMinor - rounded, roundingMinor: rounded - due, reference: null };
      }
      if (amountMinor === 0) throw new Fail('payment.invalid_amount');
      const amount = Math.min(amountMinor, due);
      return { id, method, amountMinor: amount, tenderedMinor: amountMinor, changeMinor: amountMinor - amount, roundingMinor: 0, reference: null };
    }
    if (amountMinor <= 0) throw new Fail('payment.invalid_amount');
    if (amountMinor > due) throw new Fail('payment.exceeds_due', { dueMinor: due });
    if (method === 'card' && fake.card.outcome === 'decline') {
      throw new Fail('payment.declined', { reason: fake.card.reason, ...(fake.card.key ? { key: fake.card.key } : {}) });
    }
    const reference = method === 'card' ? `AUTH${String(nextId).padStart(4, '0')} ****1234` : null;
    return { id, method, amountMinor, tenderedMinor: amountMinor, changeMinor: 0, roundingMinor: 0, reference };
  }

  type Handler<C extends Channel> = (input: ParsedInput<C>) => unknown;
  const handlers: { [C in Channel]: Handler<C> } = {
    'app.info': () => info,
    'printer.status': () => printer,
    'devices.status': () => ({
      printer: { name: printer.name, state: printer.state === 'ok' ? 'ok' : 'error' },
      fiscal: { name: '', state: 'none' },
      terminal: { name: 'simulator', state: 'ok' },
      scanner: { name: '', state: 'none' },
    }),
    'devices.log': () => [],
    'printer.test': () => ({ queued: true }),
    'drawer.open': () => ({ queued: true }),
    'terminal.orphans': () => [],
    'terminal.reverseOrphan': () => [],
    'terminal.recover': () => ({ settled: 0, inDoubt: 0 }),
    'terminal.endOfDay': () => ({ ok: true, lines: [] }),
    'settings.get': () => settings,
    'settings.update': (patch) => Object.assign(settings, patch),
    'reference.lists': () => LISTS,
    'receipt.new': ({ seriesCode }) => store(emptyReceipt(seriesCode ?? settings.defaultSeries)),
    'receipt.current': () => [...receipts].reverse().find((r) => r.status !== 'confirmed') ?? null,
    'receipt.get': ({ receiptId }) => find(receiptId),
    'receipt.listOpen': () =>
      [...receipts]
        .reverse()
        .filter((r) => r.status !== 'confirmed')
        .map((r) => ({ id: r.id, status: r.status, number: r.number, customerName: r.customerName, totalMinor: r.totalMinor, createdAt: r.createdAt })),
    'receipt.addArticle': ({ receiptId, code }) => {
      const r = open(receiptId);
      const found = article(code);
      if (!found) throw new Fail('article.not_found', { code });
      return change(r, { rows: [...r.rows, newRow(r, found)] });
    },
    'receipt.updateRow': ({ receiptId, rowId, ...patch }) => {
      const r = open(receiptId);
      if (!r.rows.some((row) => row.id === rowId)) throw new Fail('row.not_found');
      if (patch.salespersonCode && !LISTS.salespeople.some((s) => s.code === patch.salespersonCode)) {
        throw new Fail('salesperson.not_found');
      }
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      return change(r, { rows: r.rows.map((row) => (row.id === rowId ? { ...row, ...defined } : row)) });
    },
    'receipt.removeRow': ({ receiptId, rowId }) => {
      const r = open(receiptId);
      if (!r.rows.some((row) => row.id === rowId)) throw new Fail('row.not_found');
      return change(r, { rows: r.rows.filter((row) => row.id !== rowId) });
    },
    'receipt.setHeader': ({ receiptId, ...patch }) => {
      const r = open(receiptId);
      if (patch.objectCode && !LISTS.objects.some((o) => o.code === patch.objectCode)) throw new Fail('object.not_found');
      if (patch.warehouseCode && !LISTS.warehouses.some((w) => w.code === patch.warehouseCode)) throw new Fail('warehouse.not_found');
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      return change(r, defined);
    },
    'receipt.setCustomer': ({ receiptId, customerId }) => {
      const r = open(receiptId);
      const c = customerId === null ? null : CUSTOMERS.find((x) => x.id === customerId);
      if (c === undefined) throw new Fail('customer.not_found');
      // Re-prices every row by the customer's price formula (its discount).
      const rows = r.rows.map((row) => ({ ...row, discountBp: c?.discountBp ?? 0 }));
      return change(r, {
        customer: c ? { id: c.id, code: c.code } : null,
        customerName: c?.name ?? '',
        address: c?.address ?? '',
        vatNo: c?.vatNo ?? '',
        email: c?.email ?? '',
        priceFormulaCode: c?.priceFormulaCode ?? null,
        rows,
      });
    },
    'receipt.setSeries': ({ receiptId, seriesCode }) => {
      const r = open(receiptId);
      if (!LISTS.series.some((s) => s.code === seriesCode)) throw new Fail('series.not_found');
      return change(r, { seriesCode });
    },
    'receipt.save': ({ receiptId }) => saveReceipt(open(receiptId, { evenLocked: true })),
    'receipt.revert': ({ receiptId }) => {
      const r = find(receiptId);
      if (r.status === 'confirmed') return r;
      const last = saved.get(receiptId);
      if (last) return store(last);
      receipts.splice(receipts.indexOf(r), 1);
      return null;
    },
    'receipt.delete': ({ receiptId }) => {
      const r = find(receiptId);
      if (!settings.allowDelete) throw new Fail('receipt.delete_forbidden');
      if (r.status === 'confirmed') throw new Fail('receipt.confirmed');
      if (r.payments.some((p) => p.method === 'card')) throw new Fail('receipt.has_card_payment');
      receipts.splice(receipts.indexOf(r), 1);
      saved.delete(receiptId);
      return { deleted: true };
    },
    'receipt.copy': ({ receiptId }) => {
      const r = find(receiptId);
      const fresh = emptyReceipt(settings.defaultSeries);
      return store({
        ...fresh,
        status: 'modified',
        customer: r.customer,
        customerName: r.customerName,
        address: r.address,
        vatNo: r.vatNo,
        email: r.email,
        priceFormulaCode: r.priceFormulaCode,
        rows: r.rows.map((row) => ({ ...row, id: `row${nextId++}` })),
      });
    },
    'receipt.pay': ({ receiptId, method, amountMinor }) => {
      const r = saveReceipt(open(receiptId, { evenLocked: true }));
      const payment = pay(r, method, amountMinor);
      const view = store({ ...r, payments: [...r.payments, payment] });
      saved.set(view.id, view);
      return view;
    },
    'receipt.removePayment': ({ receiptId, paymentId }) => {
      const r = open(receiptId, { evenLocked: true });
      if (!r.payments.some((p) => p.id === paymentId)) throw new Fail('payment.not_found');
      return change(r, { payments: r.payments.filter((p) => p.id !== paymentId) });
    },
    'receipt.confirm': ({ receiptId }) => {
      const r = open(receiptId, { evenLocked: true });
      if (r.rows.length === 0) throw new Fail('receipt.empty');
      checkZeroPrice(r);
      if (r.dueMinor > 0) throw new Fail('receipt.not_paid', { due: r.dueMinor });
      const prefix = LISTS.series.find((s) => s.code === r.seriesCode)?.prefix ?? '';
      const n = nextNumber.get(r.seriesCode) ?? 1;
      nextNumber.set(r.seriesCode, n + 1);
      const number = `${prefix}${String(n).padStart(6, '0')}`;
      return store({ ...r, status: 'confirmed', number, confirmedAt: '2025-03-01T09:35:00.000Z' });
    },
    'receipt.preview': ({ receiptId }) => {
      const r = find(receiptId);
      return {
        lines: [
          info.shopName,
          ...(r.status === 'confirmed' ? ['COPY', `No. ${r.number ?? ''}`] : ['PRO FORMA']),
          ...r.rows.map((row) => `${row.name}  ${(row.sumMinor / 100).toFixed(2)}`),
          `TOTAL  ${(r.totalMinor / 100).toFixed(2)}`,
        ],
      };
    },
    'receipt.print': ({ receiptId }) => {
      const r = find(receiptId);
      const locked = r.locked || (r.status !== 'confirmed' && settings.lockAfterPrint);
      return store({ ...r, printedAt: now(), locked });
    },
    'article.search': ({ query, limit }) => {
      const q = query.toLowerCase();
      return CATALOGUE.filter((a) => a.code.includes(q) || a.name.toLowerCase().includes(q))
        .slice(0, limit)
        .map(
          (a): ArticleHit => ({
            id: a.code,
            code: a.code,
            name: a.name,
            barcode: a.code,
            unit: a.unit,
            priceMinor: a.priceMinor,
            vatRateBp: a.vatRateBp,
            stockMilli: a.stockMilli,
            imageUrl: a.imageUrl,
          }),
        );
    },
    'customer.search': ({ query, by }) => {
      const q = query.toLowerCase();
      const digits = (s: string) => s.replace(/\D/g, '');
      if (by === 'idCode') return CUSTOMERS.filter((c) => c.idCode !== '' && c.idCode === query);
      if (by === 'phone') return CUSTOMERS.filter((c) => digits(q) !== '' && digits(c.phone).endsWith(digits(q)));
      return CUSTOMERS.filter((c) => [c.name, c.code, c.idCode, c.phone].some((field) => field.toLowerCase().includes(q)));
    },
    'customer.readIdCard': () => {
      const idCode = options.idCard ?? null;
      return { idCode, customers: idCode ? CUSTOMERS.filter((c) => c.idCode === idCode) : [] };
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
      if (c === 'receipt.pay' && (parsed.data as { method: string }).method === 'card') {
        await new Promise((resolve) => setTimeout(resolve, options.cardLatencyMs ?? 0));
      }
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
    settings,
    get card() {
      return fake.card;
    },
    set card(value) {
      fake.card = value;
    },
    emit(event, payload) {
      const parsed = events[event].parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(parsed);
    },
    failNext(channel, code, details) {
      failures.set(channel, details ? { code, details } : { code });
    },
    callsOf(channel) {
      return calls.filter((c) => c.channel === channel).map((c) => c.input);
    },
  };
}
