import { useEffect, type RefObject } from 'react';
import type { i18n as I18n } from 'i18next';
import { currentLanguage, formatMoneyInput } from '../../i18n';
import { selectAll } from './focus';
import type { PendingKey, ReceiptStore } from './store';

const F_KEY = /^F([1-9]|1[0-2])$/;
const PENDING_KEYS: readonly string[] = ['F6', 'F8', 'F9', 'F10'] satisfies PendingKey[];

/**
 * The screen's F-keys (F2 new, F4 cash, F12 confirm, the pending ones) and Escape, listened to
 * on the window: they work wherever the focus is, and the browser never gets them.
 */
export function useFunctionKeys({
  store,
  i18n,
  articleRef,
  cashRef,
}: {
  store: ReceiptStore;
  i18n: I18n;
  articleRef: RefObject<HTMLInputElement | null>;
  cashRef: RefObject<HTMLInputElement | null>;
}) {
  useEffect(() => {
    const focusArticle = () => articleRef.current?.focus();

    const startNew = async () => {
      const actions = store.getState();
      if (actions.mode === 'cash') {
        actions.cancelCash();
        if (cashRef.current) cashRef.current.value = '';
      }
      const started = actions.newReceipt();
      // Focus at once: a scan right after F2 must not lose its first characters.
      focusArticle();
      if (await started) {
        const input = articleRef.current;
        if (input && document.activeElement !== input) input.focus();
      }
    };

    const openCash = async () => {
      // Pending scans or quantity changes first: the amount due must be the core's latest.
      const idle = store.getState().whenIdle();
      if (idle) await idle;
      const due = store.getState().startCash();
      const input = cashRef.current;
      if (due === null || !input) return;
      input.value = formatMoneyInput(due, currentLanguage(i18n));
      selectAll(input);
    };

    const confirmReceipt = async () => {
      const actions = store.getState();
      if (actions.mode === 'cash') {
        actions.cancelCash();
        if (cashRef.current) cashRef.current.value = '';
      }
      // A confirmed receipt takes no more codes: a leftover (e.g. an unknown code) would only confuse.
      if ((await actions.confirm()) && articleRef.current) articleRef.current.value = '';
      if (store.getState().mode === 'article') focusArticle();
    };

    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return; // Alt+F4 stays the system's
      if (event.key === 'Escape') {
        const active = document.activeElement;
        if (!(active instanceof HTMLInputElement)) focusArticle();
        return;
      }
      if (!F_KEY.test(event.key)) return;
      event.preventDefault();
      if (event.repeat) return;
      // A quantity being edited is saved before the key acts (its blur queues the change).
      const active = document.activeElement;
      if (active instanceof HTMLInputElement && active.dataset.rowQuantity !== undefined) active.blur();
      if (event.key === 'F2') void startNew();
      else if (event.key === 'F4') void openCash();
      else if (event.key === 'F12') void confirmReceipt();
      else if (PENDING_KEYS.includes(event.key)) store.getState().notAvailable(event.key as PendingKey);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
    // The refs are the screen's own useRef objects: listed for the linter, they never change.
  }, [store, i18n, articleRef, cashRef]);
}
