import { useTranslation } from 'react-i18next';
import type { ReceiptView } from '../../../../electron/contract/api';
import { formatMoney, formatRate, type Language } from '../../i18n';

/** VAT per rate, as the core extracted it from the gross sums. */
export function VatLines({ receipt, lang }: { receipt: ReceiptView | null; lang: Language }) {
  const { t } = useTranslation();
  const lines = receipt?.vat ?? [];
  return (
    <section className="vat" aria-label={t('receipt.vat')}>
      <h2>{t('receipt.vat')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('receipt.noVat')}</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line.rateBp}>
              <span className="vat-rate">{t('receipt.vatRate', { rate: formatRate(line.rateBp, lang) })}</span>
              <span className="vat-amounts">
                {t('receipt.vatLine', { net: formatMoney(line.netMinor, lang), vat: formatMoney(line.vatMinor, lang) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
