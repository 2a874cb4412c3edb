import { useTranslation } from 'react-i18next';
import type { ReceiptView, SettingsView } from '../../../../electron/contract/api';
import { formatMoney, type Language } from '../../i18n';
import { PaymentField } from './PaymentField';
import { CreditCards } from './CreditCards';
import { PaymentsList } from './PaymentsList';
import type { PaymentEntry, ReceiptStore } from './store';
import { isCreditNote } from './store-returns';
import { VatLines } from './VatLines';

/**
 * The side panel: Sum (turnover), Rounding, To pay, Due, the amount fields (F4 cash, F6 card,
 * transfer and prepayment behind settings), Money, Change, the payments and the VAT lines.
 * Every amount is the core's ReceiptView, only formatted here. On a credit note the money goes
 * out: To refund, Paid out, the sale's card payments to cancel and the refund by transfer.
 */
export function TotalsPanel({
  store,
  receipt,
  payment,
  cardPending,
  terminalPrompt,
  settings,
  lang,
  onDone,
}: {
  store: ReceiptStore;
  receipt: ReceiptView | null;
  payment: PaymentEntry | null;
  cardPending: boolean;
  terminalPrompt: { key: string; text: string } | null;
  settings: Pick<SettingsView, 'transferEnabled' | 'prepaymentEnabled'>;
  lang: Language;
  /** Back to the Article field, once a payment is taken or cancelled. */
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const money = (minor: number | undefined) => (minor === undefined ? '' : formatMoney(minor, lang));
  const open = receipt !== null && receipt.status !== 'confirmed';
  // A credit note pays money out: its amounts read as what goes to the customer, positive.
  const credit = isCreditNote(receipt) ? receipt : null;
  const refund = receipt !== null && (credit !== null || receipt.payableMinor < 0);
  const out = (minor: number | undefined) => money(minor === undefined ? undefined : Math.abs(minor));

  const extra = credit
    ? []
    : (['transfer', 'prepayment'] as const).filter((m) => (m === 'transfer' ? settings.transferEnabled : settings.prepaymentEnabled));

  return (
    <aside className={refund ? 'totals refund' : 'totals'} aria-label={t('receipt.totals')}>
      <AmountOutput id="receipt-sum" className="field total" label={t('receipt.sum')} value={money(receipt?.totalMinor)} />
      {receipt && receipt.roundingMinor !== 0 ? (
        <AmountOutput id="receipt-rounding" className="field rounding" label={t('receipt.rounding')} value={money(receipt.roundingMinor)} />
      ) : null}
      {refund ? (
        <>
          <AmountOutput id="receipt-payable" className="field payable" label={t('credit.toRefund')} value={out(receipt.payableMinor)} />
          <AmountOutput id="receipt-due" className="field due" label={t('credit.leftToRefund')} value={out(receipt.dueMinor)} />
        </>
      ) : (
        <>
          <AmountOutput id="receipt-payable" className="field payable" label={t('receipt.toPay')} value={money(receipt?.payableMinor)} />
          <AmountOutput id="receipt-due" className="field due" label={t('receipt.due')} value={money(receipt?.dueMinor)} />
        </>
      )}

      <PaymentField method="cash" shortcut="F4" entry={payment} lang={lang} store={store} onDone={onDone} />
      {credit ? (
        <>
          {/* Nothing is handed back on a refund: Change gives its line to the card refund. */}
          <AmountOutput id="receipt-money" className="field" label={t('credit.paidOut')} value={out(credit.moneyMinor)} />
          <CreditCards
            cards={credit.credit?.cards ?? []}
            open={open}
            busy={cardPending}
            lang={lang}
            refundMinor={credit.credit?.cardRefundMinor ?? 0}
            onCancel={(paymentId) => void store.getState().cancelCard(paymentId).then(onDone)}
            onRefund={(paymentId) => void store.getState().refundToCard(paymentId).then(onDone)}
          />
        </>
      ) : (
        <>
          <AmountOutput id="receipt-money" className="field" label={t('receipt.money')} value={money(receipt?.moneyMinor)} />
          <AmountOutput id="receipt-change" className="field change" label={t('receipt.change')} value={money(receipt?.changeMinor)} />
          <PaymentField method="card" shortcut="F6" entry={payment} lang={lang} store={store} onDone={onDone} />
        </>
      )}
      {cardPending ? (
        <p role="status" className="card-waiting">
          {terminalPrompt
            ? t(`payment.prompt.${terminalPrompt.key}`, { defaultValue: terminalPrompt.text })
            : t('payment.waitingCard')}
        </p>
      ) : null}
      {credit && open ? (
        <div className="pay-buttons">
          <button type="button" onClick={() => store.getState().showTransferRefund()}>
            {t('credit.refundTransfer')}
          </button>
        </div>
      ) : null}
      {extra.length > 0 ? (
        <div className="pay-buttons">
          {extra.map((method) => (
            <button key={method} type="button" disabled={!open} onClick={() => store.getState().startPayment(method)}>
              {t(`payment.method.${method}`)}
            </button>
          ))}
        </div>
      ) : null}
      {extra
        .filter((method) => payment?.method === method)
        .map((method) => (
          <PaymentField key={method} method={method} entry={payment} lang={lang} store={store} onDone={onDone} />
        ))}

      <PaymentsList
        payments={receipt?.payments ?? []}
        lang={lang}
        removable={open}
        refund={credit !== null}
        onRemove={(id) => void store.getState().removePayment(id)}
      />
      <VatLines receipt={receipt} lang={lang} />
    </aside>
  );
}

/** A read-only amount with its label: Sum, Rounding, To pay, Due, Money, Change. */
function AmountOutput({ id, className, label, value }: { id: string; className: string; label: string; value: string }) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <output id={id} aria-live="off" className="value amount">
        {value}
      </output>
    </div>
  );
}
