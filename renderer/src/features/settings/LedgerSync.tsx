import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { LedgerStatusView } from '../../../../electron/contract/api';
import { currentLanguage, errorKey } from '../../i18n';
import { ApiError, call } from '../../lib/pos-client';
import { formatTime } from '../receipt/format';

interface SyncState {
  status: LedgerStatusView | null;
  /** A message key when the status could not be read. */
  error: string | null;
  load(): Promise<void>;
  syncNow(retry?: string[]): Promise<void>;
}

const createSyncStore = () =>
  createStore<SyncState>()((set) => {
    const run = async (work: () => Promise<LedgerStatusView>) => {
      try {
        set({ status: await work(), error: null });
      } catch (error) {
        const api = error instanceof ApiError ? error : new ApiError('internal', String(error));
        set({ error: errorKey(api.code, api.details) });
      }
    };
    return {
      status: null,
      error: null,
      load: () => run(() => call('ledger.status', {})),
      syncNow: (retry = []) => run(() => call('ledger.syncNow', { retry })),
    };
  });

/**
 * The accounting ledger on the settings screen: which one, what waits (and since when), the last
 * success, what was set aside and why — with "Sync now" and "Try again". Read again every few
 * seconds while the screen is open.
 */
export function LedgerSync({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const titleId = useId();
  const [store] = useState(createSyncStore);
  const { status, error } = useStore(store);

  useEffect(() => {
    void store.getState().load();
    const timer = setInterval(() => void store.getState().load(), 3000);
    return () => clearInterval(timer);
  }, [store]);

  const when = (at: string | null) => (at ? formatTime(at, lang, undefined) : t('ledger.never'));
  return (
    <fieldset aria-labelledby={titleId}>
      <legend id={titleId}>{t('ledger.title')}</legend>
      {children}
      {error ? <p role="alert">{t(error)}</p> : null}
      {status ? (
        <dl className="ledger-status">
          <dt>{t('ledger.connector')}</dt>
          <dd>{status.connector ?? t('ledger.none')}</dd>
          <dt>{t('ledger.pending')}</dt>
          <dd>{t('ledger.pendingCount', { count: status.pending + status.inDoubt, inDoubt: status.inDoubt })}</dd>
          <dt>{t('ledger.oldest')}</dt>
          <dd>{when(status.oldestPendingAt)}</dd>
          <dt>{t('ledger.lastSuccess')}</dt>
          <dd>{when(status.lastSuccessAt)}</dd>
          {status.lastError ? (
            <>
              <dt>{t('ledger.lastError')}</dt>
              <dd>{status.lastError}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <div className="setting">
        <span />
        <button type="button" onClick={() => void store.getState().syncNow()}>
          {t('ledger.syncNow')}
        </button>
      </div>
      {status && status.parked.length > 0 ? (
        <table className="ledger-parked">
          <caption>{t('ledger.parked', { count: status.parked.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ledger.document')}</th>
              <th scope="col">{t('ledger.reason')}</th>
              <th scope="col">
                <span className="sr-only">{t('ledger.retry')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {status.parked.map((p) => (
              <tr key={p.entryId}>
                <th scope="row">{`${t(`ledger.type.${p.type}`, { defaultValue: p.type })} ${p.number}`}</th>
                <td>{p.error}</td>
                <td>
                  <button type="button" onClick={() => void store.getState().syncNow([p.entryId])}>
                    {t('ledger.retryOne', { number: p.number })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </fieldset>
  );
}
