import type { ZPdfView } from '../../../../electron/contract/api';
import { errorKey } from '../../i18n';
import { ApiError, call, type ErrorDetails } from '../../lib/pos-client';
import type { DayMessage, DayStore } from './store';

/**
 * A Z report's PDF opened from the screen. The core hands over the file's bytes, so the same code
 * serves browser mode and Electron: the bytes become a Blob URL shown in a new window (the Electron
 * shell lets exactly such a window open, in its PDF viewer), or — where no window may open (a popup
 * blocker) — a download of the file.
 */

// Long enough for the new window (or the download) to read it; the bytes stay in memory until then.
const KEEP_URL_MS = 60_000;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Shows the PDF: 'opened' in a new window, or 'saved' as a download when no window may open. */
export function showPdf(pdf: ZPdfView): 'opened' | 'saved' {
  const url = URL.createObjectURL(new Blob([bytesOf(pdf.base64)], { type: pdf.contentType }));
  setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
  const opened = window.open(url, '_blank');
  if (opened) {
    // The PDF viewer needs nothing from this page.
    opened.opener = null;
    return 'opened';
  }
  const link = document.createElement('a');
  link.href = url;
  link.download = pdf.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  return 'saved';
}

// Messages of this module count down, so they never take an id the day store gives (it counts up).
let nextId = -1;
const message = (key: string, details: ErrorDetails = {}): DayMessage => ({ id: nextId--, key, details });

/** Asks the core for a Z report's PDF and shows it; the day screen's message line says what happened. */
export async function openZPdf(store: DayStore, zNumber: number): Promise<boolean> {
  try {
    const pdf = await call('day.zPdf', { zNumber });
    const how = showPdf(pdf);
    store.setState({ notice: message(how === 'opened' ? 'day.z.pdfOpened' : 'day.z.pdfSaved', { number: zNumber, file: pdf.fileName }), error: null });
    return true;
  } catch (error) {
    const api = error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));
    store.setState({ error: message(errorKey(api.code, api.details), api.details), notice: null });
    return false;
  }
}
