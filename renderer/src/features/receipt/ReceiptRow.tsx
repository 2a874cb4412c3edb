import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptRowView, ReferenceLists } from '../../../../electron/contract/api';
import { parseMoneyInput, parseQuantityInput } from '../../../../electron/contract/codecs';
import { formatMoney, formatMoneyInput, formatQuantity, formatRate, type Language } from '../../i18n';
import { CommitInput } from './CommitInput';
import type { ReceiptStore } from './store';
import type { RowPatch } from './store-types';

/** The columns the arrow keys walk along (same column, previous or next row). */
export type RowColumn = 'quantity' | 'discount' | 'content' | 'price' | 'serial';

/**
 * One receipt row: every field the cashier may change saves on blur or Enter with only that
 * field (receipt.updateRow). The row number is the delete button, as in Directo.
 */
export function ReceiptRow({
  row,
  lang,
  readOnly,
  salespeople,
  store,
  onDone,
  onMove,
}: {
  row: ReceiptRowView;
  lang: Language;
  readOnly: boolean;
  /** Null: the shop does not record a salesperson per row (the column is hidden). */
  salespeople: ReferenceLists['salespeople'] | null;
  store: ReceiptStore;
  /** Back to the Article field. */
  onDone: () => void;
  onMove: (input: HTMLInputElement, step: -1 | 1) => void;
}) {
  const { t } = useTranslation();
  const actions = () => store.getState();

  /** Saves one field, or says what is wrong with it (the field then shows the core's value again). */
  const save = (patch: RowPatch | null, invalidKey: string): Promise<boolean> | boolean => {
    if (patch === null) {
      actions().notify('error', invalidKey);
      return false;
    }
    return actions().updateRow(row.id, patch);
  };

  const arrows = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    onMove(event.currentTarget, event.key === 'ArrowUp' ? -1 : 1);
  };

  const common = (column: RowColumn) => ({
    'data-row-col': column,
    readOnly,
    onKeyDown: arrows,
    onEnter: onDone,
    onEscape: onDone,
  });

  const stockNote = `row-${row.id}-stock`;
  const priceNote = `row-${row.id}-price`;
  const zeroPrice = row.zeroPrice !== 'ok';

  const saveQuantity = (text: string) => {
    const quantityMilli = parseQuantityInput(text);
    if (quantityMilli === row.quantityMilli) return false;
    return save(quantityMilli === null || quantityMilli === 0 ? null : { quantityMilli }, 'errors.quantity.invalid');
  };
  // A percentage with up to 2 decimals is a whole number of hundredths: parseMoneyInput reads it exactly.
  const saveDiscount = (text: string) => {
    const discountBp = text.trim() === '' ? 0 : parseMoneyInput(text);
    if (discountBp === row.discountBp) return false;
    return save(discountBp === null || discountBp < 0 || discountBp > 10_000 ? null : { discountBp }, 'errors.discount.invalid');
  };
  const saveName = (text: string) => {
    const name = text.trim();
    if (name === row.name) return false;
    return save(name === '' ? null : { name }, 'errors.name.required');
  };
  const savePrice = (text: string) => {
    const unitPriceMinor = parseMoneyInput(text);
    if (unitPriceMinor === row.unitPriceMinor) return false;
    return save(unitPriceMinor === null || unitPriceMinor < 0 ? null : { unitPriceMinor }, 'errors.price.invalid');
  };
  const saveSerial = (text: string) => (text.trim() === row.serialNo ? false : save({ serialNo: text.trim() }, 'errors.invalid_input'));

  return (
    <tr className={row.overStock ? 'over-stock' : undefined}>
      <td className="col-no">
        {readOnly ? (
          row.lineNo
        ) : (
          <button type="button" className="line-no" aria-label={t('row.delete', { n: row.lineNo })} onClick={() => void actions().removeRow(row.id).then(onDone)}>
            {row.lineNo}
          </button>
        )}
      </td>
      <td className="col-article code">{row.code}</td>
      <td className="col-qty num">
        <CommitInput
          {...common('quantity')}
          value={formatQuantity(row.quantityMilli, lang)}
          onCommit={saveQuantity}
          aria-label={t('row.quantity')}
          aria-describedby={row.overStock ? stockNote : undefined}
          className="qty-input"
          inputMode="decimal"
        />
        {row.overStock ? (
          <span id={stockNote} className="row-note stock-note">
            {t('row.overStock', { stock: formatQuantity(row.stockMilli ?? 0, lang) })}
          </span>
        ) : null}
      </td>
      <td className="col-unit">{t(`unit.${row.unit}`)}</td>
      <td className="col-discount num">
        <CommitInput
          {...common('discount')}
          value={formatRate(row.discountBp, lang)}
          onCommit={saveDiscount}
          aria-label={t('row.discount')}
          className="num-input"
          inputMode="decimal"
        />
      </td>
      <td className="col-content">
        <CommitInput {...common('content')} value={row.name} onCommit={saveName} aria-label={t('row.content')} maxLength={80} className="text-input" />
      </td>
      <td className="col-price num">
        <CommitInput
          {...common('price')}
          value={formatMoneyInput(row.unitPriceMinor, lang)}
          onCommit={savePrice}
          aria-label={t('row.unitPrice')}
          aria-invalid={row.zeroPrice === 'forbid' ? true : undefined}
          aria-describedby={zeroPrice ? priceNote : undefined}
          className={`num-input${zeroPrice ? ` zero-price zero-price-${row.zeroPrice}` : ''}`}
          inputMode="decimal"
        />
        {zeroPrice ? (
          <span id={priceNote} className={`row-note zero-price-note-${row.zeroPrice}`}>
            {t('row.zeroPrice')}
          </span>
        ) : null}
      </td>
      <td className="col-serial">
        <CommitInput {...common('serial')} value={row.serialNo} onCommit={saveSerial} aria-label={t('row.serialNo')} maxLength={64} className="text-input" />
      </td>
      {salespeople ? (
        <td className="col-salesperson">
          <select
            aria-label={t('row.salesperson')}
            value={row.salespersonCode ?? ''}
            disabled={readOnly}
            onChange={(event) => void actions().updateRow(row.id, { salespersonCode: event.currentTarget.value || null })}
          >
            <option value="">{t('row.noSalesperson')}</option>
            {salespeople.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
            {row.salespersonCode && !salespeople.some((s) => s.code === row.salespersonCode) ? (
              <option value={row.salespersonCode}>{row.salespersonCode}</option>
            ) : null}
          </select>
        </td>
      ) : null}
      <td className="col-sum num">
        <output aria-label={t('row.sum')} aria-live="off">
          {formatMoney(row.sumMinor, lang)}
        </output>
      </td>
    </tr>
  );
}
