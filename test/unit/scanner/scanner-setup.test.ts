import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  hidPosScanners,
  scannerName,
  startHidScanners,
  type HidDevice,
  type HidDeviceInfo,
  type HidModule,
  type HidScannerOptions,
  type ScannerStatus,
} from '../../../electron/devices/scanner/hid.js';
import { encodeReports } from '../../../native/scanner/hid-pos.js';

/** An open fake device: the test emits 'data' and 'error' on it, as node-hid's HIDAsync does. */
class FakeDevice extends EventEmitter implements HidDevice {
  closed = false;
  features: number[][] = [];
  constructor(readonly path: string) {
    super();
  }
  async close() {
    this.closed = true;
    this.removeAllListeners();
  }
  async sendFeatureReport(data: number[]) {
    this.features.push(data);
    return data.length;
  }
  /** What the scanner sends for one code. */
  scan(code: string, options?: Parameters<typeof encodeReports>[1]) {
    for (const report of encodeReports(code, options)) this.emit('data', Buffer.from(report));
  }
}

/** node-hid with a plug board: `plug`/`unplug` change what devicesAsync lists. */
function fakeHid() {
  const present = new Map<string, HidDeviceInfo>();
  const opened: FakeDevice[] = [];
  const failOpen = new Map<string, string>();
  const hid: HidModule = {
    devices: () => [...present.values()],
    devicesAsync: async () => [...present.values()],
    HIDAsync: {
      async open(path: string) {
        const why = failOpen.get(path);
        if (why) throw new Error(why);
        const device = new FakeDevice(path);
        opened.push(device);
        return device;
      },
    },
  };
  return {
    hid,
    opened,
    failOpen,
    plug(info: HidDeviceInfo) {
      present.set(`${info.path}:${info.usage}`, info);
    },
    unplug(path: string) {
      for (const key of [...present.keys()]) if (key.startsWith(`${path}:`)) present.delete(key);
    },
    /** The device open on a path now. */
    device(path: string) {
      return opened.filter((d) => d.path === path && !d.closed).at(-1);
    },
  };
}

const VOYAGER: HidDeviceInfo = {
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  path: '/dev/hidraw3',
  manufacturer: 'Honeywell',
  product: 'Honeywell Voyager 1400g',
  usagePage: 0x8c,
  usage: 0x02,
};
const ZEBRA: HidDeviceInfo = { vendorId: 0x05e0, productId: 0x1300, path: '/dev/hidraw4', manufacturer: 'Zebra', product: 'DS2208', usagePage: 0x8c, usage: 0x02 };
const KEYBOARD: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc31c, path: '/dev/hidraw0', product: 'USB Keyboard', usagePage: 0x01, usage: 0x06 };

function harness(extra: Partial<HidScannerOptions> = {}) {
  const scans: string[] = [];
  const statuses: ScannerStatus[] = [];
  const logs: string[] = [];
  const options: HidScannerOptions = {
    onScan: (code) => scans.push(code),
    onStatus: (s) => statuses.push(s),
    log: (m) => logs.push(m),
    pollMs: 100,
    ...extra,
  };
  return { scans, statuses, logs, options, last: () => statuses.at(-1) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('HID POS scanners (hot-plug)', () => {
  it('plug → scan → unplug → replug: opens, reads, closes and opens again', async () => {
    const board = fakeHid();
    board.plug(KEYBOARD);
    const h = harness({ loadHid: async () => board.hid });
    const scanners = await startHidScanners(h.options);
    expect(h.statuses).toEqual([{ name: '', state: 'none' }]);
    expect(board.opened).toHaveLength(0); // a keyboard is not a HID POS scanner

    board.plug(VOYAGER);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.last()).toEqual({ name: 'Honeywell Voyager 1400g', state: 'ok' });
    const first = board.device('/dev/hidraw3')!;
    expect(first.features).toEqual([[0xfe, 0x01]]); // Honeywell: HID POS mode switched on

    first.scan('5901234123457');
    first.scan('4006381333931', { suffixCr: true });
    expect(h.scans).toEqual(['5901234123457', '4006381333931']);

    board.unplug('/dev/hidraw3');
    await vi.advanceTimersByTimeAsync(100);
    expect(first.closed).toBe(true);
    expect(h.last()).toEqual({ name: '', state: 'none' });

    board.plug(VOYAGER);
    await vi.advanceTimersByTimeAsync(100);
    const second = board.device('/dev/hidraw3')!;
    expect(second).not.toBe(first);
    second.scan('036000291452');
    expect(h.scans.at(-1)).toBe('036000291452');
    expect(h.last()).toEqual({ name: 'Honeywell Voyager 1400g', state: 'ok' });
    // The status is only reported when it changes, not at every poll.
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.statuses.map((s) => s.state)).toEqual(['none', 'ok', 'none', 'ok']);

    await scanners.close();
    expect(second.closed).toBe(true);
    expect(h.logs.some((l) => l.includes('connected (/dev/hidraw3)'))).toBe(true);
    expect(h.logs.some((l) => l.includes('disconnected (/dev/hidraw3)'))).toBe(true);
  });

  it('joins a multi-report scan and keeps two scanners apart', async () => {
    const board = fakeHid();
    board.plug(VOYAGER);
    board.plug(ZEBRA);
    const h = harness({ loadHid: async () => board.hid });
    const scanners = await startHidScanners(h.options);
    expect(h.last()).toEqual({ name: 'Honeywell Voyager 1400g, Zebra DS2208', state: 'ok' });
    expect(board.device('/dev/hidraw4')!.features).toEqual([]); // not a Honeywell

    const qr = 'https://example.ee/r/KA-000123?t=' + 'x'.repeat(80); // 113 characters: 3 reports
    const [r1, r2, r3] = encodeReports(qr, { aim: ']Q1' });
    const voyager = board.device('/dev/hidraw3')!;
    const zebra = board.device('/dev/hidraw4')!;
    voyager.emit('data', Buffer.from(r1!));
    zebra.scan('ABC-123');
    voyager.emit('data', Buffer.from(r2!));
    expect(h.scans).toEqual(['ABC-123']);
    voyager.emit('data', [...r3!]); // node-hid's sync HID hands over number arrays
    expect(h.scans).toEqual(['ABC-123', qr]);
    await scanners.close();
  });

  it('a read error closes the scanner; it is opened again when it is seen again', async () => {
    const board = fakeHid();
    board.plug(ZEBRA);
    const h = harness({ loadHid: async () => board.hid });
    const scanners = await startHidScanners(h.options);
    const first = board.device('/dev/hidraw4')!;
    first.emit('error', new Error('could not read from HID device'));
    expect(first.closed).toBe(true);
    expect(h.last()).toMatchObject({ name: 'Zebra DS2208', state: 'error' });
    expect(h.last()?.message).toMatchObject({ key: 'scanner.problems', details: { problems: expect.stringContaining('could not read from HID device') } });

    await vi.advanceTimersByTimeAsync(100);
    const second = board.device('/dev/hidraw4')!;
    expect(second).not.toBe(first);
    expect(h.last()).toEqual({ name: 'Zebra DS2208', state: 'ok' });
    second.scan('96385074');
    expect(h.scans).toEqual(['96385074']);
    await scanners.close();
  });

  it('a scanner that cannot be opened is an error, logged once, retried at every poll', async () => {
    const board = fakeHid();
    board.plug(ZEBRA);
    board.failOpen.set('/dev/hidraw4', 'cannot open device with path /dev/hidraw4');
    const h = harness({ loadHid: async () => board.hid });
    const scanners = await startHidScanners(h.options);
    expect(h.last()).toMatchObject({ name: 'Zebra DS2208', state: 'error' });
    await vi.advanceTimersByTimeAsync(500);
    expect(h.logs.filter((l) => l.includes('cannot open'))).toHaveLength(1);
    expect(h.statuses).toHaveLength(1);

    board.failOpen.clear(); // e.g. the udev rule was added
    await vi.advanceTimersByTimeAsync(100);
    expect(h.last()).toEqual({ name: 'Zebra DS2208', state: 'ok' });
    await scanners.close();
  });

  it('without libusb node-hid does not load: "unavailable" once, and the till goes on', async () => {
    const h = harness({
      loadHid: async () => {
        throw Object.assign(new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory'), { code: 'ERR_DLOPEN_FAILED' });
      },
    });
    const scanners = await startHidScanners(h.options);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.statuses).toHaveLength(1);
    expect(h.statuses[0]).toMatchObject({ state: 'unavailable' });
    // The screen words it (key scanner.no_hid, which names libusb-1.0-0); the reason is the loader's.
    expect(h.statuses[0]?.message).toMatchObject({ key: 'scanner.no_hid', details: { reason: expect.stringContaining('ERR_DLOPEN_FAILED') } });
    expect(h.logs).toHaveLength(1);
    expect(h.logs[0]).toContain('libusb-1.0-0');
    expect(vi.getTimerCount()).toBe(0); // nothing is polled
    await scanners.close();
  });

  it('stops polling on close', async () => {
    const board = fakeHid();
    const list = vi.spyOn(board.hid, 'devicesAsync');
    const h = harness({ loadHid: async () => board.hid });
    const scanners = await startHidScanners(h.options);
    await vi.advanceTimersByTimeAsync(300);
    expect(list).toHaveBeenCalledTimes(4);
    await scanners.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(list).toHaveBeenCalledTimes(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops codes longer than the contract allows', async () => {
    const board = fakeHid();
    board.plug(ZEBRA);
    const h = harness({ loadHid: async () => board.hid });
    const scanners = await startHidScanners(h.options);
    board.device('/dev/hidraw4')!.scan('9'.repeat(129));
    expect(h.scans).toEqual([]);
    expect(h.logs.some((l) => l.includes('129 characters'))).toBe(true);
    await scanners.close();
  });
});

describe('device list', () => {
  it('keeps usage page 0x8C devices, one per path, preferring the scanner collection', () => {
    const attribute = { ...VOYAGER, usage: 0x10 };
    const found = hidPosScanners([KEYBOARD, attribute, VOYAGER, { ...ZEBRA, path: undefined }]);
    expect([...found.keys()]).toEqual(['/dev/hidraw3']);
    expect(found.get('/dev/hidraw3')?.usage).toBe(0x02);
  });

  it('names a scanner by manufacturer and product, else by its USB IDs', () => {
    expect(scannerName(VOYAGER)).toBe('Honeywell Voyager 1400g');
    expect(scannerName(ZEBRA)).toBe('Zebra DS2208');
    expect(scannerName({ vendorId: 0x05f9, productId: 0x2214 })).toBe('HID scanner 05f9:2214');
  });
});
