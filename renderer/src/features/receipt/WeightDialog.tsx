import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readQuantityInput } from '../../../../electron/contract/codecs';
import { MAX_QUANTITY_MILLI } from '../../../../electron/contract/views';
import { currentLanguage, formatQuantity } from '../../i18n';
import { Dialog } from '../../components/Dialog';

/**
 * A weighed article entered without a scale label: the cashier weighs it and types the weight
 * (kg, the screen's decimal separator or a dot). Nothing is sold until a weight is given.
 */
export function WeightDialog({ name, onWeight, onCancel }: { name: string; onWeight(quantityMilli: number): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const errorId = useId();
  // What is wrong with the weight typed, or null while nothing is.
  const [invalid, setInvalid] = useState<'format' | 'too_large' | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = readQuantityInput(inputRef.current?.value ?? '', MAX_QUANTITY_MILLI);
    if ('problem' in typed || typed.value <= 0) {
      setInvalid('problem' in typed ? typed.problem : 'format');
      inputRef.current?.focus();
      return;
    }
    onWeight(typed.value);
  };

  return (
    <Dialog title={t('receipt.weight.title', { name })} onClose={onCancel} initialFocus={inputRef}>
      <form onSubmit={submit} noValidate>
        <label className="dialog-field">
          {t('receipt.weight.label')}
          <input
            ref={inputRef}
            inputMode="decimal"
            autoComplete="off"
            aria-invalid={invalid !== null || undefined}
            aria-describedby={invalid !== null ? `${errorId} ${hintId}` : hintId}
            onInput={() => setInvalid(null)}
          />
        </label>
        <p id={hintId} className="dialog-hint">
          {t('receipt.weight.hint')}
        </p>
        {invalid ? (
          <p id={errorId} role="alert" className="field-error">
            {invalid === 'too_large'
              ? t('receipt.weight.tooLarge', { max: formatQuantity(MAX_QUANTITY_MILLI, currentLanguage(i18n)) })
              : t('receipt.weight.invalid')}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="submit">{t('receipt.weight.add')}</button>
          <button type="button" onClick={onCancel}>
            {t('receipt.weight.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
