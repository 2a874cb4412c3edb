import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readMoneyInput } from '../../../../electron/contract/codecs';
import { MAX_AMOUNT_MINOR } from '../../../../electron/contract/views';
import { Dialog } from '../../components/Dialog';
import { errorKey, formatDetails, formatMoneyInput, type Language } from '../../i18n';
import type { ApiError } from '../../lib/pos-client';
import type { TransferRefund } from './store-types';

type Field = 'amount' | 'name' | 'iban' | 'comment';

/** The core names the refused input (details.field) by its input's name. */
const FIELD_OF: Record<string, Field> = { amountMinor: 'amount', payeeName: 'name', iban: 'iban', comment: 'comment' };

/** What is wrong with one field: a translation key and its values. */
type Problem = { key: string; values?: Record<string, string> };

/**
 * A credit note's refund by bank transfer: the amount (what is owed, exactly), who gets it, their
 * IBAN and the payment's comment. What the core refuses is shown beside the field it is about.
 */
export function TransferRefundDialog({
  owedMinor,
  payeeName,
  comment,
  lang,
  onRefund,
  onClose,
}: {
  /** What the credit note still owes (positive). */
  owedMinor: number;
  payeeName: string;
  comment: string;
  lang: Language;
  /** Resolves null once booked (the dialog is closed then), else the core's refusal. */
  onRefund(refund: TransferRefund): Promise<ApiError | null>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<Partial<Record<Field, Problem>>>({});
  const [general, setGeneral] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const value = (field: Field) => (formRef.current?.elements.namedItem(field) as HTMLInputElement | null)?.value.trim() ?? '';
  const focusField = (field: Field) => (formRef.current?.elements.namedItem(field) as HTMLInputElement | null)?.focus();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, Problem>> = {};
    const amount = readMoneyInput(value('amount'), MAX_AMOUNT_MINOR);
    if ('problem' in amount || amount.value <= 0) found.amount = { key: 'errors.amount.invalid' };
    for (const field of ['name', 'iban', 'comment'] as const) if (value(field) === '') found[field] = { key: 'credit.transfer.required' };
    setGeneral(null);
    setProblems(found);
    const first = (['amount', 'name', 'iban', 'comment'] as const).find((f) => found[f]);
    if (first || !('value' in amount)) {
      if (first) focusField(first);
      return;
    }
    setBusy(true);
    const refused = await onRefund({ amountMinor: amount.value, payeeName: value('name'), iban: value('iban'), comment: value('comment') });
    setBusy(false);
    if (!refused) return;
    const problem = { key: errorKey(refused.code, refused.details), values: formatDetails(refused.details, lang) };
    const field = typeof refused.details.field === 'string' ? FIELD_OF[refused.details.field] : undefined;
    if (field) {
      setProblems({ [field]: problem });
      focusField(field);
    } else setGeneral(problem);
  };

  const input = (field: Field, initial: string, extra: { inputMode?: 'decimal'; maxLength: number; className?: string }) => {
    const problem = problems[field];
    const errorId = `${id}-${field}-error`;
    const inputId = `${id}-${field}`;
    // The error sits beside the field, outside its label: the field's name stays its label.
    return (
      <div className="dialog-field">
        <label htmlFor={inputId}>{t(`credit.transfer.${field}`)}</label>
        <input
          id={inputId}
          ref={field === 'amount' ? amountRef : undefined}
          name={field}
          type="text"
          autoComplete="off"
          spellCheck={false}
          defaultValue={initial}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          onInput={() => problem && setProblems((p) => ({ ...p, [field]: undefined }))}
          {...extra}
        />
        {problem ? (
          <span id={errorId} role="alert" className="field-error">
            {t(problem.key, { ...problem.values, defaultValue: t('errors.internal') })}
          </span>
        ) : null}
      </div>
    );
  };

  return (
    <Dialog title={t('credit.transfer.title')} onClose={onClose} className="transfer-dialog" initialFocus={amountRef}>
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate className="transfer-form">
        {input('amount', formatMoneyInput(owedMinor, lang), { inputMode: 'decimal', maxLength: 16, className: 'amount' })}
        {input('name', payeeName, { maxLength: 80 })}
        {input('iban', '', { maxLength: 42, className: 'amount' })}
        {input('comment', comment, { maxLength: 200 })}
        {general ? (
          <p role="alert" className="field-error">
            {t(general.key, { ...general.values, defaultValue: t('errors.internal') })}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="submit" className="dialog-button dialog-button-primary" disabled={busy}>
            {t('credit.transfer.submit')}
          </button>
          <button type="button" className="dialog-button" onClick={onClose}>
            {t('credit.transfer.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
