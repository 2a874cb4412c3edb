import { useRef, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptRowView } from '../../../../electron/contract/api';
import type { Language } from '../../i18n';
import { selectAll } from './focus';
import { ReceiptRow } from './ReceiptRow';
import { canAddArticles, type ReceiptStore } from './store';

/**
 * The receipt's rows, then the entry row with the Article field a scanner types into.
 * Arrow keys walk between the Article field and the rows' quantities.
 */
export function RowsTable({
  store,
  articleRef,
  rows,
  lang,
  editable,
  confirmed,
  loaded,
  empty,
}: {
  store: ReceiptStore;
  /** Owned by the screen: the F-keys and the cash field move the focus back here too. */
  articleRef: RefObject<HTMLInputElement | null>;
  rows: ReceiptRowView[];
  lang: Language;
  editable: boolean;
  confirmed: boolean;
  loaded: boolean;
  /** Loaded, and no receipt open or on its way: invite F2. */
  empty: boolean;
}) {
  const { t } = useTranslation();
  const rowsRef = useRef<HTMLTableSectionElement>(null);

  const quantityInputs = () => Array.from(rowsRef.current?.querySelectorAll<HTMLInputElement>('input[data-row-quantity]') ?? []);

  const onArticleKeyDown = async (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (event.key === 'ArrowUp') {
      const last = quantityInputs().at(-1);
      if (last) {
        event.preventDefault();
        selectAll(last);
      }
      return;
    }
    if (event.key === 'Escape') {
      input.value = '';
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const actions = store.getState();
    if (!canAddArticles(actions)) {
      actions.notify('info', actions.receipt ? 'messages.confirmedPressF2' : 'messages.pressF2');
      input.select();
      return;
    }
    const code = input.value.trim();
    if (code === '') return;
    // Clear at once: the scanner may already be typing the next code into this field.
    input.value = '';
    const added = await actions.addArticle(code);
    if (added) {
      input.scrollIntoView?.({ block: 'nearest' });
      return;
    }
    // Not added: give the code back, selected, so the next scan replaces it.
    if (input.value === '') {
      input.value = code;
      if (document.activeElement === input) input.select();
    }
  };

  const moveFromQuantity = (input: HTMLInputElement, step: -1 | 1) => {
    const all = quantityInputs();
    const next = all[all.indexOf(input) + step];
    if (next) selectAll(next);
    else if (step === 1) articleRef.current?.focus();
  };

  return (
    <div className="rows">
      <table aria-label={t('row.table')}>
        <thead>
          <tr>
            <th scope="col" className="col-no">{t('row.lineNo')}</th>
            <th scope="col" className="col-article">{t('row.article')}</th>
            <th scope="col" className="col-content">{t('row.content')}</th>
            <th scope="col" className="col-qty num">{t('row.quantity')}</th>
            <th scope="col" className="col-unit">{t('row.unit')}</th>
            <th scope="col" className="col-price num">{t('row.unitPrice')}</th>
            <th scope="col" className="col-sum num">{t('row.sum')}</th>
            <th scope="col" className="col-del">
              <span className="sr-only">{t('row.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody ref={rowsRef}>
          {rows.map((row) => (
            <ReceiptRow
              key={row.id}
              row={row}
              lang={lang}
              readOnly={confirmed}
              store={store}
              onDone={() => articleRef.current?.focus()}
              onMove={moveFromQuantity}
            />
          ))}
          <tr className={`entry${editable ? '' : ' entry-locked'}`}>
            <td className="col-no">{editable ? rows.length + 1 : ''}</td>
            <td className="col-article">
              <input
                ref={articleRef}
                id="article-input"
                aria-label={t('row.article')}
                aria-describedby="article-hint"
                className="article-input"
                type="text"
                autoComplete="off"
                spellCheck={false}
                readOnly={!editable}
                onKeyDown={(event) => void onArticleKeyDown(event)}
              />
            </td>
            <td colSpan={6} id="article-hint" className="hint">
              {editable ? t('receipt.scanHint') : loaded ? (confirmed ? t('messages.confirmedPressF2') : t('receipt.emptyHint')) : ''}
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
