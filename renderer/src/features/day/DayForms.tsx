import { useId, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import { DayError, invalidProps } from './DayError';
import type { CashKind, DayState, DayStore } from './store';

type Props = { store: DayStore; state: DayState; lang: Language; idPrefix: string };

const submit = (action: () => unknown) => (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  void action();
};

/** No day open: the float typed as a total; Enter opens the day. */
export function OpenForm({ store, state, lang, idPrefix, firstRef }: Props & { firstRef: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const titleId = useId();
  const floatId = `${idPrefix}-float`;
  const error = state.fieldErrors.float;
  return (
    <section className="day-section day-open" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('day.open.title')}</h2>
      <p className="day-hint">{t('day.notOpen')}</p>
      <form className="day-form" onSubmit={submit(() => store.getState().open())}>
        <div className="day-field">
          <label htmlFor={floatId}>{t('day.open.float')}</label>
          <input
            id={floatId}
            ref={firstRef}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="amount"
            value={state.drafts.float}
            {...invalidProps(floatId, error)}
            onChange={(event) => store.getState().setDrafts({ float: event.currentTarget.value })}
          />
          <DayError controlId={floatId} message={error} lang={lang} />
        </div>
        <button type="submit" disabled={state.busy}>
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
        <div className="day-field">
          <label htmlFor={amountId}>{t('day.cash.amount')}</label>
          <input
            id={amountId}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="amount"
            value={drafts.cashAmount}
            {...invalidProps(amountId, fieldErrors.cashAmount)}
            onChange={(event) => store.getState().setDrafts({ cashAmount: event.currentTarget.value })}
          />
          <DayError controlId={amountId} message={fieldErrors.cashAmount} lang={lang} />
        </div>
        <div className="day-field">
          <label htmlFor={reasonId}>{t('day.cash.reason')}</label>
          <input
            id={reasonId}
            type="text"
            autoComplete="off"
            maxLength={120}
            value={drafts.cashReason}
            {...invalidProps(reasonId, fieldErrors.cashReason)}
            onChange={(event) => store.getState().setDrafts({ cashReason: event.currentTarget.value })}
          />
          <DayError controlId={reasonId} message={fieldErrors.cashReason} lang={lang} />
        </div>
        <button type="submit" disabled={state.busy}>
          {t('day.cash.submit')}
        </button>
      </form>
    </section>
  );
}
