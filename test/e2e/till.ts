import { openPtyPair, type PtyPair } from '../../native/serial/pty-pair.js';
import { openSerialLink } from '../../native/printer/serial-link.js';
import { PrinterSimulator } from '../../native/printer/simulator.js';
import { tempDir } from '../support/core.js';
import { startTillProcess, type TillProcess } from '../support/till-process.js';

export interface E2eTill {
  till: TillProcess;
  printer: PrinterSimulator;
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
  const till = await startTillProcess(['--port', '0', '--data-dir', data.path, '--printer', pty.a, ...extraArgs]);
  return {
    till,
    printer,
    async stop() {
      await till.kill();
      await printer.close();
      await pty.close();
      data.remove();
    },
  };
}
