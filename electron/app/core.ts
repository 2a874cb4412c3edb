import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import { createDispatch, type Dispatch, type Handlers } from '../dispatch/dispatch.js';
import { receiptUseCases } from '../usecases/receipts.js';
import { receiptHeaderUseCases } from '../usecases/receipt-header.js';
import { receiptPaymentUseCases } from '../usecases/receipt-payments.js';
import { receiptConfirmUseCases } from '../usecases/receipt-confirm.js';
import { lookupUseCases } from '../usecases/lookups.js';
import type { Clock, CoreDeps, Ids, ShopConfig } from '../usecases/ports.js';
import { parseTerminalConnection, type PaymentTerminal, type TerminalConfig } from '../devices/payment-terminal.js';
import { TerminalStation } from './terminal-station.js';
import { parseZvtConnection } from '../devices/zvt-terminal.js';
import { markInterruptedRequests, orphanedApprovals } from '../db/terminal-repo.js';
import { previewLines } from '../../native/printer/preview.js';
import type { PrintWorker } from '../devices/print-worker.js';
import { loadReceiptLogo, parsePrinterConnection, type PrinterConfig, type PrinterSetup } from '../devices/printer-setup.js';
import { PosError } from '../contract/errors.js';
import { readSettings } from '../db/settings-repo.js';
import { defaultSettings } from '../usecases/ports.js';
import { deviceUseCases } from '../usecases/devices.js';
import { DeviceManager, printerDeviceStatus } from './device-manager.js';
import { PrinterStation } from './printer-station.js';
import { startHidScanners } from '../devices/scanner-setup.js';
import { parseFiscalConnection, type FiscalSetup } from '../devices/fiscal-setup.js';
import { FiscalStation } from './fiscal-station.js';
import type { DecodedDocument } from '../../native/printer/escpos-decode.js';
import { EventBus } from './event-bus.js';
import { systemClock, uuidv7Ids } from './ids.js';
import { printLabels } from './locales.js';
import { seedDemoCatalogue } from './demo-catalogue.js';
import { seedDemoShop } from './demo-shop.js';

export const DEFAULT_SHOP: ShopConfig = {
  shopName: 'Demo Pood OÜ',
  shopLines: ['Tartu mnt 1, 10115 Tallinn', 'Reg. 12345678 · KMKR EE123456789'],
  tillName: 'Kassa 1',
  currency: 'EUR',
  locale: 'et',
  timeZone: 'Europe/Tallinn',
  seriesCode: 'K',
};

export interface CoreOptions {
  /** The SQLite file. */
  databaseFile: string;
  /** Where `migrations/` and `assets/` are (the repository, or the packaged app's resources). */
  appRoot: string;
  /** The till's version, shown on screen. */
  version?: string;
  printer: PrinterConfig;
  /** The card terminal (default: the simulator, so a fresh install can take cards). */
  terminal?: TerminalConfig | PaymentTerminal;
  shop?: Partial<ShopConfig>;
  /** Language the screen starts in. */
  uiLocale?: string;
  /** Load the demo catalogue into an empty database (the default for a first start). */
  demoCatalogue?: boolean;
  clock?: Clock;
  ids?: Ids;
  nativeBinding?: string;
  printRetryMs?: number;
  /** Look for HID POS scanners (node-hid, hot-plug). Default true; tests turn it off. */
  hidScanners?: boolean;
  /** How often an idle printer is asked for its status (ms; 0 = never). */
  printerPollMs?: number;
  checkOutputs?: boolean;
  log?: (message: string) => void;
  onSimulatedDocument?: (doc: DecodedDocument) => void;
}

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  db: Db;
  /** The receipt printer as connected now (it changes when the settings name another one). */
  readonly printer: PrinterSetup;
  readonly printWorker: PrintWorker;
  /** The fiscal printer as connected now (simulated or real; none by default). */
  readonly fiscal: FiscalSetup;
  /** The ZVT terminal simulator, when the card terminal is simulated over ZVT. */
  readonly terminalSimulator: import('../../native/zvt/index.js').ZvtSimulator | null;
  devices: DeviceManager;
  close(): Promise<void>;
}

/**
 * The composition root of the core: everything the till does, with no Electron in it. The
 * Electron main process and the browser-mode host both start exactly this.
 */
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function startCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? uuidv7Ids(clock);
  const shop: ShopConfig = { ...DEFAULT_SHOP, ...options.shop };
  const assetsDir = join(options.appRoot, 'assets');

  const db = openDatabase({ file: options.databaseFile, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    const applied = migrate(db, loadMigrations(join(options.appRoot, 'migrations')));
    if (applied.length > 0) log(`database ${options.databaseFile}: applied migrations ${applied.join(', ')}`);
    if (options.demoCatalogue ?? true) {
      const added = seedDemoCatalogue(db, join(assetsDir, 'demo-catalogue.json'), ids);
      if (added > 0) log(`loaded the demo catalogue: ${added} articles`);
      if (seedDemoShop(db, join(assetsDir, 'demo-shop.json'), ids)) log('loaded the demo customers, price formulas and stock');
    }
    const interrupted = markInterruptedRequests(db, clock.now().toISOString());
    if (interrupted > 0) log(`${interrupted} card terminal request(s) were cut off by a restart; check them on the terminal`);
  } catch (error) {
    db.close();
    throw error;
  }

  const events = new EventBus();
  const devices = new DeviceManager(events);
  const labels = (locale: string) => printLabels(assetsDir, locale);

  // Device settings as stored: the settings screen's devices win over the start options.
  const startSettings = readSettings(db, defaultSettings(shop));
  const storedConnection = startSettings.printerConnection;
  let printerConfig: PrinterConfig = options.printer;
  if (storedConnection !== '') {
    try {
      printerConfig = parsePrinterConnection(storedConnection);
    } catch (error) {
      log(`printer setting "${storedConnection}" is not usable (${errorText(error)}); using the start options`);
    }
  }
  const logo = loadReceiptLogo(join(assetsDir, 'logo.pbm'));
  if (logo.error) log(`logo: ${logo.error}`);
  const station = await PrinterStation.start(printerConfig, {
    logo: logo.logo,
    db,
    clock,
    events,
    labels,
    log,
    ...(options.printRetryMs !== undefined ? { retryMs: options.printRetryMs } : {}),
    ...(options.printerPollMs !== undefined ? { pollMs: options.printerPollMs } : {}),
    ...(options.onSimulatedDocument ? { onSimulatedDocument: options.onSimulatedDocument } : {}),
  });
  const showPrinter = () => devices.set('printer', printerDeviceStatus(station.worker.status(), station.configured));
  const offPrinter = events.subscribe((name) => {
    if (name === 'printer.changed') showPrinter();
  });
  showPrinter();

  // HID POS scanners: codes go to the screen as 'scanner.scanned'; without libusb the till says so
  // once and keeps selling with keyboard-wedge scanners.
  const scanners =
    (options.hidScanners ?? true)
      ? await startHidScanners({
          onScan: (code) => events.emit('scanner.scanned', { code }),
          onStatus: (status) => devices.set('scanner', status),
          log: (m) => log(`scanner: ${m}`),
        })
      : { close: async () => undefined };

  const fiscal = await FiscalStation.start(startSettings.fiscalConnection, {
    db,
    clock,
    log: (m) => log(`fiscal: ${m}`),
    onChange: (status) => devices.set('fiscal', status),
    ...(options.printRetryMs !== undefined ? { retryMs: options.printRetryMs } : {}),
  });
  devices.set('fiscal', fiscal.worker.status());

  // The card terminal: the settings screen's connection wins over the start options.
  const terminalOption = options.terminal ?? { kind: 'simulator' };
  const idCodeOf = (c: TerminalConfig | PaymentTerminal) => ('kind' in c && c.kind !== 'none' ? c.idCode : undefined);
  let terminalConfig: TerminalConfig | PaymentTerminal = terminalOption;
  if (startSettings.terminalConnection !== '') {
    try {
      terminalConfig = await parseTerminalConnection(startSettings.terminalConnection, idCodeOf(terminalOption));
    } catch (error) {
      log(`card terminal setting "${startSettings.terminalConnection}" is not usable (${errorText(error)}); using the start options`);
    }
  }
  const terminalStation =
    'pay' in terminalConfig
      ? null
      : await TerminalStation.start(terminalConfig, { password: startSettings.terminalPassword, currency: shop.currency });
  const terminal: PaymentTerminal = terminalStation?.terminal ?? (terminalConfig as PaymentTerminal);
  // An approval no sale took is money the customer must get back: the status bar says so.
  const showTerminal = () => {
    const orphans = orphanedApprovals(db).length;
    devices.set(
      'terminal',
      terminal.name === 'none'
        ? { name: '', state: 'none' }
        : orphans > 0
          ? { name: terminal.name, state: 'warning', message: `${orphans} card approval(s) to reverse` }
          : { name: terminal.name, state: 'ok' },
    );
  };
  showTerminal();

  const deps: CoreDeps = {
    db,
    clock,
    ids,
    shop,
    terminal,
    print: {
      preview: (doc) => previewLines(doc, labels(doc.locale), station.setup.profile),
      queued: () => station.worker.kick(),
    },
    fiscal: { enabled: () => fiscal.enabled, queued: () => fiscal.worker.kick() },
    onTerminalPrompt: (prompt) => events.emit('terminal.prompt', prompt),
    onTerminalChanged: () => showTerminal(),
    checkSettings(changes) {
      // A connection string is parsed before it is stored: a bad one changes nothing.
      const check = (text: string | undefined, parse: (t: string) => unknown, skip: readonly string[]) => {
        const t = text?.trim();
        if (!t || skip.includes(t)) return;
        try {
          parse(t);
        } catch (error) {
          throw new PosError('device.bad_connection', errorText(error), { connection: t });
        }
      };
      check(changes.terminalConnection, parseZvtConnection, ['none', 'sim']);
      check(changes.fiscalConnection, parseFiscalConnection, ['none']);
      check(changes.printerConnection, parsePrinterConnection, []);
    },
    settingsChanged(changes) {
      if (terminalStation && (changes.terminalConnection !== undefined || changes.terminalPassword !== undefined)) {
        const current = readSettings(db, defaultSettings(shop));
        const text = current.terminalConnection;
        void (async () => {
          const config = text === '' ? terminalOption : await parseTerminalConnection(text, idCodeOf(terminalOption));
          if ('pay' in config) return;
          await terminalStation.reconfigure(config, { password: current.terminalPassword });
          showTerminal();
        })().catch((error: unknown) => log(`card terminal: could not switch: ${errorText(error)}`));
      }
      if (changes.fiscalConnection !== undefined) {
        void fiscal.reconfigure(changes.fiscalConnection).then(
          () => devices.set('fiscal', fiscal.worker.status()),
          (error: unknown) => log(`fiscal: could not switch: ${errorText(error)}`),
        );
      }
      if (changes.printerConnection === undefined) return;
      const config = changes.printerConnection === '' ? options.printer : parsePrinterConnection(changes.printerConnection);
      void station.reconfigure(config).then(showPrinter, (error: unknown) => {
        log(`printer: could not switch to "${changes.printerConnection}": ${errorText(error)}`);
      });
    },
  };

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.version ?? 'dev',
      locale: options.uiLocale ?? 'en',
      currency: shop.currency,
      shopName: shop.shopName,
      tillName: shop.tillName,
    }),
    'printer.status': () => station.worker.status(),
    ...deviceUseCases({ ...deps, devices: { view: () => devices.view(), printerConfigured: () => station.configured } }),
    ...receiptUseCases(deps),
    ...receiptHeaderUseCases(deps),
    ...receiptPaymentUseCases(deps),
    ...receiptConfirmUseCases(deps),
    ...lookupUseCases(deps),
  };
  const dispatch = createDispatch(handlers, {
    checkOutputs: options.checkOutputs ?? false,
    logError: (channel, error) => log(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  // Receipts confirmed before a crash or while the printer was away are printed now.
  station.worker.start();
  // Card payments cut off by a crash are settled by asking the terminal (never by paying again).
  void dispatch('terminal.recover', {}).then((wire) => {
    const value = wire.ok ? (wire.value as { settled: number; inDoubt: number }) : null;
    if (value && (value.settled > 0 || value.inDoubt > 0)) {
      log(`card terminal: settled ${value.settled} interrupted payment(s), ${value.inDoubt} still in doubt`);
    }
  });

  return {
    dispatch,
    events,
    db,
    get printer() {
      return station.setup;
    },
    get printWorker() {
      return station.worker;
    },
    get fiscal() {
      return fiscal.setup;
    },
    get terminalSimulator() {
      return terminalStation?.simulator ?? null;
    },
    devices,
    async close() {
      offPrinter();
      await scanners.close();
      await terminalStation?.close();
      await fiscal.close();
      await station.close();
      db.close();
    },
  };
}
