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
  /** Saves the ledger's API key; true when the core took it. */
  setSecret(secret: string): Promise<boolean>;
  /** The ledger's answer to "are you there?", once asked. */
  health: { ok: boolean; detail: string } | null;
  check(): Promise<void>;
}

const createSyncStore = () =>
  createStore<SyncState>()((set) => {
    const check = async () => {
      set({ health: null });
      try {
        set({ health: await call('ledger.check', {}), error: null });
      } catch (error) {
        const api = error instanceof ApiError ? error : new ApiError('internal', String(error));
        set({ error: errorKey(api.code, api.details) });
      }
    };
    const run = async (work: () => Promise<LedgerStatusView>) => {
      try {
        set({ status: await work(), error: null });
        return true;
      } catch (error) {
        const api = error instanceof ApiError ? error : new ApiError('internal', String(error));
        set({ error: errorKey(api.code, api.details) });
        return false;
      }
    };
    return {
      status: null,
      error: null,
      health: null,
      check,
      load: async () => void (await run(() => call('ledger.status', {}))),
      syncNow: async (retry = []) => void (await run(() => call('ledger.syncNow', { retry }))),
      setSecret: (secret) => run(() => call('ledger.setSecret', { secret })),
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
  const { status, error, health } = useStore(store);

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
      {status?.needsSecret ? <SecretField secretSet={status.secretSet} save={(secret) => store.getState().setSecret(secret)} /> : null}
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
        <span>
          <button type="button" onClick={() => void store.getState().syncNow()}>
            {t('ledger.syncNow')}
          </button>{' '}
          <button type="button" disabled={!status?.connector} onClick={() => void store.getState().check()}>
            {t('ledger.check')}
          </button>
        </span>
      </div>
      {health ? (
        <p role="status" className={health.ok ? 'ledger-health-ok' : 'ledger-health-bad'}>
          {t(health.ok ? 'ledger.reachable' : 'ledger.unreachable', { detail: health.detail })}
        </p>
      ) : null}
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

/**
 * The ledger's API key: typed, saved, never shown again — the field is empty after saving and
 * the core never sends the key back; the line under it says whether one is set.
 */
function SecretField({ secretSet, save }: { secretSet: boolean; save(secret: string): Promise<boolean> }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = async () => {
    if (await save(draft)) {
      setDraft('');
      setSaved(true);
    }
  };
  return (
    <div className="setting">
      <label htmlFor={id}>{t('ledger.secret')}</label>
      <span>
        <input
          id={id}
          type="password"
          autoComplete="off"
          value={draft}
          aria-describedby={`${id}-state`}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            setSaved(false);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void submit();
          }}
        />
        <button type="button" onClick={() => void submit()}>
          {t('ledger.secretSave')}
        </button>
        <span id={`${id}-state`} role="status">
          {saved ? t('ledger.secretSaved') : secretSet ? t('ledger.secretSet') : t('ledger.secretMissing')}
        </span>
      </span>
    </div>
  );
}
