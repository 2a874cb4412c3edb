import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrphanedApproval } from '../../../electron/contract/api';
import { ApiError, call } from '../lib/pos-client';
import { currentLanguage, errorKey, formatDetails, formatMoney } from '../i18n';
import { ChoiceDialog } from './ChoiceDialog';

/**
 * Card approvals no sale took (found when the till asked the terminal after a fault): the
 * customer was charged, so each one is offered for reversal, one keypress each.
 */
export function OrphanApprovals() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const [orphans, setOrphans] = useState<OrphanedApproval[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = async () => {
    setError(null);
    setOrphans(await call('terminal.orphans', {}));
  };

  const reverse = async (requestId: string) => {
    try {
      const left = await call('terminal.reverseOrphan', { requestId });
      setOrphans(left.length > 0 ? left : null);
    } catch (e) {
      const api = e instanceof ApiError ? e : new ApiError('internal', String(e));
      setError(t(errorKey(api.code, api.details), formatDetails(api.details, lang)));
      setOrphans(null);
    }
  };

  return (
    <>
      <button type="button" className="topbar-button" onClick={() => void show()}>
        {t('devices.orphans.button')}
      </button>
      {error ? (
        <span role="alert" className="device-message">
          {' '}
          {error}
        </span>
      ) : null}
      {orphans && orphans.length > 0 ? (
        <ChoiceDialog
          title={t('devices.orphans.title')}
          message={t('devices.orphans.message')}
          choices={orphans.map((o) => ({
            id: o.requestId,
            label: t('devices.orphans.reverse', { amount: formatMoney(o.amountMinor, lang) }),
            ...(o.reference ? { hint: o.reference } : {}),
          }))}
          onChoose={(id) => void reverse(id)}
          onCancel={() => setOrphans(null)}
        />
      ) : null}
    </>
  );
}
