import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { ChoiceDialog } from '../../components/ChoiceDialog';
import { LanguageSelect } from '../../components/LanguageSelect';
import { ScreenMessages } from '../../components/ScreenMessages';
import { currentLanguage, formatDetails, formatMoney, type Language } from '../../i18n';
import { formatTime } from '../receipt/format';
import { CloseForm } from './CloseForm';
import { DaySummary } from './DaySummary';
import { CashForm, OpenForm } from './DayForms';
import { Figure, ReportFigures } from './ReportFigures';
import { createDayStore, type DayField, type DayStore } from './store';
import { ClosedZ, ZList } from './ZReports';
import { SalesCharts } from './SalesCharts';
import { openZPdf } from './z-pdf';
import '../../components/screen.css';
import './day.css';

/**
 * The till's day: open it with a float, the X report any time, cash in and out, and the close —
 * count, cash out, reason, confirm — which prints the Z report. Past Z reports below. Escape (or
 * Back) goes back to the receipt; the drafts stay in the store for the next visit.
 */
export function DayScreen({ store: given, onClose }: { store?: DayStore; onClose(): void }) {
  const [store] = useState<DayStore>(() => given ?? createDayStore());
  const state = useStore(store);
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const idPrefix = useId();
  const firstRef = useRef<HTMLInputElement>(null);
  const zRef = useRef<HTMLHeadingElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const { loaded, day, closed, zReports, timeZone, busy, confirming, notice, error, focus } = state;
  // A blind close: the day's figures (X report, summary, charts, Z papers) are for the manager.
  const blind = day ? day.report === null : (state.setup?.blind ?? false);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  // Loaded (or the day opened): the cursor goes where the work is — the float, or the first count.
  const dayId = day?.id ?? null;
  useEffect(() => {
    if (!loaded || closed) return;
    (firstRef.current ?? backRef.current)?.focus();
  }, [loaded, dayId, closed]);

  // Closed: the Z report's heading, so what was closed is read out and in view.
  useEffect(() => {
    if (closed) zRef.current?.focus();
  }, [closed]);

  // A field with a new error gets the cursor; a message about the whole count or cash out, the first of its fields.
  useEffect(() => {
    if (!focus) return;
    const { day: open, setup } = store.getState();
    const first = open?.denominations[0] ?? 0;
    const stock = open?.close.inventory[0]?.articleId ?? '';
    const target: Partial<Record<DayField, string>> = {
      counts: first ? `count-${first}` : 'countedTotal',
      cashOut: `out-${open?.close.directions[0] ?? 'bank'}`,
      inventory: `stock-${stock}`,
      float: open || !setup?.denominations[0] ? 'float' : `float-${setup.denominations[0]}`,
    };
    document.getElementById(`${idPrefix}-${target[focus.field] ?? focus.field}`)?.focus();
  }, [focus, idPrefix, store]);

  const onWindowKey = useEffectEvent((event: globalThis.KeyboardEvent) => {
    // The confirmation keeps its Escape to itself (it cancels the question, not the screen).
    if (event.key !== 'Escape' || event.defaultPrevented || event.repeat || store.getState().confirming) return;
    event.preventDefault();
    onClose();
  });
  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => onWindowKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  let status = '';
  if (!loaded) status = t('day.loading');
  else if (busy) status = t('day.working');
  else if (notice) status = t(notice.key, formatDetails(notice.details, lang));

  return (
    <div className="screen day-screen">
      <header className="screen-top">
        <h1>{t('day.title')}</h1>
        {day ? <p className="day-since">{t('day.openSince', { time: formatTime(day.openedAt, lang, timeZone) })}</p> : null}
        <LanguageSelect />
        <button ref={backRef} type="button" className="screen-back" aria-keyshortcuts="Escape" onClick={onClose}>
          {t('day.back')} <kbd aria-hidden="true">Esc</kbd>
        </button>
      </header>

      <ScreenMessages status={status} error={error} lang={lang} />

      <main className="day-body">
        {closed ? <ClosedZ z={closed} lang={lang} timeZone={timeZone} headingRef={zRef} onOpenPdf={(n) => void openZPdf(store, n)} /> : null}
        {loaded && !day ? <OpenForm store={store} state={state} lang={lang} idPrefix={idPrefix} firstRef={firstRef} /> : null}
        {day ? (
          <div className="day-columns">
            <div className="day-column">
              <XReport store={store} lang={lang} />
              <CashForm store={store} state={state} lang={lang} idPrefix={idPrefix} />
              {day.report ? <DaySummary lang={lang} version={JSON.stringify(day.report)} /> : null}
            </div>
            <CloseForm store={store} state={state} day={day} lang={lang} idPrefix={idPrefix} firstRef={firstRef} />
          </div>
        ) : null}
        {loaded && !blind ? <SalesCharts open={day} closed={closed} zReports={zReports} lang={lang} timeZone={timeZone} /> : null}
        {loaded ? <ZList reports={zReports} lang={lang} timeZone={timeZone} onPrint={(n) => void store.getState().printZ(n)} onOpenPdf={(n) => void openZPdf(store, n)} /> : null}
      </main>

      {confirming ? (
        <ChoiceDialog
          title={t('day.close.askTitle')}
          message={state.uncounted > 0 ? `${t('day.close.askMessage')} ${t('day.close.askUncounted', { count: state.uncounted })}` : t('day.close.askMessage')}
          choices={[
            { id: 'close', label: t('day.close.askClose') },
            { id: 'cancel', label: t('day.close.askCancel') },
          ]}
          onChoose={(id) => void (id === 'close' ? store.getState().close() : store.getState().cancelClose())}
          onCancel={() => store.getState().cancelClose()}
        />
      ) : null}
    </div>
  );
}

/** The running X report of the open day, with the float and what the drawer should hold. */
function XReport({ store, lang }: { store: DayStore; lang: Language }) {
  const { t } = useTranslation();
  const titleId = useId();
  const day = useStore(store, (s) => s.day);
  if (!day) return null;
  return (
    <section className="day-section day-x" aria-labelledby={titleId}>
      <div className="day-section-head">
        <h2 id={titleId}>{t('day.x.title')}</h2>
        <button type="button" onClick={() => void store.getState().load()}>
          {t('day.refresh')}
        </button>
        {day.report ? (
          <button type="button" onClick={() => void store.getState().printX()}>
            {t('day.x.print')}
          </button>
        ) : null}
      </div>
      <div className="day-figures">
        <Figure label={t('day.x.float')} value={formatMoney(day.openingFloatMinor, lang)} />
        {day.expectedMinor === null ? null : <Figure label={t('day.x.expected')} value={formatMoney(day.expectedMinor, lang)} />}
      </div>
      {day.report ? <ReportFigures report={day.report} lang={lang} /> : <p className="day-hint">{t('day.x.blind')}</p>}
    </section>
  );
}
