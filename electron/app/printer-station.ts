import type { Db } from '../db/open.js';
import type { EventBus } from './event-bus.js';
import type { Clock } from '../usecases/ports.js';
import type { ReceiptLabels } from '../../native/printer/document.js';
import type { DecodedDocument } from '../../native/printer/escpos-decode.js';
import { PrintWorker } from '../devices/print-worker.js';
import { setupPrinter, type PrinterConfig, type PrinterSetup } from '../devices/printer-setup.js';
import type { MonoBitmap } from '../../native/printer/pbm.js';

export interface PrinterStationOptions {
  db: Db;
  clock: Clock;
  events: EventBus;
  labels: (locale: string) => ReceiptLabels;
  log: (message: string) => void;
  retryMs?: number;
  pollMs?: number;
  onSimulatedDocument?: (doc: DecodedDocument) => void;
  /** The shop logo (assets/logo.pbm), printed when a receipt asks for it. */
  logo?: MonoBitmap | null;
}

/**
 * The receipt printer and its worker, replaceable while the till runs: a new connection from the
 * settings screen closes the old port and starts a worker on the new one. Jobs wait in SQLite
 * meanwhile, so nothing is lost or printed twice.
 */
export class PrinterStation {
  private constructor(
    private readonly options: PrinterStationOptions,
    public setup: PrinterSetup,
    public worker: PrintWorker,
    public config: PrinterConfig,
  ) {}

  static async start(config: PrinterConfig, options: PrinterStationOptions): Promise<PrinterStation> {
    const setup = await setupPrinter(config, options.onSimulatedDocument);
    return new PrinterStation(options, setup, PrinterStation.worker(setup, options), config);
  }

  private static worker(setup: PrinterSetup, o: PrinterStationOptions): PrintWorker {
    return new PrintWorker({
      db: o.db,
      printer: setup.port,
      profile: setup.profile,
      labels: o.labels,
      clock: o.clock,
      events: o.events,
      log: o.log,
      logo: o.logo ?? null,
      ...(o.retryMs !== undefined ? { retryMs: o.retryMs } : {}),
      ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
    });
  }

  get configured(): boolean {
    return this.config.kind !== 'none';
  }

  async reconfigure(config: PrinterConfig): Promise<void> {
    const next = await setupPrinter(config, this.options.onSimulatedDocument);
    await this.worker.stop();
    await this.setup.close();
    this.setup = next;
    this.config = config;
    this.worker = PrinterStation.worker(next, this.options);
    this.worker.start();
    this.options.log(`printer: now ${next.port?.name ?? 'none'}`);
  }

  async close(): Promise<void> {
    await this.worker.stop();
    await this.setup.close();
  }
}
