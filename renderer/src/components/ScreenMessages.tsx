import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDetails, type Language } from '../i18n';

/**
 * A screen's message line under its top bar: what is going on (a status read out politely) and an
 * error about no one field (an alert) — in view however far down the cursor is.
 */
export function ScreenMessages({
  status,
  error,
  lang,
  className,
}: {
  status: ReactNode;
  error: { key: string; details: Record<string, string | number> } | null;
  lang: Language;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={className ? `screen-messages ${className}` : 'screen-messages'}>
      <p role="status" className="screen-status">
        {status}
      </p>
      {error ? (
        <p role="alert" className="screen-alert">
          {t(error.key, formatDetails(error.details, lang))}
        </p>
      ) : null}
    </div>
  );
}
