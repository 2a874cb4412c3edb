import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import { createDispatch, type Dispatch, type Handlers } from '../dispatch/dispatch.js';
import { receiptUseCases } from '../usecases/receipts.js';
import type { Clock, Ids, ShopConfig } from '../usecases/ports.js';
import { PrintWorker } from '../devices/print-worker.js';
import { setupPrinter, type PrinterConfig, type PrinterSetup } from '../devices/printer-setup.js';
import type { DecodedDocument } from '../../native/printer/escpos-decode.js';
import { EventBus } from './event-bus.js';
import { systemClock, uuidv7Ids } from './ids.js';
import { printLabels } from './locales.js';
import { seedDemoCatalogue } from './demo-catalogue.js';

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
  shop?: Partial<ShopConfig>;
  /** Language the screen starts in. */
  uiLocale?: string;
  /** Load the demo catalogue into an empty database (the default for a first start). */
  demoCatalogue?: boolean;
  clock?: Clock;
  ids?: Ids;
  nativeBinding?: string;
  printRetryMs?: number;
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
  printer: PrinterSetup;
  printWorker: PrintWorker;
  close(): Promise<void>;
}

/**
 * The composition root of the core: everything the till does, with no Electron in it. The
 * Electron main process and the browser-mode host both start exactly this.
 */
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
    }
  } catch (error) {
    db.close();
    throw error;
  }

  const events = new EventBus();
  const printer = await setupPrinter(options.printer, options.onSimulatedDocument);
  const printWorker = new PrintWorker({
    db,
    printer: printer.port,
    profile: printer.profile,
    labels: (locale) => printLabels(assetsDir, locale),
    clock,
    events,
    log,
    ...(options.printRetryMs !== undefined ? { retryMs: options.printRetryMs } : {}),
    ...(options.printerPollMs !== undefined ? { pollMs: options.printerPollMs } : {}),
  });

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.version ?? 'dev',
      locale: options.uiLocale ?? 'en',
      currency: shop.currency,
      shopName: shop.shopName,
      tillName: shop.tillName,
    }),
    'printer.status': () => printWorker.status(),
    ...receiptUseCases({ db, clock, ids, shop, onPrintQueued: () => printWorker.kick() }),
  };
  const dispatch = createDispatch(handlers, {
    checkOutputs: options.checkOutputs ?? false,
    logError: (channel, error) => log(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  // Receipts confirmed before a crash or while the printer was away are printed now.
  printWorker.start();

  return {
    dispatch,
    events,
    db,
    printer,
    printWorker,
    async close() {
      await printWorker.stop();
      await printer.close();
      db.close();
    },
  };
}
