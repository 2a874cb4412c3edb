/**
 * One grammar for every device's connection string (settings screen, POS_* variables, --flags):
 *
 *   none                                        no such device
 *   sim | simulator [?link=pty|memory|tcp]      the device's own simulator (printer also ?profile=)
 *   <protocol>:sim[?…]  <protocol>:simulator    the same
 *   <protocol>:serial:<path>[?baud=&parity=&flow=&profile=]
 *   <protocol>:tcp:<host>[:<port>][?profile=]   IPv6 in brackets: escpos:tcp:[fe80::1]:9100
 *   hid                                         (scanner only)
 *
 * Protocols: printer `escpos`, terminal `zvt`, fiscal `posnet` (serial and sim only); the scanner
 * knows only `hid` and `none`. The printer also takes a bare serial path (`/dev/ttyUSB0`, `COM3`,
 * `\\.\COM10`), read exactly as `escpos:serial:<what was written>`.
 *
 * Scheme, transport, words (`none`, `sim`, `hid`), option names and enum values are
 * case-insensitive; paths, host names and profile ids are kept as written. The scheme / opaque
 * path / query split is the WHATWG URL parser's; options are URLSearchParams (so `+` and `%XX`
 * decode) checked by one zod schema per device and form; the serial path is percent-decoded too
 * (`%3F` for a `?` in a path; a lone `%` stays a `%`). `#` is refused anywhere, as is any control
 * character. Pure: no I/O, nothing else from the repo.
 */
import { z } from 'zod';
import { BAUD_RATES, FLOWS, LINKS, optionSchemas, PARITIES, type Options, type SerialFlow, type SerialParity, type SimLink } from './connection-options.js';
import { isHostName, isIpv6 } from './host-names.js';

export type Device = 'printer' | 'terminal' | 'fiscal' | 'scanner';
export type { SerialFlow, SerialParity, SimLink } from './connection-options.js';
export { BAUD_RATES } from './connection-options.js';
/** `path` is never blank; `baudRate` is one of BAUD_RATES (9600 when not given). */
export interface SerialTarget {
  transport: 'serial';
  path: string;
  baudRate: number;
  parity?: SerialParity;
  flowControl?: SerialFlow;
}
/** `host` is a host name, a dotted IPv4 address or an IPv6 address (without brackets or zone). */
export interface TcpTarget {
  transport: 'tcp';
  host: string;
  port: number;
}
/** The device's own simulator speaking its real protocol: over a socat PTY pair (default), in memory, or behind a loopback TCP listener. */
export interface SimTarget {
  transport: 'sim';
  link?: SimLink;
}
/** `profileId`, when present, is non-empty and has no surrounding whitespace. */
export type PrinterConnection = { kind: 'none' } | ({ kind: 'escpos'; profileId?: string } & (SerialTarget | TcpTarget | SimTarget));
export type TerminalConnection = { kind: 'none' } | ({ kind: 'zvt' } & (SerialTarget | TcpTarget | SimTarget));
export type FiscalConnection = { kind: 'none' } | ({ kind: 'posnet' } & (SerialTarget | SimTarget));
export type ScannerConnection = { kind: 'none' } | { kind: 'hid' };
export interface Connections {
  printer: PrinterConnection;
  terminal: TerminalConnection;
  fiscal: FiscalConnection;
  scanner: ScannerConnection;
}

export type BadConnectionReason =
  | 'empty'
  | 'unknown_form'
  | 'unknown_option'
  | 'duplicate_option'
  | 'bad_option'
  | 'missing_path'
  | 'bad_host'
  | 'bad_port'
  | 'bad_baud';

/** Why a connection string was refused: a stable reason code, the values concerned, an English message. */
export class BadConnectionError extends Error {
  override name = 'BadConnectionError';

  constructor(
    readonly reason: BadConnectionReason,
    message: string,
    readonly details: Record<string, string | number>,
  ) {
    super(message);
  }
}

export const DEFAULT_PORTS: { printer: 9100; terminal: 20007 } = Object.freeze({ printer: 9100, terminal: 20007 } as const);

const DEFAULT_BAUD = 9600;

export type AnyConnection = Connections[Device];
type Form = 'serial' | 'tcp' | 'sim' | 'none' | 'hid';
export type DeviceWithProtocol = Exclude<Device, 'scanner'>;

export const PROTOCOL = { printer: 'escpos', terminal: 'zvt', fiscal: 'posnet' } as const satisfies Record<DeviceWithProtocol, string>;
const TRANSPORTS: Record<DeviceWithProtocol, readonly string[]> = {
  printer: ['serial', 'tcp', 'sim'],
  terminal: ['serial', 'tcp', 'sim'],
  fiscal: ['serial', 'sim'],
};

/** Correct strings to show in messages: every form of a device, and one per form. */
const FORMS: Record<Device, readonly string[]> = {
  printer: ['escpos:serial:/dev/ttyUSB0?baud=19200', 'escpos:tcp:192.168.1.50:9100', 'escpos:tcp:[fe80::1]:9100', '/dev/ttyUSB0', 'COM3', 'sim', 'none'],
  terminal: ['zvt:serial:/dev/ttyACM0?baud=9600', 'zvt:tcp:10.0.0.5:20007', 'zvt:tcp:[fe80::1]:20007', 'sim', 'none'],
  fiscal: ['posnet:serial:/dev/ttyS1?baud=9600', 'posnet:serial:COM3', 'posnet:sim', 'none'],
  scanner: ['hid', 'none'],
};
const EXAMPLE: Record<Device, Partial<Record<Form, string>>> = {
  printer: {
    serial: 'escpos:serial:/dev/ttyUSB0?baud=19200&parity=none&flow=rtscts',
    tcp: 'escpos:tcp:192.168.1.50:9100',
    sim: 'sim?link=memory',
    none: 'none',
  },
  terminal: { serial: 'zvt:serial:/dev/ttyACM0?baud=9600', tcp: 'zvt:tcp:10.0.0.5:20007', sim: 'sim?link=memory', none: 'none' },
  fiscal: { serial: 'posnet:serial:/dev/ttyS1?baud=9600', sim: 'posnet:sim?link=memory', none: 'none' },
  scanner: { hid: 'hid', none: 'none' },
};
/** What the device is called in the prose of a message (the message starts with its id). */
const NOUN: Record<Device, string> = { printer: 'receipt printer', terminal: 'card terminal', fiscal: 'fiscal printer', scanner: 'scanner' };
const IPV6_EXAMPLE: Record<'printer' | 'terminal', string> = { printer: 'escpos:tcp:[fe80::1]:9100', terminal: 'zvt:tcp:[fe80::1]:20007' };

// ---- messages ------------------------------------------------------------------------------

/** The input as quoted in a message: at most 60 characters, cut with an ellipsis. */
function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : text;
}

class Refusal {
  constructor(
    readonly device: Device,
    readonly text: string,
    readonly knownProfiles: readonly string[] | undefined,
  ) {}

  error(reason: BadConnectionReason, problem: string, fix: string, details: Record<string, string | number> = {}): BadConnectionError {
    const message = `${this.device} connection "${cut(this.text.trim())}": ${problem}; ${fix}`;
    return new BadConnectionError(reason, message, { connection: this.text, ...details });
  }

  /** "e.g. …" for one form, with a known profile where the printer form takes one. */
  example(form: Form, ipv6 = false): string {
    if (ipv6 && (this.device === 'printer' || this.device === 'terminal')) return `e.g. ${IPV6_EXAMPLE[this.device]}`;
    let text = EXAMPLE[this.device][form] ?? FORMS[this.device][0]!;
    const profile = this.knownProfiles?.[0];
    if (this.device === 'printer' && profile !== undefined && form !== 'none') text += `${text.includes('?') ? '&' : '?'}profile=${profile}`;
    return `e.g. ${text}`;
  }

  forms(): string {
    return `write one of ${FORMS[this.device].join(', ')}`;
  }
}

// ---- parsing -------------------------------------------------------------------------------

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** A printer's bare serial path: /dev/…, COM<n> or \\.\COM<n> (Windows device namespace). */
const BARE_PATH = /^(?:\/|com\d+(?=$|\?)|\\\\[.?]\\)/i;
const CONTROL = /[\u0000-\u001f\u007f]/; // eslint-disable-line no-control-regex

/**
 * Reads a connection string for `device`. Throws a BadConnectionError that names the device,
 * quotes the input, says what is wrong and shows a correct string. `''` is 'empty': what an
 * empty setting means (none, or the default) is the caller's decision.
 */
export function parseConnection<D extends Device>(device: D, text: string, options: { knownProfiles?: readonly string[] } = {}): Connections[D] {
  return parseAny(new Refusal(device, text, options.knownProfiles)) as Connections[D];
}

function parseAny(r: Refusal): AnyConnection {
  const { device } = r;
  const raw = r.text.trim();
  if (raw === '') throw r.error('empty', 'nothing is given', r.forms());
  if (CONTROL.test(raw)) throw r.error('unknown_form', 'it contains a control character (tab, newline, …)', r.forms());
  if (raw.includes('#')) throw r.error('unknown_form', '"#" is not allowed (write %23 for a "#" in a path)', r.forms());

  const bare = device === 'printer' && BARE_PATH.test(raw);
  const scheme = SCHEME.exec(raw);
  let url: URL;
  try {
    url = new URL(bare ? `escpos:serial:${raw}` : scheme ? raw : `word:${raw}`);
  } catch {
    throw r.error('unknown_form', 'it is not understood', r.forms());
  }
  const schemas = optionSchemas(r.knownProfiles);

  if (!bare && !scheme) {
    const word = url.pathname.toLowerCase();
    if (word === 'none') {
      readOptions(r, url.search, schemas.bare, 'none', 'none');
      return { kind: 'none' };
    }
    if (device === 'scanner') {
      if (word === 'hid') {
        readOptions(r, url.search, schemas.bare, 'hid', 'hid');
        return { kind: 'hid' };
      }
      throw r.error('unknown_form', 'it is not understood (a scanner is hid or none)', r.forms());
    }
    if (word === 'sim' || word === 'simulator') return simTarget(device, readOptions(r, url.search, schemas[device].sim, 'sim', 'sim'));
    if (/^(?:\/|com\d+$)/i.test(raw)) {
      const problem = 'a bare serial path is only understood for the receipt printer, name the protocol';
      throw r.error('unknown_form', problem, `e.g. ${PROTOCOL[device]}:serial:${raw}`);
    }
    throw r.error('unknown_form', 'it is not understood', r.forms());
  }

  const protocol = url.protocol.slice(0, -1);
  if (device === 'scanner') throw r.error('unknown_form', `a scanner has no "${protocol}:" form, it is hid or none`, r.forms(), { protocol });
  const own = PROTOCOL[device];
  if (protocol !== own) {
    const other = (Object.keys(PROTOCOL) as DeviceWithProtocol[]).find((d) => PROTOCOL[d] === protocol);
    const problem = other
      ? `${protocol} is the ${NOUN[other]}'s protocol, the ${NOUN[device]} speaks ${own}`
      : `protocol "${protocol}" is not known, the ${NOUN[device]} speaks ${own}`;
    throw r.error('unknown_form', problem, r.forms(), { protocol });
  }

  const path = url.pathname;
  const colon = path.indexOf(':');
  const transport = (colon < 0 ? path : path.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? undefined : path.slice(colon + 1);
  const allowed = TRANSPORTS[device];
  const label = `${own}:${transport}`;

  if (transport === 'sim' || transport === 'simulator') {
    if (rest !== undefined) throw r.error('unknown_form', `nothing may follow "${own}:sim" but options`, r.example('sim'));
    return simTarget(device, readOptions(r, url.search, schemas[device].sim, `${own}:sim`, 'sim'));
  }
  if (transport === 'serial') {
    const serialPath = rest === undefined ? '' : decodePath(r, rest);
    if (serialPath.trim() === '') {
      throw r.error('missing_path', 'the serial port path is missing', `${r.example('serial')} (COM3 on Windows)`);
    }
    const schema = device === 'printer' ? schemas.printer.serial : schemas[device].serial;
    const options = readOptions(r, url.search, schema, label, 'serial');
    return {
      kind: own,
      transport: 'serial',
      path: serialPath,
      baudRate: options.baud ?? DEFAULT_BAUD,
      ...(options.parity !== undefined ? { parity: options.parity } : {}),
      ...(options.flow !== undefined ? { flowControl: options.flow } : {}),
      ...(options.profile !== undefined ? { profileId: options.profile } : {}),
    };
  }
  if (transport === 'tcp' && (device === 'printer' || device === 'terminal')) {
    const { host, port } = readAddress(r, device, rest === undefined ? '' : decodePath(r, rest));
    const options = readOptions(r, url.search, schemas[device].tcp, label, 'tcp');
    return { kind: PROTOCOL[device], transport: 'tcp', host, port, ...(options.profile !== undefined ? { profileId: options.profile } : {}) };
  }
  const problem =
    transport === 'tcp'
      ? `the ${NOUN[device]} has no tcp form (transports: ${allowed.join(', ')})`
      : transport === '' || transport.startsWith('/')
        ? `"${own}:" must be followed by a transport (${allowed.join(', ')}), not by "/"`
        : `transport "${transport}" is not one of ${allowed.join(', ')}`;
  throw r.error('unknown_form', problem, r.forms(), { transport, allowed: allowed.join(', ') });
}

function simTarget(device: DeviceWithProtocol, options: Options): AnyConnection {
  return {
    kind: PROTOCOL[device],
    transport: 'sim',
    ...(options.link !== undefined ? { link: options.link } : {}),
    ...(device === 'printer' && options.profile !== undefined ? { profileId: options.profile } : {}),
  };
}

/** Percent-decodes a path (a `%` not followed by two hex digits stays as it is). */
function decodePath(r: Refusal, text: string): string {
  try {
    return decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  } catch {
    throw r.error('unknown_form', `"${text}" is not valid percent-encoding (UTF-8 expected)`, r.forms());
  }
}

function readAddress(r: Refusal, device: 'printer' | 'terminal', address: string): { host: string; port: number } {
  let host: string;
  let portText: string | undefined;
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    host = close < 0 ? address.slice(1) : address.slice(1, close);
    const after = close < 0 ? '' : address.slice(close + 1);
    if (close < 0 || !isIpv6(host) || (after !== '' && !after.startsWith(':'))) {
      throw r.error('bad_host', `"${address}" is not an IPv6 address in brackets`, r.example('tcp', true), { host: address });
    }
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const parts = address.split(':');
    if (parts.length > 2) {
      throw r.error('bad_host', `"${address}" has more than one ":"; write an IPv6 address in brackets`, r.example('tcp', true), { host: address });
    }
    host = parts[0] ?? '';
    portText = parts[1];
    if (host === '') throw r.error('bad_host', 'the host is missing', r.example('tcp'), { host });
    if (!isHostName(host)) throw r.error('bad_host', `"${host}" is not a host name or IP address`, r.example('tcp'), { host });
  }
  if (portText === undefined) return { host, port: DEFAULT_PORTS[device] };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw r.error('bad_port', `port ${/^\d+$/.test(portText) ? port : `"${portText}"`} is not 1..65535`, `${r.example('tcp')} (${DEFAULT_PORTS[device]} when left out)`, {
      port: /^\d+$/.test(portText) ? port : portText,
    });
  }
  return { host, port };
}

function readOptions(r: Refusal, search: string, schema: z.ZodObject, label: string, form: Form): Options {
  const given = new Map<string, string>();
  let duplicate: string | undefined;
  for (const [key, value] of new URLSearchParams(search)) {
    const name = key.trim().toLowerCase();
    if (given.has(name)) duplicate ??= name;
    else given.set(name, value.trim());
  }
  const allowed = Object.keys(schema.shape);
  const allowedText = allowed.length ? `allowed: ${allowed.join(', ')}` : 'it takes no options';
  const result = schema.safeParse(Object.fromEntries(given));
  const issues = result.success ? [] : result.error.issues;

  const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknown && unknown.code === 'unrecognized_keys') {
    const option = unknown.keys[0] ?? '';
    throw r.error('unknown_option', `option "${option}" is not known for ${label}, ${allowedText}`, r.example(form), { option, allowed: allowed.join(', ') });
  }
  if (duplicate !== undefined) {
    throw r.error('duplicate_option', `option "${duplicate}" is given twice`, `give it once, ${r.example(form)}`, { option: duplicate });
  }
  for (const [option, value] of given) {
    if (!issues.some((issue) => issue.path[0] === option)) continue;
    const choices = optionChoices(option, r.knownProfiles);
    const details = { option, value, ...(choices ? { allowed: choices } : {}) };
    if (value === '') {
      throw r.error('bad_option', `option "${option}" needs a value${choices ? ` (one of ${choices})` : ''}`, r.example(form), details);
    }
    if (option === 'baud') {
      const baud = /^\d+$/.test(value) ? Number(value) : value;
      throw r.error('bad_baud', `baud ${typeof baud === 'number' ? baud : `"${baud}"`} is not one of ${BAUD_RATES.join(', ')}`, r.example(form), { ...details, baud });
    }
    throw r.error('bad_option', `${option} "${value}" is not one of ${choices ?? '(none known)'}`, r.example(form), details);
  }
  return result.data as Options;
}

function optionChoices(option: string, knownProfiles: readonly string[] | undefined): string | undefined {
  switch (option) {
    case 'baud':
      return BAUD_RATES.join(', ');
    case 'parity':
      return PARITIES.join(', ');
    case 'flow':
      return FLOWS.join(', ');
    case 'link':
      return LINKS.join(', ');
    case 'profile':
      return knownProfiles?.join(', ');
    default:
      return undefined;
  }
}
