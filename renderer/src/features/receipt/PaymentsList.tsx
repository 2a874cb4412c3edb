import { useTranslation } from 'react-i18next';
import type { PaymentView } from '../../../../electron/contract/api';
import { formatMoney, type Language } from '../../i18n';

/** The payments taken so far: method, amount, the card's reference; each removable until confirm. */
export function PaymentsList({
  payments,
  lang,
  removable,
  refund = false,
  onRemove,
}: {
  payments: PaymentView[];
  lang: Language;
  removable: boolean;
  /** A credit note's payments: money paid out (a cancelled card payment stays, it went back on the card). */
  refund?: boolean;
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
              <span className="payment-method">{p.payee ? t('credit.transferLine', { name: p.payee.name }) : t(`payment.method.${p.method}`)}</span>
              <span className="payment-amount amount">{formatMoney(p.amountMinor, lang)}</span>
              {p.reference ? <span className="payment-ref">{p.reference}</span> : null}
              {p.payee ? <span className="payment-ref">{p.payee.iban}</span> : null}
              {removable && !(refund && p.method === 'card') ? (
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
