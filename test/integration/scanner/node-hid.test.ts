import { describe, expect, it } from 'vitest';
import { loadNodeHid, startHidScanners, type ScannerStatus } from '../../../electron/devices/scanner/hid.js';

/**
 * The real node-hid on this machine (its Linux prebuild needs libusb-1.0): with libusb-1.0-0 its binding loads and
 * a machine without a HID POS scanner lists none; without libusb the till reports the scanner as
 * unavailable and goes on. Either way startHidScanners resolves and closes cleanly.
 */
describe('node-hid on this machine', () => {
  it('starts, reports one state, polls and closes', async () => {
    let loaded: boolean;
    try {
      await loadNodeHid();
      loaded = true;
    } catch (error) {
      expect((error as { code?: string }).code).toBe('ERR_DLOPEN_FAILED');
      loaded = false;
    }

    const statuses: ScannerStatus[] = [];
    const scans: string[] = [];
    const scanners = await startHidScanners({ onScan: (c) => scans.push(c), onStatus: (s) => statuses.push(s), log: () => undefined, pollMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 100)); // a few polls
    await scanners.close();

    expect(statuses.length).toBeGreaterThanOrEqual(1);
    if (!loaded) {
      expect(statuses).toEqual([expect.objectContaining({ state: 'unavailable' })]);
    } else {
      // No scanner on a CI machine ('none'); a real one is 'ok', or 'error' when /dev/hidraw* is not readable.
      expect(['none', 'ok', 'error', 'warning']).toContain(statuses.at(-1)?.state);
    }
    expect(scans).toEqual([]);
  });
});
