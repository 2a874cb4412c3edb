import { PosError } from '../contract/errors.js';
import type { DeviceLogEntry, DevicesView, ParsedInput } from '../contract/api.js';
import { insertPrintJob } from '../db/print-jobs-repo.js';
import { logDevice, recentDeviceLog } from '../db/device-log-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { defaultSettings, type CoreDeps } from './ports.js';

/** What the device use cases need from the composition root. */
export interface DevicePort {
  view(): DevicesView;
  /** Is a receipt printer (real or simulated) configured? */
  printerConfigured(): boolean;
}

/**
 * Test page, drawer without a sale, the device status bar and log. Drawer kicks and test pages go
 * through the print outbox like receipts: written in one transaction, sent once by the worker.
 */
export function deviceUseCases(deps: CoreDeps & { devices: DevicePort }) {
  const { db, ids, clock, shop } = deps;
  const now = () => clock.now().toISOString();

  const needPrinter = () => {
    if (!deps.devices.printerConfigured()) throw new PosError('printer.unavailable', 'no receipt printer is configured');
  };

  return {
    'devices.status': (): DevicesView => deps.devices.view(),

    'devices.log': ({ limit }: ParsedInput<'devices.log'>): DeviceLogEntry[] => recentDeviceLog(db, limit),

    'printer.test': () => {
      needPrinter();
      db.transaction(() => {
        insertPrintJob(db, {
          id: ids.next(),
          receiptId: null,
          kind: 'test',
          document: JSON.stringify({ shopName: shop.shopName, locale: shop.locale, at: now(), timeZone: shop.timeZone }),
          now: now(),
        });
        logDevice(db, { at: now(), device: 'printer', event: 'test.requested' });
      }).immediate();
      deps.print.queued();
      return { queued: true as const };
    },

    'drawer.open': ({ reason }: ParsedInput<'drawer.open'>) => {
      const settings = readSettings(db, defaultSettings(shop));
      if (!settings.drawerOpenAllowed) throw new PosError('drawer.not_allowed', 'opening the drawer without a sale is switched off');
      needPrinter();
      db.transaction(() => {
        insertPrintJob(db, { id: ids.next(), receiptId: null, kind: 'drawer', document: JSON.stringify({ reason }), now: now() });
        logDevice(db, { at: now(), device: 'drawer', event: 'open.requested', detail: reason });
      }).immediate();
      deps.print.queued();
      return { queued: true as const };
    },
  };
}
