import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptView } from '../../../../electron/contract/api';
import { parseMoneyInput } from '../../../../electron/contract/codecs';
import { formatMoney, formatRate, type Language } from '../../i18n';
import type { Mode, ReceiptStore } from './store';

/**
 * The side panel: Sum, Due, the Cash field F4 opens, Money, Change and the VAT lines.
 * Every amount is the core's ReceiptView, only formatted here.
 */
export function TotalsPanel({
  store,
  cashRef,
  receipt,
  mode,
  lang,
  onDone,
}: {
  store: ReceiptStore;
  /** Owned by the screen: F4 fills and selects the field, F2 and F12 clear it. */
  cashRef: RefObject<HTMLInputElement | null>;
  receipt: ReceiptView | null;
  mode: Mode;
  lang: Language;
  /** Back to the Article field, once the cash is paid or cancelled. */
  onDone: () => void;
}) {
  const { t } = useTranslation();

  const onCashKeyDown = async (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (event.key === 'Escape') {
      event.preventDefault();
      store.getState().cancelCash();
      input.value = '';
      onDone();
      return;
    }
    if (event.key !== 'Enter' || store.getState().mode !== 'cash') return;
    event.preventDefault();
    const tendered = parseMoneyInput(input.value);
    if (tendered === null || tendered < 0) {
      store.getState().notify('error', 'errors.payment.invalid_amount');
      input.select();
      return;
    }
    const paid = await store.getState().payCash(tendered);
    if (paid) {
      input.value = '';
      onDone();
    } else if (document.activeElement === input) {
      input.select();
    }
  };

  const money = (minor: number) => formatMoney(minor, lang);

  return (
    <aside className="totals" aria-label={t('receipt.totals')}>
      <AmountOutput id="receipt-sum" className="field total" label={t('receipt.sum')} value={receipt ? money(receipt.totalMinor) : ''} />
      <AmountOutput id="receipt-due" className="field due" label={t('receipt.due')} value={receipt ? money(receipt.dueMinor) : ''} />
      <div className={`field cash${mode === 'cash' ? ' active' : ''}`}>
        <div className="label-row">
          <label htmlFor="receipt-cash">{t('receipt.cash')}</label>
          <kbd aria-hidden="true">F4</kbd>
        </div>
        {/* Read-only and out of the Tab order until F4 opens cash mode: Tab never lands here mid-sale. */}
        <input
          ref={cashRef}
          id="receipt-cash"
          className="value amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          readOnly={mode !== 'cash'}
          tabIndex={mode === 'cash' ? 0 : -1}
          onKeyDown={(event) => void onCashKeyDown(event)}
        />
      </div>
      <AmountOutput id="receipt-money" className="field" label={t('receipt.money')} value={receipt ? money(receipt.moneyMinor) : ''} />
      <AmountOutput id="receipt-change" className="field change" label={t('receipt.change')} value={receipt ? money(receipt.changeMinor) : ''} />
      <VatLines receipt={receipt} lang={lang} />
    </aside>
  );
}

/** A read-only amount with its label: Sum, Due, Money, Change. */
function AmountOutput({ id, className, label, value }: { id: string; className: string; label: string; value: string }) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <output id={id} aria-live="off" className="value amount">
        {value}
      </output>
    </div>
  );
}

function VatLines({ receipt, lang }: { receipt: ReceiptView | null; lang: Language }) {
  const { t } = useTranslation();
  const lines = receipt?.vat ?? [];
  return (
    <section className="vat" aria-label={t('receipt.vat')}>
      <h2>{t('receipt.vat')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('receipt.noVat')}</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line.rateBp}>
              <span className="vat-rate">{t('receipt.vatRate', { rate: formatRate(line.rateBp, lang) })}</span>
              <span className="vat-amounts">
                {t('receipt.vatLine', { net: formatMoney(line.netMinor, lang), vat: formatMoney(line.vatMinor, lang) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
