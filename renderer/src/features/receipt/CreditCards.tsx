import { useTranslation } from 'react-i18next';
import type { OriginalCardView } from '../../../../electron/contract/api';
import { formatMoney, type Language } from '../../i18n';

/**
 * A credit note's card refund: the sale's card payments, each with the button that cancels it on
 * the terminal (F6 takes the first one that can be cancelled). A card payment the terminal may not
 * cancel says why, so the cashier refunds in cash or by transfer instead.
 */
export function CreditCards({
  cards,
  open,
  busy,
  lang,
  refundMinor,
  onCancel,
  onRefund,
}: {
  cards: OriginalCardView[];
  /** The credit note is still a draft (a confirmed one shows its payments only). */
  open: boolean;
  /** A card cancellation is with the terminal now. */
  busy: boolean;
  lang: Language;
  /** The card part of what the credit note still owes: a refund to the card takes at most this. */
  refundMinor: number;
  onCancel(paymentId: string): void;
  onRefund(paymentId: string): void;
}) {
  const { t } = useTranslation();
  if (cards.length === 0) return null;
  const first = cards.find((c) => c.refusal === null)?.paymentId;
  // F6 refunds to the card when no card payment can be cancelled.
  const firstRefund = first || refundMinor <= 0 ? undefined : cards.find((c) => c.refusal !== null && c.refusal !== 'cancelled')?.paymentId;
  return (
    <section className="credit-cards" aria-label={t('credit.cards')}>
      {cards.map((card) => {
        const reasonId = `credit-card-${card.paymentId}-reason`;
        return (
          <div key={card.paymentId} className="credit-card">
            <span className="credit-card-amount amount">{t('credit.cardLine', { amount: formatMoney(-card.amountMinor, lang) })}</span>
            {card.reference ? <span className="payment-ref">{card.reference}</span> : null}
            <button
              type="button"
              disabled={!open || busy || card.refusal !== null}
              aria-describedby={card.refusal ? reasonId : undefined}
              onClick={() => onCancel(card.paymentId)}
            >
              {t('credit.cancelCard')}
              {card.paymentId === first ? <kbd aria-hidden="true">F6</kbd> : null}
            </button>
            {card.refusal ? (
              <span id={reasonId} className="credit-card-refusal">
                {t(`credit.refusal.${card.refusal}`)}
              </span>
            ) : null}
            {card.refusal !== null && card.refusal !== 'cancelled' && refundMinor > 0 ? (
              <button type="button" disabled={!open || busy} onClick={() => onRefund(card.paymentId)}>
                {t('credit.refundCard', { amount: formatMoney(Math.min(card.amountMinor, refundMinor), lang) })}
                {card.paymentId === firstRefund ? <kbd aria-hidden="true">F6</kbd> : null}
              </button>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
