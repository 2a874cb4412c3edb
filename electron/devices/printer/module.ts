import type { DeviceStatus, PrinterStatusView, SettingsView } from '../../contract/api.js';
import { countOpen } from '../../db/outbox-repo.js';
import type { PrintPort } from '../../usecases/ports.js';
import type { ReceiptLabels } from '../../../native/printer/document.js';
import type { DecodedDocument } from '../../../native/printer/escpos-decode.js';
import { previewLines } from '../../../native/printer/preview.js';
import { PRINTER_PROFILES } from '../../../native/printer/profiles.js';
import type { PrinterConnection } from '../connection.js';
import { checkConnection, errorText, startConnection, type DeviceModule, type ModuleContext } from '../module.js';
import { PrintDrainer } from './drainer.js';
import { loadReceiptLogo, setupPrinter, type PrinterSetup } from './setup.js';

export interface PrinterModuleOptions {
  /** The printer the till was started with (POS_PRINTER); the settings screen's, once set, wins. */
  start: PrinterConnection;
  /** Printout words in a language (the same locale files as the screen). */
  labels(locale: string): ReceiptLabels;
  /** The shop logo (a PBM file), printed when a receipt asks for it. */
  logoFile: string;
  retryMs?: number;
  /** How often an idle printer is asked for its status (ms; 0 = never). */
  pollMs?: number;
  onSimulatedDocument?: (doc: DecodedDocument) => void;
}

export interface PrinterModule extends DeviceModule {
  readonly key: 'printer';
  handlers: { 'printer.status': () => PrinterStatusView };
  /** The receipt printer as connected now (it changes when the settings name another one). */
  readonly setup: PrinterSetup;
  readonly drainer: PrintDrainer | null;
  printerStatus(): PrinterStatusView;
  port: PrintPort;
}

const KNOWN_PROFILES = Object.keys(PRINTER_PROFILES);

/** The receipt printer's own states, in the status bar's words. */
export function printerDeviceStatus(p: PrinterStatusView, configured: boolean): DeviceStatus {
  if (!configured) return { name: p.name, state: 'none' };
  const state: DeviceStatus['state'] =
    p.state === 'ok'
      ? p.message
        ? 'warning' // e.g. paper near end: still printing, but someone should look
        : 'ok'
      : p.state === 'offline'
        ? 'offline'
        : p.state === 'unavailable'
          ? 'unavailable'
          : 'error';
  return { name: p.name, state, ...(p.message ? { message: p.message } : {}) };
}

/**
 * The receipt printer: its connection, its lane of the outbox (receipts, drawer kicks, test
 * pages), its status, and live replacement when the settings screen names another printer —
 * entries wait in the outbox meanwhile, so nothing is lost or printed twice.
 */
export async function startPrinterModule(ctx: ModuleContext, options: PrinterModuleOptions): Promise<PrinterModule> {
  const { worker, db, clock, log } = ctx;
  const logo = loadReceiptLogo(options.logoFile);
  if (logo.error) log(`logo: ${logo.error}`);

  let connection = startConnection('printer', ctx.settings.printerConnection, options.start, log, { knownProfiles: KNOWN_PROFILES });
  let setup = await setupPrinter(connection, options.onSimulatedDocument);
  let drainer: PrintDrainer | null = null;

  const configured = () => connection.kind !== 'none';
  const printerStatus = (): PrinterStatusView =>
    drainer?.status() ?? {
      name: setup.port?.name ?? '-',
      state: 'unavailable',
      pendingJobs: countOpen(db, 'printer'),
      message: { key: 'printer.none' },
    };
  const show = (view: PrinterStatusView = printerStatus()) => {
    ctx.emit('printer.changed', view);
    ctx.status('printer', printerDeviceStatus(view, configured()));
  };

  const attach = () => {
    drainer = setup.port
      ? new PrintDrainer({
          db,
          printer: setup.port,
          profile: setup.profile,
          labels: options.labels,
          clock,
          logo: logo.logo,
          log,
          onStatus: show,
          onPrinted: (receiptId, number) => ctx.emit('receipt.printed', { receiptId, number }),
        })
      : null;
    worker.attach('printer', drainer, {
      ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    });
  };
  attach();
  show();

  return {
    key: 'printer',
    get setup() {
      return setup;
    },
    get drainer() {
      return drainer;
    },
    printerStatus,
    status: () => printerDeviceStatus(printerStatus(), configured()),
    port: {
      preview: (paper) => previewLines(paper, options.labels(paper.locale), setup.profile),
      configured,
    },
    handlers: { 'printer.status': () => printerStatus() },
    check: (changes) => checkConnection('printer', changes.printerConnection, { knownProfiles: KNOWN_PROFILES }),
    async settingsChanged(changes: Partial<SettingsView>) {
      if (changes.printerConnection === undefined) return;
      const next = startConnection('printer', changes.printerConnection, options.start, log, { knownProfiles: KNOWN_PROFILES });
      connection = next;
      try {
        // Between two entries of the lane: the old port finishes its entry, the new one takes over.
        await worker.exclusive('printer', async () => {
          const nextSetup = await setupPrinter(next, options.onSimulatedDocument);
          await setup.close();
          setup = nextSetup;
          attach();
        });
        worker.start('printer');
        log(`printer: now ${setup.port?.name ?? 'none'}`);
        show();
      } catch (error) {
        log(`printer: could not switch to "${changes.printerConnection}": ${errorText(error)}`);
      }
    },
    async close() {
      await worker.stop('printer');
      await setup.close();
    },
  };
}
