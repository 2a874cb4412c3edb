import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatMoney, type Language } from '../../i18n';
import { createSummaryStore, type SummaryStore } from './summary-store';

/**
 * The location summary: the day's documents by type, payments by method and cash moved by kind —
 * from the day's start, or only what this cashier did. Read again whenever the day changes.
 */
export function DaySummary({ lang, version }: { lang: Language; /** Changes when the day's figures may have. */ version: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const scopeId = useId();
  const [store] = useState<SummaryStore>(createSummaryStore);
  const { summary, cashierOnly, error } = useStore(store);
  const money = (minor: number) => formatMoney(minor, lang);

  useEffect(() => {
    void store.getState().load();
  }, [store, version]);

  return (
    <section className="day-section day-summary-section" aria-labelledby={titleId}>
      <div className="day-section-head">
        <h2 id={titleId}>{t('day.summary.title')}</h2>
        <label htmlFor={scopeId} className="sr-only">
          {t('day.summary.scope')}
        </label>
        <select id={scopeId} value={cashierOnly ? 'cashier' : 'day'} onChange={(event) => void store.getState().load(event.currentTarget.value === 'cashier')}>
          <option value="day">{t('day.summary.everyone')}</option>
          <option value="cashier">{t('day.summary.cashierOnly')}</option>
        </select>
      </div>
      {error ? <p role="alert">{t(error)}</p> : null}
      {summary ? (
        <table className="day-table" aria-labelledby={titleId}>
          <tbody>
            {summary.documents.map((d) => (
              <tr key={d.type}>
                <th scope="row">{t(`day.summary.${d.type}`, { count: d.count })}</th>
                <td className="amount">{money(d.totalMinor)}</td>
              </tr>
            ))}
            {summary.tenders.map((p) => (
              <tr key={p.method}>
                <th scope="row">{t(`payment.method.${p.method}`, { defaultValue: p.method })}</th>
                <td className="amount">{money(p.amountMinor)}</td>
              </tr>
            ))}
            {summary.movements.map((m) => (
              <tr key={m.kind}>
                <th scope="row">{t(`day.summary.${m.kind}`, { count: m.count })}</th>
                <td className="amount">{money(m.amountMinor)}</td>
              </tr>
            ))}
            {summary.documents.length + summary.movements.length === 0 ? (
              <tr>
                <td colSpan={2}>{t('day.summary.nothing')}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
