import { useId, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, type Language } from '../../i18n';
import { CountTable } from './CountTable';
import { DayTextField } from './DayError';
import { summarizeCounts } from './count';
import { Figure } from './ReportFigures';
import type { CashKind, DayState, DayStore } from './store';

type Props = { store: DayStore; state: DayState; lang: Language; idPrefix: string };

const submit = (action: () => unknown) => (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  void action();
};

/**
 * No day open: the float counted note by note (where this till counts so) or typed as a total;
 * Enter in the total, or on the button after the last count, opens the day.
 */
export function OpenForm({ store, state, lang, idPrefix, firstRef }: Props & { firstRef: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const titleId = useId();
  const floatId = `${idPrefix}-float`;
  const submitId = `${idPrefix}-open`;
  const denominations = state.setup?.denominations ?? [];
  const counted = summarizeCounts(denominations, state.drafts.floatCounts);
  return (
    <section className="day-section day-open" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('day.open.title')}</h2>
      <p className="day-hint">{t('day.notOpen')}</p>
      <form className="day-form" onSubmit={submit(() => store.getState().open())}>
        {denominations.length > 0 ? (
          <>
            <CountTable
              caption={t('day.open.count')}
              denominations={denominations}
              texts={state.drafts.floatCounts}
              errors={(value) => state.fieldErrors[`float-${value}`]}
              idOf={(value) => `${idPrefix}-float-${value}`}
              afterId={submitId}
              firstRef={firstRef}
              lang={lang}
              onChange={(value, text) => store.getState().setFloatCount(value, text)}
            />
            <Figure label={t('day.open.float')} value={formatMoney(counted.totalMinor, lang)} className="strong" />
            <p className="day-hint">{t('day.open.countHint')}</p>
          </>
        ) : (
          <DayTextField
            id={floatId}
            inputRef={firstRef}
            label={t('day.open.float')}
            amount
            value={state.drafts.float}
            error={state.fieldErrors.float}
            lang={lang}
            onChange={(float) => store.getState().setDrafts({ float })}
          />
        )}
        <button id={submitId} type="submit" disabled={state.busy}>
          {t('day.open.submit')}
        </button>
      </form>
    </section>
  );
}

/** Cash put in or taken out during the day, with its explanation; Enter books it. */
export function CashForm({ store, state, lang, idPrefix }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const kindId = `${idPrefix}-cashKind`;
  const amountId = `${idPrefix}-cashAmount`;
  const reasonId = `${idPrefix}-cashReason`;
  const { drafts, fieldErrors } = state;
  return (
    <section className="day-section day-cash" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('day.cash.title')}</h2>
      <form className="day-form" onSubmit={submit(() => store.getState().cash())}>
        <div className="day-field">
          <label htmlFor={kindId}>{t('day.cash.kind')}</label>
          <select
            id={kindId}
            value={drafts.cashKind}
            onChange={(event) => store.getState().setDrafts({ cashKind: event.currentTarget.value as CashKind })}
          >
            <option value="cash_in">{t('day.cash.cash_in')}</option>
            <option value="cash_out">{t('day.cash.cash_out')}</option>
          </select>
        </div>
        <DayTextField
          id={amountId}
          label={t('day.cash.amount')}
          amount
          value={drafts.cashAmount}
          error={fieldErrors.cashAmount}
          lang={lang}
          onChange={(cashAmount) => store.getState().setDrafts({ cashAmount })}
        />
        <DayTextField
          id={reasonId}
          label={t('day.cash.reason')}
          maxLength={120}
          value={drafts.cashReason}
          error={fieldErrors.cashReason}
          lang={lang}
          onChange={(cashReason) => store.getState().setDrafts({ cashReason })}
        />
        <button type="submit" disabled={state.busy}>
          {t('day.cash.submit')}
        </button>
      </form>
    </section>
  );
}
