import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ReferenceLists, SettingsView } from '../../../../electron/contract/api';
import { errorKey } from '../../i18n';
import { ApiError, call, type ErrorDetails } from '../../lib/pos-client';

/**
 * State of the settings screen. Every change is saved at once (settings.update), one after
 * another in the order made; the core's answer replaces what is shown.
 */

/** The settings typed as text: edited as a draft, saved on Enter or when the field is left. */
export type TextSetting =
  | 'roundingAccount'
  | 'cashierName'
  | 'printerConnection'
  | 'fiscalConnection'
  | 'scannerPrefix'
  | 'terminalConnection'
  | 'terminalPassword';
/** Text settings that may be left empty: '' means "as started" / "none". */
const MAY_BE_EMPTY: readonly TextSetting[] = ['printerConnection', 'fiscalConnection', 'scannerPrefix', 'terminalConnection'];

/** A message, kept untranslated so a language switch re-renders it. */
export interface SettingsMessage {
  key: string;
  details: ErrorDetails;
}

export interface SettingsState {
  loaded: boolean;
  settings: SettingsView | null;
  lists: ReferenceLists | null;
  drafts: Partial<Record<TextSetting, string>>;
  /** Changes sent and not answered yet. */
  saving: number;
  /** The last change was saved (cleared by the next one). */
  saved: boolean;
  error: SettingsMessage | null;
  /** Something done that is not a setting (a test page queued). */
  notice: SettingsMessage | null;

  load(): Promise<void>;
  /** Shows the change at once and saves it; false when the core refused it (the saved value returns). */
  update(patch: Partial<SettingsView>): Promise<boolean>;
  setDraft(field: TextSetting, value: string): void;
  /** Saves a text field's draft, if it has one; false when it is empty or the save failed. */
  commit(field: TextSetting): Promise<boolean>;
  /** Saves every draft and waits for every save; false when anything failed. */
  flush(): Promise<boolean>;
  /** Queues a test page on the receipt printer (after saving a printer being edited). */
  testPrint(): Promise<boolean>;
  /** A typed setting that does not parse: say so, send nothing. */
  invalid(field: keyof SettingsView): void;
}

export type SettingsStore = StoreApi<SettingsState>;

const TEXT_SETTINGS: TextSetting[] = [
  'roundingAccount',
  'cashierName',
  'printerConnection',
  'fiscalConnection',
  'scannerPrefix',
  'terminalConnection',
  'terminalPassword',
];

const toMessage = (error: unknown): SettingsMessage => {
  const api = error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));
  return { key: errorKey(api.code, api.details), details: api.details };
};

export function createSettingsStore(): SettingsStore {
  /** What the core last said the settings are. */
  let stored: SettingsView | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  return createStore<SettingsState>()((set, get) => ({
    loaded: false,
    settings: null,
    lists: null,
    drafts: {},
    saving: 0,
    saved: false,
    error: null,
    notice: null,

    async load() {
      try {
        const [settings, lists] = await Promise.all([call('settings.get', {}), call('reference.lists', {})]);
        stored = settings;
        set({ loaded: true, settings, lists, error: null });
      } catch (error) {
        set({ loaded: true, error: toMessage(error) });
      }
    },

    update(patch) {
      const current = get().settings;
      if (!current) return Promise.resolve(false);
      set((s) => ({ settings: { ...current, ...patch }, saving: s.saving + 1, saved: false, error: null, notice: null }));
      const run = async (): Promise<boolean> => {
        try {
          const view = await call('settings.update', patch);
          stored = view;
          // While later changes are still on their way, their values stay on screen.
          set((s) => ({ saving: s.saving - 1, saved: true, settings: s.saving === 1 ? view : s.settings }));
          return true;
        } catch (error) {
          set((s) => ({ saving: s.saving - 1, saved: false, settings: stored ?? s.settings, error: toMessage(error) }));
          return false;
        }
      };
      const result = queue.then(run, run);
      queue = result;
      return result;
    },

    setDraft(field, value) {
      set((s) => ({ drafts: { ...s.drafts, [field]: value } }));
    },

    async commit(field) {
      const { drafts, settings } = get();
      const draft = drafts[field];
      if (draft === undefined || !settings) return true;
      const value = draft.trim();
      if (value === '' && !MAY_BE_EMPTY.includes(field)) {
        set({ error: { key: `settings.empty.${field}`, details: {} }, saved: false });
        return false;
      }
      set((s) => {
        const rest = { ...s.drafts };
        delete rest[field];
        return { drafts: rest };
      });
      if (value === settings[field]) return true;
      return get().update({ [field]: value });
    },

    invalid(field) {
      set({ error: { key: `settings.invalid.${field}`, details: {} }, saved: false });
    },

    async testPrint() {
      if (!(await get().commit('printerConnection'))) return false;
      await queue;
      try {
        await call('printer.test', {});
        set({ error: null, saved: false, notice: { key: 'settings.testQueued', details: {} } });
        return true;
      } catch (error) {
        const api = error instanceof ApiError ? error : new ApiError('internal', String(error));
        set({ error: { key: errorKey(api.code, api.details), details: api.details } });
        return false;
      }
    },

    async flush() {
      const before = get().error;
      const results = await Promise.all(TEXT_SETTINGS.map((field) => get().commit(field)));
      await queue;
      const error = get().error;
      return results.every(Boolean) && (error === null || error === before);
    },
  }));
}
