import { useTranslation } from 'react-i18next';
import type { CreditRowView, StockAction, Unit } from '../../../../electron/contract/api';
import { formatQuantity, type Language } from '../../i18n';

/** Under a credit note row's quantity: how much of the sold row may still come back. */
export function LeftToReturn({ id, credit, unit, lang }: { id: string; credit: CreditRowView; unit: Unit; lang: Language }) {
  const { t } = useTranslation();
  return (
    <span id={id} className="row-note left-note">
      {t('credit.left', { quantity: formatQuantity(credit.leftMilli, lang), unit: t(`unit.${unit}`) })}
    </span>
  );
}

const ACTIONS: readonly StockAction[] = ['back', 'write_off'];

/**
 * Where a returned row's goods go: back into the warehouse, or written off as damaged. The row's
 * serial number (which item came back) stays in view under it: it can no longer change.
 */
export function StockActionSelect({
  value,
  serialNo,
  disabled,
  errorId,
  onChange,
}: {
  value: StockAction;
  serialNo: string;
  disabled: boolean;
  errorId: string | false | undefined;
  onChange(action: StockAction): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <select
        className="stock-action"
        aria-label={t('credit.goods')}
        aria-describedby={errorId || undefined}
        value={value}
        disabled={disabled}
        onChange={(event) => {
          const action = ACTIONS.find((a) => a === event.currentTarget.value);
          if (action) onChange(action);
        }}
      >
        {ACTIONS.map((action) => (
          <option key={action} value={action}>
            {t(`credit.stockAction.${action}`)}
          </option>
        ))}
      </select>
      {serialNo ? (
        <span className="row-note serial-note" title={t('row.serialNo')}>
          {serialNo}
        </span>
      ) : null}
    </>
  );
}
