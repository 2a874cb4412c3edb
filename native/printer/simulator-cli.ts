/**
 * Watch a (real or virtual) serial port as if it were a printer, or be a network printer:
 *   node --import tsx native/printer/simulator-cli.ts /tmp/pty/ttyB [profileId]
 *   node --import tsx native/printer/simulator-cli.ts tcp:9100 [profileId]   (then POS_PRINTER=escpos:tcp:127.0.0.1:9100)
 * Prints every cut document to stdout and answers the till's status queries with "ok".
 */
import { DEFAULT_PROFILE_ID, PRINTER_PROFILES, findPrinterProfile } from './profiles.js';
import { openSerialLink } from '../link/serial.js';
import { PrinterSimulator } from './simulator.js';
import { startTcpPrinterSimulator } from './tcp-simulator.js';

async function main(): Promise<void> {
  const [path, profileId = DEFAULT_PROFILE_ID] = process.argv.slice(2);
  if (!path) {
    console.error('usage: simulator-cli <serial path | tcp:PORT> [profileId]');
    console.error(`profiles: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
    process.exit(2);
  }
  const profile = findPrinterProfile(profileId);
  if (!profile) {
    console.error(`unknown profile '${profileId}'; known: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
    process.exit(2);
  }
  const tcpPort = /^tcp:(\d+)$/.exec(path);
  let simulator: PrinterSimulator;
  let where: string;
  let closeAll: () => Promise<void>;
  if (tcpPort) {
    const server = await startTcpPrinterSimulator({ profile, host: '127.0.0.1', port: Number(tcpPort[1]) });
    simulator = server.simulator;
    where = `tcp 127.0.0.1:${server.port}`;
    closeAll = () => server.close();
  } else {
    const link = await openSerialLink({ path });
    simulator = new PrinterSimulator(link, { profile });
    where = link.description;
    closeAll = () => simulator.close();
  }
  let count = 0;
  let kicks = 0;
  simulator.onDocument((doc) => {
    count++;
    const rule = '='.repeat(profile.columns);
    console.log(`${rule}\n#${count} (code tables ${doc.codeTables.join(', ') || 'none'})\n${rule}`);
    // Re-create alignment and double width so the terminal looks like the paper.
    doc.lines.forEach((line, i) => {
      const style = doc.styles[i];
      const wide = style?.widthTimes === 2 ? [...line].join(' ') : line;
      const pad = Math.max(0, profile.columns - [...wide].length);
      const indent = style?.align === 'center' ? Math.floor(pad / 2) : style?.align === 'right' ? pad : 0;
      console.log(' '.repeat(indent) + wide);
    });
    for (const image of doc.images) console.log(`[image ${image.widthDots}x${image.heightDots} dots]`);
    for (const qr of doc.qrCodes) console.log(`[QR code: ${qr}]`);
    for (const code of doc.barcodes) console.log(`[barcode: ${code}]`);
    console.log(`${'-'.repeat(profile.columns)} ${doc.cut ? 'cut' : 'no cut'}\n`);
  });
  // Kicks come right after the cut: report them as they arrive.
  const watch = setInterval(() => {
    for (; kicks < simulator.drawerKicks(); kicks++) console.log('[drawer kick]');
  }, 100);
  console.error(`Simulating ${profile.name} on ${where}; Ctrl+C to stop`);
  const stop = (): void => {
    clearInterval(watch);
    void closeAll().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
