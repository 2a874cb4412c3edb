import { useTranslation } from 'react-i18next';
import type { ReceiptView } from '../../../../electron/contract/api';
import type { Language } from '../../i18n';

function formatTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  // Day-month order in both languages (en-GB, et-EE): the till serves European shops.
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'et-EE', { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** The receipt's number, status and time (confirmed, else created), as the core reports them. */
export function HeaderFields({ receipt, lang }: { receipt: ReceiptView | null; lang: Language }) {
  const { t } = useTranslation();
  return (
    <section className="receipt-head" aria-label={t('receipt.title')}>
      <div className="field">
        <label htmlFor="receipt-number">{t('receipt.number')}</label>
        <output id="receipt-number" aria-live="off" className="value">
          {receipt?.number ?? ''}
        </output>
      </div>
      <div className="field">
        <label htmlFor="receipt-status">{t('receipt.status')}</label>
        <output id="receipt-status" aria-live="off" className={`value status status-${receipt?.status ?? 'none'}`}>
          {receipt ? t(`receipt.statusValue.${receipt.status}`) : ''}
        </output>
      </div>
      <div className="field">
        <label htmlFor="receipt-time">{t('receipt.time')}</label>
        <output id="receipt-time" aria-live="off" className="value">
          {formatTime(receipt?.confirmedAt ?? receipt?.createdAt, lang)}
        </output>
      </div>
    </section>
  );
}
