/**
 * Watch a (real or virtual) serial port as if it were a printer:
 *   node --import tsx native/printer/simulator-cli.ts /tmp/pty/ttyB [profileId]
 * Prints every cut document to stdout and answers the till's status queries with "ok".
 */
import { DEFAULT_PROFILE_ID, PRINTER_PROFILES, findPrinterProfile } from './profiles.js';
import { openSerialLink } from './serial-link.js';
import { PrinterSimulator } from './simulator.js';

async function main(): Promise<void> {
  const [path, profileId = DEFAULT_PROFILE_ID] = process.argv.slice(2);
  if (!path) {
    console.error('usage: simulator-cli <serial path> [profileId]');
    console.error(`profiles: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
    process.exit(2);
  }
  const profile = findPrinterProfile(profileId);
  if (!profile) {
    console.error(`unknown profile '${profileId}'; known: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
    process.exit(2);
  }
  const link = await openSerialLink({ path });
  const simulator = new PrinterSimulator(link, { profile });
  let count = 0;
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
    console.log(`${'-'.repeat(profile.columns)} ${doc.cut ? 'cut' : 'no cut'}\n`);
  });
  console.error(`Simulating ${profile.name} on ${link.description}; Ctrl+C to stop`);
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
