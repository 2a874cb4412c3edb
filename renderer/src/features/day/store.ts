import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CashDirection, ClosedDayView, CloseSetup, DayView } from '../../../../electron/contract/api';
import { errorKey } from '../../i18n';
import { ApiError, call, type ErrorDetails } from '../../lib/pos-client';
import { DIRECTIONS, presetOut, readAmount, summarizeCounts, summarizeOut, summarizeStock, type OutDraft } from './count';

/**
 * State of the day screen: the open day (its X report) or none, the Z reports, and the drafts of
 * its three forms (open, cash in/out, close). Every figure shown is the core's; the screen only
 * adds up what is being typed. Input that cannot be read is refused beside its field and nothing
 * is sent; a refusal of the core goes beside the field it names.
 */

/** A message kept untranslated, so a language switch re-words it; a new id is a new message. */
export interface DayMessage {
  id: number;
  key: string;
  details: ErrorDetails;
}

/**
 * The fields a message can stand beside: `count-<value>` per note or coin of the close,
 * `float-<value>` of the opening float, `out-<direction>`, `stock-<article id>`.
 */
export type DayField =
  | 'float'
  | 'cashAmount'
  | 'cashReason'
  | 'counts'
  | 'countedTotal'
  | 'cashOut'
  | 'reason'
  | 'inventory'
  | `count-${number}`
  | `float-${number}`
  | `out-${CashDirection}`
  | `stock-${string}`;

export type CashKind = 'cash_in' | 'cash_out';

export interface DayDrafts {
  float: string;
  cashKind: CashKind;
  cashAmount: string;
  cashReason: string;
  /** The opening float's count text per face value. */
  floatCounts: Record<number, string>;
  /** Count text per face value. */
  counts: Record<number, string>;
  /** The total counted, typed (a till that does not count note by note). */
  countedTotal: string;
  out: Record<CashDirection, OutDraft>;
  reason: string;
  /** Stock count text per article id. */
  stock: Record<string, string>;
}

export interface DayState {
  loaded: boolean;
  day: DayView | null;
  /** How this till opens and closes (denominations, directions, blind, the stock count list). */
  setup: CloseSetup | null;
  zReports: ClosedDayView[];
  /** The day just closed here: its Z report stays on screen. */
  closed: ClosedDayView | null;
  timeZone: string | undefined;
  busy: boolean;
  /** The close waits for "Close the day? This cannot be undone." */
  confirming: boolean;
  /** Listed articles nobody counted: the question warns they go to zero. */
  uncounted: number;
  drafts: DayDrafts;
  /** Something done (the day opened, cash booked). */
  notice: DayMessage | null;
  /** An error about no one field (the core unreachable). */
  error: DayMessage | null;
  fieldErrors: Partial<Record<DayField, DayMessage>>;
  /** The field the cursor goes to: the one with the newest error. */
  focus: { field: DayField; id: number } | null;

  load(): Promise<void>;
  setDrafts(patch: Partial<Omit<DayDrafts, 'counts' | 'out'>>): void;
  setCount(valueMinor: number, text: string): void;
  setFloatCount(valueMinor: number, text: string): void;
  setStock(articleId: string, text: string): void;
  setOut(direction: CashDirection, patch: Partial<OutDraft>): void;
  open(): Promise<boolean>;
  cash(): Promise<boolean>;
  /** Checks the close and, when it can be sent, asks to confirm it. */
  askClose(): boolean;
  cancelClose(): void;
  close(): Promise<boolean>;
  /** The X report on the receipt printer. */
  printX(): Promise<boolean>;
  /** A closed day's Z report printed again, marked COPY. */
  printZ(zNumber: number): Promise<boolean>;
}

export type DayStore = StoreApi<DayState>;

let nextId = 1;
const message = (key: string, details: ErrorDetails = {}): DayMessage => ({ id: nextId++, key, details });

const emptyDrafts = (): DayDrafts => ({
  float: '',
  cashKind: 'cash_in',
  cashAmount: '',
  cashReason: '',
  floatCounts: {},
  counts: {},
  countedTotal: '',
  out: { bank: { amount: '', comment: '' }, collection: { amount: '', comment: '' }, safe: { amount: '', comment: '' } },
  reason: '',
  stock: {},
});

const apiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));

/** A failure about no one field, as a message. */
const failure = (error: unknown): DayMessage => {
  const api = apiError(error);
  return message(errorKey(api.code, api.details), api.details);
};

/** The field a refusal of the core is about, from its `details.field` and the call it refused. */
function fieldOf(action: 'open' | 'cash' | 'close', error: ApiError): DayField | null {
  const field = error.details.field;
  if (error.code === 'day.count_invalid' && typeof error.details.valueMinor === 'number' && action === 'close') return `count-${error.details.valueMinor}`;
  if (action === 'open') {
    if (error.code === 'day.count_invalid' && typeof error.details.valueMinor === 'number') return `float-${error.details.valueMinor}`;
    return error.code === 'day.already_open' || error.isConnectionError || error.code === 'internal' ? null : 'float';
  }
  if (action === 'cash') {
    if (field === 'reason') return 'cashReason';
    if (field === 'amountMinor' || error.code === 'day.amount_invalid' || error.code === 'day.cash_out_above_register') return 'cashAmount';
    return null;
  }
  if (error.code === 'day.inventory_invalid' && typeof error.details.articleId === 'string') return `stock-${error.details.articleId}`;
  if (field === 'counts') return readAsTotal(error) ? 'countedTotal' : 'counts';
  if (field === 'reason' || field === 'cashOut') return field;
  return null;
}

/** A refusal of a typed total (no count by denominations) stands beside the total. */
const readAsTotal = (error: ApiError) => error.details.valueMinor === undefined && error.code !== 'day.count_invalid';

/** The close as typed, read: the count (by denominations or a total), the cash out, the stock count. */
export function readClose(day: DayView, drafts: DayDrafts) {
  const setup = day.close;
  const byDenominations = setup.denominations.length > 0;
  const counted = summarizeCounts(setup.denominations, drafts.counts);
  const total = readAmount(drafts.countedTotal);
  const countedMinor = byDenominations ? counted.totalMinor : 'minor' in total ? total.minor : 0;
  const out = summarizeOut(drafts.out, setup.directions, presetOut(setup.directions, setup.remainsPresetMinor, countedMinor, drafts.out));
  const stock = summarizeStock(setup.inventory, drafts.stock);
  const errors: Partial<Record<DayField, DayMessage>> = {};
  for (const [value, problem] of counted.problems) errors[`count-${value}`] = message(`day.invalid.${problem}`);
  if (!byDenominations && 'problem' in total) errors.countedTotal = message(`day.invalid.${total.problem}`);
  if (!byDenominations && drafts.countedTotal.trim() === '') errors.countedTotal = message('day.invalid.total');
  for (const [direction, problem] of out.problems) errors[`out-${direction}`] = message(`day.invalid.${problem}`);
  for (const [articleId, problem] of stock.problems) errors[`stock-${articleId}`] = message(`day.invalid.${problem}`);
  const input = {
    ...(byDenominations ? { counts: counted.counts } : { countedMinor }),
    cashOut: out.cashOut,
    reason: drafts.reason.trim(),
    inventory: stock.counts,
  };
  return { countedMinor, out, stock, errors, input };
}

export function createDayStore(): DayStore {
  const store = createStore<DayState>()((set, get) => {
    /** Replaces the field errors of a form with these (an empty record clears them). */
    const showErrors = (fields: DayField[], errors: Partial<Record<DayField, DayMessage>>) => {
      const fieldErrors = { ...get().fieldErrors };
      for (const field of fields) delete fieldErrors[field];
      Object.assign(fieldErrors, errors);
      const first = fields.find((field) => errors[field]);
      set({ fieldErrors, ...(first ? { focus: { field: first, id: nextId++ } } : {}) });
    };

    const closeFields = (): DayField[] => [
      'counts',
      'countedTotal',
      'cashOut',
      'reason',
      'inventory',
      ...(get().day?.denominations ?? []).map((v): DayField => `count-${v}`),
      ...DIRECTIONS.map((d): DayField => `out-${d}`),
      ...(get().day?.close.inventory ?? []).map((i): DayField => `stock-${i.articleId}`),
    ];
    const openFields = (): DayField[] => ['float', ...(get().setup?.denominations ?? []).map((v): DayField => `float-${v}`)];

    /** A refusal: beside its field when it names one, else above the screen. */
    const refused = (action: 'open' | 'cash' | 'close', fields: DayField[], error: unknown) => {
      const shown = failure(error);
      const field = fieldOf(action, apiError(error));
      if (field) showErrors(fields, { [field]: shown });
      else set({ error: shown });
    };

    const refreshZ = async () => {
      try {
        set({ zReports: await call('day.zReports', { limit: 50 }) });
      } catch (error) {
        set({ error: failure(error) });
      }
    };

    return {
      loaded: false,
      day: null,
      setup: null,
      zReports: [],
      closed: null,
      timeZone: undefined,
      busy: false,
      confirming: false,
      uncounted: 0,
      drafts: emptyDrafts(),
      notice: null,
      error: null,
      fieldErrors: {},
      focus: null,

      async load() {
        set({ error: null, closed: null });
        try {
          const [day, setup, info] = await Promise.all([call('day.current', {}), call('day.setup', {}), call('app.info', {})]);
          set({ day, setup, timeZone: info.timeZone, loaded: true });
        } catch (error) {
          set({ error: failure(error), loaded: true });
        }
        await refreshZ();
      },

      async printX() {
        try {
          await call('day.printX', {});
          set({ notice: message('day.x.printed'), error: null });
          return true;
        } catch (error) {
          set({ error: failure(error) });
          return false;
        }
      },

      async printZ(zNumber) {
        try {
          await call('day.printZ', { zNumber });
          set({ notice: message('day.z.reprinted', { number: zNumber }), error: null });
          return true;
        } catch (error) {
          set({ error: failure(error) });
          return false;
        }
      },

      setDrafts(patch) {
        set({ drafts: { ...get().drafts, ...patch } });
      },
      setCount(valueMinor, text) {
        const { drafts } = get();
        set({ drafts: { ...drafts, counts: { ...drafts.counts, [valueMinor]: text } } });
      },
      setFloatCount(valueMinor, text) {
        const { drafts } = get();
        set({ drafts: { ...drafts, floatCounts: { ...drafts.floatCounts, [valueMinor]: text } } });
      },
      setStock(articleId, text) {
        const { drafts } = get();
        set({ drafts: { ...drafts, stock: { ...drafts.stock, [articleId]: text } } });
      },
      setOut(direction, patch) {
        const { drafts } = get();
        // Emptied again, the first direction goes back to taking what is above the preset.
        const typed = patch.amount !== undefined ? { typed: patch.amount.trim() !== '' } : {};
        set({ drafts: { ...drafts, out: { ...drafts.out, [direction]: { ...drafts.out[direction], ...patch, ...typed } } } });
      },

      async open() {
        if (get().busy) return false;
        const { drafts, setup } = get();
        const denominations = setup?.denominations ?? [];
        // Counted note by note where the till counts so; else the total typed.
        const counted = summarizeCounts(denominations, drafts.floatCounts);
        const read = readAmount(drafts.float);
        const errors: Partial<Record<DayField, DayMessage>> = {};
        for (const [value, problem] of counted.problems) errors[`float-${value}`] = message(`day.invalid.${problem}`);
        if (denominations.length === 0 && 'problem' in read) errors.float = message(`day.invalid.${read.problem}`);
        showErrors(openFields(), errors);
        if (Object.keys(errors).length > 0) return false;
        set({ busy: true, error: null, notice: null });
        try {
          // Nothing counted: the core takes what the last close left in the register.
          let input: { floatMinor?: number; counts?: { valueMinor: number; count: number }[] } = {};
          if (denominations.length === 0 && drafts.float.trim() !== '' && 'minor' in read) input = { floatMinor: read.minor };
          if (denominations.length > 0 && counted.counts.length > 0) input = { counts: counted.counts };
          const day = await call('day.open', input);
          set({ day, closed: null, notice: message('day.open.done'), drafts: { ...get().drafts, float: '', floatCounts: {} } });
          return true;
        } catch (error) {
          refused('open', openFields(), error);
          return false;
        } finally {
          set({ busy: false });
        }
      },

      async cash() {
        if (get().busy) return false;
        const { cashKind: kind, cashAmount, cashReason } = get().drafts;
        const read = readAmount(cashAmount);
        const errors: Partial<Record<DayField, DayMessage>> = {};
        if ('problem' in read) errors.cashAmount = message(`day.invalid.${read.problem}`);
        else if (read.minor === 0) errors.cashAmount = message('day.invalid.amountZero');
        const reason = cashReason.trim();
        if (reason.length < 3 || reason.length > 120) errors.cashReason = message('day.invalid.reason');
        showErrors(['cashAmount', 'cashReason'], errors);
        if ('problem' in read || Object.keys(errors).length > 0) return false;
        set({ busy: true, error: null, notice: null });
        try {
          const day = await call('day.cash', { kind, amountMinor: read.minor, reason });
          set({
            day,
            notice: message(`day.cash.done_${kind}`, { amountMinor: read.minor }),
            drafts: { ...get().drafts, cashAmount: '', cashReason: '' },
          });
          return true;
        } catch (error) {
          refused('cash', ['cashAmount', 'cashReason'], error);
          return false;
        } finally {
          set({ busy: false });
        }
      },

      askClose() {
        const { day, drafts, busy } = get();
        if (!day || busy) return false;
        const read = readClose(day, drafts);
        const { errors } = read;
        if (Object.keys(errors).length === 0) {
          if (read.out.totalMinor > read.countedMinor) errors.cashOut = message('errors.day.cash_out_above_register');
          // The core asks for a reason too; asking before the confirmation saves a useless "Close?".
          // A blind close is never asked (whoever closes does not know the difference).
          const differenceMinor = day.expectedMinor === null ? 0 : read.countedMinor - day.expectedMinor;
          if (Math.abs(differenceMinor) > day.close.toleranceMinor && drafts.reason.trim() === '') {
            errors.reason = message('errors.day.difference_needs_reason', { differenceMinor });
          }
        }
        showErrors(closeFields(), errors);
        if (Object.keys(errors).length > 0) {
          set({ error: message('day.invalid.fix'), notice: null });
          return false;
        }
        set({ confirming: true, uncounted: read.stock.uncounted, notice: null, error: null });
        return true;
      },

      cancelClose() {
        set({ confirming: false });
      },

      async close() {
        const { day, drafts, busy } = get();
        set({ confirming: false });
        if (!day || busy) return false;
        const read = readClose(day, drafts);
        if (Object.keys(read.errors).length > 0) return false;
        set({ busy: true, error: null, notice: null });
        try {
          const closed = await call('day.close', read.input);
          showErrors(closeFields(), {});
          set({ closed, day: null, drafts: emptyDrafts() });
          await refreshZ();
          return true;
        } catch (error) {
          refused('close', closeFields(), error);
          return false;
        } finally {
          set({ busy: false });
        }
      },
    };
  });
  return store;
}
