import { homedir } from 'node:os';
import { join } from 'node:path';
import { BAUD_RATES, parseConnection, type Connections, type Device, type PrinterConnection } from '../devices/connection.js';
import { isTimeZone } from '../contract/api.js';
import type { TerminalConfig } from '../devices/terminal/setup.js';
import type { ShopConfig } from '../usecases/ports.js';
import { PRINTER_PROFILES } from '../../native/printer/profiles.js';

export interface StartOptions {
  /** Browser mode's port; null when not given: the last start's port if free, else any free one. */
  port: number | null;
  dataDir: string;
  printer: PrinterConnection;
  terminal: TerminalConfig;
  /** The accounting ledger (`none`, `hledger-web:http://127.0.0.1:5077?journal=…`), until the settings name another. */
  ledger: string;
  /**
   * The ledger's API key or token until one is set on the settings screen: from the environment
   * only (POS_LEDGER_SECRET), never an argument, which anyone on the machine can list.
   */
  ledgerSecret: string;
  /** HID POS scanners through node-hid ('hid', the default) or none; keyboard-wedge scanners always work. */
  scanner: 'hid' | 'none';
  uiLocale: string;
  /** Presets for a kiosk (POS_SHOP_NAME …): what the settings say until the settings screen says otherwise. */
  shop: Partial<ShopPresets>;
  demoCatalogue: boolean;
  /** Serve browser mode even where Electron is installed. */
  forceBrowser: boolean;
  /** Replace browser mode's kept access token: links with the old one stop working. */
  newToken: boolean;
}

/** The per-user application-data folder each platform expects. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'the-till');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'the-till');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'the-till');
}

export class UsageError extends Error {}

/** The shop's identity, the till's name and the time zone a kiosk install may preset. */
export type ShopPresets = Pick<ShopConfig, 'shopName' | 'shopAddress' | 'shopRegNo' | 'shopVatNo' | 'tillName' | 'timeZone'>;

const PRESET_VARIABLES: Record<keyof ShopPresets, string> = {
  shopName: 'POS_SHOP_NAME',
  shopAddress: 'POS_SHOP_ADDRESS',
  shopRegNo: 'POS_SHOP_REG_NO',
  shopVatNo: 'POS_SHOP_VAT_NO',
  tillName: 'POS_TILL_NAME',
  timeZone: 'POS_TIME_ZONE',
};

function shopPresets(env: NodeJS.ProcessEnv): Partial<ShopPresets> {
  const presets: Partial<ShopPresets> = {};
  for (const [key, variable] of Object.entries(PRESET_VARIABLES) as [keyof ShopPresets, string][]) {
    const value = env[variable]?.trim();
    if (value) presets[key] = value;
  }
  if (presets.timeZone !== undefined && !isTimeZone(presets.timeZone)) {
    throw new UsageError(`POS_TIME_ZONE: "${presets.timeZone}" is not a time zone (e.g. Europe/Tallinn, Europe/Vilnius, Europe/Warsaw)`);
  }
  return presets;
}

/** A device given as a connection string, the same as on the settings screen. */
function connection<D extends Device>(device: D, flag: string, text: string): Connections[D] {
  try {
    return parseConnection(device, text, device === 'printer' ? { knownProfiles: Object.keys(PRINTER_PROFILES) } : {});
  } catch (error) {
    throw new UsageError(`--${flag}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `--flag value` beats the POS_* environment variable, which beats the default.
 * --printer takes a connection string: `sim` (default), `none`, `escpos:serial:…`, `escpos:tcp:…`,
 * or a serial device path such as /dev/ttyUSB0 or COM3; --printer-profile and --printer-baud set
 * what the string leaves out. --terminal takes `sim` (default: the ZVT simulator),
 * `zvt:serial:/dev/ttyACM0?baud=9600`, `zvt:tcp:10.0.0.5:20007` or `none`; --terminal-id-code is
 * the ID code the simulated terminal "reads" from an ID card (F10).
 */
export function parseStartOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): StartOptions {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'no-demo' || name === 'browser' || name === 'new-token') {
      switches.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  const known = new Set(['port', 'data-dir', 'printer', 'printer-profile', 'printer-baud', 'locale', 'terminal', 'terminal-id-code', 'scanner', 'ledger']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`unknown option --${name}`);

  const pick = (flag: string, envName: string): string | undefined => flags.get(flag) ?? env[envName];
  // An empty POS_PORT= means not given, as in a kiosk's environment file with the value left out.
  const portText = pick('port', 'POS_PORT') || undefined;
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && (!/^\d+$/.test(portText ?? '') || port > 65535)) throw new UsageError(`--port must be 0..65535, got "${portText}"`);

  let printer = connection('printer', 'printer', pick('printer', 'POS_PRINTER') ?? 'sim');
  const profileId = pick('printer-profile', 'POS_PRINTER_PROFILE');
  if (profileId !== undefined && printer.kind === 'escpos' && printer.profileId === undefined) {
    if (!Object.hasOwn(PRINTER_PROFILES, profileId)) {
      throw new UsageError(`--printer-profile: "${profileId}" is not a printer profile; known: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
    }
    printer = { ...printer, profileId };
  }
  const baudText = pick('printer-baud', 'POS_PRINTER_BAUD');
  if (baudText !== undefined && printer.kind === 'escpos' && printer.transport === 'serial') {
    const baudRate = Number(baudText);
    if (!BAUD_RATES.includes(baudRate)) throw new UsageError(`--printer-baud must be one of ${BAUD_RATES.join(', ')}, got "${baudText}"`);
    printer = { ...printer, baudRate };
  }

  // The ZVT terminal simulator over a PTY pair is the demo default; `none` has no card terminal;
  // `zvt:…` is a real one. The demo customer Jüri Kask's ID code is what the simulator "reads"
  // (F10), so F10 finds someone out of the box; `none` = no card in the reader.
  const idCodeArg = pick('terminal-id-code', 'POS_TERMINAL_ID_CODE') ?? '38001085718';
  const terminalConnection = connection('terminal', 'terminal', pick('terminal', 'POS_TERMINAL') ?? 'sim');
  const terminal: TerminalConfig =
    terminalConnection.kind === 'none' || idCodeArg === 'none' ? terminalConnection : { ...terminalConnection, idCode: idCodeArg };

  const scanner = connection('scanner', 'scanner', pick('scanner', 'POS_SCANNER') ?? 'hid').kind;

  return {
    port,
    terminal,
    scanner,
    dataDir: pick('data-dir', 'POS_DATA_DIR') ?? defaultDataDir(env),
    printer,
    ledger: pick('ledger', 'POS_LEDGER') ?? 'none',
    ledgerSecret: env.POS_LEDGER_SECRET?.trim() ?? '',
    uiLocale: pick('locale', 'POS_LOCALE') ?? 'en',
    shop: shopPresets(env),
    demoCatalogue: !switches.has('no-demo'),
    forceBrowser: switches.has('browser') || env.POS_BROWSER === '1',
    newToken: switches.has('new-token') || env.POS_NEW_TOKEN === '1',
  };
}
