import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { PaymentMethod } from '../../../../electron/contract/api';
import { readMoneyInput } from '../../../../electron/contract/codecs';
import { MAX_AMOUNT_MINOR } from '../../../../electron/contract/views';
import { formatMoneyInput, type Language } from '../../i18n';
import { FieldError } from './FieldError';
import { selectAll } from './focus';
import { describedBy } from './message-text';
import type { PaymentEntry, ReceiptStore } from './store';

/**
 * The amount field of one payment method. Read-only and out of the Tab order until its key or
 * button opens it (Tab never lands here mid-sale); then it holds the core's amount, selected, so
 * Enter takes it as it is and typing replaces it. Escape goes back without paying.
 */
export function PaymentField({
  method,
  entry,
  lang,
  store,
  shortcut,
  onDone,
}: {
  method: PaymentMethod;
  entry: PaymentEntry | null;
  lang: Language;
  store: ReceiptStore;
  shortcut?: string;
  /** Back to the Article field. */
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const active = entry?.method === method;
  const seq = active ? entry.seq : 0;
  const prefill = active ? formatMoneyInput(entry.amountMinor, lang) : '';
  const field = `pay.${method}`;
  const error = useStore(store, (s) => s.fieldErrors[field]);

  // Every press of the key re-fills the field (seq), even with the same amount, and starts it afresh.
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.value = prefill;
    if (seq > 0) {
      selectAll(input);
      store.getState().clearFieldError(field);
    }
  }, [seq, prefill, store, field]);

  const onKeyDown = async (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (event.key === 'Escape') {
      event.preventDefault();
      store.getState().clearFieldError(field);
      store.getState().cancelPayment();
      onDone();
      return;
    }
    if (event.key !== 'Enter' || store.getState().payment?.method !== method) return;
    event.preventDefault();
    const typed = readMoneyInput(input.value, MAX_AMOUNT_MINOR);
    if ('problem' in typed || typed.value < 0) {
      if ('problem' in typed && typed.problem === 'too_large') {
        store.getState().fieldError(field, 'errors.payment.too_large', { maxMinor: MAX_AMOUNT_MINOR });
      } else store.getState().fieldError(field, method === 'cash' ? 'errors.payment.invalid_amount' : 'errors.amount.invalid');
      input.select();
      return;
    }
    const amount = typed.value;
    const paid = store.getState().inField(field, () => store.getState().pay(method, amount));
    // The terminal may take its time: the cashier goes on meanwhile (the status says it is waiting).
    if (method === 'card') {
      onDone();
      return;
    }
    if (await paid) onDone();
    else if (document.activeElement === input) input.select();
  };

  const id = `receipt-pay-${method}`;
  return (
    <div className={`field pay pay-${method}${active ? ' active' : ''}`}>
      <div className="label-row">
        <label htmlFor={id}>{t(`payment.method.${method}`)}</label>
        {shortcut ? <kbd aria-hidden="true">{shortcut}</kbd> : null}
      </div>
      <input
        ref={ref}
        id={id}
        className="value amount"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        readOnly={!active}
        tabIndex={active ? 0 : -1}
        aria-invalid={error && active ? true : undefined}
        aria-describedby={describedBy(error && `${id}-error`)}
        onKeyDown={(event) => void onKeyDown(event)}
      />
      <FieldError id={`${id}-error`} message={error} lang={lang} />
    </div>
  );
}
