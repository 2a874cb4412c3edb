import { homedir } from 'node:os';
import { join } from 'node:path';
import { parsePrinterConnection, type PrinterConfig } from '../devices/printer-setup.js';
import type { TerminalConfig } from '../devices/payment-terminal.js';
import { parseZvtConnection } from '../devices/zvt-terminal.js';

export interface StartOptions {
  port: number;
  dataDir: string;
  printer: PrinterConfig;
  terminal: TerminalConfig;
  /** HID POS scanners through node-hid ('hid', the default) or none; keyboard-wedge scanners always work. */
  scanner: 'hid' | 'none';
  uiLocale: string;
  demoCatalogue: boolean;
  /** Serve browser mode even where Electron is installed. */
  forceBrowser: boolean;
}

/** The per-user application-data folder each platform expects. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'the-till');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'the-till');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'the-till');
}

export class UsageError extends Error {}

/**
 * `--flag value` beats the POS_* environment variable, which beats the default.
 * --printer takes `simulator` (default), `none`, or a serial device path such as /dev/ttyUSB0 or COM3.
 * --terminal takes `sim` (default: the ZVT simulator), `zvt:serial:/dev/ttyACM0?baud=9600`,
 * `zvt:tcp:10.0.0.5:20007`, `simulator` (in-process stand-in) or `none`; --terminal-id-code is the
 * ID code the simulated terminal "reads" from an ID card (F10).
 */
/** A printer given as a connection string (as on the settings screen). */
function connection(text: string): PrinterConfig {
  try {
    return parsePrinterConnection(text);
  } catch (error) {
    throw new UsageError(`--printer: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function parseStartOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): StartOptions {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'no-demo' || name === 'browser') {
      switches.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  const known = new Set(['port', 'data-dir', 'printer', 'printer-profile', 'printer-baud', 'locale', 'terminal', 'terminal-id-code', 'scanner']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`unknown option --${name}`);

  const pick = (flag: string, envName: string): string | undefined => flags.get(flag) ?? env[envName];
  const portText = pick('port', 'POS_PORT') ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got "${portText}"`);

  const printerArg = pick('printer', 'POS_PRINTER') ?? 'simulator';
  const profileId = pick('printer-profile', 'POS_PRINTER_PROFILE');
  const baudText = pick('printer-baud', 'POS_PRINTER_BAUD');
  const baudRate = baudText === undefined ? undefined : Number(baudText);
  if (baudRate !== undefined && (!Number.isInteger(baudRate) || baudRate <= 0)) throw new UsageError(`--printer-baud must be a number, got "${baudText}"`);
  const printer: PrinterConfig = /^escpos:|^sim$/i.test(printerArg)
    ? connection(printerArg)
    : printerArg === 'none'
      ? { kind: 'none' }
      : printerArg === 'simulator'
        ? { kind: 'simulator', ...(profileId ? { profileId } : {}) }
        : { kind: 'serial', path: printerArg, ...(baudRate ? { baudRate } : {}), ...(profileId ? { profileId } : {}) };

  // The ZVT terminal simulator over a PTY pair is the demo default; `simulator` is the quick
  // in-process stand-in; `none` has no card terminal; `zvt:…` is a real one.
  const terminalArg = pick('terminal', 'POS_TERMINAL') ?? 'sim';
  // The demo customer Jüri Kask's ID code, so F10 finds someone out of the box; `none` = no card.
  const idCodeArg = pick('terminal-id-code', 'POS_TERMINAL_ID_CODE') ?? '38001085718';
  const idCode = idCodeArg !== 'none' ? { idCode: idCodeArg } : {};
  let terminal: TerminalConfig;
  if (terminalArg === 'none') terminal = { kind: 'none' };
  else if (terminalArg === 'simulator') terminal = { kind: 'simulator', ...idCode };
  else {
    try {
      terminal = { kind: 'zvt', connection: parseZvtConnection(terminalArg === 'sim' ? 'zvt:sim' : terminalArg), ...idCode };
    } catch (error) {
      throw new UsageError(`--terminal: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const scanner = pick('scanner', 'POS_SCANNER') ?? 'hid';
  if (scanner !== 'hid' && scanner !== 'none') throw new UsageError(`--scanner must be hid or none, got "${scanner}"`);

  return {
    port,
    terminal,
    scanner,
    dataDir: pick('data-dir', 'POS_DATA_DIR') ?? defaultDataDir(env),
    printer,
    uiLocale: pick('locale', 'POS_LOCALE') ?? 'en',
    demoCatalogue: !switches.has('no-demo'),
    forceBrowser: switches.has('browser') || env.POS_BROWSER === '1',
  };
}
