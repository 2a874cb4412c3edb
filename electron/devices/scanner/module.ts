import type { DeviceStatus } from '../../contract/api.js';
import type { DeviceModule, ModuleContext } from '../module.js';
import { startHidScanners, type HidScannerOptions } from './hid.js';

export interface ScannerModule extends DeviceModule {
  readonly key: 'scanner';
}

/**
 * HID POS scanners (hot-plug): their codes go to the screen as 'scanner.scanned'. Without libusb
 * the till says so once and keeps selling with keyboard-wedge scanners, which need nothing here.
 */
export async function startScannerModule(
  ctx: ModuleContext,
  options: { hid: boolean; loadHid?: HidScannerOptions['loadHid']; pollMs?: number },
): Promise<ScannerModule> {
  let current: DeviceStatus = { name: '', state: 'none' };
  const scanners = options.hid
    ? await startHidScanners({
        onScan: (code) => ctx.emit('scanner.scanned', { code }),
        onStatus: (status) => {
          current = status;
          ctx.status('scanner', status);
        },
        log: (m) => ctx.log(`scanner: ${m}`),
        ...(options.loadHid ? { loadHid: options.loadHid } : {}),
        ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      })
    : { close: async () => undefined };
  return { key: 'scanner', status: () => current, close: () => scanners.close() };
}
