import { useEffect, type RefObject } from 'react';
import { subscribe } from '../../lib/pos-client';
import { createWedge, wedgeOptions } from '../../lib/wedge';
import { canAddArticles, type ReceiptStore } from './store';

/** Keys that only modify the next one (a scanner sends Shift for capitals): not part of a burst. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Unidentified']);

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const isField = (el: Element | null): el is Field =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;

/** The focused element and its value as they were before a burst began. */
interface Snapshot {
  el: Element | null;
  value: string | null;
  start: number | null;
  end: number | null;
}

function snapshotOf(el: Element | null): Snapshot {
  if (!isField(el)) return { el, value: null, start: null, end: null };
  const selection = (key: 'selectionStart' | 'selectionEnd') => {
    try {
      return el instanceof HTMLSelectElement ? null : el[key];
    } catch {
      return null; // input types without a text selection
    }
  };
  return { el, value: el.value, start: selection('selectionStart'), end: selection('selectionEnd') };
}

/**
 * Puts a field's value back as it was before the burst. The prototype's setter plus an input
 * event is what a keystroke does, so a React-controlled field (a dialog's search box) follows too.
 */
function restore(snapshot: Snapshot | null): void {
  if (!snapshot || snapshot.value === null || !isField(snapshot.el) || !snapshot.el.isConnected) return;
  const el = snapshot.el;
  if (el.value !== snapshot.value) {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
    if (setter) setter.call(el, snapshot.value);
    else el.value = snapshot.value;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }
  if (!(el instanceof HTMLSelectElement) && snapshot.start !== null && snapshot.end !== null) {
    try {
      el.setSelectionRange(snapshot.start, snapshot.end);
    } catch {
      // no text selection on this input type
    }
  }
}

/** An open dialog, in the store or on the page (any role="dialog"): a scan must not type into it. */
const dialogOpen = (store: ReceiptStore) => store.getState().dialog !== null || document.querySelector('[role="dialog"]') !== null;

const swallow = (event: KeyboardEvent) => {
  event.preventDefault();
  event.stopImmediatePropagation();
};

/**
 * Barcode scans that do not arrive through the Article field, routed as if they had:
 *
 * - A keyboard-wedge scanner typing while the focus is elsewhere on the receipt screen (Quantity,
 *   Customer, a header field, nowhere): the burst is recognised by its speed (lib/wedge.ts, the
 *   shop's scanner settings). Once it is a scan, its keys no longer reach the focused field; at
 *   its end key (Enter/Tab, or a short silence) the characters that landed before that are taken
 *   out again, the code is added like one scanned into Article and the focus goes back there.
 *   A person typing (slower) is never touched; in the Article field nothing changes at all.
 * - A HID POS scanner read by the core ('scanner.scanned').
 *
 * While a dialog is open a scan is never typed into it: it is dropped with a message.
 * `now` is the clock (performance.now by default); pass a stable function.
 */
export function useScanner({
  store,
  articleRef,
  now,
}: {
  store: ReceiptStore;
  articleRef: RefObject<HTMLInputElement | null>;
  now?: () => number;
}): void {
  useEffect(() => {
    const wedge = createWedge(() => wedgeOptions(store.getState().settings), now ?? (() => performance.now()));
    let snapshot: Snapshot | null = null;
    let silence: ReturnType<typeof setTimeout> | undefined;

    const stopSilence = () => {
      if (silence !== undefined) clearTimeout(silence);
      silence = undefined;
    };

    const forget = () => {
      stopSilence();
      wedge.reset();
      snapshot = null;
    };

    /** A code from either scanner: into the receipt, like the Article field does it. */
    const route = (code: string) => {
      const actions = store.getState();
      // A scan that goes on no receipt comes with the banner and the tone: the cashier may be
      // looking at the customer, not at the screen.
      if (dialogOpen(store)) {
        actions.alarm('warning', 'messages.scanIgnoredDialog');
        return;
      }
      // The next scan or key goes to Article, as after a scan into it.
      articleRef.current?.focus();
      if (!canAddArticles(actions)) {
        const { receipt } = actions;
        if (!receipt) actions.alarm('warning', 'messages.pressF2');
        else if (receipt.status === 'confirmed') actions.alarm('warning', 'messages.confirmedPressF2');
        else actions.alarm('error', 'errors.receipt.locked');
        return;
      }
      void actions.addArticle(code);
    };

    /** The burst was a scan: take its characters back out of the field, then add the code. */
    const finish = (code: string) => {
      stopSilence();
      const before = snapshot;
      snapshot = null;
      restore(before);
      route(code);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      const active = document.activeElement;
      // The Article field takes scans itself (and a burst begun elsewhere ends here), as does a
      // field made for a code read off paper (Find receipt: the receipt's own QR code or barcode).
      if (active !== null && (active === articleRef.current || (active instanceof HTMLElement && active.dataset.scanTarget !== undefined))) {
        forget();
        return;
      }
      if (event.isComposing || MODIFIERS.has(event.key)) return;
      // Ctrl or Alt alone is a shortcut; both together is AltGr (a character on many layouts).
      const shortcut = event.metaKey || event.ctrlKey !== event.altKey;
      const char = !shortcut && [...event.key].length === 1;

      if (char && !event.repeat) {
        if (wedge.size > 0 && snapshot?.el !== active) forget(); // the focus moved mid-burst
        const step = wedge.key(event.key);
        if (step.started) snapshot = snapshotOf(active);
        if (step.scanning) {
          swallow(event);
          // A scanner programmed without an end key: a short silence ends the code.
          stopSilence();
          silence = setTimeout(() => {
            silence = undefined;
            const code = wedge.flush();
            if (code !== null) finish(code);
          }, wedge.idleMs());
        }
        return;
      }

      // Any other key ends the burst: Enter or Tab (or the scanner's own suffix key) after a scan
      // is its end and stays off the page; after typing it is just the key it is.
      stopSilence();
      const code = wedge.end();
      if (code === null) {
        snapshot = null;
        return;
      }
      swallow(event);
      finish(code);
    };

    // Capture phase on the window: before the focused field, the dialogs and the F-keys see the key.
    window.addEventListener('keydown', onKeyDown, true);
    const offHid = subscribe('scanner.scanned', ({ code }) => route(code));
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      offHid();
      stopSilence();
    };
  }, [store, articleRef, now]);
}
