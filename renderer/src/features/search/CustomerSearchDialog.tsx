import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../../../electron/contract/api';
import { call } from '../../lib/pos-client';
import { SearchDialog, type Column } from './SearchDialog';

export type CustomerSearchBy = 'any' | 'phone' | 'idCode';

export interface CustomerSearchDialogProps {
  initialQuery: string;
  /** Narrows the search: a phone number or an ID code (F10); by default any field. */
  by?: CustomerSearchBy;
  /** Several customers already found (one phone number, one ID code): shown first, without a search. */
  initialResults?: CustomerView[];
  onPick(customer: CustomerView): void;
  onClose(): void;
}

/** Find a customer by name, code, ID code or phone. Escape keeps the anonymous private person. */
export function CustomerSearchDialog({ initialQuery, by = 'any', initialResults, onPick, onClose }: CustomerSearchDialogProps) {
  const { t } = useTranslation();
  const search = useCallback((query: string) => call('customer.search', { query, by }), [by]);

  const columns = useMemo<Column<CustomerView>[]>(
    () => [
      { key: 'name', header: t('search.customers.name'), cell: (c) => c.name },
      { key: 'code', header: t('search.customers.code'), cell: (c) => c.code },
      { key: 'idCode', header: t('search.customers.idCode'), cell: (c) => c.idCode },
      { key: 'phone', header: t('search.customers.phone'), cell: (c) => c.phone },
      { key: 'priceFormula', header: t('search.customers.priceFormula'), cell: (c) => c.priceFormulaName ?? '' },
    ],
    [t],
  );

  return (
    <SearchDialog<CustomerView>
      title={t('search.customers.title')}
      queryLabel={t('search.customers.query')}
      resultsLabel={t('search.customers.results')}
      noneText={t('search.customers.none')}
      countText={(count) => t('search.customers.count', { count })}
      initialQuery={initialQuery}
      initialHits={initialResults}
      maxLength={80}
      search={search}
      columns={columns}
      hitKey={(c) => c.id}
      onPick={onPick}
      onClose={onClose}
      className="customer-search"
    />
  );
}
