import { useTranslation } from 'react-i18next';
import { errorKey, formatDetails, type Language } from '../../i18n';

/**
 * The foot of a search dialog: what the search found (a live status), why it failed, the keys
 * that work (the field's description) and Close.
 */
export function SearchFooter({
  status,
  error,
  hintId,
  hint,
  lang,
  onClose,
}: {
  status: string;
  error: { code: Parameters<typeof errorKey>[0]; details?: Record<string, string | number> | undefined } | null;
  hintId: string;
  hint: string;
  lang: Language;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" className="search-status">
        {status}
      </p>
      {error ? (
        <p role="alert" className="search-error">
          {t(errorKey(error.code, error.details), formatDetails(error.details, lang))}
        </p>
      ) : null}
      <div className="search-footer">
        <p id={hintId} className="search-hint">
          {hint}
        </p>
        <button type="button" className="dialog-button" onClick={onClose}>
          {t('dialog.close')}
        </button>
      </div>
    </>
  );
}
