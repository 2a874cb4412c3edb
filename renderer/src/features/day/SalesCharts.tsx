import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClosedDayView, DaySalesView } from '../../../../electron/contract/api';
import { errorKey, formatDetails, type Language } from '../../i18n';
import { ApiError, call } from '../../lib/pos-client';
import { formatTime } from '../receipt/format';
import { canDrawCharts, SalesFigure } from './SalesFigure';
import './owner.css';

/** The open day, or a closed one by its Z number. */
type Shown = 'open' | number;

const SALES = '#2f6db5';
const RETURNS = '#b3261e';

/** "12:00", or "22.11 12:00" when the day runs over more than one date. */
function hourLabels(hours: DaySalesView['hours'], lang: Language): string[] {
  const manyDates = new Set(hours.map((h) => h.date)).size > 1;
  const dates = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'et-EE', { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  return hours.map((h) => {
    const hour = `${String(h.hour).padStart(2, '0')}:00`;
    return manyDates ? `${dates.format(Date.parse(`${h.date}T00:00:00Z`))} ${hour}` : hour;
  });
}

/**
 * The owner's charts of a day: sales and returns by hour of the shop's clock, and what each
 * payment method took and paid back — of the open day, or of any closed day picked by its Z report.
 * Every figure is the core's (`day.sales`); the charts only draw them, with a table of the same.
 */
export function SalesCharts({
  open,
  closed,
  zReports,
  lang,
  timeZone,
}: {
  /** The open day as the screen has it: when it changes (a refresh, cash booked), the charts are asked again. */
  open: object | null;
  /** The day just closed here: shown once the open day is gone. */
  closed: ClosedDayView | null;
  zReports: ClosedDayView[];
  lang: Language;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const pickId = useId();
  const tablesId = useId();
  const [picked, setPicked] = useState<Shown | null>(null);
  const [tables, setTables] = useState(false);
  const [answer, setAnswer] = useState<{ key: string; sales: DaySalesView | null; error: ApiError | null } | null>(null);

  // The day just closed may not be in the list yet (it is asked for again after the close).
  const closedDays = new Map([...(closed ? [closed] : []), ...zReports].map((z) => [z.zNumber, z]));
  const zNumbers = [...closedDays.keys()].sort((a, b) => b - a);
  const choices: Shown[] = [...(open ? (['open'] as const) : []), ...zNumbers];
  // What the cashier picked while it is there; else the open day, the day just closed, the last closed.
  const shown: Shown | null = picked !== null && choices.includes(picked) ? picked : open ? 'open' : (closed?.zNumber ?? zNumbers[0] ?? null);
  const key = String(shown);

  useEffect(() => {
    if (shown === null) return;
    let live = true;
    call('day.sales', shown === 'open' ? {} : { zNumber: shown }).then(
      (sales) => live && setAnswer({ key, sales, error: null }),
      (error: unknown) => live && setAnswer({ key, sales: null, error: error instanceof ApiError ? error : new ApiError('internal', String(error)) }),
    );
    return () => {
      live = false;
    };
    // `open` changes with every refresh of the open day: its sales are asked again then.
  }, [shown, key, open]);

  if (shown === null) return null;
  const current = answer?.key === key ? answer : null;
  const sales = current?.sales ?? null;
  const methodName = (m: DaySalesView['methods'][number]['method']) => t(`payment.method.${m}`, { defaultValue: m });

  let body;
  if (!current) body = <p className="day-hint">{t('day.owner.loading')}</p>;
  else if (current.error) body = <p className="day-error">{t(errorKey(current.error.code, current.error.details), formatDetails(current.error.details, lang))}</p>;
  else if (!sales || sales.hours.length === 0) body = <p className="day-hint">{t('day.owner.none')}</p>;
  else {
    body = (
      <div className="day-owner-charts" id={tablesId}>
        <SalesFigure
          title={t('day.owner.byHour')}
          rowHeader={t('day.owner.hour')}
          rows={hourLabels(sales.hours, lang)}
          columns={[
            { label: t('day.owner.sales'), values: sales.hours.map((h) => h.salesMinor), color: SALES },
            { label: t('day.owner.returns'), values: sales.hours.map((h) => h.returnsMinor), color: RETURNS },
            { label: t('day.owner.net'), values: sales.hours.map((h) => h.netMinor) },
          ]}
          lang={lang}
          showTable={tables}
        />
        <SalesFigure
          title={t('day.owner.byMethod')}
          rowHeader={t('day.owner.method')}
          rows={sales.methods.map((m) => methodName(m.method))}
          columns={[
            { label: t('day.owner.taken'), values: sales.methods.map((m) => m.salesMinor), color: SALES },
            { label: t('day.owner.paidBack'), values: sales.methods.map((m) => m.refundsMinor), color: RETURNS },
            { label: t('day.owner.net'), values: sales.methods.map((m) => m.netMinor) },
          ]}
          lang={lang}
          showTable={tables}
        />
      </div>
    );
  }

  return (
    <section className="day-section day-owner" aria-labelledby={titleId}>
      <div className="day-section-head">
        <h2 id={titleId}>{t('day.owner.title')}</h2>
        <div className="day-owner-pick">
          <label htmlFor={pickId}>{t('day.owner.day')}</label>
          <select id={pickId} value={key} onChange={(event) => setPicked(event.target.value === 'open' ? 'open' : Number(event.target.value))}>
            {choices.map((c) => (
              <option key={c} value={String(c)}>
                {c === 'open' ? t('day.owner.openDay') : t('day.owner.zDay', { number: c, closed: formatTime(closedDays.get(c)?.closedAt, lang, timeZone) })}
              </option>
            ))}
          </select>
        </div>
        {sales && sales.hours.length > 0 && canDrawCharts() ? (
          <button type="button" aria-expanded={tables} aria-controls={tablesId} onClick={() => setTables(!tables)}>
            {tables ? t('day.owner.hideTables') : t('day.owner.showTables')}
          </button>
        ) : null}
      </div>
      {body}
    </section>
  );
}
