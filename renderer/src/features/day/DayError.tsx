import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDetails, type Language } from '../../i18n';
import type { DayMessage } from './store';

/** The id of a field's error, for the field's aria-describedby. */
export const errorIdOf = (controlId: string) => `${controlId}-error`;

/** Attributes of a field with an error: marked invalid and described by it (beside any hint). */
export function invalidProps(controlId: string, message: DayMessage | undefined, hintId?: string) {
  const describedBy = [message ? errorIdOf(controlId) : '', hintId ?? ''].filter(Boolean).join(' ');
  return {
    ...(message ? { 'aria-invalid': true as const } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
}

/**
 * What is wrong with one field, right beside it. A fresh alert per message (keyed by id), so the
 * same mistake made twice is announced twice.
 */
export function DayError({ controlId, message, lang }: { controlId: string; message: DayMessage | undefined; lang: Language }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <span key={message.id} id={errorIdOf(controlId)} role="alert" className="day-error">
      {t(message.key, formatDetails(message.details, lang))}
    </span>
  );
}

/** A labelled text field of the day screen with its error beside it (money: `amount`). */
export function DayTextField({
  id,
  label,
  value,
  onChange,
  error,
  lang,
  amount = false,
  maxLength,
  hintId,
  inputRef,
  className = 'day-field',
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error: DayMessage | undefined;
  lang: Language;
  amount?: boolean;
  maxLength?: number;
  hintId?: string;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  /** Shown after the error (a hint). */
  children?: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="text"
        autoComplete="off"
        {...(amount ? { inputMode: 'decimal' as const, className: 'amount' } : {})}
        {...(maxLength !== undefined ? { maxLength } : {})}
        value={value}
        {...invalidProps(id, error, hintId)}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      <DayError controlId={id} message={error} lang={lang} />
      {children}
    </div>
  );
}
