import { useTranslation } from 'react-i18next';
import type { PrinterStatusView } from '../../../electron/contract/api';
import { currentLanguage, statusMessage } from '../i18n';

/** Printer state and the number of confirmed receipts still waiting to print. */
export function PrinterIndicator({ printer }: { printer: PrinterStatusView | null }) {
  const { t, i18n } = useTranslation();
  const state = printer?.state ?? 'unknown';
  return (
    <div role="status" aria-label={t('printer.label')} className={`printer printer-${state}`}>
      <span className="printer-dot" aria-hidden="true" />
      <span className="printer-name">{t('printer.label')}:</span>{' '}
      <span className="printer-state">{printer ? t(`printer.state.${printer.state}`) : t('printer.checking')}</span>
      {printer?.message ? <span className="printer-pending"> · {statusMessage(t, printer.message, currentLanguage(i18n))}</span> : null}
      {printer && printer.pendingJobs > 0 ? (
        <span className="printer-pending"> · {t('printer.pending', { count: printer.pendingJobs })}</span>
      ) : null}
    </div>
  );
}
