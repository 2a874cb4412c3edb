import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayView } from '../../../../electron/contract/api';
import { formatMoney, formatMoneyInput, type Language } from '../../i18n';
import { Figure } from './ReportFigures';
import { DayError, DayTextField, invalidProps } from './DayError';
import { CountTable } from './CountTable';
import { StockCount } from './StockCount';
import { presetOut } from './count';
import { readClose, type DayState, type DayStore } from './store';

/** A difference with its sign: "+5.00" is more in the drawer than the documents say. */
export const signed = (minor: number, lang: Language) => (minor > 0 ? `+${formatMoney(minor, lang)}` : formatMoney(minor, lang));

/**
 * The close: the count by notes and coins (each row count × value, the total live) or the total
 * typed, what goes to the bank, to cash collection and to the safe, and what stays; the reason
 * when the count differs; the stock count. Each part as this till's settings have it (a blind
 * close shows neither what is expected nor the difference). The live figures add up integers
 * (minor units) of what could be read; the core adds up again when the day is closed.
 */
export function CloseForm({
  store,
  state,
  day,
  lang,
  idPrefix,
  firstRef,
}: {
  store: DayStore;
  state: DayState;
  day: DayView;
  lang: Language;
  idPrefix: string;
  firstRef: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const { drafts, fieldErrors } = state;
  const setup = day.close;
  const money = (minor: number) => formatMoney(minor, lang);
  const { countedMinor, out } = readClose(day, drafts);
  const preset = presetOut(setup.directions, setup.remainsPresetMinor, countedMinor, drafts.out);
  const differenceMinor = day.expectedMinor === null ? null : countedMinor - day.expectedMinor;
  const remainsMinor = countedMinor - out.totalMinor;
  const reasonId = `${idPrefix}-reason`;
  const reasonHintId = `${reasonId}-hint`;
  const firstOut = setup.directions[0];
  const afterCount = firstOut ? `${idPrefix}-out-${firstOut}` : reasonId;

  return (
    <section className="day-section day-close" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('day.close.title')}</h2>

      {setup.denominations.length > 0 ? (
        <CountTable
          caption={t('day.close.count')}
          denominations={setup.denominations}
          texts={drafts.counts}
          errors={(value) => fieldErrors[`count-${value}`]}
          idOf={(value) => `${idPrefix}-count-${value}`}
          afterId={afterCount}
          firstRef={firstRef}
          lang={lang}
          onChange={(value, text) => store.getState().setCount(value, text)}
        />
      ) : (
        <DayTextField
          id={`${idPrefix}-countedTotal`}
          inputRef={firstRef}
          label={t('day.close.total')}
          amount
          value={drafts.countedTotal}
          error={fieldErrors.countedTotal}
          lang={lang}
          onChange={(countedTotal) => store.getState().setDrafts({ countedTotal })}
        />
      )}
      {setup.denominations.length > 0 ? <Figure label={t('day.close.total')} value={money(countedMinor)} className="strong" /> : null}
      <DayError controlId={`${idPrefix}-counts`} message={fieldErrors.counts} lang={lang} />

      {setup.directions.length > 0 ? (
        <fieldset className="day-out">
          <legend>{t('day.close.cashOut')}</legend>
          {setup.directions.map((direction) => {
            const amountId = `${idPrefix}-out-${direction}`;
            const commentId = `${amountId}-comment`;
            const label = t(`day.close.${direction}`);
            const error = fieldErrors[`out-${direction}`];
            const value = preset?.direction === direction ? formatMoneyInput(preset.amountMinor, lang) : drafts.out[direction].amount;
            return (
              <div className="day-out-row" key={direction}>
                <div className="day-field">
                  <label htmlFor={amountId}>{label}</label>
                  <input
                    id={amountId}
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    className="amount"
                    value={value}
                    {...invalidProps(amountId, error)}
                    onChange={(event) => store.getState().setOut(direction, { amount: event.currentTarget.value })}
                  />
                  <DayError controlId={amountId} message={error} lang={lang} />
                </div>
                <div className="day-field">
                  <label htmlFor={commentId}>{t('day.close.comment', { direction: label })}</label>
                  <input
                    id={commentId}
                    type="text"
                    autoComplete="off"
                    maxLength={200}
                    value={drafts.out[direction].comment}
                    onChange={(event) => store.getState().setOut(direction, { comment: event.currentTarget.value })}
                  />
                </div>
              </div>
            );
          })}
          {setup.remainsPresetMinor > 0 ? <p className="day-hint">{t('day.close.presetHint', { amount: money(setup.remainsPresetMinor) })}</p> : null}
          <DayError controlId={`${idPrefix}-cashOut`} message={fieldErrors.cashOut} lang={lang} />
        </fieldset>
      ) : null}

      <div className="day-figures day-summary">
        {day.expectedMinor === null ? null : <Figure label={t('day.close.expected')} value={money(day.expectedMinor)} />}
        <Figure label={t('day.close.counted')} value={money(countedMinor)} />
        {differenceMinor === null ? null : (
          <Figure label={t('day.close.difference')} value={signed(differenceMinor, lang)} className={differenceMinor === 0 ? 'strong' : 'strong day-off'} />
        )}
        <Figure label={t('day.close.remains')} value={money(remainsMinor)} className={remainsMinor < 0 ? 'day-off' : undefined} />
      </div>

      <DayTextField
        id={reasonId}
        className="day-field day-reason"
        label={t('day.close.reason')}
        maxLength={200}
        hintId={reasonHintId}
        value={drafts.reason}
        error={fieldErrors.reason}
        lang={lang}
        onChange={(reason) => store.getState().setDrafts({ reason })}
      >
        <span id={reasonHintId} className="day-hint">
          {t(setup.blind ? 'day.close.reasonHintBlind' : 'day.close.reasonHint')}
        </span>
      </DayTextField>

      <StockCount store={store} state={state} items={setup.inventory} lang={lang} idPrefix={idPrefix} />

      <button id={`${idPrefix}-close`} type="button" className="day-close-button" disabled={state.busy} onClick={() => store.getState().askClose()}>
        {t('day.close.submit')}
      </button>
    </section>
  );
}
