import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceLogEntry } from '../../../../electron/contract/api';
import { call } from '../../lib/pos-client';

const formatTime = (iso: string, lang: string, timeZone: string | undefined) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(lang === 'et' ? 'et-EE' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(date);
};

/** The last device events (reprints, drawer opens with their reason, faults), newest first. */
export function DeviceLog() {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<DeviceLogEntry[] | null>(null);
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    // Times in the shop's time zone, as on the receipt screen and the paper.
    call('app.info', {}).then(
      (info) => live && setTimeZone(info.timeZone),
      () => undefined,
    );
    call('devices.log', { limit: 20 }).then(
      (list) => live && setEntries(list),
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="device-log" aria-label={t('settings.deviceLog.title')}>
      <h2>{t('settings.deviceLog.title')}</h2>
      {entries === null ? null : entries.length === 0 ? (
        <p className="settings-hint">{t('settings.deviceLog.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('settings.deviceLog.time')}</th>
              <th scope="col">{t('settings.deviceLog.device')}</th>
              <th scope="col">{t('settings.deviceLog.event')}</th>
              <th scope="col">{t('settings.deviceLog.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{formatTime(e.at, i18n.language, timeZone)}</td>
                <td>{e.device}</td>
                <td>{e.event}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
