/**
 * The till a day-close crash test kills: a node script that starts the core exactly as `npm start`
 * does (electron/app/core.ts) on a database whose day is open, then waits for one line on stdin —
 * the `day.close` input as JSON — and closes the day through the core's dispatch. It says on
 * stdout what it did:
 *   ready | closing | closed <Z number> | refused <error code>
 * and then waits to be killed. Usage: close-child <appRoot> <databaseFile>
 */
import { startCore } from '../../electron/app/core.js';
import type { Input } from '../../electron/contract/api.js';

const [appRoot, databaseFile] = process.argv.slice(2);
if (!appRoot || !databaseFile) {
  console.error('usage: close-child <appRoot> <databaseFile>');
  process.exit(2);
}

const core = await startCore({ databaseFile, appRoot, printer: { kind: 'none' }, terminal: { kind: 'none' }, hidScanners: false });

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  const end = pending.indexOf('\n');
  if (end < 0) return;
  const input = JSON.parse(pending.slice(0, end)) as Input<'day.close'>;
  pending = '';
  // Written to a pipe, stdout is synchronous on Linux: the line is out before the close starts.
  console.log('closing');
  void core.dispatch('day.close', input).then((wire) => {
    console.log(wire.ok ? `closed ${(wire.value as { zNumber: number }).zNumber}` : `refused ${wire.error.code}`);
  });
});
console.log('ready');
// Killed by the test; never stops by itself.
setInterval(() => undefined, 60_000);
