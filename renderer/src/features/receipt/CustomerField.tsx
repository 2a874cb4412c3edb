import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy } from './message-text';
import type { ReceiptStore } from './store';

/**
 * The Customer field (the customer's code). Enter looks up what was typed — an ID code, a phone
 * number (if the shop allows it) or anything else; one match is taken, otherwise the search opens.
 * Emptied + Enter: back to the anonymous private person. Ctrl+Enter or a double-click: the search.
 */
export function CustomerField({ store, code, readOnly, invalid }: { store: ReceiptStore; code: string; readOnly: boolean; invalid: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);

  // A customer picked anywhere (dialog, F10) shows up here; the cashier's typing is not overwritten otherwise.
  useEffect(() => {
    if (ref.current) ref.current.value = code;
  }, [code]);

  // Back to scanning once the customer is settled (or the cashier gives up with Escape).
  const backToArticle = () => document.getElementById('article-input')?.focus();

  const find = async (text: string) => {
    await store.getState().findCustomer(text);
    const after = store.getState();
    if (after.dialog === null && after.message?.tone !== 'error' && !('header.customer' in after.fieldErrors)) backToArticle();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (readOnly) return;
    const input = event.currentTarget;
    if (event.key === 'Escape') {
      input.value = code;
      store.getState().clearFieldError('header.customer');
      backToArticle();
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.ctrlKey) store.getState().searchCustomer(input.value.trim());
    else void find(input.value);
  };

  return (
    <input
      ref={ref}
      id="receipt-customer"
      type="text"
      autoComplete="off"
      className="value"
      defaultValue={code}
      placeholder={t('customer.privatePerson')}
      readOnly={readOnly}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy('receipt-customer-hint', invalid && 'receipt-customer-error')}
      onKeyDown={onKeyDown}
      onDoubleClick={(event) => {
        if (!readOnly) store.getState().searchCustomer(event.currentTarget.value.trim());
      }}
    />
  );
}
