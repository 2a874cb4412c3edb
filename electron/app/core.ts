import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Db } from '../db/open.js';
import { readSettings } from '../db/settings-repo.js';
import { createDispatch, type Dispatch, type Handlers } from '../dispatch/dispatch.js';
import type { PrinterConnection } from '../devices/connection.js';
import { startFiscalModule } from '../devices/fiscal/module.js';
import { startLedgerModule } from '../devices/ledger/module.js';
import { readSecret } from '../db/secrets-repo.js';
import { countFailed } from '../db/outbox-repo.js';
import type { FiscalSetup } from '../devices/fiscal/setup.js';
import { deviceSettingsOf, type ModuleContext } from '../devices/module.js';
import { startPrinterModule } from '../devices/printer/module.js';
import type { PrinterSetup } from '../devices/printer/setup.js';
import { startScannerModule } from '../devices/scanner/module.js';
import { startTerminalModule } from '../devices/terminal/module.js';
import type { TerminalConfig } from '../devices/terminal/setup.js';
import { OutboxWorker } from '../effects/worker.js';
import { appUseCases } from '../usecases/app-info.js';
import { fiscalOnConfirm, printOnConfirm } from '../usecases/confirm-effects.js';
import { callContext } from '../usecases/context.js';
import { deviceUseCases } from '../usecases/devices.js';
import { contractError } from '../usecases/errors.js';
import { lookupUseCases } from '../usecases/lookups.js';
import type { Clock, CoreDeps, Ids, ShopConfig } from '../usecases/ports.js';
import { creditNoteUseCases } from '../usecases/credit-notes.js';
import { dayUseCases } from '../usecases/day.js';
import { ledgerOnConfirm } from '../usecases/ledger-effects.js';
import { ledgerSyncUseCases } from '../usecases/ledger-sync.js';
import { dayOwnerUseCases } from '../usecases/day-owner.js';
import { receiptConfirmUseCases } from '../usecases/receipt-confirm.js';
import { receiptHeaderUseCases } from '../usecases/receipt-header.js';
import { receiptPaymentUseCases } from '../usecases/receipt-payments.js';
import { receiptRowUseCases } from '../usecases/receipt-rows.js';
import { receiptUseCases } from '../usecases/receipts.js';
import { defaultSettings } from '../usecases/settings-defaults.js';
import type { PaymentTerminal } from '../usecases/terminal-port.js';
import { transactions } from '../usecases/transaction.js';
import type { DecodedDocument } from '../../native/printer/escpos-decode.js';
import type { ZvtSimulator } from '../../native/zvt/index.js';
import { openTillDatabase } from './database.js';
import { DeviceManager } from './device-manager.js';
import { EventBus } from './event-bus.js';
import { systemClock, uuidv7Ids } from './ids.js';
import { printLabels } from './locales.js';
import { ReportFileDrainer } from '../devices/files/report-pdf.js';
import { reportFiles } from '../devices/files/report-files.js';
import { catalogueCsv } from '../devices/files/catalogue-csv.js';
import { catalogueImportUseCases } from '../usecases/catalogue-import.js';

/**
 * An installation before anything is set: euros, Estonian printouts, series K, the machine's time
 * zone, no shop identity (the settings screen, the POS_* presets or the demo shop give one).
 */
export const DEFAULT_SHOP: ShopConfig = {
  currency: 'EUR',
  locale: 'et',
  shopName: '',
  shopAddress: '',
  shopRegNo: '',
  shopVatNo: '',
  tillName: '',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  seriesCode: 'K',
};

export interface CoreOptions {
  /** The SQLite file. */
  databaseFile: string;
  /** Where `migrations/` and `assets/` are (the repository, or the packaged app's resources). */
  appRoot: string;
  /** The till's version, shown on screen. */
  version?: string;
  printer: PrinterConnection;
  /** The card terminal (default: the in-process stand-in); a PaymentTerminal is used as it is. */
  terminal?: TerminalConfig | PaymentTerminal;
  shop?: Partial<ShopConfig>;
  /** Language the screen starts in. */
  uiLocale?: string;
  /** Load the demo catalogue into an empty database (the default for a first start). */
  demoCatalogue?: boolean;
  clock?: Clock;
  ids?: Ids;
  nativeBinding?: string;
  /** The accounting ledger until the settings name another (POS_LEDGER); none by default. */
  ledger?: string;
  /** Its API key or token until one is set in the till (POS_LEDGER_SECRET). */
  ledgerSecret?: string;
  /** First retry delay of the outbox's device lanes (ms). */
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
  /** The outbox worker: every effect's lane (tests wait on it with `idle`). */
  outbox: OutboxWorker;
  /** The receipt printer as connected now (it changes when the settings name another one). */
  readonly printer: PrinterSetup;
  /** The fiscal printer as connected now (simulated or real; none by default). */
  readonly fiscal: FiscalSetup;
  /** The ZVT terminal simulator, when the card terminal is simulated over ZVT. */
  readonly terminalSimulator: ZvtSimulator | null;
  devices: DeviceManager;
  close(): Promise<void>;
}

/**
 * The composition root of the core: the database, the device modules, the outbox worker and the
 * use cases, wired together — nothing else. The Electron main process and the browser-mode host
 * both start exactly this.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? uuidv7Ids(clock);
  const shop: ShopConfig = { ...DEFAULT_SHOP, ...options.shop };
  const assetsDir = join(options.appRoot, 'assets');
  const db = openTillDatabase({
    file: options.databaseFile,
    appRoot: options.appRoot,
    demo: options.demoCatalogue ?? true,
    ids,
    nativeBinding: options.nativeBinding,
    log,
  });

  const events = new EventBus();
  const devices = new DeviceManager(events);
  const worker = new OutboxWorker({ db, clock, log });
  const retry = options.printRetryMs !== undefined ? { retryMs: options.printRetryMs } : {};
  const moduleContext: ModuleContext = {
    db,
    clock,
    shop,
    settings: readSettings(db, defaultSettings(shop)),
    worker,
    emit: (name, payload) => events.emit(name, payload),
    status: (key, status) => devices.set(key, status),
    log,
  };
  const printer = await startPrinterModule(moduleContext, {
    start: options.printer,
    labels: (locale) => printLabels(assetsDir, locale),
    logoFile: join(assetsDir, 'logo.pbm'),
    ...retry,
    ...(options.printerPollMs !== undefined ? { pollMs: options.printerPollMs } : {}),
    ...(options.onSimulatedDocument ? { onSimulatedDocument: options.onSimulatedDocument } : {}),
  });
  const scanner = await startScannerModule(moduleContext, { hid: options.hidScanners ?? true });
  const fiscal = await startFiscalModule(moduleContext, retry);
  const terminal = await startTerminalModule(moduleContext, options.terminal ?? { kind: 'stand-in' });
  // X and Z reports as PDF files beside the database, in the shop's language.
  // A database in memory (tests) keeps its files in a folder of its own, never in the working directory.
  const reportsDir = options.databaseFile === ':memory:' ? join(tmpdir(), `the-till-reports-${process.pid}`) : join(dirname(options.databaseFile), 'reports');
  worker.attach('files', new ReportFileDrainer({ dir: reportsDir, words: (locale) => printLabels(assetsDir, locale).report ?? {}, log }), retry);
  const modules = [printer, scanner, fiscal, terminal];
  const ledger = startLedgerModule(
    { worker, settings: moduleContext.settings, now: () => clock.now(), log, secret: () => readSecret(db, 'ledger') ?? options.ledgerSecret ?? '',
      parked: () => countFailed(db, 'ledger'),
      status: (status) => devices.set('ledger', status),
    },
    { start: options.ledger ?? 'none', ...(options.printRetryMs !== undefined ? { retryMs: options.printRetryMs, maxRetryMs: options.printRetryMs * 4 } : {}) },
  );

  const { tx, outbox } = transactions({ db, ids, clock, wake: (lane) => worker.kick(lane) });
  const devicesSettings = deviceSettingsOf(modules, log);
  // The ledger's connection is checked and swapped like a device's.
  const deviceSettings: typeof devicesSettings = {
    ...devicesSettings,
    check: (changes) => {
      devicesSettings.check(changes);
      ledger.check(changes);
    },
    changed: (changes, settings) => {
      devicesSettings.changed(changes, settings);
      void ledger.settingsChanged(changes).catch((error: unknown) => log(`ledger: ${error instanceof Error ? error.message : String(error)}`));
    },
  };
  const deps: CoreDeps = {
    db,
    clock,
    ids,
    shop,
    tx,
    outbox,
    terminal: terminal.terminal,
    print: printer.port,
    fiscal: fiscal.port,
    ledger: ledger.port,
    devices: { view: () => devices.view() },
    deviceSettings,
    screen: { terminalPrompt: (prompt) => events.emit('terminal.prompt', prompt), terminalChanged: () => terminal.refresh() },
  };
  const day = dayUseCases(deps);
  const handlers: Handlers = {
    ...appUseCases({ version: options.version ?? 'dev', uiLocale: options.uiLocale ?? 'en', shop }),
    ...printer.handlers,
    ...deviceUseCases(deps),
    ...receiptUseCases(deps),
    ...receiptRowUseCases(deps),
    ...creditNoteUseCases(deps),
    ...receiptHeaderUseCases(deps),
    ...receiptPaymentUseCases(deps),
    ...receiptConfirmUseCases(deps, [printOnConfirm(deps), fiscalOnConfirm(deps), ledgerOnConfirm(deps)], day.dayForConfirm),
    ...day.handlers,
    ...ledgerSyncUseCases(deps).handlers,
    // The Z reports the close saved are read from (or, when missing, made again for) the same folder.
    ...dayOwnerUseCases(deps, reportFiles({ dir: reportsDir, words: (locale) => printLabels(assetsDir, locale).report ?? {} })).handlers,
    ...lookupUseCases(deps),
    ...catalogueImportUseCases(deps, catalogueCsv),
  };
  const dispatch = createDispatch(handlers, {
    context: () => callContext({ db, clock, shop }),
    contractError,
    checkOutputs: options.checkOutputs ?? false,
    logError: (channel, error) => log(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  // What a crash or an absent device left in the outbox is carried out now.
  worker.start();
  // Card payments cut off by a crash are settled by asking the terminal (never by paying again).
  const recovery = dispatch('terminal.recover', {});

  return {
    dispatch,
    events,
    db,
    outbox: worker,
    get printer() {
      return printer.setup;
    },
    get fiscal() {
      return fiscal.setup;
    },
    get terminalSimulator() {
      return terminal.simulator;
    },
    devices,
    async close() {
      await recovery;
      await deviceSettings.settled();
      for (const m of modules) await m.close();
      await worker.stop();
      await ledger.close();
      db.close();
    },
  };
}
