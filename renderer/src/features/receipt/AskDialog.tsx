import { useTranslation } from 'react-i18next';
import { ChoiceDialog } from '../../components/ChoiceDialog';
import { formatDetails, type Language } from '../../i18n';
import type { Ask } from './store';

/**
 * "Are you sure?": what the till asks before it takes something a tired cashier may have
 * mistyped, or before it removes a row. Escape is always "no".
 */
export function AskDialog({ ask, lang, onAnswer }: { ask: Ask; lang: Language; onAnswer(yes: boolean): void }) {
  const { t } = useTranslation();
  // The first answer has the focus, so Enter takes it: "yes" where the cashier asked for it
  // (confirm, remove), "no" where the question is about a likely slip (quantity, cash).
  const choose = (yes: string, no: string, first: 'yes' | 'no' = 'yes') =>
    first === 'yes'
      ? [
          { id: 'yes', label: yes },
          { id: 'no', label: no },
        ]
      : [
          { id: 'no', label: no },
          { id: 'yes', label: yes },
        ];
  const props = { onChoose: (id: string) => onAnswer(id === 'yes'), onCancel: () => onAnswer(false) };

  switch (ask.what) {
    case 'confirm': {
      const message = [
        ask.warnings.includes('zero_price') && ask.lines ? t('receipt.ask.confirm.zeroPrice', { lines: ask.lines }) : '',
        ask.warnings.includes('zero_total') ? t('receipt.ask.confirm.zeroTotal') : '',
      ]
        .filter(Boolean)
        .join(' ');
      return (
        <ChoiceDialog
          title={t('receipt.ask.confirm.title')}
          message={message}
          choices={choose(t('receipt.ask.confirm.yes'), t('receipt.ask.confirm.no'))}
          {...props}
        />
      );
    }
    case 'quantity': {
      const values = formatDetails(ask.details, lang);
      const unit = t(`unit.${String(ask.details.unit ?? 'pcs')}`);
      return (
        <ChoiceDialog
          title={t('receipt.ask.title')}
          message={t(ask.details.reason === 'stock' ? 'receipt.ask.quantity.stock' : 'receipt.ask.quantity.limit', { ...values, unit })}
          choices={choose(t('receipt.ask.quantity.yes'), t('receipt.ask.quantity.no'), 'no')}
          {...props}
        />
      );
    }
    case 'cash':
      return (
        <ChoiceDialog
          title={t('receipt.ask.title')}
          message={t('receipt.ask.cash.message', formatDetails(ask.details, lang))}
          choices={choose(t('receipt.ask.cash.yes'), t('receipt.ask.cash.no'), 'no')}
          {...props}
        />
      );
    case 'removeRow':
      return (
        <ChoiceDialog
          title={t('receipt.ask.removeRow.title', { n: ask.lineNo })}
          message={t('receipt.ask.removeRow.message', { name: ask.name })}
          choices={choose(t('receipt.ask.removeRow.yes'), t('receipt.ask.removeRow.no'))}
          {...props}
        />
      );
  }
}
