import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DaySummaryView } from '../../../../electron/contract/api';
import { errorKey } from '../../i18n';
import { ApiError, call } from '../../lib/pos-client';

/** The location summary of the open day: everyone's since the day's start, or this cashier's only. */
export interface SummaryState {
  cashierOnly: boolean;
  summary: DaySummaryView | null;
  /** Why it could not be read (a message key), or null. */
  error: string | null;
  load(cashierOnly?: boolean): Promise<void>;
}

export type SummaryStore = StoreApi<SummaryState>;

export function createSummaryStore(): SummaryStore {
  let asked = 0;
  return createStore<SummaryState>()((set, get) => ({
    cashierOnly: false,
    summary: null,
    error: null,
    async load(cashierOnly = get().cashierOnly) {
      // The last question asked wins: a slow answer to an earlier one is dropped.
      const mine = ++asked;
      set({ cashierOnly });
      try {
        const summary = await call('day.summary', { cashierOnly });
        if (mine === asked) set({ summary, error: null });
      } catch (error) {
        const api = error instanceof ApiError ? error : new ApiError('internal', String(error));
        if (mine === asked) set({ error: errorKey(api.code, api.details) });
      }
    },
  }));
}
