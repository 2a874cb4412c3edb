import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountItemView, InventoryRowView } from '../../../../electron/contract/api';
import { formatQuantity, type Language } from '../../i18n';
import { DayError, invalidProps } from './DayError';
import { readStock } from './count';
import type { DayState, DayStore } from './store';

/** Thousandths with their sign: "+0.250" is more on the shelf than the stock said. */
const signedQty = (milli: number, lang: Language) => (milli > 0 ? `+${formatQuantity(milli, lang)}` : formatQuantity(milli, lang));

/**
 * The stock count of the close: per listed article what the stock says, the count typed, the
 * difference live. An article left empty is not counted and goes to zero at the close (the
 * question before the close says how many). Enter goes on to the next article.
 */
export function StockCount({ store, state, items, lang, idPrefix }: { store: DayStore; state: DayState; items: CountItemView[]; lang: Language; idPrefix: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const stockId = (articleId: string) => `${idPrefix}-stock-${articleId}`;
  return (
    <StockTable>
        {items.map((item, index) => {
          const id = stockId(item.articleId);
          const text = state.drafts.stock[item.articleId] ?? '';
          const read = readStock(text, item.unit);
          const error = state.fieldErrors[`stock-${item.articleId}`];
          const next = items[index + 1];
          return (
            <tr key={item.articleId}>
              <th scope="row">{`${item.code} ${item.name}`}</th>
              <td className="amount">{formatQuantity(item.expectedMilli, lang)}</td>
              <td>
                <input
                  id={id}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  className="day-count-input"
                  aria-label={t('day.stock.countOf', { article: `${item.code} ${item.name}` })}
                  placeholder={t('day.stock.notCounted')}
                  value={text}
                  {...invalidProps(id, error)}
                  onChange={(event) => store.getState().setStock(item.articleId, event.currentTarget.value)}
                  onKeyDown={(event) => {
                    if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey) return;
                    event.preventDefault();
                    document.getElementById(next ? stockId(next.articleId) : `${idPrefix}-close`)?.focus();
                  }}
                />
                <DayError controlId={id} message={error} lang={lang} />
              </td>
              <td className="amount">{'milli' in read && read.milli !== null ? signedQty(read.milli - item.expectedMilli, lang) : ''}</td>
            </tr>
          );
        })}
    </StockTable>
  );
}

/** The close's stock count as it was written: counted, set to zero, the differences. */
export function CountedStock({ rows, lang }: { rows: InventoryRowView[]; lang: Language }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <StockTable>
        {rows.map((row) => (
          <tr key={row.articleId}>
            <th scope="row">{`${row.code} ${row.name}`}</th>
            <td className="amount">{formatQuantity(row.expectedMilli, lang)}</td>
            <td className="amount">{row.counted ? formatQuantity(row.countedMilli, lang) : t('day.stock.setToZero')}</td>
            <td className="amount">{signedQty(row.differenceMilli, lang)}</td>
          </tr>
        ))}
    </StockTable>
  );
}

/** The stock count's table: article, in stock, counted, difference. */
function StockTable({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <table className="day-table day-stock" aria-labelledby={titleId}>
      <caption id={titleId}>{t('day.stock.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('day.stock.article')}</th>
          <th scope="col">{t('day.stock.expected')}</th>
          <th scope="col">{t('day.stock.counted')}</th>
          <th scope="col">{t('day.stock.difference')}</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
