import { PosError } from '../contract/errors.js';
import type { DeviceLogEntry, DevicesView, ParsedInput } from '../contract/api.js';
import { logDevice, recentDeviceLog } from '../db/device-log-repo.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';

/**
 * Test page, drawer without a sale, the device status bar and log. Drawer kicks and test pages go
 * through the outbox like receipts: written in one transaction, carried out once by the worker.
 */
export function deviceUseCases(deps: CoreDeps) {
  const { db, tx, outbox } = deps;

  const needPrinter = () => {
    if (!deps.print.configured()) throw new PosError('printer.unavailable', 'no receipt printer is configured');
  };

  return {
    'devices.status': (): DevicesView => deps.devices.view(),

    'devices.log': ({ limit }: ParsedInput<'devices.log'>): DeviceLogEntry[] => recentDeviceLog(db, limit),

    'printer.test': (_: unknown, ctx: CallContext) => {
      needPrinter();
      tx(() => {
        outbox.enqueue('print.test', { shopName: ctx.settings.shopName, locale: ctx.locale, at: ctx.now, timeZone: ctx.settings.timeZone });
        logDevice(db, { at: ctx.now, device: 'printer', event: 'test.requested' });
      });
      return { queued: true as const };
    },

    'drawer.open': ({ reason }: ParsedInput<'drawer.open'>, ctx: CallContext) => {
      if (!ctx.settings.drawerOpenAllowed) throw new PosError('drawer.not_allowed', 'opening the drawer without a sale is switched off');
      needPrinter();
      tx(() => {
        outbox.enqueue('print.drawer', { reason });
        logDevice(db, { at: ctx.now, device: 'drawer', event: 'open.requested', detail: reason });
      });
      return { queued: true as const };
    },
  };
}
