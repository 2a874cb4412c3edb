import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClosedDayView } from '../../../../electron/contract/api';
import { formatMoney, type Language } from '../../i18n';
import { formatTime } from '../receipt/format';
import { Figure, ReportFigures } from './ReportFigures';
import { CountedStock } from './StockCount';

const signed = (minor: number, lang: Language) => (minor > 0 ? `+${formatMoney(minor, lang)}` : formatMoney(minor, lang));

/** The day just closed: its Z number, its cash and its figures, and that the paper is printing. */
export function ClosedZ({
  z,
  lang,
  timeZone,
  headingRef,
  onOpenPdf,
}: {
  z: ClosedDayView;
  lang: Language;
  timeZone: string | undefined;
  headingRef: Ref<HTMLHeadingElement>;
  /** Opens the Z report's PDF (the file the close saves in the reports folder). */
  onOpenPdf(zNumber: number): void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const money = (minor: number) => formatMoney(minor, lang);
  return (
    <section className="day-section day-z" aria-labelledby={titleId}>
      {/* Focused after the close (tabIndex -1): a screen reader reads which Z it was. */}
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {t('day.z.title', { number: z.zNumber })}
      </h2>
      <p className="day-printed" role="status">
        {t('day.z.printed')}
      </p>
      {z.report ? (
        <p className="day-z-actions">
          <button type="button" onClick={() => onOpenPdf(z.zNumber)}>
            {t('day.z.pdfNumber', { number: z.zNumber })}
          </button>
        </p>
      ) : null}
      <div className="day-figures">
        <Figure label={t('day.z.opened')} value={formatTime(z.openedAt, lang, timeZone)} />
        <Figure label={t('day.z.closed')} value={formatTime(z.closedAt, lang, timeZone)} />
        <Figure label={t('day.z.float')} value={money(z.openingFloatMinor)} />
        {z.expectedMinor === null ? null : <Figure label={t('day.close.expected')} value={money(z.expectedMinor)} />}
        <Figure label={t('day.close.counted')} value={money(z.countedMinor)} />
        {z.differenceMinor === null ? null : <Figure label={t('day.close.difference')} value={signed(z.differenceMinor, lang)} className="strong" />}
        <Figure label={t('day.close.remains')} value={money(z.remainsMinor)} />
        {z.reason ? <Figure label={t('day.z.reason')} value={z.reason} /> : null}
      </div>
      {z.report ? <ReportFigures report={z.report} lang={lang} /> : null}
      <CountedStock rows={z.inventory} lang={lang} />
    </section>
  );
}

/** Past closes, newest first: the figures a manager checks at a glance. */
export function ZList({
  reports,
  lang,
  timeZone,
  onPrint,
  onOpenPdf,
}: {
  reports: ClosedDayView[];
  lang: Language;
  timeZone: string | undefined;
  /** Prints a Z report again (marked COPY). */
  onPrint(zNumber: number): void;
  /** Opens a Z report's PDF, as it was closed. */
  onOpenPdf(zNumber: number): void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="day-section day-zlist" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('day.z.list')}</h2>
      {reports.length === 0 ? (
        <p className="day-hint">{t('day.z.none')}</p>
      ) : (
        <table className="day-table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{t('day.z.number')}</th>
              <th scope="col">{t('day.z.opened')}</th>
              <th scope="col">{t('day.z.closed')}</th>
              <th scope="col">{t('day.z.net')}</th>
              <th scope="col">{t('day.z.counted')}</th>
              <th scope="col">{t('day.z.difference')}</th>
              <th scope="col">
                <span className="sr-only">{t('day.z.print')}</span>
              </th>
              <th scope="col">
                <span className="sr-only">{t('day.z.pdf')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.map((z) => (
              <tr key={z.id}>
                <th scope="row">{z.zNumber}</th>
                <td>{formatTime(z.openedAt, lang, timeZone)}</td>
                <td>{formatTime(z.closedAt, lang, timeZone)}</td>
                <td className="amount">{z.report ? formatMoney(z.report.netMinor, lang) : '—'}</td>
                <td className="amount">{formatMoney(z.countedMinor, lang)}</td>
                <td className="amount">{z.differenceMinor === null ? '—' : signed(z.differenceMinor, lang)}</td>
                {/* A blind close keeps the report (paper, PDF) for the manager. */}
                <td>
                  {z.report ? (
                    <button type="button" onClick={() => onPrint(z.zNumber)}>
                      {t('day.z.printNumber', { number: z.zNumber })}
                    </button>
                  ) : null}
                </td>
                <td>
                  {z.report ? (
                    <button type="button" onClick={() => onOpenPdf(z.zNumber)}>
                      {t('day.z.pdfNumber', { number: z.zNumber })}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
