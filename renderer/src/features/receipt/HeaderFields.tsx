import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { ReceiptView, ReferenceLists } from '../../../../electron/contract/api';
import type { Language } from '../../i18n';
import { CommitInput } from './CommitInput';
import { CustomerField } from './CustomerField';
import { FieldError } from './FieldError';
import { formatTime } from './format';
import { describedBy } from './message-text';
import { isEditable, type ReceiptStore } from './store';
import type { HeaderPatch } from './store-types';

type TextKey = 'customerName' | 'address' | 'vatNo' | 'email';
const TEXT_FIELDS: { key: TextKey; label: string; max: number; wide?: boolean }[] = [
  { key: 'customerName', label: 'receipt.name', max: 80, wide: true },
  { key: 'address', label: 'receipt.address', max: 200, wide: true },
  { key: 'vatNo', label: 'receipt.vatNo', max: 32 },
  { key: 'email', label: 'receipt.email', max: 120 },
];

/**
 * The receipt header: number (Ctrl+Enter picks the series), status, time, customer and its
 * details, object, warehouse and the credited receipt. Text fields save on blur or Enter.
 */
export function HeaderFields({
  store,
  receipt,
  lists,
  lang,
}: {
  store: ReceiptStore;
  receipt: ReceiptView | null;
  lists: ReferenceLists;
  lang: Language;
}) {
  const { t } = useTranslation();
  // A credit note keeps the sale's header as it was.
  const readOnly = !isEditable(receipt) || receipt.documentType === 'credit_note';
  const errors = useStore(store, (s) => s.fieldErrors);
  const timeZone = useStore(store, (s) => s.info?.timeZone);
  /** Saves one field; what the core refuses about it is shown beside it. */
  const save = (field: keyof HeaderPatch, patch: HeaderPatch) => store.getState().inField(`header.${field}`, () => store.getState().setHeader(patch));
  const errorOf = (field: string) => errors[`header.${field}`];
  // A typed value the core refused stays in its field to be corrected, but not into another
  // receipt or once this one can no longer change: the fields start afresh then.
  const fresh = `${receipt?.id ?? 'none'}:${readOnly}`;

  const onNumberKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && event.ctrlKey && !readOnly) {
      event.preventDefault();
      store.getState().chooseSeries();
    }
  };

  const textField = ({ key, label, max, wide }: (typeof TEXT_FIELDS)[number]) => {
    const error = errorOf(key);
    return (
      <div key={key} className={`field${wide ? ' wide' : ''}`}>
        <label htmlFor={`receipt-${key}`}>{t(label)}</label>
        <CommitInput
          key={fresh}
          id={`receipt-${key}`}
          className="value"
          maxLength={max}
          readOnly={readOnly}
          keepRefused
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(error && `receipt-${key}-error`)}
          value={receipt?.[key] ?? ''}
          onCommit={(text) => (text.trim() === (receipt?.[key] ?? '') ? false : save(key, { [key]: text.trim() }))}
          onEscape={() => store.getState().clearFieldError(`header.${key}`)}
        />
        <FieldError id={`receipt-${key}-error`} message={error} lang={lang} />
      </div>
    );
  };

  return (
    <section className="receipt-head" aria-label={t('receipt.header')}>
      <div className="head-line head-first">
        <div className="field">
          <label htmlFor="receipt-number">{t('receipt.number')}</label>
          <input
            id="receipt-number"
            type="text"
            className="value"
            readOnly
            value={receipt ? (receipt.number ?? receipt.seriesCode) : ''}
            title={readOnly ? undefined : t('receipt.seriesHint')}
            onKeyDown={onNumberKeyDown}
            onDoubleClick={() => !readOnly && store.getState().chooseSeries()}
          />
        </div>
        <div className="field">
          <label htmlFor="receipt-status">{t('receipt.status')}</label>
          <output id="receipt-status" aria-live="off" className={`value status status-${receipt?.status ?? 'none'}`}>
            {receipt ? t(`receipt.statusValue.${receipt.status}`) : ''}
          </output>
        </div>
        <div className="field">
          <label htmlFor="receipt-time">{t('receipt.time')}</label>
          <output id="receipt-time" aria-live="off" className="value">
            {formatTime(receipt?.confirmedAt ?? receipt?.createdAt, lang, timeZone)}
          </output>
        </div>
        <div className="field">
          <label htmlFor="receipt-customer">{t('receipt.customer')}</label>
          <CustomerField store={store} code={receipt?.customer?.code ?? ''} readOnly={readOnly} invalid={errorOf('customer') !== undefined} />
          <span id="receipt-customer-hint" className="sr-only">
            {t('customer.hint')}
          </span>
          <FieldError id="receipt-customer-error" message={errorOf('customer')} lang={lang} />
        </div>
        {TEXT_FIELDS.slice(0, 1).map(textField)}
        <div className="field">
          <label htmlFor="receipt-credit">{t('receipt.creditOf')}</label>
          <input id="receipt-credit" type="text" className="value" readOnly value={receipt?.credit?.originalNumber ?? receipt?.creditOf ?? ''} />
        </div>
      </div>
      <div className="head-line head-second">
        {TEXT_FIELDS.slice(1).map(textField)}
        <div className="field">
          <label htmlFor="receipt-object">{t('receipt.object')}</label>
          <select
            id="receipt-object"
            className="value"
            disabled={readOnly}
            aria-invalid={errorOf('objectCode') ? true : undefined}
            aria-describedby={describedBy(errorOf('objectCode') && 'receipt-object-error')}
            value={receipt?.objectCode ?? ''}
            onChange={(event) => void save('objectCode', { objectCode: event.currentTarget.value || null })}
          >
            <option value="">{t('receipt.noObject')}</option>
            {withCurrent(lists.objects, receipt?.objectCode).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError id="receipt-object-error" message={errorOf('objectCode')} lang={lang} />
        </div>
        <div className="field">
          <label htmlFor="receipt-warehouse">{t('receipt.warehouse')}</label>
          <select
            id="receipt-warehouse"
            className="value"
            disabled={readOnly}
            aria-invalid={errorOf('warehouseCode') ? true : undefined}
            aria-describedby={describedBy(errorOf('warehouseCode') && 'receipt-warehouse-error')}
            value={receipt?.warehouseCode ?? ''}
            onChange={(event) => event.currentTarget.value && void save('warehouseCode', { warehouseCode: event.currentTarget.value })}
          >
            {withCurrent(lists.warehouses, receipt?.warehouseCode).map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </select>
          <FieldError id="receipt-warehouse-error" message={errorOf('warehouseCode')} lang={lang} />
        </div>
      </div>
    </section>
  );
}

/** The list, plus the receipt's own code if the list does not have it (lists not loaded, or retired). */
function withCurrent(list: { code: string; name: string }[], current: string | null | undefined) {
  return current && !list.some((item) => item.code === current) ? [...list, { code: current, name: current }] : list;
}
