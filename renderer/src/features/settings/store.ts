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
  | 'ledgerConnection'
  | 'scannerPrefix'
  | 'terminalConnection'
  | 'terminalPassword'
  | 'shopName'
  | 'shopAddress'
  | 'shopRegNo'
  | 'shopVatNo'
  | 'tillName'
  | 'timeZone';
/** Text settings that may be left empty: '' means "as started" / "none" / not printed. */
const MAY_BE_EMPTY: readonly TextSetting[] = [
  'printerConnection',
  'fiscalConnection',
  'ledgerConnection',
  'scannerPrefix',
  'terminalConnection',
  'shopName',
  'shopAddress',
  'shopRegNo',
  'shopVatNo',
  'tillName',
];

/** A message, kept untranslated so a language switch re-renders it; a new id is a new message. */
export interface SettingsMessage {
  id: number;
  key: string;
  details: ErrorDetails;
}

type Field = keyof SettingsView;

export interface SettingsState {
  loaded: boolean;
  settings: SettingsView | null;
  lists: ReferenceLists | null;
  drafts: Partial<Record<TextSetting, string>>;
  /** Changes sent and not answered yet. */
  saving: number;
  /** The last change was saved (cleared by the next one). */
  saved: boolean;
  /** An error that is not about one setting (the core unreachable, nothing loaded). */
  error: SettingsMessage | null;
  /** What is wrong with a setting, shown beside it until a value of it is saved. */
  fieldErrors: Partial<Record<Field, SettingsMessage>>;
  /** The setting the cursor goes to: the one whose error is newest (a new id moves it again). */
  focus: { field: Field; id: number } | null;
  /** Something done that is not a setting (a test page queued). */
  notice: SettingsMessage | null;

  load(): Promise<void>;
  /** Shows the change at once and saves it; false when the core refused it (the saved value returns). */
  update(patch: Partial<SettingsView>): Promise<boolean>;
  setDraft(field: TextSetting, value: string): void;
  /**
   * Saves a text field's draft, if it has one; false when it is empty or the save failed. A refused
   * draft stays in the field beside its error; the same text is not sent again.
   */
  commit(field: TextSetting): Promise<boolean>;
  /** Saves every draft and waits for every save; false when anything failed. */
  flush(): Promise<boolean>;
  /** Queues a test page on the receipt printer (after saving a printer being edited). */
  testPrint(): Promise<boolean>;
  /** A typed setting that does not parse (`text`): say so beside it, send nothing. */
  invalid(field: Field, text: string): void;
  /** The setting's text is right again (unchanged from the saved value): its error goes. */
  clearError(field: Field): void;
}

export type SettingsStore = StoreApi<SettingsState>;

const TEXT_SETTINGS: TextSetting[] = [
  'roundingAccount',
  'cashierName',
  'printerConnection',
  'fiscalConnection',
  'ledgerConnection',
  'scannerPrefix',
  'terminalConnection',
  'terminalPassword',
  'shopName',
  'shopAddress',
  'shopRegNo',
  'shopVatNo',
  'tillName',
  'timeZone',
];

let nextId = 1;
const message = (key: string, details: ErrorDetails = {}): SettingsMessage => ({ id: nextId++, key, details });

const apiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));

const toMessage = (error: unknown): SettingsMessage => {
  const api = apiError(error);
  return message(errorKey(api.code, api.details), api.details);
};

/**
 * The setting a refused change is about: the one the core names, else the only one changed. A
 * failure of the till itself (internal, the connection) is about no setting.
 */
function fieldOf(patch: Partial<SettingsView>, error: unknown): Field | null {
  const api = apiError(error);
  if (api.code === 'internal' || api.code === 'unknown_channel') return null;
  const keys = Object.keys(patch) as Field[];
  const named = keys.find((key) => key === api.details.field);
  if (named) return named;
  return keys.length === 1 ? (keys[0] ?? null) : null;
}

export function createSettingsStore(): SettingsStore {
  /** What the core last said the settings are. */
  let stored: SettingsView | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** The text each field had when it was last refused: leaving the field again does not resend it. */
  const refused: Partial<Record<Field, string>> = {};
  /** A text being saved (Enter, then the blur after it): the second commit waits for the first. */
  const saving: Partial<Record<TextSetting, { text: string; saved: Promise<boolean> }>> = {};

  return createStore<SettingsState>()((set, get) => {
    /** Shows an error beside its field and sends the cursor there. */
    const fieldError = (field: Field, error: SettingsMessage) =>
      set((s) => ({ fieldErrors: { ...s.fieldErrors, [field]: error }, focus: { field, id: error.id }, saved: false }));

    const clearFieldErrors = (fields: Field[]) =>
      set((s) => {
        if (!fields.some((f) => s.fieldErrors[f])) return s;
        const rest = { ...s.fieldErrors };
        for (const f of fields) delete rest[f];
        return { fieldErrors: rest };
      });

    const dropDraft = (field: TextSetting, text: string) =>
      set((s) => {
        if (s.drafts[field] !== text) return s; // typed on meanwhile: that stays
        const rest = { ...s.drafts };
        delete rest[field];
        return { drafts: rest };
      });

    return {
      loaded: false,
      settings: null,
      lists: null,
      drafts: {},
      saving: 0,
      saved: false,
      error: null,
      fieldErrors: {},
      focus: null,
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
            clearFieldErrors(Object.keys(patch) as Field[]);
            return true;
          } catch (error) {
            set((s) => ({ saving: s.saving - 1, saved: false, settings: stored ?? s.settings }));
            const field = fieldOf(patch, error);
            if (field) fieldError(field, toMessage(error));
            else set({ error: toMessage(error) });
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
        // Refused already and shown beside the field: leaving it again sends nothing.
        if (refused[field] === draft && get().fieldErrors[field]) return false;
        const pending = saving[field];
        if (pending?.text === draft) return pending.saved;
        const value = draft.trim();
        if (value === '' && !MAY_BE_EMPTY.includes(field)) {
          refused[field] = draft;
          fieldError(field, message(`settings.empty.${field}`));
          return false;
        }
        if (value === (stored ?? settings)[field]) {
          dropDraft(field, draft);
          clearFieldErrors([field]);
          return true;
        }
        // The draft stays on screen until the core has taken it: a refused one is not lost.
        const saved = get().update({ [field]: value });
        saving[field] = { text: draft, saved };
        try {
          if (await saved) dropDraft(field, draft);
          else if (get().fieldErrors[field]) refused[field] = draft;
        } finally {
          if (saving[field]?.saved === saved) delete saving[field];
        }
        return saved;
      },

      invalid(field, text) {
        if (refused[field] === text && get().fieldErrors[field]) return;
        refused[field] = text;
        fieldError(field, message(`settings.invalid.${field}`));
      },

      clearError(field) {
        clearFieldErrors([field]);
      },

      async testPrint() {
        if (!(await get().commit('printerConnection'))) return false;
        await queue;
        try {
          await call('printer.test', {});
          set({ error: null, saved: false, notice: message('settings.testQueued') });
          return true;
        } catch (error) {
          set({ error: toMessage(error) });
          return false;
        }
      },

      async flush() {
        const before = get().error;
        const results = await Promise.all(TEXT_SETTINGS.map((field) => get().commit(field)));
        await queue;
        const error = get().error;
        // Not leaving: the cursor goes to the first setting that is in the way.
        const blocking = TEXT_SETTINGS.find((field, i) => !results[i] && get().fieldErrors[field]);
        if (blocking) set({ focus: { field: blocking, id: nextId++ } });
        return results.every(Boolean) && (error === null || error === before);
      },
    };
  });
}
