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
import { setupTerminal, type PaymentTerminal, type TerminalConfig } from '../devices/payment-terminal.js';
import { markInterruptedRequests } from '../db/terminal-repo.js';
import { previewLines } from '../../native/printer/preview.js';
import { PrintWorker } from '../devices/print-worker.js';
import { setupPrinter, type PrinterConfig, type PrinterSetup } from '../devices/printer-setup.js';
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
      if (seedDemoShop(db, join(assetsDir, 'demo-shop.json'), ids)) log('loaded the demo customers, price formulas and stock');
    }
    const interrupted = markInterruptedRequests(db, clock.now().toISOString());
    if (interrupted > 0) log(`${interrupted} card terminal request(s) were cut off by a restart; check them on the terminal`);
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

  const terminalOption = options.terminal ?? { kind: 'simulator' };
  const terminal = 'pay' in terminalOption ? terminalOption : setupTerminal(terminalOption);
  const deps: CoreDeps = {
    db,
    clock,
    ids,
    shop,
    terminal,
    print: {
      preview: (doc) => previewLines(doc, printLabels(assetsDir, doc.locale), printer.profile),
      queued: () => printWorker.kick(),
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
    'printer.status': () => printWorker.status(),
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
