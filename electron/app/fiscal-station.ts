import type { DeviceStatus } from '../contract/api.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../usecases/ports.js';
import { FiscalWorker } from '../devices/fiscal-worker.js';
import { parseFiscalConnection, setupFiscal, type FiscalConnection, type FiscalSetup } from '../devices/fiscal-setup.js';

export interface FiscalStationOptions {
  db: Db;
  clock: Clock;
  log: (message: string) => void;
  onChange: (status: DeviceStatus) => void;
  retryMs?: number;
}

/**
 * The fiscal printer (Poland, POSNET) and its worker, replaceable from the settings screen like
 * the receipt printer. Fiscal jobs wait in SQLite while none is connected; each one is registered
 * exactly once by the worker, which asks the printer before repeating anything.
 */
export class FiscalStation {
  private constructor(
    private readonly options: FiscalStationOptions,
    public setup: FiscalSetup,
    public worker: FiscalWorker,
    public connection: FiscalConnection,
  ) {}

  static async start(text: string, options: FiscalStationOptions): Promise<FiscalStation> {
    const connection = FiscalStation.parse(text, options.log);
    const setup = await setupFiscal(connection);
    const station = new FiscalStation(options, setup, FiscalStation.worker(setup, options), connection);
    station.worker.start();
    return station;
  }

  /** '' and 'none' mean no fiscal printer; a bad string is logged and treated as none. */
  private static parse(text: string, log: (m: string) => void): FiscalConnection {
    if (text.trim() === '') return { kind: 'none' };
    try {
      return parseFiscalConnection(text);
    } catch (error) {
      log(`fiscal printer setting "${text}" is not usable: ${error instanceof Error ? error.message : String(error)}`);
      return { kind: 'none' };
    }
  }

  private static worker(setup: FiscalSetup, o: FiscalStationOptions): FiscalWorker {
    return new FiscalWorker({
      db: o.db,
      device: setup.device,
      clock: o.clock,
      log: o.log,
      onChange: o.onChange,
      ...(o.retryMs !== undefined ? { retryMs: o.retryMs } : {}),
    });
  }

  get enabled(): boolean {
    return this.connection.kind !== 'none';
  }

  async reconfigure(text: string): Promise<void> {
    const connection = FiscalStation.parse(text, this.options.log);
    const next = await setupFiscal(connection);
    await this.worker.stop();
    await this.setup.close();
    this.setup = next;
    this.connection = connection;
    this.worker = FiscalStation.worker(next, this.options);
    this.worker.start();
  }

  async close(): Promise<void> {
    await this.worker.stop();
    await this.setup.close();
  }
}
