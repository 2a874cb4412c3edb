import { useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptRowView, ReferenceLists } from '../../../../electron/contract/api';
import type { Language } from '../../i18n';
import { ArticleEntry } from './ArticleEntry';
import { selectAll } from './focus';
import { ReceiptRow, type RowColumn } from './ReceiptRow';
import type { ReceiptStore } from './store';

/**
 * The receipt's rows, then the entry row with the Article field a scanner types into.
 * Arrow keys walk up and down one column; from the Article field up to the last quantity.
 */
export function RowsTable({
  store,
  articleRef,
  rows,
  lang,
  editable,
  accepting,
  salespeople,
  hint,
  empty,
  credit = false,
}: {
  store: ReceiptStore;
  /** Owned by the screen: the F-keys, the dialogs and the amount fields move the focus back here. */
  articleRef: RefObject<HTMLInputElement | null>;
  rows: ReceiptRowView[];
  lang: Language;
  /** Rows may change (not confirmed, not locked). */
  editable: boolean;
  /** The Article field takes codes (also while F2's new receipt is on its way). */
  accepting: boolean;
  /** Null: no Salesperson column. */
  salespeople: ReferenceLists['salespeople'] | null;
  /** What the entry row says when it takes no codes. */
  hint: string;
  /** Loaded, and no receipt open or on its way: invite F2. */
  empty: boolean;
  /** A credit note: the Serial number column says where the returned goods go. */
  credit?: boolean;
}) {
  const { t } = useTranslation();
  const rowsRef = useRef<HTMLTableSectionElement>(null);

  const column = (name: RowColumn) =>
    Array.from(rowsRef.current?.querySelectorAll<HTMLInputElement>(`input[data-row-col="${name}"]`) ?? []);

  const move = (input: HTMLInputElement, step: -1 | 1) => {
    const all = column((input.dataset.rowCol ?? 'quantity') as RowColumn);
    const next = all[all.indexOf(input) + step];
    if (next) selectAll(next);
    else if (step === 1) articleRef.current?.focus();
  };

  const focusArticle = () => articleRef.current?.focus();
  const columns = 9 + (salespeople ? 1 : 0);

  return (
    <div className="rows">
      <table aria-label={t('row.table')} className={[salespeople ? 'with-salesperson' : '', credit ? 'credit' : ''].join(' ').trim() || undefined}>
        <thead>
          <tr>
            <th scope="col" className="col-no">{t('row.lineNo')}</th>
            <th scope="col" className="col-article">{t('row.article')}</th>
            <th scope="col" className="col-qty num">{t('row.quantity')}</th>
            <th scope="col" className="col-unit">{t('row.unit')}</th>
            <th scope="col" className="col-discount num">{t('row.discount')}</th>
            <th scope="col" className="col-content">{t('row.content')}</th>
            <th scope="col" className="col-price num">{t('row.unitPrice')}</th>
            <th scope="col" className="col-serial">{t(credit ? 'credit.goods' : 'row.serialNo')}</th>
            {salespeople ? <th scope="col" className="col-salesperson">{t('row.salesperson')}</th> : null}
            <th scope="col" className="col-sum num">{t('row.sum')}</th>
          </tr>
        </thead>
        <tbody ref={rowsRef}>
          {rows.map((row) => (
            <ReceiptRow
              key={row.id}
              row={row}
              lang={lang}
              readOnly={!editable}
              salespeople={salespeople}
              store={store}
              onDone={focusArticle}
              onMove={move}
            />
          ))}
          <tr className={`entry${accepting ? '' : ' entry-locked'}`}>
            <td className="col-no">{accepting ? rows.length + 1 : ''}</td>
            <td className="col-article">
              <ArticleEntry store={store} inputRef={articleRef} accepting={accepting} onUp={() => selectAll(column('quantity').at(-1) ?? null)} />
            </td>
            <td colSpan={columns - 2} id="article-hint" className="hint">
              {accepting ? t('receipt.scanHint') : hint}
            </td>
          </tr>
        </tbody>
      </table>
      {empty ? (
        <div className="empty-state">
          <p className="empty-title">{t('receipt.empty')}</p>
          <p>
            <kbd>F2</kbd> {t('receipt.newReceipt')}
          </p>
        </div>
      ) : null}
    </div>
  );
}
