import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { ReceiptRowView, ReferenceLists } from '../../../../electron/contract/api';
import { parseMoneyInput, readMoneyInput, readQuantityInput } from '../../../../electron/contract/codecs';
import { MAX_PRICE_MINOR, MAX_QUANTITY_MILLI } from '../../../../electron/contract/views';
import { formatMoney, formatMoneyInput, formatQuantity, formatRate, type Language } from '../../i18n';
import { CommitInput } from './CommitInput';
import { FieldError } from './FieldError';
import { describedBy } from './message-text';
import type { ReceiptStore } from './store';
import type { RowPatch } from './store-types';
import { LeftToReturn, StockActionSelect } from './CreditRowParts';

/** The columns the arrow keys walk along (same column, previous or next row). */
export type RowColumn = 'quantity' | 'discount' | 'content' | 'price' | 'serial';

/** The store's key of a row field's error. */
const fieldKey = (rowId: string, column: RowColumn | 'salesperson' | 'stock') => `row.${rowId}.${column}`;

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
  const errors = useStore(store, (s) => s.fieldErrors);
  const errorOf = (column: RowColumn | 'salesperson' | 'stock') => errors[fieldKey(row.id, column)];
  const errorId = (column: RowColumn | 'salesperson' | 'stock') => `row-${row.id}-${column}-error`;
  // A credit note keeps the sale as it was: only the quantity returned and the goods' way change.
  const credit = row.credit;
  const frozen = readOnly || credit !== null;

  /**
   * Saves one field, or says beside it what is wrong with it (the field then shows the core's
   * value again); the core's refusal of it is shown there too.
   */
  const save = (
    column: RowColumn | 'salesperson' | 'stock',
    patch: RowPatch | null,
    invalidKey: string,
    details?: Record<string, number>,
  ): Promise<boolean> | boolean => {
    if (patch === null) {
      actions().fieldError(fieldKey(row.id, column), invalidKey, details);
      return false;
    }
    return actions().inField(fieldKey(row.id, column), () => actions().updateRow(row.id, patch));
  };

  const arrows = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    onMove(event.currentTarget, event.key === 'ArrowUp' ? -1 : 1);
  };

  const common = (column: RowColumn) => ({
    'data-row-col': column,
    readOnly: column === 'quantity' ? readOnly : frozen,
    onKeyDown: arrows,
    onEnter: onDone,
    onEscape: () => {
      actions().clearFieldError(fieldKey(row.id, column));
      onDone();
    },
  });

  const stockNote = `row-${row.id}-stock`;
  const priceNote = `row-${row.id}-price`;
  const leftNote = `row-${row.id}-left`;
  const zeroPrice = row.zeroPrice !== 'ok';

  const saveQuantity = (text: string) => {
    const typed = readQuantityInput(text, MAX_QUANTITY_MILLI);
    if ('problem' in typed && typed.problem === 'too_large') {
      return save('quantity', null, 'errors.quantity.too_large', { maxMilli: MAX_QUANTITY_MILLI });
    }
    const quantityMilli = 'value' in typed ? typed.value : null;
    if (quantityMilli === row.quantityMilli) return false;
    return save('quantity', quantityMilli === null || quantityMilli === 0 ? null : { quantityMilli }, 'errors.quantity.invalid');
  };
  // A percentage with up to 2 decimals is a whole number of hundredths: parseMoneyInput reads it exactly.
  const saveDiscount = (text: string) => {
    const discountBp = text.trim() === '' ? 0 : parseMoneyInput(text);
    if (discountBp === row.discountBp) return false;
    return save('discount', discountBp === null || discountBp < 0 || discountBp > 10_000 ? null : { discountBp }, 'errors.discount.invalid');
  };
  const saveName = (text: string) => {
    const name = text.trim();
    if (name === row.name) return false;
    return save('content', name === '' ? null : { name }, 'errors.name.required');
  };
  const savePrice = (text: string) => {
    const typed = readMoneyInput(text, MAX_PRICE_MINOR);
    if ('problem' in typed && typed.problem === 'too_large') {
      return save('price', null, 'errors.price.too_large', { maxMinor: MAX_PRICE_MINOR });
    }
    const unitPriceMinor = 'value' in typed ? typed.value : null;
    if (unitPriceMinor === row.unitPriceMinor) return false;
    return save('price', unitPriceMinor === null || unitPriceMinor < 0 ? null : { unitPriceMinor }, 'errors.price.invalid');
  };
  const saveSerial = (text: string) => (text.trim() === row.serialNo ? false : save('serial', { serialNo: text.trim() }, 'errors.invalid_input'));

  return (
    <tr className={row.overStock ? 'over-stock' : undefined}>
      <td className="col-no">
        {readOnly ? (
          row.lineNo
        ) : (
          <button type="button" className="line-no" aria-label={t('row.delete', { n: row.lineNo })} onClick={() => actions().askRemoveRow(row.id)}>
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
          aria-describedby={describedBy(row.overStock && stockNote, credit && leftNote, errorOf('quantity') && errorId('quantity'))}
          className="qty-input"
          inputMode="decimal"
        />
        {row.overStock ? (
          <span id={stockNote} className="row-note stock-note">
            {t('row.overStock', { stock: formatQuantity(row.stockMilli ?? 0, lang) })}
          </span>
        ) : null}
        {credit ? <LeftToReturn id={leftNote} credit={credit} unit={row.unit} lang={lang} /> : null}
        {errorOf('quantity') ? <FieldError id={errorId('quantity')} message={errorOf('quantity')} lang={lang} /> : null}
      </td>
      <td className="col-unit">{t(`unit.${row.unit}`)}</td>
      <td className="col-discount num">
        <CommitInput
          {...common('discount')}
          value={formatRate(row.discountBp, lang)}
          onCommit={saveDiscount}
          aria-label={t('row.discount')}
          aria-describedby={describedBy(errorOf('discount') && errorId('discount'))}
          className="num-input"
          inputMode="decimal"
        />
        {errorOf('discount') ? <FieldError id={errorId('discount')} message={errorOf('discount')} lang={lang} /> : null}
      </td>
      <td className="col-content">
        {/* A long name ends in an ellipsis on screen; the title gives the whole of it (also as its description). */}
        <CommitInput
          {...common('content')}
          value={row.name}
          onCommit={saveName}
          aria-label={t('row.content')}
          aria-describedby={describedBy(errorOf('content') && errorId('content'))}
          title={row.name}
          maxLength={80}
          className="text-input name-input"
        />
        {errorOf('content') ? <FieldError id={errorId('content')} message={errorOf('content')} lang={lang} /> : null}
      </td>
      <td className="col-price num">
        <CommitInput
          {...common('price')}
          value={formatMoneyInput(row.unitPriceMinor, lang)}
          onCommit={savePrice}
          aria-label={t('row.unitPrice')}
          aria-invalid={row.zeroPrice === 'forbid' ? true : undefined}
          aria-describedby={describedBy(zeroPrice && priceNote, errorOf('price') && errorId('price'))}
          className={`num-input${zeroPrice ? ` zero-price zero-price-${row.zeroPrice}` : ''}`}
          inputMode="decimal"
        />
        {zeroPrice ? (
          <span id={priceNote} className={`row-note zero-price-note-${row.zeroPrice}`}>
            {t('row.zeroPrice')}
          </span>
        ) : null}
        {errorOf('price') ? <FieldError id={errorId('price')} message={errorOf('price')} lang={lang} /> : null}
      </td>
      <td className="col-serial">
        {credit ? (
          <StockActionSelect
            value={credit.stockAction}
            serialNo={row.serialNo}
            disabled={readOnly}
            errorId={errorOf('stock') && errorId('stock')}
            onChange={(stockAction) => void save('stock', { stockAction }, 'errors.invalid_input')}
          />
        ) : (
        <CommitInput
          {...common('serial')}
          value={row.serialNo}
          onCommit={saveSerial}
          aria-label={t('row.serialNo')}
          aria-describedby={describedBy(errorOf('serial') && errorId('serial'))}
          maxLength={64}
          className="text-input"
        />
        )}
        {errorOf('stock') ? <FieldError id={errorId('stock')} message={errorOf('stock')} lang={lang} /> : null}
        {errorOf('serial') ? <FieldError id={errorId('serial')} message={errorOf('serial')} lang={lang} /> : null}
      </td>
      {salespeople ? (
        <td className="col-salesperson">
          <select
            aria-label={t('row.salesperson')}
            aria-describedby={describedBy(errorOf('salesperson') && errorId('salesperson'))}
            value={row.salespersonCode ?? ''}
            disabled={frozen}
            onChange={(event) => void save('salesperson', { salespersonCode: event.currentTarget.value || null }, 'errors.invalid_input')}
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
          {errorOf('salesperson') ? <FieldError id={errorId('salesperson')} message={errorOf('salesperson')} lang={lang} /> : null}
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
