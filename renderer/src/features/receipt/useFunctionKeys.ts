import { useEffect, type RefObject } from 'react';
import type { PaymentMethod } from '../../../../electron/contract/api';
import type { ReceiptStore } from './store';

const F_KEY = /^F([1-9]|1[0-2])$/;

/**
 * The screen's F-keys, listened to on the window: they work wherever the focus is, and the
 * browser never gets them. F2 new, F3 open, F4 cash, F5 credit, F6 card, F7 find, F8 print,
 * F9 save, F10 ID card, F12 confirm. An open dialog keeps its keys to itself (Dialog stops them; checked here too).
 */
export function useFunctionKeys({ store, articleRef }: { store: ReceiptStore; articleRef: RefObject<HTMLInputElement | null> }) {
  useEffect(() => {
    const focusArticle = () => articleRef.current?.focus();
    const actions = () => store.getState();

    const startNew = async () => {
      actions().cancelPayment();
      const started = actions().newReceipt();
      // Focus at once: a scan right after F2 must not lose its first characters.
      focusArticle();
      if (await started) {
        const input = articleRef.current;
        // Back to Article only if the focus got lost meanwhile; a cashier who already moved on
        // (Alt+C to the customer) keeps their place.
        const active = document.activeElement;
        if (input && (active === null || active === document.body)) input.focus();
      }
    };

    const openPayment = async (method: PaymentMethod) => {
      // Pending scans or row edits first: the amount due must be the core's latest.
      const idle = actions().whenIdle();
      if (idle) await idle;
      // The field fills and focuses itself (PaymentField) once the store says it is open.
      actions().startPayment(method);
    };

    const confirmReceipt = async () => {
      // A confirmed receipt takes no more codes: a leftover (e.g. an unknown code) would only confuse.
      if ((await actions().confirm()) && articleRef.current) articleRef.current.value = '';
      // A question F12 opened ("Confirm this receipt anyway?") keeps the focus on its answers.
      if (actions().dialog === null) focusArticle();
    };

    const startCredit = async () => {
      if (!(await actions().credit())) return;
      // A return is mostly quantities: the cursor waits in the first row's.
      const quantity = document.querySelector<HTMLInputElement>('input[data-row-col="quantity"]');
      if (quantity && actions().dialog === null) {
        quantity.focus();
        quantity.select();
      } else if (actions().dialog === null) focusArticle();
    };

    const thenFocus = (done: Promise<unknown>) => void done.then(() => actions().dialog === null && focusArticle());

    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      // Alt+C jumps to the Customer field: a cashier picks the customer without a mouse.
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyC' && actions().dialog === null) {
        const customer = document.getElementById('receipt-customer');
        if (customer instanceof HTMLInputElement) {
          event.preventDefault();
          customer.focus();
          customer.select();
        }
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return; // Alt+F4 stays the system's
      if (event.key === 'Escape') {
        const active = document.activeElement;
        if (!(active instanceof HTMLInputElement) && actions().dialog === null) focusArticle();
        return;
      }
      if (!F_KEY.test(event.key)) return;
      event.preventDefault();
      if (event.repeat || actions().dialog !== null) return;
      // A field being edited is saved before the key acts (its blur queues the change).
      const active = document.activeElement;
      if (active instanceof HTMLInputElement && active.dataset.commit !== undefined) active.blur();
      switch (event.key) {
        case 'F2':
          void startNew();
          break;
        case 'F3':
          void actions().showOpenList();
          break;
        case 'F4':
          void openPayment('cash');
          break;
        case 'F5':
          void startCredit();
          break;
        case 'F7':
          actions().showFind();
          break;
        case 'F6':
          void openPayment('card');
          break;
        case 'F8':
          void actions().preview();
          break;
        case 'F9':
          thenFocus(actions().save());
          break;
        case 'F10':
          void actions().readIdCard();
          break;
        case 'F12':
          void confirmReceipt();
          break;
        default:
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
    // The ref is the screen's own useRef object: listed for the linter, it never changes.
  }, [store, articleRef]);
}
