import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleHit } from '../../../../electron/contract/api';
import { currentLanguage, formatMoney, formatQuantity } from '../../i18n';
import { call } from '../../lib/pos-client';
import { SearchDialog, type Column } from './SearchDialog';

export interface ArticleIndexDialogProps {
  /** What the cashier had typed into the Article field. */
  initialQuery: string;
  onPick(hit: ArticleHit): void;
  onClose(): void;
}

/** The article index: find an article by code, name or barcode and put it on the receipt. */
export function ArticleIndexDialog({ initialQuery, onPick, onClose }: ArticleIndexDialogProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const search = useCallback((query: string) => call('article.search', { query, limit: 50 }), []);

  const columns = useMemo<Column<ArticleHit>[]>(
    () => [
      { key: 'code', header: t('search.articles.code'), cell: (hit) => hit.code },
      { key: 'name', header: t('search.articles.name'), cell: (hit) => hit.name },
      { key: 'barcode', header: t('search.articles.barcode'), cell: (hit) => hit.barcode ?? '' },
      { key: 'price', header: t('search.articles.price'), align: 'num', cell: (hit) => formatMoney(hit.priceMinor, lang) },
      {
        key: 'stock',
        header: t('search.articles.stock'),
        align: 'num',
        cell: (hit) => (hit.stockMilli === null ? '' : `${formatQuantity(hit.stockMilli, lang)} ${t(`unit.${hit.unit}`)}`),
      },
    ],
    [t, lang],
  );

  return (
    <SearchDialog<ArticleHit>
      title={t('search.articles.title')}
      queryLabel={t('search.articles.query')}
      resultsLabel={t('search.articles.results')}
      noneText={t('search.articles.none')}
      countText={(count) => t('search.articles.count', { count })}
      initialQuery={initialQuery}
      maxLength={64}
      search={search}
      columns={columns}
      hitKey={(hit) => hit.id}
      onPick={onPick}
      onClose={onClose}
      className="article-index"
    />
  );
}
