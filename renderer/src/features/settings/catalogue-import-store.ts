import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ImportApplyView, ImportPreviewView } from '../../../../electron/contract/api';
import { MAX_SLICE_BASE64 } from '../../../../electron/contract/catalogue';
import { errorKey } from '../../i18n';
import { ApiError, call, type ErrorDetails } from '../../lib/pos-client';

/**
 * The product-card import dialog: the chosen file goes to the core in slices (browser mode takes
 * 64 KB per call), is previewed there, and applied or dropped. The parsed rows stay in the core;
 * this keeps only what is on screen.
 */
export type ImportPhase = 'choose' | 'uploading' | 'reading' | 'fetching' | 'preview' | 'applying' | 'applied';

export interface CatalogueImportState {
  phase: ImportPhase;
  /** Share of the file sent, 0–100, while uploading. */
  percent: number;
  preview: ImportPreviewView | null;
  applied: ImportApplyView | null;
  error: { key: string; details: ErrorDetails } | null;
  choose(file: Blob & { name: string }): Promise<void>;
  /** The ledger's product cards instead of a file. */
  fromLedger(): Promise<void>;
  apply(): Promise<void>;
  /** Drops the import in the core (nothing was applied). */
  cancel(): Promise<void>;
}
export type CatalogueImportStore = StoreApi<CatalogueImportState>;

/** Bytes per slice: their base64 text fits one call. */
const SLICE_BYTES = (MAX_SLICE_BASE64 / 4) * 3;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** The file's bytes, through FileReader: it is what every browser (and the test DOM) has. */
function readBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

const messageOf = (error: unknown) =>
  error instanceof ApiError ? { key: errorKey(error.code, error.details), details: error.details } : { key: 'errors.internal', details: {} };

export function createCatalogueImportStore(): CatalogueImportStore {
  return createStore<CatalogueImportState>((set, get) => ({
    phase: 'choose',
    percent: 0,
    preview: null,
    applied: null,
    error: null,

    async choose(file) {
      set({ phase: 'uploading', percent: 0, preview: null, applied: null, error: null });
      try {
        const bytes = await readBytes(file);
        let uploadId: string | undefined;
        for (let at = 0; at === 0 || at < bytes.length; at += SLICE_BYTES) {
          const base64 = toBase64(bytes.subarray(at, at + SLICE_BYTES));
          ({ uploadId } = await call('catalogue.importUpload', uploadId === undefined ? { base64 } : { uploadId, base64 }));
          set({ percent: Math.min(100, Math.floor(((at + SLICE_BYTES) * 100) / Math.max(bytes.length, 1))) });
        }
        set({ phase: 'reading' });
        const preview = await call('catalogue.importPreview', { uploadId: uploadId ?? '', fileName: file.name });
        set({ phase: 'preview', preview });
      } catch (error) {
        set({ phase: 'choose', error: messageOf(error) });
      }
    },

    async fromLedger() {
      set({ phase: 'fetching', percent: 0, preview: null, applied: null, error: null });
      try {
        set({ phase: 'preview', preview: await call('catalogue.importFromLedger', {}) });
      } catch (error) {
        set({ phase: 'choose', error: messageOf(error) });
      }
    },

    async apply() {
      const { preview } = get();
      if (!preview || get().phase !== 'preview') return;
      set({ phase: 'applying', error: null });
      try {
        const applied = await call('catalogue.importApply', { importId: preview.importId });
        set({ phase: 'applied', applied });
      } catch (error) {
        // The core changed nothing: the preview stays, to cancel or to try again.
        set({ phase: 'preview', error: messageOf(error) });
      }
    },

    async cancel() {
      const { preview, phase } = get();
      set({ phase: 'choose', preview: null, applied: null, error: null, percent: 0 });
      if (preview && phase !== 'applied') await call('catalogue.importCancel', { importId: preview.importId }).catch(() => undefined);
    },
  }));
}
