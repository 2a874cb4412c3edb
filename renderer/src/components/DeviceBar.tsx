import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, DevicesView, PrinterStatusView } from '../../../electron/contract/api';
import { call, subscribe } from '../lib/pos-client';
import { currentLanguage, statusMessage } from '../i18n';
import { PrinterIndicator } from './PrinterIndicator';
import { OrphanApprovals } from './OrphanApprovals';

const OTHERS = ['fiscal', 'terminal', 'scanner', 'ledger'] as const;

/**
 * The devices in the top bar: the receipt printer always, the fiscal printer, card terminal,
 * scanner and accounting ledger when the till has them (the ledger warns while documents are set aside). Follows the core's `devices.changed` pushes; never polls.
 */
export function DeviceBar({ printer }: { printer: PrinterStatusView | null }) {
  const [devices, setDevices] = useState<DevicesView | null>(null);

  useEffect(() => {
    let live = true;
    const off = subscribe('devices.changed', (view) => setDevices(view));
    call('devices.status', {}).then(
      (view) => {
        if (live) setDevices((current) => current ?? view);
      },
      () => undefined, // an older core or a hiccup: the printer indicator still works
    );
    return () => {
      live = false;
      off();
    };
  }, []);

  return (
    <div className="devices">
      <PrinterIndicator printer={printer} />
      {devices
        ? OTHERS.filter((key) => devices[key].state !== 'none').map((key) => <DeviceIndicator key={key} device={key} status={devices[key]} />)
        : null}
    </div>
  );
}

function DeviceIndicator({ device, status }: { device: (typeof OTHERS)[number]; status: DeviceStatus }) {
  const { t, i18n } = useTranslation();
  const label = t(`devices.${device}`);
  const message = status.message ? statusMessage(t, status.message, currentLanguage(i18n)) : null;
  return (
    <div role="status" aria-label={label} className={`device device-${status.state}`} title={message ?? status.name}>
      <span className="printer-dot" aria-hidden="true" />
      <span className="device-name">{label}:</span> <span className="device-state">{t(`devices.state.${status.state}`)}</span>
      {device === 'terminal' && status.state === 'warning' ? (
        <OrphanApprovals />
      ) : message ? (
        <span className="device-message"> · {message}</span>
      ) : null}
    </div>
  );
}
