import { expect, test, type Page } from '@playwright/test';
import { openPtyPair, type PtyPair } from '../../native/link/pty-pair.js';
import { openSerialLink } from '../../native/link/serial.js';
import { PrinterSimulator } from '../../native/printer/simulator.js';
import { tempDir } from '../support/core.js';
import { startTillProcess, type TillProcess } from '../support/till-process.js';

export interface E2eTill {
  /** The till process running now (a new one after `restart`). */
  readonly till: TillProcess;
  printer: PrinterSimulator;
  /** The till's data folder (its database, the reports it saves). */
  readonly dataDir: string;
  /** Pulls the plug: SIGKILL, no shutdown code runs. */
  crash(): Promise<void>;
  /** Starts the till again on the same data and the same printer port; `more` flags win over the first ones. */
  restart(more?: string[]): Promise<TillProcess>;
  stop(): Promise<void>;
}

/**
 * A till as a shop would run it in browser mode — its own process, a fresh data folder — with
 * its receipt printer on a virtual serial port and the simulated printer on the other end.
 */
export async function startE2eTill(extraArgs: string[] = []): Promise<E2eTill> {
  const data = tempDir('till-e2e-');
  const pty: PtyPair = await openPtyPair();
  const printer = new PrinterSimulator(await openSerialLink({ path: pty.b }));
  const args = ['--port', '0', '--data-dir', data.path, '--printer', pty.a, ...extraArgs];
  let till = await startTillProcess(args);
  return {
    get till() {
      return till;
    },
    printer,
    dataDir: data.path,
    crash: () => till.kill('SIGKILL'),
    async restart(more: string[] = []) {
      till = await startTillProcess([...args, ...more]);
      return till;
    },
    async stop() {
      await till.kill();
      await printer.close();
      await pty.close();
      data.remove();
    },
  };
}

/**
 * Every spec's frame: a fresh till per test (its own process, data and printer), stopped after
 * it. `onStart` receives the till so the spec's helpers can reach it.
 */
export function tillPerTest(onStart: (till: E2eTill) => void): void {
  let current: E2eTill | null = null;
  test.beforeEach(async () => {
    current = await startE2eTill();
    onStart(current);
  });
  test.afterEach(async () => {
    await current?.stop();
    current = null;
  });
}

/** Opens the till's screen and waits until it has loaded. */
export async function openTill(page: Page, till: E2eTill): Promise<void> {
  await page.goto(till.till.url);
  await expect(page.getByLabel('Status')).toBeVisible();
}
