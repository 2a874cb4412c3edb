import type { FocusEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptRowView } from '../../../../electron/contract/api';
import { parseQuantityInput } from '../../../../electron/contract/codecs';
import { formatMoney, formatQuantity, type Language } from '../../i18n';
import type { ReceiptStore } from './store';

/**
 * One receipt row. Only the quantity is editable; it is an uncontrolled input keyed by the
 * core's quantity and the language, so a new value from the core (or a language switch) resets it.
 */
export function ReceiptRow({
  row,
  lang,
  readOnly,
  store,
  onDone,
  onMove,
}: {
  row: ReceiptRowView;
  lang: Language;
  readOnly: boolean;
  store: ReceiptStore;
  onDone: () => void;
  onMove: (input: HTMLInputElement, step: -1 | 1) => void;
}) {
  const { t } = useTranslation();
  const shown = formatQuantity(row.quantityMilli, lang);

  // Enter moves to the Article field; leaving the field saves the quantity.
  const commit = async (event: FocusEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (readOnly) return;
    const quantity = parseQuantityInput(input.value);
    if (quantity === row.quantityMilli) {
      input.value = shown;
      return;
    }
    if (quantity === null || quantity === 0) {
      store.getState().notify('error', 'errors.quantity.invalid');
      input.value = shown;
      return;
    }
    const saved = await store.getState().setQuantity(row.id, quantity);
    if (!saved && input.isConnected) input.value = shown;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        onDone();
        break;
      case 'Escape':
        event.preventDefault();
        input.value = shown;
        onDone();
        break;
      case 'ArrowUp':
        event.preventDefault();
        onMove(input, -1);
        break;
      case 'ArrowDown':
        event.preventDefault();
        onMove(input, 1);
        break;
      default:
    }
  };

  const remove = async () => {
    await store.getState().removeRow(row.id);
    onDone();
  };

  return (
    <tr>
      <td className="col-no">{row.lineNo}</td>
      <td className="col-article code">{row.code}</td>
      <td className="col-content">
        <output aria-label={t('row.content')} aria-live="off">
          {row.name}
        </output>
      </td>
      <td className="col-qty num">
        <input
          key={`${row.quantityMilli}:${lang}`}
          data-row-quantity={row.id}
          aria-label={t('row.quantity')}
          className="qty-input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={shown}
          readOnly={readOnly}
          onBlur={(event) => void commit(event)}
          onKeyDown={onKeyDown}
        />
      </td>
      <td className="col-unit">{t(`unit.${row.unit}`)}</td>
      <td className="col-price num">
        <output aria-label={t('row.unitPrice')} aria-live="off">
          {formatMoney(row.unitPriceMinor, lang)}
        </output>
      </td>
      <td className="col-sum num">
        <output aria-label={t('row.sum')} aria-live="off">
          {formatMoney(row.sumMinor, lang)}
        </output>
      </td>
      <td className="col-del">
        {readOnly ? null : (
          <button type="button" className="delete" aria-label={t('row.delete', { n: row.lineNo })} onClick={() => void remove()}>
            ✕
          </button>
        )}
      </td>
    </tr>
  );
}
