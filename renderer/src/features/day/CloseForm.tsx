import { useId, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayView } from '../../../../electron/contract/api';
import { formatMoney, type Language } from '../../i18n';
import { Figure } from './ReportFigures';
import { DayError, DayTextField, invalidProps } from './DayError';
import { DIRECTIONS, readCount, summarizeCounts, summarizeOut } from './count';
import type { DayState, DayStore } from './store';

/** A difference with its sign: "+5.00" is more in the drawer than the documents say. */
const signed = (minor: number, lang: Language) => (minor > 0 ? `+${formatMoney(minor, lang)}` : formatMoney(minor, lang));

/**
 * The close: the count by notes and coins (each row count × value, the total live), what goes
 * to the bank, to cash collection and to the safe, and what stays; the reason when the count
 * differs. The live figures add up integers (minor units) of what could be read; the core adds
 * up again when the day is closed.
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
  const money = (minor: number) => formatMoney(minor, lang);
  const counted = summarizeCounts(day.denominations, drafts.counts);
  const out = summarizeOut(drafts.out);
  const differenceMinor = counted.totalMinor - day.expectedMinor;
  const remainsMinor = counted.totalMinor - out.totalMinor;
  const countId = (value: number) => `${idPrefix}-count-${value}`;
  const reasonId = `${idPrefix}-reason`;
  const reasonHintId = `${reasonId}-hint`;

  // Enter in a count goes on to the next count (then to the cash out): counting is a column of numbers.
  const onCountKey = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = day.denominations[index + 1];
    document.getElementById(next === undefined ? `${idPrefix}-out-bank` : countId(next))?.focus();
  };

  return (
    <section className="day-section day-close" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('day.close.title')}</h2>

      <table className="day-table day-count">
        <caption>{t('day.close.count')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('day.close.value')}</th>
            <th scope="col">{t('day.close.countCol')}</th>
            <th scope="col">{t('day.close.sumCol')}</th>
          </tr>
        </thead>
        <tbody>
          {day.denominations.map((value, index) => {
            const text = drafts.counts[value] ?? '';
            const read = readCount(text);
            const error = fieldErrors[`count-${value}`];
            return (
              <tr key={value}>
                <th scope="row" className="amount">
                  {money(value)}
                </th>
                <td>
                  <input
                    id={countId(value)}
                    ref={index === 0 ? firstRef : undefined}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    className="day-count-input"
                    aria-label={t('day.close.countOf', { value: money(value) })}
                    value={text}
                    {...invalidProps(countId(value), error)}
                    onChange={(event) => store.getState().setCount(value, event.currentTarget.value)}
                    onKeyDown={onCountKey(index)}
                  />
                  <DayError controlId={countId(value)} message={error} lang={lang} />
                </td>
                <td className="amount">{'count' in read && text.trim() !== '' ? money(read.count * value) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Figure label={t('day.close.total')} value={money(counted.totalMinor)} className="strong" />
      <DayError controlId={`${idPrefix}-counts`} message={fieldErrors.counts} lang={lang} />

      <fieldset className="day-out">
        <legend>{t('day.close.cashOut')}</legend>
        {DIRECTIONS.map((direction) => {
          const amountId = `${idPrefix}-out-${direction}`;
          const commentId = `${amountId}-comment`;
          const label = t(`day.close.${direction}`);
          const error = fieldErrors[`out-${direction}`];
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
                  value={drafts.out[direction].amount}
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
        <DayError controlId={`${idPrefix}-cashOut`} message={fieldErrors.cashOut} lang={lang} />
      </fieldset>

      <div className="day-figures day-summary">
        <Figure label={t('day.close.expected')} value={money(day.expectedMinor)} />
        <Figure label={t('day.close.counted')} value={money(counted.totalMinor)} />
        <Figure
          label={t('day.close.difference')}
          value={signed(differenceMinor, lang)}
          className={differenceMinor === 0 ? 'strong' : 'strong day-off'}
        />
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
          {t('day.close.reasonHint')}
        </span>
      </DayTextField>

      <button type="button" className="day-close-button" disabled={state.busy} onClick={() => store.getState().askClose()}>
        {t('day.close.submit')}
      </button>
    </section>
  );
}
