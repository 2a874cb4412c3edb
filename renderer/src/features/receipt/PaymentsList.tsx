import { useTranslation } from 'react-i18next';
import type { PaymentView } from '../../../../electron/contract/api';
import { formatMoney, type Language } from '../../i18n';

/** The payments taken so far: method, amount, the card's reference; each removable until confirm. */
export function PaymentsList({
  payments,
  lang,
  removable,
  onRemove,
}: {
  payments: PaymentView[];
  lang: Language;
  removable: boolean;
  onRemove: (paymentId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="payments" aria-label={t('payment.list')}>
      <h2>{t('payment.list')}</h2>
      {payments.length === 0 ? (
        <p className="muted">{t('payment.none')}</p>
      ) : (
        <ol>
          {payments.map((p, i) => (
            <li key={p.id}>
              <span className="payment-method">{t(`payment.method.${p.method}`)}</span>
              <span className="payment-amount amount">{formatMoney(p.amountMinor, lang)}</span>
              {p.reference ? <span className="payment-ref">{p.reference}</span> : null}
              {removable ? (
                <button type="button" className="delete" aria-label={t('payment.remove', { n: i + 1 })} onClick={() => onRemove(p.id)}>
                  ✕
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
