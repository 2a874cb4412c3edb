import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayReportView } from '../../../../electron/contract/api';
import { formatMoney, formatRate, type Language } from '../../i18n';

/** "2 (K000001–K000002)", or just the count when there are none. */
export function numbersText(t: (key: string, values: Record<string, string | number>) => string, numbers: DayReportView['receipts']): string {
  if (numbers.count === 0 || numbers.first === null) return String(numbers.count);
  return t('day.x.numbers', { count: numbers.count, first: numbers.first, last: numbers.last ?? numbers.first });
}

/** A read-only figure with its label, so a screen reader (and a test) finds it by name. */
export function Figure({ label, value, className }: { label: string; value: string; className?: string }) {
  const id = useId();
  return (
    <div className={className ? `day-figure ${className}` : 'day-figure'}>
      <label htmlFor={id}>{label}</label>
      <output id={id} aria-live="off" className="amount">
        {value}
      </output>
    </div>
  );
}

/**
 * The figures of an X or Z report as the core computed them: sales, returns, net, the document
 * numbers, VAT per rate, payments per method and the cash moved. Nothing is added up here.
 */
export function ReportFigures({ report, lang }: { report: DayReportView; lang: Language }) {
  const { t } = useTranslation();
  const id = useId();
  const money = (minor: number) => formatMoney(minor, lang);
  return (
    <div className="day-report">
      <div className="day-figures">
        <Figure label={t('day.x.sales')} value={money(report.salesMinor)} />
        <Figure label={t('day.x.returns')} value={money(report.returnsMinor)} />
        <Figure label={t('day.x.net')} value={money(report.netMinor)} className="strong" />
        <Figure label={t('day.x.rounding')} value={money(report.roundingMinor)} />
        <Figure label={t('day.x.discounts')} value={money(report.discountMinor)} />
        <Figure label={t('day.x.receipts')} value={numbersText(t, report.receipts)} />
        <Figure label={t('day.x.creditNotes')} value={numbersText(t, report.creditNotes)} />
        <Figure label={t('day.x.cashIn')} value={money(report.cashInMinor)} />
        <Figure label={t('day.x.cashOut')} value={money(report.cashOutMinor)} />
        <Figure label={t('day.x.drawerOpenings')} value={String(report.drawerOpenings)} />
      </div>

      <table className="day-table" aria-labelledby={`${id}-vat`}>
        <caption id={`${id}-vat`}>{t('day.x.vat')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('day.x.vatRate')}</th>
            <th scope="col">{t('day.x.vatNet')}</th>
            <th scope="col">{t('day.x.vatAmount')}</th>
            <th scope="col">{t('day.x.vatGross')}</th>
          </tr>
        </thead>
        <tbody>
          {report.vat.length === 0 ? (
            <tr>
              <td colSpan={4}>{t('day.x.noVat')}</td>
            </tr>
          ) : (
            report.vat.map((line) => (
              <tr key={line.rateBp}>
                <th scope="row">{`${formatRate(line.rateBp, lang)} %`}</th>
                <td className="amount">{money(line.netMinor)}</td>
                <td className="amount">{money(line.vatMinor)}</td>
                <td className="amount">{money(line.grossMinor)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>

      <table className="day-table" aria-labelledby={`${id}-pay`}>
        <caption id={`${id}-pay`}>{t('day.x.payments')}</caption>
        <tbody>
          {report.tenders.length === 0 ? (
            <tr>
              <td colSpan={2}>{t('day.x.noPayments')}</td>
            </tr>
          ) : (
            report.tenders.map((tender) => (
              <tr key={tender.method}>
                <th scope="row">{t(`payment.method.${tender.method}`, { defaultValue: tender.method })}</th>
                <td className="amount">{money(tender.amountMinor)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>

      {report.cashiers.length > 0 ? (
        <table className="day-table" aria-labelledby={`${id}-cashiers`}>
          <caption id={`${id}-cashiers`}>{t('day.x.cashiers')}</caption>
          <tbody>
            {report.cashiers.map((cashier) => (
              <tr key={cashier.name}>
                <th scope="row">{t('day.x.cashier', { name: cashier.name || '—', count: cashier.count })}</th>
                <td className="amount">{money(cashier.totalMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
