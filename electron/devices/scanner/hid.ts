import type { DeviceStatus } from '../../contract/api.js';
import {
  BAR_CODE_SCANNER_USAGE,
  createHidPosDecoder,
  HID_POS_USAGE_PAGE,
  HONEYWELL_ENABLE_HID_POS,
  HONEYWELL_VENDOR_IDS,
  type HidPosDecoder,
} from '../../../native/scanner/hid-pos.js';

/**
 * HID POS barcode scanners (usage page 0x8C) through node-hid, hot-plugged: the device list is
 * polled, new scanners are opened, vanished ones closed, a scanner whose read fails is closed and
 * opened again when it is seen again. Every code goes to `onScan` (the core emits it to the
 * screen as 'scanner.scanned'); `onStatus` gets the scanner's state for the status bar.
 *
 * node-hid is loaded lazily and only here: without libusb-1.0-0 its Linux binding fails to load
 * (ERR_DLOPEN_FAILED). The till then says so once and goes on; keyboard-wedge scanners still work.
 */

/** What node-hid's `devices()` lists (node-hid's `Device`). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  serialNumber?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface?: number | undefined;
}

/** An open device: node-hid's `HIDAsync` (or `HID`), an EventEmitter of 'data' and 'error'. */
export interface HidDevice {
  on(event: 'data' | 'error', listener: (value: unknown) => void): unknown;
  close(): Promise<void> | void;
  sendFeatureReport?(data: number[]): Promise<number> | number;
}

/** The part of node-hid used here; tests pass a fake. The async variants are preferred when present. */
export interface HidModule {
  devices(): HidDeviceInfo[];
  devicesAsync?(): Promise<HidDeviceInfo[]>;
  HIDAsync?: { open(path: string): Promise<HidDevice> };
  HID?: new (path: string) => HidDevice;
}

export type ScannerStatus = DeviceStatus;

export interface HidScannerOptions {
  onScan(code: string): void;
  onStatus(status: ScannerStatus): void;
  log(message: string): void;
  /** How often the device list is read (hot-plug), ms. Default 2000. */
  pollMs?: number;
  /** node-hid by default; a fake in tests. Rejects when the native binding cannot load. */
  loadHid?: () => Promise<HidModule>;
}

export interface HidScanners {
  close(): Promise<void>;
}

export const DEFAULT_POLL_MS = 2000;
/** The contract's longest 'scanner.scanned' code. */
export const MAX_CODE_LENGTH = 128;
const GENERIC_NAME = 'HID POS scanner';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** node-hid, with its native binding loaded now (it loads lazily), so a missing libusb shows here. */
export async function loadNodeHid(): Promise<HidModule> {
  const mod = (await import('node-hid')) as unknown as HidModule & { default?: HidModule; getHidapiVersion?: () => string };
  const hid = (mod.default ?? mod) as HidModule & { getHidapiVersion?: () => string };
  if (typeof hid.getHidapiVersion === 'function') hid.getHidapiVersion();
  else hid.devices();
  return hid;
}

/** A scanner's name for people: "Honeywell Voyager 1470g", else its USB IDs. */
export function scannerName(info: HidDeviceInfo): string {
  const manufacturer = info.manufacturer?.trim() ?? '';
  const product = info.product?.trim() ?? '';
  const name = product.toLowerCase().startsWith(manufacturer.toLowerCase()) ? product : `${manufacturer} ${product}`.trim();
  return name || `HID scanner ${hex4(info.vendorId)}:${hex4(info.productId)}`;
}

/** The HID POS scanners in a device list, one per path (a device may list several collections). */
export function hidPosScanners(list: readonly HidDeviceInfo[]): Map<string, HidDeviceInfo> {
  const found = new Map<string, HidDeviceInfo>();
  for (const info of list) {
    if (info.usagePage !== HID_POS_USAGE_PAGE || !info.path) continue;
    const known = found.get(info.path);
    if (!known || (known.usage !== BAR_CODE_SCANNER_USAGE && info.usage === BAR_CODE_SCANNER_USAGE)) found.set(info.path, info);
  }
  return found;
}

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data; // Buffer too
  if (Array.isArray(data)) return Uint8Array.from(data as number[]);
  return null;
}

interface OpenScanner {
  path: string;
  name: string;
  device: HidDevice;
  decoder: HidPosDecoder;
}

export async function startHidScanners(options: HidScannerOptions): Promise<HidScanners> {
  const { onScan, onStatus, log } = options;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;

  let hid: HidModule;
  try {
    hid = await (options.loadHid ?? loadNodeHid)();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const detail = `${typeof code === 'string' ? `${code}: ` : ''}${messageOf(error)}`;
    log(
      `HID POS scanners are off: node-hid could not be loaded (${detail}). ` +
        'On Linux install the package libusb-1.0-0. Keyboard-wedge scanners still work.',
    );
    onStatus({ name: GENERIC_NAME, state: 'unavailable', message: { key: 'scanner.no_hid', details: { reason: detail } } });
    return { close: async () => undefined };
  }

  const open = new Map<string, OpenScanner>();
  /** Devices that are there but could not be opened or stopped reading: path → name and why. */
  const failed = new Map<string, { name: string; message: string }>();
  let listError: string | null = null;
  let stopped = false;
  let lastStatus = '';

  const status = (s: ScannerStatus) => {
    const key = JSON.stringify([s.name, s.state, s.message ?? null]);
    if (key === lastStatus) return;
    lastStatus = key;
    onStatus(s);
  };

  const showStatus = () => {
    const problems = [...failed.values()].map((f) => `${f.name}: ${f.message}`);
    if (listError !== null) problems.unshift(listError);
    const message: ScannerStatus['message'] = problems.length > 0 ? { key: 'scanner.problems', details: { problems: problems.join('; ') } } : undefined;
    if (open.size > 0) {
      const name = [...open.values()].map((s) => s.name).join(', ');
      status(message ? { name, state: 'warning', message } : { name, state: 'ok' });
    } else if (message) {
      status({ name: [...failed.values()][0]?.name ?? GENERIC_NAME, state: 'error', message });
    } else {
      status({ name: '', state: 'none' });
    }
  };

  const deliver = (scanner: OpenScanner, code: string) => {
    if (code.length > MAX_CODE_LENGTH) {
      log(`${scanner.name}: a code of ${code.length} characters was dropped (at most ${MAX_CODE_LENGTH})`);
      return;
    }
    try {
      onScan(code);
    } catch (error) {
      log(`${scanner.name}: the scan could not be passed on: ${messageOf(error)}`);
    }
  };

  const closeOne = async (scanner: OpenScanner) => {
    if (open.get(scanner.path) === scanner) open.delete(scanner.path);
    scanner.decoder.reset();
    try {
      await scanner.device.close();
    } catch {
      // already gone (unplugged)
    }
  };

  const openDevice = async (path: string): Promise<HidDevice> => {
    if (hid.HIDAsync) return hid.HIDAsync.open(path);
    if (hid.HID) return new hid.HID(path);
    throw new Error('node-hid has neither HIDAsync nor HID');
  };

  const openOne = async (path: string, info: HidDeviceInfo) => {
    const name = scannerName(info);
    let device: HidDevice;
    try {
      device = await openDevice(path);
    } catch (error) {
      const message = `cannot open ${path}: ${messageOf(error)}`;
      // Logged once per cause, not at every poll; on Linux /dev/hidraw* needs a udev rule.
      if (failed.get(path)?.message !== message) log(`${name}: ${message}`);
      failed.set(path, { name, message });
      return;
    }
    if (stopped) {
      await Promise.resolve(device.close()).catch(() => undefined);
      return;
    }
    const scanner: OpenScanner = { path, name, device, decoder: createHidPosDecoder() };
    open.set(path, scanner);
    failed.delete(path);
    if (HONEYWELL_VENDOR_IDS.includes(info.vendorId) && device.sendFeatureReport) {
      // Honeywell scanners send HID POS reports only after this feature report.
      try {
        await device.sendFeatureReport([...HONEYWELL_ENABLE_HID_POS]);
      } catch (error) {
        log(`${name}: could not switch on HID POS reports: ${messageOf(error)}`);
      }
    }
    device.on('data', (data) => {
      if (open.get(path) !== scanner) return;
      const bytes = bytesOf(data);
      const scan = bytes ? scanner.decoder.push(bytes) : null;
      if (scan) deliver(scanner, scan.code);
    });
    device.on('error', (error) => {
      if (open.get(path) !== scanner) return;
      const message = `read failed: ${messageOf(error)}`;
      log(`${name}: ${message}; closed, opened again when it is seen again`);
      failed.set(path, { name, message });
      void closeOne(scanner);
      showStatus();
    });
    log(`${name} connected (${path})`);
  };

  const poll = async () => {
    let list: HidDeviceInfo[];
    try {
      list = hid.devicesAsync ? await hid.devicesAsync() : hid.devices();
      listError = null;
    } catch (error) {
      const message = `cannot list HID devices: ${messageOf(error)}`;
      if (listError !== message) log(message);
      listError = message;
      showStatus();
      return;
    }
    if (stopped) return;
    const present = hidPosScanners(list);
    for (const scanner of [...open.values()]) {
      if (present.has(scanner.path)) continue;
      log(`${scanner.name} disconnected (${scanner.path})`);
      await closeOne(scanner);
    }
    for (const path of [...failed.keys()]) if (!present.has(path)) failed.delete(path);
    for (const [path, info] of present) {
      if (stopped) return;
      if (!open.has(path)) await openOne(path, info);
    }
    showStatus();
  };

  const safePoll = () =>
    poll().catch((error: unknown) => {
      log(`scanner poll failed: ${messageOf(error)}`);
    });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = safePoll();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = safePoll().then(schedule);
    }, pollMs);
    // The poll alone never keeps the process alive.
    (timer as { unref?: () => void }).unref?.();
  };
  await running;
  schedule();

  return {
    async close() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
      await Promise.all([...open.values()].map(closeOne));
    },
  };
}
